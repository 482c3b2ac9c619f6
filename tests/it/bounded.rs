//! Bounded work on hostile answers: the local server serves a Pokémon with 500 stats (with long
//! names), 2000 abilities, a 10 MB flavor text and a 10 MB ability effect, and a post with a
//! 10 MB body and 2000 comments. They go through the real fetch mapping into the app, and the
//! tests count what is held and drawn — rows and bytes in the view model, lines on the page, the
//! filter's passes for a 20 000-character paste — never time. The loop test drives the real event
//! loop over such a page and checks, on the screen, that keys are still answered.
#![allow(clippy::unwrap_used)]

use apidex::api::Clients;
use apidex::app::loadable::Loadable;
use apidex::app::{App, Focus, Hosts};
use apidex::fetch;
use apidex::model::{ItemKey, Source};
use apidex::msg::Msg;
use apidex::views::Detail;
use apidex::views::bounds::{
    MAX_BLURB, MAX_LINE, MAX_QUERY, MAX_ROWS, MAX_STATS, MAX_TEXT, MAX_TEXT_ROWS,
};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};

use crate::support::driver::run_app;
use crate::support::screen::buffer_text;
use crate::support::settle::settle;
use crate::support::{Reply, TestServer, clients, fixture, fixture_server};

/// Stats, abilities and comments the hostile answers carry.
const STATS: usize = 500;
const ABILITIES: usize = 2000;
/// Level-up moves in the hostile Pokémon's newest version group.
const MOVES: usize = 3000;
const COMMENTS: usize = 2000;

/// A 10 MB text of words.
fn huge() -> String {
    "flood ".repeat(10 * 1024 * 1024 / 6)
}

/// Bulbasaur's fixture with 500 long-named stats and 2000 abilities.
fn hostile_pokemon(name: &str) -> Value {
    let mut p: Value = serde_json::from_slice(&fixture("pokeapi/pokemon/1.json")).unwrap();
    p["name"] = json!(name);
    p["stats"] = (0..STATS)
        .map(|i| {
            json!({"base_stat": i % 256, "effort": 0,
                   "stat": {"name": format!("stat-{i}-{}", "x".repeat(1000)),
                            "url": "https://pokeapi.co/api/v2/stat/1/"}})
        })
        .collect();
    p["abilities"] = (0..ABILITIES)
        .map(|i| {
            json!({"ability": {"name": format!("ab-{i}"), "url": "https://pokeapi.co/api/v2/ability/65/"},
                   "is_hidden": false, "slot": 1})
        })
        .collect();
    p["moves"] = (0..MOVES)
        .map(|i| {
            json!({"move": {"name": format!("mv-{i}"), "url": "https://pokeapi.co/api/v2/move/1/"},
                   "version_group_details": [{"level_learned_at": i, "order": null,
                       "move_learn_method": {"name": "level-up", "url": "https://pokeapi.co/api/v2/move-learn-method/1/"},
                       "version_group": {"name": "x-y", "url": "https://pokeapi.co/api/v2/version-group/15/"}}]})
        })
        .collect();
    p
}

