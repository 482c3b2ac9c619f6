//! The clients offline: every page, chain, list and search term from the snapshot, and the
//! fallback when the network fails.

use std::sync::{Arc, Mutex};

use apidex::api::origin::{self, Cause, Origin};
use apidex::api::{Clients, Endpoints, Http, HttpOptions};
use apidex::model::Term;
use apidex::model::{ItemKey, Source};
use apidex::snapshot::Snapshot;
use apidex::views::Detail;

use super::dead_bases;

/// Clients at a dead port with the bundled snapshot as fallback.
pub(super) fn snapshot_clients(offline: bool) -> Clients {
    let [poke, jph, dog] = dead_bases();
    let endpoints = Endpoints::parse(&poke, &jph, &dog).unwrap();
    let options = HttpOptions {
        offline,
        retries: 0,
        ..HttpOptions::default()
    };
    let http = Http::new(options)
        .unwrap()
        .with_fallback(Arc::new(Snapshot::bundled(&endpoints)));
    Clients::from_http(http, endpoints)
}

/// Runs `fut`, returning its output and every origin its responses reported.
async fn origins<F: std::future::Future>(fut: F) -> (F::Output, Vec<Origin>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let output = origin::observe(Arc::new(move |o| sink.lock().unwrap().push(o)), fut).await;
    let seen = seen.lock().unwrap().clone();
    (output, seen)
}

#[tokio::test]
async fn a_pokemon_page_is_complete_offline() {
    let clients = snapshot_clients(true);
    let key = ItemKey::Pokemon("pikachu".to_owned());
    let (detail, seen) = origins(apidex::fetch::detail(&clients, &key, Vec::new())).await;
    let Some(Detail::Pokemon(p)) = detail.unwrap() else {
        panic!("pikachu should be a Pokémon page");
    };
    assert_eq!((p.id, p.name.as_str()), (25, "pikachu"));
    assert_eq!(p.types, ["electric"]);
    assert_eq!(p.genus.as_deref(), Some("Mouse Pokémon"));
    assert_eq!(p.stats.len(), 6);
    let flavor = p.flavor.unwrap().expect("an English Pokédex entry");
    assert!(!flavor.is_empty());
    assert_eq!(p.abilities.len(), 2);
    for ability in &p.abilities {
        let effect = ability.effect.clone().unwrap();
        assert!(effect.is_some_and(|e| !e.is_empty()), "{}", ability.name);
    }
    assert!(
        p.abilities[0]
            .effect
            .as_ref()
            .unwrap()
            .as_deref()
            .unwrap()
            .contains("paraly"),
        "{:?}",
        p.abilities[0]
    );
    let tree = p.evolution.unwrap().expect("a tree");
    let members: Vec<&str> = tree.members().iter().map(|n| n.name.as_str()).collect();
    assert_eq!(members, ["pichu", "pikachu", "raichu"]);
    // The snapshot keeps how each step happens.
    assert_eq!(
        tree.evolves_to[0].evolves_to[0].how,
        "use thunder-stone or use thunder-stone, in alola"
    );
    assert!(
        p.sprite_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://raw.githubusercontent.com/")),
        "{:?}",
        p.sprite_url
    );
    // Pokémon, species, two abilities, evolution chain: all from the snapshot.
    assert_eq!(seen.len(), 5, "{seen:?}");
    assert!(
        seen.iter().all(|o| matches!(o, Origin::Snapshot { .. })),
        "{seen:?}"
    );
}

#[tokio::test]
async fn branching_chains_and_every_first_generation_pokemon_offline() {
    let clients = snapshot_clients(true);
    let key = ItemKey::Pokemon("eevee".to_owned());
    let Some(Detail::Pokemon(eevee)) = apidex::fetch::detail(&clients, &key, Vec::new())
        .await
        .unwrap()
    else {
        panic!("eevee should be a Pokémon page");
    };
    let tree = eevee.evolution.unwrap().expect("a tree");
    assert_eq!(tree.name, "eevee");
    assert!(tree.evolves_to.len() >= 8, "{tree:?}");
    // Every one of the first 151 has its page whole: nothing missing, no part failed.
    for id in 1..=151 {
        let key = ItemKey::Pokemon(id.to_string());
        let Some(Detail::Pokemon(p)) = apidex::fetch::detail(&clients, &key, Vec::new())
            .await
            .unwrap()
        else {
            panic!("#{id} should be a Pokémon page");
        };
        assert_eq!(p.id, id);
        assert!(p.genus.is_some(), "#{id}");
        assert!(p.flavor.is_ok() && p.evolution.is_ok(), "#{id}");
        assert!(p.abilities.iter().all(|a| a.effect.is_ok()), "#{id}");
    }
}

