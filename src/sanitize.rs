//! Making API strings safe to print on a terminal.
//!
//! Data from an API is untrusted: a post title containing `ESC ] 0 ; … BEL` would retitle the
//! user's terminal, `ESC [ 2 J` would clear it, OSC 52 would write to the clipboard. Every string
//! that reaches the terminal — CLI text output and the TUI alike — goes through here first. Control
//! characters are shown escaped (`\x1b`), so the user sees that something odd was there instead of
//! having it silently vanish. `--json` output does not need this: JSON escapes control characters.

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
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let normalised = text.replace("\r\n", "\n").replace('\t', " ");
    Cow::Owned(escape(&normalised, |c| c == '\n').into_owned())
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
    fn line_escapes_breaks_text_keeps_them() {
        assert_eq!(line("a\nb\rc"), "a\\x0ab\\x0dc");
        assert_eq!(text("a\r\nb\tc\rd\u{1b}[1A"), "a\nb c\\x0dd\\x1b[1A");
    }
}
