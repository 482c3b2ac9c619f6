//! What the browser draws, as text snapshots of a `TestBackend` (under `tests/it/snapshots/`), plus
//! explicit checks of the colours a text snapshot cannot show.
//!
//! Every state is reached the way the running app reaches it: `App::update` with the messages the
//! event loop would deliver, using the request ids from the app's own effects. Lists come from the
//! real fixtures by the production mapping; details are hand-built from the fixtures' real values.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use apidex::app::App;
use apidex::model::{ItemKey, Source};
use apidex::msg::{Effect, Msg};
use builders::{
    api_error, breed_detail, deliver_detail, deliver_type_chart, detail_req, list_req, loaded_app,
    new_app, pikachu_detail, post_detail, type_str,
};
use ratatui::Terminal;

use crate::support::screen::without_tab_bar;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

/// Builders for these snapshots, beside the shared ones (`crate::support`: the fixtures' lists by
/// the production mapping): details with real values, and helpers that answer the app's requests.
mod builders {
    use apidex::api::ApiError;
    use apidex::api::dogapi::models::{BreedName, Envelope};
    use apidex::api::jsonplaceholder::models::{Comment, Post, User};
    use apidex::app::App;
    use apidex::app::loadable::Loadable;
    use apidex::model::ItemKey;
    use apidex::model::RequestId;
    use apidex::msg::{Effect, Msg};
    use apidex::sanitize::{line, text};
    use apidex::views::{
        AbilityInfo, Author, BreedDetail, CommentView, Detail, EvolutionNode, PokemonDetail,
        PostDetail,
    };

    use crate::support::app::detail_fetch;
    pub use crate::support::app::{list_req, new_app, type_str};
    use crate::support::fixture_json as json;
    use crate::support::lists::type_chart;

    /// Pikachu as `apidex::fetch` builds it from `pokemon/25`, its species and its abilities.
    pub fn pikachu_detail() -> Detail {
        Detail::Pokemon(PokemonDetail {
            id: 25,
            name: "pikachu".to_owned(),
            display: None,
            genus: Some("Mouse Pokémon".to_owned()),
            types: vec!["electric".to_owned()],
            height_dm: 4,
            weight_hg: 60,
            stats: [
                ("hp", 35),
                ("attack", 55),
                ("defense", 40),
                ("special-attack", 50),
                ("special-defense", 50),
                ("speed", 90),
            ]
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect(),
            abilities: vec![
                AbilityInfo {
                    name: "static".to_owned(),
                    hidden: false,
                    effect: Ok(Some(
                        "Has a 30% chance of paralyzing attacking Pokémon on contact.".to_owned(),
                    )),
                },
                AbilityInfo {
                    name: "lightning-rod".to_owned(),
                    hidden: true,
                    effect: Ok(Some(
                        "Redirects single-target Electric moves to this Pokémon where possible. \
                         Absorbs Electric moves, raising Special Attack one stage."
                            .to_owned(),
                    )),
                },
            ]
            .into(),
            flavor: Ok(Some(
                "Possesses cheek sacs in which it stores electricity. This clever forest-dweller \
                 roasts tough berries with an electric shock before consuming them."
                    .to_owned(),
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
        })
    }

    /// Answers the type chart request a loaded Pokémon page sets off.
    pub fn deliver_type_chart(app: &mut App) {
        let Loadable::Loading { req } = app.type_chart else {
            panic!("no type chart loading: {:?}", app.type_chart);
        };
        app.update(Msg::TypeChartLoaded {
            req,
            result: Ok(type_chart()),
        });
    }

    /// Post 1 with its author and its first two comments, from the fixtures.
    pub fn post_detail() -> Detail {
        let post: Post = json("jsonplaceholder/posts-1.json");
        let user: User = json("jsonplaceholder/users-1.json");
        let comments: Vec<Comment> = json("jsonplaceholder/posts-1-comments.json");
        Detail::Post(PostDetail {
            id: post.id,
            title: line(&post.title).into_owned(),
            body: text(&post.body).into_owned(),
            user_id: post.user_id,
            author: Ok(Some(Author {
                name: user.name,
                username: user.username,
                email: user.email,
                company: user.company.map(|c| c.name),
            })),
            comments: Ok(comments
                .into_iter()
                .take(2)
                .map(|c| CommentView {
                    name: line(&c.name).into_owned(),
                    email: line(&c.email).into_owned(),
                    body: text(&c.body).into_owned(),
                })
                .collect()),
        })
    }

    /// A breed with the sub-breeds the fetch effect carried and a real random photo's URL.
    pub fn breed_detail(breed: &str, sub_breeds: Vec<String>) -> Detail {
        let image: Envelope<String> = json("dogapi/hound-afghan-random.json");
        Detail::Breed(BreedDetail {
            breed: BreedName {
                breed: breed.to_owned(),
                sub: None,
            },
            sub_breeds: sub_breeds.into(),
            image_url: image.message,
        })
    }

    /// A failure as a fetch reports it.
    pub fn api_error() -> ApiError {
        ApiError::Connect {
            url: "https://pokeapi.co/api/v2/pokemon?limit=100000".to_owned(),
            reason: "Connection refused (os error 111)".to_owned(),
        }
    }

    /// The request id, key and sub-breeds of the one `FetchDetail` in `effects`.
    pub fn detail_req(effects: &[Effect]) -> (RequestId, ItemKey, Vec<String>) {
        let fetch = detail_fetch(effects);
        (fetch.req, fetch.key, fetch.sub_breeds)
    }

    /// An app with every list loaded; the Pokémon tab's first detail is loading.
    pub fn loaded_app() -> App {
        crate::support::app::loaded_app().0
    }

    /// Answers the active tab's outstanding detail request with `result`.
    pub fn deliver_detail(app: &mut App, result: Result<Option<Detail>, ApiError>) {
        let tab = app.tab();
        let Loadable::Loading { req } = tab.detail.state else {
            panic!("no detail loading: {:?}", tab.detail.state);
        };
        let key = tab.detail.key.clone().unwrap();
        let source = app.active;
        app.update(Msg::DetailLoaded {
            source,
            req,
            key,
            result,
        });
    }
}

fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).unwrap()
}

fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = terminal(width, height);
    terminal.draw(|f| apidex::ui::draw(f, app)).unwrap();
    terminal
}

/// The row of `buffer` as text.
fn row_text(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// The first cell position where `needle` starts (counting one cell per character).
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    find_in(buffer, buffer.area, needle)
}

/// Like [`find`], looking only inside `area`.
fn find_in(buffer: &Buffer, area: Rect, needle: &str) -> Option<(u16, u16)> {
    let chars: Vec<char> = needle.chars().collect();
    for y in area.top()..area.bottom() {
        'start: for x in area.left()..area.right() {
            for (i, c) in (x..).zip(&chars) {
                if i >= area.right() || !buffer[(i, y)].symbol().starts_with(*c) {
                    continue 'start;
                }
            }
            return Some((x, y));
        }
    }
    None
}

/// The Pokémon tab with pikachu selected and its detail loaded.
fn pikachu_app() -> App {
    let mut app = loaded_app();
    let effects = app.update(Msg::Move(24));
    assert_eq!(
        detail_req(&effects).1,
        ItemKey::Pokemon("pikachu".to_owned())
    );
    deliver_detail(&mut app, Ok(Some(pikachu_detail())));
    deliver_type_chart(&mut app);
    assert!(!app.is_loading());
    app
}

// --- each tab with a detail ---------------------------------------------------------------------

#[test]
fn pokemon_tab_with_pikachu() {
    let mut app = pikachu_app();
    let terminal = draw(&mut app, 100, 30);
    insta::assert_snapshot!(
        "pokemon_tab_with_pikachu",
        without_tab_bar(terminal.backend())
    );
}

