//! `apidex completions SHELL` and `apidex man`: generated from the same clap definition as the
//! parser, so they always match the flags that exist.

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

/// Writes `bytes` to stdout, with the exit statuses of every other command: 141 and silence
/// when the reader went away (`| head -1`), 1 and a message for any other failure.
fn emit(bytes: &[u8]) -> u8 {
    super::output::print(&String::from_utf8_lossy(bytes), EXIT_OK)
}
