//! The help overlay's tab row (`1 2 3 4  Pokémon / Posts / Dogs / Live`) with tab keys rebound
//! and unbound: each tab's keys stay in its own place, so no key is shown as another tab's.
#![allow(clippy::unwrap_used)] // tests: a panic is how they fail

use apidex::keymap::{HelpKeys, KeyAction, Keymap};
use apidex::model::Source;

/// The Live tab's digit (after the built-in sources' and before the registered ones').
fn live_digit() -> String {
    (apidex::model::TabId::Live.index() + 1).to_string()
}

/// The digits of the tabs `from..=to`, as the tab row lists them.
fn digits(from: usize, to: usize) -> Vec<String> {
    (from..=to).map(|n| n.to_string()).collect()
}

fn tab_row(keymap: &Keymap) -> String {
    keymap.help_keys(HelpKeys::Actions(&KeyAction::TABS))
}

#[test]
fn an_unbound_tab_key_keeps_the_other_tabs_keys_in_their_places() {
    let mut keymap = Keymap::default();
    let last = Source::COUNT + 1;
    assert_eq!(tab_row(&keymap), digits(1, last).join("  "));
    keymap.bind("1", "none").unwrap();
    keymap.bind("f2", "tab_posts").unwrap();
    // Not `2 F2  3  4`, which reads as 2 and F2 showing Pokémon.
    let mut expected = vec!["—".to_owned(), "2 F2".to_owned()];
    expected.extend(digits(3, last));
    assert_eq!(tab_row(&keymap), expected.join("  "));
    keymap.bind(&live_digit(), "none").unwrap();
    expected[apidex::model::TabId::Live.index()] = "—".to_owned();
    assert_eq!(tab_row(&keymap), expected.join("  "));
    for key in ["2".to_owned(), "f2".to_owned()]
        .into_iter()
        .chain(digits(3, last))
    {
        keymap.bind(&key, "none").unwrap();
    }
    assert_eq!(tab_row(&keymap), "unbound");
}

#[test]
fn the_tab_bar_names_each_tabs_key_as_bound_or_none() {
    use apidex::app::{App, Hosts};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let bar = |keymap: Keymap| {
        let (mut app, _) = App::new(Hosts::default());
        let chrome = apidex::ui::Chrome {
            theme: apidex::ui::theme::Theme::default(),
            keymap,
        };
        let mut terminal = Terminal::new(TestBackend::new(100, 20)).unwrap();
        terminal
            .draw(|frame| apidex::ui::draw_with(frame, &mut app, &chrome))
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..100)
            .map(|x| buffer[(x, 0)].symbol())
            .collect::<String>()
    };
    let shown = bar(Keymap::default());
    assert!(
        shown.starts_with(" 1 Pokémon │ 2 Posts │ 3 Dogs │"),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("│ {} Live │", live_digit())),
        "{shown}"
    );
    let mut keymap = Keymap::default();
    keymap.bind("1", "none").unwrap();
    keymap.bind("p", "tab_pokemon").unwrap();
    keymap.bind("2", "none").unwrap();
    keymap.bind("f2", "tab_posts").unwrap();
    keymap.bind(&live_digit(), "none").unwrap();
    // The same widths (mouse clicks rely on them): a wide label or no key is a blank.
    let shown = bar(keymap);
    assert!(
        shown.starts_with(" p Pokémon │   Posts │ 3 Dogs │"),
        "{shown}"
    );
    assert!(shown.contains("│   Live │"), "{shown}");
}
