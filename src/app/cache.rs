//! Recently shown detail pages, so going back (or re-selecting) is instant and costs no request.

use std::collections::{HashMap, VecDeque};

use super::request::PageRequests;
use super::source::ItemKey;
use crate::api::origin::Origin;
use crate::views::Detail;

/// Pages kept; each is a few kilobytes of text.
pub const CAPACITY: usize = 64;

/// A page, where it originally came from, and the requests that built it (for `i`).
pub type Page = (Detail, Option<Origin>, Option<PageRequests>);

/// A bounded least-recently-used map of pages.
#[derive(Debug, Default)]
pub struct DetailCache {
    pages: HashMap<ItemKey, Page>,
    order: VecDeque<ItemKey>,
}

impl DetailCache {
    /// The cached page for `key`, with where it originally came from.
    pub fn get(&self, key: &ItemKey) -> Option<&Page> {
        self.pages.get(key)
    }

    /// Keeps `page` (with its origin and requests) for `key`, evicting the least recently
    /// stored beyond [`CAPACITY`].
    pub fn insert(&mut self, key: ItemKey, page: Page) {
        self.order.retain(|k| k != &key);
        self.order.push_back(key.clone());
        self.pages.insert(key, page);
        while self.order.len() > CAPACITY {
            if let Some(oldest) = self.order.pop_front() {
                self.pages.remove(&oldest);
            }
        }
    }

    /// Forgets `key` (a page that must be fetched fresh, like another random photo).
    pub fn remove(&mut self, key: &ItemKey) {
        self.pages.remove(key);
        self.order.retain(|k| k != key);
    }

    /// Pages held.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether no page is held.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}
