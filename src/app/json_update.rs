//! What the JSON explorer's messages do (#14): opening and closing the view, moving and
//! folding, search, the jq filter, following URLs and the `o` prompt (`y` is in `json_copy`).

use super::App;
use super::json_view::{
    Body, Filter, JsonView, Pending, Search, ViewState, fold, looks_like_picture, move_cursor,
    next_match,
};
use crate::model::JsonTarget;
use crate::msg::{Effect, JsonEffect, JsonMsg};
use crate::views::Fetched;

/// Longest URL the prompt takes.
const MAX_URL: usize = 4096;

impl App {
    /// Applies one of the explorer's messages.
    pub(super) fn update_json(&mut self, msg: JsonMsg) -> Vec<Effect> {
        if self.explorer.prompt.is_some() && !msg.is_result() {
            return self.update_prompt(msg);
        }
        match msg {
            JsonMsg::Toggle => self.toggle_json(),
            JsonMsg::OpenPrompt => {
                self.explorer.prompt = Some(String::new());
                vec![]
            }
            JsonMsg::OpenUrl(url) => self.open_url(&url),
            JsonMsg::Loaded {
                req,
                result,
                exchanges,
            } => self.json_loaded(req, result, exchanges),
            JsonMsg::Filtered { req, result } => {
                if let Some(view) = &mut self.explorer.view
                    && let Some(filter) = &mut view.filter
                    && filter.req == Some(req)
                {
                    filter.req = None;
                    let outputs = result.is_ok();
                    filter.output = Some(result);
                    view.cursor = 0;
                    view.scroll = 0;
                    // A page filtered again on the way back: its folds and cursor, as left.
                    if let Some(visit) = view.restore.take()
                        && outputs
                    {
                        view.restore(&visit);
                    }
                    view.refresh_search();
                }
                vec![]
            }
            other => self.update_view(other),
        }
    }

    /// `v`: the JSON view of the page shown (or the selection's), or closes it.
    fn toggle_json(&mut self) -> Vec<Effect> {
        if self.explorer.view.take().is_some() {
            return vec![];
        }
        let key = self
            .tab()
            .detail
            .key
            .clone()
            .or_else(|| self.selected_key());
        let Some(key) = key else {
            self.info = Some("no page to show as JSON".to_owned());
            return vec![];
        };
        // A new view: the one a Back closed is not ahead any more.
        self.explorer.ahead = None;
        self.open_json(JsonTarget::Page(key), false)
    }

    /// Opens `target` in the JSON view (remembering what it showed, to come back to).
    pub(super) fn open_json(&mut self, target: JsonTarget, resolve: bool) -> Vec<Effect> {
        let req = self.req();
        let mut view = Box::new(JsonView::new(target.clone(), req));
        if let Some(previous) = self.explorer.view.take() {
            let visit = previous.visit();
            view.back = previous.back;
            view.back.push(visit);
        }
        if let JsonTarget::Url(url) = &target
            && looks_like_picture(url)
        {
            view.state = ViewState::Picture(url.clone());
            self.explorer.view = Some(view);
            return vec![];
        }
        self.explorer.view = Some(view);
        vec![Effect::Json(JsonEffect::Fetch {
            req,
            target,
            resolve,
        })]
    }

    /// `o` + Enter, a followed link, `apidex open URL`: a URL as a page.
    fn open_url(&mut self, url: &str) -> Vec<Effect> {
        let url = url.trim().to_owned();
        if !crate::json_tree::is_http_url(&url) {
            self.notice = Some(format!(
                "not an http(s) URL: {}",
                crate::sanitize::line(&url)
            ));
            return vec![];
        }
        if self.explorer.view.is_none() {
            self.explorer.ahead = None;
        }
        self.open_json(JsonTarget::Url(url), true)
    }

