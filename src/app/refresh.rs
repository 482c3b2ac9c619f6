//! `r` on a page that loaded fine: asked for again for real (`Effect::Forced`: the cached
//! copy's validators go with it, its freshness is not trusted), so an out-of-date page with a
//! long `max-age` can always be refreshed. What failed is retried first (`batch::retry`).

use super::App;
use super::json_view::ViewState;
use super::loadable::Loadable;
use crate::msg::{Effect, JsonEffect};

impl App {
    /// The JSON view's body fetched again, forced; the cursor comes back to where it was.
    /// `None` when the view is not open; no effect for a picture or one still loading.
    pub(super) fn refresh_json(&mut self) -> Option<Vec<Effect>> {
        let req = self.req();
        let view = self.explorer.view.as_mut()?;
        if matches!(
            view.state,
            ViewState::Picture(_) | ViewState::Loading { .. }
        ) {
            return Some(vec![]);
        }
        view.restore = Some(view.visit());
        view.state = ViewState::Loading { req };
        let fetch = Effect::Json(JsonEffect::Fetch {
            req,
            target: view.target.clone(),
            // The view stays the JSON view: the URL is not turned into a rich page again.
            resolve: false,
        });
        Some(vec![Effect::Forced(Box::new(fetch))])
    }

    /// The page shown (loaded, or not found) fetched again, forced. Nothing when the pane
    /// shows no page or is still loading one.
    pub(super) fn refresh_shown_page(&mut self) -> Vec<Effect> {
        let detail = &self.tab().detail;
        let shown = matches!(
            detail.state,
            Loadable::Loaded(_) | Loadable::NotFound { .. }
        );
        let Some(key) = detail.key.clone().filter(|_| shown) else {
            return vec![];
        };
        // The recently-shown pages would answer with the copy on screen.
        self.cache.remove(&key);
        self.tab_mut().detail.state = Loadable::Idle;
        self.fetch_detail(key, false)
            .into_iter()
            .map(|e| Effect::Forced(Box::new(e)))
            .collect()
    }
}
