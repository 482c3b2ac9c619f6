//! How every kind of failure between the client and a server surfaces as an `ApiError`.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use apidex::api::pokeapi::models::Pokemon;
use apidex::api::{ApiError, BaseUrl, Http, HttpOptions};

use crate::support::{Fault, Reply, TestServer, clients, clients_with, within};

/// A server answering `/api/v2/pokemon/pikachu` with `reply`.
async fn pikachu_server(reply: Reply) -> TestServer {
    let server = TestServer::start().await;
    server.route("/api/v2/pokemon/pikachu", reply);
    server
}

fn pikachu_url(server: &TestServer) -> String {
    format!("{}/api/v2/pokemon/pikachu", server.url())
}

#[tokio::test]
async fn status_500_is_a_status_error_naming_the_url() {
    let server = pikachu_server(Reply::status(500)).await;
    let err = within(clients(&server).pokeapi.pokemon("pikachu"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ApiError::Status {
            url: pikachu_url(&server),
            code: 500
        }
    );
    let shown = err.to_string();
    assert!(shown.contains("500"), "{shown}");
    assert!(shown.contains(&pikachu_url(&server)), "{shown}");
}

#[tokio::test]
async fn status_503_is_a_status_error() {
    let server = pikachu_server(Reply::status(503)).await;
    let err = within(clients(&server).pokeapi.pokemon("pikachu"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, ApiError::Status { code: 503, ref url } if *url == pikachu_url(&server)),
        "{err:?}"
    );
}

#[tokio::test]
async fn malformed_body_is_a_decode_error_naming_the_url() {
    let server = pikachu_server(Reply::fault(Fault::Malformed)).await;
    let err = within(clients(&server).pokeapi.pokemon("pikachu"))
        .await
        .unwrap_err();
    let ApiError::Decode { url, reason } = &err else {
        panic!("expected Decode, got {err:?}");
    };
    assert_eq!(*url, pikachu_url(&server));
    // serde_json says where it choked.
    assert!(reason.contains("line 1"), "{reason}");
    assert!(err.to_string().contains(&pikachu_url(&server)), "{err}");
}

#[tokio::test]
async fn valid_json_missing_a_required_field_is_a_decode_error() {
    let server = pikachu_server(Reply::json(br#"{"name":"x"}"#.to_vec())).await;
    let err = within(clients(&server).pokeapi.pokemon("pikachu"))
        .await
        .unwrap_err();
    let ApiError::Decode { url, reason } = &err else {
        panic!("expected Decode, got {err:?}");
    };
    assert_eq!(*url, pikachu_url(&server));
    assert!(reason.contains("id"), "{reason}");
}

#[tokio::test]
async fn wrong_json_shape_is_a_decode_error() {
    // An array where an object is expected (the kind of thing a wrong base URL produces).
    let server = TestServer::start().await;
    server.route("/posts", Reply::json(br#"{"posts": []}"#.to_vec()));
    let err = within(clients(&server).jsonplaceholder.posts())
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn a_hanging_server_times_out() {
    let server = pikachu_server(Reply::fault(Fault::Hang)).await;
    let options = HttpOptions {
        timeout: Duration::from_millis(300),
        ..HttpOptions::default()
    };
    let err = within(clients_with(&server, options).pokeapi.pokemon("pikachu"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ApiError::Timeout {
            url: pikachu_url(&server),
            after: Duration::from_millis(300)
        }
    );
    assert!(err.to_string().contains("timed out"), "{err}");
}

#[tokio::test]
async fn a_truncated_body_is_an_error() {
    let body = crate::support::fixture("pokeapi/pokemon/25.json");
    let server = pikachu_server(Reply {
        fault: Some(Fault::Truncate),
        ..Reply::json(body)
    })
    .await;
    let result = within(clients(&server).pokeapi.pokemon("pikachu")).await;
    // Observed: Transport ("end of file before message length reached"). A Decode error of the
    // half body would be acceptable too; a success or a panic would not.
    match result {
        Err(ApiError::Transport { url, .. } | ApiError::Decode { url, .. }) => {
            assert_eq!(url, pikachu_url(&server));
        }
        other => panic!("expected Transport or Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn a_closed_connection_is_an_error() {
    let server = pikachu_server(Reply::fault(Fault::Close)).await;
    let result = within(clients(&server).pokeapi.pokemon("pikachu")).await;
    let err = result.unwrap_err();
    assert!(
        matches!(err, ApiError::Transport { .. } | ApiError::Connect { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains(&pikachu_url(&server)), "{err}");
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let base = BaseUrl::parse(&format!("http://127.0.0.1:{port}/api/v2")).unwrap();
    let api = apidex::api::pokeapi::PokeApi::new(Http::new(HttpOptions::default()).unwrap(), base);
    let err = within(api.pokemon("pikachu")).await.unwrap_err();
    let ApiError::Connect { url, reason } = &err else {
        panic!("expected Connect, got {err:?}");
    };
    assert_eq!(
        *url,
        format!("http://127.0.0.1:{port}/api/v2/pokemon/pikachu")
    );
    assert!(!reason.is_empty());
    assert!(err.to_string().starts_with("cannot connect"), "{err}");
}

#[tokio::test]
async fn required_lists_turn_404_into_a_status_error() {
    // No routes: everything is 404.
    let server = TestServer::start().await;
    let all = clients(&server);

    let err = within(all.jsonplaceholder.posts()).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Status {
            url: format!("{}/posts", server.url()),
            code: 404
        }
    );

    let err = within(all.pokeapi.pokemon_index()).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Status {
            url: format!("{}/api/v2/pokemon?limit=100000", server.url()),
            code: 404
        }
    );

    let err = within(all.dogapi.breeds()).await.unwrap_err();
    assert!(matches!(err, ApiError::Status { code: 404, .. }), "{err:?}");
}

#[tokio::test]
async fn get_json_reports_status_errors_for_any_url() {
    let server = TestServer::start().await;
    server.route("/teapot", Reply::status(418));
    let http = Http::new(HttpOptions::default()).unwrap();
    let url = apidex::api::parse_http_url(&format!("{}/teapot", server.url())).unwrap();
    let err = within(http.get_json::<Pokemon>(url)).await.unwrap_err();
    assert!(matches!(err, ApiError::Status { code: 418, .. }), "{err:?}");
}
