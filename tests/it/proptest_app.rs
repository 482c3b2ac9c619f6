//! Property tests of the browser's state machine and its drawing: random key sequences, random
//! intents and random (sometimes stale) results, fed to `App::update` and drawn into a
//! `TestBackend` after every message at sizes from 1×1 to 300×100, must never panic.
//!
//! Results mostly answer the effects the app itself returned (so they are accepted and change the
//! state); some carry a random request id (stale, so they must be dropped). Lists are the real
//! fixtures mapped by `apidex::fetch`'s own mapping (`crate::support::lists`); details are
//! hand-built with realistic and hostile strings. A few invariants the rest of the code relies on are checked after each step.
#![allow(clippy::unwrap_used)]

use std::sync::OnceLock;

use apidex::api::ApiError;
use apidex::api::dogapi::models::BreedName;
use apidex::api::origin::{Cause, Origin};
use apidex::app::{App, Hosts};
use apidex::keymap;
use apidex::matchups::TypeChart;
use apidex::model::RequestId;
use apidex::model::Term;
use apidex::model::{ItemKey, RecordId, Source};
use apidex::msg::{Effect, Msg, RetryTarget};
use apidex::sanitize::{line, text};
use apidex::store::marks::Remembered;
use apidex::views::PokemonCard;
use apidex::views::record::RecordPage;
use apidex::views::{
    AbilityDetail, AbilityInfo, Author, BreedDetail, CommentView, Detail, EvolutionNode, ListEntry,
    PokemonDetail, PostDetail, TypeDetail, UserDetail,
};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MediaKeyCode,
    ModifierKeyCode, MouseButton, MouseEvent, MouseEventKind,
};
use proptest::prelude::*;
use proptest::sample::Index;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::support::lists::{entries_for, type_chart};

// ------------------------------------------------------------------------------------------------
// Data: real lists, hand-built details.

/// Everything results are built from, made once per test run.
struct Data {
    lists: [Vec<ListEntry>; Source::COUNT],
    pokemon: Vec<Detail>,
    abilities: Vec<Detail>,
    types: Vec<Detail>,
    posts: Vec<Detail>,
    users: Vec<Detail>,
    breeds: Vec<Detail>,
    moves: Vec<Detail>,
    records: Vec<Detail>,
    cards: Vec<PokemonCard>,
    chart: TypeChart,
    errors: Vec<ApiError>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(build_data)
}

/// Strings an API could send: escapes, controls, bidi overrides, wide and combining characters,
/// emoji, right-to-left text, nothing at all, and far too much.
fn hostile_strings() -> Vec<String> {
    vec![
        String::new(),
        " ".to_owned(),
        "pikachu".to_owned(),
        "\u{1b}]0;pwned\u{7}title".to_owned(),
        "\u{1b}]52;c;cm0gLXJmIH4=\u{7}clip".to_owned(),
        "\u{1b}[2J\u{1b}[Hclear\u{1b}[1Aup".to_owned(),
        "c1\u{9b}31mred\u{7}bell\rcr".to_owned(),
        "abc\u{202e}fed\u{2066}iso\u{2069}".to_owned(),
        "ピカチュウ 皮卡丘 피카츄".to_owned(),
        "😀👍🏽👨‍👩‍👧‍👦🇯🇵 emoji".to_owned(),
        "مرحبا بالعالم שלום".to_owned(),
        "e\u{301}\u{302}\u{303}\u{304}\u{305} zalgo a\u{20dd}".to_owned(),
        "zero\u{200b}width\u{feff}joiner\u{200d}".to_owned(),
        "tab\there\nnewline\r\nwindows".to_owned(),
        "\u{0}\u{1}\u{7f}\u{85}\u{9f}".to_owned(),
        "x".repeat(10_000),
        "🐶".repeat(3000),
        "word ".repeat(2000),
    ]
}

