//! Copying from the JSON view (value, path, URL, curl, the exact body) and opening the URL.

use super::{URL, app_with, pikachu, press, screen};
use apidex::msg::{Effect, JsonEffect};

#[test]
fn y_copies_value_path_url_and_curl() {
    let mut app = pikachu();
    press(&mut app, "/static\n");
    let copied = |effects: Vec<Effect>| {
        let copies: Vec<String> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::Json(JsonEffect::Copy(text)) => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(copies.len(), 1, "one copy: {effects:?}");
        copies[0].clone()
    };
    press(&mut app, "y");
    assert!(screen(&mut app).contains("copy: y value · u URL · p path"));
    assert_eq!(copied(press(&mut app, "y")), "static");
    assert!(screen(&mut app).contains("copied the value (6 bytes)"));
    assert_eq!(copied(press(&mut app, "yp")), ".abilities[0].ability.name");
    assert_eq!(copied(press(&mut app, "yu")), URL);
    let curl = copied(press(&mut app, "yc"));
    assert_eq!(curl, apidex::app::json_copy::curl_command(URL));
    let whole = copied(press(&mut app, "yj"));
    let reparsed: serde_json::Value = serde_json::from_str(&whole).unwrap();
    let original: serde_json::Value =
        serde_json::from_slice(&crate::support::fixture("pokeapi/pokemon/25.json")).unwrap();
    assert_eq!(reparsed, original, "yj copies the whole document");
    // A container copies as compact JSON.
    press(&mut app, "h");
    assert_eq!(
        copied(press(&mut app, "yy")),
        r#"{"name":"static","url":"https://pokeapi.co/api/v2/ability/9/"}"#
    );
    // Esc after y cancels the menu only.
    press(&mut app, "y\x1b");
    assert!(app.explorer.view.is_some());
}

#[test]
fn yj_copies_the_body_exactly_and_refuses_what_no_terminal_would_carry() {
    let body = br#"{"big": 12345678901234567890123, "neg": -0, "order": {"z": 1, "a": 2}}"#;
    let mut app = app_with(body);
    let effects = press(&mut app, "yj");
    let copies: Vec<&String> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Json(JsonEffect::Copy(text)) => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(
        copies,
        [&String::from_utf8(body.to_vec()).unwrap()],
        "byte for byte"
    );

    let huge = format!(
        "[\"{}\"]",
        "x".repeat(apidex::app::json_copy::MAX_COPY + 10)
    );
    let mut app = app_with(huge.as_bytes());
    let effects = press(&mut app, "yj");
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Json(JsonEffect::Copy(_)))),
        "nothing sent to the terminal"
    );
    assert!(
        screen(&mut app).contains("too large to copy"),
        "{}",
        screen(&mut app)
    );
}

#[test]
fn capital_o_opens_the_views_url_in_the_browser() {
    let mut app = pikachu();
    let effects = press(&mut app, "O");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::OpenInBrowser { url } if url == URL)),
        "{effects:?}"
    );
}
