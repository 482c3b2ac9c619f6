//! Failed fetches: how a failure shows in the pane, what `r` retries (and what it does not), and
//! a task that panicked.

use apidex::app::loadable::Loadable;

use super::builders::{api_error, detail_fetch, list_req, loaded_app, new_app, pokemon_entries};
use super::{detail_state, forced, pokemon, start_batch};
use apidex::app::tab::BatchStatus;
use apidex::model::Source;
use apidex::msg::{Effect, Msg};

#[test]
fn detail_error_fails_the_pane_and_sets_the_notice() {
    let (mut app, fetch) = loaded_app();
    let err = api_error("pokemon/bulbasaur");
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key,
        result: Err(err.clone()),
    });
    let Loadable::Failed(got) = detail_state(&app) else {
        panic!("expected Failed, got {:?}", detail_state(&app));
    };
    assert_eq!(got, &err);
    let notice = app.notice.as_deref().unwrap();
    assert!(notice.starts_with("bulbasaur: "), "{notice}");
    assert!(notice.contains("HTTP 503"), "{notice}");
}

#[test]
fn retry_refetches_a_failed_detail() {
    let (mut app, fetch) = loaded_app();
    // Nothing failed yet: r does nothing.
    assert!(app.update(Msg::Retry).is_empty());
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key.clone(),
        result: Err(api_error("pokemon/bulbasaur")),
    });
    let again = detail_fetch(&forced(app.update(Msg::Retry)));
    assert_eq!(again.key, fetch.key);
    assert_ne!(again.req, fetch.req);
    assert!(!again.debounce);
    assert!(detail_state(&app).awaits(again.req));
    // While it is loading, r does not pile up requests.
    assert!(app.update(Msg::Retry).is_empty());
}

#[test]
fn retry_refetches_a_failed_list() {
    let (mut app, effects) = new_app();
    let req = list_req(&effects, Source::Pokemon);
    let more = app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req,
        result: Err(api_error("pokemon?limit=100000")),
    });
    assert!(
        more.iter()
            .all(|e| matches!(e, Effect::ExpireNotice { .. })),
        "nothing to select in a failed list: {more:?}"
    );
    assert!(matches!(app.tab().list.entries, Loadable::Failed(_)));
    let notice = app.notice.clone().unwrap();
    assert!(notice.starts_with("PokeAPI: HTTP 503"), "{notice}");

    let retry = forced(app.update(Msg::Retry));
    let [Effect::FetchList { source, req: again }] = retry.as_slice() else {
        panic!("expected one FetchList, got {retry:?}");
    };
    assert_eq!(*source, Source::Pokemon);
    assert_ne!(*again, req);
    assert!(app.tab().list.entries.awaits(*again));
    // The old request's late answer is dropped.
    assert!(
        app.update(Msg::ListLoaded {
            source: Source::Pokemon,
            req,
            result: Ok(pokemon_entries()),
        })
        .is_empty()
    );
    assert!(app.tab().list.entries.is_loading());

    let more = app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req: *again,
        result: Ok(pokemon_entries()),
    });
    assert_eq!(detail_fetch(&more).key, pokemon("bulbasaur"));
}

#[test]
fn r_does_not_retry_a_400_but_does_a_503_and_a_429() {
    let (mut app, fetch) = loaded_app();
    let bad_request = apidex::api::ApiError::Status {
        url: "https://pokeapi.co/api/v2/pokemon/bulbasaur".to_owned(),
        code: 400,
    };
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key.clone(),
        result: Err(bad_request.clone()),
    });
    assert!(!apidex::app::loadable::worth_retrying(&bad_request));
    let effects = app.update(Msg::Retry);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::FetchDetail { .. })),
        "a 400 is the same answer again: {effects:?}"
    );
    for code in [408, 429, 500, 503] {
        let err = apidex::api::ApiError::Status {
            url: String::new(),
            code,
        };
        assert!(apidex::app::loadable::worth_retrying(&err), "{code}");
    }
    for code in [401, 403, 405, 410, 422] {
        let err = apidex::api::ApiError::Status {
            url: String::new(),
            code,
        };
        assert!(!apidex::app::loadable::worth_retrying(&err), "{code}");
    }
}

#[test]
fn a_panicked_task_fails_the_pane_that_waited_for_it() {
    use apidex::event::EffectRunner;
    let (mut app, fetch) = loaded_app();
    let effect = Effect::FetchDetail {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key.clone(),
        sub_breeds: vec![],
        debounce: false,
    };
    for msg in EffectRunner::failure_for(&effect, "index out of bounds") {
        app.update(msg);
    }
    let Loadable::Failed(err) = detail_state(&app) else {
        panic!("{:?}", detail_state(&app));
    };
    assert_eq!(err.to_string(), "internal error: index out of bounds");
    assert!(!app.is_loading());

    // A batch's items each fail, and nothing is left queued.
    let (req, items) = start_batch(&mut app);
    let effect = Effect::FetchBatch {
        source: Source::Pokemon,
        req,
        items,
    };
    for msg in EffectRunner::failure_for(&effect, "boom") {
        app.update(msg);
    }
    let batch = app.tab().batch.as_ref().unwrap();
    assert!(!batch.is_running());
    assert!(batch.items.iter().all(
        |i| matches!(&i.status, BatchStatus::Failed(e) if e.to_string() == "internal error: boom")
    ));
    // Effects nobody waits for have nothing to report.
    assert!(
        EffectRunner::failure_for(
            &Effect::CancelBatch {
                source: Source::Pokemon
            },
            "x"
        )
        .is_empty()
    );
}
