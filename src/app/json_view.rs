//! The JSON explorer's state (#14): the JSON view of one response (the page shown or any
//! URL), its cursor, search and jq filter, its own back/forward trail of URLs, and the `o`
//! prompt. Only the document on screen is held: going back fetches again (from the cache).

use std::sync::Arc;

use crate::json_tree::{JsonDoc, JsonTree};
use crate::model::JsonTarget;
use crate::model::RequestId;
use crate::msg::JsonMsg;

/// Everything of the JSON explorer, held by the app.
#[derive(Debug, Default)]
pub struct Explorer {
    /// The JSON view, while open (drawn over the list and the detail).
    pub view: Option<Box<JsonView>>,
    /// The `o` prompt's text, while it is open.
    pub prompt: Option<String>,
    /// The view a followed URL left for a known source's rich page: Back on that page comes
    /// back to it (see `json_trail`).
    pub behind: Option<super::json_trail::Behind>,
    /// The view a Back closed over a rich page, to open again with Alt-→ there.
    pub ahead: Option<super::json_trail::Ahead>,
}

impl Explorer {
    /// Whether keys go to the explorer (the view or the prompt is open).
    pub fn is_active(&self) -> bool {
        self.view.is_some() || self.prompt.is_some()
    }

    /// The picture the view shows, if it shows one.
    pub fn picture(&self) -> Option<&str> {
        match &self.view.as_ref()?.state {
            ViewState::Picture(url) => Some(url),
            _ => None,
        }
    }
}

/// The JSON view.
#[derive(Debug)]
pub struct JsonView {
    /// What it shows.
    pub target: JsonTarget,
    /// The body, or where it stands.
    pub state: ViewState,
    /// The selected row (an index into the shown tree's rows).
    pub cursor: usize,
    /// The first row on screen. The view keeps the cursor in sight and writes this back.
    pub scroll: usize,
    /// Rows on screen at the last draw (what a page moves). Written by the view.
    pub height: usize,
    /// The search (`/`), while there is one.
    pub search: Option<Search>,
    /// The jq filter (`|`), while there is one.
    pub filter: Option<Filter>,
    /// A key that waits for the next (`z` of `zM`, `y` of the copy menu).
    pub pending: Pending,
    /// Pages to go back to (most recent last), each with where its cursor was.
    pub back: Vec<Visit>,
    /// Pages to go forward to.
    pub forward: Vec<Visit>,
    /// Where to put the cursor when the body arrives: the place it was left, when the page is
    /// reached again through Back or Forward.
    pub restore: Option<Visit>,
    /// The requests the body was fetched with (for `i`), once it arrived.
    pub requests: Option<crate::app::request::PageRequests>,
}

/// A page of the view's trail: what it showed and where its cursor was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    /// The page.
    pub target: JsonTarget,
    /// The node under the cursor (nodes are numbered the same each time a body is parsed, rows
    /// are not: they depend on the folds).
    pub node: Option<usize>,
    /// How far below the top of the screen the cursor was.
    pub offset: usize,
    /// The folded nodes of the tree shown.
    pub folds: Option<Vec<u32>>,
    /// The folded nodes of the body's own tree, when a filter's outputs were shown instead.
    pub body_folds: Option<Vec<u32>>,
    /// The jq filter that was kept (its outputs were the tree shown).
    pub filter: Option<String>,
}

/// Where the view's body stands.
#[derive(Debug)]
pub enum ViewState {
    /// On its way.
    Loading {
        /// The request.
        req: RequestId,
    },
    /// Here.
    Loaded(Body),
    /// A picture (by extension or content), drawn as one.
    Picture(String),
    /// The server has no such resource.
    NotFound,
    /// It failed: why, in one line.
    Failed(String),
}

/// A fetched body and its parse.
#[derive(Debug)]
pub struct Body {
    /// The URL it came from.
    pub url: String,
    /// The bytes as they came (for `yj` and the filter).
    pub raw: Arc<[u8]>,
    /// The parsed document.
    pub doc: JsonDoc,
}

