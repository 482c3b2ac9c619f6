//! The settings in effect, resolved in one place: a command-line flag, else its environment
//! variable (clap reads both into [`Globals`]), else the config file, else the bundled default.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use super::Globals;
use crate::api::{BaseUrl, Endpoints, HttpOptions, dogapi, jsonplaceholder, pokeapi};
use crate::config::limits::{self, Limit};
use crate::config::{
    CacheConfig, Config, DataConfig, HttpConfig, RecordConfig, SourcesConfig, TtlConfig, UiConfig,
};
use crate::model::{RecordId, Source};
use crate::store::Store;

/// The cache cap when neither a flag nor a config file says (and the bundled file is unreadable).
const DEFAULT_CACHE_MAX_MB: u64 = 200;
/// The TTL when nothing says.
const DEFAULT_TTL: Duration = Duration::from_secs(24 * 3600);

/// Every setting apidex runs with, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Base URLs.
    pub endpoints: Endpoints,
    /// The HTTP client's settings.
    pub http: HttpOptions,
    /// The cache directory (`None`: the platform has none).
    pub cache_dir: Option<PathBuf>,
    /// Cap on the cache, in megabytes.
    pub cache_max_mb: u64,
    /// Where bookmarks, history and searches are kept (`None`: the platform has no data
    /// directory).
    pub data_dir: Option<PathBuf>,
    /// Freshness of cached responses when the server does not say.
    pub ttl: Duration,
    /// Per-source freshness over `ttl`, in [`Source::ALL`] order.
    pub source_ttls: [Option<Duration>; Source::COUNT],
    /// Whether pictures are drawn.
    pub images: bool,
    /// The content language: `--lang`/`APIDEX_LANG`, else the config's `[ui] lang`, else the
    /// locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
    pub lang: crate::names::Lang,
    /// The Live tab and WebSocket streams.
    pub live: super::live_settings::LiveSettings,
}

impl Settings {
    /// Each source's own TTL, for the cache's `ttl_by_host`: a built-in source's keyed by its
    /// base URL's host, a registered one's by the URL its pages are under (berries share
    /// PokeAPI's host, not its TTL). Two sources on one key (local replicas on different
    /// ports) share the shorter.
    pub fn ttl_by_host(&self) -> HashMap<String, Duration> {
        let mut by_host: HashMap<String, Duration> = HashMap::new();
        for (source, ttl) in Source::ALL.into_iter().zip(self.source_ttls) {
            let Some(ttl) = ttl else { continue };
            let base = self.endpoints.base(source);
            let key = match source {
                Source::Record(r) => base.join(&r.spec().own_path()).as_str().to_owned(),
                _ => base.host().to_owned(),
            };
            by_host
                .entry(key)
                .and_modify(|t| *t = (*t).min(ttl))
                .or_insert(ttl);
        }
        by_host
    }

    /// These settings as a config layer (everything set), for `apidex config show`.
    pub fn to_config(&self) -> Config {
        let hours = |d: Duration| d.as_secs_f64() / 3600.0;
        let ttls = self.source_ttls.map(|t| t.map(hours));
        let ttl_of = |source: Source| ttls[source.index()];
        let [pokeapi, jsonplaceholder, dogapi] =
            [Source::Pokemon, Source::Posts, Source::Dogs].map(ttl_of);
        // A registered source's URL is written only when one was set: one that follows its
        // home keeps following it when `config show`'s output is read back.
        let records = RecordId::all()
            .map(|r| {
                let url = self.endpoints.records[r.index()].as_ref();
                let table = RecordConfig {
                    url: url.map(|u| u.as_str().to_owned()),
                    ttl: ttl_of(Source::Record(r)),
                };
                (r.spec().id.to_owned(), table)
            })
            .filter(|(_, table)| *table != RecordConfig::default())
            .collect();
        Config {
            sources: SourcesConfig {
                pokeapi_url: Some(self.endpoints.pokeapi.as_str().to_owned()),
                jsonplaceholder_url: Some(self.endpoints.jsonplaceholder.as_str().to_owned()),
                dogapi_url: Some(self.endpoints.dogapi.as_str().to_owned()),
                records,
            },
            http: HttpConfig {
                concurrency: Some(u16::try_from(self.http.concurrency).unwrap_or(u16::MAX)),
                timeout: Some(self.http.timeout.as_secs_f64()),
                connect_timeout: Some(self.http.connect_timeout.as_secs_f64()),
                retries: Some(self.http.retries),
                max_rps: Some(
                    self.http
                        .min_interval
                        .map_or(0.0, |i| 1.0 / i.as_secs_f64()),
                ),
                max_body_mb: Some(
                    u32::try_from(self.http.max_body / (1024 * 1024)).unwrap_or(u32::MAX),
                ),
            },
            cache: CacheConfig {
                dir: self.cache_dir.clone(),
                max_mb: Some(self.cache_max_mb),
            },
            data: DataConfig {
                dir: self.data_dir.clone(),
            },
            ttl: TtlConfig {
                default: Some(hours(self.ttl)),
                pokeapi,
                jsonplaceholder,
                dogapi,
            },
            ui: UiConfig {
                images: Some(self.images),
                lang: Some(self.lang.code().to_owned()),
            },
            live: self.live.to_config(),
            ..Config::default()
        }
    }
}

