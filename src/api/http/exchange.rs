//! Getting one answer for a URL: the cache, the network with retries, and — when the network
//! cannot be used — a stale cached body or the snapshot. Nothing is written to the cache here:
//! the caller stores a body only once it decoded as what was asked for (see `Http::get_checked`),
//! so one broken answer can never be served again from the cache.

use std::time::SystemTime;

use reqwest::header::{ETAG, HeaderMap};
use reqwest::{StatusCode, Url};

use super::Http;
use super::trace::Trace;
use super::transfer::{Failure, Fetched};
use super::{fields, freshness};
use crate::api::ApiError;
use crate::api::connectivity::{self, Reach};
use crate::api::error::hidden;
use crate::api::exchange::{self, Note};
use crate::api::origin::{Cause, Origin};
use crate::api::retry::{self, backoff};
use crate::store::responses::CachedResponse;

/// A body for a URL, before it has been checked.
pub(super) struct Answer {
    /// The body.
    pub body: Vec<u8>,
    /// Where it came from.
    pub origin: Origin,
    /// What to store once the body proves good (a fresh network answer the server lets us keep).
    pub keep: Option<Box<Keep>>,
}

/// A cache entry waiting for its body to be checked.
pub(super) struct Keep {
    /// The URLs to store it under: where it really came from, and the URL asked for when a
    /// redirect on the same host led there.
    pub urls: Vec<Url>,
    /// The entry, without its body.
    pub entry: CachedResponse,
}

impl Http {
    /// One answer for `url`: `Ok(None)` for 404. With `skip_cache`, the cache is not read (its
    /// entry failed to decode). What happens is noted in `trace`.
    pub(super) async fn exchange(
        &self,
        url: &Url,
        skip_cache: bool,
        trace: &mut Trace,
    ) -> Result<Option<Answer>, ApiError> {
        let now = SystemTime::now();
        let forced = connectivity::is_forced();
        let cached = match &self.cache {
            Some(policy) if !skip_cache => policy.lookup(url).await,
            _ => None,
        };
        let judged = match (&cached, &self.cache) {
            (Some(entry), Some(policy)) => Some(freshness::judge(entry, url, policy.ttl(url), now)),
            _ => None,
        };
        let cached = cached.zip(judged);
        if let Some((entry, judged)) = &cached
            && !forced
            && judged.fresh
        {
            trace.cached(entry);
            return Ok(Some(Answer {
                origin: Origin::Cache { age: judged.age },
                body: entry.body.clone(),
                keep: None,
            }));
        }
        if self.options.offline {
            let err = ApiError::Offline {
                url: url.to_string(),
                held: cached.as_ref().and_then(|(_, judged)| judged.unservable),
            };
            return self.without_network(url, cached, err, trace);
        }
        // A server that could not be reached moments ago is not asked again (and waited for)
        // until the probe hears from it: the answer comes from the cache or the snapshot now.
        if !forced && let Reach::Unreachable { reason } = self.connectivity.state(url) {
            let err = ApiError::Connect {
                url: url.to_string(),
                reason: format!(
                    "not requested: the server could not be reached a moment ago ({reason})"
                ),
            };
            return self.without_network(url, cached, err, trace);
        }
        let conditional = cached
            .as_ref()
            .map(|(_, judged)| judged.conditional.clone())
            .unwrap_or_default();
        let mut fetched = self.fetch_with_retries(url, &conditional, trace).await;
        if let (Ok(Fetched::NotModified { headers }), Some((entry, judged)), Some(policy)) =
            (&fetched, &cached, &self.cache)
        {
            if let Some((stored, age)) = freshness::refreshed(judged, url, headers, now) {
                trace.revalidated = Some(judged.age);
                policy.touch(url, now, stored).await;
                return Ok(Some(Answer {
                    body: entry.body.clone(),
                    origin: Origin::Cache { age },
                    keep: None,
                }));
            }
            // The 304 named another representation than the one cached: ask for it whole.
            tracing::info!(url = %hidden(url.as_ref()), "a 304 for another representation; fetching it anew");
            fetched = self.fetch_with_retries(url, &HeaderMap::new(), trace).await;
        }
        match fetched {
            Ok(Fetched::Body {
                body,
                status,
                headers,
                final_url,
            }) => Ok(Some(
                self.fetched(url, body, status, &headers, &final_url, now),
            )),
            // A 304 to a request that carried no validator is the server's mistake.
            Ok(Fetched::NotModified { .. }) => Err(ApiError::Status {
                url: url.to_string(),
                code: StatusCode::NOT_MODIFIED.as_u16(),
            }),
            Ok(Fetched::Missing) => Ok(None),
            Err(err) if err.is_transient() => self.without_network(url, cached, err, trace),
            Err(err) => Err(err),
        }
    }

