//! Moving through a tab: switching tabs, moving the selection or scrolling the detail, and
//! opening the selected item (from the page cache, or with a fetch).

use super::loadable::Loadable;
use super::{App, Focus, request, saved};
use crate::model::{ItemKey, Source};
use crate::msg::Effect;

impl App {
    pub(super) fn switch_tab(&mut self, source: Source) -> Vec<Effect> {
        // A notice is about what the user was doing here: it does not follow them.
        if source != self.active {
            self.notice = None;
            self.info = None;
        }
        self.active = source;
        if self.focus == Focus::Search {
            self.focus = Focus::List;
        }
        // A tab visited for the first time shows its selection's detail.
        if matches!(self.tab().detail.state, Loadable::Idle) {
            return self.fetch_selected(false);
        }
        vec![]
    }

    pub(super) fn load_list(&mut self, source: Source) -> Effect {
        let req = self.req();
        self.tabs[source.index()].list.entries = Loadable::Loading { req };
        self.tabs[source.index()].list_retry = None;
        self.tabs[source.index()].list_origin = None;
        Effect::FetchList { source, req }
    }

    /// Moves the selection (list or batch) or scrolls the detail, by `delta` rows.
    pub(super) fn move_by(&mut self, delta: isize) -> Vec<Effect> {
        // In the detail pane, arrows walk the page's links (like a text browser); a page without
        // links scrolls instead.
        if self.focus == Focus::Detail && self.move_link(delta) {
            return vec![];
        }
        self.scroll_or_move(delta)
    }

    /// Scrolls the detail (when focused) or moves the list or batch selection.
    pub(super) fn scroll_or_move(&mut self, delta: isize) -> Vec<Effect> {
        if self.focus == Focus::Detail {
            let detail = &mut self.tab_mut().detail;
            let scroll = i64::from(detail.scroll).saturating_add(delta as i64).max(0);
            detail.scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
            return vec![];
        }
        if self.tab().batch.is_some() {
            return self.move_in_batch(delta);
        }
        if self.tab_mut().list.move_by(delta) {
            return self.fetch_selected(true);
        }
        vec![]
    }

    pub(super) fn page(&mut self, direction: isize) -> Vec<Effect> {
        let rows = if self.focus == Focus::Detail {
            self.areas.detail_page
        } else {
            self.areas.list_page
        };
        // A page always scrolls, even on a page with links.
        self.scroll_or_move(direction.signum() * isize::try_from(rows.max(1)).unwrap_or(1))
    }

    /// `n` in the Dogs tab: another random photo of the breed shown.
    pub(super) fn another_photo(&mut self) -> Vec<Effect> {
        let Some(key @ ItemKey::Breed(_)) = self.tab().detail.key.clone() else {
            return vec![];
        };
        self.cache.remove(&key);
        self.tab_mut().detail.state = Loadable::Idle;
        self.fetch_detail(key, false)
    }

    /// Fetches the selected entry's (or batch row's) detail unless the pane already shows (or awaits) it.
    pub(super) fn fetch_selected(&mut self, debounce: bool) -> Vec<Effect> {
        let Some(key) = self.selected_key() else {
            return vec![];
        };
        // Choosing from the list starts a new trail: links followed before are forgotten.
        if self.tab().detail.key.as_ref() != Some(&key) {
            let detail = &mut self.tab_mut().detail;
            detail.back.clear();
            detail.forward.clear();
        }
        self.fetch_detail(key, debounce)
    }

    pub(super) fn fetch_detail(&mut self, key: ItemKey, debounce: bool) -> Vec<Effect> {
        let detail = &self.tab().detail;
        let same = detail.key.as_ref() == Some(&key)
            && matches!(detail.state, Loadable::Loading { .. } | Loadable::Loaded(_));
        if same {
            return vec![];
        }
        // A page seen recently is shown at once, with no request (and counts as opened again:
        // it moves to the top of the history).
        if let Some((page, origin, requests)) = self.cache.get(&key).cloned() {
            let remembered = saved::remembered(&key);
            let detail = &mut self.tab_mut().detail;
            detail.show(Some(key), Loadable::Loaded(page));
            detail.origin = origin;
            detail.requests = requests.as_ref().map(request::PageRequests::again);
            return if self.saved.enabled {
                vec![Effect::RecordVisit { item: remembered }]
            } else {
                vec![]
            };
        }
        let sub_breeds = self.sub_breeds_of(&key);
        let req = self.req();
        let source = self.active;
        self.tab_mut()
            .detail
            .show(Some(key.clone()), Loadable::Loading { req });
        vec![Effect::FetchDetail {
            source,
            req,
            key,
            sub_breeds,
            debounce,
        }]
    }
}
