//! What apidex knows about each server right now, learned from the outcome of every request:
//! online, unreachable (no connection could be made), or failing (answering 5xx/429).
//!
//! While a server is unreachable, requests to it are answered at once from the cache or the
//! snapshot instead of each waiting through its own retries (a dead server used to cost every
//! page 4 s). A probe with backoff notices when it comes back; watchers (the browser) hear of
//! every change so they can say what is true and refresh what came from the fallback.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, PoisonError};

use reqwest::Url;
use tokio::sync::watch;

/// The state of one server (scheme, host and port).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// The last exchange worked (or nothing has been tried yet).
    Online,
    /// No connection could be made: refused, DNS, TLS or a timeout.
    Unreachable {
        /// Why, in the words of the failed request.
        reason: String,
    },
    /// The server answers, but with errors (5xx or 429) after every retry.
    Failing {
        /// The last status it sent.
        code: u16,
    },
}

impl Reach {
    /// Whether requests should skip the network (answered from the cache or snapshot).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, Self::Unreachable { .. })
    }

    /// What the status bar says for a source in this state: nothing when online.
    pub fn label(&self, api_name: &str) -> Option<String> {
        match self {
            Self::Online => None,
            Self::Unreachable { .. } => Some("offline".to_owned()),
            Self::Failing { code } => Some(format!("{api_name}: HTTP {code}")),
        }
    }
}

/// Every server's state, by [`server_key`]. Servers not in the map are online.
pub type ReachMap = BTreeMap<String, Reach>;

/// The shared record of server states. Clones share it.
#[derive(Debug, Clone)]
pub struct Connectivity {
    inner: Arc<Mutex<Inner>>,
    changes: Arc<watch::Sender<ReachMap>>,
}

#[derive(Debug, Default)]
struct Inner {
    states: ReachMap,
    /// Servers a probe is watching, so there is one probe per server at most.
    probing: BTreeSet<String>,
}

impl Default for Connectivity {
    fn default() -> Self {
        Self {
            inner: Arc::default(),
            changes: Arc::new(watch::Sender::new(ReachMap::new())),
        }
    }
}

/// `https://pokeapi.co:443`: the part of a URL that identifies one server.
pub fn server_key(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or_default()
    )
}

impl Connectivity {
    /// The state of `url`'s server.
    pub fn state(&self, url: &Url) -> Reach {
        self.lock()
            .states
            .get(&server_key(url))
            .cloned()
            .unwrap_or(Reach::Online)
    }

    /// Records what an exchange with `url`'s server showed. Returns the previous state.
    pub fn record(&self, url: &Url, reach: Reach) -> Reach {
        let key = server_key(url);
        let mut inner = self.lock();
        let states = &mut inner.states;
        let previous = states.get(&key).cloned().unwrap_or(Reach::Online);
        if previous == reach {
            return previous;
        }
        // A change of kind is news (and a new status code); a new reason for being unreachable
        // is not worth a redraw.
        let news = std::mem::discriminant(&previous) != std::mem::discriminant(&reach)
            || matches!(reach, Reach::Failing { .. });
        tracing::info!(server = %key, ?previous, now = ?reach, "server state");
        if reach == Reach::Online {
            states.remove(&key);
        } else {
            states.insert(key, reach);
        }
        if news {
            self.changes.send_replace(states.clone());
        }
        previous
    }

    /// Every server that is not online, now and whenever that changes.
    pub fn watch(&self) -> watch::Receiver<ReachMap> {
        self.changes.subscribe()
    }

    /// Whether a probe should start for `url`'s server: it is unreachable and nobody probes it
    /// yet. The caller that gets `true` must run the probe until [`Connectivity::keep_probing`]
    /// says stop.
    pub(crate) fn start_probe(&self, url: &Url) -> bool {
        let key = server_key(url);
        let mut inner = self.lock();
        inner.states.get(&key).is_some_and(Reach::is_unreachable) && inner.probing.insert(key)
    }

    /// Whether the probe of `url`'s server should go on (the server is still unreachable);
    /// when not, the probe is over — checked and ended under one lock, so a server that goes
    /// down again at once gets a new probe.
    pub(crate) fn keep_probing(&self, url: &Url) -> bool {
        let key = server_key(url);
        let mut inner = self.lock();
        let unreachable = inner.states.get(&key).is_some_and(Reach::is_unreachable);
        if !unreachable {
            inner.probing.remove(&key);
        }
        unreachable
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

tokio::task_local! {
    static FORCED: ();
}

/// Runs `fut` with every request it makes going to the network: no fresh-cache answer and no
/// skipping an unreachable server. This is what `r` (retry) does, so it always retries for real.
pub async fn forced<F: std::future::Future>(fut: F) -> F::Output {
    FORCED.scope((), fut).await
}

/// Whether the current task runs inside [`forced`].
pub(crate) fn is_forced() -> bool {
    FORCED.try_with(|()| ()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn servers_are_told_apart_by_scheme_host_and_port() {
        assert_eq!(
            server_key(&url("https://pokeapi.co/api/v2/pokemon/1")),
            "https://pokeapi.co:443"
        );
        assert_ne!(
            server_key(&url("http://127.0.0.1:18001/a")),
            server_key(&url("http://127.0.0.1:18002/a"))
        );
    }

    #[test]
    fn watchers_hear_of_changes_of_kind_only() {
        let reach = Connectivity::default();
        let mut changes = reach.watch();
        let dead = url("http://127.0.0.1:9/x");
        let gone = Reach::Unreachable {
            reason: "refused".into(),
        };
        assert_eq!(reach.record(&dead, gone.clone()), Reach::Online);
        assert!(changes.has_changed().unwrap_or(false));
        assert!(
            changes
                .borrow_and_update()
                .values()
                .all(Reach::is_unreachable)
        );
        // The same kind again, with another reason: no news.
        reach.record(
            &dead,
            Reach::Unreachable {
                reason: "timed out".into(),
            },
        );
        assert!(!changes.has_changed().unwrap_or(true));
        assert!(reach.state(&dead).is_unreachable());
        assert!(reach.record(&dead, Reach::Online).is_unreachable());
        assert!(changes.borrow_and_update().is_empty());
        assert_eq!(reach.state(&dead), Reach::Online);
    }

    #[test]
    fn labels_say_what_is_true() {
        assert_eq!(Reach::Online.label("PokeAPI"), None);
        assert_eq!(
            Reach::Failing { code: 503 }.label("PokeAPI").as_deref(),
            Some("PokeAPI: HTTP 503")
        );
        assert_eq!(
            Reach::Unreachable { reason: "x".into() }
                .label("PokeAPI")
                .as_deref(),
            Some("offline")
        );
    }
}
