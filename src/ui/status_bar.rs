//! The status line: source and host, requests in flight, the last error, key hints.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use crate::app::Focus;
use crate::keymap::KeyAction;
use crate::ui::Screen;

/// Braille spinner frames.
pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// Draws the status line.
pub fn render(frame: &mut Frame, app: &Screen<'_>, area: Rect) {
    let theme = app.theme;
    let host = app.hosts.of(app.active);
    let mut left = vec![
        Span::styled(format!(" {} ", app.active.api_name()), theme.heading()),
        Span::styled(format!("{host} "), theme.dim()),
    ];
    // What is true of the source's server now: `offline` only when it cannot be reached,
    // `PokeAPI: HTTP 503` when it answers with errors, nothing when it works. (Where each page
    // came from is the page's own badge.)
    if let Some(state) = app.tab().reach.label(app.active.api_name()) {
        left.push(Span::styled(format!("{state} "), theme.error()));
    }
    let in_flight = app.in_flight();
    if in_flight > 0 {
        left.push(Span::raw(format!(
            "{} {in_flight} loading ",
            SPINNER[app.spinner % SPINNER.len()]
        )));
    }
    // Room for the notice next to what is left of the line and the shortest hint.
    let used: usize = left.iter().map(Span::width).sum();
    let room = usize::from(area.width).saturating_sub(used + help_hint(app).chars().count() + 3);
    // Notices name items by their keys, spelled as the API or the user spelled them.
    if let Some(notice) = &app.notice {
        let text = format!("✗ {}", crate::sanitize::line(notice));
        left.push(Span::styled(fit(&text, room), theme.error()));
    } else if let Some(info) = &app.info {
        let text = format!("✓ {}", crate::sanitize::line(info));
        left.push(Span::styled(fit(&text, room), theme.ok()));
    }
    let hints = hints(app);
    // The source, the spinner and errors matter more than key hints: when they would not fit
    // together, the hints shrink to the one that leads to all the others.
    let left_width: usize = left.iter().map(Span::width).sum();
    let hints = if left_width + hints.chars().count() + 2 > usize::from(area.width) {
        help_hint(app)
    } else {
        hints
    };
    // One cell of gap keeps a long notice from running into the hints.
    let hints_width = u16::try_from(hints.chars().count() + 2).unwrap_or(u16::MAX);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(hints_width)]).areas(area);
    frame.render_widget(Line::from(left), left_area);
    // Right-aligned with one trailing cell, so the gap falls before the hints.
    frame.render_widget(
        Line::styled(format!("{hints} "), theme.dim()).right_aligned(),
        right_area,
    );
}

/// `text`, shortened to `room` cells by leaving out the middle of the paths and URLs in it
/// (`exported to /…/apidex-pikachu-1.json`): the file or item named at a path's end is what
/// matters. Only the paths shrink, the last first, and only as far as needed: the words around
/// them (what happened to the file) are never cut.
fn fit(text: &str, room: usize) -> String {
    let mut words: Vec<String> = text.split(' ').map(str::to_owned).collect();
    let width = |words: &[String]| {
        words.iter().map(|w| w.chars().count()).sum::<usize>() + words.len().saturating_sub(1)
    };
    // First each path keeps its start (a URL its host), then URLs lose the host too.
    for whole in [false, true] {
        for i in (0..words.len()).rev() {
            if width(&words) <= room {
                return words.join(" ");
            }
            if let Some(short) = shorten_path(&words[i], whole) {
                words[i] = short;
            }
        }
    }
    words.join(" ")
}

/// One word that is a path or URL without its middle: a URL keeps its host
/// (`https://pokeapi.co/…/charmander`), a path its first and last parts (`/…/x.json`). `None`
/// when the word has nothing to leave out.
/// With `whole`, a URL goes entirely but for its end (`…/charmander`).
fn shorten_path(word: &str, whole: bool) -> Option<String> {
    let last = word.rfind('/')?;
    let keep = match word.find("://") {
        Some(_) if whole => 0,
        Some(scheme) => scheme + 3 + word[scheme + 3..].find('/')? + 1,
        None => word.find('/')? + 1,
    };
    let short = format!("{}…{}", &word[..keep], &word[last..]);
    (short.chars().count() < word.chars().count()).then_some(short)
}