/// A search in the view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// What is searched for.
    pub query: String,
    /// Still typing it.
    pub editing: bool,
    /// Matching nodes of the shown tree, in document order.
    pub matches: Vec<usize>,
    /// The match the cursor is on (an index into `matches`).
    pub current: Option<usize>,
}

/// A jq filter over the body.
#[derive(Debug)]
pub struct Filter {
    /// The filter's text.
    pub text: String,
    /// Still typing it (Enter keeps it).
    pub editing: bool,
    /// The evaluation awaited.
    pub req: Option<RequestId>,
    /// The last outputs, or the last error (shown inline).
    pub output: Option<Result<JsonTree, String>>,
}

/// A key that waits for the next.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pending {
    /// None.
    #[default]
    None,
    /// `z`: `M` folds all, `R` unfolds all.
    Z,
    /// `y`: the copy menu.
    Copy,
}

impl JsonView {
    /// A view of `target`, loading with `req`.
    pub fn new(target: JsonTarget, req: RequestId) -> Self {
        Self {
            target,
            state: ViewState::Loading { req },
            cursor: 0,
            scroll: 0,
            height: 0,
            search: None,
            filter: None,
            pending: Pending::None,
            back: Vec::new(),
            forward: Vec::new(),
            restore: None,
            requests: None,
        }
    }

    /// This page and where its cursor is, for the trail.
    pub fn visit(&self) -> Visit {
        let filter = self
            .filter
            .as_ref()
            .filter(|f| !f.text.is_empty())
            .map(|f| f.text.clone());
        Visit {
            target: self.target.clone(),
            node: self.cursor_node(),
            offset: self.cursor.saturating_sub(self.scroll),
            folds: self.tree().map(JsonTree::folded_nodes),
            // Only a filtered page has a body tree apart from the tree shown.
            body_folds: filter
                .is_some()
                .then(|| self.body_tree().map(JsonTree::folded_nodes))
                .flatten(),
            filter,
        }
    }

    /// Puts the tree shown back as `visit` left it: its folds, then the cursor on its node,
    /// unfolded into sight, at the same height on the screen.
    pub(super) fn restore(&mut self, visit: &Visit) {
        self.cursor = 0;
        self.scroll = 0;
        let Some(tree) = self.tree_mut() else {
            return;
        };
        if let Some(folds) = &visit.folds {
            tree.fold_exactly(folds);
        }
        let Some(node) = visit.node else {
            return;
        };
        if node >= tree.nodes().len() {
            return;
        }
        tree.reveal(node);
        self.place_cursor(Some(node));
        self.scroll = self.cursor.saturating_sub(visit.offset);
    }

    /// The body, once loaded.
    pub fn body(&self) -> Option<&Body> {
        match &self.state {
            ViewState::Loaded(body) => Some(body),
            _ => None,
        }
    }

    /// The tree shown: the filter's outputs when there are some, else the body's.
    pub fn tree(&self) -> Option<&JsonTree> {
        match &self.filter {
            Some(Filter {
                output: Some(Ok(tree)),
                ..
            }) => Some(tree),
            _ => self.body_tree(),
        }
    }

    /// The body's own tree (not a filter's outputs), when the body is JSON.
    pub fn body_tree(&self) -> Option<&JsonTree> {
        match &self.body()?.doc {
            JsonDoc::Tree(tree) => Some(tree),
            _ => None,
        }
    }

    /// The body's own tree in `state`, to change its folds (a function of the field, so the
    /// filter can be borrowed beside it).
    fn body_tree_mut(state: &mut ViewState) -> Option<&mut JsonTree> {
        match state {
            ViewState::Loaded(Body {
                doc: JsonDoc::Tree(tree),
                ..
            }) => Some(tree),
            _ => None,
        }
    }

    /// Folds the body's own tree as `visit` left it (before its filter is run again).
    pub(super) fn restore_body_folds(&mut self, visit: &Visit) {
        if let (Some(folds), Some(tree)) = (&visit.body_folds, Self::body_tree_mut(&mut self.state))
        {
            tree.fold_exactly(folds);
        }
    }

