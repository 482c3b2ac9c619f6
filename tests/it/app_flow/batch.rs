//! Marks and batches: marking rows, starting a batch in list order, its progress, retrying
//! its failures, and the batch view.

use apidex::app::loadable::Loadable;

use super::builders::{
    api_error, detail_fetch, loaded_app, pokemon_detail, selected_row, settle_type_chart, type_str,
};
use super::{forced, pokemon, start_batch};
use apidex::app::tab::BatchStatus;
use apidex::app::{App, Focus};
use apidex::model::RequestId;
use apidex::model::Source;
use apidex::msg::{Effect, Msg};

#[test]
fn marks_toggle_move_on_and_clear_with_esc() {
    let (mut app, _) = loaded_app();
    let fetch = detail_fetch(&app.update(Msg::ToggleMark));
    assert_eq!(fetch.key, pokemon("ivysaur"), "marking moves on");
    assert!(fetch.debounce);
    assert_eq!(selected_row(&app), Some(1));
    app.update(Msg::ToggleMark);
    assert_eq!(
        app.tab().list.marks.iter().copied().collect::<Vec<_>>(),
        [0, 1]
    );
    // Back on bulbasaur, Space unmarks it.
    app.update(Msg::Top);
    app.update(Msg::ToggleMark);
    assert_eq!(
        app.tab().list.marks.iter().copied().collect::<Vec<_>>(),
        [1]
    );

    assert!(app.update(Msg::Back).is_empty());
    assert!(app.tab().list.marks.is_empty());
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn mark_all_marks_every_shown_row() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "char");
    app.update(Msg::FocusList);
    assert!(app.update(Msg::MarkAll).is_empty());
    let list = &app.tab().list;
    let shown: std::collections::BTreeSet<usize> = list.shown.iter().map(|s| s.entry).collect();
    assert_eq!(list.marks, shown);
    assert_eq!(list.marks.len(), list.shown.len());

    // Esc clears the marks first, then the filter.
    app.update(Msg::Back);
    assert!(app.tab().list.marks.is_empty());
    assert_eq!(app.tab().list.query, "char");
    app.update(Msg::Back);
    assert_eq!(app.tab().list.query, "");
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn marking_from_the_detail_pane_moves_the_list_selection() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusDetail);
    let fetch = detail_fetch(&app.update(Msg::ToggleMark));
    assert_eq!(fetch.key, pokemon("ivysaur"));
    app.update(Msg::ToggleMark);
    app.update(Msg::ToggleMark);
    assert_eq!(
        app.tab().list.marks.iter().copied().collect::<Vec<_>>(),
        [0, 1, 2],
        "Space Space Space marks three in a row"
    );
    assert_eq!(selected_row(&app), Some(3));
    assert_eq!(app.tab().detail.scroll, 0, "marking does not scroll");
    assert_eq!(app.focus, Focus::Detail);
}

#[test]
fn confirm_with_marks_starts_a_batch_in_list_order() {
    let (mut app, _) = loaded_app();
    let (req, items) = start_batch(&mut app);
    assert_eq!(
        items,
        [
            (0, pokemon("bulbasaur")),
            (1, pokemon("squirtle")),
            (2, pokemon("pikachu")),
        ]
    );
    assert_eq!(app.tab().list.marks.len(), 3, "the marks stay");
    assert_eq!(app.focus, Focus::List);
    let batch = app.tab().batch.as_ref().unwrap();
    let labels: Vec<&str> = batch.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["#1 bulbasaur", "#7 squirtle", "#25 pikachu"]);
    assert!(batch.items.iter().all(|i| i.status == BatchStatus::Queued));
    assert!(batch.items.iter().all(|i| i.req == req));
    assert_eq!(batch.state.selected(), Some(0));
    assert_eq!(batch.finished(), 0);
    assert!(batch.is_running());
    assert!(app.is_loading());
}

