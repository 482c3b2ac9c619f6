//! A small HTTP/1.1 server on 127.0.0.1 for the benchmarks: serves the real fixture bodies of
//! `tests/fixtures/` for every Pokémon of the index (the six Pokémon fixtures round-robin by id),
//! with a latency knob, and counts requests, connections and the peak in flight.
//!
//! Shared by the `bench` example (which runs it in a child process, so the client's CPU time is
//! measured alone) and the render benchmark (in-process, only to build the screen). It is not the
//! tests' server (`tests/it/support/server/`) and the tests do not use it.
//!
//! Control paths (not counted in the stats): `/__bench/stats`, `/__bench/reset`,
//! `/__bench/config?delay_ms=N&list_delay_ms=N&distinct_sprites=0|1` (`delay_ms` is added to
//! every answer, `list_delay_ms` only to the tabs' list requests: the Pokémon index, posts,
//! users, breeds; `distinct_sprites` gives every Pokémon a picture of its own;
//! `/__bench/config?gzip=1` answers JSON gzip-compressed to clients that accept it, as the
//! live APIs do, each body compressed once).
#![allow(dead_code)] // each user needs part of it

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;

/// The Pokémon with fixture bodies; id `n` of the index is served `POKEMON[n % 6]`'s body.
pub const POKEMON: [u32; 6] = [1, 4, 7, 25, 26, 133];

/// Where the live API points sprites; rewritten to this server.
const LIVE_SPRITES: &str = "https://raw.githubusercontent.com/PokeAPI/sprites/master";
/// The live PokeAPI base; rewritten to this server so links stay local.
const LIVE_POKEAPI: &str = "https://pokeapi.co/api/v2";

const JSON: &str = "application/json; charset=utf-8";

/// The directory of the real API responses.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Reads `tests/fixtures/{path}`.
///
/// # Panics
/// When the file is missing: the benchmarks cannot run without their data.
pub fn fixture(path: &str) -> Vec<u8> {
    let full = fixtures_dir().join(path);
    std::fs::read(&full).unwrap_or_else(|err| panic!("fixture {}: {err}", full.display()))
}

/// One answer: a body shared by every request for it.
#[derive(Clone)]
struct Body {
    bytes: Arc<[u8]>,
    content_type: &'static str,
    /// A tab's list request (gets `list_delay_ms`).
    list: bool,
}

/// Every answer the server knows, by request target.
pub struct Catalog {
    exact: HashMap<String, Body>,
    /// Index names to ids, for `/pokemon/{name}` and `/pokemon-species/{name}`.
    ids: HashMap<String, u32>,
    pokemon: Vec<Arc<[u8]>>,
    species: Vec<Arc<[u8]>>,
    /// The sprite PNGs, for `/sprites/pokemon/{n}.png` of any `n` (round-robin).
    sprites: Vec<Arc<[u8]>>,
}

