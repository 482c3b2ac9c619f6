//! The application state and its one update function.
//!
//! `App` is owned by the event loop and changed only by [`App::update`], which does no I/O, no
//! awaiting and no clock reads: it returns [`Effect`]s for the loop to carry out. That makes every
//! behaviour testable by feeding messages and looking at state and effects.

pub mod cache;
pub mod compare;
pub mod list;
pub mod loadable;
mod navigation;
pub mod pictures;
mod reach;
mod results;
pub mod saved;
pub mod source;
pub mod suggest;
pub mod tab;
pub mod terms;

use std::collections::{HashMap, HashSet};

use ratatui::layout::Rect;

use self::cache::DetailCache;
use self::compare::Compare;
use self::list::TermState;
use self::loadable::{Loadable, RequestId};
use self::pictures::ImageStore;
use self::saved::{Saved, SavedKind};
use self::source::{ItemKey, Source};
use self::tab::{Batch, BatchItem, BatchStatus, Tab};
use self::terms::Term;
use crate::matchups::TypeChart;
use crate::msg::{Effect, Msg};
use crate::views::Detail;

/// Where keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The list (or the batch view, while one is open).
    List,
    /// The search box: printable keys are typed into it.
    Search,
    /// The detail pane: movement keys scroll it.
    Detail,
}

/// Screen areas from the last draw, so mouse clicks can be mapped to rows. Written by the view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// The tab bar.
    pub tabs: Rect,
    /// The list (or batch) pane, borders included.
    pub list: Rect,
    /// The detail pane, borders included.
    pub detail: Rect,
    /// Rows a page moves in the list.
    pub list_page: u16,
    /// Rows a page scrolls in the detail.
    pub detail_page: u16,
}

/// Base URL hosts, shown in the status bar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hosts {
    /// PokeAPI's host.
    pub pokeapi: String,
    /// JSONPlaceholder's host.
    pub jsonplaceholder: String,
    /// Dog API's host.
    pub dogapi: String,
}

/// The whole state of the browser.
#[derive(Debug)]
// Independent switches (help, images, shiny, quit), not a state machine in disguise.
#[allow(clippy::struct_excessive_bools)]
pub struct App {
    /// One tab per source, in [`Source::ALL`] order.
    pub tabs: [Tab; 3],
    /// The tab shown.
    pub active: Source,
    /// Where keys go.
    pub focus: Focus,
    /// Whether the key-binding overlay is open.
    pub help: bool,
    /// The last error, in one line, for the status bar.
    pub notice: Option<String>,
    /// Spinner frame, advanced by ticks while loading.
    pub spinner: usize,
    /// Hosts of the sources, for the status bar.
    pub hosts: Hosts,
    /// Screen areas from the last draw.
    pub areas: Areas,
    /// Whether pictures are fetched and drawn (off: `[image: URL]` text). Off by default in the
    /// library; the binary turns it on unless `--no-images`.
    pub images_enabled: bool,
    /// Show shiny sprites.
    pub shiny: bool,
    /// Decoded pictures.
    pub images: ImageStore,
    /// Every type's damage relations, fetched once when first needed (matchups).
    pub type_chart: Loadable<TypeChart>,
    /// Member lists of search terms (`type:water`, `gen:1`), fetched once each.
    pub terms: HashMap<Term, Loadable<HashSet<String>>>,
    /// The compare view, while open (Pokémon tab).
    pub compare: Option<Compare>,
    /// Recently shown pages.
    pub cache: DetailCache,
    /// Bookmarks, history and recent searches.
    pub saved: Saved,
    /// The last thing done, in one line (not an error): "exported to …".
    pub info: Option<String>,
    /// Which key does what (the defaults, with the config file's `[keys]` on top).
    pub keymap: crate::keymap::Keymap,
    /// The colours (the defaults, with the config file's `[theme]` on top).
    pub theme: crate::ui::theme::Theme,
    quit: bool,
    next_req: u64,
}

/// How many "did you mean" names a not-found pane offers.
const SUGGESTIONS: usize = 5;

