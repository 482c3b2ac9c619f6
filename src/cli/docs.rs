//! `apidex completions SHELL` and `apidex man`: generated from the same clap definition as the
//! parser, so they always match the flags that exist.

use clap::CommandFactory;

use super::{Cli, EXIT_MISSING_OR_FAILED, EXIT_OK};

/// Prints the completion script for `shell` to stdout.
pub fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = super::records::add_to(Cli::command());
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "apidex", &mut out);
    emit(&out)
}

/// Prints the manual page (roff) to stdout: apidex's own, or with `command` the page of that
/// subcommand (`apidex-get`, as git names its pages), its options and its global ones.
pub fn man(command: Option<&str>) -> u8 {
    let mut cli = super::records::add_to(Cli::command());
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => {
            let found = cli
                .get_subcommands()
                .find(|s| !s.is_hide_set() && s.get_name() == name)
                .cloned();
            let Some(sub) = found else {
                let known: Vec<&str> = cli
                    .get_subcommands()
                    .filter(|s| !s.is_hide_set() && s.get_name() != "help")
                    .map(clap::Command::get_name)
                    .collect();
                eprintln!(
                    "apidex man: no subcommand {:?} (one of: {})",
                    crate::sanitize::line(name),
                    known.join(", ")
                );
                return super::EXIT_USAGE;
            };
            // clap wants a `'static` name here (without its `string` feature); the page is
            // printed once and the process ends.
            let title: &'static str = format!("apidex-{}", sub.get_name()).leak();
            sub.name(title).bin_name(format!("apidex {name}"))
        }
    };
    let mut out = Vec::new();
    match clap_mangen::Man::new(page).render(&mut out) {
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
