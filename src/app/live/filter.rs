//! The Live tab's `/` filter: fuzzy, like every list (nucleo-matcher, case-insensitive, words
//! are atoms that must all match), over the summary rows, in the stream's order.
//!
//! A row must match well, not merely hold the letters somewhere in order: its score must reach
//! [`PER_CHAR`] per character typed (a contiguous or nearly contiguous match does; `harum`
//! strewn over a long post's text does not), or a long row would match nearly anything.
//!
//! The work is bounded so keys stay instant on a full buffer: each row is checked once when it
//! arrives; typing more of the query (a refinement) re-checks only the rows that matched; any
//! other edit checks the buffer once (10 000 short rows, a few milliseconds).

use std::collections::VecDeque;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::msg::LiveRow;

/// Characters with a meaning in a pattern (negation, anchors, exact, escape): a query holding
/// one is not refined incrementally (`!a` → `!ab` matches more, not fewer).
const OPERATORS: [char; 5] = ['!', '^', '$', '\'', '\\'];

/// The score a match needs per character of the query's (positive) atoms: nucleo's score for
/// one matched character, before bonuses and gap penalties.
const PER_CHAR: u32 = 16;

/// The filter's state: the query it was computed for and the matching rows' numbers.
pub struct LiveFilter {
    query: String,
    pattern: Pattern,
    /// The score a row needs (see [`PER_CHAR`]).
    min_score: u32,
    /// Numbers of the matching rows, ascending.
    matched: VecDeque<u64>,
    /// Rows up to this number have been checked.
    checked: u64,
    matcher: Matcher,
    chars: Vec<char>,
    /// Rows checked so far (counted, so a test can bound the work).
    pub scored: u64,
}

impl std::fmt::Debug for LiveFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveFilter")
            .field("query", &self.query)
            .field("matched", &self.matched.len())
            .field("checked", &self.checked)
            .finish_non_exhaustive()
    }
}

impl Default for LiveFilter {
    fn default() -> Self {
        Self {
            query: String::new(),
            pattern: Pattern::default(),
            min_score: 0,
            matched: VecDeque::new(),
            checked: 0,
            matcher: Matcher::new(Config::DEFAULT),
            chars: Vec::new(),
            scored: 0,
        }
    }
}

impl LiveFilter {
    /// Whether a query is in effect.
    pub fn is_active(&self) -> bool {
        !self.query.trim().is_empty()
    }

    /// Numbers of the matching rows, ascending.
    pub fn matched(&self) -> &VecDeque<u64> {
        &self.matched
    }

    /// Brings the filter up to `query` and `rows` (oldest first, numbered consecutively):
    /// rows dropped from the buffer are forgotten, new ones checked, a changed query applied.
    pub fn sync(&mut self, query: &str, rows: &VecDeque<(u64, LiveRow)>) {
        let first = rows.front().map_or(u64::MAX, |(n, _)| *n);
        while self.matched.front().is_some_and(|n| *n < first) {
            self.matched.pop_front();
        }
        if query != self.query {
            let refines = !self.query.trim().is_empty()
                && query.starts_with(&self.query)
                && !query.contains(OPERATORS);
            query.clone_into(&mut self.query);
            self.pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
            self.min_score = min_score(query);
            if !self.is_active() {
                self.matched.clear();
            } else if refines {
                let previous = std::mem::take(&mut self.matched);
                for n in previous {
                    let index = usize::try_from(n.saturating_sub(first)).unwrap_or(usize::MAX);
                    if let Some((_, row)) = rows.get(index)
                        && self.accepts(&row.summary)
                    {
                        self.matched.push_back(n);
                    }
                }
            } else {
                self.matched.clear();
                self.checked = 0;
            }
        }
        if !self.is_active() {
            self.checked = rows.back().map_or(0, |(n, _)| *n);
            return;
        }
        // Rows after `checked` (all of them after a new query; a cleared buffer starts over).
        let last = rows.back().map_or(0, |(n, _)| *n);
        if self.checked > last {
            self.checked = 0;
            self.matched.clear();
        }
        let from = usize::try_from(self.checked.saturating_add(1).saturating_sub(first))
            .unwrap_or(usize::MAX)
            .min(rows.len());
        for (n, row) in rows.range(from..) {
            if self.accepts(&row.summary) {
                self.matched.push_back(*n);
            }
        }
        self.checked = last;
    }

