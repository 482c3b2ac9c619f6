//! Dog API client (<https://dog.ceo/dog-api/>).

pub mod models;

use serde::de::DeserializeOwned;

use self::models::{BreedList, BreedName, Envelope, Images};
use super::{ApiError, BaseUrl, Case, Fetched, Http, Resource, batch, encode_segment};

/// The live API's base URL.
pub const DEFAULT_BASE_URL: &str = "https://dog.ceo/api";

/// The API refuses counts above this (it caps `random/{n}` at 50).
pub const MAX_IMAGES: u32 = 50;

/// A Dog API client over the shared [`Http`] handle.
#[derive(Debug, Clone)]
pub struct DogApi {
    http: Http,
    base: BaseUrl,
}

impl DogApi {
    /// A client for the API at `base`.
    pub fn new(http: Http, base: BaseUrl) -> Self {
        Self { http, base }
    }

    /// The base URL requests go to.
    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    /// Every breed with its sub-breeds (`/breeds/list/all`).
    pub async fn breeds(&self) -> Result<Resource<BreedList>, ApiError> {
        let url = self.base.join(&["breeds", "list", "all"]);
        let envelope: Resource<Envelope<BreedList>> = self.http.get_json_required(url).await?;
        Ok(envelope.map(|e| e.message))
    }

    /// `count` random images of a breed or sub-breed (`/breed/{breed}[/{sub}]/images/random[/n]`);
    /// `None` when the breed does not exist.
    pub async fn random_images(&self, breed: &BreedName, count: u32) -> Fetched<Images> {
        let mut segments = breed_segments(breed)?;
        segments.extend(["images".to_owned(), "random".to_owned()]);
        push_count(&mut segments, count);
        self.envelope(&segments).await
    }

    /// `count` random images of any breed (`/breeds/image/random[/n]`).
    pub async fn random_any(&self, count: u32) -> Result<Resource<Images>, ApiError> {
        let mut segments = vec!["breeds".to_owned(), "image".to_owned(), "random".to_owned()];
        push_count(&mut segments, count);
        let refs: Vec<&str> = segments.iter().map(String::as_str).collect();
        let envelope: Resource<Envelope<Images>> =
            self.http.get_json_required(self.base.join(&refs)).await?;
        Ok(envelope.map(|e| e.message))
    }

    /// Every image of a breed or sub-breed (`/breed/{breed}[/{sub}]/images`).
    pub async fn breed_images(&self, breed: &BreedName) -> Fetched<Images> {
        let mut segments = breed_segments(breed)?;
        segments.push("images".to_owned());
        self.envelope(&segments).await
    }

    /// Random images of several breeds concurrently; one result per breed, in input order.
    pub async fn random_images_many(
        &self,
        breeds: Vec<BreedName>,
        count: u32,
    ) -> Vec<Fetched<Images>> {
        let concurrency = self.http.options().concurrency;
        let client = self.clone();
        batch::fetch_in_order(breeds, concurrency, move |breed| {
            let client = client.clone();
            async move { client.random_images(&breed, count).await }
        })
        .await
    }

    /// GETs the segments and unwraps the envelope; a 404 (unknown breed) is `None`.
    async fn envelope<T: DeserializeOwned>(&self, segments: &[String]) -> Fetched<T> {
        let refs: Vec<&str> = segments.iter().map(String::as_str).collect();
        let fetched: Option<Resource<Envelope<T>>> =
            self.http.get_json(self.base.join(&refs)).await?;
        Ok(fetched.map(|r| r.map(|e| e.message)))
    }
}

/// Appends `/{n}` for more than one image; a single image uses the shorter route, which answers
/// with a plain string.
fn push_count(segments: &mut Vec<String>, count: u32) {
    let count = count.clamp(1, MAX_IMAGES);
    if count > 1 {
        segments.push(count.to_string());
    }
}

/// `breed[/sub]` as encoded path segments, after `/breed`.
fn breed_segments(breed: &BreedName) -> Result<Vec<String>, ApiError> {
    let mut segments = vec![
        "breed".to_owned(),
        encode_segment(&breed.breed, Case::Lower)?,
    ];
    if let Some(sub) = &breed.sub {
        segments.push(encode_segment(sub, Case::Lower)?);
    }
    Ok(segments)
}