impl Globals {
    /// Resolves every setting: a flag, else its environment variable, else `config` (the user's
    /// file), else the bundled defaults.
    pub fn resolve(&self, config: &Config) -> Settings {
        let file = config.clone().over(Config::bundled());
        let builtin = HttpOptions::default();
        let mut endpoints = Endpoints::new(
            base_url(
                self.pokeapi_url.as_ref(),
                file.sources.pokeapi_url.as_deref(),
                pokeapi::DEFAULT_BASE_URL,
            ),
            base_url(
                self.jsonplaceholder_url.as_ref(),
                file.sources.jsonplaceholder_url.as_deref(),
                jsonplaceholder::DEFAULT_BASE_URL,
            ),
            base_url(
                self.dogapi_url.as_ref(),
                file.sources.dogapi_url.as_deref(),
                dogapi::DEFAULT_BASE_URL,
            ),
        );
        for record in RecordId::all() {
            endpoints = endpoints.with_record(record, self.record_url(record, &file));
        }
        // Values were checked against `config::limits` when the file was read; checked again
        // here (a `Config` can be built in code), and never converted in a way that can panic.
        // `within` reads the number as seconds; ×3600 makes hours (at most 8760 h: no overflow).
        let hours = |h: f64| within(&limits::TTL_HOURS, h).map(|d| d * 3600);
        let http = HttpOptions {
            timeout: self
                .timeout
                .or(file.http.timeout.and_then(|s| within(&limits::TIMEOUT, s)))
                .unwrap_or(builtin.timeout),
            connect_timeout: self
                .connect_timeout
                .or(file
                    .http
                    .connect_timeout
                    .and_then(|s| within(&limits::CONNECT_TIMEOUT, s)))
                .unwrap_or(builtin.connect_timeout),
            concurrency: self
                .concurrency
                .or(file.http.concurrency)
                .filter(|n| limits::CONCURRENCY.check(*n).is_ok())
                .map_or(builtin.concurrency, usize::from),
            retries: self
                .retries
                .or(file.http.retries)
                .filter(|n| limits::RETRIES.check(*n).is_ok())
                .unwrap_or(builtin.retries),
            // 0 in the file means no cap.
            min_interval: self
                .max_rps
                .or(file.http.max_rps)
                .filter(|rate| *rate > 0.0 && limits::MAX_RPS.check(*rate).is_ok())
                .and_then(|rate| Duration::try_from_secs_f64(1.0 / rate).ok()),
            max_body: self
                .max_body_mb
                .or(file.http.max_body_mb)
                .filter(|mb| limits::MAX_BODY_MB.check(*mb).is_ok())
                .map_or(builtin.max_body, |mb| {
                    usize::try_from(mb)
                        .unwrap_or(usize::MAX)
                        .saturating_mul(1024 * 1024)
                }),
            offline: self.offline,
            ..builtin
        };
        let live = self.live_settings(&file);
        Settings {
            endpoints,
            http,
            cache_dir: self.cache_dir.clone().or(file.cache.dir).or_else(|| {
                directories::ProjectDirs::from("", "", "apidex").map(|d| d.cache_dir().to_owned())
            }),
            data_dir: self.data_dir.clone().or(file.data.dir).or_else(|| {
                directories::ProjectDirs::from("", "", "apidex").map(|d| d.data_dir().to_owned())
            }),
            cache_max_mb: self
                .cache_max_mb
                .or(file.cache.max_mb)
                .filter(|mb| limits::CACHE_MAX_MB.check(*mb).is_ok())
                .unwrap_or(DEFAULT_CACHE_MAX_MB),
            ttl: self
                .ttl
                .or(file.ttl.default.and_then(hours))
                .unwrap_or(DEFAULT_TTL),
            source_ttls: Source::ALL.map(|source| {
                let hours_set = match source {
                    Source::Pokemon => file.ttl.pokeapi,
                    Source::Posts => file.ttl.jsonplaceholder,
                    Source::Dogs => file.ttl.dogapi,
                    Source::Record(r) => file.sources.records.get(r.spec().id).and_then(|t| t.ttl),
                };
                hours_set.and_then(hours)
            }),
            // `--no-images` (or `APIDEX_NO_IMAGES=1`) turns them off whatever the file says.
            images: !self.no_images && file.ui.images.unwrap_or(true),
            lang: self
                .lang
                .and_then(|l| l.0)
                .or_else(|| file.ui.lang.as_deref().and_then(crate::names::Lang::parse))
                .unwrap_or_else(|| crate::names::Lang::from_locale(|var| std::env::var(var).ok())),
            live,
        }
    }

