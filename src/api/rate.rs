//! An optional cap on requests per second to each host, so a big batch stays within an API's
//! fair use even when the concurrency limit would allow more.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// Spaces requests to one host at least `interval` apart.
#[derive(Debug, Clone)]
pub struct RateLimit {
    interval: Duration,
    next_slot: Arc<Mutex<HashMap<String, Instant>>>,
}

impl RateLimit {
    /// At most one request per `interval` to each host.
    pub fn new(interval: Duration) -> Self {
        Self {
            interval,
            next_slot: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// Waits for this host's next free slot and takes it.
    pub async fn wait(&self, host: &str) {
        let wake = {
            let mut slots = self
                .next_slot
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let now = Instant::now();
            let slot = slots.get(host).copied().unwrap_or(now).max(now);
            slots.insert(host.to_owned(), slot + self.interval);
            slot
        };
        tokio::time::sleep_until(wake).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn requests_to_one_host_are_spaced_others_are_not() {
        let limit = RateLimit::new(Duration::from_millis(100));
        let start = Instant::now();
        for _ in 0..5 {
            limit.wait("a").await;
        }
        // Five slots: 0, 100, 200, 300, 400 ms (virtual time, so this is exact).
        assert_eq!(start.elapsed(), Duration::from_millis(400));
        let other = Instant::now();
        limit.wait("b").await;
        assert_eq!(other.elapsed(), Duration::ZERO);
    }
}
