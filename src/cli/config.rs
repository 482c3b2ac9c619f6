//! `apidex config path|show`.

use super::{ConfigAction, EXIT_MISSING_OR_FAILED, EXIT_OK, Globals};
use crate::config::{Config, ThemeConfig};
use crate::keymap::{Key, KeyAction, Keymap, UNBIND};

/// Runs `apidex config`; returns the exit status.
pub fn run(globals: &Globals, action: ConfigAction) -> u8 {
    match action {
        ConfigAction::Path => {
            let Some(path) = globals.config_file() else {
                eprintln!("apidex: no config directory: set --config or APIDEX_CONFIG");
                return EXIT_MISSING_OR_FAILED;
            };
            super::output::print(&format!("{}\n", path.display()), EXIT_OK)
        }
        ConfigAction::Show => match effective_toml(globals) {
            Ok(text) => super::output::print(&text, EXIT_OK),
            Err(err) => {
                eprintln!("apidex: {err}");
                EXIT_MISSING_OR_FAILED
            }
        },
    }
}

/// The settings in effect as a config file: flags and environment over the user's file over the
/// bundled defaults, with the theme and every key binding spelled out.
fn effective_toml(globals: &Globals) -> Result<String, toml::ser::Error> {
    let file = globals.config.clone().over(Config::bundled());
    let mut shown = globals.settings().to_config();
    shown.theme = ThemeConfig::from_theme(&file.theme());
    let keymap = file.keymap();
    let entry =
        |key: &Key, action: &str| (key.to_string(), toml::Spanned::new(0..0, action.to_owned()));
    // Every binding while browsing, and "none" for each default key left unbound.
    let unbound = |defaults: &[(Key, KeyAction)], table: &[(Key, KeyAction)]| -> Vec<Key> {
        defaults
            .iter()
            .filter(|(key, _)| !table.iter().any(|(k, _)| k == key))
            .map(|(key, _)| *key)
            .collect()
    };
    let browse = keymap.bindings();
    shown.keys = browse
        .iter()
        .map(|(key, action)| entry(key, action.name()))
        .chain(
            unbound(Keymap::default().bindings(), browse)
                .iter()
                .map(|k| entry(k, UNBIND)),
        )
        .collect();
    // Every binding while typing, and "none" for each key that reading `[keys]` back would
    // bind while typing but is not: read back, the file gives the same keymap.
    let mut read_back = Keymap::default();
    for (key, action) in &shown.keys {
        let _ = read_back.bind(key, action.get_ref());
    }
    let typing = keymap.search_bindings();
    shown.search_keys = typing
        .iter()
        .map(|(key, action)| entry(key, action.name()))
        .chain(
            unbound(read_back.search_bindings(), typing)
                .iter()
                .map(|k| entry(k, UNBIND)),
        )
        .collect();
    let source = match globals.config_file() {
        Some(path) if path.exists() => path.display().to_string(),
        Some(path) => format!("{} (absent)", path.display()),
        None => "no config file".to_owned(),
    };
    let text = toml::to_string(&shown)?;
    Ok(format!(
        "# The settings in effect: flags, environment, {source}, defaults.\n\n{text}"
    ))
}
