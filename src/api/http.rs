//! The one HTTP client every source shares: a single connection pool, timeouts, a User-Agent, a
//! global limit on requests in flight, retries with backoff, an optional rate cap per host and a
//! cap on body size.

mod cache;
mod exchange;
mod fields;
mod freshness;
mod probe;
mod redirect;
mod trace;
mod transfer;
mod window;

use std::sync::Arc;
use std::time::Duration;

use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;

pub use self::cache::CachePolicy;
use self::trace::Trace;
use super::connectivity::Connectivity;
use super::exchange::{Answered, Stored};
use super::origin::{self, Origin};
use super::rate::RateLimit;
use super::retry;
use super::{ApiError, Resource};
use crate::api::error::hidden;
use crate::store::responses::CachedResponse;

/// The User-Agent every request carries, so API operators can tell who is calling.
pub const USER_AGENT: &str = concat!("apidex/", env!("CARGO_PKG_VERSION"));

/// Settings of the shared HTTP client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpOptions {
    /// Total time allowed for one request, from connecting to the last byte of the body.
    pub timeout: Duration,
    /// Time allowed to establish a connection.
    pub connect_timeout: Duration,
    /// Requests allowed in flight at once, across every source and every batch.
    pub concurrency: usize,
    /// Retries after a transport error, timeout, 429 or 5xx (0: none).
    pub retries: u32,
    /// At least this long between two requests to one host (`None`: no rate cap).
    pub min_interval: Option<Duration>,
    /// Bodies larger than this many bytes are refused (read as a stream, never buffered whole).
    pub max_body: usize,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
    /// The first retry's backoff; each further retry doubles it (with jitter).
    pub retry_base: Duration,
    /// Never touch the network: answer from the cache, then the bundled snapshot.
    pub offline: bool,
    /// Follow redirects to other hosts (off: only the same host, and http → https, and the
    /// known picture hosts; a redirect elsewhere is an error naming where it led).
    pub cross_host_redirects: bool,
}

/// The default body cap: 16 MiB (the largest PokeAPI resource is under 1 MB).
pub const DEFAULT_MAX_BODY: usize = 16 * 1024 * 1024;

impl Default for HttpOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            concurrency: 8,
            retries: 3,
            min_interval: None,
            max_body: DEFAULT_MAX_BODY,
            max_redirects: 5,
            retry_base: retry::BASE_DELAY,
            offline: false,
            cross_host_redirects: false,
        }
    }
}

/// A cheaply cloneable handle to the shared client. Clones share the connection pool and the
/// in-flight limit.
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
    in_flight: window::Window,
    rate: Option<RateLimit>,
    cache: Option<CachePolicy>,
    fallback: Option<Arc<dyn Fallback>>,
    connectivity: Connectivity,
    options: HttpOptions,
}

/// Bodies to answer with when the network cannot be used and nothing is cached (the snapshot
/// bundled with apidex).
pub trait Fallback: Send + Sync + std::fmt::Debug {
    /// The body for `url`, if known.
    fn body(&self, url: &Url) -> Option<Vec<u8>>;
}

impl Http {
    /// Builds the shared client.
    ///
    /// # Errors
    /// [`ApiError::Transport`] if the TLS stack cannot be initialised.
    pub fn new(options: HttpOptions) -> Result<Self, ApiError> {
        Self::trusting(options, None)
    }