impl Catalog {
    /// Loads the fixtures, with links to PokeAPI and its sprites pointing at `origin`
    /// (`http://127.0.0.1:PORT`).
    pub fn load(origin: &str) -> Self {
        let local = |path: &str| -> Arc<[u8]> {
            let text = String::from_utf8(fixture(path)).expect("UTF-8 fixture");
            text.replace(LIVE_SPRITES, &format!("{origin}/sprites"))
                .replace(LIVE_POKEAPI, &format!("{origin}/api/v2"))
                .into_bytes()
                .into()
        };
        let mut exact = HashMap::new();
        let mut json = |target: String, bytes: Arc<[u8]>, list: bool| {
            exact.insert(
                target,
                Body {
                    bytes,
                    content_type: JSON,
                    list,
                },
            );
        };
        let index = local("pokeapi/pokemon-index.json");
        let ids = index_ids(&index);
        json("/api/v2/pokemon?limit=100000".into(), index, true);
        json(
            "/api/v2/type?limit=100".into(),
            local("pokeapi/type-index.json"),
            false,
        );
        for (dir, endpoint) in [
            ("ability", "ability"),
            ("type", "type"),
            ("evolution-chain", "evolution-chain"),
            ("generation", "generation"),
        ] {
            for (id, body) in fixture_files(&format!("pokeapi/{dir}")) {
                let body = local(&body);
                if let Some(name) = name_of(&body) {
                    json(format!("/api/v2/{endpoint}/{name}"), body.clone(), false);
                }
                json(format!("/api/v2/{endpoint}/{id}"), body, false);
            }
        }
        for (target, file, list) in [
            ("/posts", "posts", true),
            ("/users", "users", true),
            ("/posts/1", "posts-1", false),
            ("/posts/2", "posts-2", false),
            ("/posts/1/comments", "posts-1-comments", false),
            ("/users/1", "users-1", false),
            ("/users/1/posts", "users-1-posts", false),
            ("/todos/1", "todos-1", false),
        ] {
            json(
                target.into(),
                fixture(&format!("jsonplaceholder/{file}.json")).into(),
                list,
            );
        }
        for (target, file, list) in [
            ("/api/breeds/list/all", "breeds-list-all", true),
            (
                "/api/breed/hound/afghan/images/random",
                "hound-afghan-random",
                false,
            ),
            (
                "/api/breed/affenpinscher/images",
                "affenpinscher-images",
                false,
            ),
        ] {
            json(
                target.into(),
                fixture(&format!("dogapi/{file}.json")).into(),
                list,
            );
        }
        let sprites = mount_sprites(&mut exact);
        let pokemon = POKEMON
            .iter()
            .map(|id| local(&format!("pokeapi/pokemon/{id}.json")))
            .collect();
        let species = POKEMON
            .iter()
            .map(|id| local(&format!("pokeapi/pokemon-species/{id}.json")))
            .collect();
        Self {
            exact,
            ids,
            pokemon,
            species,
            sprites,
        }
    }

    /// The body of Pokémon `id` (a fixture, round-robin).
    pub fn pokemon_body(&self, id: u32) -> &[u8] {
        &self.pokemon[id as usize % self.pokemon.len()]
    }

    /// Ids of the index, in index order.
    pub fn index_len(&self) -> usize {
        self.ids.len()
    }

    /// The answer for `target`. With `distinct_sprites`, each Pokémon's body names sprites of
    /// its own id (`/sprites/pokemon/{id}.png`, any id served), so every page has its own picture
    /// as on the real API; else the six fixture bodies are served as they are.
    fn find(&self, target: &str, distinct_sprites: bool) -> Option<Body> {
        if distinct_sprites {
            let trimmed = target.trim_end_matches('/');
            if let Some(rest) = trimmed.strip_prefix("/api/v2/pokemon/") {
                let id = rest
                    .parse::<u32>()
                    .ok()
                    .or_else(|| self.ids.get(rest).copied())?;
                let fixture = POKEMON[id as usize % POKEMON.len()];
                let text = String::from_utf8_lossy(self.pokemon_body(id))
                    .replace(&format!("/{fixture}.png"), &format!("/{id}.png"));
                return Some(Body {
                    bytes: text.into_bytes().into(),
                    content_type: JSON,
                    list: false,
                });
            }
            if let Some(n) = trimmed
                .strip_prefix("/sprites/pokemon/")
                .and_then(|rest| rest.strip_suffix(".png"))
                .and_then(|n| n.parse::<usize>().ok())
            {
                return Some(Body {
                    bytes: Arc::clone(&self.sprites[n % self.sprites.len()]),
                    content_type: "image/png",
                    list: false,
                });
            }
        }
        if let Some(body) = self.exact.get(target) {
            return Some(body.clone());
        }
        let trimmed = target.trim_end_matches('/');
        if let Some(body) = self.exact.get(trimmed) {
            return Some(body.clone());
        }
        let by_id = |rest: &str, bodies: &[Arc<[u8]>]| {
            let id = rest
                .parse::<u32>()
                .ok()
                .or_else(|| self.ids.get(rest).copied())?;
            Some(Body {
                bytes: Arc::clone(&bodies[id as usize % bodies.len()]),
                content_type: JSON,
                list: false,
            })
        };
        if let Some(rest) = trimmed.strip_prefix("/api/v2/pokemon/") {
            return by_id(rest, &self.pokemon);
        }
        if let Some(rest) = trimmed.strip_prefix("/api/v2/pokemon-species/") {
            return by_id(rest, &self.species);
        }
        None
    }
}

