//! `apidex get` and `apidex fetch`: found and missing items, readable and JSON output, every
//! source's resources.

use serde_json::Value;

use super::{Fixture, json_array};
use crate::support::fixture;
use crate::support::process::{code, stderr, stdout};

#[test]
fn get_pokemon_json_mixes_found_and_missing() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "pokemon", "pikachu", "25", "missingno", "--json"]);
    assert_eq!(code(&out), 1, "stderr: {}", stderr(&out));
    let items = json_array(&out);
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["name"], "pikachu");
    assert_eq!(items[1]["name"], "pikachu");
    assert_eq!(items[1]["id"], 25);
    assert!(items[2].is_null(), "{}", items[2]);
    let err = stderr(&out);
    assert!(err.contains("missingno"), "{err}");
    assert!(err.contains("not found"), "{err}");
    assert!(
        !err.contains("pikachu"),
        "only the missing item is reported: {err}"
    );
}

#[test]
fn get_pokemon_readable() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "pokemon", "pikachu", "eevee"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("#25 Pikachu"), "{text}");
    assert!(text.contains("electric"), "{text}");
    assert!(text.contains("lightning-rod (hidden)"), "{text}");
    assert!(text.contains("#133 Eevee"), "{text}");
    // Argument order is kept.
    assert!(text.find("#25 Pikachu") < text.find("#133 Eevee"), "{text}");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn get_pokemon_json_is_the_fixture_as_is() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "pokemon", "pikachu", "--json"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let items = json_array(&out);
    let expected: Value = serde_json::from_slice(&fixture("pokeapi/pokemon/25.json")).unwrap();
    assert_eq!(items, vec![expected]);
    // Byte for byte, too: the raw body inside one array.
    let mut exact = b"[".to_vec();
    exact.extend(fixture("pokeapi/pokemon/25.json"));
    exact.extend(b"]\n");
    assert!(out.stdout == exact, "stdout is not the fixture verbatim");
}

#[test]
fn get_other_pokeapi_resources() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "ability", "static"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("#9 Static\n"), "{text}");
    assert!(text.contains("Has a 30% chance of paralyzing"), "{text}");

    let out = fx.run(&["get", "species", "pikachu"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("#25 Pikachu — Mouse Pokémon\n"), "{text}");
    assert!(text.contains("evolution-chain/10/"), "{text}");

    let out = fx.run(&["get", "type", "electric"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("#13 electric\n"), "{text}");
    assert!(text.contains("0× to      ground"), "{text}");
}

#[test]
fn get_post_json() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "post", "1", "--json"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let items = json_array(&out);
    let expected: Value = serde_json::from_slice(&fixture("jsonplaceholder/posts-1.json")).unwrap();
    assert_eq!(items, vec![expected]);
}

#[test]
fn get_user_todo_and_comments() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "user", "1"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("#1 Leanne Graham (@Bret)\n"), "{text}");
    assert!(text.contains("Romaguera-Crona"), "{text}");
    assert!(text.contains("Sincere@april.biz"), "{text}");

    let out = fx.run(&["get", "todo", "1"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert_eq!(stdout(&out), "#1 [ ] delectus aut autem (user 1)\n");

    let out = fx.run(&["get", "comments", "--post", "1"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(headers.len(), 5, "{text}");
    assert_eq!(
        headers[0],
        "#1 id labore ex et quam laborum <Eliseo@gardner.biz>"
    );
}

#[test]
fn get_missing_post_exits_1() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "post", "2", "999"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.starts_with("#2 qui est esse\n"), "{text}");
    let err = stderr(&out);
    assert!(err.contains("not found: post 999"), "{err}");
}

#[test]
fn get_breeds_and_dog_images() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "breeds"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.lines().any(|l| l == "australian: kelpie, shepherd"),
        "{text}"
    );
    assert!(text.lines().any(|l| l == "affenpinscher"), "{text}");

    let out = fx.run(&["get", "breeds", "--json"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["message"]["australian"][1], "shepherd");

    let out = fx.run(&["get", "dog", "hound/afghan", "--count", "3"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("https://images.dog.ceo/breeds/hound-afghan/")),
        "{text}"
    );

    let out = fx.run(&["get", "dog", "nope"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("not found: breed nope"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fetch_urls() {
    let fx = Fixture::new();
    let url = format!("{}/api/v2/pokemon/25", fx.server.url());
    let out = fx.run(&["fetch", &url]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let items = json_array(&out);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["name"], "pikachu");

    let missing = format!("{}/api/v2/pokemon/0", fx.server.url());
    let out = fx.run(&["fetch", &url, &missing]);
    assert_eq!(code(&out), 1);
    let items = json_array(&out);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["id"], 25);
    assert!(items[1].is_null(), "{items:?}");
    let err = stderr(&out);
    assert!(err.contains("not found: URL"), "{err}");
    // A URL that is no URL is a usage error (tests/it/cli/usage.rs).
}
