//! Every source's client together, built from one shared [`Http`] handle: the three built
//! in, and one [`RecordApi`] per registered source.

use super::dogapi::{self, DogApi};
use super::jsonplaceholder::{self, JsonPlaceholder};
use super::pokeapi::{self, PokeApi};
use super::record::RecordApi;
use super::{ApiError, BaseUrl, Http, HttpOptions};
use crate::model::{RecordId, Source};
use crate::sources::Home;

/// Where each source lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// PokeAPI base URL.
    pub pokeapi: BaseUrl,
    /// JSONPlaceholder base URL.
    pub jsonplaceholder: BaseUrl,
    /// Dog API base URL.
    pub dogapi: BaseUrl,
    /// Each registered source's own base URL, in [`RecordId`] order; `None` where none was
    /// set, so it follows its [`Home`].
    pub records: Vec<Option<BaseUrl>>,
}

impl Endpoints {
    /// Parses the three base URLs.
    ///
    /// # Errors
    /// [`ApiError::InvalidUrl`] naming the first URL that is not absolute http(s).
    pub fn parse(pokeapi: &str, jsonplaceholder: &str, dogapi: &str) -> Result<Self, ApiError> {
        Ok(Self::new(
            BaseUrl::parse(pokeapi)?,
            BaseUrl::parse(jsonplaceholder)?,
            BaseUrl::parse(dogapi)?,
        ))
    }

    /// The three built-in base URLs; every registered source follows its home.
    pub fn new(pokeapi: BaseUrl, jsonplaceholder: BaseUrl, dogapi: BaseUrl) -> Self {
        Self {
            pokeapi,
            jsonplaceholder,
            dogapi,
            records: vec![None; RecordId::all().count()],
        }
    }

    /// These endpoints with `record`'s base URL set to `base` (else it follows its home).
    #[must_use]
    pub fn with_record(mut self, record: RecordId, base: Option<BaseUrl>) -> Self {
        if let Some(slot) = self.records.get_mut(record.index()) {
            *slot = base;
        }
        self
    }

    /// Where `record` lives: its own base URL if one was set, else its home's.
    ///
    /// # Panics
    /// Never: a registered source's own default is a valid URL (the test below parses every
    /// one).
    pub fn record(&self, record: RecordId) -> BaseUrl {
        if let Some(Some(base)) = self.records.get(record.index()) {
            return base.clone();
        }
        match record.spec().home {
            Home::PokeApi => self.pokeapi.clone(),
            Home::JsonPlaceholder => self.jsonplaceholder.clone(),
            Home::DogApi => self.dogapi.clone(),
            Home::Own(url) => BaseUrl::parse(url).expect("registered base URLs are valid"),
        }
    }

    /// Where `source` lives.
    pub fn base(&self, source: Source) -> BaseUrl {
        match source {
            Source::Pokemon => self.pokeapi.clone(),
            Source::Posts => self.jsonplaceholder.clone(),
            Source::Dogs => self.dogapi.clone(),
            Source::Record(record) => self.record(record),
        }
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
    /// Each registered source, in [`RecordId`] order.
    pub records: Vec<RecordApi>,
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
            Source::Record(record) => self.record(record).base(),
        }
    }

    /// `record`'s client.
    ///
    /// # Panics
    /// Never: there is one client per registered source, made in [`Clients::from_http`].
    pub fn record(&self, record: RecordId) -> &RecordApi {
        &self.records[record.index()]
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
        let records = RecordId::all()
            .map(|r| RecordApi::new(http.clone(), endpoints.record(r), r.spec()))
            .collect();
        Self {
            records,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_source_has_a_base_url() {
        let endpoints = Endpoints::live().expect("the live base URLs parse");
        for record in RecordId::all() {
            // `record` parses a home of its own, and panics on one that is no URL.
            let base = endpoints.record(record);
            assert!(base.as_str().starts_with("http"), "{}", record.spec().id);
        }
    }
}
