//! The command line: `apidex get …`, `apidex list …`, `apidex fetch …`.
//!
//! Everything here runs on the same clients as the TUI. Output rules, so scripts can rely on them:
//! stdout carries data only; every problem is named on stderr; the exit status is 0 when every
//! item was found, 1 when any was not found or failed, 2 for usage errors (clap's own).

mod args;
mod cache;
mod config;
mod docs;
mod get;
mod help;
mod inputs;
mod list;
mod live_settings;
mod output;
mod provenance;
mod records;
mod settings;
mod sink;
pub mod summary;
mod verbose;
mod watch;

use std::process::ExitCode;
use std::sync::Arc;

pub use args::{CacheAction, Cli, Command, ConfigAction, GetCommand, Globals, ListKind};
pub use help::{command, parse};
pub use live_settings::LiveSettings;
pub use settings::Settings;
use sink::{Format, Sink};

use crate::api::{CachePolicy, Clients, Endpoints, Http, HttpOptions};
use crate::snapshot::Snapshot;
use crate::store::Store;

/// Exit status when every item was found.
pub const EXIT_OK: u8 = 0;
/// Exit status when any item was not found or failed.
pub const EXIT_MISSING_OR_FAILED: u8 = 1;
/// Exit status for usage errors (what clap uses).
pub const EXIT_USAGE: u8 = 2;
/// Exit status after Ctrl-C (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: u8 = 130;
/// Exit status when the reader of stdout went away (128 + SIGPIPE, what a process SIGPIPE
/// killed would report; nothing is printed).
pub const EXIT_BROKEN_PIPE: u8 = 141;

impl Globals {
    /// The HTTP settings in effect (see [`Globals::resolve`]).
    pub fn http_options(&self) -> HttpOptions {
        self.settings().http
    }

    /// The cache directory: `--cache-dir`, else the config file's, else the platform's
    /// (`~/.cache/apidex` on Linux).
    pub fn cache_dir(&self) -> Option<std::path::PathBuf> {
        self.settings().cache_dir
    }

    /// Where exports go: `--export-dir`, else `exports/` in the platform's data directory, else
    /// the current directory.
    pub fn export_dir(&self) -> std::path::PathBuf {
        self.export_dir.clone().unwrap_or_else(|| {
            directories::ProjectDirs::from("", "", "apidex").map_or_else(
                || std::path::PathBuf::from("."),
                |d| d.data_dir().join("exports"),
            )
        })
    }

    /// Opens the store in the cache directory.
    ///
    /// # Errors
    /// When there is no cache directory or it cannot be written.
    pub fn store(&self) -> Result<Store, String> {
        let settings = self.settings();
        let dir = settings
            .cache_dir
            .ok_or("no cache directory: set --cache-dir or APIDEX_CACHE_DIR")?;
        Store::open(&dir, settings.cache_max_mb.saturating_mul(1_000_000))
            .map_err(|e| e.to_string())
    }

    /// The base URLs in effect.
    pub fn endpoints(&self) -> Endpoints {
        self.settings().endpoints
    }

    /// Builds the clients for the command line. The snapshot answers only under `--offline`:
    /// a script asking for data gets the API's own answer or an error, never the abridged
    /// snapshot in its place.
    ///
    /// # Errors
    /// As [`Clients::new`].
    pub fn clients(&self) -> Result<Clients, crate::api::ApiError> {
        self.build_clients(self.offline)
    }

    /// Builds the clients for the browser, where the snapshot stands in whenever the network
    /// fails and nothing is cached (pages say so).
    ///
    /// # Errors
    /// As [`Clients::new`].
    pub fn browser_clients(&self) -> Result<Clients, crate::api::ApiError> {
        self.build_clients(true)
    }

    fn build_clients(&self, snapshot: bool) -> Result<Clients, crate::api::ApiError> {
        let settings = self.settings();
        let ca = match &self.ca_cert {
            Some(path) => Some(read_ca_cert(path)?),
            None => None,
        };
        let mut http = Http::trusting(settings.http, ca.as_deref())?;
        if !self.no_cache {
            // Without a usable cache apidex still works, only slower and not offline.
            match self.store() {
                Ok(store) => {
                    if let Some(warning) = &store.warning {
                        eprintln!("apidex: {warning}");
                    }
                    http = http.with_cache(CachePolicy {
                        store,
                        default_ttl: settings.ttl,
                        ttl_by_host: settings.ttl_by_host(),
                    });
                }
                Err(err) => eprintln!("apidex: cache disabled: {err}"),
            }
        }
        let endpoints = settings.endpoints;
        if snapshot {
            http = http.with_fallback(Arc::new(Snapshot::bundled(&endpoints)));
        }
        Ok(Clients::from_http(http, endpoints).with_lang(settings.lang))
    }
}

