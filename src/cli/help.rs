//! The parser as `--help` shows it: global options listed once, in `apidex --help`, and each
//! subcommand's help showing only its own options (with one line saying where the rest are).
//!
//! clap copies every `global = true` option into each subcommand when it builds the command, so
//! without this each of the ~20 globals (and the browser-only ones) was repeated in every
//! subcommand's help, burying the two or three options that subcommand has. The globals still
//! *work* anywhere on the line (`apidex get pokemon pikachu --offline`); they are only hidden
//! from the subcommands' help. Completion scripts are generated from the untouched definition
//! (`Cli::command()`), so they still complete globals after a subcommand.

use clap::{ArgMatches, CommandFactory, FromArgMatches};

use super::Cli;

/// The line at the end of each subcommand's help, where the globals are not listed.
const GLOBALS_NOTE: &str = "Global options: see `apidex --help` (the base URLs, --offline, \
                            --verbose, timeouts, the cache…); they work here too.";

/// The browser's options, shown in `apidex open --help` since `open` is the browser too.
const BROWSER_ONLY: [&str; 2] = ["export_dir", "no_images"];

/// The command line definition with the globals hidden from every subcommand's help.
pub fn command() -> clap::Command {
    let command = super::records::add_to(Cli::command());
    let globals: Vec<clap::Arg> = command
        .get_arguments()
        .filter(|arg| arg.is_global_set())
        .cloned()
        .collect();
    command.mut_subcommands(|sub| hide_in(sub, &globals))
}

/// Gives `command` and every subcommand under it a hidden copy of each of `globals` (but
/// `open` keeps the browser's visible). clap copies a global into a subcommand only where the
/// subcommand has no argument of that id, so the hidden copies stand in for the visible ones
/// while parsing the same way (same id, still global: the value reaches [`Cli::globals`]).
/// Done before clap builds the command: editing arguments after that breaks its index of them.
fn hide_in(mut command: clap::Command, globals: &[clap::Arg]) -> clap::Command {
    let is_open = command.get_name() == "open";
    for arg in globals {
        let id = arg.get_id().as_str();
        if is_open && BROWSER_ONLY.contains(&id) {
            continue;
        }
        if command.get_arguments().all(|own| own.get_id() != id) {
            command = command.arg(arg.clone().hide(true));
        }
    }
    if !command.is_hide_set() {
        command = command.after_help(GLOBALS_NOTE);
    }
    command.mut_subcommands(|sub| hide_in(sub, globals))
}

/// Parses the process's arguments with [`command`].
///
/// # Errors
/// clap's own (usage errors, `--help`, `--version`), to be printed and exited with.
pub fn parse() -> Result<Cli, clap::Error> {
    let mut command = command();
    let matches: ArgMatches = command.try_get_matches_from_mut(std::env::args_os())?;
    let cli = match super::records::get(&matches) {
        Some(cli) => cli,
        None => Cli::from_arg_matches(&matches),
    };
    cli.and_then(|cli| super::records::check_variables(&cli).map(|()| cli))
        .map_err(|err| err.format(&mut command))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(args: &[&str]) -> String {
        let err = command()
            .try_get_matches_from(args)
            .expect_err("--help stops the parse");
        err.render().to_string()
    }

    #[test]
    fn globals_are_listed_at_the_top_only() {
        let top = help(&["apidex", "--help"]);
        for flag in ["--pokeapi-url", "--offline", "--verbose", "--export-dir"] {
            assert!(top.contains(flag), "{flag} in apidex --help:\n{top}");
        }
        for args in [
            &["apidex", "get", "--help"][..],
            &["apidex", "get", "pokemon", "--help"],
            &["apidex", "fetch", "--help"],
            &["apidex", "list", "--help"],
        ] {
            let text = help(args);
            // Each as its help line would show it (the closing note names a few globals).
            for flag in [
                "--pokeapi-url <URL>",
                "--cache-dir <DIR>",
                "--export-dir <DIR>",
                "Never touch the network",
            ] {
                assert!(!text.contains(flag), "{flag} in {args:?}:\n{text}");
            }
            assert!(
                text.contains("Global options: see `apidex --help`"),
                "{args:?}:\n{text}"
            );
        }
    }

    #[test]
    fn each_subcommand_shows_its_own_options() {
        let text = help(&["apidex", "get", "pokemon", "--help"]);
        for flag in ["--json", "--ndjson", "--output"] {
            assert!(text.contains(flag), "{flag}:\n{text}");
        }
        let text = help(&["apidex", "get", "dog", "--help"]);
        assert!(text.contains("--count"), "{text}");
        // `open` is the browser: its options are the browser's.
        let text = help(&["apidex", "open", "--help"]);
        assert!(
            text.contains("--no-images") && text.contains("--export-dir"),
            "{text}"
        );
        assert!(!text.contains("--pokeapi-url"), "{text}");
    }

    #[test]
    fn hidden_globals_still_parse_after_a_subcommand() {
        let matches = command()
            .try_get_matches_from(["apidex", "get", "pokemon", "pikachu", "--offline", "-v"])
            .unwrap();
        let cli = Cli::from_arg_matches(&matches).unwrap();
        assert!(cli.globals.offline && cli.globals.verbose);
    }
}
