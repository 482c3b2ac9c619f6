//! The bundled offline snapshot: with no server at all, `--offline` (or a network that refuses
//! every connection) still answers for what the snapshot holds, both from the command line and
//! from the library the browser runs on; what it does not hold fails with a clear message.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use apidex::api::origin::{self, Cause, Origin};
use apidex::api::{Clients, Endpoints, Http, HttpOptions};
use apidex::model::Term;
use apidex::model::{ItemKey, Source};
use apidex::snapshot::Snapshot;
use apidex::views::Detail;
use assert_cmd::Command;
use serde_json::Value;

use crate::support::process::{code, stderr, stdout};

/// Upper bound for one run of the binary; only there so a bug cannot hang the test run.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// A port on 127.0.0.1 where nothing listens.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Base URLs of the three sources, all at a port where nothing listens (laid out like the
/// replicas: PokeAPI under `/api/v2`, JSONPlaceholder at the root, the Dog API under `/api`).
fn dead_bases() -> [String; 3] {
    let origin = format!("http://127.0.0.1:{}", closed_port());
    [
        format!("{origin}/api/v2"),
        origin.clone(),
        format!("{origin}/api"),
    ]
}

/// An empty cache directory of this test's own (removed when dropped).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "apidex-offline-tests-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `apidex ARGS` with every base URL pointing where nothing listens, a fresh cache, and no
/// inherited apidex variables.
fn run(args: &[&str]) -> Output {
    let cache = TempDir::new();
    let [poke, jph, dog] = dead_bases();
    Command::cargo_bin("apidex")
        .unwrap()
        .env_remove("APIDEX_POKEAPI_URL")
        .env_remove("APIDEX_JSONPLACEHOLDER_URL")
        .env_remove("APIDEX_DOGAPI_URL")
        .env_remove("APIDEX_NO_CACHE")
        .env_remove("APIDEX_OFFLINE")
        // Never the developer's own config file or log.
        .env("APIDEX_CONFIG", cache.0.join("no-config.toml"))
        .env("APIDEX_LOG", "off")
        .args(["--pokeapi-url", &poke])
        .args(["--jsonplaceholder-url", &jph])
        .args(["--dogapi-url", &dog])
        .arg("--cache-dir")
        .arg(&cache.0)
        .args(args)
        .timeout(RUN_LIMIT)
        .output()
        .unwrap()
}

/// Asserts a run succeeded and returns its stdout.
fn ok(output: &Output) -> String {
    assert_eq!(code(output), 0, "stderr: {}", stderr(output));
    stdout(output)
}

// ---------------------------------------------------------------------------------------------
// The command line

#[test]
fn get_pokemon_by_name_offline_prints_the_snapshot_json() {
    let out = run(&["--offline", "get", "pokemon", "pikachu", "--json"]);
    let text = ok(&out);
    let value: Value = serde_json::from_str(&text).unwrap();
    let items = value.as_array().expect("one JSON array");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["name"], "pikachu");
    assert_eq!(items[0]["id"], 25);
    // Links are the live API's, as it writes them.
    assert_eq!(
        items[0]["species"]["url"],
        "https://pokeapi.co/api/v2/pokemon-species/25/"
    );
}

#[test]
fn get_by_id_and_in_any_case_offline() {
    assert!(ok(&run(&["--offline", "get", "pokemon", "25"])).contains("#25 Pikachu"));
    assert!(ok(&run(&["--offline", "get", "pokemon", " Bulbasaur "])).contains("#1 Bulbasaur"));
    assert!(ok(&run(&["--offline", "get", "species", "mew"])).contains("#151 Mew"));
    assert!(ok(&run(&["--offline", "get", "ability", "static"])).contains("static"));
    assert!(ok(&run(&["--offline", "get", "type", "electric"])).contains("electric"));
}

#[test]
fn get_post_and_user_offline() {
    let post = ok(&run(&["--offline", "get", "post", "1"]));
    assert!(post.starts_with("#1 sunt aut facere"), "{post}");
    let user = ok(&run(&["--offline", "get", "user", "1"]));
    assert!(user.contains("Leanne Graham"), "{user}");
    let comments = ok(&run(&["--offline", "get", "comments", "--post", "1"]));
    assert!(comments.contains("Eliseo@gardner.biz"), "{comments}");
}

#[test]
fn list_pokemon_offline() {
    let text = ok(&run(&["--offline", "list", "pokemon"]));
    assert_eq!(text.lines().count(), 1351);
    assert!(text.lines().any(|l| l == "25 Pikachu"), "{text}");
}

#[test]
fn list_breeds_posts_and_users_offline() {
    let breeds = ok(&run(&["--offline", "list", "breeds"]));
    assert!(
        breeds.lines().any(|l| l == "australian/shepherd"),
        "{breeds}"
    );
    assert_eq!(
        ok(&run(&["--offline", "list", "posts"])).lines().count(),
        100
    );
    assert_eq!(
        ok(&run(&["--offline", "list", "users"])).lines().count(),
        10
    );
}

#[test]
fn what_the_snapshot_lacks_fails_with_a_clear_message() {
    let out = run(&["--offline", "get", "pokemon", "700"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("offline"), "{err}");
    assert!(
        err.contains("neither cached nor in the bundled snapshot"),
        "{err}"
    );
    // In a batch, the others are still answered.
    let out = run(&["--offline", "get", "pokemon", "25", "700", "--json"]);
    assert_eq!(code(&out), 1);
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value[0]["name"], "pikachu");
    assert!(value[1].is_null());
}

#[test]
fn a_refused_connection_is_a_failure_on_the_command_line() {
    // Not offline: the request is made and refused. The snapshot holds pikachu, but a script
    // asked the API: it must not get the abridged copy in its place (tests/it/cli/contract.rs).
    for name in ["pikachu", "700"] {
        let out = run(&["--retries", "0", "get", "pokemon", name]);
        assert_eq!(code(&out), 1);
        assert!(stdout(&out).is_empty());
        assert!(stderr(&out).contains("cannot connect"), "{}", stderr(&out));
    }
}

// ---------------------------------------------------------------------------------------------
// The library, as the browser uses it

/// Clients at a dead port with the bundled snapshot as fallback.
fn snapshot_clients(offline: bool) -> Clients {
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
