//! The help overlay's rows: what each group of actions does. The keys are looked up in the
//! keymap when the overlay is drawn, so rebinding a key changes the help too.

use super::{Key, KeyAction, Keymap};

/// What the keys column of a help row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpKeys {
    /// The keys bound to these actions (alternatives of one action separated by a space, the
    /// actions by two).
    Actions(&'static [KeyAction]),
    /// Fixed text, for what is not a key binding (the mouse, search terms).
    Text(&'static str),
}

/// One row of the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpRow {
    /// The keys.
    pub keys: HelpKeys,
    /// What they do.
    pub what: &'static str,
}

const fn text(keys: &'static str, what: &'static str) -> HelpRow {
    HelpRow {
        keys: HelpKeys::Text(keys),
        what,
    }
}

const fn row(actions: &'static [KeyAction], what: &'static str) -> HelpRow {
    HelpRow {
        keys: HelpKeys::Actions(actions),
        what,
    }
}

/// Stands for the tabs' titles in [`KeyAction::TABS`] order (`Pokémon / … / Live`) in a help
/// text, so a new source's tab is named without editing the help.
const TAB_TITLES: &str = "{tabs}";

/// The tabs' titles in [`KeyAction::TABS`] order.
fn tab_titles() -> String {
    crate::model::TabId::ALL
        .map(crate::model::TabId::title)
        .join(" / ")
}

/// Every row of the help overlay; every [`KeyAction`] appears in one.
pub const HELP: &[HelpRow] = &[
    row(
        &[KeyAction::SelectPrev, KeyAction::SelectNext],
        "move the selection · in the detail pane: walk its links",
    ),
    row(
        &[KeyAction::PageUp, KeyAction::PageDown],
        "move or scroll by a page",
    ),
    row(&[KeyAction::First, KeyAction::Last], "first / last"),
    row(
        &[KeyAction::FocusList, KeyAction::FocusDetail],
        "focus the list / the detail pane",
    ),
    row(
        &[KeyAction::Confirm],
        "open the selection, a link, a batch item · fetch marked items",
    ),
    row(
        &[KeyAction::HistoryBack, KeyAction::HistoryForward],
        "back to the previous page / forward again",
    ),
    row(
        &[KeyAction::FocusSearch],
        "search: type to filter; {confirm} opens the best match or fetches what you typed",
    ),
    HelpRow {
        keys: HelpKeys::Text("  type:water gen:1 dex:1-151"),
        what: "search terms in the Pokémon list, with free text",
    },
    row(
        &[KeyAction::Back],
        "leave search / detail · clear marks · close the batch or compare view",
    ),
    row(
        &[KeyAction::ToggleMark],
        "mark or unmark (then {confirm} fetches all marked together)",
    ),
    row(&[KeyAction::MarkAll], "mark every item shown"),
    row(
        &[KeyAction::Compare],
        "compare 2–6 marked Pokémon side by side",
    ),
    row(&[KeyAction::ToggleShiny], "shiny sprites on / off"),
    row(
        &[KeyAction::AnotherPhoto],
        "another random photo of the breed",
    ),
    row(
        &[KeyAction::Retry],
        "retry what failed, else refresh the page shown",
    ),
    row(
        &[KeyAction::ToggleBookmark],
        "bookmark the item shown (again: remove)",
    ),
    row(
        &[KeyAction::ShowBookmarks, KeyAction::ShowHistory],
        "bookmarks · recently opened items ({confirm} opens, {back} closes)",
    ),
    row(
        &[KeyAction::DeleteSaved, KeyAction::ClearHistory],
        "in those lists: delete a row · clear history (asks first)",
    ),
    row(
        &[KeyAction::Export],
        "export the item shown, the marked or the batch items as JSON",
    ),
    row(
        &[KeyAction::ShowRequest],
        "the request behind the page: status, headers, cache or network",
    ),
    row(
        &[KeyAction::OpenInBrowser],
        "open the page's URL (a breed's: its photo) in the browser",
    ),
    row(
        &[KeyAction::ToggleJson],
        "the JSON view of the page shown (again: close it)",
    ),
    row(
        &[KeyAction::OpenUrl],
        "open any URL (type or paste it; Enter opens it as a page)",
    ),
    text(
        "  in the JSON view",
        "↑↓ j k move · → l unfold · ← h fold · Space toggle · zM zR fold / unfold all",
    ),
    text(
        "  / n N  |",
        "search keys and values, next / previous · jq filter (Enter keeps, Esc drops)",
    ),
    text(
        "  Enter  Bksp",
        "follow the URL (to a rich page too: Bksp comes back) · back (Esc or {json} closes)",
    ),
    text(
        "  y y u p j c",
        "copy: the value · the URL · the jq path · the whole JSON · a curl command",
    ),
    row(
        &[
            KeyAction::SearchClear,
            KeyAction::RecallOlder,
            KeyAction::RecallNewer,
        ],
        "in the search box: clear it · recall earlier searches",
    ),
    row(
        &[KeyAction::NextTab, KeyAction::PrevTab],
        "next / previous tab, Live too",
    ),
    row(&KeyAction::TABS, TAB_TITLES),
    text(
        "p {filter} S c o",
        "in the Live tab: pause · filter · send · clear · open a stream",
    ),
    HelpRow {
        keys: HelpKeys::Text("mouse"),
        what: "click selects · wheel scrolls",
    },
    row(
        &[KeyAction::ToggleHelp],
        "this help (it scrolls like a page)",
    ),
    row(&[KeyAction::Quit], "quit"),
    // Handled before the keymap (no binding can take the way back to the shell away).
    text("Ctrl-Z", "suspend to the shell (fg comes back)"),
];