/// Mounts bulbasaur and ivysaur as hostile Pokémon (both of bulbasaur's species, whose flavor
/// text is 10 MB, as is the first ability's effect), and post 1 with a 10 MB body and 2000
/// comments, over the fixtures.
fn mount_hostile(server: &TestServer) {
    for name in ["bulbasaur", "ivysaur"] {
        let body = hostile_pokemon(name).to_string();
        server.route(&format!("/api/v2/pokemon/{name}"), Reply::json(body));
    }
    let mut species: Value =
        serde_json::from_slice(&fixture("pokeapi/pokemon-species/1.json")).unwrap();
    species["flavor_text_entries"] = json!([{"flavor_text": huge(),
        "language": {"name": "en", "url": "https://pokeapi.co/api/v2/language/9/"},
        "version": {"name": "red", "url": "https://pokeapi.co/api/v2/version/1/"}}]);
    server.route(
        "/api/v2/pokemon-species/bulbasaur",
        Reply::json(species.to_string()),
    );
    let mut ability: Value = serde_json::from_slice(&fixture("pokeapi/ability/65.json")).unwrap();
    // One 10 MB string a body: two would pass the client's 16 MB limit on a body.
    ability["effect_entries"] = json!([{"effect": "short", "short_effect": huge(),
        "language": {"name": "en", "url": "https://pokeapi.co/api/v2/language/9/"}}]);
    server.route("/api/v2/ability/ab-0", Reply::json(ability.to_string()));
    let title = "title ".repeat(100_000);
    let post = json!({"id": 1, "userId": 1, "title": title, "body": huge()});
    server.route("/posts/1", Reply::json(post.to_string()));
    let comments: Vec<Value> = (0..COMMENTS)
        .map(|i| json!({"postId": 1, "id": i, "name": format!("c{i}"), "email": "c@example.com", "body": "b"}))
        .collect();
    server.route(
        "/posts/1/comments",
        Reply::json(json!(comments).to_string()),
    );
}

async fn hostile_server() -> TestServer {
    let server = fixture_server().await;
    mount_hostile(&server);
    server
}

/// Draws the app on a `width`×`height` screen and returns what it shows.
fn draw(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let frame = terminal.draw(|frame| apidex::ui::draw(frame, app)).unwrap();
    buffer_text(frame.buffer)
}

/// An app with the lists loaded and bulbasaur's page open.
async fn with_hostile_page(clients: &Clients) -> App {
    let (mut app, effects) = App::new(Hosts::default());
    settle(&mut app, clients, effects).await;
    let effects = app.update(Msg::Confirm);
    settle(&mut app, clients, effects).await;
    app
}

#[tokio::test]
async fn a_hostile_pokemon_is_held_cut_to_size_and_only_kept_abilities_are_fetched() {
    let server = hostile_server().await;
    let clients = clients(&server);
    let key = ItemKey::Pokemon("bulbasaur".to_owned());
    let Some(Detail::Pokemon(p)) = fetch::detail(&clients, &key, Vec::new()).await.unwrap() else {
        panic!("a Pokémon page expected");
    };
    assert_eq!(p.stats.len(), MAX_STATS);
    assert_eq!(p.stats.more(), STATS - MAX_STATS);
    assert_eq!(p.abilities.len(), MAX_TEXT_ROWS);
    assert_eq!(p.abilities.more(), ABILITIES - MAX_TEXT_ROWS);
    assert!(p.stats.iter().all(|(name, _)| name.len() <= MAX_LINE));
    let flavor = p.flavor.clone().unwrap().unwrap();
    assert!(
        flavor.len() <= MAX_TEXT && flavor.ends_with('…'),
        "{}",
        flavor.len()
    );
    let effect = p.abilities[0].effect.clone().unwrap().unwrap();
    assert!(
        effect.len() <= MAX_TEXT && effect.ends_with('…'),
        "{}",
        effect.len()
    );
    let ability_requests = server
        .requests()
        .iter()
        .filter(|r| r.starts_with("/api/v2/ability/"))
        .count();
    assert_eq!(
        ability_requests, MAX_TEXT_ROWS,
        "only the kept abilities are fetched"
    );

    // The page says what it left out, and its text is bounded by the caps, not by the answer.
    let text = crate::support::pages::page_text(&Detail::Pokemon(p), false, 0);
    assert!(
        text.contains(&format!(
            "… {} more stats (not in the total)",
            STATS - MAX_STATS
        )),
        "{text:?}"
    );
    assert!(text.contains(&format!("… {} more abilities", ABILITIES - MAX_TEXT_ROWS)));
    assert!(text.contains(&format!("… {} more moves", MOVES - MAX_ROWS)));
    // Long stat names are cut beside their bars, so the bars stay in one column.
    let bars: Vec<&String> = text.iter().filter(|l| l.starts_with("stat-")).collect();
    assert_eq!(bars.len(), MAX_STATS);
    let bar_start = |l: &str| l.chars().position(|c| c == '█' || c == '░');
    assert!(bars.iter().all(|l| bar_start(l) == Some(21)), "{bars:?}");
    assert!(
        text.len() < MAX_STATS + MAX_TEXT_ROWS + MAX_ROWS + 40,
        "{}",
        text.len()
    );
    let bytes: usize = text.iter().map(String::len).sum();
    assert!(
        bytes < MAX_STATS * 64 + MAX_TEXT_ROWS * (MAX_LINE + MAX_BLURB) + 2 * MAX_TEXT,
        "{bytes}"
    );
}

