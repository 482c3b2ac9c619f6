//! Reading the config file: at most [`MAX_FILE_BYTES`], parsed with spans so that every problem
//! names its line, bad key bindings and colours reported and dropped one by one.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::{Config, FILE_NAME, parse_colour};
use crate::keymap::Keymap;

/// A config file, read and checked.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// What the file sets (empty when there is no file or it could not be used).
    pub config: Config,
    /// What was wrong, one line each, naming the file and the line: `…/config.toml line 3: …`.
    pub problems: Vec<String>,
}

/// Where the config file is looked for when neither `--config` nor `APIDEX_CONFIG` says:
/// `config.toml` in the platform's config directory.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "apidex").map(|d| d.config_dir().join(FILE_NAME))
}

/// Reads the config file at `path`. No file (or no path) is no config, not a problem.
pub fn load(path: Option<&Path>) -> Loaded {
    let Some(path) = path else {
        return Loaded::default();
    };
    match read_limited(path, "a config file") {
        Ok(text) => parse(&text, path),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Loaded::default(),
        Err(err) => Loaded {
            config: Config::default(),
            problems: vec![
                crate::sanitize::line(&format!("{}: {err}; using the defaults", path.display()))
                    .into_owned(),
            ],
        },
    }
}

/// The most of a config file apidex reads: real ones are a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The text of a small file the user names (a config file, a `--ca-cert` PEM), if it is at most
/// [`MAX_FILE_BYTES`]: reading stops there, so `/dev/zero` (or a huge file) costs a megabyte,
/// not all the memory there is. `what` names the kind of file in the errors.
pub(crate) fn read_limited(path: &Path, what: &str) -> std::io::Result<String> {
    use std::io::Read as _;
    // Opening a FIFO (or a socket) would wait for a writer that may never come.
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let kind = std::fs::metadata(path)?.file_type();
        if kind.is_fifo() || kind.is_socket() {
            return Err(std::io::Error::other(format!(
                "a pipe or socket, not {what}"
            )));
        }
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {} KiB, not {what}",
            MAX_FILE_BYTES / 1024
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// Reads config text (from the file at `path`, which messages name).
pub fn parse(text: &str, path: &Path) -> Loaded {
    let mut config: Config = match toml::from_str(text) {
        Ok(config) => config,
        Err(err) => {
            let message = err.message().trim().replace('\n', "; ");
            return Loaded {
                config: Config::default(),
                problems: vec![at(
                    path,
                    text,
                    err.span(),
                    &format!("{message}; using the defaults"),
                )],
            };
        }
    };
    let mut problems = Vec::new();
    let mut keymap = Keymap::default();
    let mut ignored = |action: &toml::Spanned<String>, why: String| {
        problems.push(at(
            path,
            text,
            Some(action.span()),
            &format!("{why}; binding ignored"),
        ));
    };
    config.keys.retain(|key, action| {
        let bound = keymap.bind(key, action.get_ref());
        bound.map_err(|why| ignored(action, why)).is_ok()
    });
    config.search_keys.retain(|key, action| {
        let bound = keymap.bind_search(key, action.get_ref());
        bound
            .map_err(|why| ignored(action, format!("search_keys: {why}")))
            .is_ok()
    });
    // After the checks above: an entry that cannot be used (an unknown action) is ignored,
    // so it takes nothing away from an earlier spelling of its key.
    for (table, keys) in [
        ("keys", &mut config.keys),
        ("search_keys", &mut config.search_keys),
    ] {
        for (dropped, kept) in same_key_twice(keys) {
            ignored(
                &keys[&dropped],
                format!(
                    "{table}: {dropped:?} names the same key as {kept:?} further down, which is used"
                ),
            );
            keys.remove(&dropped);
        }
    }
    for (name, setting) in config.theme.fields_mut() {
        if let Some(value) = setting
            && let Err(why) = parse_colour(value.get_ref())
        {
            problems.push(at(
                path,
                text,
                Some(value.span()),
                &format!("theme.{name}: {why}; using the default colour"),
            ));
            *setting = None;
        }
    }
    Loaded { config, problems }
}

/// The first problem, for the browser's status bar: the file named by its name only, and how
/// many more there are.
pub fn notice(problems: &[String], file: Option<&Path>) -> Option<String> {
    let first = problems.first()?;
    let first = match file.and_then(|f| Some((f.display().to_string(), f.file_name()?))) {
        Some((full, name)) => first.replacen(&full, &name.to_string_lossy(), 1),
        None => first.clone(),
    };
    Some(match problems.len() {
        1 => first,
        n => format!("{first} (and {} more)", n - 1),
    })
}

/// `{path} line {n}: {message}`, the line found from a byte span of `text`, made safe to print.
fn at(path: &Path, text: &str, span: Option<Range<usize>>, message: &str) -> String {
    let problem = match span {
        Some(span) => format!(
            "{} line {}: {message}",
            path.display(),
            line_of(text, span.start)
        ),
        None => format!("{}: {message}", path.display()),
    };
    // The file's own text is quoted in messages (an unknown key, say), which go to the
    // terminal and the log: shown escaped, never sent raw.
    crate::sanitize::line(&problem).into_owned()
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.char_indices()
        .take_while(|(i, _)| *i < offset)
        .filter(|(_, c)| *c == '\n')
        .count()
        + 1
}

/// Entries of one bindings table that name the same key in two spellings (`"Ctrl-U"`,
/// `"ctrl-u"`): each earlier one in the file, with the spelling of the last, which is used.
fn same_key_twice(
    keys: &std::collections::BTreeMap<String, toml::Spanned<String>>,
) -> Vec<(String, String)> {
    let mut by_key: Vec<(crate::keymap::Key, usize, &String)> = keys
        .iter()
        .filter_map(|(spelled, action)| Some((spelled.parse().ok()?, action.span().start, spelled)))
        .collect();
    by_key.sort_by_key(|(key, at, _)| (key.to_string(), *at));
    let mut twice = Vec::new();
    for group in by_key.chunk_by(|a, b| a.0 == b.0) {
        if let Some((last, earlier)) = group.split_last() {
            twice.extend(earlier.iter().map(|e| (e.2.clone(), last.2.clone())));
        }
    }
    twice
}