    fn json_loaded(
        &mut self,
        req: crate::model::RequestId,
        result: Result<Option<Fetched>, String>,
        exchanges: Vec<crate::api::exchange::Exchange>,
    ) -> Vec<Effect> {
        let Some(view) = &mut self.explorer.view else {
            return vec![];
        };
        if !matches!(view.state, ViewState::Loading { req: r } if r == req) {
            return vec![];
        }
        view.requests = Some(super::request::PageRequests {
            exchanges: exchanges.into(),
            again: false,
        });
        view.state = match result {
            Ok(Some(Fetched::Body { url, body, doc })) => ViewState::Loaded(Body {
                url,
                raw: body,
                doc,
            }),
            Ok(Some(Fetched::Picture { url })) => ViewState::Picture(url),
            Ok(Some(Fetched::Page(key))) => return self.leave_for_page(key),
            Ok(None) => ViewState::NotFound,
            Err(reason) => ViewState::Failed(reason),
        };
        view.cursor = 0;
        view.scroll = 0;
        // Reached again through Back or Forward: as it was left — filtered again first, if it
        // was (the folds and cursor are the filter's outputs', put back when they arrive).
        if let Some(visit) = view.restore.take() {
            if let Some(text) = visit.filter.clone() {
                view.restore_body_folds(&visit);
                view.filter = Some(Filter {
                    text,
                    editing: false,
                    req: None,
                    output: None,
                });
                view.restore = Some(visit);
                return self.run_filter();
            }
            view.restore(&visit);
        }
        vec![]
    }

    /// Keys typed into the `o` prompt.
    fn update_prompt(&mut self, msg: JsonMsg) -> Vec<Effect> {
        let Some(prompt) = &mut self.explorer.prompt else {
            return vec![];
        };
        match msg {
            JsonMsg::Input(c) if prompt.len() < MAX_URL => prompt.push(c),
            JsonMsg::Paste(text) => {
                // One line: a pasted newline ends nothing, it is dropped.
                let room = MAX_URL.saturating_sub(prompt.len());
                prompt.extend(text.chars().filter(|c| !c.is_control()).take(room));
            }
            JsonMsg::Backspace => {
                prompt.pop();
            }
            JsonMsg::ClearInput => prompt.clear(),
            JsonMsg::Submit => {
                let url = self.explorer.prompt.take().unwrap_or_default();
                if url.trim().is_empty() {
                    return vec![];
                }
                return self.open_url(&url);
            }
            JsonMsg::Cancel => self.explorer.prompt = None,
            _ => {}
        }
        vec![]
    }

    /// Keys in the JSON view (outside the prompt).
    fn update_view(&mut self, msg: JsonMsg) -> Vec<Effect> {
        let Some(view) = &mut self.explorer.view else {
            return vec![];
        };
        if view.search.as_ref().is_some_and(|s| s.editing) {
            return Self::edit_search(view, msg);
        }
        if view.filter.as_ref().is_some_and(|f| f.editing) {
            return self.edit_filter(msg);
        }
        // A waiting `z` or `y` lasts one key; Esc then only cancels it.
        if std::mem::take(&mut view.pending) != Pending::None && matches!(msg, JsonMsg::Cancel) {
            return vec![];
        }
        match msg {
            JsonMsg::Move(delta) => move_cursor(view, delta),
            JsonMsg::Page(direction) => {
                let rows = isize::try_from(view.height.max(1)).unwrap_or(1);
                move_cursor(view, direction.signum() * rows);
            }
            JsonMsg::Top => move_cursor(view, isize::MIN / 2),
            JsonMsg::Bottom => move_cursor(view, isize::MAX / 2),
            JsonMsg::Unfold | JsonMsg::Fold | JsonMsg::ToggleFold => fold(view, &msg),
            JsonMsg::FoldAll(folded) => {
                let node = view.cursor_node();
                if let Some(tree) = view.tree_mut() {
                    tree.set_all_folded(folded);
                }
                // The cursor stays on its node, or on the top-level row that now holds it.
                let shown = node.and_then(|n| {
                    let tree = view.tree()?;
                    let mut at = Some(n);
                    while let Some(i) = at {
                        if tree.row_of(i).is_some() {
                            return Some(i);
                        }
                        at = tree.nodes()[i].parent;
                    }
                    None
                });
                view.place_cursor(shown);
            }
            JsonMsg::PendingZ => view.pending = Pending::Z,
            JsonMsg::StartSearch => {
                view.search = Some(Search {
                    editing: true,
                    ..Search::default()
                });
            }
            JsonMsg::StartFilter if view.body().is_some() => {
                let text = view
                    .filter
                    .take()
                    // Empty (the whole body) until typed in: `.stats[]` typed into a box that
                    // already held `.` was `..stats[]`, an error.
                    .map_or_else(String::new, |f| f.text);
                view.filter = Some(Filter {
                    text,
                    editing: true,
                    req: None,
                    output: None,
                });
                return self.run_filter();
            }
            JsonMsg::NextMatch(delta) => next_match(view, delta),
            JsonMsg::CopyMenu => view.pending = Pending::Copy,
            JsonMsg::Copy(what) => return self.copy(what),
            JsonMsg::Submit => return self.follow(),
            JsonMsg::Cancel => {
                if view.filter.take().is_some() {
                    view.cursor = 0;
                    view.refresh_search();
                } else if view.search.take().is_none() {
                    self.explorer.view = None;
                }
            }
            JsonMsg::Back => return self.json_history(true),
            JsonMsg::Forward => return self.json_history(false),
            _ => {}
        }
        vec![]
    }

