//! JSONPlaceholder resources (<https://jsonplaceholder.typicode.com/guide/>).

use serde::Deserialize;

/// `GET /posts/{id}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Post {
    /// Post id, 1–100.
    pub id: u32,
    /// The author's user id.
    #[serde(default)]
    pub user_id: u32,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Body text, with line breaks.
    #[serde(default)]
    pub body: String,
}

/// `GET /comments/{id}` and `/posts/{id}/comments`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    /// Comment id.
    pub id: u32,
    /// The post it belongs to.
    #[serde(default)]
    pub post_id: u32,
    /// The comment's subject line.
    #[serde(default)]
    pub name: String,
    /// The commenter's email.
    #[serde(default)]
    pub email: String,
    /// Body text.
    #[serde(default)]
    pub body: String,
}

/// `GET /users/{id}`.
#[derive(Debug, Clone, Deserialize)]
pub struct User {
    /// User id, 1–10.
    pub id: u32,
    /// Full name.
    #[serde(default)]
    pub name: String,
    /// Handle.
    #[serde(default)]
    pub username: String,
    /// Email address.
    #[serde(default)]
    pub email: String,
    /// Phone number, free-form.
    #[serde(default)]
    pub phone: String,
    /// Website host.
    #[serde(default)]
    pub website: String,
    /// Postal address.
    #[serde(default)]
    pub address: Option<Address>,
    /// Employer.
    #[serde(default)]
    pub company: Option<Company>,
}

/// A user's address.
#[derive(Debug, Clone, Deserialize)]
pub struct Address {
    /// Street.
    #[serde(default)]
    pub street: String,
    /// Suite or apartment.
    #[serde(default)]
    pub suite: String,
    /// City.
    #[serde(default)]
    pub city: String,
    /// Postal code.
    #[serde(default)]
    pub zipcode: String,
}

/// A user's company.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Company {
    /// Company name.
    #[serde(default)]
    pub name: String,
    /// Slogan.
    #[serde(default)]
    pub catch_phrase: String,
    /// What it does.
    #[serde(default)]
    pub bs: String,
}

/// `GET /todos/{id}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Todo {
    /// Todo id, 1–200.
    pub id: u32,
    /// The owner's user id.
    #[serde(default)]
    pub user_id: u32,
    /// What to do.
    #[serde(default)]
    pub title: String,
    /// Whether it is done.
    #[serde(default)]
    pub completed: bool,
}

/// `GET /albums/{id}` and `/users/{id}/albums`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Album {
    /// Album id.
    pub id: u32,
    /// The owner's user id.
    #[serde(default)]
    pub user_id: u32,
    /// Title.
    #[serde(default)]
    pub title: String,
}
