//! PokeAPI client against the fixture server: decoding real responses, name normalisation, 404s,
//! the raw body, and path-segment encoding as it reaches a real HTTP server.
#![allow(clippy::unwrap_used)]

use apidex::api::ApiError;
use apidex::api::pokeapi::models::Pokemon;

use crate::support::{TestServer, clients, fixture, fixture_server, within};

fn assert_pikachu(p: &Pokemon) {
    assert_eq!(p.id, 25);
    assert_eq!(p.name, "pikachu");
    assert_eq!(p.type_names(), vec!["electric"]);
    let stat = |name: &str| {
        p.stats
            .iter()
            .find(|s| s.stat.name == name)
            .unwrap_or_else(|| panic!("no {name} stat"))
            .base_stat
    };
    assert_eq!(stat("hp"), 35);
    assert_eq!(stat("speed"), 90);
    assert_eq!(p.stats.len(), 6);
    assert_eq!(p.base_stat_total(), 320);
    let abilities: Vec<(&str, bool)> = p
        .abilities
        .iter()
        .map(|a| (a.ability.name.as_str(), a.is_hidden))
        .collect();
    assert_eq!(abilities, vec![("static", false), ("lightning-rod", true)]);
    let sprite = p.sprites.front_default.as_deref().expect("front sprite");
    assert!(sprite.ends_with("/25.png"), "{sprite}");
    let species = p.species.as_ref().expect("species link");
    assert_eq!(species.name, "pikachu");
    assert_eq!(species.url, "https://pokeapi.co/api/v2/pokemon-species/25/");
    assert_eq!(species.id(), Some(25));
}

#[tokio::test]
async fn pokemon_by_name_decodes_pikachu() {
    let server = fixture_server().await;
    let api = clients(&server).pokeapi;
    let pikachu = within(api.pokemon("pikachu")).await.unwrap().unwrap();
    assert_pikachu(&pikachu.data);
    assert_eq!(
        &*pikachu.url,
        format!("{}/api/v2/pokemon/pikachu", server.url())
    );
    assert_eq!(server.requests(), vec!["/api/v2/pokemon/pikachu"]);
}

#[tokio::test]
async fn pokemon_by_id_decodes_pikachu() {
    let server = fixture_server().await;
    let api = clients(&server).pokeapi;
    let pikachu = within(api.pokemon("25")).await.unwrap().unwrap();
    assert_pikachu(&pikachu.data);
    assert_eq!(server.requests(), vec!["/api/v2/pokemon/25"]);
}

#[tokio::test]
async fn names_are_trimmed_and_lower_cased() {
    let server = fixture_server().await;
    let api = clients(&server).pokeapi;
    let pikachu = within(api.pokemon("  PIKACHU ")).await.unwrap().unwrap();
    assert_eq!(pikachu.data.id, 25);
    assert_eq!(server.requests(), vec!["/api/v2/pokemon/pikachu"]);
}

#[tokio::test]
async fn ability_static() {
    let server = fixture_server().await;
    let api = clients(&server).pokeapi;
    let ability = within(api.ability("static")).await.unwrap().unwrap().data;
    assert_eq!(ability.id, 9);
    assert_eq!(ability.name, "static");
    assert_eq!(
        ability.short_effect_en().as_deref(),
        Some("Has a 30% chance of paralyzing attacking Pokémon on contact.")
    );
    let holders: Vec<&str> = ability
        .pokemon
        .iter()
        .map(|p| p.pokemon.name.as_str())
        .collect();
    assert!(holders.contains(&"pikachu"), "{holders:?}");
    assert!(holders.contains(&"raichu"), "{holders:?}");
}

#[tokio::test]
async fn species_pikachu() {
    let server = fixture_server().await;
    let api = clients(&server).pokeapi;
    let species = within(api.species("pikachu")).await.unwrap().unwrap();
    let s = &species.data;
    assert_eq!(s.id, 25);
    assert_eq!(s.name, "pikachu");
    assert_eq!(s.genus_en(), Some("Mouse Pokémon"));
    let flavor = s.flavor_text_en().expect("an English Pokédex entry");
    assert!(!flavor.is_empty());
    assert!(!flavor.contains('\n'), "{flavor:?}");
    assert!(!flavor.contains('\u{c}'), "{flavor:?}");
    assert!(!flavor.contains("  "), "{flavor:?}");
    // The raw entry does have hard line breaks: the folding is what removed them.
    assert!(species.raw_json().contains("This clever\\nforest-dweller"));
    assert!(flavor.contains("This clever forest-dweller"), "{flavor:?}");
    assert_eq!(
        s.evolution_chain.as_ref().map(|c| c.url.as_str()),
        Some("https://pokeapi.co/api/v2/evolution-chain/10/")
    );
    assert_eq!(
        s.generation.as_ref().map(|g| g.name.as_str()),
        Some("generation-i")
    );
    assert!(!s.is_legendary && !s.is_mythical);
}