    /// A registered source's own base URL: `--source-url <id>=URL`, else `APIDEX_<ID>_URL`,
    /// else `[sources.<id>] url`; `None` follows its home. A bad variable is left out as if
    /// unset: the parser refused it (`records::check_variables`), as clap refuses a bad flag;
    /// the file's was reported when it was read.
    fn record_url(&self, record: RecordId, file: &Config) -> Option<BaseUrl> {
        let id = record.spec().id;
        let flag = self.source_urls.iter().rev().find(|(r, _)| *r == record);
        let env = || super::records::variable(record)?.base.ok();
        let configured = || BaseUrl::parse(file.sources.records.get(id)?.url.as_deref()?).ok();
        flag.map(|(_, url)| url.clone())
            .or_else(env)
            .or_else(configured)
    }

    /// The config file to read: `--config` / `APIDEX_CONFIG`, else `config.toml` in the
    /// platform's config directory.
    pub fn config_file(&self) -> Option<PathBuf> {
        self.config_path
            .clone()
            .filter(|p| !p.as_os_str().is_empty())
            .or_else(crate::config::default_path)
    }

    /// The settings in effect, with the config file read into [`Globals::config`].
    pub fn settings(&self) -> Settings {
        self.resolve(&self.config)
    }

    /// The data directory: `--data-dir` / `APIDEX_DATA_DIR`, else the config file's
    /// `[data] dir`, else the platform's (`~/.local/share/apidex` on Linux).
    pub fn data_dir(&self) -> Option<PathBuf> {
        self.settings().data_dir
    }

    /// Opens the user's data (bookmarks, history, searches) in the data directory, moving
    /// them over from the cache's database the first time. Independent of the cache:
    /// `--no-cache` and deleting the cache directory leave it alone.
    ///
    /// # Errors
    /// When there is no data directory, or the database can be neither written nor read.
    pub fn user_data(&self) -> Result<Store, String> {
        let settings = self.settings();
        let dir = settings
            .data_dir
            .ok_or("no data directory: set --data-dir or APIDEX_DATA_DIR")?;
        let legacy = settings
            .cache_dir
            .map(|cache| cache.join(crate::store::FILE_NAME));
        Store::open_user_data(&dir, legacy.as_deref()).map_err(|e| e.to_string())
    }
}

/// The flag's URL, else the config file's (checked when the file was read), else `default`.
fn base_url(flag: Option<&BaseUrl>, configured: Option<&str>, default: &str) -> BaseUrl {
    flag.cloned()
        .or_else(|| configured.and_then(|u| BaseUrl::parse(u).ok()))
        // Invariant: the built-in defaults are valid base URLs (the client tests use them).
        .unwrap_or_else(|| BaseUrl::parse(default).expect("the built-in base URLs are valid"))
}

/// `value` as a duration in seconds, if `limit` allows it.
fn within(limit: &Limit<f64>, value: f64) -> Option<Duration> {
    limit
        .check(value)
        .ok()
        .and_then(|v| Duration::try_from_secs_f64(v).ok())
}
