//! Results from fetch tasks: each is accepted only if the pane still waits for its request.

use super::loadable::Loadable;
use super::tab::{BatchItem, BatchStatus};
use super::{App, SUGGESTIONS, resolve_term};
use crate::api::origin::Origin;
use crate::model::RequestId;
use crate::model::Term;
use crate::model::{ItemKey, Source};
use crate::msg::{Effect, Msg, RetryTarget};
use crate::names::suggest;
use crate::views::ListEntry;

impl App {
    /// An error notice is cleared once what it was about has loaded fine.
    fn clear_notice_about(&mut self, subject: &str) {
        if self
            .notice
            .as_deref()
            .is_some_and(|n| n.starts_with(&format!("{subject}:")))
        {
            self.notice = None;
        }
    }

    /// A page arrived: shown if still awaited, and remembered in the history.
    fn page_loaded(
        &mut self,
        source: Source,
        req: RequestId,
        key: &ItemKey,
        result: Result<Option<crate::views::Detail>, crate::api::ApiError>,
    ) -> Vec<Effect> {
        let found = matches!(result, Ok(Some(_)));
        let awaited = self.tabs[source.index()].detail.state.awaits(req);
        self.detail_loaded(source, req, key, result);
        if found && awaited && self.saved.enabled {
            return vec![Effect::RecordVisit {
                item: super::saved::remembered(key),
            }];
        }
        vec![]
    }

    fn exported(&mut self, result: Result<std::path::PathBuf, String>) {
        match result {
            Ok(path) => self.info = Some(format!("exported to {}", path.display())),
            Err(err) => {
                self.info = None;
                self.notice = Some(format!("export failed: {err}"));
            }
        }
    }

    /// Notes where a list's or page's answers came from, if it still waits for `req`.
    fn served(&mut self, target: RetryTarget, req: RequestId, origin: Origin) {
        match target {
            RetryTarget::List(source) => {
                let tab = &mut self.tabs[source.index()];
                if tab.list.entries.awaits(req) {
                    tab.list_origin = Some(origin);
                }
                if let Some(refresh) = tab.list_refresh.as_mut().filter(|r| r.req == req) {
                    refresh.origin = Some(origin);
                }
            }
            RetryTarget::Detail(source) => {
                let detail = &mut self.tabs[source.index()].detail;
                if detail.state.awaits(req) {
                    detail.origin = Some(origin);
                }
            }
            RetryTarget::BatchItem(..) => {}
        }
    }

    /// Notes a retry on the item it concerns, if that item still waits for `req`.
    fn retrying(&mut self, target: RetryTarget, req: RequestId, retry: (u32, u32)) {
        match target {
            RetryTarget::List(source) => {
                let tab = &mut self.tabs[source.index()];
                if tab.list.entries.awaits(req) {
                    tab.list_retry = Some(retry);
                }
            }
            RetryTarget::Detail(source) => {
                let detail = &mut self.tabs[source.index()].detail;
                if detail.state.awaits(req) {
                    detail.retry = Some(retry);
                }
            }
            RetryTarget::BatchItem(source, index) => {
                if let Some(item) = self.batch_item(source, req, index)
                    && !item.status.is_finished()
                {
                    item.retry = Some(retry);
                }
            }
        }
    }