#[tokio::test]
async fn ability_type_post_and_user_pages_offline() {
    let clients = snapshot_clients(true);
    let detail = |key| {
        let clients = clients.clone();
        async move {
            apidex::fetch::detail(&clients, &key, Vec::new())
                .await
                .unwrap()
                .expect("in the snapshot")
        }
    };
    let Detail::Ability(a) = detail(ItemKey::Ability("Static".to_owned())).await else {
        panic!("an ability page");
    };
    assert!(a.effect.is_some() && a.pokemon.iter().any(|(n, _)| n == "pikachu"));
    let Detail::Type(t) = detail(ItemKey::Type("electric".to_owned())).await else {
        panic!("a type page");
    };
    assert_eq!(t.double_from, ["ground"]);
    assert!(t.pokemon.iter().any(|n| n == "pikachu"));
    let Detail::Post(post) = detail(ItemKey::Post(1)).await else {
        panic!("a post page");
    };
    assert_eq!(post.author.unwrap().unwrap().username, "Bret");
    assert_eq!(post.comments.unwrap().len(), 5);
    let Detail::User(user) = detail(ItemKey::User(1)).await else {
        panic!("a user page");
    };
    assert_eq!(user.posts.unwrap().len(), 10);
    assert_eq!(user.todos.unwrap().len(), 20);
    assert_eq!(user.albums.unwrap().len(), 10);
}

#[tokio::test]
async fn the_type_chart_offline() {
    let clients = snapshot_clients(true);
    let (chart, seen) = origins(apidex::fetch::type_chart(&clients)).await;
    let chart = chart.unwrap();
    assert_eq!(chart.attack_types().count(), 18);
    let charizard = chart.matchups(&["fire".to_owned(), "flying".to_owned()]);
    assert_eq!(charizard.x4, ["rock"]);
    // The index and its 21 types.
    assert_eq!(seen.len(), 22, "{seen:?}");
    assert!(
        seen.iter().all(|o| matches!(o, Origin::Snapshot { .. })),
        "{seen:?}"
    );
}

#[tokio::test]
async fn search_terms_offline() {
    let clients = snapshot_clients(true);
    let gen1 = apidex::fetch::term_members(&clients, &Term::Gen(1))
        .await
        .unwrap()
        .expect("generation 1");
    assert_eq!(gen1.len(), 151);
    assert!(gen1.iter().any(|n| n == "#25"));
    let water = apidex::fetch::term_members(&clients, &Term::Type("water".to_owned()))
        .await
        .unwrap()
        .expect("the water type");
    assert!(water.iter().any(|n| n == "squirtle"));
}

#[tokio::test]
async fn every_list_offline() {
    let clients = snapshot_clients(true);
    let (pokemon, seen) = origins(apidex::fetch::list(&clients, Source::Pokemon)).await;
    let pokemon = pokemon.unwrap();
    assert_eq!(pokemon.len(), 1351);
    assert!(
        pokemon
            .iter()
            .any(|e| e.id == Some(25) && e.title == "Pikachu")
    );
    assert!(matches!(seen[..], [Origin::Snapshot { .. }]), "{seen:?}");
    let posts = apidex::fetch::list(&clients, Source::Posts).await.unwrap();
    assert_eq!(posts.len(), 100);
    // Author names come from the user collection, also in the snapshot.
    assert_eq!(posts[0].secondary.as_deref(), Some("Leanne Graham"));
    let breeds = apidex::fetch::list(&clients, Source::Dogs).await.unwrap();
    assert!(breeds.iter().any(|e| e.title == "australian shepherd"));
}

#[tokio::test]
async fn offline_and_absent_is_an_offline_error() {
    let clients = snapshot_clients(true);
    let err = clients.pokeapi.pokemon("700").await.unwrap_err();
    assert!(
        matches!(err, apidex::api::ApiError::Offline { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("bundled snapshot"), "{err}");
}

#[tokio::test]
async fn a_failed_network_falls_back_to_the_snapshot() {
    // Not offline: each request is tried, refused, then answered from the snapshot.
    let clients = snapshot_clients(false);
    let (pikachu, seen) = origins(clients.pokeapi.pokemon("pikachu")).await;
    assert_eq!(pikachu.unwrap().unwrap().data.id, 25);
    assert!(matches!(seen[..], [Origin::Snapshot { .. }]), "{seen:?}");
    assert_eq!(
        Origin::Snapshot {
            cause: Cause::Offline
        }
        .badge()
        .unwrap(),
        "offline · bundled snapshot"
    );
    let err = clients.pokeapi.pokemon("700").await.unwrap_err();
    assert!(err.to_string().starts_with("cannot connect"), "{err}");
}
