//! The performance benchmark of issue 7, in one command:
//!
//! ```text
//! cargo run --release --example bench            # everything, about 15 minutes (builds included)
//! cargo run --release --example bench -- --quick # fewer runs, no cold-cache throughput
//! cargo run --release --example bench -- --only batch,throughput   # some cases only
//! ```
//!
//! `--no-build` uses the `apidex` binary found beside `examples/` as it is (for comparing two
//! builds); `--no-criterion` skips the criterion benches; `--tls` runs every case over TLS
//! (`tls.rs`: a CA made for the run, trusted through `SSL_CERT_FILE`, `--ca-cert`, curl's
//! `--cacert`).
//!
//! Cases: `criterion`, `batch`, `throughput`, `start`, `footprint`, `export`, `compressed`
//! (side by side with curl and the seed's design, gzip on: `compressed.rs`), `live` (the Live
//! tab at 2 000 messages/s and `apidex watch` flat out: `live.rs`).
//!
//! It builds the release binary, runs the criterion benches (search, render), starts a local
//! HTTP server on 127.0.0.1 in a child process (`benches/support/server.rs`: the real fixture
//! bodies of `tests/fixtures/`, the six Pokémon round-robin for every id of the index, with
//! latency on demand), and measures:
//!
//! 1. batch: 151 Pokémon at concurrency 10 with 50 ms added to every answer, through the CLI
//!    (`apidex get pokemon 1 … 151`) and through the browser's batch path (the `EffectRunner`
//!    carrying out `Effect::FetchBatch`, in this process, on clients built from the same
//!    command-line options as the binary's);
//! 2. throughput: 1025 Pokémon with no added latency, the same two ways and with
//!    `curl --parallel` (the server's ceiling on this machine);
//! 3. search and 5. render: from the criterion benches (and `decode`, for the notes);
//! 4. start: the binary in a pseudo-terminal, time from spawn to its first full frame while the
//!    server holds the lists back 2 s: with an empty cache, with the index cached, and with a
//!    full (200 MB) cache;
//! 6. footprint: the binary in a pseudo-terminal opening Pokémon details one by one (`j`),
//!    memory after 151 and across 1000 more, then CPU used while idle for 5 s.
//!
//! Each case runs with the response cache on (the default) in a fresh directory under
//! `target/bench-scratch/`, and where it matters also with `--no-cache`; nothing touches the
//! user's own cache, config or data directories. It prints measured against bound and writes
//! the table to `target/bench-report.md`.

// Measurements are shown to a few digits: a u64 of bytes or nanoseconds as f64 is plenty.
#![allow(clippy::cast_precision_loss)]

mod compressed;
mod export;
mod live;
mod procfs;
mod pty;
mod screen;
#[path = "../../benches/support/server.rs"]
mod server;
mod tls;

use std::cell::Cell;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use apidex::cli::Cli;
use apidex::event::EffectRunner;
use apidex::model::RequestId;
use apidex::model::{ItemKey, Source};
use apidex::msg::{Effect, Msg};
use clap::Parser;
use tokio::runtime::Runtime;

/// Pokémon in the batch case, and its concurrency and added latency.
const BATCH: usize = 151;
const CONCURRENCY: usize = 10;
const LATENCY_MS: u64 = 50;
/// Pokémon in the throughput case.
const THROUGHPUT: usize = 1025;
/// Terminal size for start-up and footprint (and the render bench).
const SCREEN: (u16, u16) = (160, 50);

/// How many times each case runs, and how many detail pages the footprint case opens.
struct Plan {
    runs: usize,
    start_runs: usize,
    more_opens: usize,
    criterion: bool,
    cold_throughput: bool,
    /// Cases to run (`--only batch,throughput,start,footprint,criterion`); empty: all.
    only: Vec<String>,
    /// Use the `apidex` already built next to this example (`--no-build`), for A/B runs.
    build: bool,
    /// Everything over TLS: the server behind a certificate from a CA made for the run,
    /// offering HTTP/2 and HTTP/1.1 (`--tls`) or HTTP/1.1 only (`--tls-h1`).
    tls: Option<String>,
}

impl Plan {
    fn wants(&self, case: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|c| c == case)
    }
}

/// One line of the result table.
struct Row {
    target: String,
    measured: String,
    bound: String,
    /// measured ÷ bound: at most 1 meets the target.
    ratio: f64,
}

