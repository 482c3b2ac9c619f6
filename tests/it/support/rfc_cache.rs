//! What the RFC 9111 cache tests share: a server answering pikachu with chosen headers, a
//! store, and clients with a chosen TTL.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use apidex::api::origin::{self, Origin};
use apidex::api::{CachePolicy, Clients, Http, HttpOptions};
use apidex::store::Store;
use apidex::store::responses::{CachedResponse, StoredHeaders};

use super::{Reply, TestServer, fixture};

pub const PIKACHU: &str = "/api/v2/pokemon/pikachu";
pub const HOUR: Duration = Duration::from_secs(3600);
pub const DAY: Duration = Duration::from_secs(86_400);

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apidex-rfc-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

pub fn clients(server: &TestServer, store: &Store, ttl: Duration) -> Clients {
    let http = Http::new(HttpOptions {
        retries: 0,
        timeout: Duration::from_secs(2),
        ..HttpOptions::default()
    })
    .unwrap()
    .with_cache(CachePolicy {
        store: store.clone(),
        default_ttl: ttl,
        ttl_by_host: HashMap::new(),
    });
    Clients::from_http(http, super::endpoints(server))
}

/// A server answering pikachu with `headers`, a store, and clients with `ttl`.
pub async fn setup(
    name: impl AsRef<str>,
    headers: &[(&'static str, &str)],
    ttl: Duration,
) -> Setup {
    let server = TestServer::start().await;
    let mut reply = Reply::json(fixture("pokeapi/pokemon/25.json"));
    for (name, value) in headers {
        reply = reply.header(name, *value);
    }
    server.route(PIKACHU, reply);
    let store = Store::open(&temp_dir(name.as_ref()), 10_000_000).unwrap();
    let clients = clients(&server, &store, ttl);
    Setup {
        server,
        store,
        clients,
    }
}

pub struct Setup {
    pub server: TestServer,
    pub store: Store,
    pub clients: Clients,
}

impl Setup {
    /// Gets pikachu; returns where the answer came from.
    pub async fn get(&self) -> Origin {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        let result = origin::observe(
            Arc::new(move |o| record.lock().unwrap().push(o)),
            self.clients.pokeapi.pokemon("pikachu"),
        )
        .await;
        assert_eq!(result.unwrap().unwrap().data.id, 25);
        let origins = seen.lock().unwrap().clone();
        assert_eq!(origins.len(), 1, "{origins:?}");
        origins[0]
    }

    pub fn url(&self) -> String {
        format!("{}{PIKACHU}", self.server.url())
    }

    /// Makes the server fail pikachu from now on.
    pub fn fail(&self) {
        self.server.route(PIKACHU, Reply::status(503));
    }
}

pub fn now() -> SystemTime {
    SystemTime::now()
}

/// A pikachu stored two hours ago for a request with another `Accept-Encoding` than apidex sends,
/// with `Vary: Accept-Encoding`.
pub fn other_variant() -> CachedResponse {
    CachedResponse {
        body: fixture("pokeapi/pokemon/25.json"),
        status: 200,
        fetched_at: now() - 2 * HOUR,
        etag: None,
        max_age: Some(HOUR),
        headers: Some(StoredHeaders {
            request: b"accept: */*\r\naccept-encoding: identity\r\n".to_vec(),
            response: b"cache-control: max-age=3600\r\nvary: Accept-Encoding\r\n".to_vec(),
        }),
    }
}
