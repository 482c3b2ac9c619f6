//! A picture that cannot load says why in a few words in its box (`no picture (offline)`,
//! `no picture (HTTP 404)`) — never a raw URL and OS error — and the whole error goes to the
//! log; a batch row's reason comes first so a narrow row keeps it. Real client, real HTTP,
//! against the local test server.
#![allow(clippy::unwrap_used)]

use apidex::api::{ApiError, HttpOptions};
use ratatui_image::picker::Picker;

use crate::support::{Fault, Reply, TestServer, clients_with, closed_port};

fn options() -> HttpOptions {
    HttpOptions {
        retries: 0,
        ..HttpOptions::default()
    }
}

#[tokio::test]
async fn a_failed_picture_gives_a_short_reason_without_its_url() {
    let server = TestServer::start().await;
    server.route("/sprite-503.png", Reply::status(503));
    server.route("/sprite-closed.png", Reply::fault(Fault::Close));
    let clients = clients_with(&server, options());
    let picker = Picker::halfblocks();
    let fetch = |path: &str| {
        let url = format!("{}{path}", server.url());
        let (clients, picker) = (clients.clone(), picker.clone());
        async move { apidex::fetch::picture(&clients, &url, picker, true).await }
    };
    assert_eq!(fetch("/sprite-503.png").await.unwrap_err(), "HTTP 503");
    // A 404 is no picture, not an error (the box says `no picture (HTTP 404)`).
    assert!(fetch("/missing.png").await.unwrap().is_none());
    let closed = fetch("/sprite-closed.png").await.unwrap_err();
    assert!(!closed.contains("http://"), "{closed}");
    assert!(closed.chars().count() <= 40, "{closed}");
    // Bytes that are no picture: the decoder's details go to the log.
    server.route("/text.png", Reply::json("{}"));
    assert_eq!(fetch("/text.png").await.unwrap_err(), "not a picture");
}

#[tokio::test]
async fn an_unreachable_picture_server_is_named_briefly() {
    let url = format!("http://127.0.0.1:{}/sprite.png", closed_port());
    let server = TestServer::start().await;
    let clients = clients_with(&server, options());
    let reason = apidex::fetch::picture(&clients, &url, Picker::halfblocks(), true)
        .await
        .unwrap_err();
    // The connectivity layer found the server unreachable: the box says `no picture (offline)`.
    assert_eq!(reason, "offline");
    // Asked again while it is still unreachable (no new connection is tried): the same.
    let again = apidex::fetch::picture(&clients, &url, Picker::halfblocks(), true)
        .await
        .unwrap_err();
    assert_eq!(again, "offline");
}

#[tokio::test]
async fn a_server_that_answers_with_errors_is_not_offline() {
    // 503 after every retry is `Failing`, not `Unreachable`: the status shows, not `offline`.
    let server = TestServer::start().await;
    server.route("/sprite.png", Reply::status(503));
    let clients = clients_with(&server, options());
    let url = format!("{}/sprite.png", server.url());
    let reason = apidex::fetch::picture(&clients, &url, Picker::halfblocks(), true)
        .await
        .unwrap_err();
    assert_eq!(reason, "HTTP 503");
}

#[test]
fn a_batch_rows_reason_comes_before_its_url() {
    let err = ApiError::Transport {
        url: "https://pokeapi.co/api/v2/pokemon/a-very-long-name-that-fills-the-row".into(),
        reason: "connection reset by peer".into(),
    };
    assert_eq!(err.brief(), "connection reset by peer");
    assert!(err.to_string().starts_with("request to https://"));
}