impl App {
    /// A fresh app; the returned effects load every tab's list.
    pub fn new(hosts: Hosts) -> (Self, Vec<Effect>) {
        let mut app = Self {
            tabs: Source::ALL.map(Tab::new),
            active: Source::Pokemon,
            focus: Focus::List,
            help: false,
            notice: None,
            spinner: 0,
            hosts,
            areas: Areas::default(),
            images_enabled: false,
            shiny: false,
            images: ImageStore::default(),
            type_chart: Loadable::Idle,
            terms: HashMap::new(),
            compare: None,
            cache: DetailCache::default(),
            saved: Saved::default(),
            info: None,
            keymap: crate::keymap::Keymap::default(),
            theme: crate::ui::theme::Theme::default(),
            quit: false,
            next_req: 0,
        };
        let effects = Source::ALL.iter().map(|&s| app.load_list(s)).collect();
        (app, effects)
    }

    /// Turns on bookmarks, history and recent searches (there is a store); the returned effects
    /// read what earlier sessions saved.
    pub fn enable_store(&mut self) -> Vec<Effect> {
        self.saved.enabled = true;
        vec![
            Effect::LoadSearches,
            Effect::LoadSaved {
                kind: SavedKind::Bookmarks,
            },
        ]
    }

    /// Whether the user asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Whether anything is loading (the spinner ticks only then).
    pub fn is_loading(&self) -> bool {
        self.tabs.iter().any(|t| {
            t.list.entries.is_loading()
                || t.list_refresh.is_some()
                || t.detail.state.is_loading()
                || t.batch.as_ref().is_some_and(Batch::is_running)
        }) || self.images.is_loading()
            || self.type_chart.is_loading()
            || self.terms.values().any(Loadable::is_loading)
            || self
                .compare
                .as_ref()
                .is_some_and(|c| c.cards.iter().any(|(_, card)| card.is_loading()))
    }

    /// Requests outstanding, for the status bar.
    pub fn in_flight(&self) -> usize {
        let others = usize::from(self.type_chart.is_loading())
            + self.terms.values().filter(|t| t.is_loading()).count()
            + self.images.loading()
            + self.compare.as_ref().map_or(0, |c| {
                c.cards.iter().filter(|(_, card)| card.is_loading()).count()
            });
        others
            + self
                .tabs
                .iter()
                .map(|t| {
                    usize::from(t.list.entries.is_loading() || t.list_refresh.is_some())
                        + usize::from(t.detail.state.is_loading())
                        + t.batch.as_ref().map_or(0, |b| {
                            b.items
                                .iter()
                                .filter(|i| i.status == BatchStatus::InFlight)
                                .count()
                        })
                })
                .sum::<usize>()
    }

    /// The active tab.
    pub fn tab(&self) -> &Tab {
        &self.tabs[self.active.index()]
    }

    fn tab_mut(&mut self) -> &mut Tab {
        &mut self.tabs[self.active.index()]
    }

    fn req(&mut self) -> RequestId {
        self.next_req += 1;
        RequestId(self.next_req)
    }

