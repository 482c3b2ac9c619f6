//! Making API strings safe to print on a terminal.
//!
//! Data from an API is untrusted: a post title containing `ESC ] 0 ; … BEL` would retitle the
//! user's terminal, `ESC [ 2 J` would clear it, OSC 52 would write to the clipboard. Every string
//! that reaches the terminal — CLI text output and the TUI alike — goes through here first. Control
//! characters are shown escaped (`\x1b`), so the user sees that something odd was there instead of
//! having it silently vanish. JSON output goes through [`json`]: JSON must escape C0 controls,
//! but may carry DEL, C1 controls and bidi overrides raw, so those are written as `\uXXXX`
//! escapes — the same JSON value, harmless on a terminal.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether a character must not reach the terminal raw: C0 and C1 controls, DEL, and the Unicode
/// bidirectional overrides and isolates that can make text display in a misleading order.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Sanitises text for one line: every control character, line breaks included, is escaped.
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, |_| false)
}

/// Sanitises multi-line text: `\n` is kept, a tab becomes a space, `\r` is dropped when it ends a
/// line (Windows line ends) and escaped otherwise; every other control character is escaped.
pub fn text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(text);
    }
    let normalised = text.replace("\r\n", "\n").replace('\t', " ");
    Cow::Owned(escape(&normalised, |c| c == '\n').into_owned())
}

/// Makes JSON text safe for a terminal without changing the value it encodes: every unsafe
/// character left raw (they can only occur inside strings, as JSON's own syntax is ASCII) becomes
/// a `\uXXXX` escape.
pub fn json(json: &str) -> Cow<'_, str> {
    // Tab, line feed and carriage return may only be raw between tokens (inside strings JSON
    // requires them escaped already): they are layout, and stay.
    let unsafe_in_json = |c: char| is_unsafe(c) && !matches!(c, '\t' | '\n' | '\r');
    if !json.chars().any(unsafe_in_json) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_in_json(c) {
            // Unsafe characters are all in the Basic Multilingual Plane: one escape each.
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Escapes every unsafe character for which `keep` is false.
fn escape(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_unsafe(c) || keep(c) {
            out.push(c);
        } else if (c as u32) < 0x100 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(line("Pikachu — ピカチュウ"), Cow::Borrowed(_)));
        assert!(matches!(text("two\nlines"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        // Retitle the terminal (OSC 0 … BEL), clear it (CSI 2 J), write the clipboard (OSC 52).
        assert_eq!(line("\u{1b}]0;pwned\u{7}x"), "\\x1b]0;pwned\\x07x");
        assert_eq!(line("a\u{1b}[2Jb"), "a\\x1b[2Jb");
        assert_eq!(
            line("\u{1b}]52;c;cm0gLXJmIH4=\u{1b}\\"),
            "\\x1b]52;c;cm0gLXJmIH4=\\x1b\\"
        );
        // C1 single-character CSI and a bidi override.
        assert_eq!(line("\u{9b}31m"), "\\x9b31m");
        assert_eq!(line("abc\u{202e}fed"), "abc\\u{202e}fed");
    }

    #[test]
    fn json_keeps_its_value_but_loses_raw_controls() {
        let raw = "{\"t\":\"a\u{9b}2J\u{202e}b\u{7f}\"}";
        let safe = json(raw);
        assert_eq!(safe, "{\"t\":\"a\\u009b2J\\u202eb\\u007f\"}");
        let before: serde_json::Value = serde_json::from_str(raw).unwrap();
        let after: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(before, after);
        assert!(matches!(json("{\"a\":1}"), Cow::Borrowed(_)));
        // Pretty-printed JSON keeps its layout.
        assert!(matches!(json("[\n  {\"a\": 1}\r\n]"), Cow::Borrowed(_)));
    }

    #[test]
    fn line_escapes_breaks_text_keeps_them() {
        assert_eq!(line("a\nb\rc"), "a\\x0ab\\x0dc");
        assert_eq!(text("a\r\nb\tc\rd\u{1b}[1A"), "a\nb c\\x0dd\\x1b[1A");
    }
}
