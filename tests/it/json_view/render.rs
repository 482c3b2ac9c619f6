//! How the JSON view draws a body: the snapshot, colours, deep and huge bodies, control bytes.

use super::{app_with, draw, pikachu, press, screen};
use apidex::msg::Msg;

#[test]
fn pikachu_json_view_snapshot() {
    let mut app = pikachu();
    insta::assert_snapshot!(
        "pikachu_json_view",
        crate::support::screen::without_tab_bar(draw(&mut app, 100, 30).backend())
    );
}

#[test]
fn keys_and_values_are_coloured() {
    let mut app = pikachu();
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    let find = |needle: &str| {
        let chars: Vec<char> = needle.chars().collect();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                if (x..buffer.area.width)
                    .zip(&chars)
                    .filter(|(cx, c)| buffer[(*cx, y)].symbol().starts_with(**c))
                    .count()
                    == chars.len()
                {
                    return (x, y);
                }
            }
        }
        panic!("{needle} not on screen");
    };
    let theme = apidex::ui::theme::Theme::default();
    let (x, y) = find("\"name\": \"static\"");
    assert_eq!(
        buffer[(x + 1, y)].fg,
        theme.accent,
        "keys in the accent colour"
    );
    assert_eq!(buffer[(x + 10, y)].fg, theme.ok, "strings in green");
    let (x, y) = find("112");
    assert_eq!(
        buffer[(x, y)].fg,
        theme.matched,
        "numbers in their own colour"
    );
}

#[test]
fn a_deep_body_is_text_with_its_depth() {
    let body = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut app = app_with(body.as_bytes());
    let text = screen(&mut app);
    assert!(
        text.contains("too deeply nested to explore (100000 levels)"),
        "{text}"
    );
    assert!(text.contains("[[[[[[[["), "the raw text: {text}");
}

#[test]
fn control_bytes_are_shown_escaped() {
    let body = br#"{"evil":"\u001b]52;c;aGk=\u0007\u001b[2J","key\u001b[31m":1}"#;
    let mut app = app_with(body);
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| !c.symbol().chars().any(char::is_control)),
        "a raw control character reached the screen"
    );
    let text = screen(&mut app);
    assert!(
        text.contains(r#""evil": "\u001b]52;c;aGk=\u0007\u001b[2J""#),
        "{text}"
    );
}

#[test]
fn a_huge_body_is_cut_at_the_cap_and_draws_only_what_is_seen() {
    // About 10 MB: more values than the tree keeps.
    let item = r#"{"id":123456,"name":"a name","ok":true},"#;
    let mut body = String::from("[");
    while body.len() < 10 * 1024 * 1024 {
        body.push_str(item);
    }
    body.push_str("null]");
    let mut app = app_with(body.as_bytes());
    let tree_rows = app
        .explorer
        .view
        .as_ref()
        .unwrap()
        .tree()
        .unwrap()
        .rows()
        .len();
    assert!(tree_rows > 100_000);
    let text = screen(&mut app);
    assert!(
        text.contains("cut short"),
        "the view says the tree was cut: {text}"
    );
    assert!(text.contains("10.0 MB"), "{text}");
    press(&mut app, "G");
    let text = screen(&mut app);
    assert!(text.contains("│  ]"), "the last row is drawn: {text}");
    // The mouse wheel moves in the view.
    app.update(Msg::Wheel {
        x: 5,
        y: 5,
        delta: -3,
    });
    assert_eq!(app.explorer.view.as_ref().unwrap().cursor, tree_rows - 4);
}