/// Runs a subcommand to completion and returns the process exit status. Ctrl-C cancels promptly
/// (in-flight requests are dropped) and exits with 130.
pub async fn run(globals: &Globals, command: Command) -> ExitCode {
    if let Command::Cache { action } = command {
        return ExitCode::from(cache::run(globals, action));
    }
    if let Command::Config { action } = command {
        return ExitCode::from(config::run(globals, action));
    }
    if let Command::Completions { shell } = command {
        return ExitCode::from(docs::completions(shell));
    }
    if let Command::Man { command } = command {
        return ExitCode::from(docs::man(command.as_deref()));
    }
    if let Command::Watch(args) = command {
        return ExitCode::from(watch::run(globals, args).await);
    }
    let clients = match globals.clients() {
        Ok(clients) => clients,
        Err(err) => {
            eprintln!("apidex: {err}");
            return ExitCode::from(EXIT_MISSING_OR_FAILED);
        }
    };
    let work = async {
        match command {
            Command::Get {
                what,
                json,
                ndjson,
                output,
            } => {
                let format = match (json, ndjson) {
                    (_, true) => Format::Ndjson,
                    (true, false) => Format::Json,
                    (false, false) => Format::Text,
                };
                into_sink(output.as_deref(), format, async |sink| {
                    get::run(&clients, what, sink).await
                })
                .await
            }
            Command::Fetch { urls, ndjson } => {
                let format = if ndjson { Format::Ndjson } else { Format::Json };
                into_sink(None, format, async |sink| {
                    get::fetch_urls(&clients, urls, sink).await
                })
                .await
            }
            Command::List { what } => list::run(&clients, what).await,
            // Handled above, before any client is built.
            // `open` is the browser's, started by `main`.
            Command::Cache { .. }
            | Command::Config { .. }
            | Command::Completions { .. }
            | Command::Man { .. }
            | Command::Watch(_)
            | Command::Open { .. }
            | Command::Jq { .. } => EXIT_USAGE,
        }
    };
    let work = verbose::logged(globals.verbose, work);
    tokio::select! {
        code = work => {
            // Answers are cached behind the output: on disk before the process goes.
            if let Some(policy) = clients.http.cache()
                && let Some(note) = policy.store.flush().await
            {
                eprintln!("apidex: note: {}", crate::sanitize::line(&note));
            }
            ExitCode::from(code)
        }
        _ = tokio::signal::ctrl_c() => {
            eprintln!("apidex: interrupted");
            ExitCode::from(EXIT_INTERRUPTED)
        }
    }
}

/// Runs `work` writing to stdout (or `file`) in `format`, and returns its exit status, or the
/// output's when writing failed.
async fn into_sink(
    file: Option<&std::path::Path>,
    format: Format,
    work: impl AsyncFnOnce(&mut Sink) -> u8,
) -> u8 {
    match Sink::open(file, format) {
        Ok(mut sink) => {
            let code = work(&mut sink).await;
            sink.finish(code)
        }
        Err(err) => {
            eprintln!("apidex: {err}");
            EXIT_MISSING_OR_FAILED
        }
    }
}

/// The PEM file given to `--ca-cert`, read like a config file (at most 1 MiB, never a FIFO).
/// Reads `--ca-cert` (also for the Live tab's TLS).
///
/// # Errors
/// The file cannot be read.
pub fn read_ca_cert(path: &std::path::Path) -> Result<Vec<u8>, crate::api::ApiError> {
    crate::config::read_limited(path, "a certificate file")
        .map(String::into_bytes)
        .map_err(|err| crate::api::ApiError::Setup {
            what: format!(
                "cannot read --ca-cert {}",
                crate::sanitize::line(&path.display().to_string())
            ),
            reason: err.to_string(),
        })
}
