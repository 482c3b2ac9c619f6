//! The mouse: a click selects a row or a tab; the wheel scrolls what is under it.

use ratatui::layout::Position;

use super::{App, Focus};
use crate::model::TabId;
use crate::msg::{Effect, LiveMsg, Msg};

impl App {
    pub(super) fn click(&mut self, x: u16, y: u16) -> Vec<Effect> {
        let areas = self.areas;
        let at = Position { x, y };
        if areas.tabs.contains(at) {
            // The JSON view keeps the tab it was opened over, as the tab keys do there.
            if self.explorer.view.is_some() {
                return vec![];
            }
            // The slots as drawn (`tab_bar.rs`), read before Live is hidden: hiding it lays the
            // bar out anew. A click on no tab leaves the tab shown as it is.
            return match self.tab_at(x, areas.tabs.x, areas.tabs.width) {
                Some(TabId::Source(source)) => {
                    self.live.shown = false;
                    self.switch_tab(source)
                }
                Some(TabId::Live) => self.update(Msg::Live(LiveMsg::Show)),
                None => vec![],
            };
        }
        // The Live tab, the JSON view and the comparison are drawn over the list and the detail
        // (their areas are the tab's, hidden): a click there must not move the hidden list.
        if self.covers_body() {
            return vec![];
        }
        if areas.list.contains(at) {
            self.focus = Focus::List;
            if self.saved.view.is_some() {
                self.click_saved_row(y);
                return vec![];
            }
            // One row of border above the first item (and in the batch view, the gauge); one of
            // border below the last. Clicks on those select nothing.
            let top = areas.list.y + 1 + u16::from(self.tab().batch.is_some());
            let bottom = areas.list.bottom().saturating_sub(1);
            if y < top || y >= bottom {
                return vec![];
            }
            let row = usize::from(y - top);
            let tab = self.tab_mut();
            if let Some(batch) = &tab.batch {
                let index = batch.state.offset() + row;
                return self.select_batch_row(index);
            }
            let index = tab.list.state.offset() + row;
            if index < tab.list.shown.len() && tab.list.select(index) {
                return self.fetch_selected(true);
            }
            return vec![];
        }
        if areas.detail.contains(at) {
            self.focus = Focus::Detail;
        }
        vec![]
    }

    /// Whether what the body shows is not the tab's list and detail.
    fn covers_body(&self) -> bool {
        self.live.shown || self.explorer.view.is_some() || self.compare_shown()
    }

    /// A click in the bookmarks or history view, drawn over the list: selects the row there
    /// (one row of border above the first; while `X` asks, the question moves the rows, so
    /// the click only drops the question, as any key does).
    fn click_saved_row(&mut self, y: u16) {
        let top = self.areas.list.y + 1;
        let bottom = self.areas.list.bottom().saturating_sub(1);
        let Some(view) = &mut self.saved.view else {
            return;
        };
        if view.confirm_clear || y < top || y >= bottom {
            return;
        }
        let index = view.state.offset() + usize::from(y - top);
        if index < view.items.loaded().map_or(0, Vec::len) {
            view.state.select(Some(index));
        }
    }

    pub(super) fn wheel(&mut self, x: u16, y: u16, delta: isize) -> Vec<Effect> {
        let at = Position { x, y };
        let focus = self.focus;
        if self.areas.detail.contains(at) {
            self.focus = Focus::Detail;
        } else if self.areas.list.contains(at) {
            // The bookmarks or history view, drawn over the list, scrolls itself.
            if self.saved.view.is_some() {
                self.move_saved(delta);
                return vec![];
            }
            self.focus = Focus::List;
        } else {
            return vec![];
        }
        // The wheel scrolls, even over a page with links (the keys walk those).
        let effects = self.scroll_or_move(delta);
        // Scrolling with the wheel does not steal the keyboard focus.
        self.focus = focus;
        effects
    }
}
