//! Whether a cached response may answer without the server, by RFC 9111, as the maintained
//! `http-cache-semantics` crate judges it: `Age`, `Expires`, `Vary`, `no-cache`,
//! `must-revalidate`, heuristic freshness from `Last-Modified`.
//!
//! apidex is a private (single-user) cache, so the crate runs with `shared: false`: `private`
//! responses may be kept, and `s-maxage` — a directive for shared caches such as CDNs — is
//! ignored, as RFC 9111 §5.2.2.10 requires of a private cache (PokeAPI's `max-age=86400,
//! s-maxage=86400` means a day either way; the Dog API's `max-age=300, s-maxage=600` means five
//! minutes here).
//!
//! A source's TTL (`--ttl`, `[ttl]`) is the fallback for a response that gives no explicit
//! lifetime (no `max-age`, no `Expires`): it then stays fresh for the heuristic (a tenth of the
//! time since `Last-Modified`) capped at the TTL, or for the TTL when there is no
//! `Last-Modified`. An explicit lifetime from the server always wins. The TTL is applied when
//! an entry is judged, not when it is stored, so changing it applies to what is cached.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::header::{self, HeaderMap, HeaderValue};
use http::{Method, StatusCode, Uri};
use http_cache_semantics::{AfterResponse, BeforeRequest, CacheOptions, RequestLike, ResponseLike};
use reqwest::Url;

use super::fields::{
    MAX_DELTA, arrived_age, decode, directives, encode, fallback_validators, legacy_headers,
    request_headers, sanitize, validators,
};
use crate::api::Unservable;
use crate::store::responses::{CachedResponse, StoredHeaders};

/// How far ahead of the clock an entry's fetch time may be before the clock is distrusted
/// (it was set back since): such an entry is stale, however long it claimed to stay fresh.
const CLOCK_SLACK: Duration = Duration::from_secs(60);

/// The last second the date arithmetic handles (9999-12-31): a clock past it finds every
/// entry stale rather than crashing.
const LAST_SANE_SECOND: u64 = 253_402_300_799;

/// How apidex judges: a private cache, the crate's other defaults.
fn options() -> CacheOptions {
    CacheOptions {
        shared: false,
        ..CacheOptions::default()
    }
}

/// A request as the crate sees it.
struct Request<'a> {
    uri: Uri,
    headers: &'a HeaderMap,
}

impl RequestLike for Request<'_> {
    fn uri(&self) -> Uri {
        self.uri.clone()
    }
    fn is_same_uri(&self, other: &Uri) -> bool {
        &self.uri == other
    }
    fn method(&self) -> &Method {
        &Method::GET
    }
    fn headers(&self) -> &HeaderMap {
        self.headers
    }
}

/// A response as the crate sees it.
struct Response<'a> {
    status: StatusCode,
    headers: &'a HeaderMap,
}

impl ResponseLike for Response<'_> {
    fn status(&self) -> StatusCode {
        self.status
    }
    fn headers(&self) -> &HeaderMap {
        self.headers
    }
}

fn uri_of(url: &Url) -> Uri {
    // A `Url` is always a valid URI; the fallback only keeps this total.
    url.as_str().parse().unwrap_or_default()
}

/// What a cached entry may do for the request about to be made.
pub(super) struct Judged {
    /// It answers without asking the server.
    pub fresh: bool,
    /// Its age: the `Age` it arrived with plus the time since (what the user is shown).
    pub age: Duration,
    /// It may answer, marked stale, when the server cannot be reached: not with
    /// `must-revalidate`, nor when `Vary` says it was the answer to another request.
    pub may_serve_stale: bool,
    /// Why it may not answer without the server (when it may not).
    pub unservable: Option<Unservable>,
    /// The validators to send (`If-None-Match`, `If-Modified-Since`) so a 304 can confirm it
    /// (for a fresh entry: when the request is forced to the server anyway).
    pub conditional: HeaderMap,
    /// The stored response's headers (sanitised), which a 304 updates.
    response: HeaderMap,
    /// The request's headers it is judged with (stored, or today's for an old entry).
    request: Vec<u8>,
    status: StatusCode,
}

