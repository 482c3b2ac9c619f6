//! Reconnect delays: doubling from a base up to a ceiling, each drawn at random from its upper
//! half ("equal jitter"), so many clients dropped at once do not come back in lockstep.

use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

/// The reconnect delays of one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The first delay's ceiling.
    pub base: Duration,
    /// No delay is longer than this.
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            base: Duration::from_millis(500),
            max: Duration::from_secs(30),
        }
    }
}

impl Backoff {
    /// The delay before attempt `attempt` (2 is the first retry): between half and all of
    /// `base · 2^(attempt − 2)`, capped at `max`.
    pub fn delay(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(2).min(16);
        let ceiling = self.base.saturating_mul(1 << doublings).min(self.max);
        // Randomness without a dependency: the standard library seeds every RandomState anew.
        let random = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        let permille = u32::try_from(random % 1000).unwrap_or(0);
        let fraction = 0.5 + f64::from(permille) / 2000.0;
        ceiling.mul_f64(fraction)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_stay_jittered_and_capped() {
        let backoff = Backoff {
            base: Duration::from_secs(1),
            max: Duration::from_secs(8),
        };
        for _ in 0..50 {
            let first = backoff.delay(2);
            assert!(first >= Duration::from_millis(500) && first <= Duration::from_secs(1));
            let third = backoff.delay(4);
            assert!(third >= Duration::from_secs(2) && third <= Duration::from_secs(4));
            assert!(backoff.delay(40) <= Duration::from_secs(8));
        }
    }
}
