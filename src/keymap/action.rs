//! What a key can be bound to. Kept apart from [`Msg`], so a binding can only ever ask for an
//! intent, never fake a result.

use serde::{Deserialize, Serialize};
use strum::{EnumIter, EnumString, IntoEnumIterator, IntoStaticStr};

use crate::model::{RecordId, Source, TabId};
use crate::msg::{JsonMsg, Msg, SavedMsg};

/// An action a key can be bound to, named in the config file in snake case
/// (`select_next = …` is written `"j" = "select_next"`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    EnumIter,
    EnumString,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum KeyAction {
    /// Move the selection down (in the detail pane: the next link).
    SelectNext,
    /// Move the selection up (in the detail pane: the previous link).
    SelectPrev,
    /// Down a page.
    PageDown,
    /// Up a page.
    PageUp,
    /// The first row (or the top of the page).
    First,
    /// The last row (or the bottom of the page).
    Last,
    /// Focus the list.
    FocusList,
    /// Focus the detail pane.
    FocusDetail,
    /// Start typing a search.
    FocusSearch,
    /// Open the selection, a link or a batch item; fetch the marked items.
    Confirm,
    /// Leave search or the detail pane, clear marks, close a view.
    Back,
    /// Mark or unmark the selection.
    ToggleMark,
    /// Mark every row shown.
    MarkAll,
    /// Retry what failed.
    Retry,
    /// Compare the marked Pokémon.
    Compare,
    /// Shiny sprites on or off.
    ToggleShiny,
    /// Another random photo of the breed.
    AnotherPhoto,
    /// Bookmark the item shown, or remove the bookmark.
    ToggleBookmark,
    /// List the bookmarks.
    ShowBookmarks,
    /// List recently opened items.
    ShowHistory,
    /// In the bookmarks or history view: delete the selected row.
    DeleteSaved,
    /// In the history view: clear all history (asks first).
    ClearHistory,
    /// Export the item shown, the marked or the batch items as JSON.
    Export,
    /// Show the request behind the page shown (status, headers, origin).
    ShowRequest,
    /// Open the page's URL (a breed's photo) in the system browser.
    OpenInBrowser,
    /// The JSON view of the page shown (or close it).
    ToggleJson,
    /// Open any URL (a one-line prompt).
    OpenUrl,
    /// Back to the previous page.
    HistoryBack,
    /// Forward again.
    HistoryForward,
    /// The next source's tab.
    NextTab,
    /// The previous source's tab.
    PrevTab,
    /// The Pokémon tab.
    TabPokemon,
    /// The Posts tab.
    TabPosts,
    /// The Dogs tab.
    TabDogs,
    /// A registered source's tab, named `tab_<id>` (`tab_berry`).
    #[strum(disabled)]
    #[serde(skip)]
    TabRecord(RecordId),
    /// The Live tab (a WebSocket stream).
    TabLive,
    /// Empty the search box (while typing).
    SearchClear,
    /// Recall an older search into the search box (while typing).
    RecallOlder,
    /// Recall a newer search into the search box (while typing).
    RecallNewer,
    /// Open or close the help overlay.
    ToggleHelp,
    /// Leave apidex.
    Quit,
}

/// Where an action can be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// In the list, the detail pane and while typing a search.
    Anywhere,
    /// Not while typing a search (where arrows, Home and End would mean the text).
    NotTyping,
    /// Only while typing a search.
    Typing,
}

impl KeyAction {
    /// The actions that show a tab, in tab-bar order ([`TabId::ALL`]: the built-in sources,
    /// Live, then the registered ones); a registered source's is [`KeyAction::TabRecord`].
    pub const TABS: [Self; TabId::COUNT] = {
        let mut tabs = [Self::TabLive; TabId::COUNT];
        let mut i = 0;
        while i < TabId::COUNT {
            if let TabId::Source(source) = TabId::ALL[i] {
                tabs[i] = Self::tab(source);
            }
            i += 1;
        }
        tabs
    };

    /// The action that shows `source`'s tab.
    pub const fn tab(source: Source) -> Self {
        match source {
            Source::Pokemon => Self::TabPokemon,
            Source::Posts => Self::TabPosts,
            Source::Dogs => Self::TabDogs,
            Source::Record(record) => Self::TabRecord(record),
        }
    }

    /// Every action, in the order the help lists them (the order they are declared in, a
    /// registered source's tab after the Dogs tab).
    pub fn all() -> impl Iterator<Item = Self> {
        Self::iter().flat_map(|action| {
            let records = (action == Self::TabDogs)
                .then(|| RecordId::all().map(Self::TabRecord))
                .into_iter()
                .flatten();
            std::iter::once(action).chain(records)
        })
    }

