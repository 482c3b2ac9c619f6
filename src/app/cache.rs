//! Recently shown detail pages, so going back (or re-selecting) is instant and costs no request.

use std::num::NonZeroUsize;

use lru::LruCache;

use super::request::PageRequests;
use crate::api::origin::Origin;
use crate::model::ItemKey;
use crate::views::Detail;

/// Pages kept; each is a few kilobytes of text.
pub const CAPACITY: usize = 64;

/// A page, where it originally came from, and the requests that built it (for `i`).
pub type Page = (Detail, Option<Origin>, Option<PageRequests>);

/// A bounded least-recently-stored map of pages. Reading a page does not make it recent: only
/// storing it again does.
#[derive(Debug)]
pub struct DetailCache {
    pages: LruCache<ItemKey, Page>,
}

impl Default for DetailCache {
    fn default() -> Self {
        const CAP: NonZeroUsize = NonZeroUsize::new(CAPACITY).expect("a capacity above 0");
        Self {
            pages: LruCache::new(CAP),
        }
    }
}

impl DetailCache {
    /// The cached page for `key`, with where it originally came from.
    pub fn get(&self, key: &ItemKey) -> Option<&Page> {
        self.pages.peek(key)
    }

    /// Keeps `page` (with its origin and requests) for `key`, evicting the least recently
    /// stored beyond [`CAPACITY`].
    pub fn insert(&mut self, key: ItemKey, page: Page) {
        self.pages.put(key, page);
    }

    /// Forgets `key` (a page that must be fetched fresh, like another random photo).
    pub fn remove(&mut self, key: &ItemKey) {
        self.pages.pop(key);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::dogapi::models::BreedName;
    use crate::views::BreedDetail;

    fn key(n: usize) -> ItemKey {
        ItemKey::Post(u32::try_from(n).unwrap_or(u32::MAX))
    }

    fn page(url: &str) -> Page {
        let detail = Detail::Breed(BreedDetail {
            breed: BreedName::parse("hound"),
            sub_breeds: crate::views::bounds::Rows::default(),
            image_url: url.to_owned(),
        });
        (detail, None, None)
    }

    fn url_of(cache: &DetailCache, n: usize) -> Option<String> {
        match cache.get(&key(n)) {
            Some((Detail::Breed(b), ..)) => Some(b.image_url.clone()),
            _ => None,
        }
    }

    #[test]
    fn the_least_recently_stored_page_goes_first_and_reading_does_not_keep_one() {
        let mut cache = DetailCache::default();
        for n in 0..CAPACITY {
            cache.insert(key(n), page(&format!("first {n}")));
        }
        // Reading page 0 does not make it recent; storing page 1 again does.
        assert!(url_of(&cache, 0).is_some());
        cache.insert(key(1), page("again 1"));
        cache.insert(key(CAPACITY), page("new"));
        assert_eq!(cache.len(), CAPACITY);
        assert_eq!(
            url_of(&cache, 0),
            None,
            "page 0 was the least recently stored"
        );
        assert_eq!(url_of(&cache, 1).as_deref(), Some("again 1"));
        cache.insert(key(CAPACITY + 1), page("newer"));
        assert_eq!(url_of(&cache, 2), None, "then page 2");
        assert_eq!(url_of(&cache, 1).as_deref(), Some("again 1"));
        cache.remove(&key(1));
        assert_eq!(url_of(&cache, 1), None);
        assert_eq!(cache.len(), CAPACITY - 1);
    }
}
