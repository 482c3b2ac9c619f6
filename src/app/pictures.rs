//! Pictures on screen: which ones are wanted, a small bounded cache of decoded ones, and the
//! request-id rule for results that arrive after the user moved on.

use lru::LruCache;

use super::App;
use super::loadable::{Loadable, RequestId};
use crate::images::Picture;
use crate::model::Source;
use crate::msg::Effect;
use crate::views::Detail;

/// Decoded pictures kept in memory (sprites are small; photos are shrunk on decode).
pub const CAPACITY: usize = 24;

/// Where one picture is.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageState {
    /// Being downloaded and decoded by request `req`.
    Loading {
        /// The request whose result will be accepted.
        req: RequestId,
    },
    /// Ready to draw.
    Ready(Picture),
    /// The server has no such file.
    Missing,
    /// Download or decode failed: why.
    Failed(String),
}

/// Pictures by URL, least recently wanted evicted first. Unbounded as a map: [`CAPACITY`] is
/// kept by `sync_images`, which never evicts a picture on screen.
#[derive(Debug)]
pub struct ImageStore {
    entries: LruCache<String, ImageState>,
}

impl Default for ImageStore {
    fn default() -> Self {
        Self {
            entries: LruCache::unbounded(),
        }
    }
}

impl ImageStore {
    /// The state of the picture at `url`, if it was ever asked for.
    pub fn get(&self, url: &str) -> Option<&ImageState> {
        self.entries.peek(url)
    }

    /// Pictures held (loading ones included).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many pictures are loading.
    pub fn loading(&self) -> usize {
        self.entries
            .iter()
            .map(|(_, s)| s)
            .filter(|s| matches!(s, ImageState::Loading { .. }))
            .count()
    }

    /// Whether any picture is still loading.
    pub fn is_loading(&self) -> bool {
        self.entries
            .iter()
            .any(|(_, s)| matches!(s, ImageState::Loading { .. }))
    }

    fn remove(&mut self, url: &str) {
        self.entries.pop(url);
    }

    /// Evicts the least recently wanted pictures until at most `capacity` are held, never one
    /// `on_screen` says is shown (so there may be more when the screen shows more).
    fn evict_beyond(&mut self, capacity: usize, on_screen: impl Fn(&str) -> bool) {
        while self.entries.len() > capacity {
            // From the least recently wanted on.
            let Some(victim) = self
                .entries
                .iter()
                .rev()
                .map(|(url, _)| url)
                .find(|url| !on_screen(url))
                .cloned()
            else {
                break;
            };
            self.entries.pop(&victim);
        }
    }
}

impl App {
    /// The pictures the screen shows right now: URL and whether it is pixel art.
    pub fn wanted_images(&self) -> Vec<(String, bool)> {
        if !self.images_enabled {
            return Vec::new();
        }
        let mut wanted = Vec::new();
        // The JSON view's picture (a followed image URL) is the only one on screen.
        if let Some(url) = self.explorer.picture() {
            wanted.push((url.to_owned(), false));
            return wanted;
        }
        if let Some(compare) = &self.compare
            && self.active == Source::Pokemon
        {
            for (_, card) in &compare.cards {
                if let Loadable::Loaded(card) = card
                    && let Some(url) = card.sprite(self.shiny)
                {
                    wanted.push((url.to_owned(), true));
                }
            }
            return wanted;
        }
        if let Loadable::Loaded(detail) = &self.tab().detail.state
            && let Some(url) = detail.picture_url(self.shiny)
        {
            wanted.push((url.to_owned(), matches!(detail, Detail::Pokemon(_))));
        }
        wanted
    }

    /// Asks for wanted pictures not yet held, and drops (cancels) loading ones no longer
    /// wanted, so a late result for a picture the user moved past is not kept.
    pub(super) fn sync_images(&mut self) -> Vec<Effect> {
        let wanted = self.wanted_images();
        let mut effects = Vec::new();
        let stale: Vec<String> = self
            .images
            .entries
            .iter()
            .filter(|(url, state)| {
                matches!(state, ImageState::Loading { .. })
                    && !wanted.iter().any(|(w, _)| w == *url)
            })
            .map(|(url, _)| url.clone())
            .collect();
        for url in stale {
            self.images.remove(&url);
            effects.push(Effect::CancelImage { url });
        }
        for (url, pixel_art) in wanted.iter().cloned() {
            if self.images.entries.promote(&url) {
                continue;
            }
            let req = self.req();
            self.images
                .entries
                .put(url.clone(), ImageState::Loading { req });
            effects.push(Effect::FetchImage {
                url,
                req,
                pixel_art,
            });
        }
        self.images
            .evict_beyond(CAPACITY, |url| wanted.iter().any(|(w, _)| w == url));
        effects
    }

    /// Stores a picture's result if it is still awaited.
    pub(super) fn image_loaded(
        &mut self,
        url: &str,
        req: RequestId,
        result: Result<Option<Picture>, String>,
    ) {
        let awaited = matches!(
            self.images.entries.peek(url),
            Some(ImageState::Loading { req: waiting }) if *waiting == req
        );
        if !awaited {
            return;
        }
        let state = match result {
            Ok(Some(picture)) => ImageState::Ready(picture),
            Ok(None) => ImageState::Missing,
            Err(reason) => ImageState::Failed(reason),
        };
        // Not `put`: a result arriving does not make its picture more recently wanted.
        if let Some(slot) = self.images.entries.peek_mut(url) {
            *slot = state;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(urls: &[&str]) -> ImageStore {
        let mut store = ImageStore::default();
        for url in urls {
            store.entries.put((*url).to_owned(), ImageState::Missing);
        }
        store
    }

    #[test]
    fn the_least_recently_wanted_go_first_but_never_one_on_screen() {
        let mut images = store(&["a", "b", "c", "d"]);
        // Wanted again: "a" is now the most recent.
        assert!(images.entries.promote("a"));
        images.evict_beyond(2, |url| url == "b");
        // "b" (older) is on screen and stays; "c" then "d" go, oldest first.
        assert!(images.get("a").is_some());
        assert!(images.get("b").is_some());
        assert!(images.get("c").is_none());
        assert!(images.get("d").is_none());
        // Everything on screen: nothing goes, even over capacity.
        let mut images = store(&["a", "b", "c"]);
        images.evict_beyond(1, |_| true);
        assert_eq!(images.len(), 3);
    }
}