/// The first registered source's tab (`apidex::sources`), its first item's page drawn from
/// its fixture: the page every registered source gets.
#[test]
fn registered_source_tab_with_its_first_page() {
    let record = apidex::model::RecordId::all().next().unwrap();
    let mut app = loaded_app();
    let (_, key, _) = detail_req(&app.update(Msg::SelectTab(Source::Record(record))));
    let ItemKey::Record(_, first) = &key else {
        panic!("{key:?}");
    };
    let body: serde_json::Value =
        serde_json::from_slice(&crate::support::records::body(record, first)).unwrap();
    let page = apidex::fetch::record::record_page(record, &body);
    deliver_detail(&mut app, Ok(Some(apidex::views::Detail::Record(page))));
    let terminal = draw(&mut app, 100, 30);
    insta::assert_snapshot!(
        format!("record_{}_page", record.spec().id),
        without_tab_bar(terminal.backend())
    );
}

#[test]
fn posts_tab_with_author_and_comments() {
    let mut app = loaded_app();
    let (_, key, _) = detail_req(&app.update(Msg::SelectTab(Source::Posts)));
    assert_eq!(key, ItemKey::Post(1));
    deliver_detail(&mut app, Ok(Some(post_detail())));
    let terminal = draw(&mut app, 100, 30);
    insta::assert_snapshot!(
        "posts_tab_with_author_and_comments",
        without_tab_bar(terminal.backend())
    );
}

#[test]
fn dogs_tab_with_sub_breeds() {
    let mut app = loaded_app();
    app.update(Msg::SelectTab(Source::Dogs));
    // Go past hound, draw (the list scrolls), then back up: hound's sub-breeds show under it.
    app.update(Msg::Move(75));
    draw(&mut app, 100, 30);
    let (_, key, sub_breeds) = detail_req(&app.update(Msg::Move(-7)));
    assert_eq!(key.to_string(), "hound");
    assert_eq!(
        sub_breeds,
        [
            "afghan", "basset", "blood", "english", "ibizan", "plott", "walker"
        ]
    );
    deliver_detail(&mut app, Ok(Some(breed_detail("hound", sub_breeds))));
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("└ afghan"), "{screen}");
    insta::assert_snapshot!(
        "dogs_tab_with_sub_breeds",
        without_tab_bar(terminal.backend())
    );
}

// --- loading and failure ------------------------------------------------------------------------

#[test]
fn lists_loading() {
    let (mut app, effects) = new_app();
    registered_lists_in(&mut app, &effects);
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("loading from PokeAPI"), "{screen}");
    insta::assert_snapshot!("lists_loading", without_tab_bar(terminal.backend()));
}

/// Delivers the registered sources' lists, so a picture of the built-in lists loading counts
/// the same whatever is registered.
fn registered_lists_in(app: &mut App, effects: &[Effect]) {
    for record in apidex::model::RecordId::all() {
        let source = Source::Record(record);
        app.update(Msg::ListLoaded {
            source,
            req: builders::list_req(effects, source),
            result: Ok(crate::support::lists::entries_for(source)),
        });
    }
}

#[test]
fn detail_loading() {
    let mut app = loaded_app();
    app.spinner = 3;
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("⠸ fetching…"), "{screen}");
    insta::assert_snapshot!("detail_loading", without_tab_bar(terminal.backend()));
}

#[test]
fn list_failed() {
    let (mut app, effects) = new_app();
    registered_lists_in(&mut app, &effects);
    app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req: list_req(&effects, Source::Pokemon),
        result: Err(api_error()),
    });
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("could not load the list"), "{screen}");
    insta::assert_snapshot!("list_failed", without_tab_bar(terminal.backend()));
}

#[test]
fn detail_failed() {
    let mut app = loaded_app();
    deliver_detail(
        &mut app,
        Err(apidex::api::ApiError::Status {
            url: "https://pokeapi.co/api/v2/pokemon/bulbasaur".to_owned(),
            code: 503,
        }),
    );
    let terminal = draw(&mut app, 100, 30);
    insta::assert_snapshot!("detail_failed", without_tab_bar(terminal.backend()));
}

