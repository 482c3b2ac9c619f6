//! Wrapping runs of spans that must not be split (a word, a type badge) into lines, with a
//! hanging indent, so a second line lines up under the first one's text rather than starting
//! at the left edge.

use ratatui::text::{Line, Span};

/// Lays `tokens` out after `first` in lines at most `width` cells wide. Continuation lines
/// start with `indent` blank cells. A token wider than a whole line gets a line of its own
/// (and is cut by the screen's edge, not here).
pub fn hanging(
    first: Vec<Span<'static>>,
    tokens: Vec<Vec<Span<'static>>>,
    width: usize,
    indent: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut used: usize = first.iter().map(Span::width).sum();
    let mut current = first;
    let mut empty = true;
    for token in tokens {
        let token_width: usize = token.iter().map(Span::width).sum();
        if !empty && used + token_width > width {
            lines.push(Line::from(std::mem::take(&mut current)));
            current.push(Span::raw(" ".repeat(indent)));
            used = indent;
        }
        used += token_width;
        current.extend(token);
        empty = false;
    }
    lines.push(Line::from(current));
    lines
}

/// The words of `text`, each a token with its following space.
pub fn words(text: &str) -> Vec<Vec<Span<'static>>> {
    text.split_whitespace()
        .map(|w| vec![Span::raw(format!("{w} "))])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn continuation_lines_hang_under_the_text() {
        let lines = hanging(vec![Span::raw("key  ")], words("one two three four"), 15, 5);
        assert_eq!(text(&lines), ["key  one two ", "     three ", "     four "]);
        assert!(lines.iter().all(|l| l.width() <= 15));
    }
}
