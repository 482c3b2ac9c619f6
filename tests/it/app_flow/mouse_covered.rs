//! Clicks on what is drawn over the list — the Live tab, the JSON view, the comparison, the
//! bookmarks view — land on what is drawn, never on the list hidden beneath: a click the user
//! sees land on a Live row or a line of JSON must not move the tab's selection (and fetch a
//! page) behind their back, nor switch the tab under a JSON view.

use super::builders::{loaded_app, selected_row};
use super::draw;
use apidex::app::Focus;
use apidex::model::Source;
use apidex::msg::{JsonMsg, LiveMsg, Msg};
use apidex::store::marks::Remembered;
use apidex::views::Fetched;

/// A click on the fourth row of the list area and on the detail pane: what it changed.
fn click_body(app: &mut apidex::app::App) -> Vec<apidex::msg::Effect> {
    draw(app, 100, 30);
    let (list, detail) = (app.areas.list, app.areas.detail);
    let mut effects = app.update(Msg::Click {
        x: list.x + 5,
        y: list.y + 4,
    });
    effects.extend(app.update(Msg::Click {
        x: detail.x + 5,
        y: detail.y + 4,
    }));
    effects
}

fn fetches_a_page(effects: &[apidex::msg::Effect]) -> bool {
    effects
        .iter()
        .any(|e| matches!(e, apidex::msg::Effect::FetchDetail { .. }))
}

#[test]
fn a_click_on_the_live_tab_leaves_the_hidden_list_alone() {
    let (mut app, _) = loaded_app();
    app.update(Msg::Live(LiveMsg::Show));
    let effects = click_body(&mut app);
    assert!(app.live.shown);
    assert_eq!(
        selected_row(&app),
        Some(0),
        "the Pokémon list moved under Live"
    );
    assert!(!fetches_a_page(&effects), "{effects:?}");
    assert_eq!(app.focus, Focus::List);
}

/// The JSON view open over the Pokémon tab (on a body of its own).
fn json_view_open() -> apidex::app::App {
    let (mut app, _) = loaded_app();
    let url = "http://127.0.0.1:1/api/v2/pokemon/25/";
    let effects = app.update(Msg::Json(JsonMsg::OpenUrl(url.to_owned())));
    let Some(apidex::msg::Effect::Json(apidex::msg::JsonEffect::Fetch { req, .. })) =
        effects.first()
    else {
        panic!("one fetch: {effects:?}");
    };
    let body = crate::support::fixture("pokeapi/pokemon/25.json");
    app.update(Msg::Json(JsonMsg::Loaded {
        req: *req,
        result: Ok(Some(Fetched::Body {
            url: url.to_owned(),
            doc: apidex::json_tree::parse(&body),
            body: body.into(),
        })),
        exchanges: Vec::new(),
    }));
    assert!(app.explorer.view.is_some());
    app
}

#[test]
fn a_click_on_the_json_view_leaves_the_hidden_list_alone() {
    let mut app = json_view_open();
    let effects = click_body(&mut app);
    assert!(app.explorer.view.is_some());
    assert_eq!(
        selected_row(&app),
        Some(0),
        "the Pokémon list moved under JSON"
    );
    assert!(!fetches_a_page(&effects), "{effects:?}");
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn the_tab_bar_under_a_json_view_switches_nothing_as_the_tab_keys_do_not() {
    let mut app = json_view_open();
    draw(&mut app, 100, 30);
    let bar = app.areas.tabs;
    for x in bar.x..bar.right() {
        let effects = app.update(Msg::Click { x, y: bar.y });
        assert_eq!(app.active, Source::Pokemon, "column {x}");
        assert!(
            !app.live.shown,
            "column {x}: Live shown under the JSON view"
        );
        assert!(!fetches_a_page(&effects), "column {x}: {effects:?}");
    }
    // As the keys: a digit does nothing in the JSON view either.
    app.update(Msg::Json(JsonMsg::Cancel));
    assert!(app.explorer.view.is_none());
    assert_eq!(app.active, Source::Pokemon);
}

#[test]
fn a_click_on_the_comparison_leaves_the_hidden_list_alone() {
    let (mut app, _) = loaded_app();
    app.update(Msg::ToggleMark);
    app.update(Msg::ToggleMark);
    app.update(Msg::Top);
    app.update(Msg::Compare);
    assert!(app.compare.is_some());
    let effects = click_body(&mut app);
    assert!(app.compare.is_some());
    assert_eq!(
        selected_row(&app),
        Some(0),
        "the Pokémon list moved under the comparison"
    );
    assert!(!fetches_a_page(&effects), "{effects:?}");
}

#[test]
fn a_click_on_a_bookmark_selects_that_bookmark_not_the_list_row_beneath() {
    let (mut app, _) = loaded_app();
    app.saved.enabled = true;
    app.update(Msg::ShowBookmarks);
    let items: Vec<Remembered> = ["pokemon:pikachu", "post:3", "berry:oran", "breed:pug"]
        .into_iter()
        .map(|key| Remembered {
            key: key.to_owned(),
            label: key.to_owned(),
        })
        .collect();
    app.update(Msg::SavedLoaded {
        kind: apidex::model::SavedKind::Bookmarks,
        result: Ok(items),
    });
    draw(&mut app, 100, 30);
    let list = app.areas.list;
    // Under the border, the fourth bookmark (breed:pug) is on the fourth line.
    let effects = app.update(Msg::Click {
        x: list.x + 5,
        y: list.y + 4,
    });
    let view = app.saved.view.as_ref().expect("the bookmarks stay open");
    assert_eq!(view.state.selected(), Some(3));
    assert_eq!(
        selected_row(&app),
        Some(0),
        "the Pokémon list moved under the bookmarks"
    );
    assert!(!fetches_a_page(&effects), "{effects:?}");
    // Below the last bookmark: nothing selected anew.
    app.update(Msg::Click {
        x: list.x + 5,
        y: list.y + 8,
    });
    assert_eq!(app.saved.view.as_ref().unwrap().state.selected(), Some(3));
    // The wheel over it moves the bookmarks' selection, not the list's beneath.
    let wheel = |delta| Msg::Wheel {
        x: list.x + 5,
        y: list.y + 2,
        delta,
    };
    app.update(wheel(-3));
    let effects = app.update(wheel(2));
    assert_eq!(app.saved.view.as_ref().unwrap().state.selected(), Some(2));
    assert_eq!(
        selected_row(&app),
        Some(0),
        "the wheel moved the list under the bookmarks"
    );
    assert!(!fetches_a_page(&effects), "{effects:?}");
}
