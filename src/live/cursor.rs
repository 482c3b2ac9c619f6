//! Jetstream resume: the newest `time_us` seen, the URL that asks for what came after it, and
//! dropping what the server sends again right after a resume.

use reqwest::Url;

/// Where a Jetstream stream is: the newest `time_us` delivered, and whether the connection is a
/// resumed one still catching up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Whether the URL is a Jetstream subscription (a path ending in `/subscribe`), where
    /// `cursor=` resumes.
    jetstream: bool,
    last: Option<u64>,
    /// The cursor this connection asked for, until the first event at or after it arrives:
    /// events before it are ones already delivered. `None`: a live connection, where nothing
    /// is dropped (a stream whose `time_us` goes backwards is passed on as it comes).
    resumed_from: Option<u64>,
}

impl Cursor {
    /// The cursor for a stream at `url`; nothing seen yet.
    pub fn for_url(url: &Url) -> Self {
        Self {
            jetstream: url.path().ends_with("/subscribe"),
            last: None,
            resumed_from: None,
        }
    }

    /// Whether resuming applies to this stream.
    pub fn is_jetstream(&self) -> bool {
        self.jetstream
    }

    /// The newest `time_us` delivered.
    pub fn last(&self) -> Option<u64> {
        self.last
    }

    /// The URL for the next connection: `url`, with `cursor=` one microsecond after the newest
    /// `time_us` delivered (any `cursor` the user gave replaced). Jetstream replays from the
    /// cursor inclusively, so asking for the last one itself would bring it back every time,
    /// and a connection that carries only that one would never move the stream on.
    pub fn resume_url(&mut self, url: &Url) -> Url {
        self.resumed_from = None;
        let Some(last) = self.last.filter(|_| self.jetstream) else {
            return url.clone();
        };
        let from = last.saturating_add(1);
        self.resumed_from = Some(from);
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(key, _)| key != "cursor")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut resumed = url.clone();
        resumed
            .query_pairs_mut()
            .clear()
            .extend_pairs(kept)
            .append_pair("cursor", &from.to_string());
        resumed
    }

    /// Notes a message's `time_us`; `false` when it is a repeat sent right after a resume
    /// (before the cursor asked for), to be dropped. Messages without one always pass.
    pub fn accept(&mut self, time_us: Option<u64>) -> bool {
        let Some(time) = time_us.filter(|_| self.jetstream) else {
            return true;
        };
        if let Some(from) = self.resumed_from {
            if time < from {
                return false;
            }
            // Caught up: from here on the connection is live.
            self.resumed_from = None;
        }
        self.last = Some(self.last.map_or(time, |last| last.max(time)));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap_or_else(|_| Url::parse("ws://x/").unwrap_or_else(|_| unreachable!()))
    }

    #[test]
    fn resumes_after_the_last_time_and_drops_repeats_only_then() {
        let base = url("ws://h/subscribe?wantedCollections=a&cursor=5");
        let mut cursor = Cursor::for_url(&base);
        assert_eq!(
            cursor.resume_url(&base),
            base,
            "nothing seen: the user's URL as given"
        );
        assert!(cursor.accept(Some(10)));
        assert!(cursor.accept(Some(20)));
        assert!(
            cursor.accept(Some(15)),
            "backwards on a live connection: passed on"
        );
        assert!(cursor.accept(Some(20)), "a repeat on a live connection too");
        assert!(cursor.accept(None));
        assert_eq!(cursor.last(), Some(20), "the newest, not the latest");
        assert_eq!(
            cursor.resume_url(&base).as_str(),
            "ws://h/subscribe?wantedCollections=a&cursor=21"
        );
        assert!(!cursor.accept(Some(20)), "replayed after the resume");
        assert!(!cursor.accept(Some(3)));
        assert!(cursor.accept(Some(21)));
        assert!(
            cursor.accept(Some(19)),
            "caught up: the connection is live again"
        );
    }

    #[test]
    fn other_streams_are_left_alone() {
        let echo = url("ws://h/echo");
        let mut cursor = Cursor::for_url(&echo);
        assert!(cursor.accept(Some(3)) && cursor.accept(Some(3)));
        assert_eq!(cursor.resume_url(&echo), echo);
    }
}