    /// A body from the network, with what to store once it proves good (when the cache may
    /// keep it).
    fn fetched(
        &self,
        url: &Url,
        body: Vec<u8>,
        status: StatusCode,
        headers: &HeaderMap,
        final_url: &Url,
        now: SystemTime,
    ) -> Answer {
        let stored = self
            .cache
            .as_ref()
            .and_then(|_| freshness::storable(final_url, status, headers, now));
        let keep = stored.map(|stored| {
            let mut urls = vec![final_url.clone()];
            if *final_url != *url {
                tracing::info!(from = %hidden(url.as_ref()), to = %hidden(final_url.as_ref()), "redirected");
                urls.push(url.clone());
            }
            Box::new(Keep {
                urls,
                entry: CachedResponse {
                    body: Vec::new(),
                    status: status.as_u16(),
                    fetched_at: now,
                    etag: headers
                        .get(ETAG)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned),
                    // What versions before the stored headers judge by (they share the file).
                    max_age: fields::legacy_max_age(headers),
                    headers: Some(stored),
                },
            })
        });
        Answer {
            body,
            origin: Origin::Network,
            keep,
        }
    }

    /// Answers without the network: a stale cached body, else the snapshot, else `err`.
    ///
    /// A cached response that says `must-revalidate` (or answered another request, by its
    /// `Vary`) is not served stale (RFC 9111 §4.2.4).
    fn without_network(
        &self,
        url: &Url,
        cached: Option<(CachedResponse, freshness::Judged)>,
        err: ApiError,
        trace: &mut Trace,
    ) -> Result<Option<Answer>, ApiError> {
        let cause = Cause::of(&err);
        match cached {
            Some((entry, judged)) if judged.may_serve_stale => {
                trace.cached(&entry);
                return Ok(Some(Answer {
                    origin: Origin::Stale {
                        age: judged.age,
                        cause,
                    },
                    body: entry.body,
                    keep: None,
                }));
            }
            Some(_) => {
                tracing::info!(url = %hidden(url.as_ref()), "the cached copy may not be served stale (must-revalidate or Vary)");
            }
            None => {}
        }
        if let Some(body) = self.fallback.as_ref().and_then(|f| f.body(url)) {
            return Ok(Some(Answer {
                body,
                origin: Origin::Snapshot { cause },
                keep: None,
            }));
        }
        Err(err)
    }

    /// Requests `url`, retrying transient failures with backoff, and records what the exchange
    /// showed about the server.
    async fn fetch_with_retries(
        &self,
        url: &Url,
        conditional: &HeaderMap,
        trace: &mut Trace,
    ) -> Result<Fetched, ApiError> {
        let retries = self.options.retries;
        let mut attempt = 0;
        loop {
            let failure = match self.attempt(url, conditional, trace).await {
                Ok(fetched) => {
                    self.connectivity.record(url, Reach::Online);
                    return Ok(fetched);
                }
                Err(failure) => failure,
            };
            let Failure {
                error,
                retry,
                server_asked,
                unreachable,
            } = failure;
            // Any answer at all, even an error status, shows the server is there.
            match &error {
                ApiError::Status { code, .. } if retry && attempt >= retries => {
                    self.connectivity
                        .record(url, Reach::Failing { code: *code });
                }
                ApiError::Status { .. } => {
                    self.connectivity.record(url, Reach::Online);
                }
                _ => {}
            }
            // No connection at all (refused, no such host, no TLS, connect timeout): the server
            // is down or the network is gone. Retrying each request would only make every page
            // wait; the probe finds out when it is back. A request that timed out after
            // connecting says nothing of the others: one slow URL is not a dead server.
            if unreachable {
                self.mark_unreachable(url, &error);
                tracing::warn!(url = %hidden(url.as_ref()), attempts = attempt + 1, %error, "server unreachable");
                return Err(error);
            }
            // Another request found the server unreachable meanwhile: stop waiting for it.
            if !connectivity::is_forced() && self.connectivity.state(url).is_unreachable() {
                return Err(error);
            }
            if !retry || attempt >= retries {
                tracing::warn!(url = %hidden(url.as_ref()), attempts = attempt + 1, %error, "fetch failed");
                return Err(error);
            }
            attempt += 1;
            retry::report(attempt, retries);
            // No permit is held while waiting: others may use the slot meanwhile.
            let delay = backoff(self.options.retry_base, attempt, server_asked);
            trace.retries = attempt;
            if trace.listening {
                exchange::report(&Note::Retry {
                    url: exchange::shown_url(url),
                    attempt,
                    of: retries,
                    delay,
                    reason: error.to_string(),
                });
            }
            tracing::info!(url = %hidden(url.as_ref()), attempt, of = retries, ?delay, %error, "retrying");
            tokio::time::sleep(delay).await;
        }
    }
}
