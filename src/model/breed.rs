//! A Dog API breed name, the one piece of a source's vocabulary that is more than a string.

/// A breed, optionally narrowed to one sub-breed (`hound/afghan`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BreedName {
    /// The main breed, e.g. `hound`.
    pub breed: String,
    /// The sub-breed, e.g. `afghan`.
    pub sub: Option<String>,
}

impl BreedName {
    /// Parses `breed` or `breed/sub` (trimmed, lower-cased). An empty sub-breed (`hound/`) means
    /// the whole breed.
    pub fn parse(input: &str) -> Self {
        let lower = input.trim().to_lowercase();
        match lower.split_once('/') {
            Some((breed, sub)) if !sub.trim().is_empty() => Self {
                breed: breed.trim().to_owned(),
                sub: Some(sub.trim().to_owned()),
            },
            Some((breed, _)) => Self {
                breed: breed.trim().to_owned(),
                sub: None,
            },
            None => Self {
                breed: lower,
                sub: None,
            },
        }
    }
}

impl std::fmt::Display for BreedName {
    /// `breed/sub` — the form [`BreedName::parse`] reads back.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.sub {
            Some(sub) => write!(f, "{}/{sub}", self.breed),
            None => f.write_str(&self.breed),
        }
    }
}
