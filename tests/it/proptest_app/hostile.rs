//! Strings an API could send to break a terminal or a layout, and list entries made of them.

use apidex::api::dogapi::models::BreedName;
use apidex::model::{ItemKey, Source};
use apidex::sanitize::line;
use apidex::views::ListEntry;

/// Strings an API could send: escapes, controls, bidi overrides, wide and combining characters,
/// emoji, right-to-left text, nothing at all, and far too much.
pub(super) fn hostile_strings() -> Vec<String> {
    vec![
        String::new(),
        " ".to_owned(),
        "pikachu".to_owned(),
        "\u{1b}]0;pwned\u{7}title".to_owned(),
        "\u{1b}]52;c;cm0gLXJmIH4=\u{7}clip".to_owned(),
        "\u{1b}[2J\u{1b}[Hclear\u{1b}[1Aup".to_owned(),
        "c1\u{9b}31mred\u{7}bell\rcr".to_owned(),
        "abc\u{202e}fed\u{2066}iso\u{2069}".to_owned(),
        "ピカチュウ 皮卡丘 피카츄".to_owned(),
        "😀👍🏽👨‍👩‍👧‍👦🇯🇵 emoji".to_owned(),
        "مرحبا بالعالم שלום".to_owned(),
        "e\u{301}\u{302}\u{303}\u{304}\u{305} zalgo a\u{20dd}".to_owned(),
        "zero\u{200b}width\u{feff}joiner\u{200d}".to_owned(),
        "tab\there\nnewline\r\nwindows".to_owned(),
        "\u{0}\u{1}\u{7f}\u{85}\u{9f}".to_owned(),
        "x".repeat(10_000),
        "🐶".repeat(3000),
        "word ".repeat(2000),
    ]
}

/// A list of hostile entries (sanitised as the fetch layer does), to mix into real ones.
pub(super) fn hostile_entries(source: Source) -> Vec<ListEntry> {
    hostile_strings()
        .into_iter()
        .enumerate()
        .map(|(i, raw)| {
            let id = 90_000 + u32::try_from(i).unwrap();
            let key = match source {
                Source::Pokemon => ItemKey::Pokemon(raw.clone()),
                Source::Posts => ItemKey::Post(id),
                Source::Dogs => ItemKey::Breed(BreedName {
                    breed: raw.clone(),
                    sub: (i % 2 == 0).then(|| raw.clone()),
                }),
                Source::Record(record) => ItemKey::Record(record, raw.clone()),
            };
            ListEntry {
                title: line(&raw).into_owned(),
                tag: (source != Source::Dogs).then(|| format!("#{id}")),
                secondary: (i % 3 == 0).then(|| line(&raw).into_owned()),
                parent: (source == Source::Dogs && i % 2 == 0).then(|| line(&raw).into_owned()),
                id: (source != Source::Dogs).then_some(id),
                key,
            }
        })
        .collect()
}
