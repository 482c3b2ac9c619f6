//! Bookmarks, history, recent searches and export: what outlives a session. The store does the
//! work off the UI task; this keeps what is shown and asks for the rest with effects.

use std::collections::HashSet;

use ratatui::widgets::ListState;

use super::loadable::Loadable;
use super::{App, Focus};
use crate::model::ItemKey;
use crate::model::SavedKind;
use crate::msg::Effect;
use crate::store::marks::Remembered;

/// The bookmarks or history view.
#[derive(Debug)]
pub struct SavedView {
    /// Which list.
    pub kind: SavedKind,
    /// The items, newest first.
    pub items: Loadable<Vec<Remembered>>,
    /// Selection.
    pub state: ListState,
    /// `X` was pressed once: the view asks whether to clear all history.
    pub confirm_clear: bool,
}

impl SavedView {
    /// The selected row's item.
    pub fn selected_item(&self) -> Option<&Remembered> {
        self.items.loaded()?.get(self.state.selected()?)
    }
}

/// What the app knows of the store.
#[derive(Debug, Default)]
pub struct Saved {
    /// Whether there is a store to remember things in (none: `--no-cache` or no cache dir).
    pub enabled: bool,
    /// Stored keys of bookmarked items, to mark them on screen.
    pub bookmarked: HashSet<String>,
    /// Recent searches, newest first.
    pub searches: Vec<String>,
    /// Position in `searches` while recalling (Ctrl-P / Ctrl-N).
    pub recall: Option<usize>,
    /// The bookmarks or history view, while open.
    pub view: Option<SavedView>,
}

impl App {
    /// The item the user is looking at, as the store remembers it: the page shown, else the
    /// list selection.
    fn current_item(&self) -> Option<Remembered> {
        let tab = self.tab();
        let key = tab
            .detail
            .key
            .clone()
            .or_else(|| tab.list.selected().map(|e| e.key.clone()))?;
        Some(remembered(&key))
    }

    /// `b`.
    pub(super) fn toggle_bookmark(&mut self) -> Vec<Effect> {
        if !self.saved.enabled {
            self.notice = Some(
                "bookmarks are off: the data file could not be opened (see the log)".to_owned(),
            );
            return vec![];
        }
        match self.current_item() {
            Some(item) => vec![Effect::ToggleBookmark { item }],
            None => vec![],
        }
    }

    /// `B` / `H`: opens the list, or closes it when it is the one open.
    pub(super) fn show_saved(&mut self, kind: SavedKind) -> Vec<Effect> {
        if self.saved.view.as_ref().is_some_and(|v| v.kind == kind) {
            self.saved.view = None;
            return vec![];
        }
        if !self.saved.enabled {
            self.notice = Some(
                "bookmarks and history are off: the data file could not be opened (see the log)"
                    .to_owned(),
            );
            return vec![];
        }
        self.saved.view = Some(SavedView {
            kind,
            items: Loadable::Loading {
                req: crate::model::RequestId(0),
            },
            state: ListState::default(),
            confirm_clear: false,
        });
        self.focus = Focus::List;
        vec![Effect::LoadSaved { kind }]
    }

    /// The store's answer for the open view.
    pub(super) fn saved_loaded(
        &mut self,
        kind: SavedKind,
        result: Result<Vec<Remembered>, String>,
    ) {
        if kind == SavedKind::Bookmarks
            && let Ok(items) = &result
        {
            self.saved.bookmarked = items.iter().map(|i| i.key.clone()).collect();
        }
        let Some(view) = self.saved.view.as_mut().filter(|v| v.kind == kind) else {
            return;
        };
        view.items = match result {
            Ok(items) => {
                // A refresh (after a delete) keeps the selection where it was.
                let at = if view.items.loaded().is_some() {
                    view.state.selected().unwrap_or(0)
                } else {
                    0
                };
                view.state
                    .select((!items.is_empty()).then(|| at.min(items.len() - 1)));
                Loadable::Loaded(items)
            }
            Err(err) => {
                self.notice = Some(err.clone());
                Loadable::Failed(crate::api::ApiError::Transport {
                    url: String::new(),
                    reason: err,
                })
            }
        };
    }