    /// The action's name in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Self::TabRecord(record) => record_tab_name(record),
            other => other.into(),
        }
    }

    /// The action named `name` (snake case, as in the config file).
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.trim();
        name.parse().ok().or_else(|| {
            let id = name.strip_prefix("tab_")?;
            RecordId::find(id).map(Self::TabRecord)
        })
    }

    /// The message the action sends.
    pub fn msg(self) -> Msg {
        match self {
            Self::SelectNext => Msg::Move(1),
            Self::SelectPrev => Msg::Move(-1),
            Self::PageDown => Msg::Page(1),
            Self::PageUp => Msg::Page(-1),
            Self::First => Msg::Top,
            Self::Last => Msg::Bottom,
            Self::FocusList => Msg::FocusList,
            Self::FocusDetail => Msg::FocusDetail,
            Self::FocusSearch => Msg::FocusSearch,
            Self::Confirm => Msg::Confirm,
            Self::Back => Msg::Back,
            Self::ToggleMark => Msg::ToggleMark,
            Self::MarkAll => Msg::MarkAll,
            Self::Retry => Msg::Retry,
            Self::Compare => Msg::Compare,
            Self::ToggleShiny => Msg::ToggleShiny,
            Self::AnotherPhoto => Msg::AnotherPhoto,
            Self::ToggleBookmark => Msg::ToggleBookmark,
            Self::ShowBookmarks => Msg::ShowBookmarks,
            Self::ShowHistory => Msg::ShowHistory,
            Self::DeleteSaved => Msg::Saved(SavedMsg::Delete),
            Self::ClearHistory => Msg::Saved(SavedMsg::ClearHistory),
            Self::Export => Msg::Export,
            Self::ShowRequest => Msg::ShowRequest,
            Self::OpenInBrowser => Msg::OpenPage,
            Self::ToggleJson => Msg::Json(JsonMsg::Toggle),
            Self::OpenUrl => Msg::Json(JsonMsg::OpenPrompt),
            Self::HistoryBack => Msg::HistoryBack,
            Self::HistoryForward => Msg::HistoryForward,
            Self::NextTab => Msg::NextTab,
            Self::PrevTab => Msg::PrevTab,
            Self::TabPokemon => Msg::SelectTab(Source::Pokemon),
            Self::TabPosts => Msg::SelectTab(Source::Posts),
            Self::TabDogs => Msg::SelectTab(Source::Dogs),
            Self::TabRecord(record) => Msg::SelectTab(Source::Record(record)),
            Self::TabLive => Msg::Live(crate::msg::LiveMsg::Show),
            Self::SearchClear => Msg::SearchClear,
            Self::RecallOlder => Msg::SearchRecall(1),
            Self::RecallNewer => Msg::SearchRecall(-1),
            Self::ToggleHelp => Msg::ToggleHelp,
            Self::Quit => Msg::Quit,
        }
    }

    /// Where the action can be used.
    pub fn scope(self) -> Scope {
        match self {
            Self::First | Self::Last | Self::FocusList | Self::FocusDetail => Scope::NotTyping,
            Self::SearchClear | Self::RecallOlder | Self::RecallNewer => Scope::Typing,
            _ => Scope::Anywhere,
        }
    }

    /// Whether the action can be used while typing a search (`typing`) or otherwise.
    pub fn applies(self, typing: bool) -> bool {
        match self.scope() {
            Scope::Anywhere => true,
            Scope::NotTyping => !typing,
            Scope::Typing => typing,
        }
    }
}

/// `tab_<id>`: made once per registered source and kept for the program's life, so
/// [`KeyAction::name`] can hand out a `&'static str` like every other action's.
fn record_tab_name(record: RecordId) -> &'static str {
    static NAMES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        RecordId::all()
            .map(|r| &*format!("tab_{}", r.spec().id).leak())
            .collect()
    });
    NAMES.get(record.index()).copied().unwrap_or("tab_unknown")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde_and_read_back() {
        for action in KeyAction::all() {
            assert_eq!(KeyAction::from_name(action.name()), Some(action));
            if !matches!(action, KeyAction::TabRecord(_)) {
                let value = serde_json::to_value(action).unwrap_or_default();
                assert_eq!(value.as_str(), Some(action.name()));
            }
        }
        assert_eq!(KeyAction::from_name("frobnicate"), None);
    }
}
