//! Header fields for the cache: the ones every request carries, their encoding in the store,
//! and the repairs and stand-ins the RFC 9111 judgement needs (see `freshness`).

use std::sync::LazyLock;
use std::time::Duration;

use http::header::{self, HeaderMap, HeaderName, HeaderValue};

use crate::store::responses::CachedResponse;

/// The largest delta-seconds value believed (RFC 9111 §1.2.2): larger ones count as this.
pub(super) const MAX_DELTA: u64 = 1 << 31;

/// The header fields every request carries, set explicitly (not left to reqwest's defaults)
/// so that what `Vary` is checked against is what was really sent.
pub(super) fn request_headers() -> &'static HeaderMap {
    static HEADERS: LazyLock<HeaderMap> = LazyLock::new(|| {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::USER_AGENT,
            HeaderValue::from_static(super::USER_AGENT),
        );
        headers.insert(header::ACCEPT, HeaderValue::from_static("*/*"));
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
        headers
    });
    &HEADERS
}

/// The `Cache-Control` directives of `headers`, as (name, value) pairs.
pub(super) fn directives(headers: &HeaderMap) -> impl Iterator<Item = (&str, Option<&str>)> {
    headers
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|d| match d.split_once('=') {
            Some((name, value)) => (name.trim(), Some(value.trim())),
            None => (d.trim(), None),
        })
}

/// The `Cache-Control` directives whose value is delta-seconds (RFC 9111 §1.2.2).
const DELTA_DIRECTIVES: [&str; 6] = [
    "max-age",
    "s-maxage",
    "max-stale",
    "min-fresh",
    "stale-while-revalidate",
    "stale-if-error",
];

/// A `Cache-Control` (or `Pragma`) value with its directive names in lower case (they are
/// case-insensitive, RFC 9111 §5.2, but the crate compares them as written: `No-Store` would be
/// stored) and every delta-seconds value past 2^31 written as 2^31 (§1.2.2: the crate reads one
/// that overflows its integer as zero, stale at once).
fn normalize_directives(value: &str) -> String {
    value
        .split(',')
        .map(|part| match part.split_once('=') {
            Some((name, value)) => {
                let name = name.trim().to_ascii_lowercase();
                let digits = value.trim().trim_matches('"');
                let huge = DELTA_DIRECTIVES.contains(&name.as_str())
                    && !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && digits.parse::<u64>().map_or(true, |n| n > MAX_DELTA);
                if huge {
                    format!("{name}={MAX_DELTA}")
                } else {
                    format!("{name}={}", value.trim())
                }
            }
            None => part.trim().to_ascii_lowercase(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Header values the crate cannot take as they are: `Cache-Control` and `Pragma` directive
/// names in any case, and huge delta-seconds (see [`normalize_directives`]); an `Age` beyond
/// 2^31 s counts as 2^31 (RFC 9111 §1.2.2; a huge one overflowed the crate's sum and crashed
/// it); one that is not a number (negative, garbage) is ignored, as an invalid field is.
pub(super) fn sanitize(mut headers: HeaderMap) -> HeaderMap {
    for name in [header::CACHE_CONTROL, header::PRAGMA] {
        let values: Vec<HeaderValue> = headers
            .get_all(&name)
            .iter()
            .map(|v| {
                v.to_str()
                    .ok()
                    .and_then(|text| HeaderValue::from_str(&normalize_directives(text)).ok())
                    .unwrap_or_else(|| v.clone())
            })
            .collect();
        headers.remove(&name);
        for value in values {
            headers.append(name.clone(), value);
        }
    }
    if let Some(age) = headers.get(header::AGE) {
        let text = age.to_str().unwrap_or_default().trim();
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            headers.remove(header::AGE);
        } else if text.parse::<u64>().map_or(true, |n| n > MAX_DELTA) {
            headers.insert(header::AGE, HeaderValue::from(MAX_DELTA));
        }
    }
    headers
}

/// The `Age` a response arrived with (already sanitised).
pub(super) fn arrived_age(headers: &HeaderMap) -> Duration {
    headers
        .get(header::AGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .map_or(Duration::ZERO, Duration::from_secs)
}

/// The headers an entry from before the stored headers stands for: its `ETag`, and its
/// `max-age` when it had one.
pub(super) fn legacy_headers(entry: &CachedResponse) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if let Some(etag) = entry
        .etag
        .as_deref()
        .and_then(|e| HeaderValue::from_str(e).ok())
    {
        headers.insert(header::ETAG, etag);
    }
    if let Some(max_age) = entry.max_age {
        let seconds = max_age.as_secs().min(MAX_DELTA);
        if let Ok(value) = HeaderValue::from_str(&format!("max-age={seconds}")) {
            headers.insert(header::CACHE_CONTROL, value);
        }
    }
    headers
}

/// The validators of a revalidation request the crate built.
pub(super) fn validators(request: &HeaderMap) -> HeaderMap {
    let mut found = HeaderMap::new();
    for name in [header::IF_NONE_MATCH, header::IF_MODIFIED_SINCE] {
        if let Some(value) = request.get(&name) {
            found.insert(name, value.clone());
        }
    }
    found
}

/// Validators straight from the response, when the clock is too far off to ask the crate.
pub(super) fn fallback_validators(response: &HeaderMap) -> HeaderMap {
    let mut found = HeaderMap::new();
    if let Some(etag) = response.get(header::ETAG) {
        found.insert(header::IF_NONE_MATCH, etag.clone());
    } else if let Some(modified) = response.get(header::LAST_MODIFIED) {
        found.insert(header::IF_MODIFIED_SINCE, modified.clone());
    }
    found
}

/// `name: value` lines joined by CRLF (neither can contain CR or LF, so this is unambiguous).
pub(super) fn encode(headers: &HeaderMap) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, value) in headers {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// The headers [`encode`] wrote; a line that is not a valid header is skipped.
pub(super) fn decode(bytes: &[u8]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        let value = value.strip_prefix(b" ").unwrap_or(value);
        if let (Ok(name), Ok(value)) =
            (HeaderName::from_bytes(name), HeaderValue::from_bytes(value))
        {
            headers.append(name, value);
        }
    }
    headers
}

/// The `max-age` written for versions before the stored headers (they read only this): the
/// server's, less the `Age` it arrived with; zero when the server forbids reuse unvalidated
/// or storing at all (`no-store`: such a response is not stored, and must never be given a
/// lifetime should that change).
pub(super) fn legacy_max_age(headers: &HeaderMap) -> Option<Duration> {
    let headers = sanitize(headers.clone());
    let mut max_age = None;
    for (name, value) in directives(&headers) {
        if name == "no-cache" || name == "no-store" {
            return Some(Duration::ZERO);
        }
        if name == "max-age" {
            let seconds = value.unwrap_or_default().trim_matches('"');
            max_age = Some(seconds.parse::<u64>().unwrap_or(0));
        }
    }
    let age = headers
        .get(header::AGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(0);
    max_age.map(|m| Duration::from_secs(m.saturating_sub(age)))
}
