//! What the list's fuzzy filter matches a row against. A Pokémon row is found by its display
//! name, by its slug and by the name folded (`Farfetch'd` typed with a straight quote finds
//! `Farfetch’d`, `mr mime` finds `Mr. Mime`); other rows by their title.

use nucleo_matcher::Utf32String;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};

use super::source::ItemKey;
use crate::names::fold;
use crate::views::ListEntry;

/// Separates the title from the other keys, so no match spans both.
const SEPARATOR: char = '\u{1f}';

/// The text a row is matched against: its title first (so highlight positions are the title's),
/// then, for a Pokémon, its slug and its folded name.
pub fn haystack(entry: &ListEntry) -> Utf32String {
    match &entry.key {
        ItemKey::Pokemon(slug) => Utf32String::from(
            format!(
                "{}{SEPARATOR}{slug}{SEPARATOR}{}",
                entry.title,
                fold(&entry.title)
            )
            .as_str(),
        ),
        _ => Utf32String::from(entry.title.as_str()),
    }
}

/// A second pattern for a query that the first may miss for its punctuation or spacing: the
/// query folded (`farfetch'd` → `farfetchd`, `mr mime` → `mrmime`), or `None` when folding
/// changes nothing or leaves nothing.
pub fn folded_pattern(query: &str) -> Option<Pattern> {
    // Operators (`!`, `^`, `$`, `'`) keep their meaning only in the first pattern.
    if query.contains(['!', '^', '$', '\\']) {
        return None;
    }
    let folded = fold(query);
    let plain = query.to_lowercase();
    (!folded.is_empty() && folded != plain)
        .then(|| Pattern::parse(&folded, CaseMatching::Ignore, Normalization::Smart))
}

/// Highlight positions inside the title only (the other keys are not drawn).
pub fn in_title(indices: &mut Vec<u32>, title: &str) {
    let len = u32::try_from(title.chars().count()).unwrap_or(u32::MAX);
    indices.retain(|&i| i < len);
}
