//! Retrying what may work a moment later: transport errors, timeouts, 429 and 5xx, with
//! exponential backoff and jitter, honouring `Retry-After`.
//!
//! Whoever wants to see retries as they happen (the TUI shows "retrying (2/3)" on the item) runs
//! its fetch inside [`observe`]; the client reports each retry to the observer of the task that
//! made the request.

use std::collections::hash_map::RandomState;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

/// The first backoff; each retry doubles it.
pub const BASE_DELAY: Duration = Duration::from_millis(250);
/// No backoff (or `Retry-After`) waits longer than this: a server asking for minutes would leave
/// the user staring at a spinner.
pub const MAX_DELAY: Duration = Duration::from_secs(8);

/// Called with (retry number, retries allowed) before each retry.
pub type RetryObserver = Arc<dyn Fn(u32, u32) + Send + Sync>;

tokio::task_local! {
    static OBSERVER: RetryObserver;
}

/// Runs `fut` with `observer` told about every retry of the requests it makes.
pub async fn observe<F: Future>(observer: RetryObserver, fut: F) -> F::Output {
    OBSERVER.scope(observer, fut).await
}

/// Tells the current task's observer, if any, that retry `attempt` of `of` is about to happen.
pub(crate) fn report(attempt: u32, of: u32) {
    let _ = OBSERVER.try_with(|observer| observer(attempt, of));
}

/// Whether a response status is worth retrying: 429 (too many requests) or 5xx. The one rule
/// for every place that asks — the HTTP client's retries, [`super::ApiError::is_transient`],
/// the WebSocket upgrade.
pub fn retryable_status(status: StatusCode) -> bool {
    retryable_code(status.as_u16())
}

/// [`retryable_status`] for a bare status code.
pub fn retryable_code(code: u16) -> bool {
    code == 429 || (500..600).contains(&code)
}

/// The server's `Retry-After`, in seconds (the HTTP-date form is rare for APIs and ignored).
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    let seconds: u64 = value.trim().parse().ok()?;
    Some(Duration::from_secs(seconds))
}

/// How long to wait before retry `attempt` (1-based): `base` doubled per retry, with jitter, at
/// least what the server asked for, at most [`MAX_DELAY`].
pub fn backoff(base: Duration, attempt: u32, server_asked: Option<Duration>) -> Duration {
    let exponential = base.saturating_mul(1 << attempt.saturating_sub(1).min(16));
    // Full jitter between half and all of the exponential delay, so a batch that failed together
    // does not retry in lockstep.
    let jittered = exponential.mul_f64(0.5 + 0.5 * random_unit());
    jittered
        .max(server_asked.unwrap_or_default())
        .min(MAX_DELAY)
}

/// A pseudo-random number in [0, 1): std's hasher keys are random per process and per call,
/// which is all jitter needs.
fn random_unit() -> f64 {
    let bits = RandomState::new().build_hasher().finish() >> 11;
    // 53 bits fit an f64 mantissa exactly.
    #[allow(clippy::cast_precision_loss)]
    let unit = bits as f64 / (1u64 << 53) as f64;
    unit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_has_jitter_and_is_capped() {
        for attempt in 1..=3 {
            let base = BASE_DELAY * (1 << (attempt - 1));
            let delay = backoff(BASE_DELAY, attempt, None);
            assert!(delay >= base / 2 && delay <= base, "{attempt}: {delay:?}");
        }
        assert_eq!(backoff(BASE_DELAY, 30, None), MAX_DELAY);
        let delays: std::collections::HashSet<Duration> =
            (0..20).map(|_| backoff(BASE_DELAY, 3, None)).collect();
        assert!(delays.len() > 1, "jitter varies the delay");
    }

    #[test]
    fn retry_after_is_a_floor_under_the_cap() {
        assert_eq!(
            backoff(BASE_DELAY, 1, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert_eq!(
            backoff(BASE_DELAY, 1, Some(Duration::from_secs(600))),
            MAX_DELAY
        );
    }

    #[test]
    fn which_statuses_are_retried() {
        for code in [429, 500, 502, 503, 504] {
            assert!(
                retryable_status(StatusCode::from_u16(code).unwrap()),
                "{code}"
            );
        }
        for code in [400, 401, 403, 404, 410, 418] {
            assert!(
                !retryable_status(StatusCode::from_u16(code).unwrap()),
                "{code}"
            );
        }
    }

    #[test]
    fn retry_after_seconds_are_read() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, "3".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        headers.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers), None);
    }
}