/// Serves the sprite fixtures at `/sprites/pokemon/{id}.png`; returns their bytes.
fn mount_sprites(exact: &mut HashMap<String, Body>) -> Vec<Arc<[u8]>> {
    let mut sprites = Vec::new();
    for (id, file) in fixture_files("pokeapi/sprites") {
        let bytes: Arc<[u8]> = fixture(&file).into();
        sprites.push(Arc::clone(&bytes));
        exact.insert(
            format!("/sprites/pokemon/{id}.png"),
            Body {
                bytes,
                content_type: "image/png",
                list: false,
            },
        );
    }
    sprites
}

/// `(id, path)` of every `{id}.{ext}` file in `tests/fixtures/{dir}`.
fn fixture_files(dir: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(fixtures_dir().join(dir))
        .unwrap_or_else(|err| panic!("fixture dir {dir}: {err}"))
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let id = name.split('.').next()?.to_owned();
            Some((id, format!("{dir}/{name}")))
        })
        .collect();
    files.sort();
    files
}

fn name_of(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    value.get("name")?.as_str().map(str::to_owned)
}

/// Name → id of every entry of the Pokémon index.
fn index_ids(index: &[u8]) -> HashMap<String, u32> {
    let value: serde_json::Value = serde_json::from_slice(index).expect("index JSON");
    value["results"]
        .as_array()
        .expect("index results")
        .iter()
        .filter_map(|entry| {
            let name = entry["name"].as_str()?.to_owned();
            let id = entry["url"]
                .as_str()?
                .trim_end_matches('/')
                .rsplit('/')
                .next()?
                .parse()
                .ok()?;
            Some((name, id))
        })
        .collect()
}

/// Counters, all since the last reset.
#[derive(Default)]
pub struct Stats {
    /// Requests answered or being answered.
    pub requests: AtomicU64,
    /// TCP connections that carried a request (control ones are not counted); over TLS, each
    /// is a full handshake.
    pub connections: AtomicU64,
    /// Requests being answered now.
    pub in_flight: AtomicU64,
    /// The most requests ever in flight at once.
    pub max_in_flight: AtomicU64,
    /// Requests for `/pokemon/{id or name}` (one per detail page or batch item).
    pub pokemon: AtomicU64,
    /// Body bytes sent.
    pub bytes: AtomicU64,
}

impl Stats {
    fn reset(&self) {
        for counter in [
            &self.requests,
            &self.connections,
            &self.max_in_flight,
            &self.pokemon,
            &self.bytes,
        ] {
            counter.store(0, Ordering::SeqCst);
        }
        self.max_in_flight
            .store(self.in_flight.load(Ordering::SeqCst), Ordering::SeqCst);
    }

    /// `requests connections in_flight max_in_flight pokemon bytes`, as `/__bench/stats` says it.
    pub fn line(&self) -> String {
        let mut text = String::new();
        for counter in [
            &self.requests,
            &self.connections,
            &self.in_flight,
            &self.max_in_flight,
            &self.pokemon,
            &self.bytes,
        ] {
            let _ = write!(text, "{} ", counter.load(Ordering::SeqCst));
        }
        text.trim_end().to_owned()
    }
}

/// The server's shared state.
pub struct Shared {
    catalog: Catalog,
    /// Added to every answer.
    pub delay_ms: AtomicU64,
    /// Added to list answers.
    pub list_delay_ms: AtomicU64,
    /// 1: every Pokémon names its own sprites (see [`Catalog::find`]).
    pub distinct_sprites: AtomicU64,
    /// 1: JSON answers gzip-compressed to clients that accept it.
    pub gzip: AtomicU64,
    /// Compressed bodies, by the address of the body they compress (each compressed once).
    compressed: std::sync::Mutex<HashMap<usize, Arc<[u8]>>>,
    /// Counters.
    pub stats: Stats,
}