#[test]
fn batch_items_report_progress_and_stale_results_are_dropped() {
    let (mut app, fetch) = loaded_app();
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key,
        result: Ok(Some(pokemon_detail(1, "bulbasaur"))),
    });
    let (req, _) = start_batch(&mut app);
    // Marking moved the selection on and fetched that row's detail; let it arrive.
    if let Loadable::Loading { req: detail_req } = app.tab().detail.state {
        let key = app.tab().detail.key.clone().unwrap();
        app.update(Msg::DetailLoaded {
            source: Source::Pokemon,
            req: detail_req,
            key,
            result: Ok(Some(pokemon_detail(26, "raichu"))),
        });
    }
    settle_type_chart(&mut app);
    assert!(app.is_loading(), "queued items count as loading");
    assert_eq!(app.in_flight(), 0, "but not as in flight");

    for index in 0..3 {
        app.update(Msg::BatchItemStarted {
            source: Source::Pokemon,
            req,
            index,
        });
    }
    let batch = app.tab().batch.as_ref().unwrap();
    assert!(
        batch
            .items
            .iter()
            .all(|i| i.status == BatchStatus::InFlight)
    );
    assert_eq!(app.in_flight(), 3);

    let stale = RequestId(req.0 + 1000);
    app.update(Msg::BatchItemLoaded {
        source: Source::Pokemon,
        req: stale,
        index: 0,
        result: Ok(Some("stale".to_owned())),
    });
    app.update(Msg::BatchItemLoaded {
        source: Source::Posts,
        req,
        index: 0,
        result: Ok(Some("wrong tab".to_owned())),
    });
    app.update(Msg::BatchItemLoaded {
        source: Source::Pokemon,
        req,
        index: 7,
        result: Ok(Some("no such index".to_owned())),
    });
    assert_eq!(app.tab().batch.as_ref().unwrap().finished(), 0);

    app.update(Msg::BatchItemLoaded {
        source: Source::Pokemon,
        req,
        index: 0,
        result: Ok(Some("grass/poison · total 318".to_owned())),
    });
    app.update(Msg::BatchItemLoaded {
        source: Source::Pokemon,
        req,
        index: 1,
        result: Ok(None),
    });
    assert!(app.notice.is_none());
    app.update(Msg::BatchItemLoaded {
        source: Source::Pokemon,
        req,
        index: 2,
        result: Err(api_error("pokemon/pikachu")),
    });
    let batch = app.tab().batch.as_ref().unwrap();
    let statuses: Vec<&BatchStatus> = batch.items.iter().map(|i| &i.status).collect();
    assert_eq!(
        statuses,
        [
            &BatchStatus::Done("grass/poison · total 318".to_owned()),
            &BatchStatus::NotFound,
            &BatchStatus::Failed(api_error("pokemon/pikachu")),
        ]
    );
    assert_eq!(batch.finished(), 3);
    assert!(!batch.is_running());
    assert!(!app.is_loading());
    assert_eq!(app.in_flight(), 0);
    let notice = app.notice.as_deref().unwrap();
    assert!(notice.starts_with("#25 pikachu: HTTP 503"), "{notice}");

    // A late "started" does not turn a finished item back into in-flight.
    app.update(Msg::BatchItemStarted {
        source: Source::Pokemon,
        req,
        index: 0,
    });
    assert!(matches!(
        app.tab().batch.as_ref().unwrap().items[0].status,
        BatchStatus::Done(_)
    ));
}

