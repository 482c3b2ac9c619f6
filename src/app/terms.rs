//! Search terms in the Pokémon tab: `type:water`, `gen:1`, `dex:1-151`, `ability:static`,
//! `color:red`, `habitat:cave`, `legendary`, `mythical`, `baby`, combinable with free text.
//!
//! Most need the API's member lists (fetched once and kept); `dex:` is a range of ids, and the
//! flags come from the bundled name table (the API lists no legendaries). A word that is not a
//! known term, or a term whose value makes no sense, is plain text.

use std::collections::{HashMap, HashSet};

use super::list::TermState;
use super::loadable::Loadable;
use crate::model::ItemKey;
use crate::model::Term;
use crate::model::term::species_member;
use crate::names::SpeciesFlag;
use crate::views::ListEntry;

use crate::model::term::flag_word;

/// A query split into terms and the free text left over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The recognised terms.
    pub terms: Vec<Term>,
    /// Everything else, words joined by single spaces.
    pub text: String,
}

/// Splits `query` into terms and free text.
pub fn parse(query: &str) -> Query {
    let mut parsed = Query::default();
    let mut words = Vec::new();
    for word in query.split_whitespace() {
        match parse_term(word) {
            Some(term) => parsed.terms.push(term),
            None => words.push(word),
        }
    }
    parsed.text = words.join(" ");
    parsed
}

fn parse_flag(word: &str) -> Option<Term> {
    let word = word.to_lowercase();
    let word = word.strip_prefix("is:").unwrap_or(&word);
    [
        SpeciesFlag::Legendary,
        SpeciesFlag::Mythical,
        SpeciesFlag::Baby,
    ]
    .into_iter()
    .find(|f| flag_word(*f) == word)
    .map(Term::Flag)
}

/// A slug-like value (`static`, `rough-terrain`): letters and inner hyphens.
fn slug(value: &str) -> Option<String> {
    let ok = !value.is_empty()
        && value.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        && !value.starts_with('-')
        && !value.ends_with('-');
    ok.then(|| value.to_owned())
}

fn parse_term(word: &str) -> Option<Term> {
    if let Some(flag) = parse_flag(word) {
        return Some(flag);
    }
    let (key, value) = word.split_once(':')?;
    let value = value.trim().to_lowercase();
    match key.to_lowercase().as_str() {
        "type" if !value.is_empty() && value.chars().all(|c| c.is_ascii_alphabetic()) => {
            Some(Term::Type(value))
        }
        "ability" => slug(&value).map(Term::Ability),
        "color" | "colour" => slug(&value).map(Term::Color),
        "habitat" => slug(&value).map(Term::Habitat),
        "gen" | "generation" => {
            let n: u32 = value.parse().ok().or_else(|| roman(&value))?;
            (1..=99).contains(&n).then_some(Term::Gen(n))
        }
        "dex" => {
            let (a, b) = if let Some((a, b)) = value.split_once('-') {
                (a.parse().ok()?, b.parse().ok()?)
            } else {
                let n: u32 = value.parse().ok()?;
                (n, n)
            };
            Some(Term::Dex(a.min(b), a.max(b)))
        }
        _ => None,
    }
}

/// `i` … `ix` as PokeAPI names generations (`generation-iv`).
fn roman(value: &str) -> Option<u32> {
    let value = value.trim_start_matches("generation-");
    ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
        .iter()
        .position(|r| *r == value)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Whether a term's members admit a list row: by its Pokémon slug, or by its id standing for a
/// species.
pub fn admits<S: std::hash::BuildHasher>(members: &HashSet<String, S>, entry: &ListEntry) -> bool {
    let by_slug = matches!(&entry.key, ItemKey::Pokemon(slug) if members.contains(slug));
    by_slug
        || entry
            .id
            .is_some_and(|id| members.contains(&species_member(id)))
}

/// How a search term stands in `terms` right now.
pub(super) fn resolve_term<'a>(
    terms: &'a HashMap<Term, Loadable<HashSet<String>>>,
    term: &Term,
) -> TermState<'a> {
    match terms.get(term) {
        Some(Loadable::Loaded(names)) => TermState::Ready(names),
        None | Some(Loadable::Loading { .. } | Loadable::Idle) => TermState::Pending,
        Some(Loadable::NotFound { .. } | Loadable::Failed(_)) => TermState::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_and_text_are_separated() {
        let q = parse("type:ghost  gen:1 gas");
        assert_eq!(q.terms, vec![Term::Type("ghost".into()), Term::Gen(1)]);
        assert_eq!(q.text, "gas");
        assert_eq!(parse("dex:151-1").terms, vec![Term::Dex(1, 151)]);
        assert_eq!(parse("dex:25").terms, vec![Term::Dex(25, 25)]);
        assert_eq!(parse("gen:iv").terms, vec![Term::Gen(4)]);
        let q = parse("ability:Static color:red habitat:rough-terrain legendary is:baby pika");
        assert_eq!(
            q.terms,
            vec![
                Term::Ability("static".into()),
                Term::Color("red".into()),
                Term::Habitat("rough-terrain".into()),
                Term::Flag(SpeciesFlag::Legendary),
                Term::Flag(SpeciesFlag::Baby),
            ]
        );
        assert_eq!(q.text, "pika");
        assert_eq!(parse("mythical").terms[0].to_string(), "mythical");
    }

    #[test]
    fn unknown_or_bad_terms_are_plain_text() {
        for plain in [
            "color:",
            "ability:-x",
            "legendaryy",
            "type:",
            "gen:x",
            "dex:a-b",
            "mr.mime",
            "type:fi3",
        ] {
            let q = parse(plain);
            assert!(q.terms.is_empty(), "{plain}");
            assert_eq!(q.text, plain);
        }
    }
}
