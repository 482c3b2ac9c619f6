//! The registered sources on the command line: an `apidex get <id> KEY…` subcommand each,
//! added to the parser at start-up from [`crate::sources::RECORDS`] (clap's derive knows only
//! the built-in ones), and read back into [`GetCommand::Record`].

use clap::{Arg, ArgMatches, FromArgMatches};

use super::{Cli, Command, GetCommand, Globals};
use crate::model::RecordId;

/// `command` with an `apidex get <id>` subcommand for every registered source.
pub fn add_to(command: clap::Command) -> clap::Command {
    // `mut_subcommands`, not `mut_subcommand`: that one moves `get` to the end of the help.
    command.mut_subcommands(|mut get| {
        if get.get_name() != "get" {
            return get;
        }
        for record in RecordId::all() {
            let spec = record.spec();
            let keys = Arg::new("keys")
                .required(true)
                .num_args(1..)
                .value_name("KEY")
                .help(format!(
                    "Their keys, e.g. the names `apidex list {}` prints",
                    spec.plural
                ))
                .value_parser(move |typed: &str| {
                    record
                        .key_for(typed)
                        .ok_or_else(|| format!("`{typed}` can be no {} key", spec.id))
                });
            get = get.subcommand(
                clap::Command::new(spec.id)
                    .about(format!("{} ({}) by key", spec.title, spec.api_name))
                    .arg(keys),
            );
        }
        get
    })
}

/// The command line `matches` stand for when they are `apidex get <id> …` of a registered
/// source; `None` for any other (clap's derive reads those).
///
/// # Errors
/// clap's, when the global options do not read back (they parsed, so in practice never).
pub fn get(matches: &ArgMatches) -> Option<Result<Cli, clap::Error>> {
    let ("get", get) = matches.subcommand()? else {
        return None;
    };
    let (id, sub) = get.subcommand()?;
    let record = RecordId::find(id)?;
    let keys = sub
        .get_many::<String>("keys")
        .map(|keys| keys.cloned().collect())
        .unwrap_or_default();
    let globals = match Globals::from_arg_matches(matches) {
        Ok(globals) => globals,
        Err(err) => return Some(Err(err)),
    };
    // `--json`, `--ndjson` and `--output` are `get`'s globals: clap hands their values to the
    // subcommand they were written after.
    let flag = |name: &str| sub.get_flag(name) || get.get_flag(name);
    let output = sub
        .get_one::<std::path::PathBuf>("output")
        .or_else(|| get.get_one("output"))
        .cloned();
    Some(Ok(Cli {
        globals,
        command: Some(Command::Get {
            what: GetCommand::Record { record, keys },
            json: flag("json"),
            ndjson: flag("ndjson"),
            output,
        }),
    }))
}

/// Checks `APIDEX_<ID>_URL` of every registered source `cli` gives no `--source-url`: a bad
/// one is a usage error, as a bad `APIDEX_POKEAPI_URL` is (clap checks that one), not a
/// silent fall back to the source's home. Empty is unset, as clap has it.
///
/// # Errors
/// A [`clap::error::ErrorKind::ValueValidation`] naming the variable and why.
pub fn check_variables(cli: &Cli) -> Result<(), clap::Error> {
    for record in RecordId::all() {
        if cli.globals.source_urls.iter().any(|(r, _)| *r == record) {
            continue;
        }
        if let Some(Variable {
            name,
            value,
            base: Err(err),
        }) = variable(record)
        {
            return Err(clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!("invalid value '{value}' for '{name}': {err}"),
            ));
        }
    }
    Ok(())
}

/// A registered source's `APIDEX_<ID>_URL`, as set.
pub(super) struct Variable {
    /// The variable's name.
    pub name: String,
    /// Its value.
    pub value: String,
    /// The base URL it gives, or why it gives none.
    pub base: Result<crate::api::BaseUrl, crate::api::ApiError>,
}

/// `record`'s `APIDEX_<ID>_URL`; `None` when unset or empty (empty is unset, as clap has it).
pub(super) fn variable(record: RecordId) -> Option<Variable> {
    let name = format!("APIDEX_{}_URL", record.spec().id.to_uppercase());
    let value = std::env::var_os(&name).filter(|v| !v.is_empty())?;
    let value = value.to_string_lossy().into_owned();
    let base = crate::api::BaseUrl::parse(&value);
    Some(Variable { name, value, base })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn no_registered_source_takes_a_built_in_name() {
        let command = Cli::command();
        let get = command.find_subcommand("get").expect("get");
        let built_in: Vec<&str> = get.get_subcommands().map(clap::Command::get_name).collect();
        let lists: Vec<&str> = <super::super::ListKind as clap::ValueEnum>::value_variants()
            .iter()
            .filter(|kind| !matches!(kind, super::super::ListKind::Record(_)))
            .map(|kind| kind.name())
            .collect();
        for record in RecordId::all() {
            let spec = record.spec();
            assert!(
                !built_in.contains(&spec.id),
                "`apidex get {}` is built in",
                spec.id
            );
            assert!(
                !lists.contains(&spec.plural),
                "`apidex list {}` is built in",
                spec.plural
            );
        }
        // And with them added, the parser still builds (clap refuses duplicates there).
        add_to(Cli::command()).debug_assert();
    }
}
