//! `apidex completions SHELL` and `apidex man`: generated from the same clap definition as the
//! parser, so they always match the flags that exist.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, EXIT_MISSING_OR_FAILED, EXIT_OK};

/// Prints the completion script for `shell` to stdout.
pub fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "apidex", &mut out);
    emit(&out)
}

/// Prints the manual page (roff) to stdout.
pub fn man() -> u8 {
    let mut out = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut out) {
        Ok(()) => emit(&out),
        Err(err) => {
            eprintln!("apidex: cannot render the manual page: {err}");
            EXIT_MISSING_OR_FAILED
        }
    }
}

/// Writes `bytes` to stdout; a closed pipe or full disk is exit status 1, not a panic.
fn emit(bytes: &[u8]) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => EXIT_OK,
        Err(err) => {
            eprintln!("apidex: cannot write: {err}");
            EXIT_MISSING_OR_FAILED
        }
    }
}
