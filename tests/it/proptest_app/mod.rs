//! Property tests of the browser's state machine and its drawing: random key sequences, random
//! intents and random (sometimes stale) results, fed to `App::update` and drawn into a
//! `TestBackend` after every message at sizes from 1×1 to 300×100, must never panic.
//!
//! Results mostly answer the effects the app itself returned (so they are accepted and change the
//! state); some carry a random request id (stale, so they must be dropped). Lists are the real
//! fixtures mapped by `apidex::fetch`'s own mapping (`crate::support::lists`); details are
//! hand-built with realistic and hostile strings. A few invariants the rest of the code relies on are checked after each step.
//!
//! Split into the data, the strategies, the answers and the run; the properties are here.
#![allow(clippy::unwrap_used)]

use std::sync::OnceLock;

use apidex::api::ApiError;
use apidex::matchups::TypeChart;
use apidex::model::Source;
use apidex::views::PokemonCard;
use apidex::views::{Detail, ListEntry};
use crossterm::event::Event;
use proptest::prelude::*;

mod details;
mod hostile;
mod respond;
mod run;
mod strategies;

use details::build_data;
use run::Run;
use strategies::{Answer, Step, answer, burst, intent, key_event, mouse_event, size, step};

/// Everything results are built from, made once per test run.
struct Data {
    lists: [Vec<ListEntry>; Source::COUNT],
    pokemon: Vec<Detail>,
    abilities: Vec<Detail>,
    types: Vec<Detail>,
    posts: Vec<Detail>,
    users: Vec<Detail>,
    breeds: Vec<Detail>,
    moves: Vec<Detail>,
    records: Vec<Detail>,
    cards: Vec<PokemonCard>,
    chart: TypeChart,
    errors: Vec<ApiError>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(build_data)
}

/// 96 cases keep the file at a few seconds in a debug build; `PROPTEST_CASES=5000` searches
/// deeper.
fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            default.cases
        } else {
            96
        },
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..default
    }
}

proptest! {
    #![proptest_config(config())]

    /// Random intents, terminal events and results in any order, drawn after each at sizes that
    /// change now and then.
    #[test]
    fn any_interleaving_never_panics(
        switches in any::<(bool, bool)>(),
        start in size(),
        steps in prop::collection::vec(step(), 1..60),
    ) {
        let mut run = Run::new(switches, start);
        for step in steps {
            run.step(step);
        }
    }

    /// With every list loaded first, so that the keys reach pages, batches and comparisons.
    #[test]
    fn keys_on_loaded_lists_never_panic(
        switches in any::<(bool, bool)>(),
        start in size(),
        steps in prop::collection::vec(loaded_step(), 1..60),
    ) {
        let mut run = Run::loaded(switches, start);
        for step in steps {
            run.step(step);
        }
    }
}

/// Steps for an app whose lists are loaded: mostly keys, and answers that are not stale.
fn loaded_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => key_event().prop_map(|k| Step::Event(Event::Key(k))),
        2 => intent().prop_map(Step::Intent),
        2 => answer().prop_map(|a| Step::Answer(Answer { stale: None, ..a })),
        1 => mouse_event().prop_map(|m| Step::Event(Event::Mouse(m))),
        1 => size().prop_map(|(w, h)| Step::Resize(w, h)),
        1 => burst(),
    ]
}

/// The generators reach the states the properties are about: without this, a change that made
/// every result stale (or every key a no-op) would leave the properties passing vacuously.
#[test]
fn the_generated_runs_reach_pages_batches_and_comparisons() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let (mut lists, mut pages, mut batches, mut compares, mut help) = (0, 0, 0, 0, 0);
    for case in 0..48 {
        let (mut run, steps) = if case % 2 == 0 {
            let steps = prop::collection::vec(step(), 60..61);
            (
                Run::new((false, case % 4 == 0), (100, 30)),
                steps.new_tree(&mut runner).unwrap().current(),
            )
        } else {
            let steps = prop::collection::vec(loaded_step(), 60..61);
            (
                Run::loaded((false, case % 4 == 1), (100, 30)),
                steps.new_tree(&mut runner).unwrap().current(),
            )
        };
        for step in steps {
            run.step(step);
            let app = &run.app;
            lists += usize::from(app.tabs.iter().any(|t| t.list.entries.loaded().is_some()));
            pages += usize::from(app.tabs.iter().any(|t| t.detail.state.loaded().is_some()));
            batches += usize::from(app.tabs.iter().any(|t| t.batch.is_some()));
            compares += usize::from(app.compare.is_some());
            help += usize::from(app.help);
        }
    }
    assert!(lists > 0, "no list was ever loaded");
    assert!(pages > 0, "no page was ever shown");
    assert!(batches > 0, "no batch was ever opened");
    assert!(compares > 0, "no comparison was ever opened");
    assert!(help > 0, "the help was never open");
}
