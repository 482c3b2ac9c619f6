//! What the browser does with news about a source's server: the status bar says what is true,
//! and when a server comes back, whatever had to come from the cache or the snapshot (or failed)
//! is fetched again — without losing the user's place.

use super::App;
use super::loadable::{Loadable, worth_retrying};
use super::tab::ListRefresh;
use crate::api::connectivity::Reach;
use crate::api::origin::Origin;
use crate::model::Source;
use crate::msg::Effect;

impl App {
    /// A source's server changed state.
    pub(super) fn source_reach(&mut self, source: Source, reach: Reach) -> Vec<Effect> {
        let tab = &mut self.tabs[source.index()];
        // Only a server that could not be reached and now can (the probe heard it) brings a
        // refresh: a server that failed a request and answered another is not "back", and
        // refreshing on every such flip would hammer an endpoint that keeps failing.
        let back = tab.reach.is_unreachable() && reach == Reach::Online;
        tab.reach = reach;
        if !back {
            return vec![];
        }
        let mut effects = Vec::new();
        effects.extend(self.refresh_list(source));
        if source == self.active {
            effects.extend(self.refresh_detail());
        }
        effects
    }

    /// Fetches the list again if it failed or came from the cache's stale copy or the snapshot.
    /// A failed list is loaded as new; a shown one stays on screen until the fresh copy arrives.
    pub(super) fn refresh_list(&mut self, source: Source) -> Option<Effect> {
        let tab = &self.tabs[source.index()];
        if matches!(&tab.list.entries, Loadable::Failed(err) if worth_retrying(err)) {
            return Some(self.load_list(source));
        }
        let offline = tab.list_origin.is_some_and(Origin::is_offline);
        if !offline || tab.list_refresh.is_some() || tab.list.entries.loaded().is_none() {
            return None;
        }
        let req = self.req();
        self.tabs[source.index()].list_refresh = Some(ListRefresh { req, origin: None });
        Some(Effect::FetchList { source, req })
    }

    /// Fetches the page shown again if it failed or did not come from the network.
    pub(super) fn refresh_detail(&mut self) -> Vec<Effect> {
        let detail = &self.tab().detail;
        let failed = matches!(&detail.state, Loadable::Failed(err) if worth_retrying(err));
        let offline = detail.origin.is_some_and(Origin::is_offline);
        let Some(key) = detail.key.clone() else {
            return vec![];
        };
        if !failed && !offline {
            return vec![];
        }
        // The recently-shown pages would answer with the same offline copy.
        self.cache.remove(&key);
        self.tab_mut().detail.state = Loadable::Idle;
        self.fetch_detail(key, false)
    }
}
