//! Enter and Esc: what they mean depends on where the user is.

use super::{App, Focus, Loadable};
use crate::model::ItemKey;
use crate::msg::{Effect, Msg};

impl App {
    /// Focus to the detail pane. It keeps whatever page it shows (a followed link, say); an
    /// empty pane gets the selection's.
    pub(super) fn focus_detail(&mut self) -> Vec<Effect> {
        if self.tab().list.selected().is_none() && self.tab().batch.is_none() {
            return vec![];
        }
        self.focus = Focus::Detail;
        if matches!(self.tab().detail.state, Loadable::Idle) {
            return self.fetch_selected(false);
        }
        vec![]
    }

    /// Enter.
    pub(super) fn confirm(&mut self) -> Vec<Effect> {
        match self.focus {
            Focus::Search => {
                let query = self.tab().list.query.clone();
                let mut effects = self.remember_search(&query);
                effects.extend(self.confirm_search());
                effects
            }
            Focus::List => {
                // In the batch view, Enter opens the selected item's page.
                if self.tab().batch.is_some() || self.tab().list.marks.is_empty() {
                    self.open_selected()
                } else {
                    self.start_batch()
                }
            }
            Focus::Detail => self.open_link(),
        }
    }

    /// The item the detail pane follows: the batch's selected row while a batch is open, else
    /// the list's.
    pub(super) fn selected_key(&self) -> Option<ItemKey> {
        let tab = self.tab();
        match &tab.batch {
            Some(batch) => batch
                .state
                .selected()
                .and_then(|i| batch.items.get(i))
                .map(|item| item.key.clone()),
            None => tab.list.selected().map(|e| e.key.clone()),
        }
    }

    /// Shows the selected entry's detail now (no debounce) and gives it focus.
    pub(super) fn open_selected(&mut self) -> Vec<Effect> {
        let Some(key) = self.selected_key() else {
            return vec![];
        };
        self.focus = Focus::Detail;
        // Enter means now: a debounced fetch of this very entry (started by typing or moving)
        // is replaced by an immediate one.
        let debounced = matches!(self.tab().detail.state, Loadable::Loading { .. })
            && self.tab().detail.key.as_ref() == Some(&key);
        if debounced {
            self.tab_mut().detail.state = Loadable::Idle;
        }
        self.fetch_selected(false)
    }

    /// Esc. Closing a batch keeps the marks it was made of (a second Esc clears them), so the
    /// selection is never lost by looking at it.
    pub(super) fn back(&mut self) -> Vec<Effect> {
        if self.compare.take().is_some() {
            return vec![];
        }
        match self.focus {
            Focus::Search => {
                let effects = self.edit_query(String::clear);
                self.focus = Focus::List;
                self.tab_mut().list.open_when_ready = false;
                effects
            }
            Focus::Detail => {
                self.focus = Focus::List;
                vec![]
            }
            Focus::List => {
                let source = self.active;
                let tab = self.tab_mut();
                if tab.batch.take().is_some() {
                    // The pane goes back to following the list.
                    let mut effects = vec![Effect::CancelBatch { source }];
                    effects.extend(self.fetch_selected(true));
                    return effects;
                }
                if !tab.list.marks.is_empty() {
                    tab.list.marks.clear();
                    return vec![];
                }
                if !tab.list.query.is_empty() {
                    let effects = self.edit_query(String::clear);
                    self.focus = Focus::List;
                    return effects;
                }
                vec![]
            }
        }
    }

    /// Moves, pages and the wheel scroll the help overlay or the compare view while one is
    /// shown. Returns whether `msg` was taken.
    pub(super) fn scroll_view(&mut self, msg: &Msg) -> bool {
        let scroll = if self.help {
            &mut self.help_scroll
        } else if self.request.open {
            &mut self.request.scroll
        } else if let Some(compare) = self
            .compare
            .as_mut()
            .filter(|_| self.active == crate::model::Source::Pokemon)
        {
            &mut compare.scroll
        } else {
            return false;
        };
        match msg {
            Msg::Move(delta) | Msg::Wheel { delta, .. } => scroll.by(*delta),
            Msg::Page(direction) => scroll.page(*direction),
            Msg::Top => scroll.offset = 0,
            Msg::Bottom => scroll.offset = scroll.max,
            _ => return false,
        }
        true
    }
}
