//! What one exchange showed — status, headers, retries, where the answer came from — gathered
//! as it goes and told to the task's [`crate::api::exchange`] observer when it ends.

use std::time::{Duration, Instant};

use reqwest::header::HeaderMap;
use reqwest::{StatusCode, Url};

use super::fields;
use crate::api::exchange::{self, Answered, Exchange, Note, Stored};
use crate::api::origin::Origin;
use crate::store::responses::CachedResponse;

/// What one exchange showed, gathered as it goes for the task's [`exchange`] observer. Headers
/// are copied only while someone listens.
pub(super) struct Trace {
    started: Instant,
    pub(super) listening: bool,
    status: Option<u16>,
    headers: Vec<(String, String)>,
    final_url: Option<Url>,
    pub(super) retries: u32,
    /// The cached copy's age when a 304 confirmed it.
    pub(super) revalidated: Option<Duration>,
    /// The status the cached copy was stored with (a cached or stale answer's).
    cached_status: Option<u16>,
    /// The headers the cached copy was stored with, copied only while someone listens.
    cached_headers: Vec<(String, String)>,
    /// The bytes of a body read but not answered with (a 404's).
    read: usize,
}

impl Trace {
    /// A trace starting now.
    pub(super) fn start() -> Self {
        Self {
            started: Instant::now(),
            listening: exchange::listening(),
            status: None,
            headers: Vec::new(),
            final_url: None,
            retries: 0,
            revalidated: None,
            cached_status: None,
            cached_headers: Vec::new(),
            read: 0,
        }
    }

    /// The answer is the cached `entry`: its status and stored headers are the ones to show.
    pub(super) fn cached(&mut self, entry: &CachedResponse) {
        self.cached_status = Some(entry.status);
        if self.listening
            && let Some(stored) = &entry.headers
        {
            self.cached_headers = exchange::kept_headers(&fields::decode(&stored.response));
        }
    }

    /// A response arrived (from `final_url`, after any redirects).
    pub(super) fn saw(&mut self, status: StatusCode, headers: &HeaderMap, final_url: &Url) {
        self.status = Some(status.as_u16());
        if self.listening {
            self.headers = exchange::kept_headers(headers);
            self.final_url = Some(final_url.clone());
        }
    }

    /// A body of `bytes` was read that is no answer (a 404's).
    pub(super) fn read(&mut self, bytes: usize) {
        self.read = bytes;
    }

    /// A 404 is the answer: the observer hears of it, with the body that came.
    pub(super) fn missing(self, url: &Url) {
        let read = self.read;
        self.finish(url, Answered::Network, read, Stored::NotNeeded);
    }

    /// Where an answer with `origin` came from, as the observer is told.
    pub(super) fn answered(&self, origin: Origin) -> Answered {
        match (origin, self.revalidated) {
            (Origin::Network, _) => Answered::Network,
            (Origin::Cache { .. }, Some(age)) => Answered::Revalidated { age },
            (Origin::Cache { age }, None) => Answered::Fresh { age },
            (Origin::Stale { age, cause }, _) => Answered::Stale { age, cause },
            (Origin::Snapshot { cause }, _) => Answered::Snapshot { cause },
        }
    }

    /// The exchange for `url` is over: the observer, if any, hears of it.
    pub(super) fn finish(self, url: &Url, answered: Answered, bytes: usize, stored: Stored) {
        if !self.listening {
            return;
        }
        let final_url = self
            .final_url
            .filter(|to| to != url)
            .map(|to| exchange::shown_url(&to));
        // A cached answer shows the status it was stored with, a snapshot's none (a stale one
        // may follow a failed attempt's status, which is not the answer's).
        let network = matches!(answered, Answered::Network | Answered::Revalidated { .. });
        let status = if network {
            self.status
        } else {
            self.cached_status
        };
        exchange::report(&Note::Done(Exchange {
            method: "GET",
            url: exchange::shown_url(url),
            final_url: final_url.filter(|_| network),
            status,
            headers: if network {
                self.headers
            } else {
                self.cached_headers
            },
            bytes,
            elapsed: self.started.elapsed(),
            answered,
            stored,
            retries: self.retries,
            started: self.started,
        }));
    }
}
