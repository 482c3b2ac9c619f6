//! What the tests share: a local HTTP server serving real API responses from `tests/fixtures/`,
//! the lists those responses make (by the production mapping), the synchronous effect driver,
//! the event-loop driver, the pty driver, scratch stores and config files.
#![allow(clippy::unwrap_used)] // test support: a panic is how a test fails

pub mod app;
pub mod config_cli;
pub mod driver;
pub mod layers_scan;
pub mod lists;
pub mod pages;
pub mod process;
pub mod pty;
pub mod records;
pub mod rfc_cache;
pub mod screen;
pub mod served;
pub mod server;
pub mod settle;
pub mod stores;
pub mod tmpfs;
pub mod ws;

use std::path::PathBuf;

use apidex::api::{Clients, Endpoints, HttpOptions};
pub use served::Served;
pub use server::{Fault, Reply, TestServer};

/// Generous upper bound for one test's network work; only there so a bug cannot hang CI.
pub const NETWORK_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Awaits `fut`, failing the test if it takes longer than [`NETWORK_LIMIT`].
pub async fn within<F: std::future::Future>(fut: F) -> F::Output {
    tokio::time::timeout(NETWORK_LIMIT, fut)
        .await
        .expect("the request did not finish in time")
}

/// A port on 127.0.0.1 where nothing listens (until a test starts a server there).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// The bytes of `tests/fixtures/{path}`.
pub fn fixture(path: &str) -> Vec<u8> {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read(&full).unwrap_or_else(|err| panic!("fixture {}: {err}", full.display()))
}

/// `tests/fixtures/{path}`, decoded from JSON.
pub fn fixture_json<T: serde::de::DeserializeOwned>(path: &str) -> T {
    serde_json::from_slice(&fixture(path)).unwrap_or_else(|err| panic!("fixture {path}: {err}"))
}

/// The `name` field of a fixture.
fn fixture_name(path: &str) -> String {
    let value: serde_json::Value = serde_json::from_slice(&fixture(path)).expect("fixture JSON");
    value["name"].as_str().expect("name field").to_owned()
}

/// Pokémon with fixtures: ids 1, 4, 7, 25, 26, 133 (bulbasaur, charmander, squirtle, pikachu,
/// raichu, eevee); raichu has no sprite fixture.
pub const POKEMON_IDS: [u32; 6] = [1, 4, 7, 25, 26, 133];
/// Pokémon whose sprite PNG is in `fixtures/pokeapi/sprites/`.
pub const SPRITE_IDS: [u32; 5] = [1, 4, 7, 25, 133];
/// Types with fixtures: every type the API lists.
pub const TYPE_IDS: [u32; 21] = [
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 10001, 10002,
];
/// Evolution chains with fixtures (bulbasaur's, charmander's, squirtle's, pikachu's, eevee's).
pub const CHAIN_IDS: [u32; 5] = [1, 2, 3, 10, 67];
/// Abilities with fixtures.
pub const ABILITY_IDS: [u32; 11] = [9, 31, 34, 44, 50, 65, 66, 67, 91, 94, 107];

/// A server answering like the three APIs, with every fixture mounted:
/// PokeAPI under `/api/v2` (by id and by name), JSONPlaceholder at the root, Dog API under `/api`.
pub async fn fixture_server() -> TestServer {
    fixture_server_at(0).await
}

/// [`fixture_server`] on `port` of 127.0.0.1 (0: any free port).
pub async fn fixture_server_at(port: u16) -> TestServer {
    let server = TestServer::start_at(port).await;
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
    for id in TYPE_IDS {
        mount_by_id_and_name(&server, "type", id, &format!("pokeapi/type/{id}.json"));
    }
    server.route(
        "/api/v2/type?limit=100",
        Reply::json(fixture("pokeapi/type-index.json")),
    );
    for id in CHAIN_IDS {
        server.route(
            &format!("/api/v2/evolution-chain/{id}"),
            Reply::json(fixture(&format!("pokeapi/evolution-chain/{id}.json"))),
        );
    }
    server.route(
        "/api/v2/generation/1",
        Reply::json(fixture("pokeapi/generation/1.json")),
    );
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
    records::mount(&server);
    server
}

/// Mounts a fixture at `/api/v2/{endpoint}/{id}` and at its name.
pub fn mount_by_id_and_name(server: &TestServer, endpoint: &str, id: u32, path: &str) {
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

/// The command line's flags pointing every source at `server`.
pub fn url_flags(server: &TestServer) -> Vec<String> {
    let [poke, jph, dog] = base_urls(server);
    let mut flags = vec![
        "--pokeapi-url".to_owned(),
        poke,
        "--jsonplaceholder-url".to_owned(),
        jph,
        "--dogapi-url".to_owned(),
        dog,
    ];
    flags.extend(records::flags(server));
    flags
}

/// Every source's base URL on `server`: the one place tests name the sources' paths.
pub fn endpoints(server: &TestServer) -> Endpoints {
    let [poke, jph, dog] = base_urls(server);
    records::point_at(
        server,
        Endpoints::parse(&poke, &jph, &dog).expect("valid base URLs"),
    )
}

/// Clients pointed at `server` with the given options.
pub fn clients_with(server: &TestServer, options: HttpOptions) -> Clients {
    Clients::new(endpoints(server), options).expect("client builds")
}

/// Clients pointed at `server` with default options.
pub fn clients(server: &TestServer) -> Clients {
    clients_with(server, HttpOptions::default())
}

/// Where the live API points sprites; tests rewrite it to the local server.
const LIVE_SPRITES: &str = "https://raw.githubusercontent.com/PokeAPI/sprites/master";

/// Serves the sprite fixtures at `/sprites/pokemon/{id}.png` and re-mounts the Pokémon with their
/// sprite URLs pointing there (as the replica does), so pictures load from 127.0.0.1.
pub fn mount_local_sprites(server: &TestServer) {
    for id in SPRITE_IDS {
        server.route(
            &format!("/sprites/pokemon/{id}.png"),
            Reply {
                content_type: "image/png",
                ..Reply::json(fixture(&format!("pokeapi/sprites/{id}.png")))
            },
        );
    }
    for id in POKEMON_IDS {
        let path = format!("pokeapi/pokemon/{id}.json");
        let body = String::from_utf8(fixture(&path))
            .expect("UTF-8 fixture")
            .replace(LIVE_SPRITES, &server.url());
        let name = fixture_name(&path);
        server.route(&format!("/api/v2/pokemon/{id}"), Reply::json(body.clone()));
        server.route(&format!("/api/v2/pokemon/{name}"), Reply::json(body));
    }
}

/// `at` as an HTTP date (IMF-fixdate, RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(at: std::time::SystemTime) -> String {
    let secs = at
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`).
    let z = i64::try_from(days).unwrap() + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{weekday}, {day:02} {} {year} {:02}:{:02}:{:02} GMT",
        months[usize::try_from(month - 1).unwrap()],
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}
