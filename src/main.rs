//! The `apidex` binary: parses the command line, then runs a subcommand or the browser.

use std::process::ExitCode;

use clap::Parser;

use apidex::cli::{self, Cli};

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
    match cli.command {
        Some(command) => runtime.block_on(cli::run(&cli.globals, command)),
        None => {
            eprintln!(
                "apidex: the interactive browser is not built yet; try `apidex --help` for the command line"
            );
            ExitCode::from(cli::EXIT_USAGE)
        }
    }
}
