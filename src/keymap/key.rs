//! Keys as the config file spells them (`"j"`, `"G"`, `"ctrl-d"`, `"alt-left"`, `"pagedown"`,
//! `"space"`, `"?"`) and as the help overlay shows them (`j`, `Ctrl-D`, `Alt-←`, `PgDn`).

use std::fmt::{self, Write as _};
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers, normalised so that a key event and a config string for the same
/// key compare equal: only Ctrl, Alt and Shift count, Shift is folded into characters (`G`,
/// `?`) and into Shift-Tab (crossterm's `BackTab`), and a letter with Ctrl is lower case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt and (for keys other than characters and Shift-Tab) Shift.
    pub modifiers: KeyModifiers,
}

/// Named keys: the config file's spelling, then the help's.
const NAMES: &[(&str, KeyCode, &str)] = &[
    ("up", KeyCode::Up, "↑"),
    ("down", KeyCode::Down, "↓"),
    ("left", KeyCode::Left, "←"),
    ("right", KeyCode::Right, "→"),
    ("pageup", KeyCode::PageUp, "PgUp"),
    ("pagedown", KeyCode::PageDown, "PgDn"),
    ("home", KeyCode::Home, "Home"),
    ("end", KeyCode::End, "End"),
    ("enter", KeyCode::Enter, "Enter"),
    ("esc", KeyCode::Esc, "Esc"),
    ("tab", KeyCode::Tab, "Tab"),
    ("backtab", KeyCode::BackTab, "Shift-Tab"),
    ("backspace", KeyCode::Backspace, "Backspace"),
    ("delete", KeyCode::Delete, "Del"),
    ("insert", KeyCode::Insert, "Ins"),
    ("space", KeyCode::Char(' '), "Space"),
];

/// Other spellings the config file accepts.
const ALIASES: &[(&str, &str)] = &[
    ("escape", "esc"),
    ("return", "enter"),
    ("pgup", "pageup"),
    ("pgdn", "pagedown"),
    ("pgdown", "pagedown"),
    ("del", "delete"),
    ("ins", "insert"),
];

impl Key {
    /// The key `code` with `modifiers`, normalised (see [`Key`]).
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            // Terminals send one byte for Ctrl-D and Ctrl-Shift-D: a letter with Ctrl is lower
            // case, with or without Shift.
            KeyCode::Char(c)
                if modifiers.contains(KeyModifiers::CONTROL) && c.is_ascii_alphabetic() =>
            {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => {
                // The character already says whether Shift was held (`G`, `?`).
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            }
            other => other,
        };
        Self { code, modifiers }
    }

    /// The key a terminal event is about.
    pub fn from_event(event: &KeyEvent) -> Self {
        Self::new(event.code, event.modifiers)
    }

    /// The same key without Shift, when Shift was held on a key other than a character.
    pub fn without_shift(self) -> Option<Self> {
        self.modifiers.contains(KeyModifiers::SHIFT).then(|| Self {
            code: self.code,
            modifiers: self.modifiers - KeyModifiers::SHIFT,
        })
    }

    /// A printable character typed without Ctrl or Alt: in the search box, it is text.
    pub fn is_text(self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    /// A key the search box takes for itself while typing, whatever it is bound to: text, and
    /// Backspace (but Alt-Backspace, which is a binding).
    pub fn edits_search(self) -> bool {
        self.is_text()
            || (self.code == KeyCode::Backspace && !self.modifiers.contains(KeyModifiers::ALT))
    }

    /// As the help overlay shows it: `j`, `Ctrl-P`, `Alt-←`, `PgDn`, `Space`.
    pub fn label(self) -> String {
        let mut text = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            text.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            text.push_str("Alt-");
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            text.push_str("Shift-");
        }
        let modified = !text.is_empty();
        match self.code {
            KeyCode::Char(' ') => text.push_str("Space"),
            // `Ctrl-P` reads better than `Ctrl-p`, and terminals do not tell them apart.
            KeyCode::Char(c) if modified => text.extend(c.to_uppercase()),
            KeyCode::Char(c) => text.push(c),
            KeyCode::F(n) => {
                let _ = write!(text, "F{n}");
            }
            code => text.push_str(
                NAMES
                    .iter()
                    .find(|(_, named, _)| *named == code)
                    .map_or("?", |(_, _, label)| label),
            ),
        }
        text
    }

    /// As the status bar's hints show it: like [`Key::label`], shorter where it can be.
    pub fn short_label(self) -> String {
        if self == Self::new(KeyCode::Backspace, KeyModifiers::NONE) {
            return "Bksp".to_owned();
        }
        self.label()
    }
}