/// A list of hostile entries (sanitised as the fetch layer does), to mix into real ones.
fn hostile_entries(source: Source) -> Vec<ListEntry> {
    hostile_strings()
        .into_iter()
        .enumerate()
        .map(|(i, raw)| {
            let id = 90_000 + u32::try_from(i).unwrap();
            let key = match source {
                Source::Pokemon => ItemKey::Pokemon(raw.clone()),
                Source::Posts => ItemKey::Post(id),
                Source::Dogs => ItemKey::Breed(BreedName {
                    breed: raw.clone(),
                    sub: (i % 2 == 0).then(|| raw.clone()),
                }),
                Source::Record(record) => ItemKey::Record(record, raw.clone()),
            };
            ListEntry {
                title: line(&raw).into_owned(),
                tag: (source != Source::Dogs).then(|| format!("#{id}")),
                secondary: (i % 3 == 0).then(|| line(&raw).into_owned()),
                parent: (source == Source::Dogs && i % 2 == 0).then(|| line(&raw).into_owned()),
                id: (source != Source::Dogs).then_some(id),
                key,
            }
        })
        .collect()
}

fn stats(values: [u32; 6]) -> apidex::views::bounds::Rows<(String, u32)> {
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
fn build_data() -> Data {
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

// ------------------------------------------------------------------------------------------------
// Strategies.

/// Characters to type: anything at all, and often one of the nasty ones.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::sample::select(vec![
            'a', 'p', 'i', 'k', '1', '2', '5', '#', ':', ' ', '/', '!', '^', '$', '\'', '\\',
            '\u{1b}', '\u{7}', '\r', '\n', '\t', '\u{0}', '\u{7f}', '\u{9b}', '\u{85}',
            '\u{202e}', '\u{2066}', '\u{200b}', '\u{200d}', '\u{301}', '\u{20dd}', '\u{feff}',
            'ピ', '皮', '😀', '🐶', 'م', 'ש', 'é', 'ß', 'İ', 'ﬃ',
        ]),
        // Enough of these make `type:ghost gen:1 dex:1-151` appear now and then.
        1 => prop::sample::select(vec!['t', 'y', 'e', 'g', 'n', 'd', 'x', '-', 'o', 's']),
    ]
}

fn delta() -> impl Strategy<Value = isize> {
    prop_oneof![
        4 => -3isize..=3,
        1 => any::<isize>(),
        1 => Just(isize::MIN),
        1 => Just(isize::MAX),
    ]
}

fn source() -> impl Strategy<Value = Source> {
    prop::sample::select(Source::ALL.to_vec())
}

/// Every intent, with random parameters.
fn intent() -> impl Strategy<Value = Msg> {
    let simple = prop::sample::select(vec![
        Msg::Top,
        Msg::Bottom,
        Msg::FocusList,
        Msg::FocusDetail,
        Msg::FocusSearch,
        Msg::SearchBackspace,
        Msg::SearchClear,
        Msg::Confirm,
        Msg::Back,
        Msg::ToggleMark,
        Msg::MarkAll,
        Msg::Retry,
        Msg::ToggleHelp,
        Msg::NextTab,
        Msg::PrevTab,
        Msg::HistoryBack,
        Msg::HistoryForward,
        Msg::ToggleShiny,
        Msg::AnotherPhoto,
        Msg::Compare,
        Msg::ToggleBookmark,
        Msg::ShowBookmarks,
        Msg::ShowHistory,
        Msg::Saved(apidex::msg::SavedMsg::Delete),
        Msg::Saved(apidex::msg::SavedMsg::ClearHistory),
        Msg::Export,
        Msg::ShowRequest,
        Msg::OpenPage,
        Msg::Resize,
        Msg::Tick,
    ]);
    let coordinate = prop_oneof![3 => 0u16..320, 1 => any::<u16>()];
    // What opens pages, batches and comparisons, more often than the rest.
    let common = prop::sample::select(vec![
        Msg::Confirm,
        Msg::ToggleMark,
        Msg::MarkAll,
        Msg::Compare,
        Msg::FocusList,
        Msg::Back,
    ]);
    prop_oneof![
        6 => simple,
        4 => common,
        4 => delta().prop_map(Msg::Move),
        1 => delta().prop_map(Msg::Page),
        5 => any_char().prop_map(Msg::SearchInput),
        1 => delta().prop_map(Msg::SearchRecall),
        1 => source().prop_map(Msg::SelectTab),
        2 => (coordinate.clone(), coordinate.clone())
            .prop_map(|(x, y)| Msg::Click { x, y }),
        1 => (coordinate.clone(), coordinate, delta())
            .prop_map(|(x, y, delta)| Msg::Wheel { x, y, delta }),
    ]
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    let named = prop::sample::select(vec![
        KeyCode::Backspace,
        KeyCode::Enter,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::Esc,
        KeyCode::Null,
        KeyCode::CapsLock,
        KeyCode::Menu,
        KeyCode::KeypadBegin,
        KeyCode::Media(MediaKeyCode::Play),
        KeyCode::Modifier(ModifierKeyCode::LeftShift),
    ]);
    // The app's own keys, often, so that sequences do things.
    let bound = prop::sample::select(
        "qjkgGhl/ arcsn123?"
            .chars()
            .map(KeyCode::Char)
            .collect::<Vec<_>>(),
    );
    let common = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Down,
        KeyCode::Char(' '),
        KeyCode::Char('c'),
    ]);
    prop_oneof![
        3 => named,
        3 => common,
        4 => bound,
        3 => any_char().prop_map(KeyCode::Char),
        1 => any::<u8>().prop_map(KeyCode::F),
    ]
}

fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        4 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => any::<u8>().prop_map(KeyModifiers::from_bits_truncate),
    ]
}

fn key_event() -> impl Strategy<Value = KeyEvent> {
    let kind = prop::sample::select(vec![
        KeyEventKind::Press,
        KeyEventKind::Press,
        KeyEventKind::Press,
        KeyEventKind::Repeat,
        KeyEventKind::Release,
    ]);
    (key_code(), modifiers(), kind, any::<u8>()).prop_map(|(code, modifiers, kind, state)| {
        KeyEvent {
            code,
            modifiers,
            kind,
            state: KeyEventState::from_bits_truncate(state),
        }
    })
}

fn mouse_event() -> impl Strategy<Value = MouseEvent> {
    let button = prop::sample::select(vec![
        MouseButton::Left,
        MouseButton::Right,
        MouseButton::Middle,
    ]);
    let kind = prop_oneof![
        button.clone().prop_map(MouseEventKind::Down),
        button.clone().prop_map(MouseEventKind::Up),
        button.prop_map(MouseEventKind::Drag),
        Just(MouseEventKind::Moved),
        Just(MouseEventKind::ScrollDown),
        Just(MouseEventKind::ScrollUp),
        Just(MouseEventKind::ScrollLeft),
        Just(MouseEventKind::ScrollRight),
    ];
    let coordinate = prop_oneof![3 => 0u16..320, 1 => any::<u16>()];
    (kind, coordinate.clone(), coordinate, modifiers()).prop_map(
        |(kind, column, row, modifiers)| MouseEvent {
            kind,
            column,
            row,
            modifiers,
        },
    )
}

fn terminal_event() -> impl Strategy<Value = Event> {
    prop_oneof![
        8 => key_event().prop_map(Event::Key),
        3 => mouse_event().prop_map(Event::Mouse),
        1 => (any::<u16>(), any::<u16>()).prop_map(|(w, h)| Event::Resize(w, h)),
        1 => Just(Event::FocusGained),
        1 => Just(Event::FocusLost),
        1 => prop::collection::vec(any_char(), 0..20)
            .prop_map(|chars| Event::Paste(chars.into_iter().collect())),
    ]
}

/// How a result is built from the effect it answers.
#[derive(Debug, Clone)]
struct Answer {
    /// Which outstanding effect it answers.
    effect: Index,
    /// Which outcome (found, not found, failed, retrying…) and which data.
    outcome: u8,
    /// Which item of a batch, a comparison or a data set.
    item: Index,
    /// A random request id instead of the effect's (a stale result).
    stale: Option<u64>,
    /// Which tab a stale result claims to be for.
    source: Source,
}