/// Judges `entry`, cached for `url`, at `now`, with `ttl` as the fallback lifetime.
pub(super) fn judge(entry: &CachedResponse, url: &Url, ttl: Duration, now: SystemTime) -> Judged {
    let (stored_request, response) = match &entry.headers {
        Some(stored) => (decode(&stored.request), sanitize(decode(&stored.response))),
        // Stored before apidex kept headers: what it did keep, as the headers that said so.
        None => (request_headers().clone(), legacy_headers(entry)),
    };
    let status = StatusCode::from_u16(entry.status).unwrap_or(StatusCode::OK);
    let uri = uri_of(url);
    let judged = with_fallback(&response, status, ttl, entry.fetched_at);
    let policy = http_cache_semantics::CachePolicy::new_options(
        &Request {
            uri: uri.clone(),
            headers: &stored_request,
        },
        &Response {
            status,
            headers: &judged,
        },
        entry.fetched_at,
        options(),
    );
    let current = Request {
        uri: uri.clone(),
        headers: request_headers(),
    };
    let clock_sane = now
        .duration_since(UNIX_EPOCH)
        .is_ok_and(|d| d.as_secs() <= LAST_SANE_SECOND)
        && entry.fetched_at <= now + CLOCK_SLACK;
    let (fresh, conditional, matches) = if clock_sane {
        match policy.before_request(&current, now) {
            // Sent only when the request is forced past a fresh copy (`r`): the server is
            // asked anyway, and an unchanged page costs a 304.
            BeforeRequest::Fresh(_) => (true, fallback_validators(&response), true),
            BeforeRequest::Stale { request, matches } => (
                false,
                if matches {
                    validators(&request.headers)
                } else {
                    HeaderMap::new()
                },
                matches,
            ),
        }
    } else {
        (false, fallback_validators(&response), true)
    };
    // Serving stale on error is what a request with `max-stale` asks for: the crate allows it
    // unless `must-revalidate` (or a `Vary` mismatch) forbids it.
    let mut lenient = request_headers().clone();
    lenient.insert(header::CACHE_CONTROL, HeaderValue::from_static("max-stale"));
    let lenient_now = if clock_sane { now } else { entry.fetched_at };
    let may_serve_stale = matches!(
        policy.before_request(
            &Request {
                uri,
                headers: &lenient,
            },
            lenient_now,
        ),
        BeforeRequest::Fresh(_)
    );
    let vary_star = response
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|name| name.trim() == "*");
    let unservable = match (may_serve_stale, vary_star, matches) {
        (true, ..) => None,
        (false, true, _) => Some(Unservable::VaryStar),
        (false, false, false) => Some(Unservable::Vary),
        (false, false, true) => Some(Unservable::MustRevalidate),
    };
    Judged {
        fresh,
        unservable,
        age: policy.age(now),
        may_serve_stale,
        conditional,
        response,
        request: encode(&stored_request),
        status,
    }
}

/// The headers to keep with a fresh response, or `None` when it may not be stored
/// (`no-store`, a status the cache does not understand).
pub(super) fn storable(
    url: &Url,
    status: StatusCode,
    response: &HeaderMap,
    now: SystemTime,
) -> Option<StoredHeaders> {
    // Judged as the entry will be (`No-Store` is `no-store`); stored as the server sent it.
    let judged = sanitize(response.clone());
    let policy = http_cache_semantics::CachePolicy::new_options(
        &Request {
            uri: uri_of(url),
            headers: request_headers(),
        },
        &Response {
            status,
            headers: &judged,
        },
        now,
        options(),
    );
    // Cookies are no part of caching, and a private cache on disk has no use for them.
    let mut kept = response.clone();
    kept.remove(header::SET_COOKIE);
    policy.is_storable().then(|| StoredHeaders {
        request: encode(request_headers()),
        response: encode(&kept),
    })
}

