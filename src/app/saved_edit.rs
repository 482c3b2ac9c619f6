//! Editing the bookmarks and history views: `d`/Delete removes the selected row, `X` clears all
//! history after asking (the same key again confirms, anything else keeps it), and `b` in a view
//! acts on the selected row, never on the page behind the view.
//!
//! The row goes from the view at once (no wait for the store); when the store answers, the view
//! is read again, so what it shows is what the store holds — also when the store failed.
//!
//! Clearing asks instead of offering an undo: it drops up to 500 entries with their order, and a
//! stray key should cost nothing, while an undo would have to put every entry back as it was
//! (and the store writes on its own thread, so "undo" could race the write it undoes).

use super::App;
use crate::model::SavedKind;
use crate::msg::{Effect, Msg, SavedEffect, SavedMsg};

impl App {
    /// A saved-view message: an intent from a key, or the store's answer.
    pub(super) fn saved_msg(&mut self, msg: SavedMsg) -> Vec<Effect> {
        match msg {
            SavedMsg::Delete => self.delete_saved_row(),
            SavedMsg::ClearHistory => self.clear_history(),
            SavedMsg::Changed { kind, result } => {
                if let Err(err) = result {
                    self.notice = Some(err);
                }
                // Read again: the view shows what the store holds (the row is back if the
                // delete failed).
                match &self.saved.view {
                    Some(view) if view.kind == kind => vec![Effect::LoadSaved { kind }],
                    _ => vec![],
                }
            }
        }
    }

    /// Any other message while a saved view is open takes back a pending "clear all?".
    pub(super) fn saved_view_saw(&mut self, msg: &Msg) {
        let keeps = msg.is_result()
            || matches!(
                msg,
                Msg::Tick | Msg::Resize | Msg::Saved(SavedMsg::ClearHistory)
            );
        if let Some(view) = &mut self.saved.view
            && !keeps
        {
            view.confirm_clear = false;
        }
    }

    /// `b` in a saved view: the selected row's bookmark. In the bookmarks view that removes the
    /// row; in history it bookmarks (or un-bookmarks) the item selected.
    pub(super) fn toggle_saved_bookmark(&mut self) -> Vec<Effect> {
        let Some(view) = &self.saved.view else {
            return vec![];
        };
        if view.kind == SavedKind::Bookmarks {
            return self.delete_saved_row();
        }
        match view.selected_item() {
            Some(item) => vec![Effect::ToggleBookmark { item: item.clone() }],
            None => vec![],
        }
    }

    fn delete_saved_row(&mut self) -> Vec<Effect> {
        let Some(view) = &mut self.saved.view else {
            return vec![];
        };
        let kind = view.kind;
        let (Some(index), Some(items)) = (view.state.selected(), view.items.loaded_mut()) else {
            return vec![];
        };
        if index >= items.len() {
            return vec![];
        }
        let item = items.remove(index);
        // The row below moves up into the selection; after the last row, the one above.
        let left = items.len();
        view.state.select((left > 0).then(|| index.min(left - 1)));
        if kind == SavedKind::Bookmarks {
            self.saved.bookmarked.remove(&item.key);
        }
        let label = crate::sanitize::line(&item.label).into_owned();
        self.info = Some(match kind {
            SavedKind::Bookmarks => format!("removed bookmark {label}"),
            SavedKind::History => format!("removed {label} from history"),
        });
        vec![Effect::Saved(SavedEffect::Delete {
            kind,
            key: item.key,
        })]
    }

    fn clear_history(&mut self) -> Vec<Effect> {
        let Some(view) = &mut self.saved.view else {
            return vec![];
        };
        let count = view.items.loaded().map_or(0, Vec::len);
        if view.kind != SavedKind::History || count == 0 {
            return vec![];
        }
        if !view.confirm_clear {
            view.confirm_clear = true;
            return vec![];
        }
        view.confirm_clear = false;
        if let Some(items) = view.items.loaded_mut() {
            items.clear();
        }
        view.state.select(None);
        self.info = Some(format!(
            "cleared history ({count} item{})",
            if count == 1 { "" } else { "s" }
        ));
        vec![Effect::Saved(SavedEffect::ClearHistory)]
    }
}
