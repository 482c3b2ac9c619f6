//! What the browser fetches besides pages: the type chart, search-term member lists, compare
//! cards and pictures.

use ratatui_image::picker::Picker;

use crate::api::batch::fetch_in_order;
use crate::api::pokeapi::models::Type;
use crate::api::{ApiError, Clients, parse_http_url};
use crate::images::{self, Picture};
use crate::matchups::TypeChart;
use crate::model::ItemKey;
use crate::model::Term;
use crate::model::term::species_member;
use crate::views::PokemonCard;
use crate::views::bounds::short;

/// Every type's damage relations, for matchups: the type index, then every type in it. Fetched
/// once per session (the app keeps it).
pub async fn type_chart(clients: &Clients) -> Result<TypeChart, ApiError> {
    let poke = clients.pokeapi.clone();
    let index = poke.type_index().await?;
    let names: Vec<String> = index.data.results.iter().map(|r| r.name.clone()).collect();
    let concurrency = clients.http.options().concurrency;
    let fetched = fetch_in_order(names, concurrency, |name| {
        let poke = poke.clone();
        async move { poke.type_(&name).await }
    })
    .await;
    let mut types: Vec<Type> = Vec::new();
    for result in fetched {
        // A type the index lists but the API 404s has no relations to add.
        if let Some(t) = result? {
            types.push(t.data);
        }
    }
    Ok(TypeChart::from_types(&types))
}

/// The members a remote search term stands for, as `app::terms::admits` reads them:
/// Pokémon slugs, or `#id` for species (`None`: the API has no such type, generation, ability,
/// colour or habitat, so the term is treated as plain text).
///
/// A species stands for its default Pokémon, which has the species' id (a PokeAPI invariant):
/// so `gen:4` finds `wormadam-plant` and `giratina-altered` without fetching 107 species.
pub async fn term_members(clients: &Clients, term: &Term) -> Result<Option<Vec<String>>, ApiError> {
    use crate::api::pokeapi::Endpoint;
    use crate::api::pokeapi::models::{Ability, SpeciesMembers};

    let poke = &clients.pokeapi;
    let species = |list: Vec<crate::api::pokeapi::models::NamedResource>| -> Vec<String> {
        list.iter()
            .filter_map(crate::api::pokeapi::models::NamedResource::id)
            .map(species_member)
            .collect()
    };
    Ok(match term {
        Term::Type(name) => poke
            .type_(name)
            .await?
            .map(|t| t.data.pokemon.into_iter().map(|p| p.pokemon.name).collect()),
        Term::Gen(n) => poke
            .generation(&n.to_string())
            .await?
            .map(|g| species(g.data.pokemon_species)),
        Term::Ability(name) => poke
            .resource::<Ability>(Endpoint::Ability, name)
            .await?
            .map(|a| a.data.pokemon.into_iter().map(|p| p.pokemon.name).collect()),
        Term::Color(name) => poke
            .resource::<SpeciesMembers>(Endpoint::Color, name)
            .await?
            .map(|c| species(c.data.pokemon_species)),
        Term::Habitat(name) => poke
            .resource::<SpeciesMembers>(Endpoint::Habitat, name)
            .await?
            .map(|h| species(h.data.pokemon_species)),
        // The API has no list of legendaries: the species' own flags, from the bundled table.
        Term::Flag(flag) => Some(
            crate::names::NameTable::bundled()
                .flagged(*flag)
                .map(species_member)
                .collect(),
        ),
        Term::Dex(..) => Some(Vec::new()),
    })
}

/// One Pokémon for the compare view (one request).
pub async fn card(clients: &Clients, key: &ItemKey) -> Result<Option<PokemonCard>, ApiError> {
    let ItemKey::Pokemon(name) = key else {
        return Ok(None);
    };
    Ok(clients.pokeapi.pokemon(name).await?.map(|p| {
        let p = p.data;
        PokemonCard {
            id: p.id,
            name: short(&p.name),
            // The list's table, not a species request: a card costs one request, as before.
            // Forms (`pikachu-rock-star`, ids above 10000) are not in it and keep their slugs.
            display: crate::names::NameTable::bundled()
                .display(p.id, clients.lang)
                .map(short),
            types: super::shown::types(&p),
            stats: super::shown::stats(&p),
            sprite_url: p.sprites.front_default,
            shiny_url: p.sprites.front_shiny,
        }
    }))
}

/// Downloads a picture with the shared client and decodes it on a blocking thread. `Ok(None)`:
/// the server has no such file. Errors are messages for the placeholder.
pub async fn picture(
    clients: &Clients,
    url: &str,
    picker: Picker,
    pixel_art: bool,
) -> Result<Option<Picture>, String> {
    // The picture's box has room for a few words: those go back, the whole story to the log.
    let brief = |err: &crate::api::ApiError| {
        tracing::warn!(%err, "picture could not be loaded");
        err.brief()
    };
    let parsed = parse_http_url(url).map_err(|err| brief(&err))?;
    let Some(bytes) = clients
        .http
        .get_bytes(parsed.clone())
        .await
        .map_err(|err| {
            // The connectivity layer has judged the server (refused, DNS, TLS, timeout): say
            // `offline`, as the status bar does, rather than the OS's words.
            if clients.http.connectivity().state(&parsed).is_unreachable() {
                tracing::warn!(%err, "picture could not be loaded: its server is unreachable");
                "offline".to_owned()
            } else {
                brief(&err)
            }
        })?
    else {
        return Ok(None);
    };
    tokio::task::spawn_blocking(move || images::decode(&bytes, &picker, pixel_art))
        .await
        .map_err(|err| format!("decoding stopped: {err}"))?
        .map(Some)
        .map_err(|err| {
            tracing::warn!(url, %err, "picture could not be decoded");
            // `not a picture: <the decoder's words>` → `not a picture`.
            err.split(':').next().unwrap_or_default().trim().to_owned()
        })
}

/// An item's own resource exactly as the API sent it (for export). For a breed, the list of all
/// its images.
pub async fn raw(clients: &Clients, key: &ItemKey) -> Result<Option<String>, ApiError> {
    use crate::api::jsonplaceholder::Collection;
    use crate::api::pokeapi::Endpoint;
    use serde::de::IgnoredAny;

    let poke = &clients.pokeapi;
    let jph = &clients.jsonplaceholder;
    let text = |r: Option<crate::api::Resource<IgnoredAny>>| r.map(|r| r.raw_json().to_owned());
    Ok(match key {
        ItemKey::Pokemon(name) => text(poke.resource(Endpoint::Pokemon, name).await?),
        ItemKey::Ability(name) => text(poke.resource(Endpoint::Ability, name).await?),
        ItemKey::Type(name) => text(poke.resource(Endpoint::Type, name).await?),
        ItemKey::Move(name) => text(poke.resource(Endpoint::Move, name).await?),
        ItemKey::Post(id) => text(jph.item(Collection::Posts, *id).await?),
        ItemKey::User(id) => text(jph.item(Collection::Users, *id).await?),
        ItemKey::Breed(breed) => clients
            .dogapi
            .breed_images(breed)
            .await?
            .map(|r| r.raw_json().to_owned()),
        ItemKey::Record(record, key) => clients
            .record(*record)
            .item(key)
            .await?
            .map(|r| r.raw_json().to_owned()),
    })
}
