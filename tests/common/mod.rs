//! Shared test support: a local HTTP server serving real API responses from `tests/fixtures/`.
//!
//! Each test binary includes this with `mod common;` and uses what it needs.
#![allow(dead_code, unused_imports)] // not every test binary uses every helper

pub mod screen;
pub mod server;

use std::path::PathBuf;

use apidex::api::{Clients, Endpoints, HttpOptions};
pub use server::{Fault, Reply, TestServer};

/// The bytes of `tests/fixtures/{path}`.
pub fn fixture(path: &str) -> Vec<u8> {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read(&full).unwrap_or_else(|err| panic!("fixture {}: {err}", full.display()))
}

/// The `name` field of a fixture.
fn fixture_name(path: &str) -> String {
    let value: serde_json::Value = serde_json::from_slice(&fixture(path)).expect("fixture JSON");
    value["name"].as_str().expect("name field").to_owned()
}

/// Pokémon with fixtures: ids 1, 4, 7, 25, 133 (bulbasaur, charmander, squirtle, pikachu, eevee).
pub const POKEMON_IDS: [u32; 5] = [1, 4, 7, 25, 133];
/// Abilities with fixtures.
pub const ABILITY_IDS: [u32; 11] = [9, 31, 34, 44, 50, 65, 66, 67, 91, 94, 107];

/// A server answering like the three APIs, with every fixture mounted:
/// PokeAPI under `/api/v2` (by id and by name), JSONPlaceholder at the root, Dog API under `/api`.
pub async fn fixture_server() -> TestServer {
    let server = TestServer::start().await;
    for id in POKEMON_IDS {
        for (endpoint, dir) in [
            ("pokemon", "pokemon"),
            ("pokemon-species", "pokemon-species"),
        ] {
            let path = format!("pokeapi/{dir}/{id}.json");
            mount_by_id_and_name(&server, endpoint, id, &path);
        }
    }
    for id in ABILITY_IDS {
        mount_by_id_and_name(
            &server,
            "ability",
            id,
            &format!("pokeapi/ability/{id}.json"),
        );
    }
    mount_by_id_and_name(&server, "type", 13, "pokeapi/type/13.json");
    server.route(
        "/api/v2/pokemon?limit=100000",
        Reply::json(fixture("pokeapi/pokemon-index.json")),
    );

    for path in [
        "posts",
        "posts/1",
        "posts/2",
        "posts/1/comments",
        "users",
        "users/1",
        "users/1/posts",
        "todos/1",
    ] {
        let file = format!("jsonplaceholder/{}.json", path.replace('/', "-"));
        server.route(&format!("/{path}"), Reply::json(fixture(&file)));
    }

    let dog = [
        ("/api/breeds/list/all", "breeds-list-all.json"),
        (
            "/api/breed/hound/afghan/images/random",
            "hound-afghan-random.json",
        ),
        (
            "/api/breed/hound/afghan/images/random/3",
            "hound-afghan-random-3.json",
        ),
        (
            "/api/breed/affenpinscher/images",
            "affenpinscher-images.json",
        ),
        ("/api/breeds/image/random/2", "any-random-2.json"),
    ];
    for (path, file) in dog {
        server.route(path, Reply::json(fixture(&format!("dogapi/{file}"))));
    }
    // The Dog API answers an unknown breed with 404 and a JSON envelope.
    server.route(
        "/api/breed/nope/images/random",
        Reply {
            status: 404,
            ..Reply::json(fixture("dogapi/breed-not-found.json"))
        },
    );
    server
}

fn mount_by_id_and_name(server: &TestServer, endpoint: &str, id: u32, path: &str) {
    let body = fixture(path);
    let name = fixture_name(path);
    server.route(
        &format!("/api/v2/{endpoint}/{id}"),
        Reply::json(body.clone()),
    );
    server.route(&format!("/api/v2/{endpoint}/{name}"), Reply::json(body));
}

/// Base URLs of a fixture server, for `Endpoints::parse` or the CLI's flags.
pub fn base_urls(server: &TestServer) -> [String; 3] {
    let url = server.url();
    [format!("{url}/api/v2"), url.clone(), format!("{url}/api")]
}

/// Clients pointed at `server` with the given options.
pub fn clients_with(server: &TestServer, options: HttpOptions) -> Clients {
    let [poke, jph, dog] = base_urls(server);
    let endpoints = Endpoints::parse(&poke, &jph, &dog).expect("valid base URLs");
    Clients::new(endpoints, options).expect("client builds")
}

/// Clients pointed at `server` with default options.
pub fn clients(server: &TestServer) -> Clients {
    clients_with(server, HttpOptions::default())
}