#[tokio::test]
async fn type_electric_damage_relations() {
    let server = fixture_server().await;
    let api = clients(&server).pokeapi;
    let electric = within(api.type_("electric")).await.unwrap().unwrap().data;
    assert_eq!(electric.id, 13);
    assert_eq!(electric.name, "electric");
    let names = |list: &[apidex::api::pokeapi::models::NamedResource]| -> Vec<String> {
        list.iter().map(|r| r.name.clone()).collect()
    };
    let r = &electric.damage_relations;
    let double_to = names(&r.double_damage_to);
    assert!(double_to.contains(&"water".to_owned()), "{double_to:?}");
    assert!(double_to.contains(&"flying".to_owned()), "{double_to:?}");
    assert_eq!(double_to.len(), 2);
    assert_eq!(names(&r.no_damage_to), vec!["ground"]);
    assert_eq!(names(&r.double_damage_from), vec!["ground"]);
    assert!(r.no_damage_from.is_empty());
    assert!(electric.pokemon.iter().any(|p| p.pokemon.name == "pikachu"));
}

#[tokio::test]
async fn pokemon_index_has_every_entry_with_ids() {
    let server = fixture_server().await;
    let api = clients(&server).pokeapi;
    let index = within(api.pokemon_index()).await.unwrap();
    assert_eq!(server.requests(), vec!["/api/v2/pokemon?limit=100000"]);
    assert_eq!(index.data.count, 1351);
    let entries = index.data.entries();
    assert_eq!(entries.len(), 1351);
    assert_eq!(entries[24].id, 25);
    assert_eq!(entries[24].name, "pikachu");
    assert_eq!(entries[0].id, 1);
    assert_eq!(entries[0].name, "bulbasaur");
    // Forms have ids above 10000, parsed from their URLs too.
    let last = entries.last().unwrap();
    assert_eq!(last.name, "meowstic-female-mega");
    assert_eq!(last.id, 10326);
}

#[tokio::test]
async fn missing_pokemon_is_none() {
    let server = fixture_server().await;
    let api = clients(&server).pokeapi;
    let missing = within(api.pokemon("missingno")).await.unwrap();
    assert!(missing.is_none(), "{missing:?}");
    assert_eq!(server.requests(), vec!["/api/v2/pokemon/missingno"]);
}

#[tokio::test]
async fn raw_json_is_the_fixture_byte_for_byte() {
    let server = fixture_server().await;
    let api = clients(&server).pokeapi;
    let pikachu = within(api.pokemon("pikachu")).await.unwrap().unwrap();
    let expected = fixture("pokeapi/pokemon/25.json");
    assert_eq!(pikachu.raw_json().as_bytes(), expected.as_slice());

    let value = pikachu.value();
    let fixture_value: serde_json::Value = serde_json::from_slice(&expected).unwrap();
    assert_eq!(value, fixture_value);
    // Fields the typed model drops are still there.
    let moves = value["moves"].as_array().expect("moves array");
    assert_eq!(moves.len(), 109);
    assert!(value["cries"]["latest"].is_string());
    assert_eq!(value["name"], "pikachu");
}

/// Serves 404 for everything (no routes), so every name below is "not found".
async fn empty_server() -> TestServer {
    TestServer::start().await
}

#[tokio::test]
async fn hostile_names_stay_one_path_segment() {
    let cases = [
        ("../x", "..%2Fx"),
        ("a/b", "a%2Fb"),
        ("%2e", "%252e"),
        ("a b", "a%20b"),
        ("é", "%C3%A9"),
    ];
    for (name, encoded) in cases {
        let server = empty_server().await;
        let api = clients(&server).pokeapi;
        let result = within(api.pokemon(name)).await;
        assert!(
            matches!(result, Ok(None)),
            "{name:?} should be not found, got {result:?}"
        );
        assert_eq!(
            server.requests(),
            vec![format!("/api/v2/pokemon/{encoded}")],
            "request target for {name:?}"
        );
    }
}

#[tokio::test]
async fn empty_and_dot_names_are_refused_without_a_request() {
    let server = empty_server().await;
    let api = clients(&server).pokeapi;
    for name in ["", "..", "   ", "."] {
        let result = within(api.pokemon(name)).await;
        match result {
            Err(ApiError::InvalidInput { ref input, .. }) => assert_eq!(input, name),
            other => panic!("{name:?} should be refused, got {other:?}"),
        }
    }
    // Each call above awaited its whole exchange, so any request it made has arrived by now.
    assert_eq!(server.request_count(), 0, "{:?}", server.requests());
}

#[test]
fn base_stat_total_does_not_overflow_on_absurd_stats() {
    let body = r#"{"id": 1, "name": "x", "species": null, "stats": [
        {"base_stat": 4294967295, "stat": {"name": "hp", "url": ""}},
        {"base_stat": 4294967295, "stat": {"name": "attack", "url": ""}}
    ]}"#;
    let p: apidex::api::pokeapi::models::Pokemon = serde_json::from_str(body).unwrap();
    assert_eq!(p.base_stat_total(), 2 * u64::from(u32::MAX));
}
