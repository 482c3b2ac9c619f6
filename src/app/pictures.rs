//! Pictures on screen: which ones are wanted, a small bounded cache of decoded ones, and the
//! request-id rule for results that arrive after the user moved on.

use std::collections::{HashMap, VecDeque};

use super::App;
use super::loadable::{Loadable, RequestId};
use crate::app::source::Source;
use crate::images::Picture;
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

/// Pictures by URL, least recently wanted evicted first.
#[derive(Debug, Default)]
pub struct ImageStore {
    entries: HashMap<String, ImageState>,
    order: VecDeque<String>,
}

impl ImageStore {
    /// The state of the picture at `url`, if it was ever asked for.
    pub fn get(&self, url: &str) -> Option<&ImageState> {
        self.entries.get(url)
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
            .values()
            .filter(|s| matches!(s, ImageState::Loading { .. }))
            .count()
    }

    /// Whether any picture is still loading.
    pub fn is_loading(&self) -> bool {
        self.entries
            .values()
            .any(|s| matches!(s, ImageState::Loading { .. }))
    }

    fn touch(&mut self, url: &str) {
        self.order.retain(|u| u != url);
        self.order.push_back(url.to_owned());
    }

    fn remove(&mut self, url: &str) {
        self.entries.remove(url);
        self.order.retain(|u| u != url);
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
            if self.images.entries.contains_key(&url) {
                self.images.touch(&url);
                continue;
            }
            let req = self.req();
            self.images
                .entries
                .insert(url.clone(), ImageState::Loading { req });
            self.images.touch(&url);
            effects.push(Effect::FetchImage {
                url,
                req,
                pixel_art,
            });
        }
        // Evict the least recently wanted, never one on screen.
        while self.images.order.len() > CAPACITY {
            let Some(victim) = self
                .images
                .order
                .iter()
                .find(|u| !wanted.iter().any(|(w, _)| w == *u))
                .cloned()
            else {
                break;
            };
            self.images.remove(&victim);
        }
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
            self.images.entries.get(url),
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
        self.images.entries.insert(url.to_owned(), state);
    }
}
