//! The command line: `apidex get …`, `apidex list …`, `apidex fetch …`.
//!
//! Everything here runs on the same clients as the TUI. Output rules, so scripts can rely on them:
//! stdout carries data only; every problem is named on stderr; the exit status is 0 when every
//! item was found, 1 when any was not found or failed, 2 for usage errors (clap's own).

mod args;
mod get;
mod list;
mod output;
pub mod summary;

use std::process::ExitCode;
use std::time::Duration;

pub use args::{Cli, Command, GetCommand, Globals, ListKind};

use crate::api::{Clients, Endpoints, HttpOptions};

/// Exit status when every item was found.
pub const EXIT_OK: u8 = 0;
/// Exit status when any item was not found or failed.
pub const EXIT_MISSING_OR_FAILED: u8 = 1;
/// Exit status for usage errors (what clap uses).
pub const EXIT_USAGE: u8 = 2;
/// Exit status after Ctrl-C (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: u8 = 130;

impl Globals {
    /// The HTTP settings these options describe.
    pub fn http_options(&self) -> HttpOptions {
        HttpOptions {
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            concurrency: usize::from(self.concurrency),
            retries: self.retries,
            min_interval: self.max_rps.map(|rate| Duration::from_secs_f64(1.0 / rate)),
            max_body: usize::try_from(self.max_body_mb)
                .unwrap_or(usize::MAX)
                .saturating_mul(1024 * 1024),
            ..HttpOptions::default()
        }
    }

    /// The base URLs these options describe.
    pub fn endpoints(&self) -> Endpoints {
        Endpoints {
            pokeapi: self.pokeapi_url.clone(),
            jsonplaceholder: self.jsonplaceholder_url.clone(),
            dogapi: self.dogapi_url.clone(),
        }
    }

    /// Builds the clients these options describe.
    ///
    /// # Errors
    /// As [`Clients::new`].
    pub fn clients(&self) -> Result<Clients, crate::api::ApiError> {
        Clients::new(self.endpoints(), self.http_options())
    }
}

/// Runs a subcommand to completion and returns the process exit status. Ctrl-C cancels promptly
/// (in-flight requests are dropped) and exits with 130.
pub async fn run(globals: &Globals, command: Command) -> ExitCode {
    let clients = match globals.clients() {
        Ok(clients) => clients,
        Err(err) => {
            eprintln!("apidex: {err}");
            return ExitCode::from(EXIT_MISSING_OR_FAILED);
        }
    };
    let work = async {
        match command {
            Command::Get { what, json } => get::run(&clients, what, json).await,
            Command::Fetch { urls } => get::fetch_urls(&clients, urls).await,
            Command::List { what } => list::run(&clients, what).await,
        }
    };
    tokio::select! {
        code = work => ExitCode::from(code),
        _ = tokio::signal::ctrl_c() => {
            eprintln!("apidex: interrupted");
            ExitCode::from(EXIT_INTERRUPTED)
        }
    }
}
