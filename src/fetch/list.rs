//! Each tab's list: the requests, and the pure mapping from the API bodies to list entries.
//!
//! The mapping functions are public so tests and benchmarks build their lists from the real
//! fixtures exactly as the browser does, instead of keeping copies that drift.

use futures_util::future::join;

use crate::api::dogapi::models::{BreedList, BreedName};
use crate::api::jsonplaceholder::models::{Post, User};
use crate::api::pokeapi::models::{NamedList, fold_whitespace};
use crate::api::{ApiError, Clients};
use crate::model::{ItemKey, Source};
use crate::names::{Lang, NameTable};
use crate::views::ListEntry;
use crate::views::bounds::{MAX_LINE, clip, short};

/// Loads a tab's list: every Pokémon, every post (with author names), every breed.
pub async fn list(clients: &Clients, source: Source) -> Result<Vec<ListEntry>, ApiError> {
    match source {
        Source::Pokemon => {
            let index = clients.pokeapi.pokemon_index().await?;
            Ok(pokemon_entries(
                &index.data,
                NameTable::bundled(),
                clients.lang,
            ))
        }
        Source::Posts => {
            let jph = &clients.jsonplaceholder;
            let (posts, users) = join(jph.posts(), jph.users()).await;
            // Author names are a nicety: without users the list still opens.
            let users: Vec<User> = users.map(|u| u.data).unwrap_or_default();
            Ok(post_entries(posts?.data, &users))
        }
        Source::Dogs => Ok(breed_entries(clients.dogapi.breeds().await?.data)),
        Source::Record(record) => super::record::list(clients, record).await,
    }
}

/// The Pokémon tab's list from the Pokémon index: each entry titled with its display name in
/// `lang` from `names`, with the slug beside it where it is not just the name folded
/// (`ピカチュウ  pikachu`). Pokémon `names` has no name for (forms, ids above 10000, or every one
/// with an empty table) are titled with their slug.
pub fn pokemon_entries(index: &NamedList, names: &NameTable, lang: Lang) -> Vec<ListEntry> {
    index
        .entries()
        .into_iter()
        .map(|entry| {
            let (name, slug) = names.shown(entry.id, &entry.name, lang);
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
        .collect()
}

/// The Posts tab's list: every post, titled with its title on one line, its author's name
/// (from `users`, when the post's user is among them) beside it.
pub fn post_entries(posts: Vec<Post>, users: &[User]) -> Vec<ListEntry> {
    posts
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
        .collect()
}

/// The Dogs tab's list: every breed (with its number of sub-breeds), each followed by its
/// sub-breeds (titled `breed sub`, with the breed as their parent).
pub fn breed_entries(list: BreedList) -> Vec<ListEntry> {
    let mut entries = Vec::new();
    for breed in list.breeds {
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
    entries
}