impl Row {
    fn new(target: &str, measured: String, bound: String, ratio: f64) -> Self {
        Self {
            target: target.to_owned(),
            measured,
            bound,
            ratio,
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("serve") {
        match args.get(1).map(String::as_str) {
            Some(mode @ ("--tls" | "--tls-h1")) => tls::serve(
                Path::new(args.get(2).map_or("ca.pem", String::as_str)),
                mode == "--tls",
            ),
            _ => serve(),
        }
        return ExitCode::SUCCESS;
    }
    if cfg!(debug_assertions) {
        eprintln!("measure a release build: cargo run --release --example bench");
        return ExitCode::from(2);
    }
    let quick = args.iter().any(|a| a == "--quick");
    let plan = Plan {
        runs: if quick { 3 } else { 7 },
        start_runs: if quick { 5 } else { 15 },
        more_opens: if quick { 100 } else { 1000 },
        criterion: !args.iter().any(|a| a == "--no-criterion"),
        cold_throughput: !quick,
        build: !args.iter().any(|a| a == "--no-build"),
        tls: args
            .iter()
            .find(|a| *a == "--tls" || *a == "--tls-h1")
            .cloned(),
        only: args
            .iter()
            .skip_while(|a| *a != "--only")
            .nth(1)
            .map(|list| list.split(',').map(str::to_owned).collect())
            .unwrap_or_default(),
    };
    match run(plan) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("bench: {err}");
            ExitCode::from(2)
        }
    }
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The rows of the result table and the details behind them.
#[derive(Default)]
struct Report {
    rows: Vec<Row>,
    notes: Vec<String>,
}

/// Where the response cache lives for one run.
#[derive(Clone)]
enum Cache {
    /// On, in a new empty directory (what a first run sees).
    Empty,
    /// `--no-cache`.
    Off,
    /// On, in this directory (kept between runs).
    Dir(PathBuf),
}

/// Everything the cases share.
struct Bench {
    plan: Plan,
    root: PathBuf,
    binary: PathBuf,
    /// Cache directories, the children's XDG homes, curl's config.
    scratch: PathBuf,
    server: Server,
    runtime: Runtime,
    names: Vec<String>,
    dirs: Cell<usize>,
}

fn run(plan: Plan) -> Result<bool> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf();
    let release = std::env::current_exe()?
        .parent()
        .and_then(Path::parent)
        .ok_or("where is the target directory?")?
        .to_path_buf();
    let target = release.parent().unwrap_or(&release).to_path_buf();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    if plan.build {
        eprintln!("== building the release binary");
        let built = Command::new(&cargo)
            .args(["build", "--release", "--bin", "apidex"])
            .current_dir(&root)
            .status()?;
        if !built.success() {
            return Err("cargo build failed".into());
        }
    }
    let mut report = Report::default();
    if plan.criterion && plan.wants("criterion") {
        eprintln!("== criterion: search and render");
        criterion(&cargo, &root, &target, &mut report)?;
    }
    let scratch = target.join("bench-scratch");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch)?;
    let plan_tls = plan.tls.clone();
    let bench = Bench {
        plan,
        binary: release.join("apidex"),
        root,
        scratch: scratch.clone(),
        server: Server::start(
            plan_tls
                .as_deref()
                .map(|mode| (mode, scratch.join("bench-ca.pem"))),
        )?,
        runtime: tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?,
        names: index_names(),
        dirs: Cell::new(0),
    };
    if bench.plan.wants("batch") {
        bench.batch(&mut report)?;
    }
    let mut full_cache = None;
    if bench.plan.wants("throughput") {
        full_cache = bench.throughput(&mut report)?;
    }
    if bench.plan.wants("start") {
        bench.start(&mut report, full_cache)?;
    }
    if bench.plan.wants("footprint") {
        bench.footprint(&mut report)?;
    }
    if bench.plan.wants("export") {
        bench.export(&mut report)?;
    }
    if bench.plan.wants("compressed") {
        bench.compressed(&mut report)?;
    }
    if bench.plan.wants("live") {
        bench.live(&mut report)?;
    }
    let Bench { server, .. } = bench;
    server.stop();
    let _ = std::fs::remove_dir_all(&scratch);

    if let Some(mode) = &plan_tls {
        let over = if mode == "--tls" {
            " — over TLS (HTTP/2 offered)"
        } else {
            " — over TLS (HTTP/1.1 only)"
        };
        for row in &mut report.rows {
            row.target.push_str(over);
        }
    }
    let table = table(&report.rows);
    println!("\n{table}");
    let mut file = table.clone();
    file.push('\n');
    for note in &report.notes {
        println!("- {note}");
        let _ = writeln!(file, "- {note}");
    }
    std::fs::write(target.join("bench-report.md"), file)?;
    Ok(report.rows.iter().all(|r| r.ratio <= 1.0))
}

impl Bench {
    /// 1. 151 Pokémon at concurrency 10, 50 ms added to every answer.
    fn batch(&self, report: &mut Report) -> Result<()> {
        eprintln!("== 1. batch: {BATCH} Pokémon, concurrency {CONCURRENCY}, +{LATENCY_MS} ms each");
        self.server
            .control(&format!("config?delay_ms={LATENCY_MS}&list_delay_ms=0"))?;
        let bound = Duration::from_millis(BATCH.div_ceil(CONCURRENCY) as u64 * LATENCY_MS);
        let ids: Vec<String> = (1..=BATCH).map(|id| id.to_string()).collect();
        let names = &self.names[..BATCH];
        let runs = self.plan.runs;
        for (label, cache) in [("cache on", Cache::Empty), ("--no-cache", Cache::Off)] {
            let cli = repeat(runs, || self.cli_get(&ids, &cache))?;
            report
                .notes
                .push(cli.describe(&format!("batch, CLI, {label}")));
            report.rows.push(batch_row(
                &format!("1. batch 151 @ +50 ms, c=10: CLI, {label}"),
                &cli,
                bound,
            ));
            let tui = repeat(runs, || self.runner_batch(names, &cache))?;
            report
                .notes
                .push(tui.describe(&format!("batch, TUI runner, {label}")));
            report.rows.push(batch_row(
                &format!("1. batch 151 @ +50 ms, c=10: TUI FetchBatch, {label}"),
                &tui,
                bound,
            ));
        }
        // Everything fresh on disk: no request at all.
        let warm = Cache::Dir(self.fresh_dir());
        let cli = repeat(runs, || self.cli_get(&ids, &warm))?;
        report
            .notes
            .push(cli.describe("batch, CLI, every item already cached"));
        Ok(())
    }

