//! The `apidex` binary: parses the command line, then runs a subcommand or the browser.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use tokio::runtime::Runtime;

use apidex::cli::{self, Globals};
use apidex::config::{self, Config};
use apidex::tui::{Images, TuiOptions};

fn main() -> ExitCode {
    let mut cli = match cli::parse() {
        Ok(cli) => cli,
        Err(err) => return clap_exit(&err),
    };
    // The browser's filter child: nothing else of apidex (no log, no config) runs in it.
    if let Some(cli::Command::Jq { filter }) = &cli.command {
        return apidex::json_tree::child_main(filter);
    }
    // Before anything else (the log, the config): a browser that cannot have the terminal must
    // leave it untouched, say why in one line and exit 2 (`apidex | less`, `apidex < file`).
    let browser = matches!(cli.command, None | Some(cli::Command::Open { .. }));
    if browser && let Some(which) = not_a_terminal() {
        eprintln!(
            "apidex: the browser needs a terminal, but {which} is not one; for scripts use a \
             subcommand (apidex --help)"
        );
        return ExitCode::from(cli::EXIT_USAGE);
    }
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

/// The Live tab's settings: flags, environment, the config's `[live]`, defaults (TLS with
/// `--ca-cert`, when it reads).
fn live_options(globals: &Globals) -> apidex::tui::LiveOptions {
    let ca = globals
        .ca_cert
        .as_deref()
        .and_then(|path| cli::read_ca_cert(path).ok());
    let live = globals.settings().live;
    apidex::tui::LiveOptions {
        url: live.url,
        buffer: live.buffer,
        max_frame: live.max_frame,
        tls: apidex::live::client_config(ca.as_deref()).ok(),
    }
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
        live: live_options(globals),
    };
    let cache = clients.http.cache().map(|policy| policy.store.clone());
    let result = runtime.block_on(apidex::tui::run_tui(clients, options));
    // Responses are cached behind the pages: on disk before the process goes.
    if let Some(cache) = cache
        && let Some(note) = runtime.block_on(cache.flush())
    {
        tracing::warn!(%note, "cache");
    }
    match result {
        // 0 after `q`; 128 + the signal's number when a signal ended it (143 for SIGTERM).
        Ok(exit) => ExitCode::from(exit.status()),
        Err(report) => {
            // Not `eprintln!`, which panics when stderr is a terminal that was closed (SIGHUP).
            let _ = writeln!(std::io::stderr(), "apidex: {report:?}");
            ExitCode::FAILURE
        }
    }
}

/// Prints clap's help, version or usage error and returns its exit status (0 or 2), unless the
/// printing failed: `Cli::parse` ignores that, so `apidex --help > /dev/full` exited 0.
fn clap_exit(err: &clap::Error) -> ExitCode {
    let written = err.print().and_then(|()| std::io::stdout().flush());
    match written {
        Ok(()) => ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(cli::EXIT_USAGE)),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(cli::EXIT_BROKEN_PIPE)
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "apidex: cannot write output: {e}");
            ExitCode::from(cli::EXIT_MISSING_OR_FAILED)
        }
    }
}

/// Which of stdin and stdout is not a terminal, if either.
fn not_a_terminal() -> Option<&'static str> {
    if !std::io::stdout().is_terminal() {
        Some("stdout")
    } else if !std::io::stdin().is_terminal() {
        Some("stdin")
    } else {
        None
    }
}
