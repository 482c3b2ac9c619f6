//! The JSON explorer's fetches (#14): any URL through the shared client (cache, retries,
//! limits, redirect policy), the URL behind a page, and which URLs are a known source's pages.

use percent_encoding::percent_decode_str;
use reqwest::Url;

use crate::api::dogapi::models::BreedName;
use crate::api::{ApiError, BaseUrl, Case, Clients, encode_segment, parse_http_url};
use crate::json_tree::{self, JsonDoc};
use crate::model::{ItemKey, JsonTarget, RecordId};
use crate::sources::Home;
use crate::views::Fetched;

/// The live APIs' base URLs: links in their bodies (and in cached or bundled ones) point there
/// even when apidex talks to another server.
const LIVE_BASES: [&str; 3] = [
    crate::api::pokeapi::DEFAULT_BASE_URL,
    crate::api::jsonplaceholder::DEFAULT_BASE_URL,
    crate::api::dogapi::DEFAULT_BASE_URL,
];

/// Fetches what the JSON view shows for `target`: the body parsed on a blocking thread, a
/// picture (by content), or — with `resolve` — the known page a URL stands for.
/// `Ok(None)`: 404.
///
/// # Errors
/// The fetch's error, in one line.
pub async fn for_view(
    clients: &Clients,
    target: &JsonTarget,
    resolve: bool,
) -> Result<Option<Fetched>, String> {
    let url = match target {
        JsonTarget::Page(key) => page_url(clients, key),
        JsonTarget::Url(url) => parse_http_url(url),
    }
    .map_err(|e| e.to_string())?;
    if resolve && let Some(key) = known_page(clients, &url) {
        return Ok(Some(Fetched::Page(key)));
    }
    let Some(body) = clients
        .http
        .get_bytes_keeping(url.clone(), worth_keeping)
        .await
        .map_err(|e| e.to_string())?
    else {
        return Ok(None);
    };
    let body: std::sync::Arc<[u8]> = body.into();
    let parsed = body.clone();
    // A 300 kB Pokémon parses in milliseconds, a 10 MB body in much more: off the UI task.
    let doc = tokio::task::spawn_blocking(move || json_tree::parse(&parsed))
        .await
        .map_err(|e| format!("parsing the body: {e}"))?;
    let url = url.to_string();
    if matches!(doc, JsonDoc::NotJson { .. }) && image::guess_format(&body).is_ok() {
        return Ok(Some(Fetched::Picture { url }));
    }
    Ok(Some(Fetched::Body { url, body, doc }))
}

/// The URL of a page's main resource: what `v` shows and `yc` reproduces.
///
/// # Errors
/// A name that cannot be a URL segment.
pub fn page_url(clients: &Clients, key: &ItemKey) -> Result<Url, ApiError> {
    let poke = clients.pokeapi.base();
    let jph = clients.jsonplaceholder.base();
    let lower = |s: &str| encode_segment(s, Case::Lower);
    Ok(match key {
        ItemKey::Pokemon(name) => poke.join(&["pokemon", &lower(name)?]),
        ItemKey::Ability(name) => poke.join(&["ability", &lower(name)?]),
        ItemKey::Type(name) => poke.join(&["type", &lower(name)?]),
        ItemKey::Move(name) => poke.join(&["move", &lower(name)?]),
        ItemKey::Post(id) => jph.join(&["posts", &id.to_string()]),
        ItemKey::User(id) => jph.join(&["users", &id.to_string()]),
        ItemKey::Record(record, key) => clients.record(*record).item_url(key)?,
        ItemKey::Breed(breed) => {
            let mut segments = vec!["breed".to_owned(), lower(&breed.breed)?];
            if let Some(sub) = &breed.sub {
                segments.push(lower(sub)?);
            }
            segments.push("images".to_owned());
            let refs: Vec<&str> = segments.iter().map(String::as_str).collect();
            clients.dogapi.base().join(&refs)
        }
    })
}

/// The page `url` stands for, when it is one of a known source's (configured or live base):
/// a PokeAPI `/pokemon/25/` URL is the Pokémon page.
pub fn known_page(clients: &Clients, url: &Url) -> Option<ItemKey> {
    if url.query().is_some() {
        return None;
    }
    let text = url.as_str();
    let under = |base: &str| -> Option<Vec<String>> {
        let rest = text
            .strip_prefix(base.trim_end_matches('/'))?
            .strip_prefix('/')?;
        Some(
            rest.trim_end_matches('/')
                .split('/')
                .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
                .collect(),
        )
    };
    let bases =
        |configured: &BaseUrl, live: &str| under(configured.as_str()).or_else(|| under(live));
    // Registered sources first: they may share a built-in one's server (berries on PokeAPI).
    for record in RecordId::all() {
        let live = match record.spec().home {
            Home::Own(url) => url,
            Home::PokeApi => LIVE_BASES[0],
            Home::JsonPlaceholder => LIVE_BASES[1],
            Home::DogApi => LIVE_BASES[2],
        };
        if let Some(parts) = bases(clients.record(record).base(), live)
            && let Some(key) = record_key(record, &parts)
        {
            return Some(ItemKey::Record(record, key));
        }
    }
    if let Some(parts) = bases(clients.pokeapi.base(), LIVE_BASES[0]) {
        return match parts.as_slice() {
            [kind, name] if !name.is_empty() => match kind.as_str() {
                "pokemon" => Some(ItemKey::Pokemon(name.clone())),
                "ability" => Some(ItemKey::Ability(name.clone())),
                "type" => Some(ItemKey::Type(name.clone())),
                "move" => Some(ItemKey::Move(name.clone())),
                _ => None,
            },
            _ => None,
        };
    }
    if let Some(parts) = bases(clients.jsonplaceholder.base(), LIVE_BASES[1]) {
        return match parts.as_slice() {
            [kind, id] => match (kind.as_str(), id.parse().ok()?) {
                ("posts", id) => Some(ItemKey::Post(id)),
                ("users", id) => Some(ItemKey::User(id)),
                _ => None,
            },
            _ => None,
        };
    }
    let parts = bases(clients.dogapi.base(), LIVE_BASES[2])?;
    match parts.as_slice() {
        [b, breed, images] if b == "breed" && images == "images" => {
            Some(ItemKey::Breed(BreedName {
                breed: breed.clone(),
                sub: None,
            }))
        }
        [b, breed, sub, images] if b == "breed" && images == "images" => {
            Some(ItemKey::Breed(BreedName {
                breed: breed.clone(),
                sub: Some(sub.clone()),
            }))
        }
        _ => None,
    }
}

/// The key in `parts` (a URL's path under the base) when they are `record`'s item path.
fn record_key(record: RecordId, parts: &[String]) -> Option<String> {
    let template: Vec<&str> = record.spec().item.path.split('/').collect();
    if template.len() != parts.len() {
        return None;
    }
    let mut key = None;
    for (expected, part) in template.iter().zip(parts) {
        if *expected == "{key}" {
            key = Some(part.clone()).filter(|k| !k.is_empty());
        } else if expected != part {
            return None;
        }
    }
    key
}

/// What the JSON view may cache: JSON (checked as such) or a picture; not an HTML error page
/// or a truncated body, which would otherwise answer from the cache for a day.
fn worth_keeping(body: &[u8]) -> bool {
    const PICTURES: [&[u8]; 4] = [b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF"];
    PICTURES.iter().any(|magic| body.starts_with(magic))
        || serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
}
