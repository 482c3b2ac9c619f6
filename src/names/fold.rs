//! Folding a name for comparison: case, accents, punctuation and spacing do not count.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The comparison key of a name: lower-case letters and digits only, accents removed, `♀`/`♂`
/// as `f`/`m` (PokeAPI's slugs `nidoran-f`, `nidoran-m`). `Mr. Mime`, `mr mime` and `mr-mime`
/// all fold to `mrmime`; `Flabébé` to `flabebe`; `Farfetch’d` to `farfetchd`.
///
/// Kana keep their voicing marks (`ピ` is not `ヒ`): only marks on Latin, Greek and Cyrillic
/// letters are accents to drop. Full-width forms fold to their ASCII letters (NFKD). Hiragana
/// fold to katakana, as Japanese Pokémon names are written: `ぴかちゅう` finds `ピカチュウ`.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.nfkd() {
        match c {
            // Hiragana ぁ..ゖ and the iteration marks ゝゞ sit 0x60 below their katakana.
            '\u{3041}'..='\u{3096}' | '\u{309D}' | '\u{309E}' => {
                out.extend(char::from_u32(u32::from(c) + 0x60));
            }
            '♀' => out.push('f'),
            '♂' => out.push('m'),
            // Kana voicing marks (combining, U+3099/U+309A): part of the letter.
            '\u{3099}' | '\u{309A}' => out.push(c),
            c if is_combining_mark(c) => {}
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    // Recompose what decomposition split and was kept (kana with voicing marks), so a folded
    // name is still readable text.
    out.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_as_people_type_them() {
        for (typed, slug) in [
            ("Mr. Mime", "mr-mime"),
            ("mr mime", "mr-mime"),
            ("MR.MIME", "mr-mime"),
            ("Farfetch’d", "farfetchd"),
            ("Farfetch'd", "farfetchd"),
            ("Flabébé", "flabebe"),
            ("Nidoran♀", "nidoran-f"),
            ("Nidoran ♂", "nidoran-m"),
            ("Type: Null", "type-null"),
            ("Porygon-Z", "porygon-z"),
            ("ＰＩＫＡＣＨＵ", "pikachu"),
        ] {
            assert_eq!(fold(typed), fold(slug), "{typed}");
        }
    }

    #[test]
    fn kana_keep_their_voicing() {
        assert_eq!(fold("ピカチュウ"), "ピカチュウ");
        assert_ne!(fold("ピカチュウ"), fold("ヒカチュウ"));
        assert_eq!(fold("ミュウ"), "ミュウ");
        assert_eq!(fold("피카츄"), "피카츄");
    }

    #[test]
    fn hiragana_fold_to_katakana() {
        assert_eq!(fold("ぴかちゅう"), "ピカチュウ");
        assert_eq!(fold("みゅう"), fold("ミュウ"));
        assert_ne!(fold("ひかちゅう"), fold("ピカチュウ"));
    }

    #[test]
    fn punctuation_alone_folds_to_nothing() {
        assert_eq!(fold(" .:’- "), "");
    }
}
