//! Level-up moves on a Pokémon's page and the move page a move's link opens, against real
//! PokeAPI fixtures over real HTTP (pikachu's and raichu's `moves`, `move/84` thunder-shock and
//! `move/98` quick-attack).

#![allow(clippy::unwrap_used)]

use apidex::api::Clients;
use apidex::app::loadable::Loadable;
use apidex::app::{App, Hosts};
use apidex::model::ItemKey;
use apidex::msg::Msg;
use apidex::names::Lang;
use apidex::views::{Detail, LevelUpMoves, PokemonDetail};

use crate::support::settle::settle_strict as settle;
use crate::support::{TestServer, clients, fixture_server, mount_by_id_and_name};

async fn server() -> TestServer {
    let server = fixture_server().await;
    for id in [84, 98] {
        mount_by_id_and_name(&server, "move", id, &format!("pokeapi/move/{id}.json"));
    }
    server
}

async fn detail(clients: &Clients, key: ItemKey) -> Detail {
    apidex::fetch::detail(clients, &key, Vec::new())
        .await
        .expect("fetches")
        .expect("exists")
}

async fn pokemon(clients: &Clients, name: &str) -> PokemonDetail {
    match detail(clients, ItemKey::Pokemon(name.to_owned())).await {
        Detail::Pokemon(p) => p,
        other => panic!("a Pokémon expected: {other:?}"),
    }
}

fn page_text(detail: &Detail) -> Vec<String> {
    crate::support::pages::page_text(detail, true, 0)
}

#[tokio::test]
async fn pikachu_lists_scarlet_violet_level_up_moves_by_level() {
    let server = server().await;
    let p = pokemon(&clients(&server), "pikachu").await;
    let moves = p.moves.as_ref().expect("pikachu learns moves by level");
    // The fixture also has blue-japan (version-group 29, the largest id): the API's order puts
    // it first, so the newest is scarlet-violet.
    assert_eq!(moves.version_group, "scarlet-violet");
    assert_eq!(moves.moves.len(), 20);
    let levels: Vec<u32> = moves.moves.iter().map(|(l, _)| *l).collect();
    assert!(levels.windows(2).all(|w| w[0] <= w[1]), "{levels:?}");
    // At one level, the API's own order (nuzzle 1 … growl 9).
    assert_eq!(moves.moves[0], (1, "nuzzle".to_owned()));
    assert_eq!(moves.moves[8], (1, "growl".to_owned()));
    assert_eq!(moves.moves[9], (4, "thunder-wave".to_owned()));
    assert_eq!(moves.moves.last().unwrap(), &(44, "thunder".to_owned()));
}

#[tokio::test]
async fn a_move_learned_on_evolving_is_marked_evo_and_the_section_renders() {
    let server = server().await;
    let clients = clients(&server);
    let raichu = pokemon(&clients, "raichu").await;
    let moves = raichu.moves.as_ref().unwrap();
    assert_eq!(moves.moves[0], (0, "thunder-punch".to_owned()));
    for name in ["pikachu", "raichu"] {
        let text = page_text(&detail(&clients, ItemKey::Pokemon(name.to_owned())).await);
        let start = text
            .iter()
            .position(|l| l.starts_with("Level-up moves"))
            .expect("a section");
        insta::assert_snapshot!(format!("level_up_{name}"), text[start..].join("\n"));
    }
}

#[tokio::test]
async fn each_move_is_a_link_after_the_evolution_members() {
    let server = server().await;
    let clients = clients(&server);
    let d = detail(&clients, ItemKey::Pokemon("pikachu".into())).await;
    let links = d.links();
    let raichu = links
        .iter()
        .position(|l| *l == ItemKey::Pokemon("raichu".into()))
        .unwrap();
    let Detail::Pokemon(p) = &d else { panic!() };
    let moves: Vec<ItemKey> = p
        .moves
        .as_ref()
        .unwrap()
        .moves
        .iter()
        .map(|(_, m)| ItemKey::Move(m.clone()))
        .collect();
    assert_eq!(links[raichu + 1..], moves[..]);
    // The page draws as many links as Enter can open.
    let page = crate::support::pages::page(&d, true, 0);
    assert_eq!(page.links, links.len());
}

