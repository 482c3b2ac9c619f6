//! Drawing: a function of the app's state. The only things it writes back are scroll positions
//! (the list's offset, the detail's clamped scroll) and the screen areas used to map mouse clicks.

mod batch;
mod cells;
mod compare;
mod detail;
mod fit;
mod help;
pub mod json_view;
mod list;
mod live;
mod overlay;
pub mod page;
mod picture;
pub mod request;
mod saved;
mod search_bar;
mod status_bar;
mod tabs;
pub mod theme;
mod wrap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use std::ops::{Deref, DerefMut};

use crate::app::{App, Areas, Focus};
use crate::keymap::Keymap;
use crate::ui::theme::Theme;

/// Below this size the browser cannot be laid out; a note says so instead.
pub const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 10;
/// Below this width the list and the detail share the screen by turns, not side by side.
pub const SIDE_BY_SIDE_WIDTH: u16 = 80;

/// What the loop owns and hands to the drawing besides the state: the colours and the keys (the
/// hints and the help are written from the keymap, so they show the keys that work). `App`
/// knows neither.
#[derive(Debug, Clone, Default)]
pub struct Chrome {
    /// The colours (the config file's `[theme]` over the defaults).
    pub theme: Theme,
    /// Which key does what (the config file's `[keys]` over the defaults).
    pub keymap: Keymap,
}

/// The state being drawn, with the loop's colours and keys beside it. It dereferences to the
/// [`App`], so a renderer reads `app.tabs` and `app.theme` alike; only the layout facts
/// (areas, scroll offsets) are written back through it.
#[derive(Debug)]
pub struct Screen<'a> {
    app: &'a mut App,
    /// The colours.
    pub theme: Theme,
    /// The key bindings.
    pub keymap: &'a Keymap,
}

impl Deref for Screen<'_> {
    type Target = App;

    fn deref(&self) -> &App {
        self.app
    }
}

impl DerefMut for Screen<'_> {
    fn deref_mut(&mut self) -> &mut App {
        self.app
    }
}

impl Screen<'_> {
    /// `r retries`: the first key of `action` while browsing, then `what`; `None` when no key
    /// does it (a hint never names a key that does something else).
    pub fn key_hint(&self, action: crate::keymap::KeyAction, what: &str) -> Option<String> {
        self.keymap
            .label(action, false)
            .map(|key| format!("{key} {what}"))
    }
}

/// Draws the whole screen with the default colours and keys (tests and benchmarks; the loop
/// draws with its own [`Chrome`] through [`draw_with`]).
pub fn draw(frame: &mut Frame, app: &mut App) {
    draw_with(frame, app, &Chrome::default());
}

/// Draws the whole screen with the loop's colours and keys.
pub fn draw_with(frame: &mut Frame, app: &mut App, chrome: &Chrome) {
    let mut screen = Screen {
        app,
        theme: chrome.theme,
        keymap: &chrome.keymap,
    };
    draw_screen(frame, &mut screen);
}

fn draw_screen(frame: &mut Frame, app: &mut Screen<'_>) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        app.areas = Areas::default();
        render_too_small(frame, area, app);
        return;
    }
    let [tabs_area, search_area, body, status_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);

    let (list_area, detail_area) = if area.width >= SIDE_BY_SIDE_WIDTH {
        let [list_area, detail_area] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Fill(1)]).areas(body);
        (list_area, detail_area)
    } else if app.focus == Focus::Detail {
        (Rect::default(), body)
    } else {
        (body, Rect::default())
    };
    app.areas = Areas {
        tabs: tabs_area,
        list: list_area,
        detail: detail_area,
        list_page: list_area.height.saturating_sub(3),
        detail_page: detail_area.height.saturating_sub(3),
    };

    tabs::render(frame, app, tabs_area);
    if app.live.shown && app.explorer.view.is_none() {
        live::render(frame, app, search_area, body, status_area);
        render_overlays(frame, app, area);
        return;
    }
    search_bar::render(frame, app, search_area);
    json_view::render_prompt(frame, app, search_area);
    if app.explorer.view.is_some() {
        json_view::render(frame, app, body);
        status_bar::render(frame, app, status_area);
        json_view::render_copy_menu(frame, app, status_area);
        render_overlays(frame, app, area);
        return;
    }
    if app.compare_shown() {
        compare::render(frame, app, body);
        status_bar::render(frame, app, status_area);
        render_overlays(frame, app, area);
        return;
    }
    if !list_area.is_empty() {
        if app.saved.view.is_some() {
            saved::render(frame, app, list_area);
        } else if app.tab().batch.is_some() {
            batch::render(frame, app, list_area);
        } else {
            list::render(frame, app, list_area);
        }
    }
    if !detail_area.is_empty() {
        detail::render(frame, app, detail_area);
    }
    status_bar::render(frame, app, status_area);
    render_overlays(frame, app, area);
}

/// The request overlay, then the help over everything.
fn render_overlays(frame: &mut Frame, app: &mut Screen<'_>, area: Rect) {
    if app.request.open {
        request::render(frame, app, area);
    }
    if app.help {
        help::render(frame, app, area);
    }
}

fn render_too_small(frame: &mut Frame, area: Rect, app: &Screen<'_>) {
    // The quit key as bound in the mode the keys are read in (in the search box `q` is
    // text); Ctrl-C quits whatever the bindings.
    let typing = app.typing();
    let quit = app
        .keymap
        .label(crate::keymap::KeyAction::Quit, typing)
        .unwrap_or_else(|| "Ctrl-C".to_owned());
    let text = vec![
        Line::from("terminal too small"),
        Line::from(format!(
            "need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
            area.width, area.height
        )),
        Line::from(format!("{quit} quits")),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
