//! Panes while they load and when they fail: lists and details loading, failures, not found with
//! suggestions, and the notices after an error.

use super::builders::{
    api_error, deliver_detail, detail_req, list_req, loaded_app, new_app, type_str,
};
use apidex::app::App;
use apidex::model::{ItemKey, Source};
use apidex::msg::{Effect, Msg};

use super::{builders, draw, pikachu_app, row_text};
use crate::support::screen::without_tab_bar;

#[test]
fn lists_loading() {
    let (mut app, effects) = new_app();
    registered_lists_in(&mut app, &effects);
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("loading from PokeAPI"), "{screen}");
    insta::assert_snapshot!("lists_loading", without_tab_bar(terminal.backend()));
}

/// Delivers the registered sources' lists, so a picture of the built-in lists loading counts
/// the same whatever is registered.
fn registered_lists_in(app: &mut App, effects: &[Effect]) {
    for record in apidex::model::RecordId::all() {
        let source = Source::Record(record);
        app.update(Msg::ListLoaded {
            source,
            req: builders::list_req(effects, source),
            result: Ok(crate::support::lists::entries_for(source)),
        });
    }
}

#[test]
fn detail_loading() {
    let mut app = loaded_app();
    app.spinner = 3;
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("⠸ fetching…"), "{screen}");
    insta::assert_snapshot!("detail_loading", without_tab_bar(terminal.backend()));
}

#[test]
fn list_failed() {
    let (mut app, effects) = new_app();
    registered_lists_in(&mut app, &effects);
    app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req: list_req(&effects, Source::Pokemon),
        result: Err(api_error()),
    });
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("could not load the list"), "{screen}");
    insta::assert_snapshot!("list_failed", without_tab_bar(terminal.backend()));
}

#[test]
fn detail_failed() {
    let mut app = loaded_app();
    deliver_detail(
        &mut app,
        Err(apidex::api::ApiError::Status {
            url: "https://pokeapi.co/api/v2/pokemon/bulbasaur".to_owned(),
            code: 503,
        }),
    );
    let terminal = draw(&mut app, 100, 30);
    insta::assert_snapshot!("detail_failed", without_tab_bar(terminal.backend()));
}

#[test]
fn detail_not_found_with_suggestions() {
    let mut app = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "pikaxhu");
    let (_, key, _) = detail_req(&app.update(Msg::Confirm));
    assert_eq!(key, ItemKey::Pokemon("pikaxhu".to_owned()));
    deliver_detail(&mut app, Ok(None));
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("did you mean"), "{screen}");
    insta::assert_snapshot!(
        "detail_not_found_with_suggestions",
        without_tab_bar(terminal.backend())
    );
}

#[test]
fn a_success_shows_after_an_error_notice() {
    let mut app = pikachu_app();
    app.update(Msg::ToggleMark);
    app.update(Msg::Compare);
    let status = |app: &mut App| {
        let terminal = draw(app, 100, 30);
        row_text(terminal.backend().buffer(), 29)
    };
    assert!(status(&mut app).contains("✗ mark 2 to 6"));
    app.update(Msg::Export);
    app.update(Msg::Exported(Ok("/tmp/apidex-pikachu-1.json".into())));
    let line = status(&mut app);
    assert!(
        line.contains("✓ exported to /tmp/apidex-pikachu-1.json"),
        "{line}"
    );
    assert!(!line.contains('✗'), "{line}");
}

#[test]
fn a_400_is_not_offered_a_retry_but_a_503_is() {
    for (code, offered) in [(400, false), (405, false), (429, true), (503, true)] {
        let mut app = loaded_app();
        deliver_detail(
            &mut app,
            Err(apidex::api::ApiError::Status {
                url: "https://pokeapi.co/api/v2/pokemon/bulbasaur".to_owned(),
                code,
            }),
        );
        let terminal = draw(&mut app, 100, 30);
        let screen = terminal.backend().to_string();
        assert!(screen.contains(&format!("HTTP {code}")), "{screen}");
        assert_eq!(screen.contains("r retries"), offered, "{code}: {screen}");
    }
}
