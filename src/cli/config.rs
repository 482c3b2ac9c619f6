//! `apidex config path|show`.

use super::{ConfigAction, EXIT_MISSING_OR_FAILED, EXIT_OK, Globals};
use crate::config::{Config, ThemeConfig};
use crate::keymap::{Key, Scope, UNBIND};

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
    shown.keys = keymap
        .bindings()
        .iter()
        .map(|(key, action)| entry(key, action.name()))
        .collect();
    // Every binding while typing, and "none" where `[keys]` would add one that is not there:
    // read back, the file gives the same keymap.
    let typing = keymap.search_bindings();
    let dropped = keymap.bindings().iter().filter(|(key, action)| {
        !key.is_text() && action.scope() == Scope::Anywhere && !typing.iter().any(|(k, _)| k == key)
    });
    shown.search_keys = typing
        .iter()
        .map(|(key, action)| entry(key, action.name()))
        .chain(dropped.map(|(key, _)| entry(key, UNBIND)))
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