#[tokio::test]
async fn a_hostile_post_is_held_cut_to_size() {
    let server = hostile_server().await;
    let clients = clients(&server);
    let Some(Detail::Post(p)) = fetch::detail(&clients, &ItemKey::Post(1), Vec::new())
        .await
        .unwrap()
    else {
        panic!("a post page expected");
    };
    assert!(p.title.len() <= MAX_LINE && p.body.len() <= MAX_TEXT);
    let comments = p.comments.as_ref().unwrap();
    assert_eq!(
        (comments.len(), comments.total()),
        (MAX_TEXT_ROWS, COMMENTS)
    );
    let (mut app, effects) = App::new(Hosts::default());
    settle(&mut app, &clients, effects).await;
    app.update(Msg::SelectTab(Source::Posts));
    let effects = app.update(Msg::Confirm);
    settle(&mut app, &clients, effects).await;
    let screen = draw(&mut app, 200, 60);
    assert!(
        screen.contains(&format!("Comments ({COMMENTS})")),
        "{screen}"
    );
}

#[tokio::test]
async fn a_hostile_page_and_compare_draw_at_both_sizes() {
    let server = hostile_server().await;
    let clients = clients(&server);
    let mut app = with_hostile_page(&clients).await;
    assert!(matches!(
        app.tab().detail.state,
        Loadable::Loaded(Detail::Pokemon(_))
    ));
    for (width, height) in [(80, 24), (200, 60)] {
        let screen = draw(&mut app, width, height);
        assert!(screen.contains("#1 Bulbasaur"), "{screen}");
        assert!(screen.contains("Base stats"), "{screen}");
    }
    // Back to the list, bulbasaur and ivysaur marked, compared.
    app.update(Msg::FocusList);
    app.update(Msg::Top);
    app.update(Msg::ToggleMark);
    app.update(Msg::ToggleMark);
    let effects = app.update(Msg::Compare);
    settle(&mut app, &clients, effects).await;
    let compare = app.compare.as_ref().unwrap();
    for (_, card) in &compare.cards {
        let card = card.loaded().unwrap();
        assert_eq!((card.stats.len(), card.stats.total()), (MAX_STATS, STATS));
    }
    for (width, height) in [(80, 24), (200, 60)] {
        let screen = draw(&mut app, width, height);
        assert!(
            // Both hostile bodies say id 1: both cards are Bulbasaur by the name table.
            screen.matches("Bulbasaur").count() == 2,
            "{screen}"
        );
    }
    // The table ends with what it left out.
    app.update(Msg::Bottom);
    let screen = draw(&mut app, 200, 60);
    // Long stat names are cut to the label column instead of showing between the values.
    assert!(
        screen.contains("stat-23…") && !screen.contains("xxxxxxxxx"),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("… {} more stats", STATS - MAX_STATS)),
        "{screen}"
    );
}