/// Binds 127.0.0.1 on a free port; returns the listener and its origin, `http://127.0.0.1:PORT`.
pub async fn bind() -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1");
    let origin = format!("http://{}", listener.local_addr().expect("local address"));
    (listener, origin)
}

/// Serves `catalog` on `listener` until the runtime stops.
pub fn spawn(listener: TcpListener, catalog: Catalog) -> Arc<Shared> {
    let shared = shared(catalog);
    accept_plain(listener, Arc::clone(&shared));
    shared
}

/// The state of a server for `catalog`, with every counter at zero.
pub fn shared(catalog: Catalog) -> Arc<Shared> {
    Arc::new(Shared {
        catalog,
        delay_ms: AtomicU64::new(0),
        list_delay_ms: AtomicU64::new(0),
        distinct_sprites: AtomicU64::new(0),
        gzip: AtomicU64::new(0),
        compressed: std::sync::Mutex::default(),
        stats: Stats::default(),
    })
}

/// Serves plain HTTP/1.1 on `listener` with `state`.
pub fn accept_plain(listener: TcpListener, state: Arc<Shared>) {
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            tokio::spawn(serve(stream, Arc::clone(&state)));
        }
    });
}

/// Starts a server on a free port with every fixture mounted.
pub async fn start() -> (Arc<Shared>, String) {
    let (listener, origin) = bind().await;
    let catalog = Catalog::load(&origin);
    (spawn(listener, catalog), origin)
}

/// Answers one HTTP/1.1 connection's requests, one after another (keep-alive), until it closes.
pub async fn serve<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S, shared: Arc<Shared>) {
    let mut buffer = Vec::with_capacity(2048);
    let mut counted = false;
    while let Some((target, close, gzip)) = read_request(&mut stream, &mut buffer).await {
        if let Some(command) = target.strip_prefix("/__bench/") {
            let reply = control(&shared, command);
            let reply = Answer {
                status: 200,
                content_type: "text/plain",
                bytes: reply.into_bytes().into(),
                encoding: None,
            };
            let _ = write_reply(&mut stream, &reply, true, || {}).await;
            return;
        }
        // Connections are counted at their first request, so control connections are not.
        if !counted {
            counted = true;
            shared.stats.connections.fetch_add(1, Ordering::SeqCst);
        }
        let answer = answer(&shared, &target, gzip).await;
        // The request stops counting as in flight just before its last byte goes out: once the
        // client has all of it, it may rightly send the next one.
        let done = || {
            shared.stats.in_flight.fetch_sub(1, Ordering::SeqCst);
        };
        let written = write_reply(&mut stream, &answer, close, done).await;
        if written.is_err() || close {
            return;
        }
    }
}

/// What one request is answered with.
pub struct Answer {
    /// 200 or 404.
    pub status: u16,
    /// Its `Content-Type`.
    pub content_type: &'static str,
    /// Its body.
    pub bytes: Arc<[u8]>,
    /// `Some("gzip")` when the body is compressed.
    pub encoding: Option<&'static str>,
}

