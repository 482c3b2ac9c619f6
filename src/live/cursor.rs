//! Jetstream resume: the last `time_us` seen, the URL that asks for what came after it, and
//! dropping what the server sends again.

use reqwest::Url;

/// Where a Jetstream stream is: the newest `time_us` delivered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Whether the URL is a Jetstream subscription (a path ending in `/subscribe`), where
    /// `cursor=` resumes.
    jetstream: bool,
    last: Option<u64>,
}

impl Cursor {
    /// The cursor for a stream at `url`; nothing seen yet.
    pub fn for_url(url: &Url) -> Self {
        Self {
            jetstream: url.path().ends_with("/subscribe"),
            last: None,
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

    /// The URL to connect to: `url`, with `cursor=` set to the last `time_us` delivered (any
    /// `cursor` the user gave replaced). Jetstream replays from the first event at or after the
    /// cursor, so the last one comes again and [`Cursor::accept`] drops it: asking for one
    /// microsecond later could skip an event that shares its time.
    pub fn url(&self, url: &Url) -> Url {
        let Some(last) = self.last.filter(|_| self.jetstream) else {
            return url.clone();
        };
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
            .append_pair("cursor", &last.to_string());
        resumed
    }

    /// Notes a message's `time_us`; `false` when it is one already delivered (not after the
    /// last), to be dropped. Messages without one always pass.
    pub fn accept(&mut self, time_us: Option<u64>) -> bool {
        let Some(time) = time_us.filter(|_| self.jetstream) else {
            return true;
        };
        if self.last.is_some_and(|last| time <= last) {
            return false;
        }
        self.last = Some(time);
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
    fn resumes_from_the_last_time_and_drops_repeats() {
        let base = url("ws://h/subscribe?wantedCollections=a&cursor=5");
        let mut cursor = Cursor::for_url(&base);
        assert_eq!(
            cursor.url(&base),
            base,
            "nothing seen: the user's URL as given"
        );
        assert!(cursor.accept(Some(10)));
        assert!(cursor.accept(Some(20)));
        assert!(!cursor.accept(Some(20)), "the replayed last one");
        assert!(!cursor.accept(Some(15)));
        assert!(cursor.accept(None));
        assert_eq!(
            cursor.url(&base).as_str(),
            "ws://h/subscribe?wantedCollections=a&cursor=20"
        );
    }

    #[test]
    fn other_streams_are_left_alone() {
        let echo = url("ws://h/echo");
        let mut cursor = Cursor::for_url(&echo);
        assert!(cursor.accept(Some(3)) && cursor.accept(Some(3)));
        assert_eq!(cursor.url(&echo), echo);
    }
}
