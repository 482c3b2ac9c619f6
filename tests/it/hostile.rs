//! Attack strings from an API, all the way to the screen: the local server serves posts, users,
//! comments and Pokémon whose text carries terminal escapes (retitle, clipboard, clear, cursor
//! movement), C1 controls, BEL, CR, bidi overrides, a 10 kB paste, emoji, right-to-left and
//! combining text. They go through the real fetch mapping (`apidex::fetch`) into the app, are
//! drawn into a `TestBackend`, and no cell may carry a control or bidi character — while the
//! escaped form (`\x1b`) is visible, so the user sees that something odd was there.
//!
//! Wide characters must not break the layout either: the list pane's right border stays in one
//! column on every row.
#![allow(clippy::unwrap_used)]

use apidex::api::{Case, Clients, encode_segment};
use apidex::app::{App, Hosts};
use apidex::model::Source;
use apidex::msg::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use serde_json::json;

use crate::support::settle::settle;
use crate::support::{Reply, TestServer, fixture, fixture_server};

/// Retitles the terminal.
const OSC_TITLE: &str = "\u{1b}]0;pwned\u{7}";
/// Writes `rm -rf ~` to the clipboard.
const OSC_CLIPBOARD: &str = "\u{1b}]52;c;cm0gLXJmIH4=\u{7}";
/// Clears the screen and homes the cursor.
const CLEAR: &str = "\u{1b}[2J\u{1b}[H";
/// Moves the cursor up a line (to overwrite what was drawn).
const CURSOR_UP: &str = "\u{1b}[1A";
/// CSI as one C1 character: red text on terminals that take 8-bit controls.
const C1_CSI: &str = "\u{9b}31m";
/// Right-to-left override: what follows displays reversed.
const BIDI: &str = "\u{202e}";

/// Every attack, space-separated so each escaped piece stays on one line when the pane wraps,
/// and ordinary text that must survive: emoji, Arabic, a combining accent.
fn attack(label: &str) -> String {
    format!(
        "{label} {OSC_TITLE} {OSC_CLIPBOARD} {CLEAR} {CURSOR_UP} {C1_CSI} bell\u{7} cr\r \
         {BIDI}desrever 😀 مرحبا cafe\u{301}"
    )
}

/// What each attack must look like on screen.
const ESCAPED: [&str; 7] = [
    "\\x1b]0;pwned\\x07",
    "\\x1b]52;c;cm0gLXJmIH4=\\x07",
    "\\x1b[2J\\x1b[H",
    "\\x1b[1A",
    "\\x9b31m",
    "bell\\x07",
    "\\u{202e}desrever",
];

/// A 10 kB paste: long lines, tabs, escapes scattered through.
fn paste() -> String {
    let mut s = String::new();
    while s.len() < 10_000 {
        s.push_str("lorem ipsum\tdolor \u{1b}[31msit\u{1b}[0m amet 😀 ");
    }
    s
}

/// Mounts hostile posts, users and comments over the fixtures.
fn mount_hostile_posts(server: &TestServer) {
    let posts = json!([
        {"id": 1, "userId": 1, "title": attack("title"), "body": "short"},
        {"id": 2, "userId": 1, "title": "日本語のタイトル、とても長い日本語のタイトルです。全角文字ばかり", "body": "b"},
        {"id": 3, "userId": 1, "title": "😀😀😀 emoji 👨‍👩‍👧‍👦 family 🇯🇵🇯🇵 flags 👍🏽", "body": "b"},
        {"id": 4, "userId": 1, "title": "مرحبا بالعالم — שלום עולם — right to left", "body": "b"},
        {"id": 5, "userId": 1, "title": "ｆｕｌｌｗｉｄｔｈ ＬＥＴＴＥＲＳ ａｎｄ 한국어 제목 ｘ", "body": "b"},
        {"id": 6, "userId": 1, "title": "e\u{301}\u{302}\u{303} zalgo a\u{20dd} combining ｷﾞｶﾞﾞ", "body": "b"},
        {"id": 7, "userId": 1, "title": paste(), "body": "b"},
        {"id": 8, "userId": 1, "title": "x漢x漢x漢x漢x漢x漢x漢x漢x漢x漢x漢x漢x漢x漢x漢x漢x漢x漢x漢x漢", "body": "b"},
    ]);
    let user = json!({
        "id": 1,
        "name": attack("name"),
        "username": "\u{1b}[8mhidden",
        "email": "evil@example.com\u{7}",
        "company": {"name": attack("company")},
    });
    let comments = json!([
        {"postId": 1, "id": 1, "name": attack("subject"), "email": "c@example.com",
         "body": format!("{}\r\nsecond line\n{}", attack("comment"), paste())},
    ]);
    let post = json!({
        "id": 1, "userId": 1, "title": attack("title"),
        "body": format!("{}\n{}", attack("body"), paste()),
    });
    server.route("/posts", Reply::json(posts.to_string()));
    server.route("/users", Reply::json(json!([user]).to_string()));
    server.route("/users/1", Reply::json(user.to_string()));
    server.route("/posts/1", Reply::json(post.to_string()));
    server.route("/posts/1/comments", Reply::json(comments.to_string()));
}

