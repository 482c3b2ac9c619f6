//! The one HTTP client every source shares: a single connection pool, timeouts, a User-Agent, a
//! global limit on requests in flight, retries with backoff, an optional rate cap per host and a
//! cap on body size.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{CACHE_CONTROL, ETAG, HeaderMap, IF_NONE_MATCH};
use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;
use tokio::sync::Semaphore;

use crate::store::Store;
use crate::store::responses::CachedResponse;

use super::origin::{self, Origin};
use super::rate::RateLimit;
use super::retry::{self, backoff, retryable_status};
use super::{ApiError, Resource};

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
        }
    }
}

/// A cheaply cloneable handle to the shared client. Clones share the connection pool and the
/// in-flight limit.
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
    in_flight: Arc<Semaphore>,
    rate: Option<RateLimit>,
    cache: Option<CachePolicy>,
    fallback: Option<Arc<dyn Fallback>>,
    options: HttpOptions,
}

/// Bodies to answer with when the network cannot be used and nothing is cached (the snapshot
/// bundled with apidex).
pub trait Fallback: Send + Sync + std::fmt::Debug {
    /// The body for `url`, if known.
    fn body(&self, url: &Url) -> Option<Vec<u8>>;
}

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
    fn ttl(&self, url: &Url) -> Duration {
        url.host_str()
            .and_then(|h| self.ttl_by_host.get(h))
            .copied()
            .unwrap_or(self.default_ttl)
    }
}

/// What a successful exchange brought back.
enum Fetched {
    /// A body, with what the cache needs to know about it.
    Body {
        body: Vec<u8>,
        etag: Option<String>,
        max_age: Option<Duration>,
        no_store: bool,
    },
    /// 304: the cached body is still right.
    NotModified { max_age: Option<Duration> },
    /// 404.
    Missing,
}

/// Why one attempt failed, and whether another may succeed.
struct Failure {
    error: ApiError,
    retry: bool,
    server_asked: Option<Duration>,
}

impl Failure {
    fn transient(error: ApiError) -> Self {
        Self {
            retry: error.is_transient(),
            error,
            server_asked: None,
        }
    }
}