#[tokio::test]
async fn the_move_page_is_in_the_content_language() {
    let server = server().await;
    let en = detail(&clients(&server), ItemKey::Move("thunder-shock".into())).await;
    let text = page_text(&en).join("\n");
    assert!(text.starts_with("#84 Thunder Shock"), "{text}");
    assert!(text.contains(" electric   special"), "{text}");
    assert!(text.contains("power 40   accuracy 100%   PP 30"), "{text}");
    assert!(
        text.contains("Has a chance to paralyze the target."),
        "{text}"
    );
    assert_eq!(en.links(), [ItemKey::Type("electric".into())]);

    let ja = clients(&server).with_lang(Lang::parse("ja").unwrap());
    let text = page_text(&detail(&ja, ItemKey::Move("quick-attack".into())).await).join("\n");
    assert!(text.starts_with("#98 でんこうせっか"), "{text}");
    let fr = clients(&server).with_lang(Lang::parse("fr").unwrap());
    let text = page_text(&detail(&fr, ItemKey::Move("84".into())).await).join("\n");
    assert!(text.starts_with("#84 Éclair"), "{text}");
    assert!(text.contains("paralyser"), "{text}");
}

#[tokio::test]
async fn enter_on_a_move_opens_its_page_and_back_returns() {
    let server = server().await;
    let clients = clients(&server);
    let (mut app, effects) = App::new(Hosts::default());
    settle(&mut app, &clients, effects).await;
    let mut effects = app.update(Msg::FocusSearch);
    for c in "pikachu".chars() {
        effects.extend(app.update(Msg::SearchInput(c)));
    }
    effects.extend(app.update(Msg::Confirm));
    settle(&mut app, &clients, effects).await;
    let target = ItemKey::Move("thunder-shock".into());
    let index = app.links().iter().position(|l| *l == target).unwrap();
    app.update(Msg::FocusDetail);
    let mut effects = Vec::new();
    for _ in 0..=index {
        effects.extend(app.update(Msg::Move(1)));
    }
    effects.extend(app.update(Msg::Confirm));
    settle(&mut app, &clients, effects).await;
    assert_eq!(app.tab().detail.key, Some(target));
    assert!(matches!(
        &app.tab().detail.state,
        Loadable::Loaded(Detail::Move(m)) if m.display.as_deref() == Some("Thunder Shock")
    ));
    let effects = app.update(Msg::HistoryBack);
    settle(&mut app, &clients, effects).await;
    assert_eq!(
        app.tab().detail.key,
        Some(ItemKey::Pokemon("pikachu".into()))
    );
}

#[test]
fn a_hostile_move_list_is_cut_to_the_row_cap() {
    let details = |level: usize| {
        serde_json::json!([{
            "level_learned_at": level,
            "move_learn_method": {"name": "level-up", "url": ""},
            "version_group": {"name": "x-y", "url": "https://pokeapi.co/api/v2/version-group/15/"}
        }])
    };
    let moves: Vec<serde_json::Value> = (0..5000)
        .map(|i| {
            serde_json::json!({
                "move": {"name": format!("m{i}\u{1b}[2J"), "url": ""},
                "version_group_details": details(5000 - i),
            })
        })
        .collect();
    let moves: Vec<apidex::api::pokeapi::models::PokemonMove> =
        serde_json::from_value(serde_json::Value::Array(moves)).unwrap();
    let list = LevelUpMoves::from_moves(&moves).unwrap();
    assert_eq!(list.moves.len(), apidex::views::bounds::MAX_ROWS);
    assert_eq!(list.moves.more(), 5000 - apidex::views::bounds::MAX_ROWS);
    // Sorted by level before the cut: the lowest levels are kept.
    assert_eq!(list.moves[0].0, 1);
    assert!(list.moves.iter().all(|(_, name)| !name.contains('\u{1b}')));
}