/// Mounts an index whose first Pokémon has a hostile name, and that Pokémon (pikachu's data
/// under the hostile name) where the client will ask for it.
fn mount_hostile_pokemon(server: &TestServer) -> String {
    let name = attack("mon");
    let index = json!({
        "count": 3,
        "results": [
            {"name": name, "url": "https://pokeapi.co/api/v2/pokemon/25/"},
            {"name": "ピカチュウ", "url": "https://pokeapi.co/api/v2/pokemon/10001/"},
            {"name": "bulbasaur", "url": "https://pokeapi.co/api/v2/pokemon/1/"},
        ],
    });
    server.route(
        "/api/v2/pokemon?limit=100000",
        Reply::json(index.to_string()),
    );
    let mut pikachu: serde_json::Value =
        serde_json::from_slice(&fixture("pokeapi/pokemon/25.json")).unwrap();
    pikachu["name"] = json!(name);
    let segment = encode_segment(&name, Case::Lower).unwrap();
    server.route(
        &format!("/api/v2/pokemon/{segment}"),
        Reply::json(pikachu.to_string()),
    );
    name
}

/// An app with every list fetched from `server`, the Pokémon tab's first page open.
async fn started(server: &TestServer) -> (App, Clients) {
    let clients = crate::support::clients(server);
    let (mut app, effects) = App::new(Hosts::default());
    settle(&mut app, &clients, effects).await;
    (app, clients)
}

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| apidex::ui::draw(frame, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// The text of `area`, row by row; the cell a wide character hides is skipped (so `日本` reads
/// as it was written, not as `日 本`).
fn text_of(buffer: &Buffer, area: Rect) -> String {
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += symbol.cell_width().max(1);
        }
        out.push('\n');
    }
    out
}

/// C0 and C1 controls, DEL, and the bidi overrides and isolates.
fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// No cell of the screen carries a control or bidi character.
fn assert_no_raw_controls(buffer: &Buffer) {
    for (i, cell) in buffer.content().iter().enumerate() {
        let symbol = cell.symbol();
        assert!(
            !symbol.chars().any(is_forbidden),
            "cell {i} holds {symbol:?}; screen:\n{}",
            text_of(buffer, buffer.area)
        );
    }
}

/// The text of one attack on `screen`: from its label to the end of its last piece.
fn attack_on<'a>(screen: &'a str, label: &str) -> &'a str {
    let start = screen
        .find(&format!("{label} \\x1b]0;pwned"))
        .unwrap_or_else(|| panic!("{label} is not on screen:\n{screen}"));
    let end = screen[start..]
        .find("desrever")
        .unwrap_or_else(|| panic!("{label} is cut short on screen:\n{screen}"));
    &screen[start..start + end + "desrever".len()]
}

/// Every attack in `screen` is shown escaped, and none shows with its ESC silently dropped.
fn assert_shown_escaped(screen: &str, what: &str) {
    for escaped in ESCAPED {
        assert!(
            screen.contains(escaped),
            "{what}: {escaped} is not on screen:\n{screen}"
        );
    }
    // "]0;pwned" without the `\x1b` before it: the raw sequence reached the buffer (where
    // ratatui dropped the ESC itself, and the terminal would have shown the rest).
    for (at, _) in screen.match_indices("]0;pwned") {
        assert!(
            screen[..at].ends_with("\\x1b"),
            "{what}: an unescaped title sequence is on screen:\n{screen}"
        );
    }
}

#[tokio::test]
async fn hostile_post_title_author_and_comment_are_shown_escaped() {
    let server = fixture_server().await;
    mount_hostile_posts(&server);
    let (mut app, clients) = started(&server).await;
    let effects = app.update(Msg::SelectTab(Source::Posts));
    settle(&mut app, &clients, effects).await;
    // Tall enough for the two 10 kB pastes, wrapped.
    let buffer = draw(&mut app, 120, 400);
    assert_no_raw_controls(&buffer);
    let list = text_of(&buffer, app.areas.list);
    let detail = text_of(&buffer, app.areas.detail);
    // The list row's title is cut with `…` so the (escaped, hostile) author stays in view.
    assert!(list.contains("#1 title \\x1b]0;pwn…"), "{list}");
    assert!(list.contains("name \\x1b]0;pwned"), "{list}");
    // The detail wraps: the title, the body, the author and the comment show every attack.
    for what in ["title", "body", "name", "company", "subject", "comment"] {
        assert_shown_escaped(attack_on(&detail, what), what);
    }
    // The pastes' escapes too, and their tabs are spaces.
    assert!(
        detail.contains("dolor \\x1b[31msit\\x1b[0m amet"),
        "{detail}"
    );
    // Text that is not an attack arrives intact.
    assert!(
        detail.contains("😀") && detail.contains("مرحبا"),
        "{detail}"
    );
    assert!(detail.contains("\\x1b[8mhidden"), "{detail}");
}

