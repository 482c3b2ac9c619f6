//! Search: one keystroke's re-filtering of the full Pokémon index (1350 names, the real
//! `tests/fixtures/pokeapi/pokemon-index.json`), as the Pokémon tab does it
//! (`ListPane::set_query_with` with search terms on). Target: ≤ 1 ms per keystroke.
//!
//! `cargo bench --bench search`. Each measurement starts from the state the previous keystroke
//! left (built outside the timing), so "ch" is the cost of typing `h` after `c`.

use apidex::api::pokeapi::models::NamedList;
use apidex::app::list::{ListPane, no_terms};
use apidex::fetch;
use apidex::names::{Lang, NameTable};
use apidex::views::ListEntry;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

/// Every Pokémon of the real index, as the Pokémon tab lists them: `fetch::list`'s own mapping,
/// English display names from the bundled table.
fn entries() -> Vec<ListEntry> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pokeapi/pokemon-index.json"
    );
    let bytes = std::fs::read(path).expect("the index fixture");
    let index: NamedList = serde_json::from_slice(&bytes).expect("index JSON");
    fetch::pokemon_entries(&index, NameTable::bundled(), Lang::En)
}

/// The Pokémon tab's list with every entry loaded, after typing each of `typed` in turn.
fn pane(entries: &[ListEntry], typed: &[&str]) -> ListPane {
    let mut pane = ListPane::default();
    pane.terms_enabled = true;
    pane.set_entries(entries.to_vec());
    for query in typed {
        pane.set_query_with((*query).to_owned(), &no_terms);
    }
    pane
}

fn keystroke(c: &mut Criterion, entries: &[ListEntry], name: &str, before: &[&str], query: &str) {
    c.bench_function(name, |b| {
        b.iter_batched_ref(
            || pane(entries, before),
            |pane| pane.set_query_with(query.to_owned(), &no_terms),
            BatchSize::LargeInput,
        );
    });
}

fn search(c: &mut Criterion) {
    let entries = entries();
    assert!(entries.len() > 1300, "the full index: {}", entries.len());
    // Typing "char" one key at a time: the first key scans everything, later ones refine.
    keystroke(c, &entries, "search/type c", &[], "c");
    keystroke(c, &entries, "search/type ch", &["c"], "ch");
    keystroke(c, &entries, "search/type cha", &["c", "ch"], "cha");
    keystroke(c, &entries, "search/type char", &["c", "ch", "cha"], "char");
    // From scratch: pasting a query, or a backspace (which cannot refine).
    keystroke(c, &entries, "search/from scratch char", &[], "char");
    keystroke(
        c,
        &entries,
        "search/backspace char→cha",
        &["c", "ch", "cha", "char"],
        "cha",
    );
    // The broadest single letter (most matches to score and sort) and a number (ids).
    keystroke(c, &entries, "search/type a", &[], "a");
    keystroke(c, &entries, "search/type 2", &[], "2");
    // Clearing the query shows every entry again.
    keystroke(c, &entries, "search/clear", &["c", "ch", "cha", "char"], "");
}

criterion_group!(benches, search);
criterion_main!(benches);