/// The stored headers updated by a 304's, to store with the confirmed entry, and the entry's
/// age now. `None` when the 304 names another representation (a different strong `ETag`):
/// the cached body is not what the server has.
pub(super) fn refreshed(
    judged: &Judged,
    url: &Url,
    not_modified: &HeaderMap,
    now: SystemTime,
) -> Option<(StoredHeaders, Duration)> {
    let mut answer = sanitize(not_modified.clone());
    // A 304 to our `If-None-Match` without a validator of its own confirms ours (many servers
    // leave it out); the crate would otherwise refuse to match it.
    if !answer.contains_key(header::ETAG)
        && let Some(etag) = judged.response.get(header::ETAG)
    {
        answer.insert(header::ETAG, etag.clone());
    }
    let old = http_cache_semantics::CachePolicy::new_options(
        &Request {
            uri: uri_of(url),
            headers: request_headers(),
        },
        &Response {
            status: judged.status,
            headers: &judged.response,
        },
        now,
        options(),
    );
    let request = Request {
        uri: uri_of(url),
        headers: request_headers(),
    };
    let response = Response {
        status: StatusCode::NOT_MODIFIED,
        headers: &answer,
    };
    if matches!(
        old.after_response(&request, &response, now),
        AfterResponse::Modified(..)
    ) {
        return None;
    }
    // RFC 9111 §3.2: each field the 304 carries replaces the stored one, except those that
    // describe the body (which is the stored one). `Age` and `Date` belong to each message:
    // the 304's, or none.
    let mut merged = judged.response.clone();
    merged.remove(header::AGE);
    merged.remove(header::DATE);
    for name in answer.keys() {
        let about_body = [
            header::CONTENT_LENGTH,
            header::CONTENT_ENCODING,
            header::TRANSFER_ENCODING,
            header::CONTENT_RANGE,
            header::CONNECTION,
        ]
        .contains(name)
            || name.as_str() == "keep-alive";
        if about_body {
            continue;
        }
        merged.remove(name);
        for value in answer.get_all(name) {
            merged.append(name.clone(), value.clone());
        }
    }
    let age = arrived_age(&merged);
    let stored = StoredHeaders {
        request: judged.request.clone(),
        response: encode(&merged),
    };
    Some((stored, age))
}

/// `response` with an explicit lifetime added when it has none: the heuristic capped at the
/// TTL, or the TTL (see the module's doc).
fn with_fallback(
    response: &HeaderMap,
    status: StatusCode,
    ttl: Duration,
    fetched_at: SystemTime,
) -> HeaderMap {
    let explicit = response.contains_key(header::EXPIRES)
        || directives(response).any(|(name, _)| name.eq_ignore_ascii_case("max-age"));
    if explicit {
        return response.clone();
    }
    let lifetime = if response.contains_key(header::LAST_MODIFIED) {
        // The crate's heuristic, read back as the lifetime it computed (its remaining time to
        // live at arrival plus the age it arrived with).
        let plain = http_cache_semantics::CachePolicy::new_options(
            &Request {
                uri: Uri::default(),
                headers: request_headers(),
            },
            &Response {
                status,
                headers: response,
            },
            fetched_at,
            options(),
        );
        let left = plain.time_to_live(fetched_at);
        let heuristic = if left.is_zero() {
            Duration::ZERO
        } else {
            left + plain.age(fetched_at)
        };
        heuristic.min(ttl)
    } else {
        ttl
    };
    let mut judged = response.clone();
    let seconds = lifetime.as_secs().min(MAX_DELTA);
    if let Ok(value) = HeaderValue::from_str(&format!("max-age={seconds}")) {
        judged.append(header::CACHE_CONTROL, value);
    }
    judged
}

#[cfg(test)]
#[path = "freshness_tests.rs"]
mod tests;
