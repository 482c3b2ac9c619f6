//! Carrying out the app's effects in a test, synchronously: each fetch effect runs the real
//! fetch function against the test's clients and its result goes back into `update`, until
//! nothing is left to do. One driver for every test that needs one, so none can drift from the
//! messages the runner really sends.

use apidex::api::Clients;
use apidex::app::App;
use apidex::fetch;
use apidex::msg::{Effect, Msg};

/// Carries out `effects` (and those their results cause); effects that fetch nothing (pictures,
/// notices, the store) are passed over.
pub async fn settle(app: &mut App, clients: &Clients, effects: Vec<Effect>) {
    drive(app, clients, effects, false).await;
}

/// [`settle`], failing on any effect other than a fetch or a picture's (the test says exactly
/// what it expects to be asked for).
pub async fn settle_strict(app: &mut App, clients: &Clients, effects: Vec<Effect>) {
    drive(app, clients, effects, true).await;
}

async fn drive(app: &mut App, clients: &Clients, effects: Vec<Effect>, strict: bool) {
    let mut queue = effects;
    while let Some(effect) = queue.pop() {
        let msg = match effect {
            Effect::FetchList { source, req } => Msg::ListLoaded {
                source,
                req,
                result: fetch::list(clients, source).await,
            },
            Effect::FetchDetail {
                source,
                req,
                key,
                sub_breeds,
                ..
            } => Msg::DetailLoaded {
                source,
                req,
                result: Box::pin(fetch::detail(clients, &key, sub_breeds)).await,
                key,
            },
            Effect::FetchTypeChart { req } => Msg::TypeChartLoaded {
                req,
                result: fetch::type_chart(clients).await,
            },
            Effect::FetchTerm { term, req } => Msg::TermLoaded {
                result: fetch::term_members(clients, &term).await,
                term,
                req,
            },
            Effect::FetchBatch { source, req, items } => {
                for (index, key) in items {
                    queue.extend(app.update(Msg::BatchItemStarted { source, req, index }));
                    let result = fetch::summary(clients, &key).await;
                    queue.extend(app.update(Msg::BatchItemLoaded {
                        source,
                        req,
                        index,
                        result,
                    }));
                }
                continue;
            }
            Effect::FetchCards { req, items } => {
                for (index, key) in items {
                    let result = fetch::card(clients, &key).await;
                    queue.extend(app.update(Msg::CardLoaded { req, index, result }));
                }
                continue;
            }
            Effect::Forced(inner) => {
                queue.push(*inner);
                continue;
            }
            // Pictures are not delivered: tests look at which ones are asked for.
            Effect::FetchImage { .. } | Effect::CancelImage { .. } => continue,
            other if strict => panic!("unexpected effect in these tests: {other:?}"),
            _ => continue,
        };
        queue.extend(app.update(msg));
    }
}

/// Waits until `check` holds (polled every few milliseconds), failing after
/// [`super::driver::LIMIT`]: for conditions outside the screen (a server's log, the cache).
pub async fn until(what: &str, check: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + super::driver::LIMIT;
    while !check() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}
