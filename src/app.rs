//! The application state and its one update function.
//!
//! `App` is owned by the event loop and changed only by [`App::update`], which does no I/O, no
//! awaiting and no clock reads: it returns [`Effect`]s for the loop to carry out. That makes every
//! behaviour testable by feeding messages and looking at state and effects.

mod batch;
mod browse;
pub mod cache;
pub mod compare;
mod focus;
mod haystack;
mod intents;
pub mod json_copy;
pub mod json_trail;
mod json_update;
pub mod json_view;
pub mod list;
pub mod live;
pub mod loadable;
mod mouse;
mod navigation;
pub mod notice;
pub mod pictures;
mod reach;
mod refresh;
pub mod request;
mod results;
pub mod saved;
mod saved_edit;
pub mod scroll;
mod search;
pub mod tab;
pub mod tab_bar;
pub mod terms;

use std::collections::{HashMap, HashSet};

pub use self::focus::{Areas, Focus};

use self::cache::DetailCache;
use self::compare::Compare;
use self::loadable::Loadable;
use self::pictures::ImageStore;
use self::saved::Saved;
use self::scroll::Scroll;
use self::tab::{Batch, BatchStatus, Tab};
use self::terms::resolve_term;
use crate::matchups::TypeChart;
use crate::model::RequestId;
use crate::model::SavedKind;
use crate::model::Source;
use crate::model::Term;
use crate::msg::{Effect, Msg};
use crate::views::Detail;

/// Base URL hosts, shown in the status bar: one per source, in [`Source::ALL`] order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hosts([String; Source::ALL.len()]);

impl Hosts {
    /// Each source's host, from `host`.
    pub fn from_fn(host: impl FnMut(Source) -> String) -> Self {
        Self(Source::ALL.map(host))
    }

    /// The host of `source`.
    pub fn of(&self, source: Source) -> &str {
        &self.0[source.index()]
    }
}

/// The whole state of the browser.
#[derive(Debug)]
// Independent switches (help, images, shiny, quit), not a state machine in disguise.
#[allow(clippy::struct_excessive_bools)]
pub struct App {
    /// One tab per source, in [`Source::ALL`] order.
    pub tabs: [Tab; Source::ALL.len()],
    /// The tab shown.
    pub active: Source,
    /// Where keys go.
    pub focus: Focus,
    /// Whether the key-binding overlay is open.
    pub help: bool,
    /// How far the key-binding overlay is scrolled.
    pub help_scroll: Scroll,
    /// The request overlay (`i`): the request behind the page shown.
    pub request: request::RequestOverlay,
    /// The last error, in one line, for the status bar. It lasts a few seconds; a newer
    /// notice (or `info`) replaces it ([`notice`]).
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
    /// The JSON view and the `o` prompt (#14).
    pub explorer: json_view::Explorer,
    /// The Live tab (#15).
    pub live: live::Live,
    /// Recently shown pages.
    pub cache: DetailCache,
    /// Bookmarks, history and recent searches.
    pub saved: Saved,
    /// The last thing done, in one line (not an error): "exported to …".
    pub info: Option<String>,
    quit: bool,
    next_req: u64,
    notice_id: u64,
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
            help_scroll: Scroll::default(),
            request: request::RequestOverlay::default(),
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
            explorer: json_view::Explorer::default(),
            live: live::Live::default(),
            cache: DetailCache::default(),
            saved: Saved::default(),
            info: None,
            quit: false,
            next_req: 0,
            notice_id: 0,
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

    /// Whether keys are read as typing a search: the search box has the focus and no overlay
    /// takes the keys (over the help, keys are commands).
    pub fn typing(&self) -> bool {
        self.focus == Focus::Search && !self.help
    }

    /// The active tab.
    pub fn tab(&self) -> &Tab {
        &self.tabs[self.active.index()]
    }

    fn tab_mut(&mut self) -> &mut Tab {
        &mut self.tabs[self.active.index()]
    }

    /// A fresh request id (for the Live tab's JSON views).
    pub(crate) fn next_req(&mut self) -> RequestId {
        self.req()
    }

    fn req(&mut self) -> RequestId {
        self.next_req += 1;
        RequestId(self.next_req)
    }

    /// Applies one message and returns what to do about it.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let notices = (self.notice.clone(), self.info.clone());
        // Tab switches to and from the Live tab (#15) first.
        let live_tabs = (self.explorer.view.is_none() && !self.help)
            .then(|| self.live_tabs(&msg))
            .flatten();
        let mut effects = match msg {
            _ if live_tabs.is_some() => live_tabs.unwrap_or_default(),
            Msg::Json(m) if m.is_result() || !self.help => self.update_json(m),
            Msg::Live(m) => self.update_live(m),
            Msg::Wheel { delta, .. } if self.explorer.view.is_some() && !self.help => {
                self.update_json(crate::msg::JsonMsg::Move(delta))
            }
            msg => self.apply(msg),
        };
        // Whatever changed, the pictures and data the screen now shows are asked for (and those
        // it no longer shows are dropped).
        effects.extend(self.sync_images());
        effects.extend(self.sync_type_chart());
        effects.extend(self.sync_notice(&notices));
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
        if self.scroll_view(&msg) {
            return vec![];
        }
        // The bookmarks/history view takes the movement keys while it is open.
        if self.saved.view.is_some() && !self.help {
            self.saved_view_saw(&msg);
            match msg {
                Msg::ToggleBookmark => return self.toggle_saved_bookmark(),
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
                self.help_scroll.offset = 0;
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
            _ if self.help || self.takes_request(&msg) => self.update_overlay(&msg),
            Msg::HistoryBack => self.history_back(),
            Msg::HistoryForward => self.history_forward(),
            Msg::ToggleShiny => {
                self.shiny = !self.shiny;
                vec![]
            }
            Msg::AnotherPhoto => self.another_photo(),
            Msg::ToggleBookmark => self.toggle_bookmark(),
            Msg::Saved(msg) => self.saved_msg(msg),
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
            Msg::FocusDetail => self.focus_detail(),
            Msg::FocusSearch => self.focus_search(),
            Msg::SearchInput(c) => self.search_input(c),
            Msg::SearchPaste(text) => self.search_paste(&text),
            Msg::SearchBackspace => self.search_backspace(),
            Msg::SearchEdit => self.search_edit(),
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
}