    /// Throughput: 1025 Pokémon with no added latency, apidex against curl's ceiling. Returns
    /// a cache directory the cold runs filled (up to the 200 MB cap), for the start-up case.
    fn throughput(&self, report: &mut Report) -> Result<Option<PathBuf>> {
        eprintln!("== 2. throughput: {THROUGHPUT} Pokémon, no added latency");
        self.server.control("config?delay_ms=0&list_delay_ms=0")?;
        let ids: Vec<String> = (1..=THROUGHPUT).map(|id| id.to_string()).collect();
        let names = &self.names[..THROUGHPUT];
        let runs = self.plan.runs;
        let curl = repeat(runs, || self.curl_get(&ids, false))?;
        report
            .notes
            .push(curl.describe("throughput, curl --parallel"));
        let ceiling = curl.median_wall();
        let mut cases = vec![
            (
                "CLI, --no-cache",
                repeat(runs, || self.cli_get(&ids, &Cache::Off))?,
            ),
            (
                "TUI FetchBatch, --no-cache",
                repeat(runs, || self.runner_batch(names, &Cache::Off))?,
            ),
        ];
        let mut full = None;
        if self.plan.cold_throughput {
            // Slow (the cache's eviction scans): one run each, no warm-up.
            cases.push((
                "CLI, cache on",
                Samples(vec![self.cli_get(&ids, &Cache::Empty)?]),
            ));
            let dir = self.fresh_dir();
            cases.push((
                "TUI FetchBatch, cache on",
                Samples(vec![self.runner_batch(names, &Cache::Dir(dir.clone()))?]),
            ));
            full = Some(dir);
        }
        for (label, set) in &cases {
            report
                .notes
                .push(set.describe(&format!("throughput, {label}")));
            report.rows.push(Row::new(
                &format!("2. throughput 1025, c=10: {label}"),
                format!(
                    "{} wall, {:.2} ms CPU/item",
                    ms(set.median_wall()),
                    set.cpu_per_item_ms()
                ),
                format!("≤ 1.10 × curl {}", ms(ceiling)),
                set.median_wall().as_secs_f64() / ceiling.as_secs_f64() / 1.10,
            ));
        }
        Ok(full)
    }

    /// 4. Launch to first frame, with the lists held back.
    fn start(&self, report: &mut Report, full_cache: Option<PathBuf>) -> Result<()> {
        eprintln!("== 4. start: spawn to first frame, lists held back 2 s");
        let runs = self.plan.start_runs;
        let (empty, note) = self.start_up(runs, &[], &Cache::Empty)?;
        report.notes.push(format!("empty cache: {note}"));
        let (no_images, note) = self.start_up(runs, &["--no-images"], &Cache::Empty)?;
        report
            .notes
            .push(format!("empty cache, --no-images: {note}"));
        report.rows.push(Row::new(
            "4. start to first frame, empty cache (index loading)",
            format!("{} (--no-images {})", ms(empty), ms(no_images)),
            "≤ 30 ms".to_owned(),
            empty.as_secs_f64() / 0.030,
        ));
        let cached = self.fresh_dir();
        self.populate(&cached)?;
        let (with_index, note) = self.start_up(runs, &[], &Cache::Dir(cached))?;
        report.notes.push(format!("index cached: {note}"));
        report.rows.push(Row::new(
            "4. start to first frame, index cached",
            ms(with_index),
            "≤ 30 ms".to_owned(),
            with_index.as_secs_f64() / 0.030,
        ));
        if let Some(full) = full_cache {
            self.populate(&full)?;
            let size = dir_size(&full);
            let (big, note) = self.start_up(runs, &[], &Cache::Dir(full))?;
            report
                .notes
                .push(format!("index cached, {} cache: {note}", mib(size)));
            report.rows.push(Row::new(
                &format!("4. start to first frame, index cached, {} cache", mib(size)),
                ms(big),
                "≤ 30 ms".to_owned(),
                big.as_secs_f64() / 0.030,
            ));
        }
        self.server.control("config?delay_ms=0&list_delay_ms=0")?;
        Ok(())
    }

    /// 6. Memory across detail pages, CPU while idle.
    fn footprint(&self, report: &mut Report) -> Result<()> {
        let more = self.plan.more_opens;
        eprintln!("== 6. footprint: {BATCH} detail pages, then {more} more, then 5 s idle");
        // Every page with its own picture, as on the real API (the picture cache holds 24).
        self.server
            .control("config?delay_ms=0&list_delay_ms=0&distinct_sprites=1")?;
        let footprint = self.measure_footprint(more)?;
        self.server.control("config?distinct_sprites=0")?;
        report.notes.extend(footprint.notes.iter().cloned());
        report.rows.push(Row::new(
            "6. RSS after 151 detail pages",
            mib(footprint.rss_151),
            "≤ 20 MB".to_owned(),
            footprint.rss_151 as f64 / 20e6,
        ));
        report.rows.push(Row::new(
            &format!("6. RSS growth over {more} more pages"),
            format!(
                "{} → {} (peak {})",
                mib(footprint.rss_151),
                mib(footprint.rss_end),
                mib(footprint.hwm_end)
            ),
            "no growth (≤ +10 %)".to_owned(),
            footprint.rss_end as f64 / (footprint.rss_151 as f64 * 1.10),
        ));
        report.rows.push(Row::new(
            "6. CPU while idle, 5 s",
            format!("{:.2} ms", footprint.idle_cpu.as_secs_f64() * 1e3),
            "< 10 ms".to_owned(),
            footprint.idle_cpu.as_secs_f64() / 0.010,
        ));
        Ok(())
    }

