//! JSONPlaceholder client (<https://jsonplaceholder.typicode.com>).

pub mod models;

use serde::de::DeserializeOwned;

use self::models::{Album, Comment, Post, Todo, User};
use super::{ApiError, BaseUrl, Fetched, Http, Resource, batch};

/// The live API's base URL.
pub const DEFAULT_BASE_URL: &str = "https://jsonplaceholder.typicode.com";

/// The collections apidex reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Collection {
    /// `/posts`
    Posts,
    /// `/comments`
    Comments,
    /// `/users`
    Users,
    /// `/todos`
    Todos,
}

impl Collection {
    /// The collection's path segment.
    pub fn path(self) -> &'static str {
        match self {
            Self::Posts => "posts",
            Self::Comments => "comments",
            Self::Users => "users",
            Self::Todos => "todos",
        }
    }
}

/// A JSONPlaceholder client over the shared [`Http`] handle.
#[derive(Debug, Clone)]
pub struct JsonPlaceholder {
    http: Http,
    base: BaseUrl,
}

impl JsonPlaceholder {
    /// A client for the API at `base`.
    pub fn new(http: Http, base: BaseUrl) -> Self {
        Self { http, base }
    }

    /// The base URL requests go to.
    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    /// `GET /{collection}/{id}`.
    pub async fn item<T: DeserializeOwned>(&self, collection: Collection, id: u32) -> Fetched<T> {
        let id = id.to_string();
        self.http
            .get_json(self.base.join(&[collection.path(), &id]))
            .await
    }

    /// `GET /{collection}`: the whole collection (a 404 here is an error: the base URL is wrong).
    pub async fn all<T: DeserializeOwned>(
        &self,
        collection: Collection,
    ) -> Result<Resource<Vec<T>>, ApiError> {
        self.http
            .get_json_required(self.base.join(&[collection.path()]))
            .await
    }

    /// Many items of one collection concurrently; one result per id, in input order.
    pub async fn items<T>(&self, collection: Collection, ids: Vec<u32>) -> Vec<Fetched<T>>
    where
        T: DeserializeOwned + Send + 'static,
    {
        let concurrency = self.http.options().concurrency;
        let client = self.clone();
        batch::fetch_in_order(ids, concurrency, move |id| {
            let client = client.clone();
            async move { client.item(collection, id).await }
        })
        .await
    }

    /// Every post.
    pub async fn posts(&self) -> Result<Resource<Vec<Post>>, ApiError> {
        self.all(Collection::Posts).await
    }

    /// One post.
    pub async fn post(&self, id: u32) -> Fetched<Post> {
        self.item(Collection::Posts, id).await
    }

    /// The comments on a post (`/posts/{id}/comments`).
    pub async fn post_comments(&self, post_id: u32) -> Fetched<Vec<Comment>> {
        self.nested(Collection::Posts, post_id, "comments").await
    }

    /// Every user.
    pub async fn users(&self) -> Result<Resource<Vec<User>>, ApiError> {
        self.all(Collection::Users).await
    }

    /// One user.
    pub async fn user(&self, id: u32) -> Fetched<User> {
        self.item(Collection::Users, id).await
    }

    /// A user's posts (`/users/{id}/posts`).
    pub async fn user_posts(&self, user_id: u32) -> Fetched<Vec<Post>> {
        self.nested(Collection::Users, user_id, "posts").await
    }

    /// A user's todos (`/users/{id}/todos`).
    pub async fn user_todos(&self, user_id: u32) -> Fetched<Vec<Todo>> {
        self.nested(Collection::Users, user_id, "todos").await
    }

    /// A user's albums (`/users/{id}/albums`).
    pub async fn user_albums(&self, user_id: u32) -> Fetched<Vec<Album>> {
        self.nested(Collection::Users, user_id, "albums").await
    }

    /// Every todo.
    pub async fn todos(&self) -> Result<Resource<Vec<Todo>>, ApiError> {
        self.all(Collection::Todos).await
    }

    /// One todo.
    pub async fn todo(&self, id: u32) -> Fetched<Todo> {
        self.item(Collection::Todos, id).await
    }

    /// `GET /{parent}/{id}/{child}`.
    async fn nested<T: DeserializeOwned>(
        &self,
        parent: Collection,
        id: u32,
        child: &str,
    ) -> Fetched<T> {
        let id = id.to_string();
        self.http
            .get_json(self.base.join(&[parent.path(), &id, child]))
            .await
    }
}