fn answer() -> impl Strategy<Value = Answer> {
    (
        any::<Index>(),
        any::<u8>(),
        any::<Index>(),
        prop_oneof![4 => Just(None), 1 => (0u64..400).prop_map(Some)],
        source(),
    )
        .prop_map(|(effect, outcome, item, stale, source)| Answer {
            effect,
            outcome,
            item,
            stale,
            source,
        })
}

/// One step of a run.
#[derive(Debug, Clone)]
// Steps are made and used one at a time: boxing the big one would buy nothing.
#[allow(clippy::large_enum_variant)]
enum Step {
    /// An intent straight into `update`.
    Intent(Msg),
    /// A terminal event through the key map.
    Event(Event),
    /// A result for an outstanding (or an imaginary) request.
    Answer(Answer),
    /// The terminal changes size.
    Resize(u16, u16),
    /// Several intents in a row: marking a few rows, then opening a batch or a comparison (rare
    /// in a random sequence, since Esc and `a` undo or overdo the marks).
    Burst(Vec<Msg>),
}

fn burst() -> impl Strategy<Value = Step> {
    let finish = prop::sample::select(vec![Msg::Compare, Msg::Confirm, Msg::Retry]);
    (1usize..=7, delta(), finish).prop_map(|(marks, gap, finish)| {
        let mut msgs = vec![Msg::FocusList];
        for _ in 0..marks {
            msgs.push(Msg::ToggleMark);
            msgs.push(Msg::Move(gap));
        }
        msgs.push(finish);
        Step::Burst(msgs)
    })
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        2 => (1u16..=300, 1u16..=100),
        1 => (1u16..=60, 1u16..=14),
        1 => prop::sample::select(vec![
            (1, 1), (39, 9), (40, 10), (79, 24), (80, 24), (60, 20), (300, 100), (2, 100),
            (300, 1),
        ]),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => intent().prop_map(Step::Intent),
        4 => terminal_event().prop_map(Step::Event),
        6 => answer().prop_map(Step::Answer),
        1 => size().prop_map(|(w, h)| Step::Resize(w, h)),
        1 => burst(),
    ]
}

// ------------------------------------------------------------------------------------------------
// Answering effects.

fn pick<T: Clone>(items: &[T], index: Index) -> T {
    items[index.index(items.len())].clone()
}

fn error(a: &Answer) -> ApiError {
    pick(&data().errors, a.item)
}

fn detail_for(key: &ItemKey, a: &Answer) -> Detail {
    let d = data();
    // Mostly the kind of page the key names; sometimes any page at all.
    let pool: &[Detail] = match (a.outcome % 8, key) {
        (7, _) => match a.item.index(7) {
            0 => &d.pokemon,
            1 => &d.abilities,
            2 => &d.types,
            3 => &d.posts,
            4 => &d.users,
            5 => &d.moves,
            _ => &d.breeds,
        },
        (_, ItemKey::Pokemon(_)) => &d.pokemon,
        (_, ItemKey::Ability(_)) => &d.abilities,
        (_, ItemKey::Type(_)) => &d.types,
        (_, ItemKey::Post(_)) => &d.posts,
        (_, ItemKey::User(_)) => &d.users,
        (_, ItemKey::Breed(_)) => &d.breeds,
        (_, ItemKey::Move(_)) => &d.moves,
        (_, ItemKey::Record(..)) => &d.records,
    };
    pick(pool, a.item)
}

fn list_result(source: Source, a: &Answer) -> Result<Vec<ListEntry>, ApiError> {
    let all = &data().lists[source.index()];
    match a.outcome % 6 {
        0 => Err(error(a)),
        1 => Ok(Vec::new()),
        2 => {
            // A random window of the real list.
            let start = a.item.index(all.len());
            Ok(all[start..all.len().min(start + 40)].to_vec())
        }
        _ => Ok(all.clone()),
    }
}

