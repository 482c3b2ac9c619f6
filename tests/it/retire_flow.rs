//! A superseded page's request may finish into the cache (#16), but never at the cost of the
//! page the user looks at now: with one request slot (`--concurrency 1`) and a server that
//! never answers the old page, the new page's request still goes out at once. The grace is set
//! far beyond any wait here, so only giving the slot up on demand can pass.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use apidex::api::HttpOptions;
use apidex::event::EffectRunner;
use apidex::msg::Effect;
use crossterm::event::KeyCode;

use crate::support::driver::{Setup, run_app_tuned};
use crate::support::settle::until;
use crate::support::{Reply, TestServer, clients_with, fixture, fixture_server};

const HOUR: Duration = Duration::from_secs(3600);

fn asked(server: &TestServer, target: &str) -> usize {
    server.requests().iter().filter(|t| *t == target).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_one_slot_the_new_page_does_not_wait_behind_a_retiring_request() {
    const OLD: &str = "/api/v2/pokemon/bulbasaur";
    const NEW: &str = "/api/v2/pokemon/ivysaur";
    let server = fixture_server().await;
    // The page left is still on its way when the user moves on, and would be for an hour.
    server.route(
        OLD,
        Reply::json(fixture("pokeapi/pokemon/1.json")).delayed(HOUR),
    );
    let clients = clients_with(
        &server,
        HttpOptions {
            concurrency: 1,
            retries: 0,
            timeout: 2 * HOUR,
            ..HttpOptions::default()
        },
    );
    let setup = Setup {
        size: (100, 30),
        images: false,
        tune: |runner: EffectRunner| runner.with_retire_grace(HOUR),
    };
    let start = |runner: &mut EffectRunner, effects: Vec<Effect>| {
        for effect in effects {
            runner.run(effect);
        }
    };
    let server = &server;
    run_app_tuned(
        clients,
        setup,
        |_| {},
        start,
        |s| async move {
            s.wait_for_text("#1 Bulbasaur").await;
            until("bulbasaur's page on the wire", || asked(server, OLD) == 1).await;
            s.key(KeyCode::Down);
            // Ivysaur's page is asked for and answered (the fixture server has no ivysaur: its
            // 404) while bulbasaur's answer is still an hour off.
            until("ivysaur's page asked for", || asked(server, NEW) == 1).await;
            s.wait_for_text("not found: ivysaur").await;
        },
    )
    .await;
    assert_eq!(asked(server, OLD), 1, "{:?}", server.requests());
}