    /// Moves the saved view's selection.
    pub(super) fn move_saved(&mut self, delta: isize) {
        if let Some(view) = &mut self.saved.view {
            let count = view.items.loaded().map_or(0, Vec::len);
            if count > 0 {
                let current = view.state.selected().unwrap_or(0);
                view.state
                    .select(Some(current.saturating_add_signed(delta).min(count - 1)));
            }
        }
    }

    /// Enter in the saved view: opens the item in its own tab.
    pub(super) fn open_saved(&mut self) -> Vec<Effect> {
        let Some(view) = self.saved.view.take() else {
            return vec![];
        };
        let stored = view
            .state
            .selected()
            .and_then(|i| view.items.loaded()?.get(i).map(|r| r.key.clone()));
        let Some(key) = stored.as_deref().and_then(ItemKey::from_stored) else {
            return vec![];
        };
        self.active = key.source();
        self.focus = Focus::Detail;
        self.navigate(key)
    }

    /// A bookmark changed in the store.
    pub(super) fn bookmark_toggled(&mut self, key: String, result: Result<bool, String>) {
        match result {
            Ok(true) => {
                self.info = Some(format!("bookmarked {key}"));
                self.saved.bookmarked.insert(key);
            }
            Ok(false) => {
                self.info = Some(format!("removed bookmark {key}"));
                self.saved.bookmarked.remove(&key);
            }
            Err(err) => self.notice = Some(err),
        }
    }

    /// Ctrl-P / Ctrl-N in the search box.
    pub(super) fn recall_search(&mut self, delta: isize) -> Vec<Effect> {
        if self.saved.searches.is_empty() {
            return vec![];
        }
        let last = self.saved.searches.len() - 1;
        let next = match self.saved.recall {
            None if delta > 0 => Some(0),
            None => return vec![],
            Some(i) => {
                let j = i.saturating_add_signed(delta);
                if delta < 0 && i == 0 {
                    None
                } else {
                    Some(j.min(last))
                }
            }
        };
        self.saved.recall = next;
        let query = next.map_or_else(String::new, |i| self.saved.searches[i].clone());
        self.edit_query(move |q| *q = query)
    }

    /// Remembers a search that was acted on (Enter), most recent first.
    pub(super) fn remember_search(&mut self, query: &str) -> Vec<Effect> {
        let query = query.trim();
        self.saved.recall = None;
        if query.is_empty() || !self.saved.enabled {
            return vec![];
        }
        self.saved.searches.retain(|q| q != query);
        self.saved.searches.insert(0, query.to_owned());
        vec![Effect::RecordSearch {
            query: query.to_owned(),
        }]
    }

    /// `e`: the batch's items, else the marked ones, else the page shown.
    pub(super) fn export(&mut self) -> Vec<Effect> {
        let tab = self.tab();
        let keys: Vec<ItemKey> = if let Some(batch) = &tab.batch {
            batch.items.iter().map(|i| i.key.clone()).collect()
        } else if !tab.list.marks.is_empty() {
            let entries = tab.list.all();
            tab.list
                .marks
                .iter()
                .filter_map(|&i| entries.get(i))
                .map(|e| e.key.clone())
                .collect()
        } else {
            tab.detail
                .key
                .clone()
                .or_else(|| tab.list.selected().map(|e| e.key.clone()))
                .into_iter()
                .collect()
        };
        let name = match keys.as_slice() {
            [] => return vec![],
            [one] => one.crumb(),
            many => format!("{}-{}", many.len(), self.active.title().to_lowercase()),
        };
        self.info = Some(format!("exporting {name}…"));
        vec![Effect::Export { keys, name }]
    }
}

/// The store's record of an item: its key and a label.
pub fn remembered(key: &ItemKey) -> Remembered {
    Remembered {
        key: key.to_stored(),
        label: key.to_string(),
    }
}