/// A result for `effect`, with the effect's request id unless the answer is stale.
#[allow(clippy::too_many_lines)] // one arm per kind of effect
fn respond(effect: &Effect, a: &Answer) -> Msg {
    let id = |req: RequestId| a.stale.map_or(req, RequestId);
    let d = data();
    match effect {
        Effect::FetchList { source, req } if a.outcome % 7 == 5 => Msg::Served {
            target: RetryTarget::List(*source),
            req: id(*req),
            origin: origin(a),
        },
        Effect::FetchDetail { source, req, .. } if a.outcome % 11 == 10 => Msg::Served {
            target: RetryTarget::Detail(*source),
            req: id(*req),
            origin: origin(a),
        },
        Effect::FetchList { source, req } if a.outcome % 7 == 6 => Msg::Retrying {
            target: RetryTarget::List(*source),
            req: id(*req),
            attempt: u32::from(a.outcome % 4),
            of: 3,
        },
        Effect::FetchList { source, req } => Msg::ListLoaded {
            source: *source,
            req: id(*req),
            result: list_result(*source, a),
        },
        Effect::FetchDetail {
            source, req, key, ..
        } => {
            let req = id(*req);
            let result = match a.outcome % 6 {
                0 => {
                    return Msg::Retrying {
                        target: RetryTarget::Detail(*source),
                        req,
                        attempt: 1,
                        of: u32::from(a.outcome),
                    };
                }
                1 => Err(error(a)),
                2 => Ok(None),
                _ => Ok(Some(detail_for(key, a))),
            };
            Msg::DetailLoaded {
                source: *source,
                req,
                key: key.clone(),
                result,
            }
        }
        Effect::FetchBatch { source, req, items } => {
            let source = *source;
            let req = id(*req);
            // Past the end now and then: an index the batch does not have.
            let index = items
                .get(a.item.index(items.len() + 1))
                .map_or(items.len(), |(i, _)| *i);
            let result = match a.outcome % 6 {
                0 | 1 => return Msg::BatchItemStarted { source, req, index },
                2 => {
                    return Msg::Retrying {
                        target: RetryTarget::BatchItem(source, index),
                        req,
                        attempt: 2,
                        of: 3,
                    };
                }
                3 => Ok(Some(line(&pick(&hostile_strings(), a.item)).into_owned())),
                4 => Ok(None),
                _ => Err(error(a)),
            };
            Msg::BatchItemLoaded {
                source,
                req,
                index,
                result,
            }
        }
        Effect::FetchCards { req, items } => {
            let index = items
                .get(a.item.index(items.len() + 1))
                .map_or(items.len(), |(i, _)| *i);
            let result = match a.outcome % 5 {
                0 => Err(error(a)),
                1 => Ok(None),
                // Mostly the two real starters: equal stat names make a full table.
                2 => Ok(Some(pick(&d.cards, a.item))),
                _ => Ok(Some(d.cards[usize::from(a.outcome % 2)].clone())),
            };
            Msg::CardLoaded {
                req: id(*req),
                index,
                result,
            }
        }
        Effect::FetchTypeChart { req } => Msg::TypeChartLoaded {
            req: id(*req),
            result: if a.outcome.is_multiple_of(4) {
                Err(error(a))
            } else if a.outcome % 4 == 1 {
                Ok(TypeChart::default())
            } else {
                Ok(d.chart.clone())
            },
        },
        Effect::FetchTerm { term, req } => {
            let names: Vec<String> = d.lists[0]
                .iter()
                .skip(a.item.index(d.lists[0].len()))
                .take(30)
                .map(|e| e.title.clone())
                .collect();
            Msg::TermLoaded {
                term: term.clone(),
                req: id(*req),
                result: match a.outcome % 4 {
                    0 => Err(error(a)),
                    1 => Ok(None),
                    2 => Ok(Some(Vec::new())),
                    _ => Ok(Some(names)),
                },
            }
        }
        Effect::FetchImage { url, req, .. } => Msg::ImageLoaded {
            url: url.clone(),
            req: id(*req),
            result: if a.outcome.is_multiple_of(2) {
                Ok(None)
            } else {
                Err(pick(&hostile_strings(), a.item))
            },
        },
        // Never kept as outstanding (`Run::track` drops them).
        Effect::LoadSaved { kind } => Msg::SavedLoaded {
            kind: *kind,
            result: if a.outcome.is_multiple_of(3) {
                Err(pick(&hostile_strings(), a.item))
            } else {
                Ok(remembered(a))
            },
        },
        Effect::Saved(saved) => Msg::Saved(apidex::msg::SavedMsg::Changed {
            kind: saved.kind(),
            result: if a.outcome.is_multiple_of(2) {
                Ok(())
            } else {
                Err(pick(&hostile_strings(), a.item))
            },
        }),
        Effect::LoadSearches => Msg::SearchesLoaded(
            hostile_strings()
                .into_iter()
                .take(a.item.index(20))
                .collect(),
        ),
        Effect::ToggleBookmark { item } => Msg::BookmarkToggled {
            key: item.key.clone(),
            result: match a.outcome % 3 {
                0 => Err(pick(&hostile_strings(), a.item)),
                1 => Ok(false),
                _ => Ok(true),
            },
        },
        Effect::Export { name, .. } => Msg::Exported(if a.outcome.is_multiple_of(2) {
            Ok(std::path::PathBuf::from(format!(
                "/tmp/apidex-export/{name}.json"
            )))
        } else {
            Err(pick(&hostile_strings(), a.item))
        }),
        Effect::OpenInBrowser { url } => Msg::BrowserOpened {
            url: url.clone(),
            result: Err(pick(&hostile_strings(), a.item)),
        },
        // Effects with no answer (cancellations, records) and any added since.
        _ => Msg::Tick,
    }
}

