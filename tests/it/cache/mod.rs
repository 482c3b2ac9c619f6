//! The response cache: hits make no request, expiry and `ETag` revalidation, stale answers when
//! the network fails, the size cap, corruption recovery and two writers at once.
//!
//! Split into the HTTP cache's rules and its database; the helpers they share are here.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use apidex::api::origin::{self, Origin};
use apidex::api::{CachePolicy, Clients, Http, HttpOptions};
use apidex::store::Store;

use crate::support::TestServer;

mod database;
mod http;

const PIKACHU: &str = "/api/v2/pokemon/pikachu";

/// A fresh directory for one test's database.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apidex-cache-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn cached_clients(server: &TestServer, store: &Store, ttl: Duration) -> Clients {
    let endpoints = crate::support::endpoints(server);
    let options = HttpOptions {
        retries: 0,
        timeout: Duration::from_millis(500),
        ..HttpOptions::default()
    };
    let http = Http::new(options).unwrap().with_cache(CachePolicy {
        store: store.clone(),
        default_ttl: ttl,
        ttl_by_host: HashMap::new(),
    });
    Clients::from_http(http, endpoints)
}

/// Runs `work`, returning its output and the origins its responses reported.
async fn with_origins<F: std::future::Future>(work: F) -> (F::Output, Vec<Origin>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let output = origin::observe(Arc::new(move |o| record.lock().unwrap().push(o)), work).await;
    let origins = seen.lock().unwrap().clone();
    (output, origins)
}
