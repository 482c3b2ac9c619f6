//! "Did you mean…": the names closest to something that was not found.

/// Queries longer than this are matched by containment only, not by edit distance: no real name
/// is this long.
const MAX_TYPO_LEN: usize = 64;

/// Up to `limit` candidates closest to `query` by edit distance (ties keep candidate order),
/// counting only those close enough to be a plausible typo; names containing the query count too.
pub fn closest<'a>(
    query: &str,
    candidates: impl Iterator<Item = &'a str>,
    limit: usize,
) -> Vec<String> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let query_chars: Vec<char> = query.chars().collect();
    // A third of the length, at least 2: "pikchu" finds pikachu, "xyz" finds nothing.
    let allowed = (query_chars.len() / 3).max(2);
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .enumerate()
        .filter_map(|(order, name)| {
            let lower = name.to_lowercase();
            let distance = if lower.contains(&query) {
                // Containing the query is as good as one edit.
                1
            } else if query_chars.len() > MAX_TYPO_LEN
                || lower.chars().count().abs_diff(query_chars.len()) > allowed
            {
                // The distance is at least the difference in length: too far, without counting.
                // And an edit distance costs the product of the lengths: a page-long name (from
                // a hostile API) against page-long titles would freeze the browser.
                return None;
            } else {
                strsim::levenshtein(&query, &lower)
            };
            (distance <= allowed).then_some((distance, order, name))
        })
        .collect();
    scored.sort_unstable();
    scored
        .into_iter()
        .take(limit)
        .map(|(_, _, name)| name.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_the_intended_name() {
        let names = ["pikachu", "raichu", "pichu", "bulbasaur"];
        let found = closest("pikchu", names.iter().copied(), 3);
        assert_eq!(found[0], "pikachu");
        assert!(!found.contains(&"bulbasaur".to_owned()));
    }

    #[test]
    fn nothing_close_gives_nothing() {
        assert!(closest("zzzzzzzz", ["pikachu"].iter().copied(), 3).is_empty());
        assert!(closest("", ["pikachu"].iter().copied(), 3).is_empty());
    }

    #[test]
    fn page_long_names_match_by_containment_only() {
        let long = "x".repeat(10_000);
        let one_off = format!("{}y", "x".repeat(9_999));
        let names = [one_off.as_str(), long.as_str(), "pikachu"];
        // Containing the query still counts; a near miss this long is not a typo.
        assert_eq!(closest(&long, names.iter().copied(), 3), vec![long.clone()]);
        assert!(closest(&one_off[..9_000], ["y"].iter().copied(), 3).is_empty());
        // Length differences beyond the allowance rule a name out, as the distance would.
        assert!(closest("pika", ["raichu-rock-star"].iter().copied(), 3).is_empty());
        assert_eq!(
            closest("pikchu", ["pikachu"].iter().copied(), 3),
            vec!["pikachu"]
        );
    }
}
