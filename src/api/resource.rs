//! A decoded API resource that keeps the exact JSON it came from.

use std::fmt;
use std::sync::Arc;

use super::origin::Origin;

/// A typed view of a response plus the response body exactly as the API sent it.
///
/// The typed part (`data`) holds only the fields apidex shows; the raw part is kept so that
/// `--json` output, exports and link-following see everything the API returned, byte for byte.
/// Cloning is cheap for the raw part (shared).
#[derive(Clone)]
pub struct Resource<T> {
    /// The fields apidex uses.
    pub data: T,
    /// The URL the resource was fetched from.
    pub url: Arc<str>,
    /// Where the body came from: the network, the cache, or the snapshot.
    pub origin: Origin,
    /// The body's text, checked to be JSON when it was received.
    raw: Arc<str>,
}

impl<T> Resource<T> {
    /// Wraps already-decoded data with the raw JSON it was decoded from. `raw` must be valid
    /// JSON (the HTTP client only passes text that decoded without error).
    pub fn new(data: T, url: impl Into<Arc<str>>, raw: Arc<str>) -> Self {
        Self {
            data,
            url: url.into(),
            origin: Origin::Network,
            raw,
        }
    }

    /// The same resource, marked as having come from `origin`.
    #[must_use]
    pub fn with_origin(mut self, origin: Origin) -> Self {
        self.origin = origin;
        self
    }

    /// The response body exactly as received (valid JSON).
    pub fn raw_json(&self) -> &str {
        &self.raw
    }

    /// The shared raw body, for storing alongside other values without copying it.
    pub fn raw(&self) -> &Arc<str> {
        &self.raw
    }

    /// The whole response as a `serde_json::Value`, for fields the typed model leaves out.
    pub fn value(&self) -> serde_json::Value {
        // The raw text was validated as JSON when it was received, so this cannot fail; fall back
        // to `Null` rather than panic should that invariant ever be broken.
        serde_json::from_str(&self.raw).unwrap_or(serde_json::Value::Null)
    }

    /// Replaces the typed part, keeping the raw body (e.g. to unwrap the Dog API's envelope).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Resource<U> {
        Resource {
            data: f(self.data),
            url: self.url,
            origin: self.origin,
            raw: self.raw,
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Resource<T> {
    // The raw body can be hundreds of kilobytes; debug output shows its size, not its text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resource")
            .field("data", &self.data)
            .field("url", &self.url)
            .field("origin", &self.origin)
            .field("raw_bytes", &self.raw.len())
            .finish()
    }
}
