//! The help overlay, and at 80×24 scrolled to its last binding.

use apidex::msg::Msg;

use super::{draw, pikachu_app};
use crate::support::screen::without_tab_bar;

#[test]
fn help_overlay() {
    let mut app = pikachu_app();
    app.update(Msg::ToggleHelp);
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Esc or ? closes this help"), "{screen}");
    insta::assert_snapshot!("help_overlay", without_tab_bar(terminal.backend()));
}

#[test]
fn help_at_80_by_24_scrolls_to_its_last_binding() {
    let mut app = pikachu_app();
    app.update(Msg::ToggleHelp);
    let terminal = draw(&mut app, 80, 24);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("↓ more"), "{screen}");
    assert!(
        !screen.contains("q Ctrl-C"),
        "the last binding is below: {screen}"
    );
    insta::assert_snapshot!("help_80x24_top", without_tab_bar(terminal.backend()));

    app.update(Msg::Bottom);
    let terminal = draw(&mut app, 80, 24);
    let screen = terminal.backend().to_string();
    assert!(
        screen.contains("q Ctrl-C") && screen.contains("quit"),
        "{screen}"
    );
    assert!(
        screen.contains("↑ more") && !screen.contains("↓ more"),
        "{screen}"
    );
    insta::assert_snapshot!("help_80x24_bottom", without_tab_bar(terminal.backend()));
}