#[test]
fn detail_not_found_with_suggestions() {
    let mut app = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "pikaxhu");
    let (_, key, _) = detail_req(&app.update(Msg::Confirm));
    assert_eq!(key, ItemKey::Pokemon("pikaxhu".to_owned()));
    deliver_detail(&mut app, Ok(None));
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("did you mean"), "{screen}");
    insta::assert_snapshot!(
        "detail_not_found_with_suggestions",
        without_tab_bar(terminal.backend())
    );
}

// --- batch, help, search ------------------------------------------------------------------------

#[test]
fn batch_in_progress() {
    let mut app = pikachu_app();
    app.update(Msg::Top);
    // bulbasaur, ivysaur, venusaur, charmander, charmeleon.
    for _ in 0..5 {
        app.update(Msg::ToggleMark);
    }
    let effects = app.update(Msg::Confirm);
    // (And the first item's page: the detail pane follows the batch's selection.)
    let [Effect::FetchBatch { req, items, .. }, ..] = effects.as_slice() else {
        panic!("expected a FetchBatch first, got {effects:?}");
    };
    assert_eq!(items.len(), 5);
    let req = *req;
    let source = Source::Pokemon;
    for index in 0..4 {
        app.update(Msg::BatchItemStarted { source, req, index });
    }
    app.update(Msg::BatchItemLoaded {
        source,
        req,
        index: 0,
        result: Ok(Some("grass/poison · total 318".to_owned())),
    });
    app.update(Msg::BatchItemLoaded {
        source,
        req,
        index: 2,
        result: Ok(None),
    });
    app.update(Msg::BatchItemLoaded {
        source,
        req,
        index: 3,
        result: Err(apidex::api::ApiError::Status {
            url: "https://pokeapi.co/api/v2/pokemon/charmander".to_owned(),
            code: 500,
        }),
    });
    // ivysaur (1) is in flight, charmeleon (4) still queued.
    app.update(Msg::Move(1));
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("batch · 3 of 5"), "{screen}");
    // The failed row names its status once, then the URL.
    assert!(screen.contains("HTTP 500 — https://"), "{screen}");
    assert!(!screen.contains("HTTP 500 — HTTP 500"), "{screen}");
    insta::assert_snapshot!("batch_in_progress", without_tab_bar(terminal.backend()));
}

#[test]
fn help_overlay() {
    let mut app = pikachu_app();
    app.update(Msg::ToggleHelp);
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Esc or ? closes this help"), "{screen}");
    insta::assert_snapshot!("help_overlay", without_tab_bar(terminal.backend()));
}

#[test]
fn search_highlights_char() {
    let mut app = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "char");
    let terminal = draw(&mut app, 100, 30);
    insta::assert_snapshot!(
        "search_highlights_char",
        without_tab_bar(terminal.backend())
    );

    // The matched letters are drawn in the match style; the rest of the title is not.
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "charmeleon").unwrap();
    for i in 0..4 {
        let cell = &buffer[(x + i, y)];
        assert_eq!(cell.fg, Color::Yellow, "{:?} at {}", cell.symbol(), x + i);
        assert!(cell.modifier.contains(Modifier::BOLD));
    }
    for i in 4..10 {
        let cell = &buffer[(x + i, y)];
        assert_ne!(cell.fg, Color::Yellow, "{:?} at {}", cell.symbol(), x + i);
    }
}