    /// Builds the shared client, trusting the certificate authorities in `ca_pem` (PEM, one or
    /// more) besides the system's.
    ///
    /// # Errors
    /// [`ApiError::Setup`] when `ca_pem` holds no certificate; [`ApiError::Transport`]
    /// if the TLS stack cannot be initialised.
    pub fn trusting(options: HttpOptions, ca_pem: Option<&[u8]>) -> Result<Self, ApiError> {
        // reqwest is built without a default crypto provider (see Cargo.toml); install ring's.
        // Installing twice (several clients in one process) reports an error we can ignore.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = reqwest::Client::builder();
        if let Some(pem) = ca_pem {
            let certs = reqwest::Certificate::from_pem_bundle(pem)
                .ok()
                .filter(|certs| !certs.is_empty())
                .ok_or_else(|| ApiError::Setup {
                    what: "--ca-cert".to_owned(),
                    reason: "the file holds no PEM certificate".to_owned(),
                })?;
            builder = builder.tls_certs_merge(certs);
        }
        let with_ca = ca_pem.is_some();
        let client = builder
            .user_agent(USER_AGENT)
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            .redirect(redirect::policy(
                options.max_redirects,
                options.cross_host_redirects,
            ))
            .build()
            .map_err(|err| {
                // The deepest cause says what is wrong (reqwest's own text is "builder error").
                let mut cause: &dyn std::error::Error = &err;
                while let Some(next) = cause.source() {
                    cause = next;
                }
                ApiError::Setup {
                    what: if with_ca {
                        "--ca-cert: cannot use the certificates".to_owned()
                    } else {
                        "cannot set up the HTTP client".to_owned()
                    },
                    reason: cause.to_string(),
                }
            })?;
        Ok(Self {
            client,
            in_flight: window::Window::new(options.concurrency),
            rate: options.min_interval.map(RateLimit::new),
            cache: None,
            fallback: None,
            connectivity: Connectivity::default(),
            options,
        })
    }

    /// Keeps responses in `policy`'s store and answers from it while fresh.
    #[must_use]
    pub fn with_cache(mut self, policy: CachePolicy) -> Self {
        self.cache = Some(policy);
        self
    }

    /// Answers from `fallback` when the network cannot be used and nothing is cached.
    #[must_use]
    pub fn with_fallback(mut self, fallback: Arc<dyn Fallback>) -> Self {
        self.fallback = Some(fallback);
        self
    }

    /// The response cache, if one is attached.
    pub fn cache(&self) -> Option<&CachePolicy> {
        self.cache.as_ref()
    }

    /// The options this client was built with.
    pub fn options(&self) -> HttpOptions {
        self.options
    }

    /// Changes each time a request has to wait for a slot in the request window (every slot
    /// taken by requests on the wire): what only finishes for the cache's sake gives way then.
    pub fn contended(&self) -> tokio::sync::watch::Receiver<u64> {
        self.in_flight.contended()
    }

    /// What is known about each server's reachability (shared by every clone).
    pub fn connectivity(&self) -> &Connectivity {
        &self.connectivity
    }