/// Where answers came from.
fn origin(a: &Answer) -> Origin {
    let age = std::time::Duration::from_secs(u64::from(a.outcome) * 3607);
    match a.outcome % 4 {
        0 => Origin::Network,
        1 => Origin::Cache { age },
        2 => Origin::Stale {
            age,
            cause: Cause::Status(503),
        },
        _ => Origin::Snapshot {
            cause: Cause::Unreachable,
        },
    }
}

/// Bookmarks or history as the store returns them: keys of every kind, real and hostile labels.
fn remembered(a: &Answer) -> Vec<Remembered> {
    let d = data();
    let mut items = Vec::new();
    for (i, list) in d.lists.iter().enumerate() {
        for entry in list.iter().skip(a.item.index(list.len())).take(5 + i) {
            items.push(Remembered {
                key: format!("{:?}", entry.key),
                label: entry.title.clone(),
            });
        }
    }
    items.extend(hostile_strings().into_iter().map(|s| Remembered {
        key: s.clone(),
        label: s,
    }));
    items.truncate(a.item.index(items.len() + 1));
    items
}

/// An effect nobody asked for, so that results arrive with nothing outstanding too.
fn imaginary(a: &Answer) -> Effect {
    let req = RequestId(a.stale.unwrap_or(u64::from(a.outcome)));
    let source = a.source;
    match a.outcome % 7 {
        0 => Effect::FetchList { source, req },
        1 => Effect::FetchDetail {
            source,
            req,
            // Its own list's length: the Berries' (68 and the hostile ones) is under 100.
            key: {
                let list = &data().lists[source.index()];
                list[a.item.index(list.len())].key.clone()
            },
            sub_breeds: Vec::new(),
            debounce: false,
        },
        2 => Effect::FetchBatch {
            source,
            req,
            items: vec![(0, ItemKey::Post(1)), (1, ItemKey::Post(2))],
        },
        3 => Effect::FetchCards {
            req,
            items: vec![(0, ItemKey::Pokemon("bulbasaur".into()))],
        },
        4 => Effect::FetchTypeChart { req },
        5 => Effect::FetchTerm {
            term: Term::Type("ghost".into()),
            req,
        },
        _ => Effect::FetchImage {
            url: "http://127.0.0.1:9/x.png".into(),
            req,
            pixel_art: true,
        },
    }
}

// ------------------------------------------------------------------------------------------------
// Running.

