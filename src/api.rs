//! HTTP clients for the three built-in sources and the registered ones ([`record`]), sharing
//! one connection pool.
//!
//! Every client is built from a shared [`Http`] handle and a [`BaseUrl`], so tests and users can
//! point any source at another server. A missing resource is `Ok(None)`; every other failure is an
//! [`ApiError`].

mod base_url;
pub mod batch;
mod brief;
pub mod clients;
pub mod connectivity;
pub mod dogapi;
mod error;
pub mod exchange;
mod http;
pub mod jsonplaceholder;
pub mod origin;
pub mod pokeapi;
mod rate;
pub mod record;
mod resource;
pub mod retry;
mod segment;

pub use base_url::{BaseUrl, parse_http_url};
pub use clients::{Clients, Endpoints};
pub use error::{ApiError, Unservable};
pub use http::{CachePolicy, DEFAULT_MAX_BODY, Fallback, Http, HttpOptions, USER_AGENT};
pub use resource::Resource;
pub use segment::{Case, encode_segment};

/// What every single-resource fetch returns: the resource, `None` when it does not exist, or why
/// it could not be fetched.
pub type Fetched<T> = Result<Option<Resource<T>>, ApiError>;
