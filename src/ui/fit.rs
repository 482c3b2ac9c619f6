//! Fitting a list row's title and its secondary column (a post's author) into the width there
//! is: the title gives way first, with an ellipsis, so the column after it stays visible at
//! every width (a terminal simply clips what does not fit, which took the author with it).
//! Widths are terminal cells, not characters: a CJK title takes two cells a character.

use ratatui::text::Span;

/// The ellipsis put where text was cut.
pub const ELLIPSIS: char = '…';

/// Cells `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    Span::raw(text).width()
}

/// How many leading characters of `text` to keep so that they — and an ellipsis, when any
/// character is left out — fit in `max` cells; and whether any was left out.
pub fn cut(text: &str, max: usize) -> (usize, bool) {
    if width(text) <= max {
        return (text.chars().count(), false);
    }
    let room = max.saturating_sub(1);
    let (mut used, mut kept) = (0, 0);
    let mut buf = [0; 4];
    for c in text.chars() {
        let w = width(c.encode_utf8(&mut buf));
        if used + w > room {
            break;
        }
        used += w;
        kept += 1;
    }
    (kept, true)
}

/// `text` cut to `max` cells, ending in `…` when anything was left out.
pub fn ellipsised(text: &str, max: usize) -> String {
    let (kept, was_cut) = cut(text, max);
    let mut out: String = text.chars().take(kept).collect();
    if was_cut && max > 0 {
        out.push(ELLIPSIS);
    }
    out
}

/// The cells for a title and the column after it (with `gap` cells between them), in `room`
/// cells: both whole when they fit; else the title shrinks, but never below half the room while
/// the column would have more than the other half, so on a narrow terminal both show their
/// beginnings.
pub fn budgets(title: usize, gap: usize, column: usize, room: usize) -> (usize, usize) {
    if title + gap + column <= room {
        return (title, column);
    }
    let room = room.saturating_sub(gap);
    let column_budget = column.min(room - room / 2).max(room.saturating_sub(title));
    let column_budget = column_budget.min(column);
    (room - column_budget, column_budget)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_whole() {
        assert_eq!(ellipsised("pikachu", 7), "pikachu");
        assert_eq!(ellipsised("pikachu", 6), "pikac…");
        assert_eq!(ellipsised("pikachu", 1), "…");
        assert_eq!(ellipsised("pikachu", 0), "");
    }

    #[test]
    fn wide_characters_count_two_cells() {
        // 4 characters, 8 cells: 5 cells hold two of them and the ellipsis.
        assert_eq!(ellipsised("ピカチュウ", 5), "ピカ…");
        assert!(width(&ellipsised("ピカチュウ", 6)) <= 6);
        assert_eq!(ellipsised("Flabébé", 7), "Flabébé");
    }

    #[test]
    fn the_title_gives_way_first() {
        // Fits: both whole.
        assert_eq!(budgets(10, 2, 12, 30), (10, 12));
        // The column stays whole; the title gets the rest.
        assert_eq!(budgets(60, 2, 13, 40), (25, 13));
        // Too narrow for the whole column: half each.
        assert_eq!(budgets(60, 2, 30, 22), (10, 10));
        // A short title leaves the column more than half.
        assert_eq!(budgets(4, 2, 30, 22), (4, 16));
        for room in 0..50 {
            let (t, c) = budgets(40, 2, 13, room);
            assert!(t + c <= room.saturating_sub(2), "{room}: {t}+{c}");
        }
    }
}
