//! Each source's tab with a page open: a Pokémon, a registered source's first page, a post with
//! its author and comments, a breed with its sub-breeds.

use super::builders::{breed_detail, deliver_detail, detail_req, loaded_app, post_detail};
use apidex::model::{ItemKey, Source};
use apidex::msg::Msg;

use super::{draw, pikachu_app};
use crate::support::screen::without_tab_bar;

#[test]
fn pokemon_tab_with_pikachu() {
    let mut app = pikachu_app();
    let terminal = draw(&mut app, 100, 30);
    insta::assert_snapshot!(
        "pokemon_tab_with_pikachu",
        without_tab_bar(terminal.backend())
    );
}

/// The first registered source's tab (`apidex::sources`), its first item's page drawn from
/// its fixture: the page every registered source gets.
#[test]
fn registered_source_tab_with_its_first_page() {
    let record = apidex::model::RecordId::all().next().unwrap();
    let mut app = loaded_app();
    let (_, key, _) = detail_req(&app.update(Msg::SelectTab(Source::Record(record))));
    let ItemKey::Record(_, first) = &key else {
        panic!("{key:?}");
    };
    let body: serde_json::Value =
        serde_json::from_slice(&crate::support::records::body(record, first)).unwrap();
    let page = apidex::fetch::record::record_page(record, &body);
    deliver_detail(&mut app, Ok(Some(apidex::views::Detail::Record(page))));
    let terminal = draw(&mut app, 100, 30);
    insta::assert_snapshot!(
        format!("record_{}_page", record.spec().id),
        without_tab_bar(terminal.backend())
    );
}

#[test]
fn posts_tab_with_author_and_comments() {
    let mut app = loaded_app();
    let (_, key, _) = detail_req(&app.update(Msg::SelectTab(Source::Posts)));
    assert_eq!(key, ItemKey::Post(1));
    deliver_detail(&mut app, Ok(Some(post_detail())));
    let terminal = draw(&mut app, 100, 30);
    insta::assert_snapshot!(
        "posts_tab_with_author_and_comments",
        without_tab_bar(terminal.backend())
    );
}

#[test]
fn dogs_tab_with_sub_breeds() {
    let mut app = loaded_app();
    app.update(Msg::SelectTab(Source::Dogs));
    // Go past hound, draw (the list scrolls), then back up: hound's sub-breeds show under it.
    app.update(Msg::Move(75));
    draw(&mut app, 100, 30);
    let (_, key, sub_breeds) = detail_req(&app.update(Msg::Move(-7)));
    assert_eq!(key.to_string(), "hound");
    assert_eq!(
        sub_breeds,
        [
            "afghan", "basset", "blood", "english", "ibizan", "plott", "walker"
        ]
    );
    deliver_detail(&mut app, Ok(Some(breed_detail("hound", sub_breeds))));
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("└ afghan"), "{screen}");
    insta::assert_snapshot!(
        "dogs_tab_with_sub_breeds",
        without_tab_bar(terminal.backend())
    );
}