/// Why a key name could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyParseError(String);

impl fmt::Display for KeyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyParseError {}

impl FromStr for Key {
    type Err = KeyParseError;

    /// Reads `ctrl-`, `alt-` and `shift-` prefixes (any case, any order), then one character
    /// (case matters: `g` and `G` differ), a key name (`pagedown`, `esc`, `space`, …) or `f1`…`f24`.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let error = |why: &str| KeyParseError(format!("unknown key {input:?}: {why}"));
        let mut rest = input.trim();
        let mut modifiers = KeyModifiers::NONE;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = [
                ("ctrl-", KeyModifiers::CONTROL),
                ("alt-", KeyModifiers::ALT),
                ("shift-", KeyModifiers::SHIFT),
            ]
            .into_iter()
            // `-` alone is the minus key, and `ctrl--` is Ctrl and minus.
            .find(|(p, _)| lower.starts_with(p) && rest.len() > p.len());
            let Some((p, modifier)) = prefix else { break };
            modifiers |= modifier;
            rest = &rest[p.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err(error("no key after the modifiers")),
            (Some(c), None) => KeyCode::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                let name = ALIASES
                    .iter()
                    .find(|(alias, _)| *alias == lower)
                    .map_or(lower.as_str(), |(_, name)| name);
                if let Some((_, code, _)) = NAMES.iter().find(|(n, _, _)| *n == name) {
                    *code
                } else if let Some(n) = name
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=24).contains(n))
                {
                    KeyCode::F(n)
                } else {
                    return Err(error(
                        "expected one character, a name such as \"pagedown\" or \"esc\", or f1–f24",
                    ));
                }
            }
        };
        Ok(Self::new(code, modifiers))
    }
}

impl fmt::Display for Key {
    /// The config file's spelling, which [`Key::from_str`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => f.write_str(
                NAMES
                    .iter()
                    .find(|(_, named, _)| *named == code)
                    .map_or("unknown", |(name, _, _)| name),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        text.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn names_modifiers_and_characters() {
        assert_eq!(key("j"), Key::new(KeyCode::Char('j'), KeyModifiers::NONE));
        assert_eq!(key("G"), Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(key("shift-g"), key("G"));
        assert_eq!(
            key("Ctrl-D"),
            Key::new(KeyCode::Char('d'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            key("ctrl-d"),
            Key::new(
                KeyCode::Char('D'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            )
        );
        assert_eq!(key("alt-left"), Key::new(KeyCode::Left, KeyModifiers::ALT));
        assert_eq!(
            key("PageDown"),
            Key::new(KeyCode::PageDown, KeyModifiers::NONE)
        );
        assert_eq!(key("pgdn"), key("pagedown"));
        assert_eq!(
            key("space"),
            Key::new(KeyCode::Char(' '), KeyModifiers::NONE)
        );
        assert_eq!(
            key("shift-tab"),
            Key::new(KeyCode::BackTab, KeyModifiers::SHIFT)
        );
        assert_eq!(key("-"), Key::new(KeyCode::Char('-'), KeyModifiers::NONE));
        assert_eq!(
            key("ctrl--"),
            Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert_eq!(key("f5"), Key::new(KeyCode::F(5), KeyModifiers::NONE));
        for bad in ["", "ctrl-", "pagedwn", "f99", "hyper-x"] {
            assert!(bad.parse::<Key>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn display_reads_back() {
        for text in [
            "j",
            "G",
            "?",
            "ctrl-d",
            "alt-left",
            "pagedown",
            "space",
            "shift-tab",
            "f12",
            "enter",
            "shift-up",
        ] {
            assert_eq!(key(text).to_string(), text);
            assert_eq!(key(&key(text).to_string()), key(text));
        }
    }

    #[test]
    fn labels() {
        assert_eq!(key("up").label(), "↑");
        assert_eq!(key("ctrl-p").label(), "Ctrl-P");
        assert_eq!(key("alt-left").label(), "Alt-←");
        assert_eq!(key("shift-tab").label(), "Shift-Tab");
        assert_eq!(key("backspace").short_label(), "Bksp");
        assert_eq!(key("space").label(), "Space");
    }
}
