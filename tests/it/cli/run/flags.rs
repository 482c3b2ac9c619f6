//! Base URLs from the environment and from flags, usage errors, and help at every level.

use super::{Fixture, bare};
use crate::support::process::{code, stderr, stdout};
use crate::support::{base_urls, closed_port};

#[test]
fn environment_variables_set_the_base_urls() {
    let fx = Fixture::new();
    let [poke, jph, dog] = base_urls(&fx.server);
    let run = |args: &[&str]| {
        bare()
            .env("APIDEX_POKEAPI_URL", &poke)
            .env("APIDEX_JSONPLACEHOLDER_URL", &jph)
            .env("APIDEX_DOGAPI_URL", &dog)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["get", "pokemon", "pikachu"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(stdout(&out).contains("#25 Pikachu"));
    let out = run(&["get", "post", "1"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(stdout(&out).starts_with("#1 sunt aut facere"));
    let out = run(&["list", "breeds"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(stdout(&out).lines().any(|l| l == "australian/shepherd"));
    assert!(fx.server.request_count() >= 3, "{:?}", fx.server.requests());
}

#[test]
fn flags_override_environment_variables() {
    let fx = Fixture::new();
    let [poke, ..] = base_urls(&fx.server);
    let dead = format!("http://127.0.0.1:{}/api/v2", closed_port());
    let out = bare()
        .env("APIDEX_POKEAPI_URL", &dead)
        .args(["--pokeapi-url", &poke, "get", "pokemon", "pikachu"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(stdout(&out).contains("#25 Pikachu"));
}

#[test]
fn usage_errors_exit_2() {
    let fx = Fixture::new();
    for args in [
        &["get", "pokemon"][..],
        &["--concurrency", "0", "get", "pokemon", "pikachu"],
        &["--timeout", "abc", "get", "pokemon", "pikachu"],
        &["--timeout", "0", "get", "pokemon", "pikachu"],
        &["get", "post", "one"],
        &["list", "nothing"],
        &["get", "dog", "hound", "--count", "0"],
    ] {
        let out = fx.run(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}: {}", stdout(&out));
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
    // A bad base URL is a usage error too, whether given as a flag or in the environment.
    let out = bare()
        .args(["--pokeapi-url", "not-a-url", "get", "pokemon", "pikachu"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("not-a-url"), "{}", stderr(&out));
    let out = bare()
        .env("APIDEX_POKEAPI_URL", "ftp://example.com")
        .args(["get", "pokemon", "pikachu"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    // None of these reached the server.
    assert_eq!(fx.server.request_count(), 0, "{:?}", fx.server.requests());
}

#[test]
fn help_works_at_every_level() {
    for args in [
        &["--help"][..],
        &["get", "--help"],
        &["get", "pokemon", "--help"],
        &["list", "--help"],
        &["fetch", "--help"],
    ] {
        let out = bare().args(args).output().unwrap();
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("Usage:"), "{args:?}: {text}");
    }
    let text = stdout(&bare().arg("--help").output().unwrap());
    for sub in ["get", "list", "fetch", "--pokeapi-url", "--concurrency"] {
        assert!(text.contains(sub), "{sub} missing from --help: {text}");
    }
    let text = stdout(&bare().args(["get", "--help"]).output().unwrap());
    for sub in ["pokemon", "post", "breeds", "dog", "--json"] {
        assert!(text.contains(sub), "{sub} missing from get --help: {text}");
    }
    let text = stdout(&bare().args(["get", "pokemon", "--help"]).output().unwrap());
    assert!(text.contains("NAME_OR_ID"), "{text}");
}
