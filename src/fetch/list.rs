//! Each tab's list.

use futures_util::future::join;

use crate::api::dogapi::models::BreedName;
use crate::api::jsonplaceholder::models::User;
use crate::api::pokeapi::models::fold_whitespace;
use crate::api::{ApiError, Clients};
use crate::model::{ItemKey, Source};
use crate::views::ListEntry;
use crate::views::bounds::{MAX_LINE, clip, short};

/// Loads a tab's list: every Pokémon, every post (with author names), every breed.
pub async fn list(clients: &Clients, source: Source) -> Result<Vec<ListEntry>, ApiError> {
    match source {
        Source::Pokemon => pokemon_list(clients).await,
        Source::Posts => post_list(clients).await,
        Source::Dogs => breed_list(clients).await,
    }
}

async fn pokemon_list(clients: &Clients) -> Result<Vec<ListEntry>, ApiError> {
    let index = clients.pokeapi.pokemon_index().await?;
    let table = crate::names::NameTable::bundled();
    let lang = clients.lang;
    Ok(index
        .data
        .entries()
        .into_iter()
        .map(|entry| {
            // The display name from the bundled table (the index has slugs only), with the
            // slug beside it where it is not just the name folded (`ピカチュウ  pikachu`).
            // Forms (ids above 10000) keep their slugs.
            let (name, slug) = table.shown(entry.id, &entry.name, lang);
            let (title, secondary) = (short(name), slug.map(short));
            ListEntry {
                title,
                secondary,
                tag: Some(format!("#{}", entry.id)),
                parent: None,
                id: Some(entry.id),
                key: ItemKey::Pokemon(entry.name),
            }
        })
        .collect())
}

async fn post_list(clients: &Clients) -> Result<Vec<ListEntry>, ApiError> {
    let jph = &clients.jsonplaceholder;
    let (posts, users) = join(jph.posts(), jph.users()).await;
    // Author names are a nicety: without users the list still opens.
    let users: Vec<User> = users.map(|u| u.data).unwrap_or_default();
    Ok(posts?
        .data
        .into_iter()
        .map(|post| {
            let author = users.iter().find(|u| u.id == post.user_id);
            ListEntry {
                title: short(&fold_whitespace(&clip(&post.title, MAX_LINE))),
                tag: Some(format!("#{}", post.id)),
                secondary: author.map(|u| short(&u.name)),
                parent: None,
                id: Some(post.id),
                key: ItemKey::Post(post.id),
            }
        })
        .collect())
}

async fn breed_list(clients: &Clients) -> Result<Vec<ListEntry>, ApiError> {
    let list = clients.dogapi.breeds().await?;
    let mut entries = Vec::new();
    for breed in list.data.breeds {
        let name = short(&breed.name);
        let secondary = match breed.sub_breeds.len() {
            0 => None,
            1 => Some("1 sub-breed".to_owned()),
            n => Some(format!("{n} sub-breeds")),
        };
        entries.push(ListEntry {
            key: ItemKey::Breed(BreedName {
                breed: breed.name.clone(),
                sub: None,
            }),
            title: name.clone(),
            tag: None,
            secondary,
            parent: None,
            id: None,
        });
        for sub in breed.sub_breeds {
            entries.push(ListEntry {
                title: format!("{name} {}", short(&sub)),
                key: ItemKey::Breed(BreedName {
                    breed: breed.name.clone(),
                    sub: Some(sub),
                }),
                tag: None,
                secondary: None,
                parent: Some(name.clone()),
                id: None,
            });
        }
    }
    Ok(entries)
}