#[test]
fn selected_row_and_type_badge_styles() {
    let mut app = pikachu_app();
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();

    // The selected row (pikachu) is highlighted across the list's width, the others are not.
    let list = app.areas.list;
    let (x, y) = find_in(buffer, list, "#25 pikachu").unwrap();
    let selected = &buffer[(x + 4, y)];
    assert_eq!(selected.bg, Color::DarkGray);
    assert!(selected.modifier.contains(Modifier::BOLD));
    assert_eq!(buffer[(list.x + 1, y)].bg, Color::DarkGray, "row start");
    assert_eq!(buffer[(list.right() - 2, y)].bg, Color::DarkGray, "row end");
    let (x, y) = find(buffer, "#24 arbok").unwrap();
    assert_ne!(buffer[(x + 4, y)].bg, Color::DarkGray);

    // The electric badge has the electric colour, with dark text for contrast.
    let (x, y) = find(buffer, " electric ").unwrap();
    for i in 0..10 {
        let cell = &buffer[(x + i, y)];
        assert_eq!(cell.bg, Color::Rgb(0xF7, 0xD0, 0x2C), "at {}", x + i);
        assert_eq!(cell.fg, Color::Black);
    }
    // The heading is bold in the accent colour.
    let (x, y) = find(buffer, "#25 pikachu  Mouse").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::Cyan);
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));
    // The active tab is highlighted.
    let (x, y) = find(buffer, "1 Pokémon").unwrap();
    assert_eq!(buffer[(x, y)].bg, Color::Cyan);
    assert_ne!(
        buffer[(find(buffer, "2 Posts").unwrap().0, y)].bg,
        Color::Cyan
    );
}

#[test]
fn marked_rows_show_a_mark() {
    let mut app = loaded_app();
    app.update(Msg::ToggleMark);
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    let list = app.areas.list;
    let (_, y) = find_in(buffer, list, "#1 bulbasaur").unwrap();
    let mark = &buffer[(list.x + 1, y)];
    assert_eq!(mark.symbol(), "●");
    assert_eq!(mark.fg, Color::Magenta);
    let (_, y) = find_in(buffer, list, "#2 ivysaur").unwrap();
    assert_eq!(
        buffer[(list.x + 1, y)].symbol(),
        " ",
        "ivysaur is not marked"
    );
    assert!(row_text(buffer, 2).contains("Pokémon (1351) · 1 marked"));
}

// --- sizes --------------------------------------------------------------------------------------

#[test]
fn narrow_shows_the_list_only() {
    let mut app = pikachu_app();
    let terminal = draw(&mut app, 60, 20);
    assert_eq!(app.areas.detail.area(), 0);
    insta::assert_snapshot!("narrow_list_only", without_tab_bar(terminal.backend()));
}

#[test]
fn narrow_shows_the_detail_only_once_opened() {
    let mut app = pikachu_app();
    assert!(app.update(Msg::Confirm).is_empty(), "pikachu is loaded");
    let terminal = draw(&mut app, 60, 20);
    assert_eq!(app.areas.list.area(), 0);
    insta::assert_snapshot!("narrow_detail_only", without_tab_bar(terminal.backend()));

    // FocusDetail (l) shows it as well; h goes back to the list.
    app.update(Msg::FocusList);
    let terminal = draw(&mut app, 60, 20);
    assert!(terminal.backend().to_string().contains("#25 pikachu"));
    assert_eq!(app.areas.detail.area(), 0);
    app.update(Msg::FocusDetail);
    draw(&mut app, 60, 20);
    assert_eq!(app.areas.list.area(), 0);
}

#[test]
fn detail_scrolls_and_clamps_to_its_content() {
    let mut app = pikachu_app();
    app.update(Msg::Confirm);
    draw(&mut app, 60, 20);
    // PgDn always scrolls (arrows walk the page's links); far past the end, it stops there.
    for _ in 0..10 {
        app.update(Msg::Page(1));
    }
    let terminal = draw(&mut app, 60, 20);
    let scroll = app.tab().detail.scroll;
    assert!(scroll > 0 && scroll < 100, "clamped to {scroll}");
    let screen = terminal.backend().to_string();
    assert!(screen.contains("[image:"), "the end is shown: {screen}");
    insta::assert_snapshot!(
        "narrow_detail_scrolled_to_bottom",
        without_tab_bar(terminal.backend())
    );
    // One more page changes nothing.
    app.update(Msg::Page(1));
    draw(&mut app, 60, 20);
    assert_eq!(app.tab().detail.scroll, scroll);
    app.update(Msg::Top);
    assert_eq!(app.tab().detail.link, Some(0), "g goes to the first link");
}