    /// Applies a result message.
    pub(super) fn apply_result(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::SourceReach { source, reach } => self.source_reach(source, reach),
            Msg::ImageLoaded { url, req, result } => {
                self.image_loaded(&url, req, result);
                vec![]
            }
            Msg::TypeChartLoaded { req, result } => {
                if self.type_chart.awaits(req) {
                    self.type_chart = match result {
                        Ok(chart) => Loadable::Loaded(chart),
                        Err(err) => {
                            self.notice = Some(format!("type chart: {err}"));
                            Loadable::Failed(err)
                        }
                    };
                }
                vec![]
            }
            Msg::TermLoaded { term, req, result } => self.term_loaded(term, req, result),
            Msg::CardLoaded { req, index, result } => {
                self.card_loaded(req, index, result);
                vec![]
            }
            Msg::ListLoaded {
                source,
                req,
                result,
            } => self.list_loaded(source, req, result),
            Msg::DetailLoaded {
                source,
                req,
                key,
                result,
            } => self.page_loaded(source, req, &key, result),
            Msg::SavedLoaded { kind, result } => {
                self.saved_loaded(kind, result);
                vec![]
            }
            Msg::BookmarkToggled { key, result } => {
                self.bookmark_toggled(key, result);
                vec![]
            }
            Msg::SearchesLoaded(searches) => {
                self.saved.searches = searches;
                vec![]
            }
            Msg::Exported(result) => {
                self.exported(result);
                vec![]
            }
            Msg::NoticeExpired { id } => {
                self.notice_expired(id);
                vec![]
            }
            Msg::BatchItemStarted { source, req, index } => {
                if let Some(item) = self.batch_item(source, req, index)
                    && item.status == BatchStatus::Queued
                {
                    item.status = BatchStatus::InFlight;
                }
                vec![]
            }
            Msg::BatchItemLoaded {
                source,
                req,
                index,
                result,
            } => {
                self.batch_item_loaded(source, req, index, result);
                vec![]
            }
            msg @ (Msg::Requested { .. } | Msg::BrowserOpened { .. }) => {
                self.request_result(msg);
                vec![]
            }
            Msg::Served {
                target,
                req,
                origin,
            } => {
                self.served(target, req, origin);
                vec![]
            }
            Msg::Retrying {
                target,
                req,
                attempt,
                of,
            } => {
                self.retrying(target, req, (attempt, of));
                vec![]
            }
            Msg::Saved(msg) => self.saved_msg(msg),
            // Intents are handled by `App::apply`.
            _ => vec![],
        }
    }

    pub(super) fn list_loaded(
        &mut self,
        source: Source,
        req: RequestId,
        result: Result<Vec<ListEntry>, crate::api::ApiError>,
    ) -> Vec<Effect> {
        let tab = &mut self.tabs[source.index()];
        if let Some(refresh) = tab.list_refresh.filter(|r| r.req == req) {
            tab.list_refresh = None;
            // A refresh that failed leaves the list (and its badge) as it was.
            match result {
                Ok(entries) => {
                    let terms = &self.terms;
                    tab.list
                        .refresh_entries_with(entries, &|t| resolve_term(terms, t));
                    tab.list_origin = refresh.origin;
                }
                Err(err) => self.notice = Some(format!("{}: {err}", source.subject())),
            }
            return vec![];
        }
        let list = &mut tab.list;
        if !list.entries.awaits(req) {
            return vec![];
        }
        match result {
            Ok(entries) => {
                let terms = &self.terms;
                list.set_entries_with(entries, &|t| resolve_term(terms, t));
                self.clear_notice_about(source.subject());
            }
            Err(err) => {
                self.notice = Some(format!("{}: {err}", source.subject()));
                list.entries = Loadable::Failed(err);
            }
        }
        if source == self.active {
            return self.fetch_selected(false);
        }
        vec![]
    }

    fn detail_loaded(
        &mut self,
        source: Source,
        req: RequestId,
        key: &ItemKey,
        result: Result<Option<crate::views::Detail>, crate::api::ApiError>,
    ) {
        if !self.tabs[source.index()].detail.state.awaits(req) {
            return; // the user has moved on
        }
        let state = match result {
            Ok(Some(detail)) => {
                let pane = &self.tabs[source.index()].detail;
                let kept = (detail.clone(), pane.origin, pane.requests.clone());
                self.cache.insert(key.clone(), kept);
                self.clear_notice_about(&key.to_string());
                Loadable::Loaded(detail)
            }
            Ok(None) => {
                let query = key.to_string();
                let suggestions = self.suggestions(source, &key.crumb());
                Loadable::NotFound { query, suggestions }
            }
            Err(err) => {
                // Cut: a key is a name as the API listed it, and may be huge.
                let notice = format!("{key}: {err}");
                self.notice = Some(
                    crate::views::bounds::clip(&notice, crate::views::bounds::MAX_TEXT)
                        .into_owned(),
                );
                Loadable::Failed(err)
            }
        };
        self.tabs[source.index()].detail.state = state;
    }

    /// The list's names closest to `typed`, for "did you mean": never the row `typed` names
    /// (a server that 404s everything must not be answered "did you mean Bulbasaur" for
    /// `bulbasaur`).
    pub(super) fn suggestions(&self, source: Source, typed: &str) -> Vec<String> {
        let asked = crate::names::fold(typed);
        let titles = self.tabs[source.index()]
            .list
            .all()
            .iter()
            .filter(|e| asked.is_empty() || !super::haystack::exact_keys(e).contains(&asked))
            .map(|e| e.title.as_str());
        suggest::closest(typed, titles, SUGGESTIONS)
    }

    fn term_loaded(
        &mut self,
        term: Term,
        req: RequestId,
        result: Result<Option<Vec<String>>, crate::api::ApiError>,
    ) -> Vec<Effect> {
        if !self.terms.get(&term).is_some_and(|t| t.awaits(req)) {
            return vec![];
        }
        let in_query = self.tabs[Source::Pokemon.index()]
            .list
            .remote_terms()
            .contains(&term);
        let state = match result {
            Ok(Some(names)) => Loadable::Loaded(names.into_iter().collect()),
            Ok(None) => Loadable::NotFound {
                query: term.to_string(),
                suggestions: Vec::new(),
            },
            Err(err) => {
                // Only about a term still asked for (not a prefix typed on the way to it).
                if in_query {
                    self.notice = Some(format!("{term}: {err}"));
                }
                Loadable::Failed(err)
            }
        };
        self.terms.insert(term, state);
        if !in_query {
            return vec![];
        }
        let terms = &self.terms;
        let list = &mut self.tabs[Source::Pokemon.index()].list;
        let changed = list.refresh(&|t| resolve_term(terms, t));
        // An Enter that waited for the term opens the best match now.
        let opened = self.open_if_waiting(Source::Pokemon);
        if !opened.is_empty() {
            return opened;
        }
        if changed && self.active == Source::Pokemon {
            return self.fetch_selected(true);
        }
        vec![]
    }

    fn batch_item_loaded(
        &mut self,
        source: Source,
        req: RequestId,
        index: usize,
        result: Result<Option<String>, crate::api::ApiError>,
    ) {
        let mut failure = None;
        if let Some(item) = self.batch_item(source, req, index) {
            item.status = match result {
                Ok(Some(summary)) => BatchStatus::Done(summary),
                Ok(None) => BatchStatus::NotFound,
                Err(err) => {
                    failure = Some(format!("{}: {err}", item.label));
                    BatchStatus::Failed(err)
                }
            };
        }
        if failure.is_some() {
            self.notice = failure;
        }
    }

    fn batch_item(
        &mut self,
        source: Source,
        req: RequestId,
        index: usize,
    ) -> Option<&mut BatchItem> {
        self.tabs[source.index()]
            .batch
            .as_mut()?
            .items
            .get_mut(index)
            .filter(|item| item.req == req)
    }
}