/// The key hints for where the focus is, from the keymap: `/ search · Space mark · …`.
fn hints(app: &Screen<'_>) -> String {
    // The JSON view's own keys are fixed (#14); the key that closes it is the keymap's.
    if app.explorer.view.is_some() {
        let close = app.keymap.json_label(KeyAction::ToggleJson);
        let close = close
            .map(|key| format!(" · {key} close"))
            .unwrap_or_default();
        return format!("Space fold · / search · | jq · y copy · Enter follow{close}");
    }
    let keymap = &app.keymap;
    let typing = app.focus == Focus::Search;
    let hint = |actions: &[KeyAction], label: &str| keymap.hint(actions, label, typing);
    let hints = match app.focus {
        Focus::Search => vec![
            hint(&[KeyAction::Confirm], "open"),
            hint(&[KeyAction::Back], "clear"),
        ],
        Focus::Detail => vec![
            hint(&[KeyAction::SelectPrev, KeyAction::SelectNext], "links"),
            hint(&[KeyAction::Confirm], "open"),
            hint(&[KeyAction::HistoryBack], "back"),
            hint(&[KeyAction::PageDown], "scroll"),
        ],
        Focus::List if app.saved.view.is_some() => vec![
            hint(&[KeyAction::Confirm], "open"),
            hint(&[KeyAction::DeleteSaved], "delete"),
            app.saved
                .view
                .as_ref()
                .filter(|v| v.kind == crate::model::SavedKind::History)
                .and_then(|_| hint(&[KeyAction::ClearHistory], "clear all")),
            hint(&[KeyAction::Back], "close"),
        ],
        Focus::List if app.tab().batch.is_some() => vec![
            hint(&[KeyAction::Confirm], "open"),
            hint(&[KeyAction::Retry], "retry"),
            hint(&[KeyAction::Back], "close"),
        ],
        Focus::List => vec![
            hint(&[KeyAction::FocusSearch], "search"),
            hint(&[KeyAction::ToggleMark], "mark"),
            hint(&[KeyAction::Confirm], "open"),
        ],
    };
    let mut hints: Vec<String> = hints.into_iter().flatten().collect();
    hints.push(help_hint(app));
    if app.focus == Focus::List && app.tab().batch.is_none() {
        hints.extend(keymap.hint(&[KeyAction::Quit], "quit", false));
    }
    hints.retain(|h| !h.is_empty());
    hints.join(" · ")
}

/// `? help`: the key that opens the help, in the mode the keys are read in (in the search box
/// `?` is text, so no hint there unless another key opens the help while typing).
fn help_hint(app: &Screen<'_>) -> String {
    let typing = app.typing();
    app.keymap
        .hint(&[KeyAction::ToggleHelp], "help", typing)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn a_long_path_keeps_its_file_name() {
        let text = "✓ exported to /home/me/.local/share/apidex/exports/apidex-pikachu-1.json";
        assert_eq!(fit(text, 200), text);
        assert_eq!(fit(text, 40), "✓ exported to /…/apidex-pikachu-1.json");
        let url = "✗ #4 charmander: HTTP 500 from https://pokeapi.co/api/v2/pokemon/charmander";
        assert_eq!(
            fit(url, 70),
            "✗ #4 charmander: HTTP 500 from https://pokeapi.co/…/charmander"
        );
        assert_eq!(fit(url, 50), "✗ #4 charmander: HTTP 500 from …/charmander");
        assert_eq!(fit("no path here", 3), "no path here");
    }

    #[test]
    fn the_words_between_two_paths_are_kept() {
        let text = "/home/me/.local/share/apidex/apidex-data.sqlite3 was damaged (malformed); \
                    recovered 12 rows; the damaged file was kept as \
                    /home/me/.local/share/apidex/apidex-data.sqlite3.corrupt-1796120574";
        let short = fit(text, 120);
        assert!(
            short.contains("was damaged (malformed); recovered 12 rows"),
            "{short}"
        );
        assert!(
            short.ends_with("/…/apidex-data.sqlite3.corrupt-1796120574"),
            "{short}"
        );
    }
}
