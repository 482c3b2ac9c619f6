//! Lines cut to a width in terminal cells, counted as ratatui and the terminal count them
//! (unicode-width: `ピ` and U+3000 IDEOGRAPHIC SPACE are two cells).
//!
//! Why not leave it to `Paragraph`'s wrap: ratatui 0.30's word wrapper checks a line's room
//! before adding a character, so a wide character at the end of a full line spills one cell
//! into the border (`… 危険な 技を│` drew `を` over it). Pages are wrapped here first, so every
//! line the paragraph gets already fits.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// `line` as lines at most `width` cells wide: broken after a space or beside a wide character
/// (CJK text has no spaces to break at), else inside a word too long for a line. A line that
/// fits, or `width` 0, comes back as it is.
pub fn wrap(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    if width == 0 || line.width() <= width {
        return vec![line];
    }
    let chars: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| {
            s.content
                .chars()
                .map(move |c| (c, line.style.patch(s.style)))
        })
        .collect();
    let cells = |c: char| c.width().unwrap_or(0);
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        // The longest run from `start` that fits, ending at the last break opportunity.
        let mut used = 0;
        let mut end = start;
        let mut last_break = None;
        while end < chars.len() && used + cells(chars[end].0) <= width {
            used += cells(chars[end].0);
            end += 1;
            let (c, _) = chars[end - 1];
            let next_wide = chars.get(end).is_some_and(|(n, _)| cells(*n) > 1);
            if c == ' ' || cells(c) > 1 || next_wide {
                last_break = Some(end);
            }
        }
        let stop = if end == chars.len() {
            end
        } else {
            last_break.unwrap_or(end).max(start + 1)
        };
        lines.push(spans_of(&chars[start..stop]));
        start = stop;
    }
    lines
}

/// Characters back into spans, one per run of one style.
fn spans_of(chars: &[(char, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    for &(c, style) in chars {
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn wide_characters_never_cross_the_width() {
        let line = Line::from(vec![
            Span::raw("anticipation"),
            Span::raw(" (hidden)"),
            Span::raw(" — 相手の\u{3000}持つ 危険な 技を 察知する。"),
        ]);
        for width in 10..50 {
            let lines = wrap(line.clone(), width);
            assert!(
                lines.iter().all(|l| l.width() <= width),
                "{width}: {:?}",
                text(&lines)
            );
            assert_eq!(text(&lines).concat(), line.to_string(), "nothing lost");
        }
        assert_eq!(
            text(&wrap(line, 46)),
            [
                "anticipation (hidden) — 相手の\u{3000}持つ 危険な 技",
                "を 察知する。"
            ]
        );
    }

    #[test]
    fn latin_text_breaks_after_spaces() {
        let lines = wrap(Line::raw("one two three"), 9);
        assert_eq!(text(&lines), ["one two ", "three"]);
        assert_eq!(
            text(&wrap(Line::raw("abcdefghij"), 4)),
            ["abcd", "efgh", "ij"]
        );
        assert_eq!(text(&wrap(Line::raw("short"), 0)), ["short"]);
    }
}