/// The app, the requests it has outstanding and the screen it draws on.
struct Run {
    app: App,
    outstanding: Vec<Effect>,
    terminal: Terminal<TestBackend>,
}

impl Run {
    fn new((images, store): (bool, bool), (width, height): (u16, u16)) -> Self {
        // A loopback host, a real one and a hostile one (an escape sequence).
        let (mut app, effects) = App::new(Hosts::from_fn(|source| match source.index() {
            0 => "127.0.0.1".to_owned(),
            1 => "jsonplaceholder.typicode.com".to_owned(),
            _ => "\u{1b}]0;host\u{7}".to_owned(),
        }));
        app.images_enabled = images;
        let mut run = Self {
            app,
            outstanding: Vec::new(),
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
        };
        run.track(effects);
        if store {
            let effects = run.app.enable_store();
            run.track(effects);
        }
        run.draw();
        run
    }

    /// A run whose three lists have loaded (in full).
    fn loaded(switches: (bool, bool), size: (u16, u16)) -> Self {
        let mut run = Self::new(switches, size);
        let lists: Vec<Effect> = run.outstanding.drain(..).collect();
        for effect in lists {
            if let Effect::FetchList { source, req } = effect {
                run.update(Msg::ListLoaded {
                    source,
                    req,
                    result: Ok(data().lists[source.index()].clone()),
                });
            }
        }
        run
    }

    fn track(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::CancelBatch { source } => self
                    .outstanding
                    .retain(|e| !matches!(e, Effect::FetchBatch { source: s, .. } if *s == source)),
                Effect::CancelImage { url } => self
                    .outstanding
                    .retain(|e| !matches!(e, Effect::FetchImage { url: u, .. } if *u == url)),
                Effect::CancelTerm { term } => self
                    .outstanding
                    .retain(|e| !matches!(e, Effect::FetchTerm { term: t, .. } if *t == term)),
                other => self.outstanding.push(other),
            }
        }
        // Old requests pile up otherwise (a held key sends one a row); the app has moved past
        // them anyway, and their answers would be stale.
        if self.outstanding.len() > 64 {
            self.outstanding.drain(..self.outstanding.len() - 64);
        }
    }

    fn update(&mut self, msg: Msg) {
        let effects = self.app.update(msg);
        self.track(effects);
        self.draw();
        self.check();
    }

    fn draw(&mut self) {
        self.terminal
            .draw(|frame| apidex::ui::draw(frame, &mut self.app))
            .unwrap();
    }

    fn step(&mut self, step: Step) {
        match step {
            Step::Intent(msg) => self.update(msg),
            Step::Event(event) => {
                if let Some(msg) = keymap::to_msg(&keymap::Keymap::default(), &self.app, &event) {
                    self.update(msg);
                }
            }
            Step::Answer(a) => {
                let msg = if self.outstanding.is_empty() || a.stale.is_some() && a.outcome < 32 {
                    respond(&imaginary(&a), &a)
                } else {
                    let i = a.effect.index(self.outstanding.len());
                    let msg = respond(&self.outstanding[i], &a);
                    // One answer per request, except batches and comparisons (one per item).
                    let many = matches!(
                        self.outstanding[i],
                        Effect::FetchBatch { .. } | Effect::FetchCards { .. }
                    );
                    let retry = matches!(msg, Msg::Retrying { .. } | Msg::Served { .. });
                    if !many && !retry && a.stale.is_none() {
                        self.outstanding.remove(i);
                    }
                    msg
                };
                self.update(msg);
            }
            Step::Resize(width, height) => {
                self.terminal.backend_mut().resize(width, height);
                self.update(Msg::Resize);
            }
            Step::Burst(msgs) => {
                for msg in msgs {
                    self.update(msg);
                }
            }
        }
    }

    /// What the rest of the code takes for granted about the state.
    fn check(&self) {
        let app = &self.app;
        for tab in &app.tabs {
            let list = &tab.list;
            match list.state.selected() {
                Some(row) => assert!(
                    row < list.shown.len(),
                    "selection {row} past {} shown rows",
                    list.shown.len()
                ),
                None => assert!(
                    list.shown.is_empty() || list.all().is_empty(),
                    "rows shown but none selected"
                ),
            }
            assert!(
                list.shown.iter().all(|s| s.entry < list.all().len()),
                "a shown row points past the entries"
            );
            assert!(list.marks.iter().all(|&m| m < list.all().len()));
            if let Some(batch) = &tab.batch {
                assert!(
                    batch
                        .state
                        .selected()
                        .is_none_or(|s| s < batch.items.len().max(1)),
                    "batch selection past its items"
                );
            }
        }
        let detail = &app.tab().detail;
        if let Some(link) = detail.link {
            assert!(
                link < app.links().len(),
                "link {link} of {}",
                app.links().len()
            );
        }
        let size = self.terminal.backend().buffer().area;
        let within = |r: ratatui::layout::Rect| r.is_empty() || size.contains(r.as_position());
        assert!(within(app.areas.list) && within(app.areas.detail) && within(app.areas.tabs));
    }
}

