//! The compare view's team lines: shared weaknesses and the attacking types nobody resists.

use ratatui::text::{Line, Span};

use crate::app::compare::Compare;
use crate::app::loadable::{Loadable, worth_retrying};
use crate::keymap::KeyAction;
use crate::sanitize::line;
use crate::ui::Screen;
use crate::ui::theme;
use crate::ui::wrap;

/// Where the team lines' badges start (after "nobody resists     ").
const TEAM_INDENT: usize = 19;

/// The team's shared weaknesses and the attacking types nobody resists, wrapped to `width`
/// with the badges lined up under each other.
pub(super) fn lines(app: &Screen<'_>, compare: &Compare, width: usize) -> Vec<Line<'static>> {
    let theme = app.theme;
    let mut lines = vec![
        Line::default(),
        Line::styled("Team matchups", theme.heading()),
    ];
    match &app.type_chart {
        Loadable::Loaded(chart) => {
            let team = chart.team(&compare.team_types());
            let label =
                |text: &str| vec![Span::styled(format!("{text:<TEAM_INDENT$}"), theme.dim())];
            let none = || vec![vec![Span::styled("—", theme.dim())]];
            let weak: Vec<Vec<Span>> = team
                .shared_weaknesses
                .iter()
                .map(|(t, count)| {
                    vec![
                        Span::styled(format!(" {t} "), theme::type_badge(t)),
                        Span::raw(format!("×{count}  ")),
                    ]
                })
                .collect();
            let weak = if weak.is_empty() { none() } else { weak };
            lines.extend(wrap::hanging(
                label("weak (2+ members)"),
                weak,
                width,
                TEAM_INDENT,
            ));
            let open: Vec<Vec<Span>> = team
                .unresisted
                .iter()
                .map(|t| {
                    vec![
                        Span::styled(format!(" {t} "), theme::type_badge(t)),
                        Span::raw(" "),
                    ]
                })
                .collect();
            let open = if open.is_empty() { none() } else { open };
            lines.extend(wrap::hanging(
                label("nobody resists"),
                open,
                width,
                TEAM_INDENT,
            ));
        }
        Loadable::Failed(err) => {
            let retry = match app.key_hint(KeyAction::Retry, "retries") {
                Some(retries) if worth_retrying(err) => format!(" ({retries})"),
                _ => String::new(),
            };
            lines.push(Line::styled(
                format!("✗ type chart: {}{retry}", line(&err.to_string())),
                theme.error(),
            ));
        }
        _ => lines.push(Line::styled("loading the type chart…", theme.dim())),
    }
    lines
}
