//! A small HTTP/1.1 server on 127.0.0.1 for tests: serves fixture bodies by path, counts requests
//! and the peak number in flight, and can delay, hang, cut or garble answers on purpose.
//!
//! Hand-written over tokio's TCP so that every fault a real network produces (a hang, a body cut
//! short, a closed connection) can be produced exactly; keep-alive is supported so reqwest's
//! connection pool behaves as against a real server.
//!
//! The routes, counters and handle are here; `wire` speaks HTTP on each connection.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

mod wire;

use wire::{header, serve};

/// What the server does instead of answering normally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Never answer (holds the connection open until the test ends).
    Hang,
    /// Close the connection without answering.
    Close,
    /// Announce the full Content-Length, send half the body, close.
    Truncate,
    /// Answer 200 with a body that is not JSON.
    Malformed,
}

/// One canned answer.
#[derive(Debug, Clone)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Body bytes.
    pub body: Arc<Vec<u8>>,
    /// Content-Type header.
    pub content_type: &'static str,
    /// Delay before answering.
    pub delay: Duration,
    /// A fault to inject instead of the normal answer.
    pub fault: Option<Fault>,
    /// Extra response headers (`Retry-After`, `Location`, …).
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    /// 200 with a JSON body.
    pub fn json(body: impl Into<Vec<u8>>) -> Self {
        Self {
            status: 200,
            body: Arc::new(body.into()),
            content_type: "application/json; charset=utf-8",
            delay: Duration::ZERO,
            fault: None,
            headers: Vec::new(),
        }
    }

    /// A status with a short text body.
    pub fn status(status: u16) -> Self {
        Self {
            status,
            body: Arc::new(b"error".to_vec()),
            content_type: "text/plain",
            delay: Duration::ZERO,
            fault: None,
            headers: Vec::new(),
        }
    }

    /// A fault instead of an answer.
    pub fn fault(fault: Fault) -> Self {
        Self {
            fault: Some(fault),
            ..Self::json(b"{\"id\": 1, \"name\": \"cut\"}".to_vec())
        }
    }

    /// The same reply with an extra header.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// The same reply after `delay`.
    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

#[derive(Default)]
struct State {
    routes: Mutex<HashMap<String, Reply>>,
    /// Delay added to every answer, on top of a route's own.
    delay_ms: AtomicUsize,
    seen: Mutex<Vec<String>>,
    /// Every request head (request line and header fields), in arrival order.
    heads: Mutex<Vec<String>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    connections: AtomicUsize,
    /// 304s answered.
    not_modified: AtomicUsize,
    /// Orders request starts and ends, to tell whether requests overlapped.
    clock: AtomicUsize,
    /// Replies served once each, in order, before a target's route (to fail, then succeed).
    queued: Mutex<HashMap<String, std::collections::VecDeque<Reply>>>,
    /// Random failures: probability and the state of a small deterministic generator.
    chaos: Mutex<Option<(f64, u64)>>,
    /// Finished requests: target, start tick, end tick.
    spans: Mutex<Vec<(String, usize, usize)>>,
}

/// A running test server; stops when dropped.
pub struct TestServer {
    addr: std::net::SocketAddr,
    state: Arc<State>,
    task: JoinHandle<()>,
}

impl TestServer {
    /// Starts a server with no routes (everything 404s until [`TestServer::route`] adds some).
    pub async fn start() -> Self {
        Self::start_at(0).await
    }

    /// Starts a server with no routes on `port` of 127.0.0.1 (0: any free port), e.g. where a
    /// test's clients found nothing listening a moment ago.
    pub async fn start_at(port: u16) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let state = Arc::new(State::default());
        let accept_state = Arc::clone(&state);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                accept_state.connections.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, Arc::clone(&accept_state)));
            }
        });
        Self { addr, state, task }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Answers `path_and_query` (e.g. `/api/v2/pokemon/25`) with `reply`.
    pub fn route(&self, path_and_query: &str, reply: Reply) -> &Self {
        self.state
            .routes
            .lock()
            .unwrap()
            .insert(path_and_query.to_owned(), reply);
        self
    }

    /// Answers the next requests for `path_and_query` with `replies`, one each, in order; then
    /// the route (or 404) again.
    pub fn queue(&self, path_and_query: &str, replies: Vec<Reply>) -> &Self {
        self.state
            .queued
            .lock()
            .unwrap()
            .entry(path_and_query.to_owned())
            .or_default()
            .extend(replies);
        self
    }

    /// Makes every request fail with probability `rate` (a 503 with `Retry-After: 0`, a 500, or a
    /// closed connection, in turn), from a deterministic sequence seeded with `seed`.
    pub fn set_chaos(&self, rate: f64, seed: u64) {
        *self.state.chaos.lock().unwrap() = Some((rate, seed.max(1)));
    }

    /// Adds `delay` to every answer.
    pub fn set_delay(&self, delay: Duration) {
        let ms = usize::try_from(delay.as_millis()).unwrap_or(usize::MAX);
        self.state.delay_ms.store(ms, Ordering::SeqCst);
    }

    /// Every request target seen, in arrival order.
    pub fn requests(&self) -> Vec<String> {
        self.state.seen.lock().unwrap().clone()
    }

    /// The value of header `name` in each request for `target`, in arrival order (`None`
    /// where a request did not carry it).
    pub fn request_header(&self, target: &str, name: &str) -> Vec<Option<String>> {
        self.state
            .heads
            .lock()
            .unwrap()
            .iter()
            .filter(|head| head.split_whitespace().nth(1) == Some(target))
            .map(|head| header(head, name))
            .collect()
    }

    /// How many requests have arrived.
    pub fn request_count(&self) -> usize {
        self.state.seen.lock().unwrap().len()
    }

    /// The most requests ever in flight at once.
    pub fn max_in_flight(&self) -> usize {
        self.state.max_in_flight.load(Ordering::SeqCst)
    }

    /// Whether the latest requests for each of `targets` were all in flight at one moment (every
    /// one started before any of them finished). False if any target was not (fully) served.
    pub fn overlapped(&self, targets: &[&str]) -> bool {
        let spans = self.state.spans.lock().unwrap();
        let mut latest = Vec::new();
        for target in targets {
            match spans.iter().rev().find(|(t, _, _)| t == target) {
                Some((_, start, end)) => latest.push((*start, *end)),
                None => return false,
            }
        }
        let last_start = latest.iter().map(|(s, _)| *s).max().unwrap_or(0);
        let first_end = latest.iter().map(|(_, e)| *e).min().unwrap_or(0);
        last_start < first_end
    }

    /// How many requests were answered 304 Not Modified.
    pub fn not_modified(&self) -> usize {
        self.state.not_modified.load(Ordering::SeqCst)
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.state.connections.load(Ordering::SeqCst)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
