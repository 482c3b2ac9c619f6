//! The one table of allowed values for every numeric setting, used both by the command-line
//! flags (`cli::args`) and by the config file's checks (`check`), so the two cannot drift.
//!
//! The bounds are not only taste: each keeps later arithmetic safe. A rate of `5e-20` per second
//! is a 2·10¹⁹-second interval, past what a `Duration` holds (that panicked); a timeout of
//! `1e-300` seconds is zero. Every value is checked against its [`Limit`] before it is used.

use std::fmt::Display;
use std::str::FromStr;

/// A number a setting may take: compared, parsed, and shown in messages.
pub trait Bound: Copy + PartialOrd + FromStr + Display {
    /// How the value reads in a message (floats in scientific notation when very large or
    /// small, not 300 digits).
    fn show(self) -> String {
        self.to_string()
    }
}

impl Bound for u16 {}
impl Bound for u32 {}
impl Bound for u64 {}
impl Bound for f64 {
    fn show(self) -> String {
        if self != 0.0 && !(1e-4..1e6).contains(&self.abs()) {
            format!("{self:e}")
        } else {
            self.to_string()
        }
    }
}

/// The range one setting allows, both ends included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit<T> {
    /// The setting's name in the config file.
    pub name: &'static str,
    /// The smallest allowed value.
    pub min: T,
    /// The largest allowed value.
    pub max: T,
    /// The unit, for messages (`" seconds"`, or empty).
    pub unit: &'static str,
    /// Whether 0 is allowed besides the range (a rate of 0 is "no cap").
    pub zero_means_off: bool,
}

/// Requests in flight at once.
pub const CONCURRENCY: Limit<u16> = int("concurrency", 1, 256);
/// Retries after a transient failure.
pub const RETRIES: Limit<u32> = int("retries", 0, 10);
/// The cap on one response body, in megabytes.
pub const MAX_BODY_MB: Limit<u32> = int("max_body_mb", 1, 1024);
/// The cap on the response cache, in megabytes.
pub const CACHE_MAX_MB: Limit<u64> = int("max_mb", 1, 100_000);
/// Seconds allowed for one request: a millisecond to an hour.
pub const TIMEOUT: Limit<f64> = float("timeout", 0.001, 3600.0, " seconds");
/// Seconds allowed to connect.
pub const CONNECT_TIMEOUT: Limit<f64> = float("connect_timeout", 0.001, 3600.0, " seconds");
/// Requests per second to each host: one every 100 seconds up to 10000, or 0 for no cap.
pub const MAX_RPS: Limit<f64> = Limit {
    zero_means_off: true,
    ..float("max_rps", 0.01, 10_000.0, " requests per second")
};
/// Messages the Live tab keeps.
pub const LIVE_BUFFER: Limit<u32> = int("buffer", 10, 1_000_000);
/// The cap on one WebSocket message, in kilobytes (1000 bytes).
pub const MAX_FRAME_KB: Limit<u32> = int("max_frame_kb", 1, 1_000_000);
/// Hours a cached response stays fresh: 0 (always revalidate) to a year.
pub const TTL_HOURS: Limit<f64> = float("ttl", 0.0, 8760.0, " hours");

const fn int<T>(name: &'static str, min: T, max: T) -> Limit<T> {
    Limit {
        name,
        min,
        max,
        unit: "",
        zero_means_off: false,
    }
}

const fn float(name: &'static str, min: f64, max: f64, unit: &'static str) -> Limit<f64> {
    Limit {
        name,
        min,
        max,
        unit,
        zero_means_off: false,
    }
}

impl<T: Bound> Limit<T> {
    /// `value` if it is allowed, else a message saying what is (NaN is never allowed: it
    /// compares false with both ends).
    ///
    /// # Errors
    /// The message.
    pub fn check(&self, value: T) -> Result<T, String> {
        let zero = "0".parse::<T>().ok();
        let allowed = (value >= self.min && value <= self.max)
            || (self.zero_means_off && zero.is_some_and(|z| value == z));
        if allowed {
            Ok(value)
        } else {
            Err(format!("{}, not {}", self.rule(), value.show()))
        }
    }

    /// Parses a flag's text and checks it.
    ///
    /// # Errors
    /// Not a number, or not allowed.
    pub fn parse(&self, input: &str) -> Result<T, String> {
        let value: T = input
            .trim()
            .parse()
            .map_err(|_| format!("{input:?} is not a number; {}", self.rule()))?;
        self.check(value)
    }

    /// `max_rps must be 0 (no cap) or 0.01 to 10000 requests per second`.
    pub fn rule(&self) -> String {
        let off = if self.zero_means_off {
            "0 (no cap) or "
        } else {
            ""
        };
        format!(
            "{} must be {off}{} to {}{}",
            self.name,
            self.min.show(),
            self.max.show(),
            self.unit
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_values_are_messages() {
        assert!(MAX_RPS.check(5e-20).unwrap_err().contains("5e-20"));
        assert!(MAX_RPS.check(1e300).is_err());
        assert!(MAX_RPS.check(f64::NAN).is_err());
        assert_eq!(MAX_RPS.check(0.0), Ok(0.0));
        assert_eq!(MAX_RPS.check(2.5), Ok(2.5));
        assert!(TIMEOUT.check(0.0).is_err());
        assert!(TIMEOUT.check(1e30).is_err());
        assert!(TTL_HOURS.check(-1.0).is_err());
        assert!(TTL_HOURS.check(f64::INFINITY).is_err());
        assert_eq!(
            RETRIES.check(99).unwrap_err(),
            "retries must be 0 to 10, not 99"
        );
        assert!(
            CONCURRENCY
                .parse("abc")
                .unwrap_err()
                .contains("not a number")
        );
    }

    #[test]
    fn every_allowed_value_is_safe_to_turn_into_a_duration() {
        // The arithmetic `cli::settings` does with each, at both ends.
        for rate in [MAX_RPS.min, MAX_RPS.max] {
            let _ = std::time::Duration::from_secs_f64(1.0 / rate);
        }
        for hours in [TTL_HOURS.min, TTL_HOURS.max] {
            let _ = std::time::Duration::from_secs_f64(hours * 3600.0);
        }
        assert!(std::time::Duration::from_secs_f64(TIMEOUT.min) > std::time::Duration::ZERO);
    }
}
