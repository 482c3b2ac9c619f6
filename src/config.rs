//! The config file: `config.toml` in the platform's config directory (`~/.config/apidex` on
//! Linux), or the file `--config` / `APIDEX_CONFIG` names.
//!
//! A [`Config`] is one *layer* of settings, every field optional: the user's file is one layer,
//! the commented defaults bundled with apidex (`assets/config.default.toml`) another. The user's
//! layer goes over the bundled one field by field ([`Config::over`]); command-line flags and
//! environment variables go over both (`cli::Globals::resolve`). A file that cannot be read as
//! a config (a syntax error, a wrong type, an unknown setting) is reported with its line and
//! ignored as a whole; a bad key binding or colour is reported and only that entry ignored.

mod check;
mod colour;
pub mod limits;
mod live;
mod load;
mod records;

pub(crate) use load::read_limited;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use toml::Spanned;

pub use self::colour::{colour_name, parse_colour};
pub use self::live::LiveConfig;
pub use self::load::{Loaded, MAX_FILE_BYTES, default_path, line_of, load, notice, parse};
pub use self::records::RecordConfig;
use crate::keymap::Keymap;
use crate::ui::theme::Theme;

/// The commented defaults, bundled into the binary.
pub const DEFAULT_TOML: &str = include_str!("../assets/config.default.toml");

/// The config file's name in the config directory.
pub const FILE_NAME: &str = "config.toml";

/// One layer of settings: what a config file sets. Every section and field may be left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Base URLs.
    pub sources: SourcesConfig,
    /// The HTTP client.
    pub http: HttpConfig,
    /// The response cache.
    pub cache: CacheConfig,
    /// The user's own data: bookmarks, history, searches.
    pub data: DataConfig,
    /// How long cached responses stay fresh.
    pub ttl: TtlConfig,
    /// The browser.
    pub ui: UiConfig,
    /// Colours.
    pub theme: ThemeConfig,
    /// The Live tab and WebSocket streams.
    pub live: LiveConfig,
    /// Key bindings: key (`"ctrl-d"`) to action (`"page_down"`), over the defaults.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub keys: BTreeMap<String, Spanned<String>>,
    /// Key bindings while typing a search only, applied after `[keys]` (`"ctrl-u" = "none"`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub search_keys: BTreeMap<String, Spanned<String>>,
}

/// `[sources]`: where each API lives. Unknown names are refused by [`records::tables`], which
/// takes every name but the three below (serde's `deny_unknown_fields` cannot go with it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourcesConfig {
    /// PokeAPI's base URL.
    #[serde(
        deserialize_with = "check::url",
        skip_serializing_if = "Option::is_none"
    )]
    pub pokeapi_url: Option<String>,
    /// JSONPlaceholder's base URL.
    #[serde(
        deserialize_with = "check::url",
        skip_serializing_if = "Option::is_none"
    )]
    pub jsonplaceholder_url: Option<String>,
    /// The Dog API's base URL.
    #[serde(
        deserialize_with = "check::url",
        skip_serializing_if = "Option::is_none"
    )]
    pub dogapi_url: Option<String>,
    /// `[sources.<id>]`: each registered source's own settings, by id.
    #[serde(
        flatten,
        deserialize_with = "records::tables",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub records: BTreeMap<String, RecordConfig>,
}

/// `[http]`: the shared HTTP client.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpConfig {
    /// Requests in flight at once, across all sources (1–256).
    #[serde(
        deserialize_with = "check::concurrency",
        skip_serializing_if = "Option::is_none"
    )]
    pub concurrency: Option<u16>,
    /// Seconds allowed for one request.
    #[serde(
        deserialize_with = "check::timeout",
        skip_serializing_if = "Option::is_none"
    )]
    pub timeout: Option<f64>,
    /// Seconds allowed to connect.
    #[serde(
        deserialize_with = "check::connect_timeout",
        skip_serializing_if = "Option::is_none"
    )]
    pub connect_timeout: Option<f64>,
    /// Retries after a transient failure (0–10).
    #[serde(
        deserialize_with = "check::retries",
        skip_serializing_if = "Option::is_none"
    )]
    pub retries: Option<u32>,
    /// At most this many requests per second to each host; 0: no cap.
    #[serde(
        deserialize_with = "check::rate",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_rps: Option<f64>,
    /// Refuse response bodies larger than this many megabytes (1–1024).
    #[serde(
        deserialize_with = "check::body_mb",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_body_mb: Option<u32>,
}