impl Http {
    /// Builds the shared client.
    ///
    /// # Errors
    /// [`ApiError::Transport`] if the TLS stack cannot be initialised.
    pub fn new(options: HttpOptions) -> Result<Self, ApiError> {
        // reqwest is built without a default crypto provider (see Cargo.toml); install ring's.
        // Installing twice (several clients in one process) reports an error we can ignore.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            .redirect(reqwest::redirect::Policy::limited(options.max_redirects))
            .build()
            .map_err(|err| ApiError::Transport {
                url: String::new(),
                reason: err.to_string(),
            })?;
        Ok(Self {
            client,
            in_flight: Arc::new(Semaphore::new(options.concurrency.max(1))),
            rate: options.min_interval.map(RateLimit::new),
            cache: None,
            fallback: None,
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

    /// GETs `url` and decodes its JSON body as `T`, keeping the raw body.
    ///
    /// Returns `Ok(None)` for 404: a missing resource is an answer, not a failure.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        url: Url,
    ) -> Result<Option<Resource<T>>, ApiError> {
        let Some(body) = self.get_bytes(url.clone()).await? else {
            return Ok(None);
        };
        decode(url.as_str(), body).map(Some)
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

    /// GETs `url` and returns the whole body; `Ok(None)` for 404.
    ///
    /// With a cache: a fresh entry answers at once; a stale one is revalidated (`If-None-Match`)
    /// and, if the network fails, served anyway. Offline, or when the network fails and nothing
    /// is cached, the bundled snapshot answers what it can. Transient failures are retried (see
    /// [`HttpOptions::retries`]). The task's observers hear of retries and of where each answer
    /// came from.
    pub async fn get_bytes(&self, url: Url) -> Result<Option<Vec<u8>>, ApiError> {
        let now = SystemTime::now();
        let cached = match &self.cache {
            Some(policy) => lookup(&policy.store, url.as_str()).await,
            None => None,
        };
        if let (Some(entry), Some(policy)) = (&cached, &self.cache)
            && entry.is_fresh(now, policy.ttl(&url))
        {
            origin::report(Origin::Cache {
                age: entry.age(now),
            });
            return Ok(Some(entry.body.clone()));
        }
        if self.options.offline {
            let err = ApiError::Offline {
                url: url.to_string(),
            };
            return self.without_network(&url, cached, now, err);
        }
        let etag = cached.as_ref().and_then(|e| e.etag.clone());
        match self.fetch_with_retries(&url, etag.as_deref()).await {
            Ok(Fetched::Body {
                body,
                etag,
                max_age,
                no_store,
            }) => {
                if let Some(policy) = &self.cache
                    && !no_store
                {
                    let entry = CachedResponse {
                        body: body.clone(),
                        status: 200,
                        fetched_at: now,
                        etag,
                        max_age,
                    };
                    store(&policy.store, url.as_str(), entry).await;
                }
                origin::report(Origin::Network);
                Ok(Some(body))
            }
            Ok(Fetched::NotModified { max_age }) => match (cached, &self.cache) {
                (Some(entry), Some(policy)) => {
                    touch(&policy.store, url.as_str(), now, max_age).await;
                    origin::report(Origin::Cache {
                        age: Duration::ZERO,
                    });
                    Ok(Some(entry.body))
                }
                // A 304 to a request that carried no ETag is the server's mistake.
                _ => Err(ApiError::Status {
                    url: url.to_string(),
                    code: 304,
                }),
            },
            Ok(Fetched::Missing) => Ok(None),
            Err(err) if err.is_transient() => self.without_network(&url, cached, now, err),
            Err(err) => Err(err),
        }
    }

    /// Answers without the network: a stale cached body, else the snapshot, else `err`.
    fn without_network(
        &self,
        url: &Url,
        cached: Option<CachedResponse>,
        now: SystemTime,
        err: ApiError,
    ) -> Result<Option<Vec<u8>>, ApiError> {
        if let Some(entry) = cached {
            origin::report(Origin::Stale {
                age: entry.age(now),
            });
            return Ok(Some(entry.body));
        }
        if let Some(body) = self.fallback.as_ref().and_then(|f| f.body(url)) {
            origin::report(Origin::Snapshot);
            return Ok(Some(body));
        }
        Err(err)
    }

    /// Requests `url`, retrying transient failures with backoff.
    async fn fetch_with_retries(&self, url: &Url, etag: Option<&str>) -> Result<Fetched, ApiError> {
        let retries = self.options.retries;
        let mut attempt = 0;
        loop {
            match self.attempt(url, etag).await {
                Ok(fetched) => return Ok(fetched),
                Err(failure) if failure.retry && attempt < retries => {
                    attempt += 1;
                    retry::report(attempt, retries);
                    // No permit is held while waiting: others may use the slot meanwhile.
                    let delay = backoff(self.options.retry_base, attempt, failure.server_asked);
                    tracing::info!(%url, attempt, of = retries, ?delay, error = %failure.error, "retrying");
                    tokio::time::sleep(delay).await;
                }
                Err(failure) => {
                    tracing::warn!(%url, attempts = attempt + 1, error = %failure.error, "fetch failed");
                    return Err(failure.error);
                }
            }
        }
    }

    /// One request: waits for a rate slot and an in-flight permit, then reads the body as a
    /// stream up to the size cap.
    async fn attempt(&self, url: &Url, etag: Option<&str>) -> Result<Fetched, Failure> {
        let shown = url.to_string();
        if let Some(rate) = &self.rate {
            rate.wait(url.host_str().unwrap_or_default()).await;
        }
        // The permit is held for the whole exchange, body included, so the limit counts what the
        // server actually sees in flight. The semaphore is never closed.
        let _permit = self.in_flight.acquire().await.ok();
        let timeout = self.options.timeout;
        let transport =
            |err: reqwest::Error| Failure::transient(ApiError::from_reqwest(&shown, &err, timeout));
        let mut request = self.client.get(url.clone());
        if let Some(etag) = etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        let mut response = request.send().await.map_err(transport)?;
        let status = response.status();
        if status == StatusCode::NOT_FOUND {
            return Ok(Fetched::Missing);
        }
        let (max_age, no_store) = cache_control(response.headers());
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified { max_age });
        }
        let etag = response
            .headers()
            .get(ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        if !status.is_success() {
            return Err(Failure {
                retry: retryable_status(status),
                server_asked: retry::retry_after(response.headers()),
                error: ApiError::Status {
                    url: shown,
                    code: status.as_u16(),
                },
            });
        }
        let limit = self.options.max_body;
        let too_large = || Failure {
            error: ApiError::TooLarge {
                url: shown.clone(),
                limit_mb: limit.div_ceil(1024 * 1024),
            },
            retry: false,
            server_asked: None,
        };
        // A declared length over the cap is refused before reading anything. (With gzip the
        // header gives the compressed size; the running total below checks what we keep.)
        if response
            .content_length()
            .is_some_and(|n| usize::try_from(n).unwrap_or(usize::MAX) > limit)
        {
            return Err(too_large());
        }
        let mut body = Vec::with_capacity(
            response
                .content_length()
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(0)
                .min(limit),
        );
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched::Body {
            body,
            etag,
            max_age,
            no_store,
        })
    }
}

/// `Cache-Control`'s `max-age` (and `no-cache` as a max-age of zero) and whether it says
/// `no-store`.
fn cache_control(headers: &HeaderMap) -> (Option<Duration>, bool) {
    let Some(value) = headers.get(CACHE_CONTROL).and_then(|v| v.to_str().ok()) else {
        return (None, false);
    };
    let mut max_age = None;
    let mut no_store = false;
    for directive in value.split(',').map(|d| d.trim().to_ascii_lowercase()) {
        if directive == "no-store" {
            no_store = true;
        } else if directive == "no-cache" {
            max_age = Some(Duration::ZERO);
        } else if let Some(seconds) = directive.strip_prefix("max-age=") {
            max_age = seconds
                .trim_matches('"')
                .parse()
                .ok()
                .map(Duration::from_secs);
        }
    }
    (max_age, no_store)
}

/// The cached entry for `url`, read on a blocking thread. A broken cache is a miss.
async fn lookup(store: &Store, url: &str) -> Option<CachedResponse> {
    let (store, url) = (store.clone(), url.to_owned());
    tokio::task::spawn_blocking(move || store.get(&url))
        .await
        .ok()
        .and_then(Result::ok)
        .flatten()
}

/// Stores a response on a blocking thread; a failure only costs a future cache hit.
async fn store(store: &Store, url: &str, entry: CachedResponse) {
    let (store, url) = (store.clone(), url.to_owned());
    let _ = tokio::task::spawn_blocking(move || store.put(&url, &entry)).await;
}

/// Records a 304 on a blocking thread.
async fn touch(store: &Store, url: &str, now: SystemTime, max_age: Option<Duration>) {
    let (store, url) = (store.clone(), url.to_owned());
    let _ = tokio::task::spawn_blocking(move || store.touch(&url, now, max_age)).await;
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

/// An API's base URL, such as `https://pokeapi.co/api/v2`, that resource paths are appended to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    /// Parses an absolute http(s) URL; a trailing slash is optional.
    ///
    /// # Errors
    /// [`ApiError::InvalidUrl`] when `input` is not an absolute http or https URL.
    pub fn parse(input: &str) -> Result<Self, ApiError> {
        let url = parse_http_url(input)?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(ApiError::InvalidUrl {
                url: input.to_owned(),
                reason: "a base URL cannot have a query or fragment".to_owned(),
            });
        }
        Ok(Self(url))
    }

    /// The base URL as text, without a trailing slash.
    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    /// The host name, for the status bar.
    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or_default()
    }

    /// Appends already-encoded path segments (see [`super::encode_segment`]).
    pub fn join(&self, encoded_segments: &[&str]) -> Url {
        let mut text = self.as_str().to_owned();
        for segment in encoded_segments {
            text.push('/');
            text.push_str(segment);
        }
        // The base is a valid URL and every segment is percent-encoded, so this parses; keep the
        // base itself in the impossible case rather than panic.
        Url::parse(&text).unwrap_or_else(|_| self.0.clone())
    }
}

/// Parses `input` as an absolute http(s) URL.
///
/// # Errors
/// [`ApiError::InvalidUrl`] for anything else.
pub fn parse_http_url(input: &str) -> Result<Url, ApiError> {
    let invalid = |reason: String| ApiError::InvalidUrl {
        url: input.to_owned(),
        reason,
    };
    let url = Url::parse(input.trim()).map_err(|err| invalid(err.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(format!(
            "scheme {:?} is not http or https",
            url.scheme()
        )));
    }
    Ok(url)
}
