//! The client's side of the response cache: the per-source TTLs (the fallback lifetime, see
//! `freshness`) and the store calls, each on a blocking thread.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use reqwest::Url;

use crate::store::Store;
use crate::store::responses::{CachedResponse, StoredHeaders};

/// The response cache and how long its entries stay fresh.
#[derive(Debug, Clone)]
pub struct CachePolicy {
    /// Where responses are kept.
    pub store: Store,
    /// Freshness when the server gives no explicit lifetime (no `max-age`, no `Expires`): the
    /// lifetime, or the cap on the `Last-Modified` heuristic.
    pub default_ttl: Duration,
    /// Per-host freshness overriding `default_ttl` (a source's configured TTL). A key with a
    /// `/` is a URL prefix instead (a registered source's pages, on a host it may share), and
    /// the longest one a URL is under wins over its host's.
    pub ttl_by_host: HashMap<String, Duration>,
}

impl CachePolicy {
    /// How long a response from `url` stays fresh at most when the server does not say.
    pub(super) fn ttl(&self, url: &Url) -> Duration {
        let text = url.as_str();
        let under = |prefix: &str| {
            text.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']))
        };
        self.ttl_by_host
            .iter()
            .filter(|(key, _)| key.contains('/') && under(key))
            .max_by_key(|(key, _)| key.len())
            .map(|(_, ttl)| *ttl)
            .or_else(|| {
                url.host_str()
                    .and_then(|h| self.ttl_by_host.get(h))
                    .copied()
            })
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

    /// Records a 304: the entry was received anew at `now`, with `headers` (the stored ones
    /// updated by the 304's).
    pub(super) async fn touch(&self, url: &Url, now: SystemTime, headers: StoredHeaders) {
        let (store, url) = (self.store.clone(), url.to_string());
        let _ =
            tokio::task::spawn_blocking(move || store.touch(&url, now, None, Some(&headers))).await;
    }

    /// Drops the entry for `url` (it no longer decodes as what was asked for).
    pub(super) async fn forget(&self, url: &Url) {
        let (store, url) = (self.store.clone(), url.to_string());
        let _ = tokio::task::spawn_blocking(move || store.remove(&url)).await;
    }
}
