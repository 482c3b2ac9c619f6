//! The subcommands and what each takes (clap derive); the global options are [`super::Globals`].

use clap::builder::PossibleValue;
use clap::{Subcommand, ValueEnum};

use crate::model::RecordId;

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fetch resources by name or id and print them.
    Get {
        /// What to get.
        #[command(subcommand)]
        what: GetCommand,
        /// Print one JSON array of the responses exactly as the API returned them, in argument
        /// order, `null` for each item not found or failed.
        #[arg(long, global = true)]
        json: bool,
        /// Print one response per line (NDJSON) as each arrives, in argument order, `null` for
        /// each item not found or failed.
        #[arg(long, global = true, conflicts_with = "json")]
        ndjson: bool,
        /// Write the output to this file instead of stdout (atomically: the file is complete or
        /// untouched).
        #[arg(short, long, global = true, value_name = "FILE")]
        output: Option<std::path::PathBuf>,
    },
    /// Fetch any JSON resources by URL (a link found in another response, say) and print one
    /// JSON array of them, in argument order, `null` for each not found or failed.
    Fetch {
        /// Absolute http(s) URLs.
        #[arg(required = true, value_name = "URL", value_parser = crate::cli::inputs::url)]
        urls: Vec<String>,
        /// Print one response per line (NDJSON) instead of one array.
        #[arg(long)]
        ndjson: bool,
    },
    /// Open the browser on any URL: a known source's page, any other JSON in the JSON view, a
    /// picture.
    Open {
        /// An absolute http(s) URL.
        #[arg(value_name = "URL", value_parser = crate::cli::inputs::url)]
        url: String,
    },
    /// The browser's jq filter, run apart from it (body on stdin, outputs on stdout): not for
    /// people.
    #[command(name = "__jq", hide = true)]
    Jq {
        /// The filter.
        filter: String,
    },
    /// Print a live JSON stream over WebSocket (ws:// or wss://), one message a line (NDJSON),
    /// reconnecting as needed (Jetstream resumes where it left off).
    Watch(crate::cli::watch::WatchArgs),
    /// Print every item of a list, one a line (`25 pikachu`).
    List {
        /// Which list.
        #[arg(value_enum)]
        what: ListKind,
    },
    /// The response cache: how big it is, where it is, or empty it.
    Cache {
        /// What to do.
        #[arg(value_enum)]
        action: CacheAction,
    },
    /// The config file: where it is, or the settings in effect.
    Config {
        /// What to do.
        #[arg(value_enum)]
        action: ConfigAction,
    },
    /// Print a shell completion script (the README says where to put it).
    Completions {
        /// Which shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `apidex man | man -l -`; `apidex man get`: the page
    /// of one subcommand.
    Man {
        /// A subcommand whose page to print (`get`, `list`, `watch`…); none: apidex's own.
        command: Option<String>,
    },
}

/// What `apidex config` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConfigAction {
    /// Print the config file's path (whether or not it exists).
    Path,
    /// Print the settings in effect (flags, environment, config file, defaults) as TOML.
    Show,
}

/// What `apidex cache` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CacheAction {
    /// Entries, size and cap.
    Stats,
    /// Remove every cached response (bookmarks and history stay).
    Clear,
    /// Print the database file's path.
    Path,
}

/// What `apidex get` can fetch.
#[derive(Debug, Subcommand)]
pub enum GetCommand {
    /// Pokémon by name or national dex id.
    Pokemon {
        /// Names or ids, e.g. `pikachu 133`.
        #[arg(required = true, value_name = "NAME_OR_ID", value_parser = crate::cli::inputs::name)]
        names: Vec<String>,
    },
    /// Abilities by name or id.
    Ability {
        /// Names or ids, e.g. `static`.
        #[arg(required = true, value_name = "NAME_OR_ID", value_parser = crate::cli::inputs::name)]
        names: Vec<String>,
    },
    /// Pokémon species (Pokédex text, genus, evolution chain) by name or id.
    Species {
        /// Names or ids.
        #[arg(required = true, value_name = "NAME_OR_ID", value_parser = crate::cli::inputs::name)]
        names: Vec<String>,
    },
    /// Types (damage relations) by name or id.
    Type {
        /// Names or ids, e.g. `electric`.
        #[arg(required = true, value_name = "NAME_OR_ID", value_parser = crate::cli::inputs::name)]
        names: Vec<String>,
    },
    /// JSONPlaceholder posts by id.
    Post {
        /// Post ids, 1–100 on the live API.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<u32>,
    },
    /// JSONPlaceholder users by id.
    User {
        /// User ids, 1–10 on the live API.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<u32>,
    },
    /// JSONPlaceholder todos by id.
    Todo {
        /// Todo ids, 1–200 on the live API.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<u32>,
    },
    /// The comments on posts.
    Comments {
        /// A post id; repeat for several posts.
        #[arg(long = "post", required = true, value_name = "ID")]
        posts: Vec<u32>,
    },
    /// Every dog breed with its sub-breeds (`--json` prints the one response as is).
    Breeds,
    /// Items of a registered source by key (`apidex get berry cheri oran`). The parser gets
    /// one such subcommand per source at start-up ([`crate::cli::records`]).
    #[command(skip)]
    Record {
        /// Whose items.
        record: RecordId,
        /// Their keys, as the source names them.
        keys: Vec<String>,
    },
    /// Random image URLs of dog breeds.
    Dog {
        /// `breed` or `breed/sub-breed`, e.g. `hound/afghan`.
        #[arg(required = true, value_name = "BREED[/SUB]", value_parser = crate::cli::inputs::breed)]
        breeds: Vec<String>,
        /// Images per breed (the API allows 1–50).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=50))]
        count: u32,
    },
}

/// What `apidex list` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Every Pokémon: `25 pikachu`.
    Pokemon,
    /// Every post: `1 title`.
    Posts,
    /// Every user: `1 Leanne Graham (@Bret)`.
    Users,
    /// Every breed, then each sub-breed as `breed/sub`.
    Breeds,
    /// Every item of a registered source, by its plural (`berries`): `1 cheri`.
    Record(RecordId),
}

impl ListKind {
    /// The name on the command line (`pokemon`, `berries`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Pokemon => "pokemon",
            Self::Posts => "posts",
            Self::Users => "users",
            Self::Breeds => "breeds",
            Self::Record(record) => record.spec().plural,
        }
    }
}

// By hand rather than derived: the registered sources' lists are values too.
impl ValueEnum for ListKind {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: std::sync::LazyLock<Vec<ListKind>> = std::sync::LazyLock::new(|| {
            [
                ListKind::Pokemon,
                ListKind::Posts,
                ListKind::Users,
                ListKind::Breeds,
            ]
            .into_iter()
            .chain(RecordId::all().map(ListKind::Record))
            .collect()
        });
        &ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Self::Pokemon => "Every Pokémon: `25 pikachu`".to_owned(),
            Self::Posts => "Every post: `1 title`".to_owned(),
            Self::Users => "Every user: `1 Leanne Graham (@Bret)`".to_owned(),
            Self::Breeds => "Every breed, then each sub-breed as `breed/sub`".to_owned(),
            Self::Record(record) => {
                let spec = record.spec();
                format!(
                    "Every item of {} ({}), one a line",
                    spec.title, spec.api_name
                )
            }
        };
        Some(PossibleValue::new(self.name()).help(help))
    }
}