    /// Applies one message and returns what to do about it.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut effects = self.apply(msg);
        // Whatever changed, the pictures and data the screen now shows are asked for (and those
        // it no longer shows are dropped).
        effects.extend(self.sync_images());
        effects.extend(self.sync_type_chart());
        effects
    }

    /// The type chart is fetched the first time a Pokémon page or a comparison needs it.
    fn sync_type_chart(&mut self) -> Vec<Effect> {
        let needed = self.compare.is_some()
            || matches!(
                self.tabs[Source::Pokemon.index()].detail.state,
                Loadable::Loaded(Detail::Pokemon(_))
            );
        if !needed || !matches!(self.type_chart, Loadable::Idle) {
            return vec![];
        }
        let req = self.req();
        self.type_chart = Loadable::Loading { req };
        vec![Effect::FetchTypeChart { req }]
    }

    fn apply(&mut self, msg: Msg) -> Vec<Effect> {
        // The bookmarks/history view takes the movement keys while it is open.
        if self.saved.view.is_some() && !self.help {
            match msg {
                Msg::Move(delta) => {
                    self.move_saved(delta);
                    return vec![];
                }
                Msg::Page(direction) => {
                    self.move_saved(direction.signum() * 10);
                    return vec![];
                }
                Msg::Confirm => return self.open_saved(),
                Msg::Back => {
                    self.saved.view = None;
                    return vec![];
                }
                _ => {}
            }
        }
        match msg {
            Msg::Quit => {
                self.quit = true;
                vec![]
            }
            Msg::ToggleHelp => {
                self.help = !self.help;
                vec![]
            }
            Msg::Resize => vec![],
            Msg::Tick => {
                self.spinner = self.spinner.wrapping_add(1);
                vec![]
            }
            // Results are not intents: they land even while the overlay is open (dropping one
            // would leave its pane loading for good).
            _ if msg.is_result() => self.apply_result(msg),
            _ if self.help => self.update_in_help(&msg),
            Msg::HistoryBack => self.history_back(),
            Msg::HistoryForward => self.history_forward(),
            Msg::ToggleShiny => {
                self.shiny = !self.shiny;
                vec![]
            }
            Msg::AnotherPhoto => self.another_photo(),
            Msg::ToggleBookmark => self.toggle_bookmark(),
            Msg::ShowBookmarks => self.show_saved(SavedKind::Bookmarks),
            Msg::ShowHistory => self.show_saved(SavedKind::History),
            Msg::Export => self.export(),
            Msg::SearchRecall(delta) => self.recall_search(delta),
            Msg::Compare => self.toggle_compare(),
            Msg::NextTab => self.switch_tab(self.active.next()),
            Msg::PrevTab => self.switch_tab(self.active.prev()),
            Msg::SelectTab(source) => self.switch_tab(source),
            Msg::Move(delta) => self.move_by(delta),
            Msg::Page(direction) => self.page(direction),
            Msg::Top => self.move_by(isize::MIN / 2),
            Msg::Bottom => self.move_by(isize::MAX / 2),
            Msg::FocusList => {
                self.focus = Focus::List;
                vec![]
            }
            Msg::FocusDetail => {
                // Focusing the pane keeps whatever page it shows (a followed link, say); an
                // empty pane gets the selection's.
                if self.tab().list.selected().is_none() && self.tab().batch.is_none() {
                    return vec![];
                }
                self.focus = Focus::Detail;
                if matches!(self.tab().detail.state, Loadable::Idle) {
                    return self.fetch_selected(false);
                }
                vec![]
            }
            Msg::FocusSearch => {
                self.focus = Focus::Search;
                vec![]
            }
            Msg::SearchInput(c) => self.edit_query(|q| q.push(c)),
            Msg::SearchBackspace => self.edit_query(|q| {
                q.pop();
            }),
            Msg::SearchClear => self.edit_query(String::clear),
            Msg::Confirm => self.confirm(),
            Msg::Back => self.back(),
            Msg::ToggleMark => {
                if self.tab().batch.is_none() {
                    let list = &mut self.tab_mut().list;
                    list.toggle_mark();
                    // Marking moves on, so Space Space Space marks three in a row. It moves the
                    // list's selection even from the detail pane (`move_by` would scroll that).
                    if list.move_by(1) {
                        return self.fetch_selected(true);
                    }
                }
                vec![]
            }
            Msg::MarkAll => {
                if self.tab().batch.is_none() {
                    self.tab_mut().list.mark_all_shown();
                }
                vec![]
            }
            Msg::Retry => self.retry(),
            Msg::Click { x, y } => self.click(x, y),
            Msg::Wheel { x, y, delta } => self.wheel(x, y, delta),
            // Every result was matched above.
            _ => vec![],
        }
    }

    /// While the help overlay is open, only closing it does anything.
    fn update_in_help(&mut self, msg: &Msg) -> Vec<Effect> {
        if matches!(msg, Msg::Back | Msg::Confirm) {
            self.help = false;
        }
        vec![]
    }

    fn switch_tab(&mut self, source: Source) -> Vec<Effect> {
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

    fn load_list(&mut self, source: Source) -> Effect {
        let req = self.req();
        self.tabs[source.index()].list.entries = Loadable::Loading { req };
        self.tabs[source.index()].list_retry = None;
        self.tabs[source.index()].list_origin = None;
        Effect::FetchList { source, req }
    }

    /// Moves the selection (list or batch) or scrolls the detail, by `delta` rows.
    fn move_by(&mut self, delta: isize) -> Vec<Effect> {
        // In the detail pane, arrows walk the page's links (like a text browser); a page without
        // links scrolls instead.
        if self.focus == Focus::Detail && self.move_link(delta) {
            return vec![];
        }
        self.scroll_or_move(delta)
    }

    /// Scrolls the detail (when focused) or moves the list or batch selection.
    fn scroll_or_move(&mut self, delta: isize) -> Vec<Effect> {
        if self.focus == Focus::Detail {
            let detail = &mut self.tab_mut().detail;
            let scroll = i64::from(detail.scroll).saturating_add(delta as i64).max(0);
            detail.scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
            return vec![];
        }
        if let Some(batch) = &mut self.tab_mut().batch {
            let last = batch.items.len().saturating_sub(1);
            let current = batch.state.selected().unwrap_or(0);
            batch
                .state
                .select(Some(current.saturating_add_signed(delta).min(last)));
            return vec![];
        }
        if self.tab_mut().list.move_by(delta) {
            return self.fetch_selected(true);
        }
        vec![]
    }

    fn page(&mut self, direction: isize) -> Vec<Effect> {
        let rows = if self.focus == Focus::Detail {
            self.areas.detail_page
        } else {
            self.areas.list_page
        };
        // A page always scrolls, even on a page with links.
        self.scroll_or_move(direction.signum() * isize::try_from(rows.max(1)).unwrap_or(1))
    }

    fn edit_query(&mut self, edit: impl FnOnce(&mut String)) -> Vec<Effect> {
        self.focus = Focus::Search;
        let list = &mut self.tabs[self.active.index()].list;
        let mut query = list.query.clone();
        edit(&mut query);
        // Nothing changed (Esc or Backspace on an empty search): keep the selection where it is.
        if query == list.query {
            return vec![];
        }
        // Cap absurd pastes: nobody searches with more than a line of text.
        if query.chars().count() > 200 {
            return vec![];
        }
        let terms = &self.terms;
        let changed = list.set_query_with(query, &|t| resolve_term(terms, t));
        // Terms never seen before need their member lists.
        let missing: Vec<Term> = list
            .remote_terms()
            .into_iter()
            .filter(|t| !self.terms.contains_key(t))
            .collect();
        let mut effects = Vec::new();
        for term in missing {
            let req = self.req();
            self.terms.insert(term.clone(), Loadable::Loading { req });
            effects.push(Effect::FetchTerm { term, req });
        }
        if changed {
            effects.extend(self.fetch_selected(true));
        }
        effects
    }

    /// `n` in the Dogs tab: another random photo of the breed shown.
    fn another_photo(&mut self) -> Vec<Effect> {
        let Some(key @ ItemKey::Breed(_)) = self.tab().detail.key.clone() else {
            return vec![];
        };
        self.cache.remove(&key);
        self.tab_mut().detail.state = Loadable::Idle;
        self.fetch_detail(key, false)
    }

    /// Fetches the selected entry's detail unless the pane already shows (or awaits) it.
    fn fetch_selected(&mut self, debounce: bool) -> Vec<Effect> {
        let Some(entry) = self.tab().list.selected() else {
            return vec![];
        };
        let key = entry.key.clone();
        // Choosing from the list starts a new trail: links followed before are forgotten.
        if self.tab().detail.key.as_ref() != Some(&key) {
            let detail = &mut self.tab_mut().detail;
            detail.back.clear();
            detail.forward.clear();
        }
        self.fetch_detail(key, debounce)
    }

    fn fetch_detail(&mut self, key: ItemKey, debounce: bool) -> Vec<Effect> {
        let detail = &self.tab().detail;
        let same = detail.key.as_ref() == Some(&key)
            && matches!(detail.state, Loadable::Loading { .. } | Loadable::Loaded(_));
        if same {
            return vec![];
        }
        // A page seen recently is shown at once, with no request.
        if let Some((page, origin)) = self.cache.get(&key).cloned() {
            let detail = &mut self.tab_mut().detail;
            detail.key = Some(key);
            detail.state = Loadable::Loaded(page);
            detail.origin = origin;
            detail.scroll = 0;
            detail.link = None;
            return vec![];
        }
        let sub_breeds = self.sub_breeds_of(&key);
        let req = self.req();
        let source = self.active;
        let detail = &mut self.tab_mut().detail;
        detail.key = Some(key.clone());
        detail.state = Loadable::Loading { req };
        detail.retry = None;
        detail.origin = None;
        detail.scroll = 0;
        detail.link = None;
        vec![Effect::FetchDetail {
            source,
            req,
            key,
            sub_breeds,
            debounce,
        }]
    }

    /// A breed's sub-breeds, from the loaded list.
    fn sub_breeds_of(&self, key: &ItemKey) -> Vec<String> {
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

    /// Enter.
    fn confirm(&mut self) -> Vec<Effect> {
        match self.focus {
            Focus::Search => {
                let query = self.tab().list.query.clone();
                let mut effects = self.remember_search(&query);
                effects.extend(self.confirm_search());
                effects
            }
            Focus::List => {
                if let Some(batch) = &self.tab().batch {
                    let key = batch
                        .state
                        .selected()
                        .and_then(|i| batch.items.get(i))
                        .map(|item| item.key.clone());
                    return match key {
                        Some(key) => {
                            self.focus = Focus::Detail;
                            self.fetch_detail(key, false)
                        }
                        None => vec![],
                    };
                }
                if self.tab().list.marks.is_empty() {
                    self.open_selected()
                } else {
                    self.start_batch()
                }
            }
            Focus::Detail => self.open_link(),
        }
    }

    /// Enter in the search box: opens the best match, or fetches exactly what was typed.
    fn confirm_search(&mut self) -> Vec<Effect> {
        let tab = self.tab();
        if tab.list.selected().is_some() {
            return self.open_selected();
        }
        // Nothing in the list matches: fetch exactly what was typed.
        let query = tab.list.query.trim().to_owned();
        self.focus = Focus::Detail;
        match self.active.key_for_query(&query) {
            Some(key) => self.fetch_detail(key, false),
            None if query.is_empty() => {
                self.focus = Focus::List;
                vec![]
            }
            None => {
                let detail = &mut self.tab_mut().detail;
                detail.key = None;
                detail.state = Loadable::NotFound {
                    query,
                    suggestions: Vec::new(),
                };
                vec![]
            }
        }
    }

    /// Shows the selected entry's detail now (no debounce) and gives it focus.
    fn open_selected(&mut self) -> Vec<Effect> {
        if self.tab().list.selected().is_none() && self.tab().batch.is_none() {
            return vec![];
        }
        self.focus = Focus::Detail;
        if self.tab().batch.is_some() {
            return vec![];
        }
        // Enter means now: a debounced fetch of this very entry (started by typing or moving)
        // is replaced by an immediate one.
        let debounced = matches!(self.tab().detail.state, Loadable::Loading { .. })
            && self.tab().detail.key.as_ref() == self.tab().list.selected().map(|e| &e.key);
        if debounced {
            self.tab_mut().detail.state = Loadable::Idle;
        }
        self.fetch_selected(false)
    }

    fn start_batch(&mut self) -> Vec<Effect> {
        let req = self.req();
        let source = self.active;
        let list = &mut self.tab_mut().list;
        let entries = list.all();
        let items: Vec<BatchItem> = list
            .marks
            .iter()
            .filter_map(|&i| entries.get(i))
            .map(|entry| BatchItem {
                key: entry.key.clone(),
                label: match &entry.tag {
                    Some(tag) => format!("{tag} {}", entry.title),
                    None => entry.title.clone(),
                },
                req,
                status: BatchStatus::Queued,
                retry: None,
            })
            .collect();
        list.marks.clear();
        let keys = items
            .iter()
            .enumerate()
            .map(|(i, item)| (i, item.key.clone()))
            .collect();
        let mut state = ratatui::widgets::ListState::default();
        state.select(Some(0));
        self.tab_mut().batch = Some(Batch { items, state });
        vec![Effect::FetchBatch {
            source,
            req,
            items: keys,
        }]
    }

    /// Esc.
    fn back(&mut self) -> Vec<Effect> {
        if self.compare.take().is_some() {
            return vec![];
        }
        match self.focus {
            Focus::Search => {
                let effects = self.edit_query(String::clear);
                self.focus = Focus::List;
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
                    return vec![Effect::CancelBatch { source }];
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

    /// `r`: retries what failed where the user is looking.
    fn retry(&mut self) -> Vec<Effect> {
        let source = self.active;
        if self.tab().batch.is_some() {
            let req = self.req();
            let mut items = Vec::new();
            if let Some(batch) = &mut self.tab_mut().batch {
                for (i, item) in batch.items.iter_mut().enumerate() {
                    if matches!(item.status, BatchStatus::Failed(_)) {
                        item.status = BatchStatus::Queued;
                        item.req = req;
                        item.retry = None;
                        items.push((i, item.key.clone()));
                    }
                }
            }
            // With no failed item in the batch, `r` retries what else failed (the detail).
            if !items.is_empty() {
                let batch = Effect::FetchBatch { source, req, items };
                return vec![Effect::Forced(Box::new(batch))];
            }
        }
        // `r` goes to the network for real: no fresh-cache answer, no skipping a server thought
        // unreachable. A list that came from the snapshot or a stale copy counts as failed.
        if let Some(list) = self.refresh_list(source) {
            return vec![Effect::Forced(Box::new(list))];
        }
        let page = self.refresh_detail();
        if !page.is_empty() {
            return page
                .into_iter()
                .map(|e| Effect::Forced(Box::new(e)))
                .collect();
        }
        // A failed type chart is asked for again by the next update.
        if matches!(self.type_chart, Loadable::Failed(_)) {
            self.type_chart = Loadable::Idle;
        }
        vec![]
    }

    fn click(&mut self, x: u16, y: u16) -> Vec<Effect> {
        let areas = self.areas;
        let at = ratatui::layout::Position { x, y };
        if areas.tabs.contains(at) {
            // Tabs are drawn left to right in equal-ish slots; map by the title widths.
            let mut left = areas.tabs.x;
            for source in Source::ALL {
                let width = u16::try_from(source.title().chars().count() + 5).unwrap_or(u16::MAX);
                if x < left.saturating_add(width) {
                    return self.switch_tab(source);
                }
                left = left.saturating_add(width);
            }
            return vec![];
        }
        if areas.list.contains(at) {
            self.focus = Focus::List;
            // One row of border above the first item (and in the batch view, the gauge); one of
            // border below the last. Clicks on those select nothing.
            let top = areas.list.y + 1 + u16::from(self.tab().batch.is_some());
            let bottom = areas.list.bottom().saturating_sub(1);
            if y < top || y >= bottom {
                return vec![];
            }
            let row = usize::from(y - top);
            let tab = self.tab_mut();
            if let Some(batch) = &mut tab.batch {
                let index = batch.state.offset() + row;
                if index < batch.items.len() {
                    batch.state.select(Some(index));
                }
                return vec![];
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

    fn wheel(&mut self, x: u16, y: u16, delta: isize) -> Vec<Effect> {
        let at = ratatui::layout::Position { x, y };
        let focus = self.focus;
        if self.areas.detail.contains(at) {
            self.focus = Focus::Detail;
        } else if self.areas.list.contains(at) {
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

/// How a search term stands in `terms` right now.
fn resolve_term<'a>(
    terms: &'a HashMap<Term, Loadable<HashSet<String>>>,
    term: &Term,
) -> TermState<'a> {
    match terms.get(term) {
        Some(Loadable::Loaded(names)) => TermState::Ready(names),
        None | Some(Loadable::Loading { .. } | Loadable::Idle) => TermState::Pending,
        Some(Loadable::NotFound { .. } | Loadable::Failed(_)) => TermState::Unknown,
    }
}
