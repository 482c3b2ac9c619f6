//! The details results are built from: realistic pages for every source and hostile copies of
//! each, made once per run.

use apidex::api::ApiError;
use apidex::api::dogapi::models::BreedName;
use apidex::model::{ItemKey, RecordId, Source};
use apidex::sanitize::{line, text};
use apidex::views::PokemonCard;
use apidex::views::record::RecordPage;
use apidex::views::{
    AbilityDetail, AbilityInfo, Author, BreedDetail, CommentView, Detail, EvolutionNode,
    PokemonDetail, PostDetail, TypeDetail, UserDetail,
};

use super::Data;
use super::hostile::{hostile_entries, hostile_strings};
use crate::support::lists::{entries_for, type_chart};

pub(super) fn stats(values: [u32; 6]) -> apidex::views::bounds::Rows<(String, u32)> {
    [
        "hp",
        "attack",
        "defense",
        "special-attack",
        "special-defense",
        "speed",
    ]
    .into_iter()
    .zip(values)
    .map(|(name, value)| (name.to_owned(), value))
    .collect()
}

#[allow(clippy::too_many_lines)]
pub(super) fn build_data() -> Data {
    let hostile: Vec<String> = hostile_strings();
    let l = |s: &str| line(s).into_owned();
    let t = |s: &str| text(s).into_owned();
    let pikachu = PokemonDetail {
        id: 25,
        name: "pikachu".to_owned(),
        display: None,
        genus: Some("Mouse Pokémon".to_owned()),
        types: vec!["electric".to_owned()],
        height_dm: 4,
        weight_hg: 60,
        stats: stats([35, 55, 40, 50, 50, 90]),
        abilities: vec![
            AbilityInfo {
                name: "static".to_owned(),
                hidden: false,
                effect: Ok(Some(
                    "Has a 30% chance of paralyzing attacking Pokémon.".into(),
                )),
            },
            AbilityInfo {
                name: "lightning-rod".to_owned(),
                hidden: true,
                effect: Err("HTTP 503 from https://pokeapi.co/api/v2/ability/31".to_owned()),
            },
        ]
        .into(),
        flavor: Ok(Some(
            "Possesses cheek sacs in which it stores electricity.".to_owned(),
        )),
        sprite_url: Some(
            "https://raw.githubusercontent.com/PokeAPI/sprites/master/sprites/pokemon/25.png"
                .to_owned(),
        ),
        shiny_url: Some(
            "https://raw.githubusercontent.com/PokeAPI/sprites/master/sprites/pokemon/shiny/25.png"
                .to_owned(),
        ),
        evolution: Ok(EvolutionNode::straight(&["pichu", "pikachu", "raichu"])),
        moves: None,
    };
    let mut pokemon = vec![Detail::Pokemon(pikachu.clone())];
    for (i, s) in hostile.iter().enumerate() {
        pokemon.push(Detail::Pokemon(PokemonDetail {
            id: u32::try_from(i).unwrap() * 1000,
            name: l(s),
            display: (i % 2 == 1).then(|| l(s)),
            genus: (i % 2 == 0).then(|| l(s)),
            types: if i % 3 == 0 {
                Vec::new()
            } else {
                vec![l(s), "fire".to_owned(), "??".to_owned()]
            },
            height_dm: u32::MAX - u32::try_from(i).unwrap(),
            weight_hg: 0,
            stats: vec![(l(s), u32::MAX), ("hp".to_owned(), 0), (String::new(), 255)].into(),
            abilities: vec![AbilityInfo {
                name: l(s),
                hidden: i % 2 == 1,
                effect: if i % 2 == 0 {
                    Ok(Some(l(s)))
                } else {
                    Err(l(s))
                },
            }]
            .into(),
            flavor: if i % 4 == 0 {
                Err(l(s))
            } else {
                Ok(Some(t(s)))
            },
            sprite_url: (i % 2 == 0).then(|| format!("http://127.0.0.1:9/{i}.png")),
            shiny_url: (i % 4 == 0).then(|| l(s)),
            evolution: match i % 3 {
                0 => Err(l(s)),
                1 => Ok(Some(Box::new(EvolutionNode {
                    name: l(s),
                    label: l(s),
                    how: l(s),
                    evolves_to: vec![
                        EvolutionNode {
                            name: l(s),
                            label: t(s),
                            how: t(s),
                            evolves_to: Vec::new(),
                        };
                        3
                    ],
                }))),
                _ => Ok(None),
            },
            // Hostile move rows: huge levels, escape-laden names.
            moves: (i % 2 == 0).then(|| {
                Box::new(apidex::views::LevelUpMoves {
                    version_group: l(s),
                    moves: vec![(0, l(s)), (u32::MAX, t(s))].into(),
                })
            }),
        }));
    }
    let abilities = vec![
        Detail::Ability(AbilityDetail {
            id: 9,
            name: "static".to_owned(),
            effect: Some("Whenever a move makes contact with this Pokémon…".to_owned()),
            pokemon: (0..300)
                .map(|i| (format!("pokemon-{i}"), i % 7 == 0))
                .collect(),
        }),
        Detail::Ability(AbilityDetail {
            id: 0,
            name: l(&hostile[3]),
            effect: Some(l(&hostile[15])),
            pokemon: hostile.iter().map(|s| (l(s), true)).collect(),
        }),
        Detail::Ability(AbilityDetail {
            id: u32::MAX,
            name: String::new(),
            effect: None,
            pokemon: Vec::new().into(),
        }),
    ];
    let types = vec![
        Detail::Type(TypeDetail {
            id: 13,
            name: "electric".to_owned(),
            double_to: vec!["water".into(), "flying".into()],
            half_to: vec!["electric".into(), "grass".into(), "dragon".into()],
            no_to: vec!["ground".into()],
            double_from: vec!["ground".into()],
            half_from: vec!["electric".into(), "flying".into(), "steel".into()],
            no_from: Vec::new(),
            pokemon: (0..500).map(|i| format!("mon-{i}")).collect(),
        }),
        Detail::Type(TypeDetail {
            id: 0,
            name: l(&hostile[9]),
            double_to: hostile.iter().map(|s| l(s)).collect(),
            half_to: Vec::new(),
            no_to: Vec::new(),
            double_from: Vec::new(),
            half_from: Vec::new(),
            no_from: vec![l(&hostile[8])],
            pokemon: hostile.iter().map(|s| l(s)).collect(),
        }),
    ];
    let mut posts = Vec::new();
    let mut users = Vec::new();
    for (i, s) in hostile.iter().enumerate() {
        let id = u32::try_from(i).unwrap();
        posts.push(Detail::Post(PostDetail {
            id,
            title: l(s),
            body: t(&format!("{s}\n\n{s}\nlast line")),
            user_id: id % 3,
            author: match i % 3 {
                0 => Ok(Some(Author {
                    name: l(s),
                    username: l(s),
                    email: l(s),
                    company: Some(l(s)),
                })),
                1 => Ok(None),
                _ => Err(l(s)),
            },
            comments: if i % 5 == 4 {
                Err(l(s))
            } else {
                Ok(vec![
                    CommentView {
                        name: l(s),
                        email: "Eliseo@gardner.biz".to_owned(),
                        body: t(s),
                    };
                    i % 4
                ]
                .into())
            },
        }));
        users.push(Detail::User(UserDetail {
            id,
            name: l(s),
            username: l(s),
            email: l(s),
            phone: l(s),
            website: l(s),
            city: (i % 2 == 0).then(|| l(s)),
            company: (i % 3 == 0).then(|| l(s)),
            posts: if i % 4 == 3 {
                Err(l(s))
            } else {
                Ok((0..i).map(|p| (u32::try_from(p).unwrap(), l(s))).collect())
            },
            todos: if i % 5 == 3 {
                Err(l(s))
            } else {
                Ok(vec![(l(s), true), (l(s), false)].into())
            },
            albums: if i % 6 == 3 {
                Err(l(s))
            } else {
                Ok(vec![l(s); i % 3].into())
            },
        }));
    }
    let mut breeds = vec![Detail::Breed(BreedDetail {
        breed: BreedName::parse("hound"),
        sub_breeds: vec!["afghan".into(), "basset".into(), "blood".into()].into(),
        image_url: "https://images.dog.ceo/breeds/hound-afghan/n02088094_1003.jpg".to_owned(),
    })];
    for (i, s) in hostile.iter().enumerate() {
        breeds.push(Detail::Breed(BreedDetail {
            breed: BreedName {
                breed: s.clone(),
                sub: (i % 2 == 0).then(|| s.clone()),
            },
            sub_breeds: vec![l(s); i % 4].into(),
            image_url: if i % 3 == 0 { String::new() } else { l(s) },
        }));
    }
    let mut cards = vec![
        PokemonCard {
            id: 1,
            name: "bulbasaur".to_owned(),
            display: Some("Bulbasaur".to_owned()),
            types: vec!["grass".to_owned(), "poison".to_owned()],
            stats: stats([45, 49, 49, 65, 65, 45]),
            sprite_url: Some("http://127.0.0.1:9/1.png".to_owned()),
            shiny_url: None,
        },
        PokemonCard {
            id: 7,
            name: "squirtle".to_owned(),
            display: Some("ゼニガメ".to_owned()),
            types: vec!["water".to_owned()],
            stats: stats([44, 48, 65, 50, 64, 43]),
            sprite_url: None,
            shiny_url: Some("http://127.0.0.1:9/s7.png".to_owned()),
        },
    ];
    for (i, s) in hostile.iter().enumerate() {
        cards.push(PokemonCard {
            id: u32::MAX - u32::try_from(i).unwrap(),
            name: l(s),
            display: (i % 2 == 1).then(|| l(s)),
            types: vec![l(s); i % 3],
            stats: (0..i)
                .map(|n| (l(s), u32::try_from(n).unwrap() * 97))
                .collect(),
            sprite_url: (i % 2 == 0).then(|| l(s)),
            shiny_url: None,
        });
    }
    let errors = vec![
        ApiError::Connect {
            url: "http://127.0.0.1:9/api/v2/pokemon?limit=100000".to_owned(),
            reason: "Connection refused (os error 111)".to_owned(),
        },
        ApiError::Timeout {
            url: "https://jsonplaceholder.typicode.com/posts/1".to_owned(),
            after: std::time::Duration::from_millis(300),
        },
        ApiError::Status {
            url: "https://dog.ceo/api/breeds/list/all".to_owned(),
            code: 503,
        },
        ApiError::Decode {
            url: "https://pokeapi.co/api/v2/pokemon/25".to_owned(),
            reason: format!("expected value at line 1 column 1 {}", "x".repeat(5000)),
        },
        ApiError::TooLarge {
            url: "https://pokeapi.co/api/v2/type/1".to_owned(),
            limit_mb: 16,
        },
        ApiError::InvalidInput {
            input: "..".to_owned(),
            reason: "a name cannot be only dots",
        },
    ];
    let mut lists = Source::ALL.map(entries_for);
    for source in Source::ALL {
        lists[source.index()].extend(hostile_entries(source));
    }
    // A real move page and hostile ones (escapes, no numbers, a type that is no type).
    let mut moves = vec![Detail::Move(apidex::views::MoveDetail {
        id: 84,
        name: "thunder-shock".to_owned(),
        display: Some("Thunder Shock".to_owned()),
        kind: Some("electric".to_owned()),
        damage_class: Some("special".to_owned()),
        power: Some(40),
        accuracy: Some(100),
        pp: Some(30),
        effect: Some("Has a chance to paralyze the target.".to_owned()),
    })];
    for (i, s) in hostile.iter().enumerate() {
        moves.push(Detail::Move(apidex::views::MoveDetail {
            id: u32::MAX,
            name: l(s),
            display: (i % 2 == 0).then(|| t(s)),
            kind: (i % 3 != 0).then(|| l(s)),
            damage_class: Some(l(s)),
            power: (i % 2 == 1).then_some(u32::MAX),
            accuracy: None,
            pp: Some(0),
            effect: Some(t(s)),
        }));
    }
    // Every registered source's pages from its fixtures, and hostile ones.
    let mut records = Vec::new();
    for record in RecordId::all() {
        for key in crate::support::records::fixture_keys(record) {
            let body: serde_json::Value =
                serde_json::from_slice(&crate::support::records::body(record, &key)).unwrap();
            records.push(Detail::Record(apidex::fetch::record::record_page(
                record, &body,
            )));
        }
        for (i, s) in hostile.iter().enumerate() {
            records.push(Detail::Record(RecordPage {
                source: record,
                heading: l(s),
                number: (i % 2 == 0).then(|| "18446744073709551615".to_owned()),
                fields: vec![(l(s), l(s)); i % 5],
                // Some fields link to a hostile type, as a link field's value names one.
                links: (0..i % 5)
                    .filter(|f| f % 2 == 0)
                    .map(|f| (f, ItemKey::Type(l(s))))
                    .collect(),
            }));
        }
    }
    Data {
        records,
        lists,
        pokemon,
        abilities,
        types,
        posts,
        users,
        breeds,
        moves,
        cards,
        chart: type_chart(),
        errors,
    }
}
