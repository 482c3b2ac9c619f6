//! Command-line arguments (clap derive): the top level and the global options; the
//! subcommands are in [`commands`]. `--help` works on every level.

use std::time::Duration;

use clap::{Args, Parser};

use crate::api::BaseUrl;
use crate::config::limits;

mod commands;

pub use commands::{CacheAction, Command, ConfigAction, GetCommand, ListKind};

/// A terminal browser and scriptable client for PokeAPI, JSONPlaceholder and the Dog API.
///
/// With no subcommand, apidex opens the interactive browser.
#[derive(Debug, Parser)]
#[command(name = "apidex", version, propagate_version = true)]
pub struct Cli {
    /// Options shared by every subcommand.
    #[command(flatten)]
    pub globals: Globals,
    /// What to do; none opens the browser.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options shared by every subcommand.
#[derive(Debug, Clone, Args)]
// Each bool is an independent flag, not a state machine in disguise.
#[allow(clippy::struct_excessive_bools)]
pub struct Globals {
    /// The config file (default: `config.toml` in the platform's config directory, e.g.
    /// `~/.config/apidex`; `apidex config path` prints it).
    #[arg(
        long = "config",
        global = true,
        env = "APIDEX_CONFIG",
        value_name = "FILE"
    )]
    pub config_path: Option<std::path::PathBuf>,

    /// What the config file sets (read by `main`, not a flag). Flags and environment variables
    /// win over it; see [`Globals::resolve`].
    #[arg(skip)]
    pub config: crate::config::Config,

    /// PokeAPI base URL [default: `https://pokeapi.co/api/v2`].
    #[arg(long, global = true, env = "APIDEX_POKEAPI_URL", value_name = "URL",
          value_parser = parse_base_url)]
    pub pokeapi_url: Option<BaseUrl>,

    /// JSONPlaceholder base URL [default: `https://jsonplaceholder.typicode.com`].
    #[arg(long, global = true, env = "APIDEX_JSONPLACEHOLDER_URL", value_name = "URL",
          value_parser = parse_base_url)]
    pub jsonplaceholder_url: Option<BaseUrl>,

    /// Dog API base URL [default: `https://dog.ceo/api`].
    #[arg(long, global = true, env = "APIDEX_DOGAPI_URL", value_name = "URL",
          value_parser = parse_base_url)]
    pub dogapi_url: Option<BaseUrl>,

    /// A registered source's base URL, as `ID=URL` (`berry=http://127.0.0.1:18001/api/v2`);
    /// repeatable. Also `APIDEX_<ID>_URL`. Default: its home's (berries: PokeAPI's).
    #[arg(long = "source-url", global = true, value_name = "ID=URL",
          value_parser = parse_source_url)]
    pub source_urls: Vec<(crate::model::RecordId, BaseUrl)>,

    /// Requests in flight at once, across all sources [default: 8].
    #[arg(long, global = true, value_name = "N", value_parser = parse_concurrency)]
    pub concurrency: Option<u16>,

    /// Seconds allowed to establish a connection [default: 5].
    #[arg(long, global = true, value_name = "SECONDS", allow_negative_numbers = true,
          value_parser = parse_connect_timeout)]
    pub connect_timeout: Option<Duration>,

    /// Retries after a network error, timeout, 429 or 5xx (with backoff; 0 turns them off)
    /// [default: 3].
    #[arg(long, global = true, value_name = "N", value_parser = parse_retries)]
    pub retries: Option<u32>,

    /// At most this many requests per second to each API, 0.01 to 10000 (default, or 0: no
    /// cap).
    #[arg(long, global = true, value_name = "RATE", allow_negative_numbers = true,
          value_parser = parse_rate)]
    pub max_rps: Option<f64>,

    /// Refuse response bodies larger than this many megabytes [default: 16].
    #[arg(long, global = true, value_name = "MB", value_parser = parse_body_mb)]
    pub max_body_mb: Option<u32>,

    /// Where the response cache lives: disposable, safe to delete (default: the platform's
    /// cache directory, e.g. `~/.cache/apidex`).
    #[arg(long, global = true, env = "APIDEX_CACHE_DIR", value_name = "DIR")]
    pub cache_dir: Option<std::path::PathBuf>,

    /// Where bookmarks, history and searches live (default: the platform's data directory,
    /// e.g. `~/.local/share/apidex`).
    #[arg(long, global = true, env = "APIDEX_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<std::path::PathBuf>,

    /// Also trust the certificate authorities in this PEM file (a corporate proxy's, a local
    /// server's), besides the system's. `SSL_CERT_FILE` replaces the system's instead.
    #[arg(long, global = true, env = "APIDEX_CA_CERT", value_name = "FILE")]
    pub ca_cert: Option<std::path::PathBuf>,

    /// The stream the browser's Live tab opens (ws:// or wss://) [default: Bluesky Jetstream's
    /// posts, `wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post`].
    #[arg(long, global = true, env = "APIDEX_LIVE_URL", value_name = "URL",
          value_parser = parse_live_url)]
    pub live_url: Option<String>,

    /// Messages the Live tab keeps (the oldest are dropped) [default: 10000].
    #[arg(long, global = true, env = "APIDEX_LIVE_BUFFER", value_name = "N",
          value_parser = parse_live_buffer)]
    pub live_buffer: Option<u32>,

    /// Neither read nor write the response cache.
    #[arg(long, global = true, env = "APIDEX_NO_CACHE",
          value_parser = clap::builder::BoolishValueParser::new())]
    pub no_cache: bool,

    /// Never touch the network: answer from the cache, then from the bundled snapshot.
    #[arg(long, global = true, env = "APIDEX_OFFLINE",
          value_parser = clap::builder::BoolishValueParser::new())]
    pub offline: bool,

    /// Cap on the response cache, in megabytes (least recently used responses go first)
    /// [default: 200].
    #[arg(long, global = true, value_name = "MB", value_parser = parse_cache_mb)]
    pub cache_max_mb: Option<u64>,

    /// How long a cached response stays fresh when the server does not say, in hours
    /// [default: 24; the config file can set one per source].
    #[arg(long, global = true, value_name = "HOURS", allow_negative_numbers = true,
          value_parser = parse_hours)]
    pub ttl: Option<Duration>,

    /// Where `e` in the browser writes exported JSON (default: the platform's data directory,
    /// e.g. `~/.local/share/apidex/exports`).
    #[arg(
        long,
        global = true,
        env = "APIDEX_EXPORT_DIR",
        value_name = "DIR",
        help_heading = "Browser options"
    )]
    pub export_dir: Option<std::path::PathBuf>,

    /// Show pictures as `[image: URL]` text instead of drawing them (also `APIDEX_NO_IMAGES=1`).
    #[arg(long, global = true, env = "APIDEX_NO_IMAGES", help_heading = "Browser options",
          value_parser = clap::builder::BoolishValueParser::new())]
    pub no_images: bool,

    /// Content language for names, genera and Pokédex text: en, ja, ko, zh-hans, zh-hant, fr,
    /// de, es, it, or a locale (`ja_JP.UTF-8`) [default: from `LC_ALL`/`LANG`, else en].
    #[arg(long, global = true, env = "APIDEX_LANG", value_name = "LANG",
          value_parser = parse_lang)]
    pub lang: Option<LangArg>,

    /// Seconds allowed for one request (decimals allowed, e.g. 0.5) [default: 10].
    #[arg(long, global = true, value_name = "SECONDS", allow_negative_numbers = true,
          value_parser = parse_timeout)]
    pub timeout: Option<Duration>,

    /// Log each request, retry, cache decision and redirect to stderr, one line each.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