    /// A new, empty directory under the scratch directory.
    fn fresh_dir(&self) -> PathBuf {
        let n = self.dirs.get() + 1;
        self.dirs.set(n);
        self.scratch.join(format!("cache-{n}"))
    }

    /// Command-line options for `cache`.
    fn cache_args(&self, cache: &Cache) -> Vec<OsString> {
        match cache {
            Cache::Empty => vec!["--cache-dir".into(), self.fresh_dir().into()],
            Cache::Off => vec!["--no-cache".into()],
            Cache::Dir(dir) => vec!["--cache-dir".into(), dir.clone().into()],
        }
    }

    /// The environment of every apidex the bench starts: the local server's base URLs, and XDG
    /// homes in the scratch directory so no user file is read or written.
    fn envs(&self) -> Vec<(String, OsString)> {
        let mut envs: Vec<(String, OsString)> = self
            .server
            .envs()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.into()))
            .collect();
        for (key, dir) in [
            ("XDG_CACHE_HOME", "cache"),
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_STATE_HOME", "state"),
        ] {
            envs.push((key.to_owned(), self.scratch.join("home").join(dir).into()));
        }
        envs
    }

    /// Runs the browser once with the lists answered at once, so the cache holds them.
    fn populate(&self, dir: &Path) -> Result<()> {
        self.server.control("config?delay_ms=0&list_delay_ms=0")?;
        let mut args = vec!["--no-images".into()];
        args.extend(self.cache_args(&Cache::Dir(dir.to_path_buf())));
        let mut pty = pty::Pty::spawn(&self.binary, &args, &self.envs(), SCREEN, &["bulbasaur"])?;
        pty.wait_for("bulbasaur", Duration::from_secs(10))
            .ok_or_else(|| format!("the list did not load; the screen:\n{}", pty.text()))?;
        settle(&self.server)?;
        pty.send(b"q")?;
        pty.finish(Duration::from_secs(3));
        Ok(())
    }
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(|e| e.ok()?.metadata().ok())
            .map(|m| m.len())
            .sum()
    })
}

fn batch_row(target: &str, set: &Samples, bound: Duration) -> Row {
    Row::new(
        target,
        format!(
            "{} (min {}, max {})",
            ms(set.median_wall()),
            ms(set.min_wall()),
            ms(set.max_wall())
        ),
        format!("≤ 1.10 × {} = {}", ms(bound), ms(bound.mul_f64(1.10))),
        set.median_wall().as_secs_f64() / bound.as_secs_f64() / 1.10,
    )
}

fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| target | measured | bound | measured ÷ bound |\n| --- | --- | --- | --- |\n",
    );
    for row in rows {
        let verdict = if row.ratio <= 1.0 { "met" } else { "NOT met" };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2} ({verdict}) |",
            row.target, row.measured, row.bound, row.ratio
        );
    }
    out
}

fn ms(d: Duration) -> String {
    let millis = d.as_secs_f64() * 1e3;
    if millis < 10.0 {
        format!("{millis:.2} ms")
    } else {
        format!("{millis:.0} ms")
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

// --- the server, in a child process -----------------------------------------------------------

/// `bench serve`: runs the fixture server until stdin closes; prints its origin first.
fn serve() {
    serve_until_stdin_closes(async {
        let (_shared, origin) = server::start().await;
        origin
    });
}

/// Runs the server `start` sets up on a runtime of two threads, prints the line it returns (its
/// origins) and serves until the parent, which holds our stdin, goes.
fn serve_until_stdin_closes(start: impl Future<Output = String>) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        let line = start.await;
        println!("{line}");
        let _ = std::io::stdout().flush();
        tokio::task::spawn_blocking(|| {
            let mut sink = Vec::new();
            let _ = std::io::stdin().read_to_end(&mut sink);
        })
        .await
        .ok();
    });
}

struct Server {
    child: Child,
    origin: String,
    /// Where control commands go (plain HTTP, also in the TLS mode).
    addr: String,
    /// The CA to trust, in the TLS mode.
    ca: Option<PathBuf>,
}

/// Server counters, from `/__bench/stats`.
#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    requests: u64,
    connections: u64,
    in_flight: u64,
    max_in_flight: u64,
    pokemon: u64,
}

impl Server {
    /// Starts the server child: plain HTTP, or over TLS (`mode`: `--tls` or `--tls-h1`) with
    /// the CA written to `ca`.
    fn start(tls: Option<(&str, PathBuf)>) -> Result<Self> {
        let mut command = Command::new(std::env::current_exe()?);
        command.arg("serve");
        let ca = tls.map(|(mode, ca)| {
            command.arg(mode).arg(&ca);
            ca
        });
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().ok_or("server stdout")?).read_line(&mut line)?;
        let mut words = line.split_whitespace();
        let origin = words.next().ok_or("server origin")?.to_owned();
        let control = words.next().unwrap_or(&origin);
        let addr = control
            .strip_prefix("http://")
            .ok_or("server origin")?
            .to_owned();
        Ok(Self {
            child,
            origin,
            addr,
            ca,
        })
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a control command (`stats`, `reset`, `config?…`) and returns the answer's body.
    fn control(&self, command: &str) -> Result<String> {
        let mut stream = TcpStream::connect(&self.addr)?;
        write!(
            stream,
            "GET /__bench/{command} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        Ok(answer
            .split_once("\r\n\r\n")
            .map(|(_, body)| body.to_owned())
            .unwrap_or_default())
    }

