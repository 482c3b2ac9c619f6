//! Checks on values as the config file is read: an out-of-range number or a bad URL is an error
//! with the value's position, like a wrong type. The ranges are the command-line flags'.

use std::fmt::Display;
use std::ops::RangeInclusive;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

use crate::api::BaseUrl;

/// An absolute http(s) base URL.
pub fn url<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(d)?;
    BaseUrl::parse(&text).map_err(D::Error::custom)?;
    Ok(Some(text))
}

fn within<'de, D, T>(d: D, range: RangeInclusive<T>, what: &str) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + PartialOrd + Display,
{
    let value = T::deserialize(d)?;
    if range.contains(&value) {
        Ok(Some(value))
    } else {
        Err(D::Error::custom(format!(
            "{what} must be {} to {}, not {value}",
            range.start(),
            range.end()
        )))
    }
}

/// Requests in flight: 1–256.
pub fn concurrency<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    within(d, 1..=256, "concurrency")
}

/// Retries: 0–10.
pub fn retries<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    within(d, 0..=10, "retries")
}

/// Body cap: 1–1024 MB.
pub fn body_mb<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    within(d, 1..=1024, "max_body_mb")
}

/// Cache cap: 1–100000 MB.
pub fn cache_mb<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    within(d, 1..=100_000, "max_mb")
}

/// A time-out: more than 0 and at most 3600 seconds.
pub fn seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let value = f64::deserialize(d)?;
    if value.is_finite() && value > 0.0 && value <= 3600.0 {
        Ok(Some(value))
    } else {
        Err(D::Error::custom(format!(
            "a timeout must be more than 0 and at most 3600 seconds, not {value}"
        )))
    }
}

/// A rate: 0 (no cap) up to 10000 requests per second.
pub fn rate<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let value = f64::deserialize(d)?;
    if value.is_finite() && (0.0..=10_000.0).contains(&value) {
        Ok(Some(value))
    } else {
        Err(D::Error::custom(format!(
            "max_rps must be 0 (no cap) to 10000, not {value}"
        )))
    }
}

/// A TTL: 0 to 8760 hours (a year).
pub fn hours<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let value = f64::deserialize(d)?;
    if value.is_finite() && (0.0..=24.0 * 365.0).contains(&value) {
        Ok(Some(value))
    } else {
        Err(D::Error::custom(format!(
            "a TTL must be 0 to 8760 hours, not {value}"
        )))
    }
}