    /// GETs `url` and decodes its JSON body as `T`, keeping the raw body and where it came from.
    ///
    /// Returns `Ok(None)` for 404: a missing resource is an answer, not a failure.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        url: Url,
    ) -> Result<Option<Resource<T>>, ApiError> {
        let checked = self
            .get_checked(
                &url,
                |body| decode(url.as_str(), body),
                |r| Some(r.raw_json().as_bytes().to_vec()),
            )
            .await?;
        Ok(checked.map(|(resource, origin)| resource.with_origin(origin)))
    }

    /// Like [`Http::get_json`], for resources that must exist (lists and indexes): a 404 there
    /// means the base URL is wrong, so it is reported as an error.
    pub async fn get_json_required<T: DeserializeOwned>(
        &self,
        url: Url,
    ) -> Result<Resource<T>, ApiError> {
        let shown = url.to_string();
        self.get_json(url).await?.ok_or(ApiError::Status {
            url: shown,
            code: StatusCode::NOT_FOUND.as_u16(),
        })
    }

    /// GETs `url` and returns the whole body, unchecked (pictures); `Ok(None)` for 404.
    pub async fn get_bytes(&self, url: Url) -> Result<Option<Vec<u8>>, ApiError> {
        self.get_bytes_keeping(url, |_| true).await
    }

    /// [`Http::get_bytes`], caching the body only when `worth_keeping` says so (the JSON view
    /// keeps JSON and pictures, not an error page it was pointed at).
    pub async fn get_bytes_keeping(
        &self,
        url: Url,
        worth_keeping: fn(&[u8]) -> bool,
    ) -> Result<Option<Vec<u8>>, ApiError> {
        let keep = |body: &Vec<u8>| worth_keeping(body).then(|| body.clone());
        let checked = self.get_checked(&url, Ok, keep).await?;
        Ok(checked.map(|(body, _)| body))
    }

    /// The answer for `url`, turned into `R` by `check`.
    ///
    /// With a cache: a fresh entry answers at once; a stale one is revalidated (`If-None-Match`)
    /// and, if the network fails, served anyway. Offline, or when the network fails and nothing
    /// is cached, the bundled snapshot answers what it can. Transient failures are retried (see
    /// [`HttpOptions::retries`]), except against a server known to be unreachable. A body is
    /// cached (as `keep` gives it back, if it does) only once `check` accepted it; a cached body `check`
    /// refuses is dropped and fetched anew. The task's observers hear of retries and of where
    /// the answer came from.
    async fn get_checked<R>(
        &self,
        url: &Url,
        check: impl Fn(Vec<u8>) -> Result<R, ApiError>,
        keep: impl Fn(&R) -> Option<Vec<u8>>,
    ) -> Result<Option<(R, Origin)>, ApiError> {
        let mut skip_cache = false;
        loop {
            // Boxed: it lives across the exchange, and every page's future holds several.
            let mut trace = Box::new(Trace::start());
            // Boxed: the exchange (cache, retries, fallback) is a large future, and every fetch of
            // every page awaits one.
            let answer = match Box::pin(self.exchange(url, skip_cache, &mut trace)).await {
                Ok(Some(answer)) => answer,
                Ok(None) => {
                    trace.missing(url);
                    return Ok(None);
                }
                Err(err) => {
                    trace.finish(url, Answered::Failed(err.to_string()), 0, Stored::NotNeeded);
                    return Err(err);
                }
            };
            let from_cache = matches!(answer.origin, Origin::Cache { .. } | Origin::Stale { .. });
            let answered = trace.answered(answer.origin);
            let bytes = answer.body.len();
            let stored = match (&self.cache, &answer.keep, answer.origin) {
                (None, ..) => Stored::NoCache,
                (_, Some(_), _) => Stored::Stored,
                // A network answer the cache may not keep: the server said no-store.
                (_, None, Origin::Network) => Stored::NoStore,
                _ => Stored::NotNeeded,
            };
            let checked = check(answer.body);
            let stored = if checked.is_err() && stored == Stored::Stored {
                Stored::Refused
            } else {
                stored
            };
            trace.finish(url, answered, bytes, stored);
            match checked {
                Ok(value) => {
                    if let (Some(policy), Some(pending), Some(body)) =
                        (&self.cache, answer.keep, keep(&value))
                    {
                        let entry = CachedResponse {
                            body,
                            ..pending.entry
                        };
                        for url in &pending.urls {
                            policy.put(url, entry.clone()).await;
                        }
                    }
                    origin::report(answer.origin);
                    return Ok(Some((value, answer.origin)));
                }
                Err(err) if from_cache && !skip_cache => {
                    tracing::warn!(url = %hidden(url.as_ref()), error = %err, "a cached body no longer decodes; fetching it anew");
                    if let Some(policy) = &self.cache {
                        policy.forget(url).await;
                    }
                    skip_cache = true;
                }
                Err(err) => return Err(err),
            }
        }
    }
}

/// Decodes a body into `T` plus its raw text, with a message that names the URL on failure.
///
/// One pass over the body: decoding `T` reads and checks all of it (fields `T` leaves out are
/// skipped but still checked, as a `RawValue` would check them), so the text kept as the raw
/// JSON needs only a UTF-8 check. Decoding a `RawValue` first and `T` from it read every body
/// twice: twice the CPU per item (`cargo bench --bench decode`).
fn decode<T: DeserializeOwned>(url: &str, body: Vec<u8>) -> Result<Resource<T>, ApiError> {
    let decode_error = |reason: String| ApiError::Decode {
        url: url.to_owned(),
        reason,
    };
    let data: T = serde_json::from_slice(&body).map_err(|err| decode_error(err.to_string()))?;
    let text = String::from_utf8(body).map_err(|err| decode_error(err.to_string()))?;
    // The value itself, without the whitespace around it (as a `RawValue` keeps it).
    let raw = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
    Ok(Resource::new(data, url, Arc::from(raw)))
}