#[test]
fn batch_retry_requeues_only_failures_under_a_new_request() {
    let (mut app, _) = loaded_app();
    let (old, _) = start_batch(&mut app);
    let load = |app: &mut App, req, index, result| {
        app.update(Msg::BatchItemLoaded {
            source: Source::Pokemon,
            req,
            index,
            result,
        });
    };
    load(&mut app, old, 0, Err(api_error("pokemon/bulbasaur")));
    app.update(Msg::BatchItemStarted {
        source: Source::Pokemon,
        req: old,
        index: 1,
    });
    load(&mut app, old, 2, Err(api_error("pokemon/pikachu")));

    let effects = forced(app.update(Msg::Retry));
    let [
        Effect::FetchBatch {
            source: Source::Pokemon,
            req: new,
            items,
        },
    ] = effects.as_slice()
    else {
        panic!("expected one FetchBatch, got {effects:?}");
    };
    let new = *new;
    assert_ne!(new, old);
    assert_eq!(
        items,
        &[(0, pokemon("bulbasaur")), (2, pokemon("pikachu"))],
        "only the failures, at their positions"
    );
    let batch = app.tab().batch.as_ref().unwrap();
    assert_eq!(batch.items[0].status, BatchStatus::Queued);
    assert_eq!(batch.items[0].req, new);
    assert_eq!(batch.items[1].status, BatchStatus::InFlight, "untouched");
    assert_eq!(batch.items[1].req, old);
    assert_eq!(batch.items[2].req, new);

    // A late answer from the first attempt for a retried item is dropped…
    load(&mut app, old, 0, Ok(Some("late".to_owned())));
    assert_eq!(
        app.tab().batch.as_ref().unwrap().items[0].status,
        BatchStatus::Queued
    );
    // …while the first attempt's item that was still in flight is still accepted.
    load(&mut app, old, 1, Ok(Some("water · total 314".to_owned())));
    // And the new attempt's answers land.
    load(
        &mut app,
        new,
        0,
        Ok(Some("grass/poison · total 318".to_owned())),
    );
    load(
        &mut app,
        new,
        2,
        Ok(Some("electric · total 320".to_owned())),
    );
    let batch = app.tab().batch.as_ref().unwrap();
    assert_eq!(
        batch.items[0].status,
        BatchStatus::Done("grass/poison · total 318".to_owned())
    );
    assert_eq!(
        batch.items[1].status,
        BatchStatus::Done("water · total 314".to_owned())
    );
    assert_eq!(batch.finished(), 3);
    // Nothing failed: r does nothing.
    assert!(app.update(Msg::Retry).is_empty());
}

#[test]
fn batch_view_moves_opens_items_and_closes_with_esc() {
    let (mut app, _) = loaded_app();
    start_batch(&mut app);
    let list_row = selected_row(&app);

    // Marks are left alone while the batch view is open.
    assert!(app.update(Msg::ToggleMark).is_empty());
    assert!(app.update(Msg::MarkAll).is_empty());
    assert_eq!(app.tab().list.marks.len(), 3);

    // The detail pane follows the batch's selection, debounced like the list's.
    let fetch = detail_fetch(&app.update(Msg::Move(1)));
    assert_eq!(fetch.key, pokemon("squirtle"));
    assert!(fetch.debounce);
    assert_eq!(app.tab().batch.as_ref().unwrap().state.selected(), Some(1));
    app.update(Msg::Move(10));
    assert_eq!(app.tab().batch.as_ref().unwrap().state.selected(), Some(2));
    app.update(Msg::Move(-1));
    assert_eq!(selected_row(&app), list_row, "the list selection stays");

    let fetch = detail_fetch(&app.update(Msg::Confirm));
    assert_eq!(fetch.key, pokemon("squirtle"));
    assert!(!fetch.debounce);
    assert_eq!(app.focus, Focus::Detail);

    // Esc leaves the detail, then closes the batch: the pane follows the list again.
    assert!(app.update(Msg::Back).is_empty());
    assert_eq!(app.focus, Focus::List);
    assert!(app.tab().batch.is_some());
    let effects = app.update(Msg::Back);
    assert_eq!(
        effects[0],
        Effect::CancelBatch {
            source: Source::Pokemon
        }
    );
    assert_eq!(
        detail_fetch(&effects[1..]).key,
        pokemon("raichu"),
        "{effects:?}"
    );
    assert!(app.tab().batch.is_none());
    // The marks survive closing the batch; a second Esc clears them.
    assert_eq!(app.tab().list.marks.len(), 3);
    assert!(app.update(Msg::Back).is_empty());
    assert!(app.tab().list.marks.is_empty());
    assert!(app.update(Msg::Back).is_empty(), "nothing left to close");
}