/// `[data]`: where bookmarks, history and searches are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DataConfig {
    /// The directory (default: the platform's data directory).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dir: Option<PathBuf>,
}

/// `[cache]`: the response cache (disposable: bookmarks and history live in `[data]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CacheConfig {
    /// The directory (default: the platform's cache directory).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dir: Option<PathBuf>,
    /// Cap in megabytes (1–100000).
    #[serde(
        deserialize_with = "check::cache_mb",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_mb: Option<u64>,
}

/// `[ttl]`: hours a cached response stays fresh when the server does not say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TtlConfig {
    /// Every source's, unless set per source below.
    #[serde(
        deserialize_with = "check::hours",
        skip_serializing_if = "Option::is_none"
    )]
    pub default: Option<f64>,
    /// PokeAPI's (its data changes rarely).
    #[serde(
        deserialize_with = "check::hours",
        skip_serializing_if = "Option::is_none"
    )]
    pub pokeapi: Option<f64>,
    /// JSONPlaceholder's.
    #[serde(
        deserialize_with = "check::hours",
        skip_serializing_if = "Option::is_none"
    )]
    pub jsonplaceholder: Option<f64>,
    /// The Dog API's.
    #[serde(
        deserialize_with = "check::hours",
        skip_serializing_if = "Option::is_none"
    )]
    pub dogapi: Option<f64>,
}

/// `[ui]`: the browser.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UiConfig {
    /// Draw sprites and photos (off: their URLs as text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub images: Option<bool>,
    /// Content language (`ja`, `zh-hant`, … or a locale such as `ja_JP.UTF-8`).
    #[serde(
        deserialize_with = "check::lang",
        skip_serializing_if = "Option::is_none"
    )]
    pub lang: Option<String>,
}

/// `[theme]`: colour names (`"cyan"`, `"dark-gray"`, `"light-red"`), `"#rrggbb"` or a 0–255
/// palette index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThemeConfig {
    /// The active tab, focused borders, headings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accent: Option<Spanned<String>>,
    /// The selected row's background.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selection: Option<Spanned<String>>,
    /// Search matches in titles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<Spanned<String>>,
    /// Errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Spanned<String>>,
    /// Success, and the best value in a comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ok: Option<Spanned<String>>,
    /// The mark on marked rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark: Option<Spanned<String>>,
    /// Secondary text and unfocused borders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dim: Option<Spanned<String>>,
}

impl ThemeConfig {
    /// Each colour setting by name, for checking and layering.
    fn fields_mut(&mut self) -> [(&'static str, &mut Option<Spanned<String>>); 7] {
        [
            ("accent", &mut self.accent),
            ("selection", &mut self.selection),
            ("matched", &mut self.matched),
            ("error", &mut self.error),
            ("ok", &mut self.ok),
            ("mark", &mut self.mark),
            ("dim", &mut self.dim),
        ]
    }

    /// The settings describing `theme`, every colour set.
    pub fn from_theme(theme: &Theme) -> Self {
        let name = |c| Some(Spanned::new(0..0, colour_name(c)));
        Self {
            accent: name(theme.accent),
            selection: name(theme.selection),
            matched: name(theme.matched),
            error: name(theme.error),
            ok: name(theme.ok),
            mark: name(theme.mark),
            dim: name(theme.dim),
        }
    }
}

/// Sets each `top` field that is unset to `low`'s.
macro_rules! fill {
    ($top:expr, $low:expr; $($field:ident),+) => {
        $( if $top.$field.is_none() { $top.$field = $low.$field; } )+
    };
}

impl Config {
    /// The bundled defaults ([`DEFAULT_TOML`]).
    pub fn bundled() -> Self {
        // A test parses the same text; an empty layer is the (unreachable) fallback.
        toml::from_str(DEFAULT_TOML).unwrap_or_default()
    }

