//! `apidex list`: every source's list, the wrong server, and whole-list failures on stderr.

use super::Fixture;
use crate::support::process::{code, stderr, stdout};

#[test]
fn list_pokemon() {
    let fx = Fixture::new();
    let out = fx.run(&["list", "pokemon"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1351);
    // Display names (#13), the slug beside where it is more than the name folded; forms keep
    // their slugs.
    assert!(lines.contains(&"25 Pikachu"));
    assert!(lines.contains(&"122 Mr. Mime"), "{:?}", &lines[121]);
    assert_eq!(lines[0], "1 Bulbasaur");
    assert_eq!(lines[1350], "10326 meowstic-female-mega");
    let ja = stdout(&fx.run(&["--lang", "ja", "list", "pokemon"]));
    assert!(
        ja.lines().any(|l| l == "25 ピカチュウ  pikachu"),
        "{ja:.200}"
    );
}

#[test]
fn list_posts_users_and_breeds() {
    let fx = Fixture::new();
    let out = fx.run(&["list", "posts"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 100);
    assert_eq!(
        text.lines().next(),
        Some("1 sunt aut facere repellat provident occaecati excepturi optio reprehenderit")
    );

    let out = fx.run(&["list", "users"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 10);
    assert_eq!(text.lines().next(), Some("1 Leanne Graham (@Bret)"));

    let out = fx.run(&["list", "breeds"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.contains(&"australian/shepherd"), "{text}");
    assert!(lines.contains(&"australian/kelpie"), "{text}");
    assert!(lines.contains(&"australian"), "{text}");
    assert!(lines.contains(&"affenpinscher"), "{text}");
}

#[test]
fn list_against_the_wrong_server_fails() {
    let fx = Fixture::empty();
    let out = fx.run(&["list", "posts"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("HTTP 404"), "{err}");
}

#[test]
fn whole_list_failures_are_named_on_stderr() {
    let fx = Fixture::empty();
    let out = fx.run(&["get", "breeds"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    let url = format!("{}/api/breeds/list/all", fx.server.url());
    assert_eq!(err, format!("apidex: breed list: HTTP 404 from {url}\n"));

    let out = fx.run(&["list", "users"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    let url = format!("{}/users", fx.server.url());
    assert_eq!(err, format!("apidex: list users: HTTP 404 from {url}\n"));
}
