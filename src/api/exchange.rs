//! What each request did — its URL, status, headers, size, time, where the answer came from and
//! what the cache made of it — told to an observer scoped to the task that made it, like
//! [`super::origin::observe`] and [`super::retry::observe`]. The browser's `i` overlay and the
//! command line's `--verbose` both listen here; the client only reports, and does the extra work
//! of copying headers only while someone listens (#14).

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Url;
use reqwest::header::HeaderMap;

use super::origin::{Cause, ago};
use crate::sanitize::line;

/// Response headers kept per exchange: enough to read, bounded against a hostile server.
pub const MAX_HEADERS: usize = 48;
/// Characters kept of one header value.
pub const MAX_HEADER_VALUE: usize = 200;

/// Where an answer came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answered {
    /// The server answered just now (any status, 404 included).
    Network,
    /// A fresh cached answer: no request was made.
    Fresh {
        /// How long ago it was fetched.
        age: Duration,
    },
    /// The server said the cached answer is still right (304).
    Revalidated {
        /// How long ago the cached answer was fetched.
        age: Duration,
    },
    /// An out-of-date cached answer, because the network could not be used.
    Stale {
        /// How long ago it was fetched.
        age: Duration,
        /// Why the network could not be used.
        cause: Cause,
    },
    /// The bundled snapshot, because the network could not be used and nothing was cached.
    Snapshot {
        /// Why the network could not be used.
        cause: Cause,
    },
    /// No answer: the request failed (the message says why).
    Failed(String),
}

impl Answered {
    /// A few words: `network`, `cache (fresh, 2 min old)`, `cache (revalidated: 304, 3 h old)`,
    /// `cache (stale, 2 d old: cannot connect)`, `snapshot (offline)`, `failed: …`.
    pub fn describe(&self) -> String {
        match self {
            Self::Network => "network".to_owned(),
            Self::Fresh { age } => format!("cache (fresh, {})", old(*age)),
            Self::Revalidated { age } => format!("cache (revalidated: 304, {})", old(*age)),
            Self::Stale { age, cause } => {
                format!("cache (stale, {}: {})", old(*age), cause.describe())
            }
            Self::Snapshot { cause } => format!("bundled snapshot ({})", cause.describe()),
            Self::Failed(reason) => format!("failed: {reason}"),
        }
    }
}

/// `just now`, `2 min old`.
fn old(age: Duration) -> String {
    ago(age).replace(" ago", " old")
}

/// What the cache did with an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// There is no cache (`--no-cache`, or it could not be opened).
    NoCache,
    /// The answer came from the cache (or there was none): nothing to store.
    NotNeeded,
    /// Stored in the cache.
    Stored,
    /// Not stored: the server said `Cache-Control: no-store`.
    NoStore,
    /// Not stored: the body was not what was asked for (it did not decode).
    Refused,
}

/// One request, as the observer hears of it once it is over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// The method (always `GET` today).
    pub method: &'static str,
    /// The URL asked for, sanitised, without any password.
    pub url: String,
    /// Where a redirect led, when one did (sanitised).
    pub final_url: Option<String>,
    /// The last response's status (`None`: no response, or none needed).
    pub status: Option<u16>,
    /// The last response's headers, sanitised and capped ([`MAX_HEADERS`]); `Set-Cookie` values
    /// are hidden. Empty when the answer came from the cache.
    pub headers: Vec<(String, String)>,
    /// Bytes of the body answered with (decompressed): for a 304 the cached body it confirmed,
    /// for a 404 the body that came with it.
    pub bytes: usize,
    /// From asking to answering, retries included.
    pub elapsed: Duration,
    /// Where the answer came from.
    pub answered: Answered,
    /// What the cache did with it.
    pub stored: Stored,
    /// Retries made.
    pub retries: u32,
    /// When it was asked for, to order a page's requests.
    pub started: Instant,
}

impl Exchange {
    /// Whether a redirect happened.
    pub fn redirected(&self) -> bool {
        self.final_url.is_some()
    }
}

/// What an observer hears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// An attempt failed and is retried after `delay`.
    Retry {
        /// The URL (sanitised).
        url: String,
        /// This retry's number, from 1.
        attempt: u32,
        /// Retries allowed.
        of: u32,
        /// How long until it.
        delay: Duration,
        /// What went wrong with the attempt before.
        reason: String,
    },
    /// A request is over.
    Done(Exchange),
}

/// Called with each [`Note`] of the task's requests.
pub type ExchangeObserver = Arc<dyn Fn(&Note) + Send + Sync>;

tokio::task_local! {
    static OBSERVER: ExchangeObserver;
}

/// Runs `fut` with `observer` told about each of its requests.
pub async fn observe<F: Future>(observer: ExchangeObserver, fut: F) -> F::Output {
    OBSERVER.scope(observer, fut).await
}

/// Whether the current task has an observer (so the client copies headers only then).
/// The current task's observer, to carry into a task it spawns (task-locals stay behind).
pub fn current() -> Option<ExchangeObserver> {
    OBSERVER.try_with(Arc::clone).ok()
}

pub(crate) fn listening() -> bool {
    OBSERVER.try_with(|_| ()).is_ok()
}

/// Tells the current task's observer, if any.
pub(crate) fn report(note: &Note) {
    let _ = OBSERVER.try_with(|observer| observer(note));
}

/// A URL as shown: sanitised, with any password left out (the rule every message follows,
/// [`super::error::hidden`]).
pub fn shown_url(url: &Url) -> String {
    line(&super::error::hidden(url.as_str())).into_owned()
}

