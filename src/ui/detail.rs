//! The detail pane: the page shown (with its picture beside it), or why it is not there.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::page::{self, PageContext};
use super::picture;
use super::status_bar::SPINNER;
use super::theme::Theme;
use crate::app::App;
use crate::app::Focus;
use crate::app::loadable::{Loadable, worth_retrying};
use crate::keymap::KeyAction;
use crate::sanitize::line;
use crate::ui::Screen;
use crate::views::Detail;
use crate::views::bounds::{MAX_LINE, clip};

/// Crumbs shown in the breadcrumb before the current page.
const CRUMBS: usize = 3;

/// Draws the active tab's detail pane, clamping its scroll to the content.
pub fn render(frame: &mut Frame, app: &mut Screen<'_>, area: Rect) {
    let focused = app.focus == Focus::Detail;
    let theme = app.theme;
    let spinner = SPINNER[app.spinner % SPINNER.len()];
    let images = app.images_enabled;
    let shiny = app.shiny;
    let tab = &app.tabs[app.active.index()];
    let detail = &tab.detail;
    // Keys hold names exactly as the API or the user spelled them (they are fetched by them):
    // they are sanitised here, where they are shown.
    let title = if detail.back.is_empty() {
        detail.key.as_ref().map_or_else(
            || " detail ".to_owned(),
            |key| format!(" {} ", line(&clip(&key.to_string(), MAX_LINE))),
        )
    } else {
        let crumbs = detail.breadcrumb(CRUMBS);
        let more = if detail.back.len() > CRUMBS {
            "… › "
        } else {
            ""
        };
        format!(" {more}{} ", line(&clip(&crumbs.join(" › "), MAX_LINE)))
    };
    // A bookmarked page wears a star.
    let bookmarked = detail
        .key
        .as_ref()
        .is_some_and(|k| app.saved.bookmarked.contains(&k.to_stored()));
    let title = if bookmarked {
        format!("{title}★ ")
    } else {
        title
    };
    let mut block = Block::bordered()
        .title(title)
        .border_style(theme.border(focused));
    // Where the page came from, when it was not simply fetched now: "cached 3 h ago".
    if let Some(badge) = detail.origin.and_then(crate::api::origin::Origin::badge) {
        block = block.title_bottom(Line::styled(format!(" {badge} "), theme.dim()));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);

    // The picture sits beside the text on a wide pane, above it on a narrow one; the text's
    // width is known before the page is built, so the tree can wrap with its guides.
    let (picture_url, pixel_art) = match &detail.state {
        Loadable::Loaded(loaded) => (
            loaded.picture_url(shiny).map(str::to_owned),
            matches!(loaded, Detail::Pokemon(_)),
        ),
        _ => (None, false),
    };
    let text_area = match picture_url.filter(|_| images) {
        Some(url) => {
            let (picture_area, text_area) = split_for_picture(inner, pixel_art);
            picture::render(frame, &theme, app.images.get(&url), picture_area);
            text_area
        }
        None => inner,
    };
    let page = match &detail.state {
        Loadable::Loaded(loaded) => {
            let cx = PageContext {
                selected_link: detail.link,
                chart: &app.type_chart,
                images,
                shiny,
                theme: &theme,
                width: text_area.width,
            };
            page::build(loaded, cx)
        }
        other => {
            let retries = app.key_hint(KeyAction::Retry, "retries");
            message(&theme, other, spinner, detail.retry, retries)
        }
    };

    render_text(frame, app, page, text_area);
}

/// Splits the pane into picture and text areas.
fn split_for_picture(inner: Rect, pixel_art: bool) -> (Rect, Rect) {
    // Sprites are small and square-ish; photos deserve more room.
    let (width, height) = if pixel_art {
        (26, 13)
    } else {
        (inner.width * 2 / 5, 16)
    };
    if inner.width >= 60 {
        let [text, picture] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(width)]).areas(inner);
        let [picture, _] =
            Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]).areas(picture);
        (picture, text)
    } else {
        let height = height.min(inner.height / 2);
        let [picture, text] =
            Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]).areas(inner);
        (picture, text)
    }
}

fn render_text(frame: &mut Frame, app: &mut Screen<'_>, page: page::Page, area: Rect) {
    let dim = app.theme.dim();
    let app: &mut App = app;
    let detail = &mut app.tabs[app.active.index()].detail;
    let width = area.width;
    // Scroll the selected link into sight once, when it moved.
    if detail.reveal_link {
        detail.reveal_link = false;
        if let Some(line) = page.selected_line {
            let above = Paragraph::new(page.lines[..line].to_vec())
                .wrap(Wrap { trim: false })
                .line_count(width);
            let above = u16::try_from(above).unwrap_or(u16::MAX);
            if above < detail.scroll {
                detail.scroll = above;
            } else if above >= detail.scroll.saturating_add(area.height) {
                detail.scroll = above.saturating_sub(area.height / 2);
            }
        }
    }
    let paragraph = Paragraph::new(page.lines).wrap(Wrap { trim: false });
    let total = paragraph.line_count(width);
    let max_scroll = total.saturating_sub(usize::from(area.height));
    detail.scroll = detail
        .scroll
        .min(u16::try_from(max_scroll).unwrap_or(u16::MAX));
    frame.render_widget(paragraph.scroll((detail.scroll, 0)), area);
    if max_scroll > 0 && area.height > 0 {
        // Where we are, on the pane's bottom border.
        let position = Line::styled(
            format!(" {}/{} ", usize::from(detail.scroll) + 1, max_scroll + 1),
            dim,
        )
        .right_aligned();
        let bottom = Rect {
            y: area.bottom(),
            height: 1,
            ..area
        };
        if frame.area().contains(ratatui::layout::Position {
            x: bottom.x,
            y: bottom.y,
        }) {
            frame.render_widget(position, bottom);
        }
    }
}

/// ` retrying (2/3)` while a retry is under way.
pub fn retry_note(retry: Option<(u32, u32)>) -> String {
    retry.map_or_else(String::new, |(n, of)| format!(" retrying ({n}/{of})"))
}

/// What the pane says when there is no page.
fn message(
    theme: &Theme,
    state: &Loadable<Detail>,
    spinner: &str,
    retry: Option<(u32, u32)>,
    retries: Option<String>,
) -> page::Page {
    let lines = match state {
        Loadable::Idle => vec![Line::styled("select an item", theme.dim())],
        Loadable::Loading { .. } => vec![Line::raw(format!(
            "{spinner} fetching…{}",
            retry_note(retry)
        ))],
        Loadable::Failed(err) => {
            let mut lines = vec![Line::styled(
                format!("✗ {}", line(&clip(&err.to_string(), MAX_LINE))),
                theme.error(),
            )];
            // Only where trying again can help: a 400 would be the same answer.
            if worth_retrying(err)
                && let Some(retries) = retries
            {
                lines.push(Line::default());
                lines.push(Line::styled(retries, theme.dim()));
            }
            lines
        }
        Loadable::NotFound { query, suggestions } => {
            let mut lines = vec![Line::styled(
                format!("✗ not found: {}", line(&clip(query, MAX_LINE))),
                theme.error(),
            )];
            if !suggestions.is_empty() {
                lines.push(Line::default());
                lines.push(Line::styled("did you mean", theme.heading()));
                lines.extend(
                    suggestions
                        .iter()
                        .map(|s| Line::raw(format!("  {}", line(s)))),
                );
            }
            lines
        }
        Loadable::Loaded(_) => Vec::new(),
    };
    page::Page {
        lines,
        ..page::Page::default()
    }
}
