//! `[sources.<id>]`: a registered source's settings ([`crate::sources`]), one table each:
//!
//! ```toml
//! [sources.berry]
//! url = "https://pokeapi.co/api/v2"   # else it follows its home (PokeAPI's base URL)
//! ttl = 168.0                         # hours, over [ttl] default
//! ```

use std::collections::BTreeMap;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::RecordId;

/// One registered source's settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecordConfig {
    /// Its base URL (else the base URL of its home: PokeAPI's, say).
    #[serde(
        deserialize_with = "super::check::url",
        skip_serializing_if = "Option::is_none"
    )]
    pub url: Option<String>,
    /// Hours its responses stay fresh when the server does not say.
    #[serde(
        deserialize_with = "super::check::hours",
        skip_serializing_if = "Option::is_none"
    )]
    pub ttl: Option<f64>,
}

impl RecordConfig {
    /// This layer over `low`, setting by setting.
    #[must_use]
    pub fn over(self, low: Self) -> Self {
        Self {
            url: self.url.or(low.url),
            ttl: self.ttl.or(low.ttl),
        }
    }
}

/// The `[sources.<id>]` tables, each `<id>` a registered source's; any other name is an
/// unknown setting (as every other section's are).
pub fn tables<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, RecordConfig>, D::Error> {
    // The names are checked before the values, so `[sources] typo_url = "…"` says `typo_url`.
    let raw = BTreeMap::<String, toml::Value>::deserialize(d)?;
    if let Some(unknown) = raw.keys().find(|id| RecordId::find(id).is_none()) {
        let known: Vec<String> = ["pokeapi_url", "jsonplaceholder_url", "dogapi_url"]
            .into_iter()
            .map(|s| format!("`{s}`"))
            .chain(RecordId::all().map(|r| format!("`{}`", r.spec().id)))
            .collect();
        return Err(D::Error::custom(format!(
            "unknown field `{unknown}`, expected one of {}",
            known.join(", ")
        )));
    }
    raw.into_iter()
        .map(|(id, value)| {
            let table = RecordConfig::deserialize(value).map_err(|err| {
                // serde names the Rust type (`struct RecordConfig`); the file has a table.
                let message = err
                    .message()
                    .replace("struct RecordConfig", "a table (url, ttl)");
                D::Error::custom(format!("[sources.{id}]: {message}"))
            })?;
            Ok((id, table))
        })
        .collect()
}

/// Every table of `high` over `low`'s.
pub fn over(
    mut high: BTreeMap<String, RecordConfig>,
    low: BTreeMap<String, RecordConfig>,
) -> BTreeMap<String, RecordConfig> {
    for (id, low) in low {
        let merged = high.remove(&id).unwrap_or_default().over(low);
        high.insert(id, merged);
    }
    high
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn a_source_that_is_not_a_table_is_named_in_the_files_words() {
        let loaded = crate::config::parse("[sources]\nberry = 1\n", Path::new("c.toml"));
        let problem = loaded.problems.join("\n");
        assert!(problem.contains("[sources.berry]"), "{problem}");
        assert!(problem.contains("expected a table (url, ttl)"), "{problem}");
        assert!(!problem.contains("RecordConfig"), "{problem}");
    }
}