#[tokio::test]
async fn hostile_user_page_is_shown_escaped() {
    let server = fixture_server().await;
    mount_hostile_posts(&server);
    let (mut app, clients) = started(&server).await;
    let effects = app.update(Msg::SelectTab(Source::Posts));
    settle(&mut app, &clients, effects).await;
    // Follow the author link: the post's only link.
    app.update(Msg::FocusDetail);
    app.update(Msg::Move(1));
    let effects = app.update(Msg::Confirm);
    settle(&mut app, &clients, effects).await;
    let buffer = draw(&mut app, 120, 40);
    assert_no_raw_controls(&buffer);
    let detail = text_of(&buffer, app.areas.detail);
    assert_shown_escaped(attack_on(&detail, "name"), "user name");
    assert_shown_escaped(attack_on(&detail, "company"), "company");
}

#[tokio::test]
async fn hostile_pokemon_name_is_shown_escaped_in_list_page_and_title() {
    let server = fixture_server().await;
    let name = mount_hostile_pokemon(&server);
    let (mut app, _clients) = started(&server).await;
    assert_eq!(
        app.tab().detail.key.as_ref().map(ToString::to_string),
        Some(name),
        "the hostile Pokémon's page was not opened"
    );
    assert!(
        app.tab().detail.state.loaded().is_some(),
        "{:?}",
        app.tab().detail.state
    );
    let buffer = draw(&mut app, 120, 50);
    assert_no_raw_controls(&buffer);
    let list = text_of(&buffer, app.areas.list);
    // #25's display name comes from the bundled table; the hostile slug beside it is escaped.
    assert!(
        list.contains("#25 Pikachu  mon \\x1b]0;pwned\\x07"),
        "{list}"
    );
    assert!(list.contains("ピカチュウ"), "{list}");
    let detail = text_of(&buffer, app.areas.detail);
    // The page's heading, wrapped over the pane.
    assert_shown_escaped(attack_on(&detail, "#25 Pikachu (mon"), "Pokémon name");
    // The pane's title (its top border) names the page: escaped too, not with ESC dropped.
    let title = text_of(
        &buffer,
        Rect {
            height: 1,
            ..app.areas.detail
        },
    );
    assert!(title.contains("mon \\x1b]0;pwned\\x07"), "title: {title}");
    assert_shown_escaped(&text_of(&buffer, buffer.area), "whole screen title check");
}

/// Whether walking row `y` from cell `from` in display columns (a wide character covers two
/// cells) lands exactly on cell `column`, rather than a wide character straddling it.
fn reaches(buffer: &Buffer, y: u16, from: u16, column: u16) -> bool {
    let mut x = from;
    while x < column {
        x += buffer[(x, y)].symbol().cell_width().max(1);
    }
    x == column
}

#[tokio::test]
async fn wide_characters_keep_the_list_border_in_one_column() {
    let server = fixture_server().await;
    mount_hostile_posts(&server);
    let (mut app, clients) = started(&server).await;
    let effects = app.update(Msg::SelectTab(Source::Posts));
    settle(&mut app, &clients, effects).await;
    // Odd and even widths move the border onto either half of a wide character.
    for width in [80, 81, 97, 100, 101, 120, 133] {
        let buffer = draw(&mut app, width, 20);
        assert_no_raw_controls(&buffer);
        let list = app.areas.list;
        let border = list.right() - 1;
        let screen = text_of(&buffer, buffer.area);
        assert!(
            screen.contains("日本語") && screen.contains("😀") && screen.contains("ｆｕｌｌ"),
            "the wide titles are not on screen:\n{screen}"
        );
        for y in list.top()..list.bottom() {
            let expected = if y == list.top() {
                "┐"
            } else if y == list.bottom() - 1 {
                "┘"
            } else {
                "│"
            };
            assert_eq!(
                buffer[(border, y)].symbol(),
                expected,
                "width {width}, row {y}: the border moved:\n{screen}"
            );
            assert!(
                reaches(&buffer, y, list.left(), border),
                "width {width}, row {y}: a wide character straddles the border:\n{screen}"
            );
            // The detail pane's left border, just after, lines up as well.
            assert!(
                reaches(&buffer, y, 0, app.areas.detail.left()),
                "width {width}, row {y}: the detail pane is shifted:\n{screen}"
            );
        }
    }
}
