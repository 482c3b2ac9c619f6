//! The three clients together, built from one shared [`Http`] handle.

use super::dogapi::{self, DogApi};
use super::jsonplaceholder::{self, JsonPlaceholder};
use super::pokeapi::{self, PokeApi};
use super::{ApiError, BaseUrl, Http, HttpOptions};
use crate::model::Source;

/// Where each source lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// PokeAPI base URL.
    pub pokeapi: BaseUrl,
    /// JSONPlaceholder base URL.
    pub jsonplaceholder: BaseUrl,
    /// Dog API base URL.
    pub dogapi: BaseUrl,
}

impl Endpoints {
    /// Parses the three base URLs.
    ///
    /// # Errors
    /// [`ApiError::InvalidUrl`] naming the first URL that is not absolute http(s).
    pub fn parse(pokeapi: &str, jsonplaceholder: &str, dogapi: &str) -> Result<Self, ApiError> {
        Ok(Self {
            pokeapi: BaseUrl::parse(pokeapi)?,
            jsonplaceholder: BaseUrl::parse(jsonplaceholder)?,
            dogapi: BaseUrl::parse(dogapi)?,
        })
    }

    /// The live services.
    ///
    /// # Errors
    /// Never in practice: the defaults are valid URLs.
    pub fn live() -> Result<Self, ApiError> {
        Self::parse(
            pokeapi::DEFAULT_BASE_URL,
            jsonplaceholder::DEFAULT_BASE_URL,
            dogapi::DEFAULT_BASE_URL,
        )
    }
}

/// One client per source, sharing a connection pool and an in-flight limit.
#[derive(Debug, Clone)]
pub struct Clients {
    /// The shared HTTP handle (also used for `fetch URL` and images).
    pub http: Http,
    /// PokeAPI.
    pub pokeapi: PokeApi,
    /// JSONPlaceholder.
    pub jsonplaceholder: JsonPlaceholder,
    /// Dog API.
    pub dogapi: DogApi,
    /// The content language pages and summaries are written in. It rides with the clients
    /// because everything that turns API data into text is handed them.
    pub lang: crate::names::Lang,
}

impl Clients {
    /// Where `source`'s API lives.
    pub fn base(&self, source: Source) -> &BaseUrl {
        match source {
            Source::Pokemon => self.pokeapi.base(),
            Source::Posts => self.jsonplaceholder.base(),
            Source::Dogs => self.dogapi.base(),
        }
    }

    /// Builds the shared HTTP client and the three source clients over it.
    ///
    /// # Errors
    /// As [`Http::new`].
    pub fn new(endpoints: Endpoints, options: HttpOptions) -> Result<Self, ApiError> {
        Ok(Self::from_http(Http::new(options)?, endpoints))
    }

    /// The three source clients over an already configured `http` (with a cache, say).
    pub fn from_http(http: Http, endpoints: Endpoints) -> Self {
        Self {
            pokeapi: PokeApi::new(http.clone(), endpoints.pokeapi),
            jsonplaceholder: JsonPlaceholder::new(http.clone(), endpoints.jsonplaceholder),
            dogapi: DogApi::new(http.clone(), endpoints.dogapi),
            http,
            lang: crate::names::Lang::default(),
        }
    }

    /// These clients writing in `lang`.
    #[must_use]
    pub fn with_lang(mut self, lang: crate::names::Lang) -> Self {
        self.lang = lang;
        self
    }
}