/// 96 cases keep the file at a few seconds in a debug build; `PROPTEST_CASES=5000` searches
/// deeper.
fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            default.cases
        } else {
            96
        },
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..default
    }
}

proptest! {
    #![proptest_config(config())]

    /// Random intents, terminal events and results in any order, drawn after each at sizes that
    /// change now and then.
    #[test]
    fn any_interleaving_never_panics(
        switches in any::<(bool, bool)>(),
        start in size(),
        steps in prop::collection::vec(step(), 1..60),
    ) {
        let mut run = Run::new(switches, start);
        for step in steps {
            run.step(step);
        }
    }

    /// With every list loaded first, so that the keys reach pages, batches and comparisons.
    #[test]
    fn keys_on_loaded_lists_never_panic(
        switches in any::<(bool, bool)>(),
        start in size(),
        steps in prop::collection::vec(loaded_step(), 1..60),
    ) {
        let mut run = Run::loaded(switches, start);
        for step in steps {
            run.step(step);
        }
    }
}

/// Steps for an app whose lists are loaded: mostly keys, and answers that are not stale.
fn loaded_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => key_event().prop_map(|k| Step::Event(Event::Key(k))),
        2 => intent().prop_map(Step::Intent),
        2 => answer().prop_map(|a| Step::Answer(Answer { stale: None, ..a })),
        1 => mouse_event().prop_map(|m| Step::Event(Event::Mouse(m))),
        1 => size().prop_map(|(w, h)| Step::Resize(w, h)),
        1 => burst(),
    ]
}

/// The generators reach the states the properties are about: without this, a change that made
/// every result stale (or every key a no-op) would leave the properties passing vacuously.
#[test]
fn the_generated_runs_reach_pages_batches_and_comparisons() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let (mut lists, mut pages, mut batches, mut compares, mut help) = (0, 0, 0, 0, 0);
    for case in 0..48 {
        let (mut run, steps) = if case % 2 == 0 {
            let steps = prop::collection::vec(step(), 60..61);
            (
                Run::new((false, case % 4 == 0), (100, 30)),
                steps.new_tree(&mut runner).unwrap().current(),
            )
        } else {
            let steps = prop::collection::vec(loaded_step(), 60..61);
            (
                Run::loaded((false, case % 4 == 1), (100, 30)),
                steps.new_tree(&mut runner).unwrap().current(),
            )
        };
        for step in steps {
            run.step(step);
            let app = &run.app;
            lists += usize::from(app.tabs.iter().any(|t| t.list.entries.loaded().is_some()));
            pages += usize::from(app.tabs.iter().any(|t| t.detail.state.loaded().is_some()));
            batches += usize::from(app.tabs.iter().any(|t| t.batch.is_some()));
            compares += usize::from(app.compare.is_some());
            help += usize::from(app.help);
        }
    }
    assert!(lists > 0, "no list was ever loaded");
    assert!(pages > 0, "no page was ever shown");
    assert!(batches > 0, "no batch was ever opened");
    assert!(compares > 0, "no comparison was ever opened");
    assert!(help > 0, "the help was never open");
}
