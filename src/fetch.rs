//! Fetching what the TUI shows: lists, details (a resource plus the resources it links to) and
//! one-line batch summaries, each mapped to [`crate::views`] with every string sanitised.

use futures_util::future::{join, join_all};

use crate::api::dogapi::models::BreedName;
use crate::api::jsonplaceholder::models::User;
use crate::api::pokeapi::models::{Pokemon, fold_whitespace};
use crate::api::{ApiError, Clients};
use crate::app::source::{ItemKey, Source};
use crate::sanitize::{line, text};
use crate::views::{
    AbilityInfo, Author, BreedDetail, CommentView, Detail, ListEntry, PokemonDetail, PostDetail,
};

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
    Ok(index
        .data
        .entries()
        .into_iter()
        .map(|entry| ListEntry {
            title: line(&entry.name).into_owned(),
            tag: Some(format!("#{}", entry.id)),
            secondary: None,
            parent: None,
            id: Some(entry.id),
            key: ItemKey::Pokemon(entry.name),
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
                title: line(&fold_whitespace(&post.title)).into_owned(),
                tag: Some(format!("#{}", post.id)),
                secondary: author.map(|u| line(&u.name).into_owned()),
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
        let name = line(&breed.name).into_owned();
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
                title: format!("{name} {}", line(&sub)),
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

/// Loads an item's detail: the resource itself, then what it links to, concurrently.
/// `Ok(None)` when the item does not exist. `sub_breeds` are a breed's, known from the list.
pub async fn detail(
    clients: &Clients,
    key: &ItemKey,
    sub_breeds: Vec<String>,
) -> Result<Option<Detail>, ApiError> {
    match key {
        ItemKey::Pokemon(name) => Ok(pokemon_detail(clients, name).await?.map(Detail::Pokemon)),
        ItemKey::Post(id) => Ok(post_detail(clients, *id).await?.map(Detail::Post)),
        ItemKey::Breed(breed) => Ok(breed_detail(clients, breed, sub_breeds)
            .await?
            .map(Detail::Breed)),
    }
}

async fn pokemon_detail(clients: &Clients, name: &str) -> Result<Option<PokemonDetail>, ApiError> {
    let poke = &clients.pokeapi;
    let Some(pokemon) = poke.pokemon(name).await? else {
        return Ok(None);
    };
    let p = pokemon.data;
    // The species is named by the Pokémon (forms share their base species).
    let species_name = p
        .species
        .as_ref()
        .map_or(p.name.clone(), |s| s.name.clone());
    let abilities = join_all(p.abilities.iter().map(|a| poke.ability(&a.ability.name)));
    let (species, abilities) = join(poke.species(&species_name), abilities).await;
    let (genus, flavor) = match species {
        Ok(Some(s)) => (
            s.data.genus_en().map(|g| line(g).into_owned()),
            Ok(s.data.flavor_text_en().map(|f| text(&f).into_owned())),
        ),
        Ok(None) => (None, Ok(None)),
        Err(err) => (None, Err(line(&err.to_string()).into_owned())),
    };
    let abilities = p
        .abilities
        .iter()
        .zip(abilities)
        .map(|(a, fetched)| AbilityInfo {
            name: line(&a.ability.name).into_owned(),
            hidden: a.is_hidden,
            effect: fetched
                .map(|r| r.and_then(|r| r.data.short_effect_en()))
                .map(|e| e.map(|e| line(&e).into_owned()))
                .map_err(|err| line(&err.to_string()).into_owned()),
        })
        .collect();
    Ok(Some(PokemonDetail {
        id: p.id,
        name: line(&p.name).into_owned(),
        genus,
        types: p
            .type_names()
            .iter()
            .map(|t| line(t).into_owned())
            .collect(),
        height_dm: p.height,
        weight_hg: p.weight,
        stats: p
            .stats
            .iter()
            .map(|s| (line(&s.stat.name).into_owned(), s.base_stat))
            .collect(),
        abilities,
        flavor,
        sprite_url: p.sprites.front_default.clone(),
    }))
}

async fn post_detail(clients: &Clients, id: u32) -> Result<Option<PostDetail>, ApiError> {
    let jph = &clients.jsonplaceholder;
    let Some(post) = jph.post(id).await? else {
        return Ok(None);
    };
    let post = post.data;
    let (user, comments) = join(jph.user(post.user_id), jph.post_comments(id)).await;
    let author = user
        .map(|u| {
            u.map(|u| Author {
                name: line(&u.data.name).into_owned(),
                username: line(&u.data.username).into_owned(),
                email: line(&u.data.email).into_owned(),
                company: u.data.company.map(|c| line(&c.name).into_owned()),
            })
        })
        .map_err(|err| line(&err.to_string()).into_owned());
    let comments = comments
        .map(|c| {
            c.map(|c| c.data)
                .unwrap_or_default()
                .into_iter()
                .map(|c| CommentView {
                    name: line(&c.name).into_owned(),
                    email: line(&c.email).into_owned(),
                    body: text(&c.body).into_owned(),
                })
                .collect()
        })
        .map_err(|err| line(&err.to_string()).into_owned());
    Ok(Some(PostDetail {
        id: post.id,
        title: line(&post.title).into_owned(),
        body: text(&post.body).into_owned(),
        user_id: post.user_id,
        author,
        comments,
    }))
}

async fn breed_detail(
    clients: &Clients,
    breed: &BreedName,
    sub_breeds: Vec<String>,
) -> Result<Option<BreedDetail>, ApiError> {
    let Some(images) = clients.dogapi.random_images(breed, 1).await? else {
        return Ok(None);
    };
    Ok(Some(BreedDetail {
        breed: breed.clone(),
        sub_breeds: sub_breeds.iter().map(|s| line(s).into_owned()).collect(),
        image_url: images
            .data
            .0
            .first()
            .map(|u| line(u).into_owned())
            .unwrap_or_default(),
    }))
}

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
        ItemKey::Breed(breed) => Ok(clients
            .dogapi
            .random_images(breed, 1)
            .await?
            .and_then(|images| images.data.0.first().map(|u| line(u).into_owned()))),
    }
}

/// The batch row already shows `#25 pikachu`; the summary adds what the fetch told us.
fn pokemon_summary(p: &Pokemon) -> String {
    format!(
        "{} · total {}",
        line(&p.type_names().join("/")),
        p.base_stat_total()
    )
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}
