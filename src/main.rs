//! The `apidex` binary: parses the command line, then runs a subcommand or the browser.

use std::process::ExitCode;

use clap::Parser;
use tokio::runtime::Runtime;

use apidex::cli::{self, Cli, Globals};
use apidex::config::{self, Config};
use apidex::tui::{Images, TuiOptions};

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    // The log file first, so everything after can be logged. Never the screen.
    match apidex::logging::init() {
        Ok(path) => tracing::debug!(version = env!("CARGO_PKG_VERSION"), ?path, "apidex starts"),
        // A log the user did not ask for is not worth a complaint on every command.
        Err(err) if std::env::var_os(apidex::logging::FILE_ENV).is_some() => {
            eprintln!("apidex: {err}");
        }
        Err(_) => {}
    }
    let config_file = cli.globals.config_file();
    let loaded = config::load(config_file.as_deref());
    // A bad file is named with its line; apidex goes on with the defaults.
    for problem in &loaded.problems {
        tracing::warn!("config: {problem}");
        eprintln!("apidex: {problem}");
    }
    cli.globals.config = loaded.config;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        // Blocking work is the cache's SQLite calls (which take turns on one connection anyway)
        // and picture decoding: two threads are plenty. Each extra thread gets its own malloc
        // arena, which keeps what it freed: with tokio's default (up to 512) the browser was at
        // 28 MB resident after 151 detail pages, with two at 19–20 MB (`cargo run --release
        // --example bench -- --only footprint`).
        .max_blocking_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("apidex: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let notice = config::notice(&loaded.problems, config_file.as_deref());
    // `apidex open URL` is the browser, started on that URL.
    if let Some(cli::Command::Open { url }) = cli.command {
        return run_browser(&runtime, &cli.globals, notice, Some(url));
    }
    if let Some(command) = cli.command {
        return runtime.block_on(cli::run(&cli.globals, command));
    }
    run_browser(&runtime, &cli.globals, notice, None)
}

/// Opens the interactive browser.
fn run_browser(
    runtime: &Runtime,
    globals: &Globals,
    notice: Option<String>,
    open: Option<String>,
) -> ExitCode {
    // color-eyre first: ratatui's panic hook (installed by the TUI) chains to it.
    if let Err(err) = color_eyre::install() {
        eprintln!("apidex: {err}");
    }
    let clients = match globals.browser_clients() {
        Ok(clients) => clients,
        Err(err) => {
            eprintln!("apidex: {err}");
            return ExitCode::FAILURE;
        }
    };
    let images = if globals.settings().images {
        Images::Detect
    } else {
        Images::Off
    };
    // The user's config over the bundled defaults: key bindings and colours.
    let file = globals.config.clone().over(Config::bundled());
    // Bookmarks, history and searches: their own database in the data directory, whatever
    // becomes of the cache (`--no-cache` included). Without it the browser still runs, and says so.
    let (store, notice) = match globals.user_data() {
        Ok(store) => (Some(store), notice),
        Err(err) => {
            tracing::warn!(%err, "bookmarks and history are off this run");
            (
                None,
                Some(format!("bookmarks and history are off this run: {err}")),
            )
        }
    };
    // `clients()` printed why the cache could not be opened (seen once the browser closes);
    // the status line says so meanwhile.
    let notice = notice.or_else(|| {
        (!globals.no_cache && clients.http.cache().is_none()).then(|| {
            "the response cache is off this run (it could not be opened: the reason is \
             printed when you quit)"
                .to_owned()
        })
    });
    let options = TuiOptions {
        images,
        store,
        export_dir: globals.export_dir(),
        keymap: file.keymap(),
        theme: file.theme(),
        notice,
        open,
    };
    match runtime.block_on(apidex::tui::run_tui(clients, options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            eprintln!("apidex: {report:?}");
            ExitCode::FAILURE
        }
    }
}
