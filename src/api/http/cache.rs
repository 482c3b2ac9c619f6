//! The client's side of the response cache: how long entries stay fresh, what the server's
//! `Cache-Control` says, and the store calls, each on a blocking thread.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use reqwest::Url;
use reqwest::header::{CACHE_CONTROL, HeaderMap};

use crate::store::Store;
use crate::store::responses::CachedResponse;

/// The response cache and how long its entries stay fresh.
#[derive(Debug, Clone)]
pub struct CachePolicy {
    /// Where responses are kept.
    pub store: Store,
    /// Freshness when the server sends no `max-age`.
    pub default_ttl: Duration,
    /// Per-host freshness overriding `default_ttl` (a source's configured TTL).
    pub ttl_by_host: HashMap<String, Duration>,
}

impl CachePolicy {
    /// How long a response from `url` stays fresh when the server does not say.
    pub(super) fn ttl(&self, url: &Url) -> Duration {
        url.host_str()
            .and_then(|h| self.ttl_by_host.get(h))
            .copied()
            .unwrap_or(self.default_ttl)
    }

    /// The cached entry for `url`. A broken cache is a miss.
    pub(super) async fn lookup(&self, url: &Url) -> Option<CachedResponse> {
        let (store, url) = (self.store.clone(), url.to_string());
        tokio::task::spawn_blocking(move || store.get(&url))
            .await
            .ok()
            .and_then(Result::ok)
            .flatten()
    }

    /// Stores a response behind the answer (the store's writer thread); a failure only costs a
    /// future cache hit.
    pub(super) async fn put(&self, url: &Url, entry: CachedResponse) {
        // Boxed: every fetch awaits this, and the queue's send is a large future.
        Box::pin(self.store.put_behind(url.to_string(), entry)).await;
    }

    /// Records a 304: the entry is fresh again.
    pub(super) async fn touch(&self, url: &Url, now: SystemTime, max_age: Option<Duration>) {
        let (store, url) = (self.store.clone(), url.to_string());
        let _ = tokio::task::spawn_blocking(move || store.touch(&url, now, max_age)).await;
    }

    /// Drops the entry for `url` (it no longer decodes as what was asked for).
    pub(super) async fn forget(&self, url: &Url) {
        let (store, url) = (self.store.clone(), url.to_string());
        let _ = tokio::task::spawn_blocking(move || store.remove(&url)).await;
    }
}

/// What a response says about caching it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Directives {
    /// `max-age` (and `no-cache` as a max-age of zero).
    pub max_age: Option<Duration>,
    /// `no-store`: never keep it.
    pub no_store: bool,
}

/// Reads `Cache-Control`.
pub(super) fn directives(headers: &HeaderMap) -> Directives {
    let mut found = Directives::default();
    let Some(value) = headers.get(CACHE_CONTROL).and_then(|v| v.to_str().ok()) else {
        return found;
    };
    for directive in value.split(',').map(|d| d.trim().to_ascii_lowercase()) {
        if directive == "no-store" {
            found.no_store = true;
        } else if directive == "no-cache" {
            found.max_age = Some(Duration::ZERO);
        } else if let Some(seconds) = directive.strip_prefix("max-age=") {
            found.max_age = seconds
                .trim_matches('"')
                .parse()
                .ok()
                .map(Duration::from_secs);
        }
    }
    found
}
