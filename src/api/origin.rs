//! Where a response came from — the network, the cache (fresh or stale), or the bundled
//! snapshot — so the UI can say "cached 3 h ago" or "offline".
//!
//! Like retries, origins are reported to an observer scoped to the task that made the request.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// Where a response came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Fetched just now.
    Network,
    /// From the cache, still fresh (or confirmed unchanged by the server).
    Cache {
        /// How long ago it was fetched.
        age: Duration,
    },
    /// From the cache, out of date, because the network could not be used.
    Stale {
        /// How long ago it was fetched.
        age: Duration,
        /// Why the network could not be used.
        cause: Cause,
    },
    /// From the snapshot bundled with apidex, because the network could not be used and
    /// nothing was cached.
    Snapshot {
        /// Why the network could not be used.
        cause: Cause,
    },
}

/// Why an answer could not come from the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The user asked for `--offline`.
    Offline,
    /// No connection could be made (or the server was known to be unreachable).
    Unreachable,
    /// The server answered with this error status (5xx, 429) on every try.
    Status(u16),
    /// The server did not answer in time.
    Timeout,
    /// The connection broke during the exchange.
    Broken,
}

impl Cause {
    /// Why a request that failed with `error` had to be answered without the network.
    pub fn of(error: &super::ApiError) -> Self {
        use super::ApiError;
        match error {
            ApiError::Offline { .. } => Self::Offline,
            ApiError::Status { code, .. } => Self::Status(*code),
            ApiError::Timeout { .. } => Self::Timeout,
            ApiError::Transport { .. } => Self::Broken,
            _ => Self::Unreachable,
        }
    }

    /// Why, as a message says it: `cannot connect`, `HTTP 503`, `timed out`.
    pub fn describe(self) -> String {
        match self {
            Self::Unreachable => "cannot connect".to_owned(),
            other => other.label(),
        }
    }

    /// A few words for a badge: `offline`, `HTTP 503`, `timed out`.
    pub fn label(self) -> String {
        match self {
            Self::Offline | Self::Unreachable => "offline".to_owned(),
            Self::Status(code) => format!("HTTP {code}"),
            Self::Timeout => "timed out".to_owned(),
            Self::Broken => "connection failed".to_owned(),
        }
    }
}

impl Origin {
    /// How much this origin should worry the user, for combining the origins of a page's parts.
    fn rank(self) -> u8 {
        match self {
            Self::Network => 0,
            Self::Cache { .. } => 1,
            Self::Stale { .. } => 2,
            Self::Snapshot { .. } => 3,
        }
    }

    /// The more worrying of two origins (for equal kinds, the older).
    #[must_use]
    pub fn worse(self, other: Self) -> Self {
        match (self, other) {
            (Self::Cache { age: a }, Self::Cache { age: b }) => Self::Cache { age: a.max(b) },
            (Self::Stale { age: a, cause }, Self::Stale { age: b, .. }) => Self::Stale {
                age: a.max(b),
                cause,
            },
            _ if other.rank() > self.rank() => other,
            _ => self,
        }
    }

    /// Whether the network could not be used for it.
    pub fn is_offline(self) -> bool {
        matches!(self, Self::Stale { .. } | Self::Snapshot { .. })
    }

    /// A short badge: `cached 3 h ago`, `offline · cached 2 d ago`, `HTTP 503 · bundled
    /// snapshot`.
    pub fn badge(self) -> Option<String> {
        match self {
            Self::Network => None,
            Self::Cache { age } => Some(format!("cached {}", ago(age))),
            Self::Stale { age, cause } => Some(format!("{} · cached {}", cause.label(), ago(age))),
            Self::Snapshot { cause } => Some(format!("{} · bundled snapshot", cause.label())),
        }
    }
}

/// `just now`, `5 min ago`, `3 h ago`, `2 d ago`.
pub fn ago(age: Duration) -> String {
    let secs = age.as_secs();
    match secs {
        0..=59 => "just now".to_owned(),
        60..=3599 => format!("{} min ago", secs / 60),
        3600..=86_399 => format!("{} h ago", secs / 3600),
        _ => format!("{} d ago", secs / 86_400),
    }
}

/// Called with the origin of each response the task receives.
pub type OriginObserver = Arc<dyn Fn(Origin) + Send + Sync>;

tokio::task_local! {
    static OBSERVER: OriginObserver;
}

/// Runs `fut` with `observer` told where each of its responses came from.
pub async fn observe<F: Future>(observer: OriginObserver, fut: F) -> F::Output {
    OBSERVER.scope(observer, fut).await
}

/// Tells the current task's observer, if any.
pub(crate) fn report(origin: Origin) {
    let _ = OBSERVER.try_with(|observer| observer(origin));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally() {
        assert_eq!(ago(Duration::from_secs(5)), "just now");
        assert_eq!(ago(Duration::from_secs(300)), "5 min ago");
        assert_eq!(ago(Duration::from_secs(3 * 3600 + 5)), "3 h ago");
        assert_eq!(ago(Duration::from_secs(2 * 86_400)), "2 d ago");
    }

    #[test]
    fn the_worse_origin_wins() {
        let cache = Origin::Cache {
            age: Duration::from_secs(10),
        };
        assert_eq!(Origin::Network.worse(cache), cache);
        let snapshot = Origin::Snapshot {
            cause: Cause::Unreachable,
        };
        assert_eq!(cache.worse(snapshot), snapshot);
        assert_eq!(
            cache.worse(Origin::Cache {
                age: Duration::from_secs(99)
            }),
            Origin::Cache {
                age: Duration::from_secs(99)
            }
        );
        assert!(snapshot.is_offline() && !cache.is_offline());
        assert_eq!(
            Origin::Snapshot {
                cause: Cause::Status(503)
            }
            .badge()
            .as_deref(),
            Some("HTTP 503 · bundled snapshot")
        );
    }
}
