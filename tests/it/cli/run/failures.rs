//! Failures of the server or the network: exit statuses, what is said about them (and what
//! never is: a password), and stdout keeping only data.

use super::{Fixture, bare, json_array};
use crate::support::process::{code, stderr, stdout};
use crate::support::{Fault, Reply, closed_port};

#[test]
fn a_server_error_exits_1_and_names_the_status() {
    let fx = Fixture::new();
    // Sylveon (#700) is not in the bundled snapshot, which would otherwise answer for it.
    fx.server
        .route("/api/v2/pokemon/sylveon", Reply::status(500));
    let out = fx.run(&["get", "pokemon", "sylveon", "eevee"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("HTTP 500"), "{err}");
    assert!(err.contains("sylveon"), "{err}");
    // The other item is still printed.
    let text = stdout(&out);
    assert!(text.contains("#133 Eevee"), "{text}");
    assert!(!text.contains("500"), "{text}");
}

#[test]
fn a_refused_connection_exits_1() {
    let base = format!("http://127.0.0.1:{}/api/v2", closed_port());
    // Not in the bundled snapshot (see tests/it/offline.rs for what is).
    let out = bare()
        .args(["--pokeapi-url", &base, "get", "pokemon", "sylveon"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("cannot connect"), "{err}");
}

#[test]
fn a_password_in_a_base_url_is_never_printed_nor_logged() {
    let base = format!("http://user:s3cretpw@127.0.0.1:{}/api/v2", closed_port());
    let log = std::env::temp_dir().join(format!("apidex-pw-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);
    let out = bare()
        .env("APIDEX_LOG_FILE", &log)
        .args([
            "--pokeapi-url",
            &base,
            "--verbose",
            "get",
            "pokemon",
            "sylveon",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("cannot connect to http://user@127.0.0.1"),
        "{err}"
    );
    assert!(!err.contains("s3cretpw"), "{err}");
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        logged.contains("server unreachable"),
        "the log was written: {logged}"
    );
    assert!(!logged.contains("s3cretpw"), "{logged}");
    let _ = std::fs::remove_file(&log);
}

#[test]
fn a_hanging_server_times_out() {
    let fx = Fixture::new();
    fx.server
        .route("/api/v2/pokemon/sylveon", Reply::fault(Fault::Hang));
    let out = fx.run(&["--timeout", "0.3", "get", "pokemon", "sylveon"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("timed out"), "{err}");
}

#[test]
fn stdout_carries_only_data_when_items_fail() {
    let fx = Fixture::new();
    fx.server
        .route("/api/v2/pokemon/broken", Reply::status(500));

    // Readable: nothing at all for a lone missing item.
    let out = fx.run(&["get", "pokemon", "missingno"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    assert!(stderr(&out).contains("missingno"));

    // Readable: only the found item's summary.
    let out = fx.run(&["get", "pokemon", "missingno", "pikachu", "broken"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.starts_with("#25 Pikachu\n"), "{text}");
    for noise in ["missingno", "broken", "not found", "HTTP", "apidex:"] {
        assert!(!text.contains(noise), "{noise:?} on stdout: {text}");
    }
    let err = stderr(&out);
    assert!(err.contains("missingno") && err.contains("broken"), "{err}");

    // JSON: still one valid array, null where items failed.
    let out = fx.run(&["get", "pokemon", "broken", "pikachu", "missingno", "--json"]);
    assert_eq!(code(&out), 1);
    let items = json_array(&out);
    assert_eq!(items.len(), 3);
    assert!(items[0].is_null());
    assert_eq!(items[1]["id"], 25);
    assert!(items[2].is_null());
}