#[tokio::test]
async fn a_20000_character_paste_keeps_a_capped_query_and_few_filter_passes() {
    let server = fixture_server().await;
    let clients = clients(&server);
    let (mut app, effects) = App::new(Hosts::default());
    settle(&mut app, &clients, effects).await;
    let entries = app.tab().list.all().len();
    assert!(entries > 1000, "{entries}");
    app.update(Msg::FocusSearch);
    let before = app.tab().list.work;
    // Without bracketed paste, a paste arrives as one key per character.
    let paste: String = "lorem ipsum dolor sit amet 1234 "
        .chars()
        .cycle()
        .take(20_000)
        .collect();
    for c in paste.chars() {
        app.update(Msg::SearchInput(c));
    }
    let list = &app.tab().list;
    assert_eq!(list.query.chars().count(), MAX_QUERY);
    let work = list.work;
    let passes = work.passes - before.passes;
    assert!(passes <= MAX_QUERY as u64, "{work:?}");
    assert!(work.full_passes - before.full_passes <= 2, "{work:?}");
    assert!(
        work.scored - before.scored <= 2 * entries as u64,
        "{work:?}"
    );

    // A bracketed paste is one edit: one pass, the query cut to the cap.
    app.update(Msg::SearchClear);
    let before = app.tab().list.work;
    app.update(Msg::SearchPaste(paste));
    let list = &app.tab().list;
    assert_eq!(list.query.chars().count(), MAX_QUERY);
    assert_eq!(list.work.passes - before.passes, 1);
    assert_eq!(app.focus, Focus::Search);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("/ lorem ipsum"), "{screen}");
}

#[test]
fn a_bracketed_paste_while_typing_is_one_message() {
    let (mut app, _) = App::new(Hosts::default());
    let paste = crossterm::event::Event::Paste("x".repeat(20_000));
    assert!(
        apidex::keymap::to_msg(&apidex::keymap::Keymap::default(), &app, &paste).is_none(),
        "not typing"
    );
    app.update(Msg::FocusSearch);
    assert!(matches!(
        apidex::keymap::to_msg(&apidex::keymap::Keymap::default(), &app, &paste),
        Some(Msg::SearchPaste(text)) if text.len() == 20_000
    ));
}

#[tokio::test]
async fn typing_digits_refines_instead_of_refiltering_everything() {
    let server = fixture_server().await;
    let clients = clients(&server);
    let (mut app, effects) = App::new(Hosts::default());
    settle(&mut app, &clients, effects).await;
    app.update(Msg::FocusSearch);
    let before = app.tab().list.work;
    for c in "25".chars() {
        app.update(Msg::SearchInput(c));
    }
    let list = &app.tab().list;
    assert_eq!(list.work.full_passes - before.full_passes, 1);
    // An exact id still comes first, though `25` is not fuzzy-matched by pikachu's name.
    assert_eq!(list.selected().unwrap().title, "Pikachu");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_are_answered_on_a_hostile_page_and_compare() {
    let server = hostile_server().await;
    run_app(clients(&server), 100, 30, |s| async move {
        s.wait_for_text("Base stats").await;
        s.wait_for_text("#1 Bulbasaur").await;
        // A tab switch shows at once.
        s.key(KeyCode::Char('2'));
        // The title is cut (`…`) so the author stays in view.
        s.wait_for_text("#1 sunt aut face").await;
        s.key(KeyCode::Char('1'));
        s.wait_for_text("Base stats").await;
        // Compare the two hostile Pokémon, scroll it, close it, switch tabs again.
        s.key(KeyCode::Char(' '));
        s.key(KeyCode::Char(' '));
        s.wait_for_text("2 marked").await;
        s.key(KeyCode::Char('c'));
        s.wait_for("both cards", |screen| {
            // Both hostile bodies say id 1: both cards are Bulbasaur by the name table.
            screen.contains("compare ·")
                && screen.matches("#1 Bulbasaur").count() == 2
                && screen.contains("stat-0")
        })
        .await;
        s.key(KeyCode::End);
        s.wait_for_text("more stats").await;
        s.key(KeyCode::Esc);
        s.key(KeyCode::Char('3'));
        s.wait_for_text("affenpinscher").await;
    })
    .await;
}
