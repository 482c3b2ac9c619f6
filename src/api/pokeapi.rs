//! PokeAPI client (<https://pokeapi.co/docs/v2>).

pub mod evolution;
mod localized;
pub mod models;
pub mod moves;

use futures_util::Stream;
use serde::de::DeserializeOwned;

use self::models::{Ability, EvolutionChain, Generation, Move, NamedList, Pokemon, Species, Type};
use super::{ApiError, BaseUrl, Case, Fetched, Http, Resource, batch, encode_segment};

/// The live API's base URL.
pub const DEFAULT_BASE_URL: &str = "https://pokeapi.co/api/v2";

/// The resource kinds apidex fetches by name or id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// `/pokemon/{name}`
    Pokemon,
    /// `/ability/{name}`
    Ability,
    /// `/pokemon-species/{name}`
    Species,
    /// `/type/{name}`
    Type,
    /// `/evolution-chain/{id}`
    EvolutionChain,
    /// `/generation/{id or name}`
    Generation,
    /// `/pokemon-color/{name}`
    Color,
    /// `/pokemon-habitat/{name}`
    Habitat,
    /// `/move/{name}`
    Move,
}

impl Endpoint {
    /// The path segment of this endpoint.
    pub fn path(self) -> &'static str {
        match self {
            Self::Pokemon => "pokemon",
            Self::Ability => "ability",
            Self::Species => "pokemon-species",
            Self::Type => "type",
            Self::EvolutionChain => "evolution-chain",
            Self::Generation => "generation",
            Self::Color => "pokemon-color",
            Self::Habitat => "pokemon-habitat",
            Self::Move => "move",
        }
    }
}

/// A PokeAPI client over the shared [`Http`] handle.
#[derive(Debug, Clone)]
pub struct PokeApi {
    http: Http,
    base: BaseUrl,
}

impl PokeApi {
    /// A client for the API at `base` (e.g. [`DEFAULT_BASE_URL`] or a local replica).
    pub fn new(http: Http, base: BaseUrl) -> Self {
        Self { http, base }
    }

    /// The base URL requests go to.
    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    /// Fetches one resource of `endpoint` by name or id. Names are trimmed and lower-cased.
    pub async fn resource<T: DeserializeOwned>(
        &self,
        endpoint: Endpoint,
        name_or_id: &str,
    ) -> Fetched<T> {
        let segment = encode_segment(name_or_id, Case::Lower)?;
        let url = self.base.join(&[endpoint.path(), &segment]);
        self.http.get_json(url).await
    }

    /// `GET /pokemon/{name_or_id}`.
    pub async fn pokemon(&self, name_or_id: &str) -> Fetched<Pokemon> {
        self.resource(Endpoint::Pokemon, name_or_id).await
    }

    /// `GET /ability/{name_or_id}`.
    pub async fn ability(&self, name_or_id: &str) -> Fetched<Ability> {
        self.resource(Endpoint::Ability, name_or_id).await
    }

    /// `GET /move/{name_or_id}` (named with an underscore because `move` is a keyword).
    pub async fn move_(&self, name_or_id: &str) -> Fetched<Move> {
        self.resource(Endpoint::Move, name_or_id).await
    }

    /// `GET /pokemon-species/{name_or_id}`.
    pub async fn species(&self, name_or_id: &str) -> Fetched<Species> {
        self.resource(Endpoint::Species, name_or_id).await
    }

    /// `GET /type/{name_or_id}` (named with an underscore because `type` is a keyword).
    pub async fn type_(&self, name_or_id: &str) -> Fetched<Type> {
        self.resource(Endpoint::Type, name_or_id).await
    }

    /// `GET /evolution-chain/{id}`.
    pub async fn evolution_chain(&self, id: u32) -> Fetched<EvolutionChain> {
        self.resource(Endpoint::EvolutionChain, &id.to_string())
            .await
    }

    /// `GET /generation/{id_or_name}`.
    pub async fn generation(&self, id_or_name: &str) -> Fetched<Generation> {
        self.resource(Endpoint::Generation, id_or_name).await
    }

    /// Every type's name and URL (`/type?limit=100`), including the ones with no damage
    /// relations (`unknown`, `shadow`, `stellar`).
    pub async fn type_index(&self) -> Result<Resource<NamedList>, ApiError> {
        let mut url = self.base.join(&[Endpoint::Type.path()]);
        url.set_query(Some("limit=100"));
        self.http.get_json_required(url).await
    }

    /// Every Pokémon's name and id in one request (`/pokemon?limit=100000`).
    pub async fn pokemon_index(&self) -> Result<Resource<NamedList>, ApiError> {
        let mut url = self.base.join(&[Endpoint::Pokemon.path()]);
        url.set_query(Some("limit=100000"));
        self.http.get_json_required(url).await
    }

    /// Fetches many resources concurrently (bounded by the configured concurrency); one result
    /// per name, in input order.
    pub async fn resources<T>(&self, endpoint: Endpoint, names: Vec<String>) -> Vec<Fetched<T>>
    where
        T: DeserializeOwned + Send + 'static,
    {
        let concurrency = self.http.options().concurrency;
        let client = self.clone();
        batch::fetch_in_order(names, concurrency, move |name| {
            let client = client.clone();
            async move { client.resource(endpoint, &name).await }
        })
        .await
    }

    /// Fetches many Pokémon concurrently; one result per name, in input order.
    pub async fn pokemon_many(&self, names: Vec<String>) -> Vec<Fetched<Pokemon>> {
        self.resources(Endpoint::Pokemon, names).await
    }

    /// Like [`PokeApi::resources`], but yields `(index, result)` as each completes, so a UI can
    /// show items as they arrive. The stream owns everything it needs.
    pub fn resource_stream<T>(
        &self,
        endpoint: Endpoint,
        names: Vec<String>,
    ) -> impl Stream<Item = (usize, Fetched<T>)> + Send + 'static
    where
        T: DeserializeOwned + Send + 'static,
    {
        let concurrency = self.http.options().concurrency;
        let client = self.clone();
        batch::stream_indexed(names, concurrency, move |name| {
            let client = client.clone();
            async move { client.resource(endpoint, &name).await }
        })
    }

    /// Streams many Pokémon as they complete, with their input index.
    pub fn pokemon_stream(
        &self,
        names: Vec<String>,
    ) -> impl Stream<Item = (usize, Fetched<Pokemon>)> + Send + 'static {
        self.resource_stream(Endpoint::Pokemon, names)
    }
}