    /// This layer over `low`: each field set here wins, the others come from `low`; key
    /// bindings are merged, this layer's winning for the same key.
    #[must_use]
    pub fn over(mut self, low: Self) -> Self {
        fill!(self.sources, low.sources; pokeapi_url, jsonplaceholder_url, dogapi_url);
        self.sources.records = records::over(self.sources.records, low.sources.records);
        fill!(self.http, low.http;
            concurrency, timeout, connect_timeout, retries, max_rps, max_body_mb);
        fill!(self.cache, low.cache; dir, max_mb);
        fill!(self.data, low.data; dir);
        fill!(self.ttl, low.ttl; default, pokeapi, jsonplaceholder, dogapi);
        fill!(self.ui, low.ui; images, lang);
        fill!(self.theme, low.theme; accent, selection, matched, error, ok, mark, dim);
        fill!(self.live, low.live; url, buffer, max_frame_kb);
        let mut keys = low.keys;
        keys.extend(self.keys);
        self.keys = keys;
        let mut search_keys = low.search_keys;
        search_keys.extend(self.search_keys);
        self.search_keys = search_keys;
        self
    }

    /// The default keymap with this layer's `[keys]`, then `[search_keys]`, on top (bindings
    /// that do not parse were reported and removed when the file was read; any left are
    /// skipped).
    pub fn keymap(&self) -> Keymap {
        let mut keymap = Keymap::default();
        for (key, action) in &self.keys {
            let _ = keymap.bind(key, action.get_ref());
        }
        for (key, action) in &self.search_keys {
            let _ = keymap.bind_search(key, action.get_ref());
        }
        keymap
    }

    /// The default theme with this layer's colours on top.
    pub fn theme(&self) -> Theme {
        let mut theme = Theme::default();
        let mut colours = self.theme.clone();
        let targets = [
            &mut theme.accent,
            &mut theme.selection,
            &mut theme.matched,
            &mut theme.error,
            &mut theme.ok,
            &mut theme.mark,
            &mut theme.dim,
        ];
        for ((_, setting), target) in colours.fields_mut().into_iter().zip(targets) {
            if let Some(colour) = setting
                .as_ref()
                .and_then(|s| parse_colour(s.get_ref()).ok())
            {
                *target = colour;
            }
        }
        theme
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_file_sets_every_required_field() {
        let bundled: Config = toml::from_str(DEFAULT_TOML).expect("bundled config parses");
        assert!(bundled.sources.pokeapi_url.is_some());
        assert!(bundled.sources.jsonplaceholder_url.is_some());
        assert!(bundled.sources.dogapi_url.is_some());
        let http = &bundled.http;
        assert!(http.concurrency.is_some() && http.timeout.is_some());
        assert!(http.connect_timeout.is_some() && http.retries.is_some());
        assert!(http.max_body_mb.is_some() && http.max_rps.is_some());
        assert!(bundled.cache.max_mb.is_some() && bundled.ttl.default.is_some());
        assert!(bundled.ui.images.is_some());
        let live = &bundled.live;
        assert!(live.url.is_some() && live.buffer.is_some() && live.max_frame_kb.is_some());
        assert_eq!(bundled.theme(), Theme::default());
    }

    #[test]
    fn the_bundled_file_lists_every_default_binding() {
        // The `[keys]` section lists the defaults commented out: `# "j" = "select_next"`.
        let section = DEFAULT_TOML
            .split("[keys]")
            .nth(1)
            .and_then(|keys| keys.split("# The defaults:").nth(1))
            .expect("a [keys] section listing the defaults");
        let listed: Vec<String> = section
            .lines()
            .filter_map(|l| l.strip_prefix("# \""))
            .map(|l| format!("\"{l}"))
            .collect();
        let listed = listed.join("\n");
        let listed: BTreeMap<String, String> = toml::from_str(&listed).expect("bindings parse");
        assert_eq!(listed.len(), crate::keymap::DEFAULT_BINDINGS.len());
        for (key, action) in crate::keymap::DEFAULT_BINDINGS {
            assert_eq!(
                listed.get(*key).map(String::as_str),
                Some(action.name()),
                "{key}"
            );
        }
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
