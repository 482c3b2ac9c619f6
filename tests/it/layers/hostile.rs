//! Trying to fool the layer check (`tests/layers.rs`): every way of writing an import that
//! the compiler honours must count, and paths that are not imports (in strings, comments, doc
//! comments, test-only items) must not.

use crate::support::layers_scan;

use std::collections::BTreeSet;

const EXTERNAL: &[&str] = &["reqwest", "tokio", "ratatui", "crossterm"];

/// What `code`, in the file at module path `at` (`"app/a/b"`), names of ours and of
/// [`EXTERNAL`], sorted, each once.
fn named(at: &str, code: &str) -> Vec<String> {
    let ours: BTreeSet<String> = ["app", "model", "ui", "live", "names"]
        .map(str::to_owned)
        .into();
    let at: Vec<String> = at.split('/').map(str::to_owned).collect();
    let found: BTreeSet<String> = layers_scan::named(code, &at, &ours, EXTERNAL)
        .into_iter()
        .collect();
    found.into_iter().collect()
}

#[test]
fn imports_however_written_count() {
    let cases = [
        // A nested group hides nothing after it.
        ("model/x", "use crate::{app::{App, Focus}, ui};", "app ui"),
        // rustfmt writes long groups over several lines.
        (
            "model/x",
            "use crate::{\n    app::App,\n    ui::theme::Theme,\n};",
            "app ui",
        ),
        // `super` chains up to the crate's root.
        ("app/a/b", "use super::super::super::ui::Theme;", "ui"),
        ("app", "use super::ui::Screen;", "ui"),
        (
            "app/a",
            "fn f() -> super::super::ui::Theme { todo!() }",
            "ui",
        ),
        // Inside an inline module, `super` is the file's module.
        ("app", "mod inner {\n    use super::super::ui;\n}", "ui"),
        // External crates, however named.
        ("model/x", "fn f() { ::tokio::spawn(async {}); }", "tokio"),
        ("model/x", "use tokio as rt;", "tokio"),
        ("model/x", "extern crate reqwest;", "reqwest"),
        ("model/x", "fn f(c: &reqwest::Client) {}", "reqwest"),
        // Only the one item under `#[cfg(test)]` is test code, not the rest of the file.
        (
            "model/x",
            "#[cfg(test)]\nuse crate::live::Frame;\nuse crate::ui::Screen;\n",
            "ui",
        ),
        (
            "model/x",
            "#[cfg(test)]\n#[allow(dead_code)]\nfn helper() { crate::live::go() }\nfn real() { crate::ui::draw() }\n",
            "ui",
        ),
        // Re-exports, macros, restricted visibility.
        ("model/x", "pub(crate) use crate::ui::Screen;", "ui"),
        (
            "model/x",
            "macro_rules! m { () => { $crate::ui::draw() }; }",
            "ui",
        ),
        (
            "model/x",
            "fn f() { let s = format!(\"{}\", crate::ui::NAME); }",
            "ui",
        ),
        // A literal that looks like a string's start does not swallow the code after it.
        (
            "model/x",
            "const Q: char = '\"'; const B: char = '{';\nuse crate::ui::X;\nfn f<'a>(s: &'a str) {}",
            "ui",
        ),
        // Through a glob of the root or an alias of `crate`, any module is in reach.
        (
            "model/x",
            "use crate::*;\nfn f(_: ui::Screen) {}",
            "app live model names ui",
        ),
        ("model", "use super::*;", "app live model names ui"),
        (
            "model/x",
            "use crate as root;\nfn f(_: root::ui::Screen) {}",
            "app live model names ui",
        ),
    ];
    for (at, code, expected) in cases {
        let expected: Vec<String> = expected.split(' ').map(str::to_owned).collect();
        assert_eq!(named(at, code), expected, "{at}: {code}");
    }
}

#[test]
fn what_is_no_import_does_not_count() {
    let cases = [
        ("model/x", "const S: &str = \"crate::ui::Screen\";"),
        (
            "model/x",
            "const S: &str = r#\"use crate::ui; \"quoted\" \"#;",
        ),
        ("model/x", "const S: &[u8] = b\"tokio::spawn\";"),
        ("model/x", "/// Drawn by [`crate::ui::Screen`].\nfn f() {}"),
        ("model/x", "//! Used by crate::ui.\n"),
        (
            "model/x",
            "/* crate::ui /* nested */ tokio::spawn */ fn f() {}",
        ),
        (
            "model/x",
            "fn f() {} // see crate::ui::draw and tokio::spawn",
        ),
        ("model/x", "#[doc = \"crate::ui\"]\nfn f() {}"),
        (
            "model/x",
            "#[cfg(test)]\nmod tests {\n    use crate::ui::Screen;\n}",
        ),
        ("model/x", "#[cfg(test)]\nuse crate::{ui, live};"),
        // A module of ours called like a crate is not the crate; visibility is no import.
        (
            "model/x",
            "use crate::names::tokio::Thing;\npub(crate) fn f() {}",
        ),
        (
            "model/x",
            "struct S { tokio: u8 }\nfn f(s: S) -> u8 { s.tokio }",
        ),
        // `super` that stays inside the layer.
        ("model/x", "use super::Source;"),
    ];
    for (at, code) in cases {
        let found = named(at, code);
        let stray: Vec<&String> = found
            .iter()
            .filter(|n| !matches!(n.as_str(), "model" | "names"))
            .collect();
        assert!(stray.is_empty(), "{at}: {code}: {found:?}");
    }
}

#[test]
fn module_paths_follow_the_files() {
    let path = |p: &str| layers_scan::module_path(std::path::Path::new(p));
    assert_eq!(path("app.rs"), ["app"]);
    assert_eq!(path("app/mod.rs"), ["app"]);
    assert_eq!(path("app/a/b.rs"), ["app", "a", "b"]);
    assert!(path("lib.rs").is_empty());
}
