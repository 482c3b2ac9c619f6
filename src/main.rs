//! The `apidex` binary: parses the command line, then runs a subcommand or the browser.

use std::process::ExitCode;

use clap::Parser;
use tokio::runtime::Runtime;

use apidex::cli::{self, Cli, Globals};
use apidex::tui::{Images, TuiOptions};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("apidex: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(command) = cli.command {
        return runtime.block_on(cli::run(&cli.globals, command));
    }
    run_browser(&runtime, &cli.globals)
}

/// Opens the interactive browser.
fn run_browser(runtime: &Runtime, globals: &Globals) -> ExitCode {
    // color-eyre first: ratatui's panic hook (installed by the TUI) chains to it.
    if let Err(err) = color_eyre::install() {
        eprintln!("apidex: {err}");
    }
    let clients = match globals.clients() {
        Ok(clients) => clients,
        Err(err) => {
            eprintln!("apidex: {err}");
            return ExitCode::FAILURE;
        }
    };
    let images = if globals.no_images {
        Images::Off
    } else {
        Images::Detect
    };
    // Bookmarks and history share the response cache's database.
    let store = clients.http.cache().map(|policy| policy.store.clone());
    let options = TuiOptions {
        images,
        store,
        export_dir: globals.export_dir(),
    };
    match runtime.block_on(apidex::tui::run_tui(clients, options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            eprintln!("apidex: {report:?}");
            ExitCode::FAILURE
        }
    }
}
