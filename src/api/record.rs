//! The client every registered source shares ([`crate::sources`]): its list, following the
//! pages a body links to, and one item by key.

use reqwest::Url;
use serde_json::Value;

use super::{ApiError, BaseUrl, Case, Fetched, Http, Resource, encode_segment};
use crate::sources::{MAX_PAGES, RecordSpec};

/// A registered source's client over the shared [`Http`] handle.
#[derive(Debug, Clone)]
pub struct RecordApi {
    http: Http,
    base: BaseUrl,
    spec: &'static RecordSpec,
}

/// One page of a list: its body and the URL of the page after it, if any.
struct ListPage {
    /// The page's body.
    body: Resource<Value>,
    /// The next page, when the body links one on the base URL's server.
    next: Option<Url>,
}

impl RecordApi {
    /// A client for `spec`'s API at `base`.
    pub fn new(http: Http, base: BaseUrl, spec: &'static RecordSpec) -> Self {
        Self { http, base, spec }
    }

    /// The base URL requests go to.
    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    /// The list's first page.
    pub fn list_url(&self) -> Url {
        let segments: Vec<&str> = self.spec.list.path.split('/').collect();
        let mut url = self.base.join(&segments);
        url.set_query(self.spec.list.query);
        url
    }

    /// Every page of the list, in order, each handed to `each` as it arrives and dropped after
    /// (a hundred 16 MB pages are never held at once). Paging stops where `each` says the list
    /// has enough (`false`), at [`MAX_PAGES`], at a page already read (a `next` that loops
    /// would repeat every item), and before a page on another server (a body cannot send
    /// apidex elsewhere). A 404 is an error: the base URL is wrong.
    pub async fn list(
        &self,
        mut each: impl FnMut(Resource<Value>) -> bool,
    ) -> Result<(), ApiError> {
        let mut read: Vec<Url> = Vec::new();
        let mut url = Some(self.list_url());
        while let Some(at) = url.take() {
            read.push(at.clone());
            let page = self.page(at).await?;
            let wanted = each(page.body);
            url = page
                .next
                .filter(|next| wanted && read.len() < MAX_PAGES && !read.contains(next));
        }
        Ok(())
    }

    /// One page of the list at `url`.
    async fn page(&self, url: Url) -> Result<ListPage, ApiError> {
        let body: Resource<Value> = self.http.get_json_required(url).await?;
        let next = self
            .spec
            .list
            .next
            .and_then(|pointer| body.data.pointer(pointer))
            .and_then(Value::as_str)
            .and_then(|next| Url::parse(next).ok())
            .filter(|next| next.origin() == self.base.join(&[]).origin());
        Ok(ListPage { body, next })
    }

    /// Where the item `key` is.
    ///
    /// # Errors
    /// [`ApiError::InvalidInput`] for a key that cannot be a path segment (blank, or dots).
    pub fn item_url(&self, key: &str) -> Result<Url, ApiError> {
        let segment = encode_segment(key, Case::Keep)?;
        let segments: Vec<String> = self
            .spec
            .item
            .path
            .split('/')
            .map(|s| s.replace("{key}", &segment))
            .collect();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        Ok(self.base.join(&segments))
    }

    /// The item `key`; `Ok(None)` when the API has none.
    pub async fn item(&self, key: &str) -> Fetched<Value> {
        self.http.get_json(self.item_url(key)?).await
    }
}
