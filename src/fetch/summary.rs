//! One-line summaries for the batch view.

use crate::api::pokeapi::models::Pokemon;
use crate::api::{ApiError, Clients};
use crate::model::ItemKey;
use crate::views::bounds::short;

/// Fetches only an item's own resource (one request) and sums it up in one line, for the batch
/// view; the full detail is fetched when the user opens the item.
pub async fn summary(clients: &Clients, key: &ItemKey) -> Result<Option<String>, ApiError> {
    match key {
        ItemKey::Pokemon(name) => Ok(clients
            .pokeapi
            .pokemon(name)
            .await?
            .map(|p| pokemon_summary(&p.data))),
        ItemKey::Post(id) => Ok(clients.jsonplaceholder.post(*id).await?.map(|p| {
            format!(
                "by user {} · {} words",
                p.data.user_id,
                word_count(&p.data.body)
            )
        })),
        ItemKey::Ability(name) => Ok(clients
            .pokeapi
            .ability(name)
            .await?
            .map(|a| format!("{} Pokémon", a.data.pokemon.len()))),
        ItemKey::Type(name) => Ok(clients
            .pokeapi
            .type_(name)
            .await?
            .map(|t| format!("{} Pokémon", t.data.pokemon.len()))),
        ItemKey::Move(name) => Ok(clients.pokeapi.move_(name).await?.map(|m| {
            let m = m.data;
            let kind = m.kind.as_ref().map_or("?", |t| t.name.as_str());
            short(&format!(
                "{kind} · power {}",
                m.power.map_or("—".to_owned(), |p| p.to_string())
            ))
        })),
        ItemKey::User(id) => Ok(clients
            .jsonplaceholder
            .user(*id)
            .await?
            .map(|u| short(&u.data.name))),
        ItemKey::Breed(breed) => Ok(clients
            .dogapi
            .random_images(breed, 1)
            .await?
            .and_then(|images| images.data.0.first().map(|u| short(u)))),
        ItemKey::Record(record, key) => Ok(super::record::page(clients, *record, key)
            .await?
            .map(|page| short(&page.summary()))),
    }
}

/// The batch row already shows `#25 pikachu`; the summary adds what the fetch told us.
fn pokemon_summary(p: &Pokemon) -> String {
    format!(
        "{} · total {}",
        short(&p.type_names().join("/")),
        p.base_stat_total()
    )
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}
