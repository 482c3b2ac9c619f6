//! The offline snapshot bundled with apidex: real API responses for the first 151 Pokémon (with
//! their species, abilities and evolution chains), every type, generation 1, the Pokémon and type
//! indexes, every berry (the Berries tab, a registered source at home on PokeAPI), all of
//! JSONPlaceholder's posts and users (with comments, todos and albums) and the breed list —
//! enough to browse without a network.
//!
//! The asset (`assets/snapshot.json.gz`, made by `assets/make_snapshot.py`) is one
//! gzip-compressed JSON object: `bodies` maps keys such as `pokeapi:/pokemon/25` (a source, a
//! colon, and the path and query relative to that source's *live* base URL) to the response body,
//! and `aliases` maps name keys such as `pokeapi:/pokemon/pikachu` to those keys. It is
//! decompressed on first use.
//!
//! A [`Snapshot`] answers for the base URLs it was built with (the configured ones, say a local
//! replica) as well as for the live ones: `<configured PokeAPI base>/pokemon/Pikachu/` finds
//! `pokeapi:/pokemon/pikachu`. It is the [`Fallback`] of the shared HTTP client, consulted only
//! offline or when the network fails and nothing is cached.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use reqwest::Url;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::api::{Endpoints, Fallback, dogapi, jsonplaceholder, pokeapi};

/// The snapshot compiled into the binary.
static BUNDLED: &[u8] = include_bytes!("../assets/snapshot.json.gz");

/// Source names as they appear in snapshot keys.
const POKEAPI: &str = "pokeapi";
const JSONPLACEHOLDER: &str = "jsonplaceholder";
const DOGAPI: &str = "dogapi";

/// Recorded API responses, looked up by request URL.
pub struct Snapshot {
    /// The gzip-compressed asset.
    packed: Cow<'static, [u8]>,
    /// Each source's base URLs (configured and live), longest path first, so that a request to
    /// `host/api/v2/…` is matched against PokeAPI's base before a base at the same host's root.
    bases: Vec<(&'static str, Url)>,
    /// The decompressed contents, on first use.
    contents: OnceLock<Contents>,
}

/// What the asset holds (see the module documentation).
#[derive(Debug, Default, Deserialize)]
struct Contents {
    /// Name keys and the id keys they stand for.
    #[serde(default)]
    aliases: HashMap<String, String>,
    /// Bodies by key, each kept exactly as written in the asset.
    #[serde(default)]
    bodies: HashMap<String, Box<RawValue>>,
}

impl Snapshot {
    /// The snapshot bundled with apidex, answering for `endpoints` and the live base URLs.
    pub fn bundled(endpoints: &Endpoints) -> Self {
        Self::from_gzip(BUNDLED, endpoints)
    }

