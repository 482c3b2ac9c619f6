//! What the list's fuzzy filter matches a row against. A Pokémon row is found by its display
//! name, by its slug or by the name folded (`Farfetch'd` typed with a straight quote finds
//! `Farfetch’d`, `mr mime` finds `Mr. Mime`); other rows by their title.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32String};

use super::list::Shown;
use crate::model::ItemKey;
use crate::names::fold;
use crate::views::ListEntry;

/// The texts a row is matched against, each on its own (a match never picks letters from two):
/// its title first (the only one highlighted), then, for a Pokémon, its slug and its name
/// folded.
pub fn haystacks(entry: &ListEntry) -> Vec<Utf32String> {
    // A post's title with its author (the row shows both; the highlight spans both).
    let mut texts = vec![Utf32String::from(entry.search_text().as_ref())];
    if let ItemKey::Pokemon(slug) = &entry.key {
        for alias in [slug.clone(), fold(&entry.title)] {
            if alias != entry.title && !alias.is_empty() {
                texts.push(Utf32String::from(alias.as_str()));
            }
        }
    }
    texts
}

/// The row's names folded (title, and a Pokémon's slug): a query that folds to one of them is
/// that row exactly (`ミュウ` is Mew before Mewtwo, `farfetch'd` is Farfetch’d before its forms).
pub fn exact_keys(entry: &ListEntry) -> Vec<String> {
    let mut keys = vec![fold(&entry.title)];
    if let ItemKey::Pokemon(slug) = &entry.key {
        keys.push(fold(slug));
    }
    keys
}

/// The score of `pattern` over `texts`, else of the `folded` pattern (see [`folded_pattern`]).
pub fn score(
    pattern: &Pattern,
    folded: Option<&Pattern>,
    texts: &[Utf32String],
    matcher: &mut Matcher,
    indices: &mut Vec<u32>,
) -> Option<u32> {
    score_one(pattern, texts, matcher, indices)
        .or_else(|| score_one(folded?, texts, matcher, indices))
}

/// The best of `pattern`'s scores over `texts`, with highlight `indices` only when the title
/// (the first text) matched.
fn score_one(
    pattern: &Pattern,
    texts: &[Utf32String],
    matcher: &mut Matcher,
    indices: &mut Vec<u32>,
) -> Option<u32> {
    let (title, aliases) = texts.split_first()?;
    if let Some(score) = pattern.indices(title.slice(..), matcher, indices) {
        return Some(score);
    }
    indices.clear();
    aliases
        .iter()
        .filter_map(|text| pattern.score(text.slice(..), matcher))
        .max()
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

/// The candidates for a query that extends the last one: its matches, and the entry whose id
/// the query now names (an id match need not fuzzy-match, `2` → `25`), found by its number, not
/// by the matcher.
pub fn refined(shown: &[Shown], entries: &[ListEntry], number: Option<u32>) -> Vec<usize> {
    let mut candidates: Vec<usize> = shown.iter().map(|s| s.entry).collect();
    if let Some(n) = number
        && let Some(i) = entries.iter().position(|e| e.id == Some(n))
        && !candidates.contains(&i)
    {
        candidates.push(i);
    }
    candidates
}
