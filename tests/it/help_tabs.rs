//! The help overlay's tab row (`1 2 3 4  Pokémon / Posts / Dogs / Live`) with tab keys rebound
//! and unbound: each tab's keys stay in its own place, so no key is shown as another tab's.
#![allow(clippy::unwrap_used)] // tests: a panic is how they fail

use apidex::keymap::{HelpKeys, KeyAction, Keymap};

fn tab_row(keymap: &Keymap) -> String {
    keymap.help_keys(HelpKeys::Actions(&KeyAction::TABS))
}

#[test]
fn an_unbound_tab_key_keeps_the_other_tabs_keys_in_their_places() {
    let mut keymap = Keymap::default();
    assert_eq!(tab_row(&keymap), "1  2  3  4");
    keymap.bind("1", "none").unwrap();
    keymap.bind("f2", "tab_posts").unwrap();
    // Not `2 F2  3  4`, which reads as 2 and F2 showing Pokémon.
    assert_eq!(tab_row(&keymap), "—  2 F2  3  4");
    keymap.bind("4", "none").unwrap();
    assert_eq!(tab_row(&keymap), "—  2 F2  3  —");
    for key in ["2", "f2", "3"] {
        keymap.bind(key, "none").unwrap();
    }
    assert_eq!(tab_row(&keymap), "unbound");
}