    fn edit_search(view: &mut JsonView, msg: JsonMsg) -> Vec<Effect> {
        let Some(search) = &mut view.search else {
            return vec![];
        };
        match msg {
            JsonMsg::Input(c) => search.query.push(c),
            JsonMsg::Paste(text) => search
                .query
                .extend(text.chars().filter(|c| !c.is_control())),
            JsonMsg::Backspace => {
                search.query.pop();
            }
            JsonMsg::ClearInput => search.query.clear(),
            JsonMsg::Submit => {
                search.editing = false;
                return vec![];
            }
            JsonMsg::Cancel => {
                view.search = None;
                return vec![];
            }
            _ => return vec![],
        }
        view.refresh_search();
        // As you type, the cursor goes to the first match from the top.
        if view.search.as_ref().is_some_and(|s| s.editing) {
            next_match(view, 1);
        }
        vec![]
    }

    fn edit_filter(&mut self, msg: JsonMsg) -> Vec<Effect> {
        let Some(filter) = self.explorer.view.as_mut().and_then(|v| v.filter.as_mut()) else {
            return vec![];
        };
        match msg {
            JsonMsg::Input(c) => filter.text.push(c),
            JsonMsg::Paste(text) => filter.text.extend(text.chars().filter(|c| !c.is_control())),
            JsonMsg::Backspace => {
                filter.text.pop();
            }
            JsonMsg::ClearInput => filter.text.clear(),
            JsonMsg::Submit => {
                filter.editing = false;
                return vec![];
            }
            JsonMsg::Cancel => {
                if let Some(view) = &mut self.explorer.view {
                    view.filter = None;
                    view.cursor = 0;
                    view.refresh_search();
                }
                return vec![];
            }
            _ => return vec![],
        }
        self.run_filter()
    }

    /// Evaluates the filter being typed, off the UI task; the latest answer wins.
    fn run_filter(&mut self) -> Vec<Effect> {
        let req = self.req();
        let Some(view) = &mut self.explorer.view else {
            return vec![];
        };
        let (Some(body), Some(filter)) = (view.body().map(|b| b.raw.clone()), &mut view.filter)
        else {
            return vec![];
        };
        filter.req = Some(req);
        vec![Effect::Json(JsonEffect::Filter {
            req,
            body,
            filter: filter.text.clone(),
        })]
    }

    /// Enter: follows the URL under the cursor.
    fn follow(&mut self) -> Vec<Effect> {
        let url = self.explorer.view.as_ref().and_then(|view| {
            let node = view.cursor_node()?;
            view.tree()?.nodes()[node].value.url().map(str::to_owned)
        });
        match url {
            Some(url) => self.open_json(JsonTarget::Url(url), true),
            None => vec![],
        }
    }
}