    /// A snapshot from gzip-compressed bytes in the bundled format. Bytes that do not decompress
    /// or parse make an empty snapshot (it answers nothing).
    pub fn from_gzip(packed: impl Into<Cow<'static, [u8]>>, endpoints: &Endpoints) -> Self {
        let configured = [
            (POKEAPI, endpoints.pokeapi.as_str()),
            (JSONPLACEHOLDER, endpoints.jsonplaceholder.as_str()),
            (DOGAPI, endpoints.dogapi.as_str()),
        ];
        let live = [
            (POKEAPI, pokeapi::DEFAULT_BASE_URL),
            (JSONPLACEHOLDER, jsonplaceholder::DEFAULT_BASE_URL),
            (DOGAPI, dogapi::DEFAULT_BASE_URL),
        ];
        let mut bases: Vec<(&'static str, Url)> = Vec::new();
        for (source, base) in configured.into_iter().chain(live) {
            if let Ok(url) = Url::parse(base)
                && !bases.iter().any(|(s, b)| *s == source && *b == url)
            {
                bases.push((source, url));
            }
        }
        // Stable: among equal lengths the configured base stays ahead of the live one.
        bases.sort_by_key(|(_, url)| std::cmp::Reverse(base_path(url).len()));
        Self {
            packed: packed.into(),
            bases,
            contents: OnceLock::new(),
        }
    }

    /// The keys `url` may be stored under, most likely first: one per base URL it falls under.
    /// Paths are lower-cased and lose trailing slashes; the query is kept.
    pub fn keys(&self, url: &Url) -> Vec<String> {
        self.bases
            .iter()
            .filter_map(|(source, base)| {
                if url.origin() != base.origin() {
                    return None;
                }
                let rest = url.path().strip_prefix(base_path(base))?;
                if !(rest.is_empty() || rest.starts_with('/')) {
                    return None;
                }
                let mut key = format!("{source}:{}", rest.trim_end_matches('/'));
                if let Some(query) = url.query().filter(|q| !q.is_empty()) {
                    key.push('?');
                    key.push_str(query);
                }
                Some(key.to_lowercase())
            })
            .collect()
    }

    /// The body stored under `key` (or under the key it is an alias of).
    pub fn get(&self, key: &str) -> Option<&str> {
        let contents = self.contents();
        let key = contents.aliases.get(key).map_or(key, String::as_str);
        contents.bodies.get(key).map(|body| body.get())
    }

    /// How many bodies the snapshot holds (decompressing it if needed).
    pub fn len(&self) -> usize {
        self.contents().bodies.len()
    }

    /// Whether the snapshot holds nothing (as when its bytes are not a valid snapshot).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn contents(&self) -> &Contents {
        self.contents.get_or_init(|| unpack(&self.packed))
    }
}

impl Fallback for Snapshot {
    fn body(&self, url: &Url) -> Option<Vec<u8>> {
        self.keys(url)
            .iter()
            .find_map(|key| self.get(key))
            .map(|body| body.as_bytes().to_vec())
    }
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("packed_bytes", &self.packed.len())
            .field(
                "bases",
                &self
                    .bases
                    .iter()
                    .map(|(source, url)| format!("{source}={url}"))
                    .collect::<Vec<_>>(),
            )
            .field("loaded", &self.contents.get().is_some())
            .finish()
    }
}

/// A base URL's path without its trailing slash (`/api/v2`, or empty for a host's root).
fn base_path(url: &Url) -> &str {
    url.path().trim_end_matches('/')
}

