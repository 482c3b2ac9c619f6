//! Caps on what an API answer can make the browser hold and draw.
//!
//! A server is untrusted: a Pokémon with 500 stats, 2000 abilities or a 10 MB flavor text is
//! valid JSON, and drawing all of it on every frame would pin the UI thread (the compare view's
//! layout and the pane's wrapping grow faster than linearly). So the mapping from API bodies to
//! [`crate::views`] cuts every list to a number of rows ([`Rows`], which remembers how many it
//! left out, for a "… 480 more" line) and every string to a number of bytes ([`short`],
//! [`long`]) — once, when the answer arrives, never per frame.

use std::borrow::Cow;
use std::ops::Deref;

use crate::sanitize;

/// Rows any one list of names on a page holds: a type's or an ability's Pokémon, a user's
/// posts, todos and albums, sub-breeds.
pub const MAX_ROWS: usize = 100;
/// Rows of a list whose rows carry a text ([`MAX_BLURB`]): a Pokémon's abilities with their
/// effects, a post's comments.
pub const MAX_TEXT_ROWS: usize = 50;
/// Types in each of a type's damage relations (the games have 18 types).
pub const MAX_RELATIONS: usize = 24;
/// Stats a Pokémon's page and compare card hold (the games have 6; a table row each).
pub const MAX_STATS: usize = 24;
/// Types a Pokémon holds (the games have at most 2).
pub const MAX_TYPES: usize = 8;
/// Evolution stages kept, and members kept per stage.
pub const MAX_STAGES: usize = 16;
/// Bytes of a one-line string: a name, a title, an email.
pub const MAX_LINE: usize = 256;
/// Bytes of a page's own text: a flavor text, an ability's effect, a post's body.
pub const MAX_TEXT: usize = 4096;
/// Bytes of a text on one of a page's rows: an ability's effect under a Pokémon, a comment's
/// body. [`MAX_TEXT_ROWS`] of these keep a page small enough to wrap on every frame (the
/// biggest page the caps allow is some 80 kB of text).
pub const MAX_BLURB: usize = 512;
/// Characters of a search query (typed or pasted).
pub const MAX_QUERY: usize = 200;

/// The marker a cut string ends with.
pub const CUT: char = '…';

/// `text` cut to at most `max` bytes (at a character boundary), ending in `…` when cut.
pub fn clip(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let room = max.saturating_sub(CUT.len_utf8());
    let mut end = room.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut cut = String::with_capacity(end + CUT.len_utf8());
    cut.push_str(&text[..end]);
    cut.push(CUT);
    Cow::Owned(cut)
}

/// A one-line string from an API, cut to [`MAX_LINE`] bytes and sanitised for one line.
pub fn short(text: &str) -> String {
    // Cut before sanitising (so a 10 MB string is not escaped whole) and after (escapes make it
    // longer).
    clip(&sanitize::line(&clip(text, MAX_LINE)), MAX_LINE).into_owned()
}

/// A text shown on one line (an ability's effect), cut to `max` bytes and sanitised for one
/// line.
pub fn long_line(text: &str, max: usize) -> String {
    clip(&sanitize::line(&clip(text, max)), max).into_owned()
}

/// A row's text (a comment's body), cut to [`MAX_BLURB`] bytes and sanitised, line breaks kept.
pub fn blurb(text: &str) -> String {
    clip(&sanitize::text(&clip(text, MAX_BLURB)), MAX_BLURB).into_owned()
}

/// A text from an API, cut to [`MAX_TEXT`] bytes and sanitised, line breaks kept.
pub fn long(text: &str) -> String {
    clip(&sanitize::text(&clip(text, MAX_TEXT)), MAX_TEXT).into_owned()
}

/// A list cut to a number of rows, remembering how many were left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows<T> {
    items: Vec<T>,
    more: usize,
}

impl<T> Rows<T> {
    /// The first `max` of `source`, each mapped with `f`; the rest are only counted (`f` never
    /// runs on them).
    pub fn map<S>(source: &[S], max: usize, f: impl FnMut(&S) -> T) -> Self {
        Self {
            items: source.iter().take(max).map(f).collect(),
            more: source.len().saturating_sub(max),
        }
    }

    /// The first `max` items of `items`; the rest are counted.
    pub fn capped(items: impl IntoIterator<Item = T>, max: usize) -> Self {
        let mut items = items.into_iter();
        let kept: Vec<T> = items.by_ref().take(max).collect();
        Self {
            items: kept,
            more: items.count(),
        }
    }

    /// How many rows were left out.
    pub fn more(&self) -> usize {
        self.more
    }

    /// How many rows the API sent: those kept and those left out.
    pub fn total(&self) -> usize {
        self.items.len() + self.more
    }
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            more: 0,
        }
    }
}

impl<T> Deref for Rows<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.items
    }
}

/// Cut to [`MAX_ROWS`].
impl<T> From<Vec<T>> for Rows<T> {
    fn from(items: Vec<T>) -> Self {
        Self::capped(items, MAX_ROWS)
    }
}

/// Cut to [`MAX_ROWS`].
impl<T> FromIterator<T> for Rows<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self::capped(iter, MAX_ROWS)
    }
}

impl<'a, T> IntoIterator for &'a Rows<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T: PartialEq<U>, U> PartialEq<Vec<U>> for Rows<T> {
    fn eq(&self, other: &Vec<U>) -> bool {
        self.more == 0 && self.items.len() == other.len() && self.items.iter().eq(other.iter())
    }
}

impl<T: PartialEq<U>, U, const N: usize> PartialEq<[U; N]> for Rows<T> {
    fn eq(&self, other: &[U; N]) -> bool {
        self.more == 0 && self.items.len() == N && self.items.iter().eq(other.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_at_a_character_boundary_and_marks_the_cut() {
        assert_eq!(clip("short", 10), "short");
        let cut = clip("ééééé", 6);
        assert!(cut.len() <= 6, "{cut}");
        assert_eq!(cut, "é…");
    }

    #[test]
    fn a_huge_string_is_cut_before_and_after_escaping() {
        let huge = "\u{1b}".repeat(1_000_000);
        let s = short(&huge);
        assert!(s.len() <= MAX_LINE, "{}", s.len());
        assert!(s.starts_with("\\x1b") && s.ends_with(CUT));
        let t = long(&"word ".repeat(1_000_000));
        assert!(t.len() <= MAX_TEXT && t.ends_with(CUT));
    }

    #[test]
    fn rows_keep_the_first_and_count_the_rest_without_mapping_them() {
        let source: Vec<u32> = (0..500).collect();
        let mut mapped = 0;
        let rows = Rows::map(&source, 10, |n| {
            mapped += 1;
            n * 2
        });
        assert_eq!(mapped, 10);
        assert_eq!(rows.len(), 10);
        assert_eq!(rows.more(), 490);
        assert_eq!(rows.total(), 500);
        assert_eq!(rows[9], 18);
        let all: Rows<u32> = vec![1, 2].into();
        assert_eq!(all, vec![1, 2]);
        assert_eq!(all.more(), 0);
    }
}