#[test]
fn tiny_terminal_says_so() {
    let mut app = pikachu_app();
    let terminal = draw(&mut app, 30, 8);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("terminal too small"), "{screen}");
    assert_eq!(app.areas, apidex::app::Areas::default());
    insta::assert_snapshot!("too_small", without_tab_bar(terminal.backend()));
}

#[test]
fn degenerate_sizes_do_not_panic() {
    for (width, height) in [
        (1, 1),
        (2, 1),
        (1, 2),
        (40, 1),
        (1, 40),
        (0, 0),
        (40, 10),
        (80, 10),
    ] {
        for help in [false, true] {
            let mut app = pikachu_app();
            app.help = help;
            draw(&mut app, width, height);
            let mut app = loaded_app();
            app.help = help;
            app.update(Msg::FocusSearch);
            type_str(&mut app, "char");
            draw(&mut app, width, height);
        }
    }
    // And the batch view at the smallest size that lays out.
    let mut app = pikachu_app();
    app.update(Msg::MarkAll);
    app.update(Msg::Confirm);
    draw(&mut app, 40, 10);
    draw(&mut app, 80, 10);
}

// --- views taller than the screen, notices, retry hints (issue #10) -----------------------------

#[test]
fn help_at_80_by_24_scrolls_to_its_last_binding() {
    let mut app = pikachu_app();
    app.update(Msg::ToggleHelp);
    let terminal = draw(&mut app, 80, 24);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("↓ more"), "{screen}");
    assert!(
        !screen.contains("q Ctrl-C"),
        "the last binding is below: {screen}"
    );
    insta::assert_snapshot!("help_80x24_top", without_tab_bar(terminal.backend()));

    app.update(Msg::Bottom);
    let terminal = draw(&mut app, 80, 24);
    let screen = terminal.backend().to_string();
    assert!(
        screen.contains("q Ctrl-C") && screen.contains("quit"),
        "{screen}"
    );
    assert!(
        screen.contains("↑ more") && !screen.contains("↓ more"),
        "{screen}"
    );
    insta::assert_snapshot!("help_80x24_bottom", without_tab_bar(terminal.backend()));
}

/// The compare view's card for the Pokémon fixture `id`, as `apidex::fetch` builds it.
fn card(id: u32) -> apidex::views::PokemonCard {
    let json: serde_json::Value = serde_json::from_slice(&crate::support::fixture(&format!(
        "pokeapi/pokemon/{id}.json"
    )))
    .unwrap();
    apidex::views::PokemonCard {
        id,
        name: json["name"].as_str().unwrap().to_owned(),
        display: apidex::names::NameTable::bundled()
            .display(id, apidex::names::Lang::En)
            .map(str::to_owned),
        types: json["types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["type"]["name"].as_str().unwrap().to_owned())
            .collect(),
        stats: json["stats"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let value = u32::try_from(s["base_stat"].as_u64().unwrap()).unwrap();
                (s["stat"]["name"].as_str().unwrap().to_owned(), value)
            })
            .collect(),
        sprite_url: None,
        shiny_url: None,
    }
}

/// The six Pokémon with fixtures, compared with pictures on, every card and the type chart delivered.
fn six_compared() -> App {
    let mut app = loaded_app();
    // As the binary runs: with room for sprites (the fixtures' cards have no sprite URL, so
    // the room stays empty).
    app.images_enabled = true;
    let ids = [1, 4, 7, 25, 26, 133];
    for id in ids {
        app.update(Msg::Top);
        app.update(Msg::Move(isize::try_from(id).unwrap() - 1));
        app.update(Msg::ToggleMark);
    }
    let effects = app.update(Msg::Compare);
    let Some(Effect::FetchCards { req, items }) = effects
        .iter()
        .find(|e| matches!(e, Effect::FetchCards { .. }))
    else {
        panic!("no FetchCards in {effects:?}");
    };
    assert_eq!(items.len(), 6);
    for (index, _) in items {
        app.update(Msg::CardLoaded {
            req: *req,
            index: *index,
            result: Ok(Some(card(ids[*index]))),
        });
    }
    deliver_type_chart(&mut app);
    app
}

