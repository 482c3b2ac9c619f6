//! Dog API resources (<https://dog.ceo/dog-api/documentation/>). Every answer is an envelope
//! `{"message": …, "status": "success"}`; the clients unwrap `message`.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The Dog API's envelope around every answer.
#[derive(Debug, Clone, Deserialize)]
pub struct Envelope<T> {
    /// The payload.
    pub message: T,
}

pub use crate::model::BreedName;

/// `GET /breeds/list/all`: every breed with its sub-breeds, alphabetical.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "BTreeMap<String, Vec<String>>")]
pub struct BreedList {
    /// Breeds in alphabetical order.
    pub breeds: Vec<Breed>,
}

impl From<BTreeMap<String, Vec<String>>> for BreedList {
    fn from(map: BTreeMap<String, Vec<String>>) -> Self {
        Self {
            breeds: map
                .into_iter()
                .map(|(name, sub_breeds)| Breed { name, sub_breeds })
                .collect(),
        }
    }
}

/// One breed of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breed {
    /// The breed, e.g. `australian`.
    pub name: String,
    /// Its sub-breeds, e.g. `kelpie`, `shepherd`.
    pub sub_breeds: Vec<String>,
}

/// Image URLs: the API answers a single random image as a string and several as an array; both
/// become a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "OneOrMany")]
pub struct Images(pub Vec<String>);

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl From<OneOrMany> for Images {
    fn from(value: OneOrMany) -> Self {
        match value {
            OneOrMany::One(url) => Self(vec![url]),
            OneOrMany::Many(urls) => Self(urls),
        }
    }
}
