//! The content language: which of the API's languages names, genera and Pokédex text are shown in.

use std::fmt;

/// A content language apidex offers, named as PokeAPI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English (`en`), the default and every other language's fallback.
    #[default]
    En,
    /// Japanese (`ja`; names fall back to kana, `ja-hrkt`).
    Ja,
    /// Korean (`ko`).
    Ko,
    /// Simplified Chinese (`zh-hans`).
    ZhHans,
    /// Traditional Chinese (`zh-hant`).
    ZhHant,
    /// French (`fr`).
    Fr,
    /// German (`de`).
    De,
    /// Spanish (`es`).
    Es,
    /// Italian (`it`).
    It,
}

/// Every language, for help texts and error messages.
pub const ALL: [Lang; 9] = [
    Lang::En,
    Lang::Ja,
    Lang::Ko,
    Lang::ZhHans,
    Lang::ZhHant,
    Lang::Fr,
    Lang::De,
    Lang::Es,
    Lang::It,
];

impl Lang {
    /// PokeAPI's name of the language (`zh-hant`).
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ja => "ja",
            Self::Ko => "ko",
            Self::ZhHans => "zh-hans",
            Self::ZhHant => "zh-hant",
            Self::Fr => "fr",
            Self::De => "de",
            Self::Es => "es",
            Self::It => "it",
        }
    }

    /// The API languages to look in, best first; English always last.
    pub fn preference(self) -> &'static [&'static str] {
        match self {
            Self::En => &["en"],
            // Some species have only kana names (`ja-hrkt`); `ja` is kanji and kana.
            Self::Ja => &["ja", "ja-hrkt", "en"],
            Self::Ko => &["ko", "en"],
            Self::ZhHans => &["zh-hans", "zh-hant", "en"],
            Self::ZhHant => &["zh-hant", "zh-hans", "en"],
            Self::Fr => &["fr", "en"],
            Self::De => &["de", "en"],
            Self::Es => &["es", "en"],
            Self::It => &["it", "en"],
        }
    }

    /// A language as given to `--lang`, `APIDEX_LANG` or the config: a PokeAPI code (`ja`,
    /// `zh-hant`) or a locale (`ja_JP.UTF-8`, `zh_TW`, `zh-Hans`, `de-CH`). `None` for
    /// anything else.
    pub fn parse(text: &str) -> Option<Self> {
        // `ja_JP.UTF-8@euro` → `ja-jp`.
        let base = text.split(['.', '@']).next().unwrap_or_default();
        let tag = base.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        let language = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        Some(match language {
            "en" => Self::En,
            "ja" => Self::Ja,
            "ko" => Self::Ko,
            "fr" => Self::Fr,
            "de" => Self::De,
            "es" => Self::Es,
            "it" => Self::It,
            "zh" => {
                // Script first (zh-Hant-HK), then region: Taiwan, Hong Kong and Macau write
                // traditional characters.
                let traditional = rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"))
                    && !rest.contains(&"hans");
                if traditional {
                    Self::ZhHant
                } else {
                    Self::ZhHans
                }
            }
            _ => return None,
        })
    }

    /// The language the environment's locale asks for: `LC_ALL`, then `LC_MESSAGES`, then
    /// `LANG` (the POSIX order); English when none is set or none is a language apidex offers.
    pub fn from_locale(get: impl Fn(&str) -> Option<String>) -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|var| get(var).filter(|v| !v.is_empty()))
            .and_then(|value| Self::parse(&value))
            .unwrap_or_default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The entry of `items` in the best language for `lang` (the last one of that language, so the
/// latest Pokédex entry), else English, else `None`. `language` names an item's language.
pub fn pick<T>(items: &[T], lang: Lang, language: impl Fn(&T) -> &str) -> Option<&T> {
    lang.preference()
        .iter()
        .find_map(|want| items.iter().rev().find(|item| language(item) == *want))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_name_languages() {
        for (text, lang) in [
            ("ja", Lang::Ja),
            ("ja_JP.UTF-8", Lang::Ja),
            ("zh_TW", Lang::ZhHant),
            ("zh_TW.UTF-8", Lang::ZhHant),
            ("zh_HK", Lang::ZhHant),
            ("zh-Hant", Lang::ZhHant),
            ("zh_CN", Lang::ZhHans),
            ("zh-hans", Lang::ZhHans),
            ("zh", Lang::ZhHans),
            ("de_CH.UTF-8", Lang::De),
            ("fr", Lang::Fr),
            ("EN_us", Lang::En),
            ("ko_KR.UTF-8", Lang::Ko),
        ] {
            assert_eq!(Lang::parse(text), Some(lang), "{text}");
        }
        for text in ["", "C", "POSIX", "pt_BR.UTF-8", "klingon"] {
            assert_eq!(Lang::parse(text), None, "{text}");
        }
    }

    #[test]
    fn the_locale_falls_back_to_english() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |var: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == var)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "ja_JP.UTF-8")])), Lang::Ja);
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", "zh_TW"), ("LANG", "ja_JP.UTF-8")])),
            Lang::ZhHant
        );
        assert_eq!(Lang::from_locale(env(&[("LANG", "C.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
    }

    #[test]
    fn pick_prefers_the_language_then_english() {
        let items = [
            ("en", "Mouse Pokémon"),
            ("ja", "ねずみポケモン"),
            ("en", "latest"),
        ];
        assert_eq!(
            pick(&items, Lang::Ja, |i| i.0).map(|i| i.1),
            Some("ねずみポケモン")
        );
        assert_eq!(pick(&items, Lang::En, |i| i.0).map(|i| i.1), Some("latest"));
        assert_eq!(pick(&items, Lang::It, |i| i.0).map(|i| i.1), Some("latest"));
        assert_eq!(pick(&items[..0], Lang::It, |i| i.0), None);
    }
}
