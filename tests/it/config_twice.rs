//! One key spelled twice in a bindings table, hostile cases: the entry that is used is the last
//! one in the file that can be used, and the messages say so truthfully.
#![allow(clippy::unwrap_used)] // tests: a panic is how they fail

use std::path::Path;

use apidex::config::{self, Config};
use apidex::keymap::{Key, KeyAction};
use crossterm::event::{KeyCode, KeyModifiers};

#[test]
fn a_later_spelling_that_cannot_be_used_does_not_drop_the_earlier_one() {
    // The later entry names no action: it is ignored, so the earlier binding is the one left —
    // not neither, with a message saying the ignored one "is used".
    let text = "[keys]\n\"Ctrl-U\" = \"quit\"\n\"ctrl-u\" = \"hepl\"\n\
                [search_keys]\n\"ctrl-w\" = \"search_clear\"\n\"Ctrl-W\" = \"bogus\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    let problems = loaded.problems.join("\n");
    assert_eq!(loaded.problems.len(), 2, "{problems}");
    assert!(
        problems.contains("line 3: unknown action \"hepl\""),
        "{problems}"
    );
    assert!(
        problems.contains("line 6: search_keys: unknown action \"bogus\""),
        "{problems}"
    );
    assert!(!problems.contains("names the same key"), "{problems}");
    let keymap = loaded.config.over(Config::bundled()).keymap();
    let ctrl = |c| Key::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert_eq!(keymap.action(ctrl('u'), false), Some(KeyAction::Quit));
    assert_eq!(keymap.action(ctrl('w'), true), Some(KeyAction::SearchClear));
}

#[test]
fn three_spellings_report_the_two_earlier_lines_and_keep_the_last() {
    let text =
        "[keys]\n\"shift-tab\" = \"quit\"\n\"BackTab\" = \"first\"\n\"Shift-Tab\" = \"last\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    let problems = loaded.problems.join("\n");
    assert_eq!(loaded.problems.len(), 2, "{problems}");
    assert!(
        problems.contains("line 2: keys: \"shift-tab\" names the same key as \"Shift-Tab\""),
        "{problems}"
    );
    assert!(
        problems.contains("line 3: keys: \"BackTab\" names the same key as \"Shift-Tab\""),
        "{problems}"
    );
    let keymap = loaded.config.over(Config::bundled()).keymap();
    let back_tab = Key::new(KeyCode::BackTab, KeyModifiers::NONE);
    assert_eq!(keymap.action(back_tab, false), Some(KeyAction::Last));
}
