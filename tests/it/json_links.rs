//! The JSON explorer over real HTTP (#14): `o` with any URL (an unknown host too), following
//! a raw URL string to a known source's page, back through the view's trail, and `y` writing
//! OSC 52 to the terminal, with a `curl` command that fetches the same body. No internet: the
//! servers are on 127.0.0.1.
#![allow(clippy::unwrap_used)] // tests: a panic is how they fail

use std::io::Write;
use std::sync::{Arc, Mutex};

use apidex::event::{Clipboard, osc52};
use crossterm::event::KeyCode;

use crate::support::driver::{Script, run_app_starting};
use crate::support::{Reply, TestServer};

/// Bytes written to the injected clipboard writer.
#[derive(Clone, Default)]
struct Written(Arc<Mutex<Vec<u8>>>);

impl Write for Written {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Written {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

/// Runs the browser against the fixture server with clipboard copies going to `written`.
async fn browse<F, Fut>(server: &TestServer, written: &Written, script: F)
where
    F: FnOnce(Script) -> Fut,
    Fut: Future<Output = ()>,
{
    let clipboard = Clipboard::new(written.clone());
    let start = move |runner: &mut apidex::event::EffectRunner, effects| {
        runner.set_clipboard(clipboard);
        for effect in effects {
            runner.run(effect);
        }
    };
    run_app_starting(
        crate::support::clients(server),
        (120, 40),
        false,
        start,
        script,
    )
    .await;
}

fn open(script: &Script, url: &str) {
    script.type_text("o");
    script.type_text(url);
    script.key(KeyCode::Enter);
}

#[tokio::test]
async fn a_raw_url_string_opens_its_page_and_other_hosts_open_as_json() {
    let server = crate::support::fixture_server().await;
    let elsewhere = TestServer::start().await;
    elsewhere.route(
        "/any/path/at/all",
        Reply::json(r#"{"greeting":"hello from elsewhere","n":[1,2,3]}"#),
    );
    let start = format!("{}/links", server.url());
    server.route(
        "/links",
        Reply::json(format!(
            r#"{{"elsewhere":"{}/any/path/at/all","pokemon":"{}/api/v2/pokemon/25/"}}"#,
            elsewhere.url(),
            server.url()
        )),
    );
    browse(&server, &Written::default(), |script| async move {
        open(&script, &start);
        script
            .wait_for_text(r#""elsewhere": "http://127.0.0.1"#)
            .await;
        // The first member: a host apidex has never heard of, shown in the JSON view.
        script.type_text("j");
        script.key(KeyCode::Enter);
        script
            .wait_for_text(r#""greeting": "hello from elsewhere""#)
            .await;
        script.wait_for_text("1 back ›").await;
        // Back through the view's trail: the page again, the cursor on the link it followed.
        script.key(KeyCode::Backspace);
        script
            .wait_for_text(r#""pokemon": "http://127.0.0.1"#)
            .await;
        script.wait_for_text(".elsewhere ·").await;
        // Then the PokeAPI URL: pikachu's rich page.
        script.type_text("j");
        script.wait_for_text(".pokemon ·").await;
        script.key(KeyCode::Enter);
        script.wait_for_text("#25 Pikachu").await;
        script.wait_for_text("Base stats").await;
        // Back on the rich page: the JSON the link was in, the cursor still on it.
        script.key(KeyCode::Backspace);
        script.wait_for_text(".pokemon ·").await;
        script
            .wait_for_text(r#""elsewhere": "http://127.0.0.1"#)
            .await;
        // Forward again: the rich page.
        script.key_with(KeyCode::Right, crossterm::event::KeyModifiers::ALT);
        script.wait_for_text("Base stats").await;
    })
    .await;
    assert!(
        elsewhere
            .requests()
            .iter()
            .any(|r| r.contains("/any/path/at/all")),
        "the unknown host was asked through the shared client"
    );
}

/// The view's trail and the tab's history are one line: back out of the view onto the page it
/// was open over, then forward again through every JSON page to the rich page (#14).
#[tokio::test]
async fn back_out_of_the_view_and_forward_again_through_every_page() {
    let server = crate::support::fixture_server().await;
    let (links, more) = (
        format!("{}/links", server.url()),
        format!("{}/more", server.url()),
    );
    server.route(
        "/links",
        Reply::json(format!(r#"{{"first":1,"next":"{more}"}}"#)),
    );
    server.route(
        "/more",
        Reply::json(format!(
            r#"{{"a":1,"b":2,"pokemon":"{}/api/v2/pokemon/25/"}}"#,
            server.url()
        )),
    );
    let alt = crossterm::event::KeyModifiers::ALT;
    browse(&server, &Written::default(), |script| async move {
        script.wait_for_text("#1 Bulbasaur").await;
        open(&script, &links);
        script.wait_for_text(r#""first": 1"#).await;
        script.type_text("jj");
        script.wait_for_text(".next ·").await;
        script.key(KeyCode::Enter);
        script.wait_for_text(r#""b": 2"#).await;
        script.type_text("jjj");
        script.wait_for_text(".pokemon ·").await;
        script.key(KeyCode::Enter);
        script.wait_for_text("Base stats").await;
        // Back: into the view where the link was, then its first page, then out of it.
        script.key(KeyCode::Backspace);
        script.wait_for_text(".pokemon ·").await;
        script.key(KeyCode::Backspace);
        script.wait_for_text(".next ·").await;
        script.key(KeyCode::Backspace);
        script
            .wait_for("the view closed", |s| !s.contains(".next ·"))
            .await;
        // Forward: the same pages again, each with its cursor, then the rich page.
        script.key_with(KeyCode::Right, alt);
        script.wait_for_text(".next ·").await;
        script.key_with(KeyCode::Right, alt);
        script.wait_for_text(".pokemon ·").await;
        script.key_with(KeyCode::Right, alt);
        script.wait_for_text("Base stats").await;
        // And back from it into the JSON the link was in.
        script.key(KeyCode::Backspace);
        script.wait_for_text(".pokemon ·").await;
    })
    .await;
}

/// A page left filtered and folded comes back filtered and folded, the cursor on the same
/// output (#14).
#[tokio::test]
async fn a_filtered_folded_page_comes_back_as_it_was_left() {
    let server = crate::support::fixture_server().await;
    let start = format!("{}/start", server.url());
    server.route(
        "/start",
        Reply::json(format!(
            r#"{{"big":{{"x":1,"y":2}},"urls":["{0}/nowhere","{0}/api/v2/pokemon/25/"]}}"#,
            server.url()
        )),
    );
    browse(&server, &Written::default(), |script| async move {
        script.wait_for_text("#1 Bulbasaur").await;
        open(&script, &start);
        script.wait_for_text(r#""x": 1"#).await;
        // Fold `big`.
        script.type_text("j");
        script.wait_for_text(".big ·").await;
        script.key(KeyCode::Char(' '));
        script
            .wait_for("big folded", |s| !s.contains(r#""x": 1"#))
            .await;
        // Filter to the URLs and follow the second.
        script.type_text("|");
        script.type_text(".urls");
        script.key(KeyCode::Enter);
        // The outputs of `.urls` (four lines), not of a prefix typed on the way, nor the body
        // (which shows the URLs too).
        script
            .wait_for("the outputs of .urls", |s| {
                s.contains(" · 4 lines · ") && s.contains(" · filtered")
            })
            .await;
        script.type_text("jj");
        script.wait_for_text(".[1] ·").await;
        script.key(KeyCode::Enter);
        script.wait_for_text("Base stats").await;
        script.key(KeyCode::Backspace);
        // The filter is back, with the cursor on the URL followed.
        script.wait_for_text(".[1] ·").await;
        script.wait_for_text("| .urls").await;
        // Dropping the filter shows the body with `big` still folded.
        script.key(KeyCode::Char('|'));
        script.key(KeyCode::Esc);
        script.wait_for_text(r#""urls": ["#).await;
        script
            .wait_for("big still folded", |s| !s.contains(r#""x": 1"#))
            .await;
    })
    .await;
}

#[tokio::test]
async fn i_over_the_view_shows_the_request_of_the_url_it_opened() {
    let server = crate::support::fixture_server().await;
    let url = format!("{}/todos/1", server.url());
    browse(&server, &Written::default(), |script| async move {
        open(&script, &url);
        script
            .wait_for_text(r#""title": "delectus aut autem""#)
            .await;
        script.type_text("i");
        script.wait_for_text("/todos/1").await;
        script.wait_for_text("200").await;
        script.wait_for_text("network").await;
    })
    .await;
}

#[tokio::test]
async fn o_opens_an_unknown_host() {
    let server = crate::support::fixture_server().await;
    let elsewhere = TestServer::start().await;
    elsewhere.route(
        "/v1/whatever?x=1",
        Reply::json(r#"[{"deep":{"er":"value 42"}}]"#),
    );
    let url = format!("{}/v1/whatever?x=1", elsewhere.url());
    browse(&server, &Written::default(), |script| async move {
        open(&script, &url);
        script.wait_for_text(r#""er": "value 42""#).await;
        script.wait_for_text("7 lines").await;
    })
    .await;
}

#[tokio::test]
async fn yy_writes_osc52_and_yc_a_curl_command_that_fetches_the_same_body() {
    let server = crate::support::fixture_server().await;
    let url = format!("{}/todos/1", server.url());
    let written = Written::default();
    let copies = written.clone();
    let shown = url.clone();
    browse(&server, &written, |script| async move {
        open(&script, &shown);
        script
            .wait_for_text(r#""title": "delectus aut autem""#)
            .await;
        script.type_text("jjj");
        script.wait_for_text(".title ·").await;
        script.type_text("yy");
        script.wait_for_text("copied the value (18 bytes)").await;
        script.type_text("yc");
        script.wait_for_text("copied a curl command").await;
    })
    .await;
    let text = copies.text();
    let curl = apidex::app::json_copy::curl_command(&url);
    assert_eq!(
        text,
        format!("{}{}", osc52("delectus aut autem"), osc52(&curl))
    );
    assert!(text.starts_with("\x1b]52;c;ZGVsZWN0dXMgYXV0IGF1dGVt\x07"));
    // The command, run by a shell, gets the body apidex got (off the runtime's thread: the
    // test server answers on it).
    let command = curl.clone();
    let run = tokio::task::spawn_blocking(move || {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("exec timeout 20 {command}"))
            .output()
            .expect("curl runs")
    });
    let output = tokio::time::timeout(crate::support::driver::LIMIT * 3, run)
        .await
        .expect("curl finished")
        .unwrap();
    assert!(output.status.success(), "{curl}: {output:?}");
    assert_eq!(
        output.stdout,
        crate::support::fixture("jsonplaceholder/todos-1.json")
    );
    let agent = format!("apidex/{}", env!("CARGO_PKG_VERSION"));
    assert!(curl.contains(&agent), "{curl}");
}

#[tokio::test]
async fn picture_urls_open_as_pictures_by_extension_and_by_content() {
    let server = crate::support::fixture_server().await;
    let png = crate::support::fixture("pokeapi/sprites/25.png");
    server.route(
        "/sprites/pokemon/25.png",
        Reply {
            content_type: "image/png",
            ..Reply::json(png.clone())
        },
    );
    // No extension: only the bytes say it is a picture.
    server.route(
        "/photo",
        Reply {
            content_type: "image/png",
            ..Reply::json(png)
        },
    );
    let by_extension = format!("{}/sprites/pokemon/25.png", server.url());
    let by_content = format!("{}/photo", server.url());
    browse(&server, &Written::default(), |script| async move {
        open(&script, &by_extension);
        script
            .wait_for_text(&format!("[image: {by_extension}]"))
            .await;
        open(&script, &by_content);
        script
            .wait_for_text(&format!("[image: {by_content}]"))
            .await;
        // Back along the trail to the first picture.
        script.key(KeyCode::Backspace);
        script
            .wait_for_text(&format!("[image: {by_extension}]"))
            .await;
    })
    .await;
}
