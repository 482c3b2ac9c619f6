//! jq filters typed in the JSON view: as you type, kept, dropped, and errors shown inline.

use super::{deliver_filter, pikachu, press, screen};

#[test]
fn a_jq_filter_as_you_type_then_kept_then_dropped() {
    let mut app = pikachu();
    // Typed exactly as a user would: the box starts empty.
    let effects = press(&mut app, "|.stats[].base_stat");
    deliver_filter(&mut app, &effects);
    let text = screen(&mut app);
    for n in ["35", "55", "40", "50", "90"] {
        assert!(text.contains(&format!("│  {n} ")), "{n} in {text}");
    }
    assert_eq!(
        app.explorer
            .view
            .as_ref()
            .unwrap()
            .tree()
            .unwrap()
            .rows()
            .len(),
        6
    );
    assert!(
        text.contains("6 lines") && text.contains("filtered"),
        "{text}"
    );
    // Enter keeps it: keys move in the filtered view.
    press(&mut app, "\nG");
    assert_eq!(app.explorer.view.as_ref().unwrap().cursor, 5);
    // Esc drops it.
    press(&mut app, "\x1b");
    let text = screen(&mut app);
    assert!(text.contains("\"abilities\": ["), "{text}");
    assert!(
        app.explorer.view.is_some(),
        "Esc dropped the filter, not the view"
    );
}

#[test]
fn filter_errors_show_inline() {
    let mut app = pikachu();
    let effects = press(&mut app, "|.stats[");
    deliver_filter(&mut app, &effects);
    let text = screen(&mut app);
    assert!(text.contains("✗ expected"), "{text}");
    // The document stays shown under the error.
    assert!(text.contains("\"abilities\": ["), "{text}");
}
