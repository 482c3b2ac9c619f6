//! The JSON view's trail (#14): Backspace and Alt-→ through the URLs it showed, each page coming
//! back with its cursor where it was left, and across to a known source's rich page and back —
//! a URL followed in the view that belongs to PokeAPI opens the Pokémon's page, and Back on that
//! page returns to the JSON the link was in.

use super::App;
use super::Focus;
use super::json_view::Visit;
use crate::model::JsonTarget;
use crate::model::{ItemKey, Source};
use crate::msg::Effect;

/// The view a followed URL left for a rich page: enough to open it again where it was (not the
/// body itself: one view's tree in memory at a time; the cache answers the body again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Behind {
    /// The rich page the URL led to: Back on it returns to the view.
    pub page: ItemKey,
    /// The tab the view was open over.
    pub tab: Source,
    /// Whether opening the page pushed the detail's previous page on its history (Back takes
    /// it off again, so the view closes onto what it was opened over).
    pub pushed: bool,
    /// The view's page that held the link, with its cursor.
    pub visit: Visit,
    /// The view's trail behind that page.
    pub back: Vec<Visit>,
    /// Where Alt-→ goes from there: the followed URL again.
    pub forward: Vec<Visit>,
}

/// The view closed by Back from the first page of its trail, over a rich page: Alt-→ on that
/// page opens it again, with the pages that were ahead of it (the history stays one line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ahead {
    /// The rich page it closed onto (none: the detail showed nothing).
    pub page: Option<ItemKey>,
    /// The tab it was open over.
    pub tab: Source,
    /// Its page, with its cursor.
    pub visit: Visit,
    /// The pages ahead of it.
    pub forward: Vec<Visit>,
}

impl App {
    /// The view's URL turned out to be a known source's resource: shows its rich page in its
    /// tab, remembering the view to come back to.
    pub(super) fn leave_for_page(&mut self, key: ItemKey) -> Vec<Effect> {
        let Some(view) = self.explorer.view.take() else {
            return vec![];
        };
        let tab = self.active;
        let mut effects = self.switch_tab(key.source());
        self.focus = Focus::Detail;
        let before = self.tab().detail.key.clone();
        effects.extend(self.navigate(key.clone()));
        let followed = view.visit();
        self.explorer.ahead = None;
        let mut back = view.back;
        // Opened straight from the `o` prompt, the view has nothing behind it to return to.
        self.explorer.behind = back.pop().map(|visit| Behind {
            pushed: before.is_some_and(|b| b != key),
            page: key,
            tab,
            visit,
            back,
            forward: vec![followed],
        });
        effects
    }

    /// Backspace on a rich page reached from the view: the view again, where it was. `None` when
    /// the page was not reached that way (the tab's own history goes back instead).
    pub(super) fn back_into_view(&mut self) -> Option<Vec<Effect>> {
        let behind = self.explorer.behind.as_ref()?;
        if self.active != behind.page.source()
            || self.tab().detail.key.as_ref() != Some(&behind.page)
        {
            return None;
        }
        let behind = self.explorer.behind.take()?;
        // The page goes back to what the view was open over; the rich page is ahead of the
        // view again (in its forward trail), not in the tab's.
        let mut effects = if behind.pushed {
            self.tab_history_back(true)
        } else {
            vec![]
        };
        effects.extend(self.switch_tab(behind.tab));
        effects.extend(self.reopen(behind.visit, behind.back, behind.forward));
        Some(effects)
    }

    /// Alt-→ on the rich page a Back closed the view onto: the view again, where it was. `None`
    /// when that is not this page (the tab's own history goes forward instead).
    pub(super) fn forward_into_view(&mut self) -> Option<Vec<Effect>> {
        let ahead = self.explorer.ahead.as_ref()?;
        if self.active != ahead.tab || self.tab().detail.key != ahead.page {
            return None;
        }
        let ahead = self.explorer.ahead.take()?;
        Some(self.reopen(ahead.visit, Vec::new(), ahead.forward))
    }

    /// Backspace (`back`) or Alt-→ in the view: its trail of URLs.
    pub(super) fn json_history(&mut self, back: bool) -> Vec<Effect> {
        let Some(view) = &mut self.explorer.view else {
            return vec![];
        };
        let here = view.visit();
        let (from, to) = if back {
            (&mut view.back, &mut view.forward)
        } else {
            (&mut view.forward, &mut view.back)
        };
        let Some(visit) = from.pop() else {
            // Back from the first page of the trail closes the view; Alt-→ opens it again.
            if back {
                let forward = std::mem::take(&mut view.forward);
                self.explorer.view = None;
                self.explorer.ahead = Some(Ahead {
                    page: self.tab().detail.key.clone(),
                    tab: self.active,
                    visit: here,
                    forward,
                });
            }
            return vec![];
        };
        to.push(here);
        let (back_trail, forward_trail) = (
            std::mem::take(&mut view.back),
            std::mem::take(&mut view.forward),
        );
        self.explorer.view = None;
        self.reopen(visit, back_trail, forward_trail)
    }

    /// Opens `visit` in the view with the trail around it, the cursor to be put back when the
    /// body arrives.
    fn reopen(&mut self, visit: Visit, back: Vec<Visit>, forward: Vec<Visit>) -> Vec<Effect> {
        let resolve = matches!(visit.target, JsonTarget::Url(_));
        let effects = self.open_json(visit.target.clone(), resolve);
        if let Some(view) = &mut self.explorer.view {
            view.back = back;
            view.forward = forward;
            view.restore = Some(visit);
        }
        effects
    }
}