/// Headers as kept: names lower-case, values sanitised and cut, `Set-Cookie` hidden, at most
/// [`MAX_HEADERS`] (the last entry says how many more there were).
pub fn kept_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    let mut kept: Vec<(String, String)> = headers
        .iter()
        .take(MAX_HEADERS)
        .map(|(name, value)| {
            let name = line(name.as_str()).into_owned();
            let value = if name == "set-cookie" {
                "(hidden)".to_owned()
            } else {
                let text = String::from_utf8_lossy(value.as_bytes());
                let cut: String = text.chars().take(MAX_HEADER_VALUE).collect();
                let more = if text.chars().count() > MAX_HEADER_VALUE {
                    "…"
                } else {
                    ""
                };
                format!("{}{more}", line(&cut))
            };
            (name, value)
        })
        .collect();
    if headers.len() > MAX_HEADERS {
        kept.push((
            "…".to_owned(),
            format!("{} more headers", headers.len() - MAX_HEADERS),
        ));
    }
    kept
}

/// The lines `--verbose` prints for a note (without the `apidex: ` prefix): the request, the
/// cache's decision, the redirect, each on its own.
pub fn log_lines(note: &Note) -> Vec<String> {
    match note {
        Note::Retry {
            url,
            attempt,
            of,
            delay,
            reason,
        } => vec![format!(
            "retry {attempt} of {of} in {} ms: {}",
            delay.as_millis(),
            naming(reason, url)
        )],
        Note::Done(ex) => {
            let mut lines = Vec::new();
            let url = &ex.url;
            let ms = ex.elapsed.as_millis();
            match (&ex.answered, ex.status) {
                (Answered::Fresh { age }, _) => {
                    lines.push(format!(
                        "cache: fresh hit for {url} (fetched {})",
                        ago(*age)
                    ));
                }
                (Answered::Failed(reason), _) => {
                    lines.push(format!("failed after {ms} ms: {}", naming(reason, url)));
                }
                // Answered without a request: the stale or snapshot line below says so; a GET
                // line would claim an exchange that never happened.
                (Answered::Stale { .. } | Answered::Snapshot { .. }, _) | (_, None) => {}
                (Answered::Revalidated { age }, Some(status)) => {
                    // The 304 brought no body: the size is the cached one it confirmed.
                    lines.push(format!(
                        "GET {url} → {status} (not modified), cached body {} bytes, {ms} ms",
                        ex.bytes
                    ));
                    lines.push(format!(
                        "cache: revalidated {url} (304: the copy fetched {} is still right)",
                        ago(*age)
                    ));
                }
                (_, Some(status)) => {
                    lines.push(format!("GET {url} → {status}, {} bytes, {ms} ms", ex.bytes));
                }
            }
            match &ex.answered {
                Answered::Stale { age, cause } => lines.push(format!(
                    "cache: stale answer for {url} (fetched {}; the network failed: {})",
                    ago(*age),
                    cause.describe()
                )),
                Answered::Snapshot { cause } => lines.push(format!(
                    "snapshot: {url} answered from the bundled snapshot ({})",
                    cause.describe()
                )),
                _ => {}
            }
            match ex.stored {
                Stored::Stored => lines.push(format!("cache: stored {url}")),
                Stored::NoStore => {
                    lines.push(format!("cache: not stored {url} (Cache-Control: no-store)"));
                }
                Stored::Refused => {
                    lines.push(format!("cache: not stored {url} (the body did not decode)"));
                }
                Stored::NoCache | Stored::NotNeeded => {}
            }
            if let Some(to) = &ex.final_url {
                lines.push(format!("redirect: {url} → {to}"));
            }
            lines
        }
    }
}

/// `reason`, followed by the request when it does not name the URL itself (most errors do).
fn naming(reason: &str, url: &str) -> String {
    if reason.contains(url) {
        reason.to_owned()
    } else {
        format!("{reason} (GET {url})")
    }
}

/// `200 OK`, `404 Not Found`.
pub fn status_text(code: u16) -> String {
    let reason = reqwest::StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(reason) => format!("{code} {reason}"),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_capped_sanitised_and_cookies_hidden() {
        let mut headers = HeaderMap::new();
        headers.insert("set-cookie", "session=secret".parse().unwrap());
        headers.insert("x-long", "a".repeat(500).parse().unwrap());
        for i in 0..60 {
            headers.insert(
                reqwest::header::HeaderName::from_bytes(format!("x-{i}").as_bytes()).unwrap(),
                "v".parse().unwrap(),
            );
        }
        let kept = kept_headers(&headers);
        assert_eq!(kept.len(), MAX_HEADERS + 1);
        assert!(kept.iter().all(|(_, v)| !v.contains("secret")));
        let long = kept.iter().find(|(n, _)| n == "x-long").unwrap();
        assert_eq!(long.1.chars().count(), MAX_HEADER_VALUE + 1);
        assert_eq!(kept.last().unwrap().1, "14 more headers");
    }

    #[test]
    fn passwords_are_left_out() {
        let url = Url::parse("http://me:secret@127.0.0.1/x").unwrap();
        assert_eq!(shown_url(&url), "http://me@127.0.0.1/x");
    }

    #[test]
    fn origins_read_naturally() {
        let age = Duration::from_secs(125);
        assert_eq!(
            Answered::Fresh { age }.describe(),
            "cache (fresh, 2 min old)"
        );
        assert_eq!(Answered::Network.describe(), "network");
    }
}
