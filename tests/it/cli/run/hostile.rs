//! Hostile strings from a server are escaped in readable output, in JSON and on stderr.

use super::{Fixture, json_array};
use crate::support::Reply;
use crate::support::process::{code, stderr, stdout};

/// A post whose strings try to retitle (OSC 0 … BEL) and clear (CSI 2 J) the terminal; the
/// control characters are JSON escapes in the body, as a real API would send them.
const HOSTILE_POST: &str = r#"{"userId":1,"id":1,"title":"evil \u001b]0;pwned\u0007 title \u001b[2J end","body":"first line\u001b[31m red\nsecond line"}"#;

fn has_raw_controls(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| b == 0x1b || b == 0x07)
}

#[test]
fn hostile_strings_are_escaped_in_readable_output() {
    let fx = Fixture::new();
    fx.server
        .route("/posts/1", Reply::json(HOSTILE_POST.as_bytes().to_vec()));
    let out = fx.run(&["get", "post", "1"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(
        !has_raw_controls(&out.stdout),
        "raw control bytes on stdout"
    );
    let text = stdout(&out);
    assert!(
        text.contains(r"#1 evil \x1b]0;pwned\x07 title \x1b[2J end"),
        "{text}"
    );
    assert!(text.contains(r"first line\x1b[31m red"), "{text}");
    // The body's real line break is kept as a line break.
    assert!(text.contains("\n  second line\n"), "{text}");

    // The list view goes through the same escaping.
    fx.server.route(
        "/posts",
        Reply::json(format!("[{HOSTILE_POST}]").into_bytes()),
    );
    let out = fx.run(&["list", "posts"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(
        !has_raw_controls(&out.stdout),
        "raw control bytes on stdout"
    );
    assert_eq!(
        stdout(&out),
        "1 evil \\x1b]0;pwned\\x07 title \\x1b[2J end\n"
    );
}

#[test]
fn hostile_strings_stay_escaped_in_json_output() {
    let fx = Fixture::new();
    fx.server
        .route("/posts/1", Reply::json(HOSTILE_POST.as_bytes().to_vec()));
    let out = fx.run(&["get", "post", "1", "--json"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(
        !has_raw_controls(&out.stdout),
        "raw control bytes on stdout"
    );
    assert!(stdout(&out).contains(r"\u001b]0;pwned\u0007"));
    let items = json_array(&out);
    assert_eq!(
        items[0]["title"],
        "evil \u{1b}]0;pwned\u{7} title \u{1b}[2J end"
    );
}

#[test]
fn hostile_names_are_escaped_on_stderr() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "pokemon", "\u{1b}]0;pwned\u{7}"]);
    assert_eq!(code(&out), 1);
    assert!(
        !has_raw_controls(&out.stderr),
        "raw control bytes on stderr"
    );
    let err = stderr(&out);
    assert!(
        err.contains(r"not found: pokemon \x1b]0;pwned\x07"),
        "{err}"
    );
    // It can be no PokeAPI slug: not found without a request (no `HTTP 400` to earn).
    assert_eq!(fx.server.requests(), Vec::<String>::new());
}