/// What a help row's text names by its key as bound (the first while browsing; in the JSON
/// view and the Live tab the first that works there), or by the action's name when no key
/// does it: the text never names a key that does something else.
const PLACEHOLDERS: &[(&str, KeyAction, Where)] = &[
    ("{confirm}", KeyAction::Confirm, Where::Browser),
    ("{back}", KeyAction::Back, Where::Browser),
    ("{json}", KeyAction::ToggleJson, Where::Json),
    ("{filter}", KeyAction::FocusSearch, Where::Live),
];

/// Where a placeholder's key is pressed.
#[derive(Clone, Copy)]
enum Where {
    Browser,
    Json,
    Live,
}

impl Keymap {
    /// A help row's text (its description, or its keys when they are fixed text) with the
    /// keys it names as bound: `{confirm} opens` is `Enter opens`.
    pub fn help_text(&self, text: &str) -> String {
        let mut text = text.replace(TAB_TITLES, &tab_titles());
        for (placeholder, action, place) in PLACEHOLDERS {
            if text.contains(placeholder) {
                let key = match place {
                    Where::Browser => self.label(*action, false),
                    Where::Json => self.json_label(*action),
                    Where::Live => self.live_label(*action),
                };
                text = text.replace(
                    placeholder,
                    &key.unwrap_or_else(|| action.name().to_owned()),
                );
            }
        }
        text
    }

    /// The keys column of a help row: `↑ k  ↓ j`. Ctrl-C is always listed with quit; an action
    /// with no key is `—`, and a row with none says `unbound`.
    pub fn help_keys(&self, keys: HelpKeys) -> String {
        let actions = match keys {
            HelpKeys::Text(text) => return self.help_text(text),
            HelpKeys::Actions(actions) => actions,
        };
        let groups: Vec<String> = actions
            .iter()
            .map(|action| {
                let mut labels: Vec<String> = self.keys_for(*action).map(Key::label).collect();
                if *action == KeyAction::Quit {
                    labels.push("Ctrl-C".to_owned());
                }
                labels.join(" ")
            })
            .collect();
        if groups.iter().all(String::is_empty) {
            "unbound".to_owned()
        } else {
            // A row's text names its actions in order (`Pokémon / Posts / …`): an action with no
            // key keeps its place as `—`, or the next action's keys would read as its.
            let groups: Vec<&str> = groups
                .iter()
                .map(|g| if g.is_empty() { "—" } else { g })
                .collect();
            groups.join("  ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tab_row_names_every_tab_in_order() {
        let keymap = Keymap::default();
        let row = HELP
            .iter()
            .find(|r| r.keys == HelpKeys::Actions(&KeyAction::TABS))
            .expect("a row for the tabs");
        let shown = keymap.help_text(row.what);
        // The tab bar's order: the built-in sources, Live, then the registered ones.
        assert!(
            shown.starts_with("Pokémon / Posts / Dogs / Live"),
            "{shown}"
        );
        for source in crate::model::Source::ALL {
            assert!(shown.contains(source.title()), "{shown}");
        }
        for action in KeyAction::TABS {
            assert!(
                keymap.keys_for(action).next().is_some(),
                "{action:?} has a default key"
            );
        }
    }

    #[test]
    fn every_action_has_a_row() {
        for action in KeyAction::all() {
            assert!(
                HELP.iter()
                    .any(|r| matches!(r.keys, HelpKeys::Actions(a) if a.contains(&action))),
                "{action:?}"
            );
        }
    }

    #[test]
    fn texts_name_the_keys_as_bound() {
        let mut keymap = Keymap::default();
        let text = |keymap: &Keymap| {
            HELP.iter()
                .map(|r| keymap.help_text(r.what))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert!(!text(&keymap).contains('{'), "every placeholder filled");
        assert!(text(&keymap).contains("(Enter opens, Esc closes)"));
        keymap.bind("enter", "none").expect("unbinds");
        keymap.bind("f5", "confirm").expect("binds");
        keymap.bind("v", "none").expect("unbinds");
        keymap.bind("esc", "none").expect("unbinds");
        let rebound = text(&keymap);
        assert!(rebound.contains("(F5 opens, back closes)"), "{rebound}");
        assert!(
            rebound.contains("back (Esc or toggle_json closes)"),
            "{rebound}"
        );
        assert!(!rebound.contains("Enter opens the best"), "{rebound}");
        keymap.bind("/", "none").expect("unbinds");
        keymap.bind("c", "focus_search").expect("binds");
        let live = HELP
            .iter()
            .find(|r| r.what.contains("Live tab"))
            .expect("a row");
        // `c` clears the Live tab; no key filters there.
        assert_eq!(keymap.help_keys(live.keys), "p focus_search S c o");
    }

    #[test]
    fn keys_follow_the_keymap() {
        let mut keymap = Keymap::default();
        let select = HelpKeys::Actions(&[KeyAction::SelectPrev, KeyAction::SelectNext]);
        assert_eq!(keymap.help_keys(select), "↑ k  ↓ j");
        assert_eq!(
            keymap.help_keys(HelpKeys::Actions(&[KeyAction::Quit])),
            "q Ctrl-C"
        );
        keymap.bind("ctrl-d", "page_down").expect("binds");
        keymap.bind("pagedown", "none").expect("unbinds");
        assert_eq!(
            keymap.help_keys(HelpKeys::Actions(&[KeyAction::PageDown])),
            "Ctrl-D"
        );
        keymap.bind("e", "none").expect("unbinds");
        assert_eq!(
            keymap.help_keys(HelpKeys::Actions(&[KeyAction::Export])),
            "unbound"
        );
    }
}
