//! The reconnecting session itself (`apidex::live::spawn`) against the test WebSocket server
//! (`tests/it/support/ws.rs`): servers that send one message and close must meet a growing backoff,
//! not a reconnect storm, and close codes no one may send are named as the server's fault.
//! The delays are shrunk to milliseconds; every check is on the events, never on the clock.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use apidex::live::{self, Backoff, Event, Options};

use crate::support::ws::WsServer;

fn options(url: &str) -> Options {
    Options {
        url: live::parse_url(url).unwrap(),
        max_frame: live::DEFAULT_MAX_FRAME,
        sends: Vec::new(),
        handshake_timeout: Duration::from_secs(30),
        idle_timeout: Duration::from_secs(60),
        tls: live::client_config(None).unwrap(),
        retry_first: false,
        backoff: Backoff {
            base: Duration::from_millis(2),
            max: Duration::from_millis(40),
        },
    }
}

/// Runs a session until it has made `connections` attempts; their attempt numbers and every
/// reconnect reason.
async fn attempts(url: &str, connections: usize) -> (Vec<u32>, Vec<String>) {
    let (mut events, _send, task) = live::spawn(options(url));
    let (mut attempts, mut reasons) = (Vec::new(), Vec::new());
    while attempts.len() < connections {
        match events.recv().await.unwrap() {
            Event::Connecting { attempt } => attempts.push(attempt),
            Event::Reconnecting { reason, .. } => reasons.push(reason),
            Event::Failed { reason } => panic!("{url}: gave up: {reason}"),
            _ => {}
        }
    }
    task.abort();
    (attempts, reasons)
}

#[tokio::test]
async fn one_message_then_a_close_backs_off_further_each_time() {
    let server = WsServer::start().await;
    for query in [
        "",
        "?code=1001",
        "?code=1011",
        "?code=4000",
        "?code=4000&error=1",
    ] {
        let url = server.url(&format!("/once{query}"));
        let (attempts, reasons) = attempts(&url, 6).await;
        // Each connection delivered a message: that alone must not start the delays over.
        assert_eq!(attempts, [1, 2, 3, 4, 5, 6], "{url}: {reasons:?}");
    }
}

#[tokio::test]
async fn invalid_close_codes_are_the_servers_fault_and_reconnected() {
    let server = WsServer::start().await;
    for code in [1005, 999, 5000] {
        let url = server.url(&format!("/once?code={code}"));
        let (_, reasons) = attempts(&url, 2).await;
        assert_eq!(
            reasons,
            ["the server sent an invalid close code"],
            "{code}: not our 1002 reply, and not a refusal"
        );
    }
    // A valid one is named as sent.
    let (_, reasons) = attempts(&server.url("/once?code=4000"), 2).await;
    assert_eq!(reasons, ["server closed: 4000 by"]);
}