#[test]
fn compare_of_six_at_80_by_24_is_readable_and_scrolls_to_the_team() {
    let mut app = six_compared();
    let terminal = draw(&mut app, 80, 24);
    let screen = terminal.backend().to_string();
    // Each name whole and apart from the next.
    for name in [
        "Bulbasaur ",
        "Charmander ",
        "Squirtle ",
        "Pikachu ",
        "Raichu ",
        "Eevee ",
    ] {
        assert!(screen.contains(name), "{name}: {screen}");
    }
    assert!(screen.contains("↓ more"), "{screen}");
    insta::assert_snapshot!("compare_six_80x24_top", without_tab_bar(terminal.backend()));

    app.update(Msg::Page(1));
    app.update(Msg::Bottom);
    let terminal = draw(&mut app, 80, 24);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Team matchups"), "{screen}");
    assert!(screen.contains("weak (2+ members)"), "{screen}");
    assert!(screen.contains("nobody resists"), "{screen}");
    assert!(screen.contains("↑ more"), "{screen}");
    // The names stay on top while the rest scrolls.
    assert!(
        row_text(terminal.backend().buffer(), 3).contains("Bulbasaur"),
        "{screen}"
    );
    insta::assert_snapshot!(
        "compare_six_80x24_bottom",
        without_tab_bar(terminal.backend())
    );
}

#[test]
fn the_selected_rows_id_stays_readable() {
    let mut app = pikachu_app();
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    let (x, y) = find_in(buffer, app.areas.list, "#25 pikachu").unwrap();
    let id = &buffer[(x, y)];
    assert_eq!(id.bg, Color::DarkGray, "on the selection");
    assert_ne!(id.fg, id.bg, "not the selection's own colour");
    assert_ne!(id.fg, Color::DarkGray);
    // Other rows keep their dim ids.
    let (x, y) = find_in(buffer, app.areas.list, "#24 arbok").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::DarkGray);

    // So does the batch view's selected row: "queued" is readable on the selection.
    app.update(Msg::ToggleMark);
    app.update(Msg::ToggleMark);
    app.update(Msg::Confirm);
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    let (x, y) = find_in(buffer, app.areas.list, "queued").unwrap();
    assert_eq!(
        buffer[(x, y)].bg,
        Color::DarkGray,
        "the first row is selected"
    );
    assert_ne!(buffer[(x, y)].fg, Color::DarkGray);
    let below = Rect {
        y: y + 1,
        height: app.areas.list.bottom() - (y + 1),
        ..app.areas.list
    };
    let (x, y) = find_in(buffer, below, "queued").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::DarkGray, "the next row stays dim");
}

#[test]
fn a_success_shows_after_an_error_notice() {
    let mut app = pikachu_app();
    app.update(Msg::ToggleMark);
    app.update(Msg::Compare);
    let status = |app: &mut App| {
        let terminal = draw(app, 100, 30);
        row_text(terminal.backend().buffer(), 29)
    };
    assert!(status(&mut app).contains("✗ mark 2 to 6"));
    app.update(Msg::Export);
    app.update(Msg::Exported(Ok("/tmp/apidex-pikachu-1.json".into())));
    let line = status(&mut app);
    assert!(
        line.contains("✓ exported to /tmp/apidex-pikachu-1.json"),
        "{line}"
    );
    assert!(!line.contains('✗'), "{line}");
}

#[test]
fn a_400_is_not_offered_a_retry_but_a_503_is() {
    for (code, offered) in [(400, false), (405, false), (429, true), (503, true)] {
        let mut app = loaded_app();
        deliver_detail(
            &mut app,
            Err(apidex::api::ApiError::Status {
                url: "https://pokeapi.co/api/v2/pokemon/bulbasaur".to_owned(),
                code,
            }),
        );
        let terminal = draw(&mut app, 100, 30);
        let screen = terminal.backend().to_string();
        assert!(screen.contains(&format!("HTTP {code}")), "{screen}");
        assert_eq!(screen.contains("r retries"), offered, "{code}: {screen}");
    }
}