fn parse_live_url(input: &str) -> Result<String, String> {
    crate::live::parse_url(input).map(String::from)
}

fn parse_base_url(input: &str) -> Result<BaseUrl, String> {
    BaseUrl::parse(input).map_err(|err| err.to_string())
}

fn parse_source_url(input: &str) -> Result<(crate::model::RecordId, BaseUrl), String> {
    use crate::model::RecordId;
    let known = || {
        let ids: Vec<&str> = RecordId::all().map(|r| r.spec().id).collect();
        format!("registered sources: {}", ids.join(", "))
    };
    let (id, url) = input
        .split_once('=')
        .ok_or_else(|| format!("expected ID=URL ({})", known()))?;
    let record = RecordId::find(id.trim())
        .ok_or_else(|| format!("no registered source `{}` ({})", id.trim(), known()))?;
    Ok((record, parse_base_url(url.trim())?))
}

// Each flag's range is its config setting's, from the one table (`config::limits`).

/// `--lang`/`APIDEX_LANG` as given: empty (`APIDEX_LANG=`) is no choice, as if unset.
#[derive(Debug, Clone, Copy)]
pub struct LangArg(pub Option<crate::names::Lang>);

fn parse_lang(input: &str) -> Result<LangArg, String> {
    if input.trim().is_empty() {
        return Ok(LangArg(None));
    }
    crate::names::Lang::parse(input)
        .map(|l| LangArg(Some(l)))
        .ok_or_else(|| {
            let all: Vec<&str> = crate::names::lang::ALL.iter().map(|l| l.code()).collect();
            format!("not a language apidex offers (one of {})", all.join(", "))
        })
}

fn parse_live_buffer(input: &str) -> Result<u32, String> {
    limits::LIVE_BUFFER.parse(input)
}

fn parse_concurrency(input: &str) -> Result<u16, String> {
    limits::CONCURRENCY.parse(input)
}

fn parse_retries(input: &str) -> Result<u32, String> {
    limits::RETRIES.parse(input)
}

fn parse_body_mb(input: &str) -> Result<u32, String> {
    limits::MAX_BODY_MB.parse(input)
}

fn parse_cache_mb(input: &str) -> Result<u64, String> {
    limits::CACHE_MAX_MB.parse(input)
}

fn parse_hours(input: &str) -> Result<Duration, String> {
    let hours = limits::TTL_HOURS.parse(input)?;
    Ok(Duration::from_secs_f64(hours * 3600.0))
}

/// A rate; 0 is no cap, as in the config file.
fn parse_rate(input: &str) -> Result<f64, String> {
    limits::MAX_RPS.parse(input)
}

fn parse_timeout(input: &str) -> Result<Duration, String> {
    limits::TIMEOUT.parse(input).map(Duration::from_secs_f64)
}

fn parse_connect_timeout(input: &str) -> Result<Duration, String> {
    limits::CONNECT_TIMEOUT
        .parse(input)
        .map(Duration::from_secs_f64)
}
