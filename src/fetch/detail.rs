//! Detail pages: a resource and the resources it links to, fetched concurrently.

use futures_util::future::{join, join_all, join4};

use crate::api::dogapi::models::BreedName;
use crate::api::jsonplaceholder::models::User;
use crate::api::pokeapi::models::{NamedResource, fold_whitespace, id_from_url};
use crate::api::{ApiError, Clients};
use crate::model::ItemKey;
use crate::views::bounds::{
    MAX_BLURB, MAX_LINE, MAX_RELATIONS, MAX_ROWS, MAX_TEXT, MAX_TEXT_ROWS, Rows, blurb, clip, long,
    long_line, short,
};
use crate::views::{
    AbilityDetail, AbilityInfo, Author, BreedDetail, CommentView, Detail, EvolutionNode,
    LevelUpMoves, MoveDetail, Part, PokemonDetail, PostDetail, TypeDetail, UserDetail,
};

/// Loads an item's detail page. `Ok(None)` when the item does not exist. `sub_breeds` are a
/// breed's, known from the list. Lists and strings are cut to [`crate::views::bounds`]' sizes, and only
/// the abilities kept are fetched.
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
        ItemKey::Move(name) => move_(clients, name).await?.map(Detail::Move),
        ItemKey::Record(record, key) => super::record::page(clients, *record, key)
            .await?
            .map(Detail::Record),
    })
}

/// A failed part of a page, as shown in place of that part.
fn part_error(err: &ApiError) -> String {
    short(&err.to_string())
}

fn names(list: &[NamedResource]) -> Vec<String> {
    list.iter()
        .take(MAX_RELATIONS)
        .map(|n| short(&n.name))
        .collect()
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
    // Only the abilities the page keeps are fetched: 2000 of them would be 2000 requests.
    let kept = &p.abilities[..p.abilities.len().min(MAX_TEXT_ROWS)];
    let abilities = join_all(kept.iter().map(|a| poke.ability(&a.ability.name)));
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
    let lang = clients.lang;
    let (display, genus, flavor) = match species {
        Ok(Some(s)) => (
            // A form (`pikachu-rock-star`) keeps its slug: the species' name would hide it.
            s.data
                .name_in(lang)
                .filter(|_| s.data.id == p.id)
                .map(short),
            s.data.genus(lang).map(short),
            Ok(s.data.flavor_text(lang).map(|f| long(&f))),
        ),
        Ok(None) => (None, None, Ok(None)),
        Err(err) => (None, None, Err(part_error(&err))),
    };
    let evolution: Part<Option<Box<EvolutionNode>>> = match chain {
        Some(Ok(Some(chain))) => Ok(Some(Box::new(EvolutionNode::from_chain(
            &chain.data.chain,
            lang,
        )))),
        Some(Err(err)) => Err(part_error(&err)),
        _ => Ok(None),
    };
    let mut fetched = abilities.into_iter();
    let abilities = Rows::map(&p.abilities, MAX_TEXT_ROWS, |a| AbilityInfo {
        name: short(&a.ability.name),
        hidden: a.is_hidden,
        effect: fetched
            .next()
            .unwrap_or(Ok(None))
            .map(|r| r.and_then(|r| r.data.short_effect(clients.lang)))
            .map(|e| e.map(|e| long_line(&e, MAX_BLURB)))
            .map_err(|err| part_error(&err)),
    });
    Ok(Some(PokemonDetail {
        id: p.id,
        name: short(&p.name),
        display,
        genus,
        types: super::shown::types(&p),
        height_dm: p.height,
        weight_hg: p.weight,
        stats: super::shown::stats(&p),
        abilities,
        flavor,
        sprite_url: p.sprites.front_default.clone(),
        shiny_url: p.sprites.front_shiny.clone(),
        evolution,
        moves: LevelUpMoves::from_moves(&p.moves).map(Box::new),
    }))
}

/// A move's page: one request, its name and effect in the content language.
async fn move_(clients: &Clients, name: &str) -> Result<Option<MoveDetail>, ApiError> {
    let Some(m) = clients.pokeapi.move_(name).await? else {
        return Ok(None);
    };
    let m = m.data;
    let lang = clients.lang;
    Ok(Some(MoveDetail {
        id: m.id,
        name: short(&m.name),
        display: m.name_in(lang).map(short),
        kind: m.kind.as_ref().map(|t| short(&t.name)),
        damage_class: m.damage_class.as_ref().map(|c| short(&c.name)),
        power: m.power,
        accuracy: m.accuracy,
        pp: m.pp,
        effect: m.short_effect(lang).map(|e| long_line(&e, MAX_TEXT)),
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
        name: short(&a.name),
        effect: effect.map(|e| long_line(&e, MAX_TEXT)),
        pokemon: Rows::map(&a.pokemon, MAX_ROWS, |p| {
            (short(&p.pokemon.name), p.is_hidden)
        }),
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
        name: short(&t.name),
        double_to: names(&r.double_damage_to),
        half_to: names(&r.half_damage_to),
        no_to: names(&r.no_damage_to),
        double_from: names(&r.double_damage_from),
        half_from: names(&r.half_damage_from),
        no_from: names(&r.no_damage_from),
        pokemon: Rows::map(&t.pokemon, MAX_ROWS, |p| short(&p.pokemon.name)),
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
        .map(|u| u.map(|u| author(&u.data)))
        .map_err(|err| part_error(&err));
    let comments = comments
        .map(|c| {
            let comments = c.map(|c| c.data).unwrap_or_default();
            Rows::map(&comments, MAX_TEXT_ROWS, |c| CommentView {
                name: short(&c.name),
                email: short(&c.email),
                body: blurb(&c.body),
            })
        })
        .map_err(|err| part_error(&err));
    Ok(Some(PostDetail {
        id: post.id,
        title: short(&post.title),
        body: long(&post.body),
        user_id: post.user_id,
        author,
        comments,
    }))
}

/// Who a user is, as a post's byline and the user's own page both show it.
fn author(u: &User) -> Author {
    Author {
        name: short(&u.name),
        username: short(&u.username),
        email: short(&u.email),
        company: u.company.as_ref().map(|c| short(&c.name)),
    }
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
    let Author {
        name,
        username,
        email,
        company,
    } = author(&u);
    Ok(Some(UserDetail {
        id: u.id,
        name,
        username,
        email,
        phone: short(&u.phone),
        website: short(&u.website),
        city: u.address.map(|a| short(&a.city)),
        company,
        posts: posts
            .map(|p| {
                let posts = p.map(|p| p.data).unwrap_or_default();
                Rows::map(&posts, MAX_ROWS, |p| {
                    (p.id, short(&fold_whitespace(&clip(&p.title, MAX_LINE))))
                })
            })
            .map_err(|err| part_error(&err)),
        todos: todos
            .map(|t| {
                let todos = t.map(|t| t.data).unwrap_or_default();
                Rows::map(&todos, MAX_ROWS, |t| (short(&t.title), t.completed))
            })
            .map_err(|err| part_error(&err)),
        albums: albums
            .map(|a| {
                let albums = a.map(|a| a.data).unwrap_or_default();
                Rows::map(&albums, MAX_ROWS, |a| short(&a.title))
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
        sub_breeds: Rows::map(&sub_breeds, MAX_ROWS, |s| short(s)),
        image_url: images.data.0.first().map(|u| short(u)).unwrap_or_default(),
    }))
}
