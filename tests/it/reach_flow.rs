//! How the browser's state follows a source's server: the status bar says `offline` or
//! `PokeAPI: HTTP 503` exactly while that is true; a server back from unreachable brings a
//! refresh of what came from the fallback that keeps the user's query, marks and selection; a
//! failing server that answers again does not (no refresh storms); `r` forces the network.
#![allow(clippy::unwrap_used)]

use apidex::api::connectivity::Reach;
use apidex::api::origin::{Cause, Origin};
use apidex::app::{App, Hosts};
use apidex::model::Source;
use apidex::msg::{Effect, Msg, RetryTarget};
use apidex::views::ListEntry;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::support::app::list_req;
use crate::support::fixture_server;
use crate::support::screen::buffer_text;

/// The Pokémon list as the production mapping makes it from the fixture index.
async fn pokemon_entries() -> Vec<ListEntry> {
    let server = fixture_server().await;
    let clients = crate::support::clients(&server);
    apidex::fetch::list(&clients, Source::Pokemon)
        .await
        .unwrap()
}

/// An app whose Pokémon list came from the snapshot because the server could not be reached,
/// with two rows marked and the fifth selected.
fn app_on_the_snapshot(entries: Vec<ListEntry>) -> App {
    let (mut app, effects) = App::new(Hosts::default());
    let req = list_req(&effects, Source::Pokemon);
    app.update(Msg::Served {
        target: RetryTarget::List(Source::Pokemon),
        req,
        origin: Origin::Snapshot {
            cause: Cause::Unreachable,
        },
    });
    app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req,
        result: Ok(entries),
    });
    app.update(Msg::SourceReach {
        source: Source::Pokemon,
        reach: Reach::Unreachable {
            reason: "Connection refused".into(),
        },
    });
    app.update(Msg::ToggleMark); // bulbasaur, moves down
    app.update(Msg::Move(1));
    app.update(Msg::ToggleMark); // venusaur
    app.update(Msg::Move(1));
    app.update(Msg::Move(1));
    app
}

fn status_line(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 20)).unwrap();
    terminal.draw(|f| apidex::ui::draw(f, app)).unwrap();
    buffer_text(terminal.backend().buffer())
        .lines()
        .last()
        .unwrap()
        .to_owned()
}

fn list_fetch(effects: &[Effect]) -> Option<apidex::model::RequestId> {
    effects.iter().find_map(|e| match e {
        Effect::FetchList {
            source: Source::Pokemon,
            req,
        } => Some(*req),
        Effect::Forced(inner) => list_fetch(std::slice::from_ref(inner)),
        _ => None,
    })
}

#[tokio::test]
async fn a_server_back_from_unreachable_refreshes_the_list_keeping_marks_and_selection() {
    let entries = pokemon_entries().await;
    let mut app = app_on_the_snapshot(entries.clone());
    let selected = app.tab().list.selected().unwrap().key.clone();
    let marks = app.tab().list.marks.clone();
    assert!(status_line(&mut app).contains("offline"));

    let effects = app.update(Msg::SourceReach {
        source: Source::Pokemon,
        reach: Reach::Online,
    });
    let req = list_fetch(&effects).expect("the list is fetched again");
    assert!(!status_line(&mut app).contains("offline"));
    // The old rows stay on screen while the fresh copy loads.
    assert_eq!(app.tab().list.all().len(), entries.len());
    app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req,
        result: Ok(entries),
    });
    assert_eq!(app.tab().list.marks, marks);
    assert_eq!(app.tab().list.selected().unwrap().key, selected);
    assert_eq!(
        app.tab().list_origin,
        None,
        "the fresh copy came from the network"
    );
}

#[tokio::test]
async fn a_failing_server_that_answers_again_brings_no_refresh_but_r_does() {
    let entries = pokemon_entries().await;
    let mut app = app_on_the_snapshot(entries);
    app.update(Msg::SourceReach {
        source: Source::Pokemon,
        reach: Reach::Failing { code: 503 },
    });
    let status = status_line(&mut app);
    assert!(status.contains("PokeAPI: HTTP 503"), "{status}");
    assert!(!status.contains("offline"), "{status}");
    let effects = app.update(Msg::SourceReach {
        source: Source::Pokemon,
        reach: Reach::Online,
    });
    assert_eq!(list_fetch(&effects), None, "{effects:?}");
    // `r` on a list from the snapshot asks the network, for real.
    let effects = app.update(Msg::Retry);
    assert!(
        matches!(effects.as_slice(), [Effect::Forced(inner)] if matches!(**inner, Effect::FetchList { .. })),
        "{effects:?}"
    );
    // A failed refresh leaves the list and its badge as they were.
    let req = list_fetch(&effects).unwrap();
    app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req,
        result: Err(apidex::api::ApiError::Status {
            url: "http://x/pokemon".into(),
            code: 503,
        }),
    });
    assert!(app.tab().list.all().len() > 1000);
    assert!(app.tab().list_origin.is_some_and(Origin::is_offline));
}
