//! The Posts tab: its search matches the author every row shows, and a long title gives way
//! (with `…`) so the author column stays on screen at every width. The list is built by the
//! real fetch code from the fixture server; the app is driven through `App::update`.
#![allow(clippy::unwrap_used)]

use apidex::api::HttpOptions;
use apidex::app::App;
use apidex::model::{ItemKey, Source};
use apidex::msg::Msg;
use apidex::views::ListEntry;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::support::app::{list_req, new_app};
use crate::support::{Reply, clients_with, fixture_server};

/// The Posts list as the browser builds it from the fixture server, with `post 1`'s title
/// replaced by `title` when given.
async fn post_entries(title: Option<&str>) -> Vec<ListEntry> {
    let server = fixture_server().await;
    if let Some(title) = title {
        let mut posts: serde_json::Value =
            serde_json::from_slice(&crate::support::fixture("jsonplaceholder/posts.json")).unwrap();
        posts[0]["title"] = title.into();
        server.route("/posts", Reply::json(posts.to_string()));
    }
    let clients = clients_with(&server, HttpOptions::default());
    apidex::fetch::list(&clients, Source::Posts).await.unwrap()
}

/// An app on the Posts tab with `entries` loaded.
fn posts_app(entries: Vec<ListEntry>) -> App {
    let (mut app, effects) = new_app();
    let req = list_req(&effects, Source::Posts);
    app.update(Msg::ListLoaded {
        source: Source::Posts,
        req,
        result: Ok(entries),
    });
    app.update(Msg::SelectTab(Source::Posts));
    app
}

fn search(app: &mut App, query: &str) {
    app.update(Msg::FocusSearch);
    for c in query.chars() {
        app.update(Msg::SearchInput(c));
    }
}

/// The ids of the posts shown, best match first.
fn shown_ids(app: &App) -> Vec<u32> {
    let list = &app.tab().list;
    list.shown
        .iter()
        .map(|s| match &list.all()[s.entry].key {
            ItemKey::Post(id) => *id,
            other => panic!("not a post: {other:?}"),
        })
        .collect()
}

fn screen(app: &mut App, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| apidex::ui::draw(f, app)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

#[tokio::test]
async fn searching_an_author_finds_their_posts_first() {
    let mut app = posts_app(post_entries(None).await);
    search(&mut app, "Ervin");
    let ids = shown_ids(&app);
    // Ervin Howell wrote posts 11–20; no title has "ervin" in it.
    assert_eq!(ids[..10], (11..=20).collect::<Vec<_>>()[..], "{ids:?}");
    // Title and author together: "Ervin" among Ervin's posts with "vero" in the title.
    search(&mut app, " vero");
    assert_eq!(shown_ids(&app).first(), Some(&11), "{:?}", shown_ids(&app));
}

#[tokio::test]
async fn a_title_still_matches_as_before() {
    let mut app = posts_app(post_entries(None).await);
    search(&mut app, "qui est esse");
    assert_eq!(shown_ids(&app).first(), Some(&2));
}

#[tokio::test]
async fn long_titles_are_ellipsised_and_the_author_stays_at_every_width() {
    let long = "ポケモン説明 — a very long title about Flabébé that goes on and on and on and on";
    let mut app = posts_app(post_entries(Some(long)).await);
    // 40..79 columns: the list alone; 80 and up: beside the detail.
    for width in [40, 41, 50, 63, 79, 80, 81, 100, 120, 200] {
        let rows = screen(&mut app, width, 12);
        // The first post's row: under the list's top border.
        let row = rows.iter().find(|r| r.contains("#1 ")).unwrap();
        assert!(row.contains("Leanne"), "{width}: author gone: {row:?}");
        if width < 150 {
            assert!(row.contains('…'), "{width}: no ellipsis: {row:?}");
        }
        // Every other row has its author too.
        let with_author = rows
            .iter()
            .filter(|r| r.contains("Leanne") || r.contains("Ervin"))
            .count();
        assert!(with_author >= 6, "{width}:\n{}", rows.join("\n"));
    }
}

#[tokio::test]
async fn the_list_draws_at_a_degenerate_width_without_panicking() {
    let mut app = posts_app(post_entries(Some("ピカチュウ".repeat(40).as_str())).await);
    for width in 0..45 {
        for height in [0, 1, 3, 12] {
            screen(&mut app, width, height);
        }
    }
}
