//! Fetching many items at once: order, isolation of failures, the in-flight limit, streaming in
//! completion order, and connection reuse.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::time::Duration;

use apidex::api::jsonplaceholder::Collection;
use apidex::api::jsonplaceholder::models::Post;
use apidex::api::{ApiError, HttpOptions, batch};
use futures_util::StreamExt;

use crate::support::settle::until;
use crate::support::{Reply, TestServer, clients, clients_with, fixture_server, within};

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|&s| s.to_owned()).collect()
}

/// Ten names the fixture server knows (five Pokémon, by name and by id).
const KNOWN: [&str; 10] = [
    "bulbasaur",
    "charmander",
    "squirtle",
    "pikachu",
    "eevee",
    "1",
    "4",
    "7",
    "25",
    "133",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_keep_input_order() {
    let server = fixture_server().await;
    let api = clients(&server).pokeapi;
    let results = within(api.pokemon_many(names(&["eevee", "missingno", "pikachu", "1"]))).await;
    let ids: Vec<Option<u32>> = results
        .iter()
        .map(|r| r.as_ref().unwrap().as_ref().map(|p| p.data.id))
        .collect();
    assert_eq!(ids, vec![Some(133), None, Some(25), Some(1)]);
    let names: Vec<Option<&str>> = results
        .iter()
        .map(|r| r.as_ref().unwrap().as_ref().map(|p| p.data.name.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![Some("eevee"), None, Some("pikachu"), Some("bulbasaur")]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_failure_does_not_sink_the_batch() {
    let server = fixture_server().await;
    server.route("/api/v2/pokemon/broken", Reply::status(500));
    let api = clients(&server).pokeapi;
    let results = within(api.pokemon_many(names(&["pikachu", "broken", "", "eevee"]))).await;
    assert_eq!(results.len(), 4);
    assert_eq!(results[0].as_ref().unwrap().as_ref().unwrap().data.id, 25);
    match &results[1] {
        Err(ApiError::Status { code: 500, url }) => {
            assert!(url.ends_with("/api/v2/pokemon/broken"), "{url}");
        }
        other => panic!("expected HTTP 500, got {other:?}"),
    }
    assert!(
        matches!(results[2], Err(ApiError::InvalidInput { .. })),
        "{:?}",
        results[2]
    );
    assert_eq!(results[3].as_ref().unwrap().as_ref().unwrap().data.id, 133);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrency_limit_holds_and_requests_overlap() {
    let server = fixture_server().await;
    server.set_delay(Duration::from_millis(50));
    let options = HttpOptions {
        concurrency: 3,
        ..HttpOptions::default()
    };
    let api = clients_with(&server, options).pokeapi;
    let batch: Vec<String> = KNOWN
        .iter()
        .chain(&KNOWN[..2])
        .map(|&s| s.to_owned())
        .collect();
    assert_eq!(batch.len(), 12);
    let results = within(api.pokemon_many(batch)).await;
    assert!(
        results.iter().all(|r| matches!(r, Ok(Some(_)))),
        "{results:?}"
    );
    assert_eq!(server.request_count(), 12);
    let peak = server.max_in_flight();
    assert!(peak <= 3, "limit exceeded: {peak} in flight");
    assert!(peak > 1, "requests did not overlap: peak {peak}");
    assert_eq!(peak, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fewer_items_than_the_limit_all_run_together() {
    let server = fixture_server().await;
    server.set_delay(Duration::from_millis(50));
    let options = HttpOptions {
        concurrency: 8,
        ..HttpOptions::default()
    };
    let api = clients_with(&server, options).pokeapi;
    let results = within(api.pokemon_many(names(&KNOWN[..5]))).await;
    assert!(
        results.iter().all(|r| matches!(r, Ok(Some(_)))),
        "{results:?}"
    );
    assert_eq!(server.max_in_flight(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_limit_is_shared_across_sources() {
    let server = fixture_server().await;
    server.set_delay(Duration::from_millis(50));
    let options = HttpOptions {
        concurrency: 2,
        ..HttpOptions::default()
    };
    let all = clients_with(&server, options);
    let poke = all.pokeapi.pokemon_many(names(&KNOWN[..4]));
    let posts = all
        .jsonplaceholder
        .items::<Post>(Collection::Posts, vec![1, 2, 1, 2]);
    let (poke, posts) = within(async { tokio::join!(poke, posts) }).await;
    assert!(poke.iter().all(|r| matches!(r, Ok(Some(_)))), "{poke:?}");
    assert!(posts.iter().all(|r| matches!(r, Ok(Some(_)))), "{posts:?}");
    assert_eq!(server.request_count(), 8);
    assert_eq!(server.max_in_flight(), 2);
}

/// A tiny Pokémon body, so the fast items cost next to nothing to decode.
fn tiny(id: u32, name: &str) -> Reply {
    Reply::json(format!(r#"{{"id":{id},"name":"{name}"}}"#).into_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stream_yields_every_index_once_in_completion_order() {
    let server = TestServer::start().await;
    server.route(
        "/api/v2/pokemon/slow",
        tiny(1, "slow").delayed(Duration::from_millis(500)),
    );
    for (id, name) in [(2, "a"), (3, "b"), (4, "c")] {
        server.route(&format!("/api/v2/pokemon/{name}"), tiny(id, name));
    }
    let api = clients(&server).pokeapi;
    let arrived: Vec<(usize, Option<u32>)> = within(
        api.pokemon_stream(names(&["slow", "a", "missing", "b", "c"]))
            .map(|(index, result)| (index, result.unwrap().map(|p| p.data.id)))
            .collect::<Vec<_>>(),
    )
    .await;

    assert_eq!(arrived.len(), 5);
    let indexes: BTreeSet<usize> = arrived.iter().map(|(i, _)| *i).collect();
    assert_eq!(indexes, (0..5).collect(), "each index exactly once");
    // Each index carries its own item's result.
    let mut by_index = arrived.clone();
    by_index.sort_unstable();
    assert_eq!(
        by_index,
        vec![
            (0, Some(1)),
            (1, Some(2)),
            (2, None),
            (3, Some(3)),
            (4, Some(4))
        ]
    );
    // The slow first item comes out last: completion order, not input order.
    assert_eq!(arrived.last().unwrap().0, 0, "{arrived:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sequential_batch_runs_one_at_a_time() {
    let server = fixture_server().await;
    server.set_delay(Duration::from_millis(10));
    let options = HttpOptions {
        concurrency: 1,
        ..HttpOptions::default()
    };
    let api = clients_with(&server, options).pokeapi;
    let results = within(api.pokemon_many(names(&KNOWN))).await;
    assert!(
        results.iter().all(|r| matches!(r, Ok(Some(_)))),
        "{results:?}"
    );
    assert_eq!(server.request_count(), 10);
    assert_eq!(server.max_in_flight(), 1);
    // Requests go out in input order when only one runs at a time.
    let expected: Vec<String> = KNOWN
        .iter()
        .map(|n| format!("/api/v2/pokemon/{n}"))
        .collect();
    assert_eq!(server.requests(), expected);
}

/// Connection reuse. hyper-util hands a finished HTTP/1 connection back to the pool from a task of
/// its own, so a request started before that task has run opens a second connection (observed
/// with two worker threads: 1 connection in ~60% of back-to-back batches, up to 8 under CPU load).
/// So the batch runs on one thread, and each item holds its batch slot until the runtime is back
/// to its quiet tasks (the server's accept loop; the connection's two ends and the pool's idle
/// reaper), that is until the hand-back task has ended. With that, ten sequential requests must
/// share one connection.
#[tokio::test]
async fn sequential_batch_reuses_one_connection() {
    let server = fixture_server().await;
    let options = HttpOptions {
        concurrency: 1,
        ..HttpOptions::default()
    };
    let api = clients_with(&server, options).pokeapi;
    let runtime = tokio::runtime::Handle::current().metrics();
    let quiet = runtime.num_alive_tasks() + 3;
    let results = within(batch::fetch_in_order(names(&KNOWN), 1, |name| {
        let api = api.clone();
        let runtime = runtime.clone();
        async move {
            let result = api.pokemon(&name).await;
            until("the connection's hand-back to the pool", || {
                runtime.num_alive_tasks() <= quiet
            })
            .await;
            result
        }
    }))
    .await;
    assert!(
        results.iter().all(|r| matches!(r, Ok(Some(_)))),
        "{results:?}"
    );
    assert_eq!(server.request_count(), 10);
    assert_eq!(server.connections(), 1);
}