/// Counts a request for `target` (now in flight: the caller takes it off with
/// [`Shared::done`]), waits the configured delay and finds its answer (compressed when the
/// client accepts gzip and the server is told to).
pub async fn answer(shared: &Shared, target: &str, accepts_gzip: bool) -> Answer {
    let stats = &shared.stats;
    stats.requests.fetch_add(1, Ordering::SeqCst);
    if target.starts_with("/api/v2/pokemon/") {
        stats.pokemon.fetch_add(1, Ordering::SeqCst);
    }
    let now = stats.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    stats.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let distinct = shared.distinct_sprites.load(Ordering::SeqCst) == 1;
    let body = shared.catalog.find(target, distinct);
    let mut delay = shared.delay_ms.load(Ordering::SeqCst);
    if body.as_ref().is_some_and(|b| b.list) {
        delay += shared.list_delay_ms.load(Ordering::SeqCst);
    }
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    match body {
        Some(body) => {
            stats
                .bytes
                .fetch_add(body.bytes.len() as u64, Ordering::SeqCst);
            let gzip = accepts_gzip
                && body.content_type == JSON
                && shared.gzip.load(Ordering::SeqCst) == 1;
            Answer {
                status: 200,
                content_type: body.content_type,
                bytes: if gzip {
                    shared.compressed(&body.bytes)
                } else {
                    body.bytes
                },
                encoding: gzip.then_some("gzip"),
            }
        }
        None => Answer {
            status: 404,
            content_type: "text/plain",
            bytes: Arc::from(&b"Not Found"[..]),
            encoding: None,
        },
    }
}

impl Shared {
    /// `body` gzip-compressed (at the default level, as web servers do), once.
    fn compressed(&self, body: &Arc<[u8]>) -> Arc<[u8]> {
        let key = body.as_ptr() as usize;
        let mut cache = self
            .compressed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(cache.entry(key).or_insert_with(|| {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            std::io::Write::write_all(&mut encoder, body).expect("gzip into memory");
            encoder.finish().expect("gzip into memory").into()
        }))
    }

    /// A request is no longer in flight.
    pub fn done(&self) {
        self.stats.in_flight.fetch_sub(1, Ordering::SeqCst);
    }

    /// A connection carried its first request.
    pub fn connected(&self) {
        self.stats.connections.fetch_add(1, Ordering::SeqCst);
    }
}

fn control(state: &Shared, command: &str) -> String {
    let (name, query) = command.split_once('?').unwrap_or((command, ""));
    match name {
        "stats" => state.stats.line(),
        "reset" => {
            state.stats.reset();
            "ok".to_owned()
        }
        "config" => {
            for pair in query.split('&') {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let value = value.parse().unwrap_or(0);
                match key {
                    "delay_ms" => state.delay_ms.store(value, Ordering::SeqCst),
                    "list_delay_ms" => state.list_delay_ms.store(value, Ordering::SeqCst),
                    "distinct_sprites" => state.distinct_sprites.store(value, Ordering::SeqCst),
                    "gzip" => state.gzip.store(value, Ordering::SeqCst),
                    _ => {}
                }
            }
            "ok".to_owned()
        }
        _ => "unknown".to_owned(),
    }
}

/// Reads one request head: its target and whether the client asked to close.
async fn read_request<S: AsyncRead + Unpin>(
    stream: &mut S,
    buffer: &mut Vec<u8>,
) -> Option<(String, bool, bool)> {
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
            let target = String::from_utf8_lossy(&buffer[..end])
                .split_whitespace()
                .nth(1)?
                .to_owned();
            buffer.drain(..end + 4);
            let gzip = head
                .lines()
                .any(|l| l.starts_with("accept-encoding:") && l.contains("gzip"));
            return Some((target, head.contains("\r\nconnection: close"), gzip));
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}

async fn write_reply<S: AsyncWrite + Unpin>(
    stream: &mut S,
    answer: &Answer,
    close: bool,
    done: impl FnOnce(),
) -> std::io::Result<()> {
    let Answer {
        status,
        content_type,
        bytes: body,
        encoding,
    } = answer;
    let reason = if *status == 200 { "OK" } else { "Not Found" };
    let connection = if close { "close" } else { "keep-alive" };
    let encoding = encoding.map_or_else(String::new, |e| format!("Content-Encoding: {e}\r\n"));
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         {encoding}Connection: {connection}\r\n\r\n",
        body.len()
    );
    let (most, last) = body.split_at(body.len().saturating_sub(1));
    let sent = async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(most).await
    }
    .await;
    done();
    sent?;
    stream.write_all(last).await?;
    stream.flush().await
}
