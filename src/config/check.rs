//! Checks on values as the config file is read: an out-of-range number or a bad URL is an error
//! with the value's position, like a wrong type. The ranges are [`super::limits`], which the
//! command-line flags use too.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

use super::limits::{self, Bound, Limit};
use crate::api::BaseUrl;

/// An absolute http(s) base URL.
pub fn url<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(d)?;
    BaseUrl::parse(&text).map_err(D::Error::custom)?;
    Ok(Some(text))
}

/// A `ws://` or `wss://` stream URL.
pub fn ws_url<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(d)?;
    crate::live::parse_url(&text).map_err(D::Error::custom)?;
    Ok(Some(text))
}

/// Messages the Live tab keeps.
pub fn live_buffer<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    within(d, &limits::LIVE_BUFFER)
}

/// The cap on one WebSocket message in KB.
pub fn frame_kb<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    within(d, &limits::MAX_FRAME_KB)
}

/// A content language apidex offers (see [`crate::names::Lang::parse`]).
pub fn lang<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(d)?;
    crate::names::Lang::parse(&text).ok_or_else(|| {
        D::Error::custom(
            "not a language apidex offers (en, ja, ko, zh-hans, zh-hant, fr, de, es, it)",
        )
    })?;
    Ok(Some(text))
}

fn within<'de, D, T>(d: D, limit: &Limit<T>) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Bound,
{
    let value = T::deserialize(d)?;
    limit.check(value).map(Some).map_err(D::Error::custom)
}

/// Requests in flight.
pub fn concurrency<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    within(d, &limits::CONCURRENCY)
}

/// Retries.
pub fn retries<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    within(d, &limits::RETRIES)
}

/// Body cap in MB.
pub fn body_mb<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    within(d, &limits::MAX_BODY_MB)
}

/// Cache cap in MB.
pub fn cache_mb<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    within(d, &limits::CACHE_MAX_MB)
}

/// A request time-out in seconds.
pub fn timeout<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    within(d, &limits::TIMEOUT)
}

/// A connect time-out in seconds.
pub fn connect_timeout<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    within(d, &limits::CONNECT_TIMEOUT)
}

/// A rate: 0 (no cap), or within the limit.
pub fn rate<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    within(d, &limits::MAX_RPS)
}

/// A TTL in hours.
pub fn hours<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    within(d, &limits::TTL_HOURS)
}
