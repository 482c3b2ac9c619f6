//! The comparison of six Pokémon at 80×24: readable, and scrolled to the team matchups.

use super::builders::{deliver_type_chart, loaded_app};
use apidex::app::App;
use apidex::msg::{Effect, Msg};

use super::{draw, row_text};
use crate::support::screen::without_tab_bar;

/// The compare view's card for the Pokémon fixture `id`, as `apidex::fetch` builds it.
fn card(id: u32) -> apidex::views::PokemonCard {
    let json: serde_json::Value = serde_json::from_slice(&crate::support::fixture(&format!(
        "pokeapi/pokemon/{id}.json"
    )))
    .unwrap();
    apidex::views::PokemonCard {
        id,
        name: json["name"].as_str().unwrap().to_owned(),
        display: apidex::names::NameTable::bundled()
            .display(id, apidex::names::Lang::En)
            .map(str::to_owned),
        types: json["types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["type"]["name"].as_str().unwrap().to_owned())
            .collect(),
        stats: json["stats"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let value = u32::try_from(s["base_stat"].as_u64().unwrap()).unwrap();
                (s["stat"]["name"].as_str().unwrap().to_owned(), value)
            })
            .collect(),
        sprite_url: None,
        shiny_url: None,
    }
}

/// The six Pokémon with fixtures, compared with pictures on, every card and the type chart delivered.
fn six_compared() -> App {
    let mut app = loaded_app();
    // As the binary runs: with room for sprites (the fixtures' cards have no sprite URL, so
    // the room stays empty).
    app.images_enabled = true;
    let ids = [1, 4, 7, 25, 26, 133];
    for id in ids {
        app.update(Msg::Top);
        app.update(Msg::Move(isize::try_from(id).unwrap() - 1));
        app.update(Msg::ToggleMark);
    }
    let effects = app.update(Msg::Compare);
    let Some(Effect::FetchCards { req, items }) = effects
        .iter()
        .find(|e| matches!(e, Effect::FetchCards { .. }))
    else {
        panic!("no FetchCards in {effects:?}");
    };
    assert_eq!(items.len(), 6);
    for (index, _) in items {
        app.update(Msg::CardLoaded {
            req: *req,
            index: *index,
            result: Ok(Some(card(ids[*index]))),
        });
    }
    deliver_type_chart(&mut app);
    app
}

#[test]
fn compare_of_six_at_80_by_24_is_readable_and_scrolls_to_the_team() {
    let mut app = six_compared();
    let terminal = draw(&mut app, 80, 24);
    let screen = terminal.backend().to_string();
    // Each name whole and apart from the next.
    for name in [
        "Bulbasaur ",
        "Charmander ",
        "Squirtle ",
        "Pikachu ",
        "Raichu ",
        "Eevee ",
    ] {
        assert!(screen.contains(name), "{name}: {screen}");
    }
    assert!(screen.contains("↓ more"), "{screen}");
    insta::assert_snapshot!("compare_six_80x24_top", without_tab_bar(terminal.backend()));

    app.update(Msg::Page(1));
    app.update(Msg::Bottom);
    let terminal = draw(&mut app, 80, 24);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Team matchups"), "{screen}");
    assert!(screen.contains("weak (2+ members)"), "{screen}");
    assert!(screen.contains("nobody resists"), "{screen}");
    assert!(screen.contains("↑ more"), "{screen}");
    // The names stay on top while the rest scrolls.
    assert!(
        row_text(terminal.backend().buffer(), 3).contains("Bulbasaur"),
        "{screen}"
    );
    insta::assert_snapshot!(
        "compare_six_80x24_bottom",
        without_tab_bar(terminal.backend())
    );
}
