//! Following links between resources, with back and forward: a small browser history per tab.

use super::App;
use super::loadable::Loadable;
use crate::model::{ItemKey, Source};
use crate::msg::Effect;

impl App {
    /// The links on the active tab's page, in display order.
    pub fn links(&self) -> Vec<ItemKey> {
        self.tab()
            .detail
            .state
            .loaded()
            .map(crate::views::Detail::links)
            .unwrap_or_default()
    }

    /// Moves the link selection by `delta`. Returns `false` when the page has no links (the
    /// caller scrolls instead).
    pub(super) fn move_link(&mut self, delta: isize) -> bool {
        let count = self.links().len();
        if count == 0 {
            return false;
        }
        let detail = &mut self.tab_mut().detail;
        let next = match detail.link {
            // Nothing selected yet: going down starts just above the first link, going up just
            // below the last (so `k` picks the last link, `g` the first and `G` the last).
            None if delta < 0 => count.saturating_add_signed(delta),
            None => usize::try_from(delta - 1).unwrap_or(0).min(count - 1),
            Some(current) => current.saturating_add_signed(delta).min(count - 1),
        };
        detail.link = Some(next);
        detail.reveal_link = true;
        true
    }

    /// Opens the selected link in place.
    pub(super) fn open_link(&mut self) -> Vec<Effect> {
        let links = self.links();
        let Some(key) = self.tab().detail.link.and_then(|i| links.get(i)).cloned() else {
            return vec![];
        };
        self.navigate(key)
    }

    /// Shows `key` in the detail pane, remembering the current page to come back to.
    pub(super) fn navigate(&mut self, key: ItemKey) -> Vec<Effect> {
        let detail = &mut self.tab_mut().detail;
        if detail.key.as_ref() == Some(&key) {
            return vec![];
        }
        if let Some(current) = detail.key.take() {
            detail.back.push(current);
        }
        detail.forward.clear();
        // A new page: what was ahead of the JSON view closed over the old one is gone too.
        self.explorer.ahead = None;
        self.show_page(key)
    }

    /// Backspace / Alt-Left: back into the JSON view when the page was reached from it, else
    /// the tab's previous page.
    pub(super) fn history_back(&mut self) -> Vec<Effect> {
        if let Some(effects) = self.back_into_view() {
            return effects;
        }
        self.tab_history_back(false)
    }

    /// The tab's previous page; the current one is kept to go forward to unless it is ahead in
    /// the JSON view's trail instead (`ahead_in_view`).
    pub(super) fn tab_history_back(&mut self, ahead_in_view: bool) -> Vec<Effect> {
        let detail = &mut self.tab_mut().detail;
        let Some(previous) = detail.back.pop() else {
            return vec![];
        };
        if let Some(current) = detail.key.take()
            && !ahead_in_view
        {
            detail.forward.push(current);
        }
        self.show_page(previous)
    }

    /// Alt-Right: into the JSON view a Back closed onto this page, else the tab's next page.
    pub(super) fn history_forward(&mut self) -> Vec<Effect> {
        if let Some(effects) = self.forward_into_view() {
            return effects;
        }
        let detail = &mut self.tab_mut().detail;
        let Some(next) = detail.forward.pop() else {
            return vec![];
        };
        if let Some(current) = detail.key.take() {
            detail.back.push(current);
        }
        self.show_page(next)
    }

    /// Loads a page reached through history or a link: from the cache when it is there.
    fn show_page(&mut self, key: ItemKey) -> Vec<Effect> {
        // The key was taken out above; make sure `fetch_detail` does not see it as "same page".
        // `fetch_detail` starts the page anew (`DetailPane::show`): no link, scroll at the top.
        self.tab_mut().detail.state = Loadable::Idle;
        self.fetch_detail(key, false)
    }

    /// A breed's sub-breeds, from the loaded list.
    pub(super) fn sub_breeds_of(&self, key: &ItemKey) -> Vec<String> {
        let ItemKey::Breed(breed) = key else {
            return Vec::new();
        };
        if breed.sub.is_some() {
            return Vec::new();
        }
        self.tabs[Source::Dogs.index()]
            .list
            .all()
            .iter()
            .filter_map(|e| match &e.key {
                ItemKey::Breed(b) if b.breed == breed.breed => b.sub.clone(),
                _ => None,
            })
            .collect()
    }
}
