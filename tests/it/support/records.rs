//! The registered sources ([`apidex::sources::RECORDS`]) on the fixture server, by one
//! convention, so a new source needs fixtures and no test code: `tests/fixtures/sources/<id>/`
//! holds `list.json` (the list's first page, served at the list's path and query) and one
//! `<key>.json` per item (served at the item's path). A source at home on a built-in API is
//! served under that API's path; one with a home of its own under `/sources/<id>`.

use std::path::PathBuf;

use apidex::api::{BaseUrl, Endpoints};
use apidex::model::RecordId;
use apidex::sources::Home;

use super::{Reply, TestServer, fixture};

/// Where `record`'s base URL is on the fixture server, as a path (`/api/v2`).
pub fn base_path(record: RecordId) -> String {
    match record.spec().home {
        Home::PokeApi => "/api/v2".to_owned(),
        Home::JsonPlaceholder => String::new(),
        Home::DogApi => "/api".to_owned(),
        Home::Own(_) => format!("/sources/{}", record.spec().id),
    }
}

/// The keys `record` has item fixtures for, sorted.
pub fn fixture_keys(record: RecordId) -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sources")
        .join(record.spec().id);
    let mut keys: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            let key = name.strip_suffix(".json")?.to_owned();
            (key != "list").then_some(key)
        })
        .collect();
    keys.sort();
    keys
}

/// The body of `record`'s fixture `name` (`list`, or an item's key).
pub fn body(record: RecordId, name: &str) -> Vec<u8> {
    fixture(&format!("sources/{}/{name}.json", record.spec().id))
}

/// The path (and query) `record`'s list is asked for at.
pub fn list_path(record: RecordId) -> String {
    let list = &record.spec().list;
    let mut path = format!("{}/{}", base_path(record), list.path);
    if let Some(query) = list.query {
        path.push('?');
        path.push_str(query);
    }
    path
}

/// The path `record`'s item `key` is asked for at.
pub fn item_path(record: RecordId, key: &str) -> String {
    let item = record.spec().item.path.replace("{key}", key);
    format!("{}/{item}", base_path(record))
}

/// Mounts every registered source's fixtures on `server`.
pub fn mount(server: &TestServer) {
    for record in RecordId::all() {
        server.route(&list_path(record), Reply::json(body(record, "list")));
        for key in fixture_keys(record) {
            server.route(&item_path(record, &key), Reply::json(body(record, &key)));
        }
    }
}

/// `endpoints` with each registered source that has a home of its own pointed at `server`
/// (the others follow their home there already).
pub fn point_at(server: &TestServer, mut endpoints: Endpoints) -> Endpoints {
    for record in RecordId::all() {
        if let Home::Own(_) = record.spec().home {
            let url = format!("{}{}", server.url(), base_path(record));
            let base = BaseUrl::parse(&url).expect("a valid base URL");
            endpoints = endpoints.with_record(record, Some(base));
        }
    }
    endpoints
}

/// `--source-url` flags for the sources [`point_at`] points.
pub fn flags(server: &TestServer) -> Vec<String> {
    RecordId::all()
        .filter(|r| matches!(r.spec().home, Home::Own(_)))
        .flat_map(|r| {
            let url = format!("{}{}", server.url(), base_path(r));
            ["--source-url".to_owned(), format!("{}={url}", r.spec().id)]
        })
        .collect()
}
