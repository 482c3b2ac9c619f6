//! Detail pages: a resource and the resources it links to, fetched concurrently.

use futures_util::future::{join, join_all, join4};

use crate::api::dogapi::models::BreedName;
use crate::api::pokeapi::models::{NamedResource, fold_whitespace, id_from_url};
use crate::api::{ApiError, Clients};
use crate::app::source::ItemKey;
use crate::sanitize::{line, text};
use crate::views::{
    AbilityDetail, AbilityInfo, Author, BreedDetail, CommentView, Detail, Part, PokemonDetail,
    PostDetail, TypeDetail, UserDetail,
};

/// Loads an item's detail page. `Ok(None)` when the item does not exist. `sub_breeds` are a
/// breed's, known from the list.
pub async fn detail(
    clients: &Clients,
    key: &ItemKey,
    sub_breeds: Vec<String>,
) -> Result<Option<Detail>, ApiError> {
    Ok(match key {
        ItemKey::Pokemon(name) => pokemon(clients, name).await?.map(Detail::Pokemon),
        ItemKey::Ability(name) => ability(clients, name).await?.map(Detail::Ability),
        ItemKey::Type(name) => type_(clients, name).await?.map(Detail::Type),
        ItemKey::Post(id) => post(clients, *id).await?.map(Detail::Post),
        ItemKey::User(id) => user(clients, *id).await?.map(Detail::User),
        ItemKey::Breed(b) => breed(clients, b, sub_breeds).await?.map(Detail::Breed),
    })
}

/// A failed part of a page, as shown in place of that part.
fn part_error(err: &ApiError) -> String {
    line(&err.to_string()).into_owned()
}

fn names(list: &[NamedResource]) -> Vec<String> {
    list.iter().map(|n| line(&n.name).into_owned()).collect()
}

async fn pokemon(clients: &Clients, name: &str) -> Result<Option<PokemonDetail>, ApiError> {
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
    // The evolution chain is linked from the species, so it comes after it.
    let species_and_chain = async {
        let species = poke.species(&species_name).await;
        let chain_id = match &species {
            Ok(Some(s)) => s
                .data
                .evolution_chain
                .as_ref()
                .and_then(|c| id_from_url(&c.url)),
            _ => None,
        };
        let chain = match chain_id {
            Some(id) => Some(poke.evolution_chain(id).await),
            None => None,
        };
        (species, chain)
    };
    let ((species, chain), abilities) = join(species_and_chain, abilities).await;
    let (genus, flavor) = match species {
        Ok(Some(s)) => (
            s.data.genus_en().map(|g| line(g).into_owned()),
            Ok(s.data.flavor_text_en().map(|f| text(&f).into_owned())),
        ),
        Ok(None) => (None, Ok(None)),
        Err(err) => (None, Err(part_error(&err))),
    };
    let evolution: Part<Vec<Vec<String>>> = match chain {
        Some(Ok(Some(chain))) => Ok(chain
            .data
            .stages()
            .iter()
            .map(|stage| stage.iter().map(|n| line(n).into_owned()).collect())
            .collect()),
        Some(Err(err)) => Err(part_error(&err)),
        _ => Ok(Vec::new()),
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
                .map_err(|err| part_error(&err)),
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
        shiny_url: p.sprites.front_shiny.clone(),
        evolution,
    }))
}

async fn ability(clients: &Clients, name: &str) -> Result<Option<AbilityDetail>, ApiError> {
    let Some(ability) = clients.pokeapi.ability(name).await? else {
        return Ok(None);
    };
    let a = ability.data;
    let effect = a
        .effect_entries
        .iter()
        .find(|e| e.language.name == "en")
        .map(|e| fold_whitespace(&e.effect))
        .filter(|e| !e.is_empty())
        .or_else(|| a.short_effect_en());
    Ok(Some(AbilityDetail {
        id: a.id,
        name: line(&a.name).into_owned(),
        effect: effect.map(|e| line(&e).into_owned()),
        pokemon: a
            .pokemon
            .iter()
            .map(|p| (line(&p.pokemon.name).into_owned(), p.is_hidden))
            .collect(),
    }))
}

async fn type_(clients: &Clients, name: &str) -> Result<Option<TypeDetail>, ApiError> {
    let Some(t) = clients.pokeapi.type_(name).await? else {
        return Ok(None);
    };
    let t = t.data;
    let r = &t.damage_relations;
    Ok(Some(TypeDetail {
        id: t.id,
        name: line(&t.name).into_owned(),
        double_to: names(&r.double_damage_to),
        half_to: names(&r.half_damage_to),
        no_to: names(&r.no_damage_to),
        double_from: names(&r.double_damage_from),
        half_from: names(&r.half_damage_from),
        no_from: names(&r.no_damage_from),
        pokemon: t
            .pokemon
            .iter()
            .map(|p| line(&p.pokemon.name).into_owned())
            .collect(),
    }))
}

async fn post(clients: &Clients, id: u32) -> Result<Option<PostDetail>, ApiError> {
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
        .map_err(|err| part_error(&err));
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
        .map_err(|err| part_error(&err));
    Ok(Some(PostDetail {
        id: post.id,
        title: line(&post.title).into_owned(),
        body: text(&post.body).into_owned(),
        user_id: post.user_id,
        author,
        comments,
    }))
}

async fn user(clients: &Clients, id: u32) -> Result<Option<UserDetail>, ApiError> {
    let jph = &clients.jsonplaceholder;
    let (user, posts, todos, albums) = join4(
        jph.user(id),
        jph.user_posts(id),
        jph.user_todos(id),
        jph.user_albums(id),
    )
    .await;
    let Some(user) = user? else {
        return Ok(None);
    };
    let u = user.data;
    Ok(Some(UserDetail {
        id: u.id,
        name: line(&u.name).into_owned(),
        username: line(&u.username).into_owned(),
        email: line(&u.email).into_owned(),
        phone: line(&u.phone).into_owned(),
        website: line(&u.website).into_owned(),
        city: u.address.map(|a| line(&a.city).into_owned()),
        company: u.company.map(|c| line(&c.name).into_owned()),
        posts: posts
            .map(|p| {
                p.map(|p| p.data)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| (p.id, line(&fold_whitespace(&p.title)).into_owned()))
                    .collect()
            })
            .map_err(|err| part_error(&err)),
        todos: todos
            .map(|t| {
                t.map(|t| t.data)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|t| (line(&t.title).into_owned(), t.completed))
                    .collect()
            })
            .map_err(|err| part_error(&err)),
        albums: albums
            .map(|a| {
                a.map(|a| a.data)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|a| line(&a.title).into_owned())
                    .collect()
            })
            .map_err(|err| part_error(&err)),
    }))
}

async fn breed(
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