    fn stats(&self) -> Result<Stats> {
        let line = self.control("stats")?;
        let n: Vec<u64> = line
            .split_whitespace()
            .map(|v| v.parse().unwrap_or(0))
            .collect();
        let at = |i: usize| n.get(i).copied().unwrap_or(0);
        Ok(Stats {
            requests: at(0),
            connections: at(1),
            in_flight: at(2),
            max_in_flight: at(3),
            pokemon: at(4),
        })
    }

    fn envs(&self) -> Vec<(&'static str, String)> {
        let mut envs = vec![
            ("APIDEX_POKEAPI_URL", format!("{}/api/v2", self.origin)),
            ("APIDEX_JSONPLACEHOLDER_URL", self.origin.clone()),
            ("APIDEX_DOGAPI_URL", format!("{}/api", self.origin)),
        ];
        if let Some(ca) = &self.ca {
            envs.push(("SSL_CERT_FILE", ca.display().to_string()));
        }
        envs
    }

    fn stop(mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

// --- batch and throughput ---------------------------------------------------------------------

/// One run of a fetch case.
#[derive(Debug, Clone, Copy)]
struct Sample {
    wall: Duration,
    /// Client CPU time (user + system).
    cpu: Duration,
    /// Server CPU time during the run.
    server_cpu: Duration,
    items: usize,
    found: usize,
    stats: Stats,
}

struct Samples(Vec<Sample>);

impl Samples {
    fn sorted_walls(&self) -> Vec<Duration> {
        let mut walls: Vec<Duration> = self.0.iter().map(|s| s.wall).collect();
        walls.sort();
        walls
    }

    fn median_wall(&self) -> Duration {
        let walls = self.sorted_walls();
        walls[walls.len() / 2]
    }

    fn min_wall(&self) -> Duration {
        self.sorted_walls()[0]
    }

    fn max_wall(&self) -> Duration {
        *self.sorted_walls().last().unwrap_or(&Duration::ZERO)
    }

    fn per_item_ms(&self, f: impl Fn(&Sample) -> Duration) -> f64 {
        let total: f64 = self.0.iter().map(|s| f(s).as_secs_f64()).sum();
        let items: usize = self.0.iter().map(|s| s.items).sum();
        total * 1e3 / items.max(1) as f64
    }

    fn cpu_per_item_ms(&self) -> f64 {
        self.per_item_ms(|s| s.cpu)
    }

    fn describe(&self, label: &str) -> String {
        let first = self.0[0];
        let found_all = self.0.iter().all(|s| s.found == s.items);
        format!(
            "{label}: {} runs, wall median {} (min {}, max {}); client CPU {:.2} ms/item, \
             server CPU {:.2} ms/item; {} requests over {} connections, at most {} in flight; \
             {}",
            self.0.len(),
            ms(self.median_wall()),
            ms(self.min_wall()),
            ms(self.max_wall()),
            self.cpu_per_item_ms(),
            self.per_item_ms(|s| s.server_cpu),
            first.stats.requests,
            first.stats.connections,
            first.stats.max_in_flight,
            if found_all {
                "every item found".to_owned()
            } else {
                format!("only {} of {} found", first.found, first.items)
            },
        )
    }
}

/// Runs `case` once to warm up, then `runs` times.
fn repeat(runs: usize, mut case: impl FnMut() -> Result<Sample>) -> Result<Samples> {
    case()?;
    (0..runs)
        .map(|_| case())
        .collect::<Result<_>>()
        .map(Samples)
}

impl Bench {
    /// `apidex --concurrency 10 get pokemon IDS…`, output read and dropped.
    fn cli_get(&self, ids: &[String], cache: &Cache) -> Result<Sample> {
        let server = &self.server;
        let mut command = Command::new(&self.binary);
        command
            .args(self.cache_args(cache))
            .args(["--concurrency", &CONCURRENCY.to_string(), "get", "pokemon"])
            .args(ids)
            .envs(self.envs())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        server.control("reset")?;
        let server_cpu = procfs::cpu(server.pid()).unwrap_or_default();
        let cpu = procfs::children_cpu();
        let started = Instant::now();
        let mut child = command.spawn()?;
        let mut stdout = child.stdout.take().ok_or("stdout")?;
        let mut stderr = child.stderr.take().ok_or("stderr")?;
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        // Read the summaries as they come, so the pipe never fills.
        std::io::copy(&mut stdout, &mut std::io::sink())?;
        let status = child.wait()?;
        let wall = started.elapsed();
        let errors = errors.join().unwrap_or_default();
        if !status.success() {
            return Err(format!("apidex get failed ({status}): {errors}").into());
        }
        Ok(Sample {
            wall,
            cpu: procfs::children_cpu().saturating_sub(cpu),
            server_cpu: procfs::cpu(server.pid())
                .unwrap_or_default()
                .saturating_sub(server_cpu),
            items: ids.len(),
            // Exit status 0: every item was found.
            found: ids.len(),
            stats: server.stats()?,
        })
    }

    /// The browser's batch path: an `EffectRunner` carrying out `Effect::FetchBatch`, counting
    /// the `BatchItemLoaded` messages it sends. The clients are built from the same options the
    /// binary parses (cache included), new for every run (so are the connections).
    fn runner_batch(&self, names: &[String], cache: &Cache) -> Result<Sample> {
        let server = &self.server;
        let origin = &server.origin;
        let mut args: Vec<OsString> = vec!["apidex".into()];
        for (flag, url) in [
            ("--pokeapi-url", format!("{origin}/api/v2")),
            ("--jsonplaceholder-url", origin.clone()),
            ("--dogapi-url", format!("{origin}/api")),
            ("--concurrency", CONCURRENCY.to_string()),
        ] {
            args.push(flag.into());
            args.push(url.into());
        }
        args.extend(self.cache_args(cache));
        if let Some(ca) = &server.ca {
            args.push("--ca-cert".into());
            args.push(ca.into());
        }
        let cli = Cli::try_parse_from(args)?;
        let items: Vec<(usize, ItemKey)> = names
            .iter()
            .enumerate()
            .map(|(i, name)| (i, ItemKey::Pokemon(name.clone())))
            .collect();
        server.control("reset")?;
        let server_cpu = procfs::cpu(server.pid()).unwrap_or_default();
        let (wall, cpu, found) = self.runtime.block_on(async move {
            let cpu = procfs::own_cpu();
            let started = Instant::now();
            let clients = cli.globals.clients()?;
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
            let mut runner = EffectRunner::new(clients, tx);
            runner.run(Effect::FetchBatch {
                source: Source::Pokemon,
                req: RequestId(1),
                items,
            });
            let (mut loaded, mut found) = (0, 0);
            while loaded < names.len() {
                match rx.recv().await {
                    Some(Msg::BatchItemLoaded { result, .. }) => {
                        loaded += 1;
                        found += usize::from(matches!(result, Ok(Some(_))));
                    }
                    Some(_) => {}
                    None => break,
                }
            }
            Ok::<_, apidex::api::ApiError>((
                started.elapsed(),
                procfs::own_cpu().saturating_sub(cpu),
                found,
            ))
        })?;
        Ok(Sample {
            wall,
            cpu,
            server_cpu: procfs::cpu(server.pid())
                .unwrap_or_default()
                .saturating_sub(server_cpu),
            items: names.len(),
            found,
            stats: server.stats()?,
        })
    }

    /// `curl --parallel --parallel-max 10` over the same URLs, bodies discarded: the server's
    /// ceiling on this machine.
    fn curl_get(&self, ids: &[String], compressed: bool) -> Result<Sample> {
        let server = &self.server;
        let mut config = String::new();
        for id in ids {
            let _ = writeln!(
                config,
                "url = \"{}/api/v2/pokemon/{id}\"\noutput = \"/dev/null\"",
                server.origin
            );
        }
        let path = self.scratch.join("curl.conf");
        std::fs::write(&path, config)?;
        server.control("reset")?;
        let server_cpu = procfs::cpu(server.pid()).unwrap_or_default();
        let cpu = procfs::children_cpu();
        let started = Instant::now();
        let exit = Command::new("curl")
            .args(["--silent", "--fail", "--parallel", "--parallel-immediate"])
            .args(["--parallel-max", &CONCURRENCY.to_string()])
            .args(compressed.then_some("--compressed"))
            .args(
                server
                    .ca
                    .iter()
                    .flat_map(|ca| [OsString::from("--cacert"), ca.into()]),
            )
            .arg("-K")
            .arg(&path)
            .current_dir(&self.root)
            // `--parallel` draws its progress meter even when silent.
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        let wall = started.elapsed();
        if !exit.success() {
            return Err(format!("curl failed: {exit}").into());
        }
        let stats = server.stats()?;
        Ok(Sample {
            wall,
            cpu: procfs::children_cpu().saturating_sub(cpu),
            server_cpu: procfs::cpu(server.pid())
                .unwrap_or_default()
                .saturating_sub(server_cpu),
            items: ids.len(),
            found: usize::try_from(stats.requests).unwrap_or(0),
            stats,
        })
    }
}

/// Names of the Pokémon index, in order (what the browser's list holds).
fn index_names() -> Vec<String> {
    let index: serde_json::Value =
        serde_json::from_slice(&server::fixture("pokeapi/pokemon-index.json")).expect("index");
    index["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["name"].as_str().map(str::to_owned))
        .collect()
}

// --- start-up and footprint -------------------------------------------------------------------

/// The marker of the first full frame: the end of the status bar, the last row drawn.
const FRAME_END: &str = "q quit";
/// The first row of the Pokémon list: the index has arrived (from the server or the cache).
const LIST_SHOWN: &str = "bulbasaur";

struct Footprint {
    rss_151: u64,
    rss_end: u64,
    hwm_end: u64,
    idle_cpu: Duration,
    notes: Vec<String>,
}

impl Bench {
    /// Median time from spawn to the first full frame over `runs` launches (after one not
    /// counted), with the server holding the lists back 2 s.
    fn start_up(&self, runs: usize, args: &[&str], cache: &Cache) -> Result<(Duration, String)> {
        let server = &self.server;
        server.control("config?delay_ms=0&list_delay_ms=2000")?;
        let mut frames = Vec::new();
        let mut first_bytes = Vec::new();
        let mut lists = Vec::new();
        let mut waiting_at_first_frame = 0;
        for run in 0..=runs {
            let mut options: Vec<OsString> = args.iter().map(OsString::from).collect();
            options.extend(self.cache_args(cache));
            server.control("reset")?;
            let pty = pty::Pty::spawn(
                &self.binary,
                &options,
                &self.envs(),
                SCREEN,
                &[FRAME_END, LIST_SHOWN],
            )?;
            let frame = pty
                .wait_for(FRAME_END, Duration::from_secs(5))
                .ok_or_else(|| format!("no first frame; the screen:\n{}", pty.text()))?;
            let stats = server.stats()?;
            // The list: at once from the cache, else when the server lets it go.
            let list = pty.wait_for(LIST_SHOWN, Duration::from_secs(5));
            let mut pty = pty;
            pty.send(b"q")?;
            let first_byte = pty.first_byte();
            let started = pty.started;
            if !pty.finish(Duration::from_secs(3)) {
                return Err("the browser did not quit on q".into());
            }
            // The first launch warms the page cache; it is not counted.
            if run == 0 {
                continue;
            }
            frames.push(frame - started);
            if let Some(first) = first_byte {
                first_bytes.push(first - started);
            }
            if let Some(list) = list {
                lists.push(list - started);
            }
            if stats.in_flight > 0 {
                waiting_at_first_frame += 1;
            }
        }
        let median = |times: &mut Vec<Duration>| {
            times.sort();
            times.get(times.len() / 2).copied().unwrap_or_default()
        };
        let frame = median(&mut frames);
        let note = format!(
            "{} launches{}: first frame median {} (min {}, max {}), first byte {}, list shown \
             {} ({} of {}); requests held by the server at the first frame in \
             {waiting_at_first_frame} launches",
            frames.len(),
            if args.is_empty() {
                String::new()
            } else {
                format!(" with {}", args.join(" "))
            },
            ms(frame),
            ms(frames[0]),
            ms(*frames.last().unwrap_or(&Duration::ZERO)),
            ms(median(&mut first_bytes)),
            ms(median(&mut lists)),
            lists.len(),
            frames.len(),
        );
        Ok((frame, note))
    }

    /// Opens detail pages one by one with `j` (each after the debounce, waiting until the server
    /// has answered everything it asked), reading memory on the way, then idles.
    fn measure_footprint(&self, more: usize) -> Result<Footprint> {
        let server = &self.server;
        server.control("reset")?;
        let args = self.cache_args(&Cache::Empty);
        let mut pty = pty::Pty::spawn(&self.binary, &args, &self.envs(), SCREEN, &[LIST_SHOWN])?;
        let pid = pty.pid();
        pty.wait_for(LIST_SHOWN, Duration::from_secs(10))
            .ok_or_else(|| format!("the list did not load; the screen:\n{}", pty.text()))?;
        settle(server)?;
        let rss = || procfs::status_kb(pid, "VmRSS").unwrap_or(0);
        let hwm = || procfs::status_kb(pid, "VmHWM").unwrap_or(0);
        let rss_loaded = rss();
        let mut readings = Vec::new();
        let mut opened = server.stats()?.pokemon;
        let mut missed = 0;
        let started = Instant::now();
        let total = (BATCH + more) as u64;
        let mut rss_151 = 0;
        let mut split = String::new();
        while opened < total {
            let before = opened;
            pty.send(b"j")?;
            let deadline = Instant::now() + Duration::from_secs(3);
            loop {
                opened = server.stats()?.pokemon;
                if opened > before || Instant::now() > deadline {
                    break;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            if opened == before {
                missed += 1;
                if missed > 20 {
                    return Err("the browser stopped fetching details".into());
                }
            }
            settle(server)?;
            if opened == BATCH as u64 {
                // Let the last page be drawn.
                std::thread::sleep(Duration::from_millis(50));
                rss_151 = rss();
                readings.push((opened, rss_151));
                let part = |field| mib(procfs::status_kb(pid, field).unwrap_or(0));
                split = format!(
                    "{} anonymous, {} file-backed (the binary's pages), {} threads",
                    part("RssAnon"),
                    part("RssFile"),
                    procfs::threads(pid).unwrap_or(0)
                );
            } else if opened > BATCH as u64 && (opened - BATCH as u64).is_multiple_of(250) {
                readings.push((opened, rss()));
            }
        }
        let elapsed = started.elapsed();
        std::thread::sleep(Duration::from_millis(500));
        let rss_end = rss();
        let hwm_end = hwm();
        readings.push((opened, rss_end));
        // Idle: nothing loading, no keys.
        std::thread::sleep(Duration::from_secs(1));
        let cpu_before = procfs::thread_cpu(pid).unwrap_or_default();
        let ticks_before = procfs::cpu(pid).unwrap_or_default();
        std::thread::sleep(Duration::from_secs(5));
        let idle_cpu = procfs::thread_cpu(pid)
            .unwrap_or_default()
            .saturating_sub(cpu_before);
        let idle_ticks = procfs::cpu(pid)
            .unwrap_or_default()
            .saturating_sub(ticks_before);
        let stats = server.stats()?;
        pty.send(b"q")?;
        let quit = pty.finish(Duration::from_secs(3));
        let note = format!(
            "footprint (cache on, empty at start): RSS {} with the lists loaded; detail pages \
             opened: {opened} in {:.0} s ({} requests over {} connections: {:.0} per 1000 \
             requests); RSS by pages \
             opened: {}; at {BATCH}: {split}; peak (VmHWM) {}; idle 5 s: {:.2} ms CPU (utime+stime \
             {} ms){}",
            mib(rss_loaded),
            elapsed.as_secs_f64(),
            stats.requests,
            stats.connections,
            stats.connections as f64 * 1000.0 / stats.requests.max(1) as f64,
            readings
                .iter()
                .map(|(n, bytes)| format!("{n}: {}", mib(*bytes)))
                .collect::<Vec<_>>()
                .join(", "),
            mib(hwm_end),
            idle_cpu.as_secs_f64() * 1e3,
            idle_ticks.as_millis(),
            if quit { "" } else { "; did not quit on q" },
        );
        Ok(Footprint {
            rss_151,
            rss_end,
            hwm_end,
            idle_cpu,
            notes: vec![note],
        })
    }
}

/// Waits until the server has had nothing in flight and no new request for 30 ms: the page and
/// what it asks for next (its picture, say) have arrived and been drawn.
fn settle(server: &Server) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut last = server.stats()?.requests;
    let mut quiet_since = Instant::now();
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
        let stats = server.stats()?;
        if stats.in_flight > 0 || stats.requests != last {
            last = stats.requests;
            quiet_since = Instant::now();
        } else if quiet_since.elapsed() >= Duration::from_millis(30) {
            break;
        }
    }
    Ok(())
}

// --- criterion --------------------------------------------------------------------------------

/// Runs the criterion benches and turns their estimates into rows.
fn criterion(cargo: &str, root: &Path, target: &Path, report: &mut Report) -> Result<()> {
    let home = target.join("criterion-bench-example");
    let _ = std::fs::remove_dir_all(&home);
    let status = Command::new(cargo)
        .args([
            "bench", "--bench", "search", "--bench", "render", "--bench", "decode",
        ])
        .arg("--")
        .args(["--warm-up-time", "1", "--measurement-time", "3"])
        .env("CRITERION_HOME", &home)
        .current_dir(root)
        .status()?;
    if !status.success() {
        return Err("cargo bench failed".into());
    }
    let estimates = read_estimates(&home);
    let get = |id: &str| {
        estimates
            .iter()
            .find(|(name, _)| name == id)
            .map(|(_, ns)| *ns)
            .ok_or_else(|| format!("no criterion estimate for {id}"))
    };
    let mut keystrokes: Vec<&str> = estimates
        .iter()
        .map(|(id, _)| id.as_str())
        .filter(|id| id.starts_with("search/"))
        .collect();
    keystrokes.sort_unstable();
    if keystrokes.is_empty() {
        return Err("no criterion estimates for search".into());
    }
    let mut worst = ("", 0.0);
    let mut each = Vec::new();
    for id in keystrokes {
        let ns = get(id)?;
        let name = id.trim_start_matches("search/");
        each.push(format!("{name} {:.0} µs", ns / 1e3));
        if ns > worst.1 {
            worst = (name, ns);
        }
    }
    report.notes.push(format!(
        "search, one keystroke over the 1350-name index: {}",
        each.join(", ")
    ));
    report.rows.push(Row::new(
        "3. search, one keystroke, 1350 names (slowest case)",
        format!("{:.0} µs ({})", worst.1 / 1e3, worst.0),
        "≤ 1 ms".to_owned(),
        worst.1 / 1e6,
    ));
    let tick = get("render/batch+detail 160x50 (tick)")?;
    let full = get("render/batch+detail 160x50 (full redraw)")?;
    report.rows.push(Row::new(
        "5. render batch + detail, 160×50",
        format!("{:.0} µs (full redraw {:.0} µs)", tick / 1e3, full / 1e3),
        "≤ 2 ms".to_owned(),
        tick.max(full) / 2e6,
    ));
    let decode = ["raw + typed", "typed only", "raw only"]
        .iter()
        .filter_map(|name| {
            let ns = get(&format!("decode pokemon/{name}")).ok()?;
            Some(format!("{name} {:.0} µs", ns / 1e3))
        })
        .collect::<Vec<_>>();
    report.notes.push(format!(
        "decoding one 280 kB Pokémon body: {}",
        decode.join(", ")
    ));
    Ok(())
}

/// `(full id, mean in ns)` of every benchmark criterion saved under `home`.
fn read_estimates(home: &Path) -> Vec<(String, f64)> {
    let mut found = Vec::new();
    let mut dirs: Vec<PathBuf> = vec![home.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(std::result::Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.file_name().is_some_and(|n| n == "benchmark.json")
                && path.parent().is_some_and(|p| p.ends_with("new"))
            {
                let read = |p: &Path| -> Option<serde_json::Value> {
                    serde_json::from_slice(&std::fs::read(p).ok()?).ok()
                };
                let (Some(bench), Some(estimates)) =
                    (read(&path), read(&path.with_file_name("estimates.json")))
                else {
                    continue;
                };
                if let (Some(id), Some(mean)) = (
                    bench["full_id"].as_str(),
                    estimates["mean"]["point_estimate"].as_f64(),
                ) {
                    found.push((id.to_owned(), mean));
                }
            }
        }
    }
    found
}