    /// The tree shown, to change its folds.
    pub fn tree_mut(&mut self) -> Option<&mut JsonTree> {
        if let Some(Filter {
            output: Some(Ok(tree)),
            ..
        }) = &mut self.filter
        {
            return Some(tree);
        }
        Self::body_tree_mut(&mut self.state)
    }

    /// The node under the cursor.
    pub fn cursor_node(&self) -> Option<usize> {
        self.tree()?.rows().get(self.cursor).map(|r| r.node)
    }

    /// The URL this view fetched (or is fetching).
    pub fn url(&self) -> Option<&str> {
        match (&self.state, &self.target) {
            (ViewState::Loaded(body), _) => Some(&body.url),
            (ViewState::Picture(url), _) | (_, JsonTarget::Url(url)) => Some(url),
            _ => None,
        }
    }

    /// Keeps the cursor on the rows and puts it on `node`'s row when it is shown.
    pub(super) fn place_cursor(&mut self, node: Option<usize>) {
        let Some(tree) = self.tree() else {
            self.cursor = 0;
            return;
        };
        let rows = tree.rows().len();
        if let Some(row) = node.and_then(|n| tree.row_of(n)) {
            self.cursor = row;
        }
        self.cursor = self.cursor.min(rows.saturating_sub(1));
    }

    /// Searches the shown tree again (it changed, or the query did).
    pub(super) fn refresh_search(&mut self) {
        let matches = match (&self.search, self.tree()) {
            (Some(search), Some(tree)) => tree.find(&search.query),
            _ => return,
        };
        if let Some(search) = &mut self.search {
            search.matches = matches;
            search.current = None;
        }
    }
}

/// Whether `url`'s path ends like a picture's (opened as one without asking the server).
pub fn looks_like_picture(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".webp"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

pub(super) fn move_cursor(view: &mut JsonView, delta: isize) {
    let rows = view.tree().map_or(0, |t| t.rows().len());
    view.cursor = view
        .cursor
        .saturating_add_signed(delta)
        .min(rows.saturating_sub(1));
}

/// `→`/`l` unfolds (or steps in), `←`/`h` folds (or steps out to the parent), Space toggles.
pub(super) fn fold(view: &mut JsonView, msg: &JsonMsg) {
    let Some(node) = view.cursor_node() else {
        return;
    };
    let Some(tree) = view.tree_mut() else {
        return;
    };
    let container = tree.nodes()[node].value.is_open_container();
    let folded = tree.is_folded(node);
    let parent = tree.nodes()[node].parent;
    match msg {
        JsonMsg::Unfold if container && folded => {
            tree.set_folded(node, false);
        }
        JsonMsg::Unfold if container => return move_cursor(view, 1),
        JsonMsg::Fold if container && !folded => {
            tree.set_folded(node, true);
        }
        JsonMsg::Fold => {
            view.place_cursor(parent);
            return;
        }
        JsonMsg::ToggleFold => {
            tree.set_folded(node, !folded);
        }
        _ => return,
    }
    view.place_cursor(Some(node));
}

/// `n`/`N`: the next or previous match, unfolding what hides it.
pub(super) fn next_match(view: &mut JsonView, delta: isize) {
    let Some(search) = &mut view.search else {
        return;
    };
    let count = search.matches.len();
    if count == 0 {
        return;
    }
    let next = match search.current {
        None if delta < 0 => count - 1,
        None => 0,
        Some(i) => (i + count).saturating_add_signed(delta) % count,
    };
    search.current = Some(next);
    let node = search.matches[next];
    if let Some(tree) = view.tree_mut() {
        tree.reveal(node);
    }
    view.place_cursor(Some(node));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_by_extension() {
        assert!(looks_like_picture("https://x/a/25.PNG?x=1"));
        assert!(!looks_like_picture("https://x/pokemon/25/"));
    }
}