/// Decompresses and parses the asset; anything broken is an empty snapshot.
fn unpack(packed: &[u8]) -> Contents {
    use std::io::Read;
    let mut text = Vec::new();
    if flate2::read::GzDecoder::new(packed)
        .read_to_end(&mut text)
        .is_err()
    {
        return Contents::default();
    }
    serde_json::from_slice(&text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoints(poke: &str, jph: &str, dog: &str) -> Endpoints {
        Endpoints::parse(poke, jph, dog).expect("valid base URLs")
    }

    fn url(text: &str) -> Url {
        Url::parse(text).expect("valid URL")
    }

    fn replica() -> Snapshot {
        Snapshot::bundled(&endpoints(
            "http://127.0.0.1:18001/api/v2",
            "http://127.0.0.1:18002",
            "http://127.0.0.1:18003/api",
        ))
    }

    fn name_of(body: &[u8]) -> String {
        let value: serde_json::Value = serde_json::from_slice(body).expect("JSON body");
        value["name"].as_str().unwrap_or_default().to_owned()
    }

    #[test]
    fn the_bundled_snapshot_unpacks() {
        let snapshot = replica();
        assert!(snapshot.len() > 700, "only {} bodies", snapshot.len());
        assert!(snapshot.get("pokeapi:/pokemon/25").is_some());
        assert!(snapshot.get("pokeapi:/pokemon/pikachu").is_some());
        assert!(snapshot.get("dogapi:/breeds/list/all").is_some());
    }

    #[test]
    fn configured_bases_map_to_live_paths() {
        let snapshot = replica();
        for request in [
            "http://127.0.0.1:18001/api/v2/pokemon/25",
            "http://127.0.0.1:18001/api/v2/pokemon/25/",
            "http://127.0.0.1:18001/api/v2/pokemon/Pikachu",
            "http://127.0.0.1:18001/api/v2/pokemon/pikachu/",
            "https://pokeapi.co/api/v2/pokemon/25/",
        ] {
            let body = snapshot.body(&url(request)).expect(request);
            assert_eq!(name_of(&body), "pikachu", "{request}");
        }
        let species = snapshot
            .body(&url(
                "http://127.0.0.1:18001/api/v2/pokemon-species/pikachu",
            ))
            .expect("species");
        assert_eq!(name_of(&species), "pikachu");
        let comments = snapshot
            .body(&url("http://127.0.0.1:18002/posts/1/comments"))
            .expect("comments");
        let comments: Vec<serde_json::Value> = serde_json::from_slice(&comments).expect("an array");
        assert_eq!(comments.len(), 5);
        assert!(
            snapshot
                .body(&url("http://127.0.0.1:18003/api/breeds/list/all"))
                .is_some()
        );
    }

    #[test]
    fn index_queries_are_part_of_the_key() {
        let snapshot = replica();
        let index = snapshot
            .body(&url("http://127.0.0.1:18001/api/v2/pokemon?limit=100000"))
            .expect("pokemon index");
        let index: serde_json::Value = serde_json::from_slice(&index).expect("JSON");
        assert_eq!(index["results"].as_array().map(Vec::len), Some(1351));
        assert!(
            snapshot
                .body(&url("http://127.0.0.1:18001/api/v2/type/?limit=100"))
                .is_some()
        );
        // Without the query the live API would answer one page of 20: not what is stored.
        assert!(
            snapshot
                .body(&url("http://127.0.0.1:18001/api/v2/pokemon"))
                .is_none()
        );
    }

    #[test]
    fn links_inside_bodies_are_live_urls() {
        let snapshot = replica();
        let body = snapshot.get("pokeapi:/pokemon/25").expect("pikachu");
        assert!(body.contains("\"https://pokeapi.co/api/v2/pokemon-species/25/\""));
        assert!(body.contains("https://raw.githubusercontent.com/PokeAPI/sprites/"));
        assert!(!body.contains("\"/api/v2"));
    }

    #[test]
    fn other_hosts_and_unknown_paths_are_not_answered() {
        let snapshot = replica();
        for request in [
            "http://127.0.0.1:9/api/v2/pokemon/25",
            "http://example.com/api/v2/pokemon/25",
            "http://127.0.0.1:18001/api/v2/pokemon/700",
            "http://127.0.0.1:18001/api/v2x/pokemon/25",
            "http://127.0.0.1:18001/api/v2/pokemon/25/extra",
        ] {
            assert!(snapshot.body(&url(request)).is_none(), "{request}");
        }
    }

    #[test]
    fn one_host_for_every_source_picks_the_longest_base() {
        // As in the tests: PokeAPI under /api/v2, JSONPlaceholder at the root, Dog API under /api.
        let snapshot = Snapshot::bundled(&endpoints(
            "http://127.0.0.1:7/api/v2",
            "http://127.0.0.1:7",
            "http://127.0.0.1:7/api",
        ));
        let keys = snapshot.keys(&url("http://127.0.0.1:7/api/v2/pokemon/25"));
        assert_eq!(keys[0], "pokeapi:/pokemon/25");
        assert!(
            snapshot
                .body(&url("http://127.0.0.1:7/api/v2/pokemon/25"))
                .is_some()
        );
        assert!(snapshot.body(&url("http://127.0.0.1:7/users/1")).is_some());
        assert!(
            snapshot
                .body(&url("http://127.0.0.1:7/api/breeds/list/all"))
                .is_some()
        );
    }

    #[test]
    fn broken_bytes_make_an_empty_snapshot() {
        let snapshot = Snapshot::from_gzip(
            b"not gzip".to_vec(),
            &endpoints("http://a/api/v2", "http://b", "http://c/api"),
        );
        assert!(snapshot.is_empty());
        assert!(snapshot.body(&url("http://a/api/v2/pokemon/25")).is_none());
    }
}
