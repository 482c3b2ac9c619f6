//! Render: one frame of the busiest screen — a running batch of 151 Pokémon beside Pikachu's full
//! page (sprite as half-blocks, matchups, abilities, evolution, Pokédex text) — into a 160×50
//! `TestBackend`. Target: ≤ 2 ms per frame.
//!
//! `cargo bench --bench render`. The state is reached as the running app reaches it: `App::update`
//! with the results of the real fetch functions against a local server that serves the real
//! fixtures (`benches/support/server.rs`); none of that is timed.

use apidex::api::{Clients, Endpoints, HttpOptions};
use apidex::app::{App, Hosts};
use apidex::fetch;
use apidex::model::Source;
use apidex::msg::{Effect, Msg};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui_image::picker::Picker;

#[path = "support/server.rs"]
mod server;

const WIDTH: u16 = 160;
const HEIGHT: u16 = 50;
/// Batch items that have arrived when the frame is drawn; the rest are in flight or queued.
const ARRIVED: usize = 120;

/// Carries out `effects` (and those their results cause) like the effect runner, in order and to
/// completion. Batches get their first [`ARRIVED`] items; debounced detail fetches the user
/// moved past are dropped, as the runner aborts them.
async fn settle(app: &mut App, clients: &Clients, effects: Vec<Effect>) {
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
                debounce: false,
            } => Msg::DetailLoaded {
                source,
                req,
                result: fetch::detail(clients, &key, sub_breeds).await,
                key,
            },
            Effect::FetchTypeChart { req } => Msg::TypeChartLoaded {
                req,
                result: fetch::type_chart(clients).await,
            },
            Effect::FetchImage {
                url,
                req,
                pixel_art,
            } => Msg::ImageLoaded {
                result: fetch::picture(clients, &url, Picker::halfblocks(), pixel_art).await,
                url,
                req,
            },
            Effect::FetchBatch { source, req, items } => {
                for &(index, _) in &items {
                    queue.extend(app.update(Msg::BatchItemStarted { source, req, index }));
                }
                for (index, key) in items.into_iter().take(ARRIVED) {
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
            _ => continue,
        };
        queue.extend(app.update(msg));
    }
}

/// Sends `msgs` and settles what they ask for.
async fn send(app: &mut App, clients: &Clients, msgs: impl IntoIterator<Item = Msg>) {
    let mut effects = Vec::new();
    for msg in msgs {
        effects.extend(app.update(msg));
    }
    settle(app, clients, effects).await;
}

/// The busiest screen: 151 Pokémon marked and fetched as a batch (120 arrived), Pikachu's page
/// open beside it, pictures on.
fn busiest_app() -> App {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        let (_server, origin) = server::start().await;
        let endpoints = Endpoints::parse(
            &format!("{origin}/api/v2"),
            &origin,
            &format!("{origin}/api"),
        )
        .expect("base URLs");
        let clients = Clients::new(endpoints, HttpOptions::default()).expect("clients");
        let (mut app, effects) = App::new(Hosts::from_fn(|_| "127.0.0.1".to_owned()));
        app.images_enabled = true;
        settle(&mut app, &clients, effects).await;
        // Mark the first 151 (each mark moves down; the debounced fetches are superseded).
        for _ in 0..151 {
            app.update(Msg::ToggleMark);
        }
        // Open Pikachu from the search box, then fetch the marked ones as a batch.
        let mut open = vec![Msg::FocusSearch];
        open.extend("pikachu".chars().map(Msg::SearchInput));
        open.push(Msg::Confirm);
        send(&mut app, &clients, open).await;
        send(&mut app, &clients, [Msg::FocusList, Msg::Confirm]).await;
        app
    })
}

fn render(c: &mut Criterion) {
    let mut app = busiest_app();
    assert_eq!(app.active, Source::Pokemon);
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
    terminal
        .draw(|frame| apidex::ui::draw(frame, &mut app))
        .expect("draw");
    let screen = terminal.backend().to_string();
    for expected in ["pikachu", "batch · 120 of 151", "Base stats", "Speed"] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    // A spinner tick changes a few cells: the usual frame while a batch runs.
    c.bench_function("render/batch+detail 160x50 (tick)", |b| {
        b.iter(|| {
            app.update(Msg::Tick);
            terminal
                .draw(|frame| apidex::ui::draw(frame, &mut app))
                .expect("draw");
        });
    });
    // After a resize or a clear every cell is sent again: the worst case.
    c.bench_function("render/batch+detail 160x50 (full redraw)", |b| {
        b.iter(|| {
            terminal.clear().expect("clear");
            terminal
                .draw(|frame| apidex::ui::draw(frame, &mut app))
                .expect("draw");
        });
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
