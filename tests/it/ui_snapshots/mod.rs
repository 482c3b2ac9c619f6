//! What the browser draws, as text snapshots of a `TestBackend` (under `tests/it/snapshots/`), plus
//! explicit checks of the colours a text snapshot cannot show.
//!
//! Every state is reached the way the running app reaches it: `App::update` with the messages the
//! event loop would deliver, using the request ids from the app's own effects. Lists come from the
//! real fixtures by the production mapping; details are hand-built from the fixtures' real values.
//!
//! Split by what the picture is of (pages, load and failure states, rows, sizes, help, the
//! comparison); the builders and drawing helpers they share are here.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use apidex::app::App;
use apidex::model::ItemKey;
use apidex::msg::Msg;
use builders::{deliver_detail, deliver_type_chart, detail_req, loaded_app, pikachu_detail};
use ratatui::Terminal;

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

mod compare;
mod help;
mod pages;
mod rows;
mod sizes;
mod states;

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