    fn accepts(&mut self, text: &str) -> bool {
        self.scored += 1;
        let haystack = Utf32Str::new(text, &mut self.chars);
        self.pattern
            .score(haystack, &mut self.matcher)
            .is_some_and(|score| score >= self.min_score)
    }
}

/// [`PER_CHAR`] for each character of the atoms that must match (negated atoms, `!x`, score
/// nothing; operator characters are not matched).
fn min_score(query: &str) -> u32 {
    let chars = query
        .split_whitespace()
        .filter(|atom| !atom.starts_with('!'))
        .flat_map(str::chars)
        .filter(|c| !OPERATORS.contains(c))
        .count();
    u32::try_from(chars)
        .unwrap_or(u32::MAX)
        .saturating_mul(PER_CHAR)
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::sync::Arc;

    use super::LiveFilter;
    use crate::live::FrameKind;
    use crate::msg::LiveRow;

    fn rows(from: u64, summaries: &[&str]) -> VecDeque<(u64, LiveRow)> {
        summaries
            .iter()
            .zip(from..)
            .map(|(s, n)| {
                let row = LiveRow {
                    summary: (*s).to_owned(),
                    text: Arc::from("{}"),
                    kind: FrameKind::Json,
                };
                (n, row)
            })
            .collect()
    }

    const FOLLOW: &str = "12:00:00 create app.bsky.graph.follow did:plc:rbgasp7zgruqrc6mt2lzlk7u";
    const POST: &str = "12:00:00 create app.bsky.feed.post did:plc:4sf2emgrb7ylrugn3zl est natus \
                        enim nihil est dolore omnis voluptatem numquam et omnis occaecati quod";
    const HARUM: &str =
        "12:00:00 create app.bsky.feed.post did:plc:4sf2 harum non quasi et ratione";

    fn matched(filter: &LiveFilter) -> Vec<u64> {
        filter.matched().iter().copied().collect()
    }

    #[test]
    fn matches_are_fuzzy_but_must_match_well() {
        let buffer = rows(1, &[FOLLOW, POST, HARUM, FOLLOW]);
        let mut filter = LiveFilter::default();
        filter.sync("folow", &buffer);
        assert_eq!(matched(&filter), [1, 4], "a typo still finds the follows");
        filter.sync("FEED post", &buffer);
        assert_eq!(matched(&filter), [2, 3], "words in any case, all of them");
        // `harum` strewn over the follow's DID and collection is not a match; in the text it is.
        filter.sync("harum", &buffer);
        assert_eq!(matched(&filter), [3]);
        filter.sync("post !harum", &buffer);
        assert_eq!(matched(&filter), [2]);
        filter.sync("  ", &buffer);
        assert!(!filter.is_active());
        assert!(matched(&filter).is_empty());
    }

    #[test]
    fn the_work_is_bounded_by_what_changed() {
        let summaries: Vec<&str> = (0..10_000)
            .map(|i| if i % 10 == 0 { FOLLOW } else { POST })
            .collect();
        let mut buffer = rows(1, &summaries);
        let mut filter = LiveFilter::default();
        filter.sync("graph", &buffer);
        assert_eq!(filter.scored, 10_000, "a new query checks the buffer once");
        assert_eq!(matched(&filter).len(), 1000);
        let before = filter.scored;
        filter.sync("graph.f", &buffer);
        filter.sync("graph.fo", &buffer);
        assert_eq!(
            filter.scored - before,
            2 * 1000,
            "typing on re-checks only the rows that matched"
        );
        assert_eq!(matched(&filter).len(), 1000);
        // Another query (not more of the same one): the buffer once more.
        let before = filter.scored;
        filter.sync("follow", &buffer);
        assert_eq!(filter.scored - before, 10_000);
        filter.sync("follow", &buffer);
        // A batch of new rows: only they are checked; dropped rows are forgotten.
        let before = filter.scored;
        for (n, row) in rows(10_001, &[FOLLOW, POST]) {
            buffer.push_back((n, row));
        }
        buffer.drain(..2);
        filter.sync("follow", &buffer);
        assert_eq!(filter.scored - before, 2);
        assert_eq!(matched(&filter).first(), Some(&11));
        assert_eq!(matched(&filter).last(), Some(&10_001));
        // A cleared buffer starts over.
        buffer.clear();
        filter.sync("follow", &buffer);
        assert!(matched(&filter).is_empty());
        for (n, row) in rows(20_000, &[FOLLOW]) {
            buffer.push_back((n, row));
        }
        filter.sync("follow", &buffer);
        assert_eq!(matched(&filter), [20_000]);
    }
}
