//! Reading what each top-level module of `src/` names, for `tests/layers.rs` and
//! `tests/layers_hostile.rs` (included with `#[path]`).
//!
//! Read from the code as the compiler would, not line by line: comments, string and character
//! literals are blanked first (a path in a doc comment or a message is no import), items under
//! `#[cfg(test)]` are dropped (only that item, not the rest of the file), `use` groups are read
//! across lines and nested (`crate::{app::{App, Focus}, ui}`), `super::` chains are resolved
//! from the file's module (`super::super::ui` from `src/app/a/b.rs` is `crate::ui`, and so is
//! `super::ui` from `src/app.rs`), and an external crate counts however it is written
//! (`tokio::spawn`, `::tokio::spawn`, `use tokio as rt;`, `extern crate tokio;`). A glob of the
//! crate's root (`use crate::*;`, `super::*` up to it) and `use crate as c;` count as naming
//! every module: through them any module can be used unnamed.
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// For each top-level module, what it names: our modules and the `external` crates, with the
/// files that name them.
pub type Imports = BTreeMap<String, BTreeMap<String, BTreeSet<PathBuf>>>;

/// The top-level modules of `src` (a file `x.rs` or a directory `x/`; not `lib`, `main`).
pub fn top_modules(src: &Path) -> BTreeSet<String> {
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(src).expect("src/") {
        let path = entry.expect("entry").path();
        let is_rust = path.is_dir() || path.extension().is_some_and(|e| e == "rs");
        let name = path
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        if is_rust && name != "lib" && name != "main" {
            modules.insert(name);
        }
    }
    modules
}

/// What every top-level module of `src` names (see the module's doc).
pub fn imports(src: &Path, external: &[&str]) -> Imports {
    let modules = top_modules(src);
    let mut graph = Imports::new();
    for file in rust_files(src) {
        let relative = file.strip_prefix(src).expect("under src/").to_path_buf();
        let path = module_path(&relative);
        let Some(top) = path.first().cloned() else {
            continue;
        };
        if !modules.contains(&top) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("readable");
        let targets = graph.entry(top.clone()).or_default();
        for name in named(&text, &path, &modules, external) {
            if name != top {
                targets.entry(name).or_default().insert(relative.clone());
            }
        }
    }
    graph
}

/// The module path of a file under `src/`: `app/a/b.rs` is `[app, a, b]`, `app.rs` and
/// `app/mod.rs` are `[app]`, `lib.rs` is `[]`.
pub fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if !matches!(stem, "mod" | "lib" | "main") {
            parts.push(stem.to_owned());
        }
    }
    parts
}

/// The top-level modules of ours (from `ours`) and the `external` crates that the code of one
/// file at module path `at` names.
pub fn named(text: &str, at: &[String], ours: &BTreeSet<String>, external: &[&str]) -> Vec<String> {
    let code = drop_test_items(&blank_literals(text));
    let tokens = tokens(&code);
    let mut found = Vec::new();
    // The module the tokens are in: the file's, plus inline `mod x { … }` blocks.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i].as_str();
        let previous = i.checked_sub(1).map(|p| tokens[p].as_str());
        let next = tokens.get(i + 1).map(String::as_str);
        match token {
            "{" => depth += 1,
            "}" => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            "mod" if tokens.get(i + 2).is_some_and(|t| t == "{") => {
                inline.push((tokens[i + 1].clone(), depth));
            }
            _ => {}
        }
        let starts_path = previous != Some("::");
        if starts_path && next == Some("as") && token == "crate" {
            // `use crate as c;` then `c::ui::…`: the alias could reach any module.
            found.push("*".to_owned());
        } else if starts_path && next == Some("::") && matches!(token, "crate" | "$crate") {
            found.extend(first_segments(&tokens, i + 2));
        } else if starts_path && next == Some("::") && token == "super" {
            let mut module: Vec<String> = at.to_vec();
            module.extend(inline.iter().map(|(name, _)| name.clone()));
            let mut j = i;
            while tokens.get(j).is_some_and(|t| t == "super")
                && tokens.get(j + 1).is_some_and(|t| t == "::")
            {
                module.pop();
                j += 2;
            }
            match module.first() {
                Some(top) => found.push(top.clone()),
                None => found.extend(first_segments(&tokens, j)),
            }
            i = j;
            continue;
        } else if external.contains(&token) {
            // A path's first segment (`tokio::`, `::tokio::`, not `x::tokio`), or the crate
            // named in `use tokio …;` / `extern crate tokio;`.
            let leading = previous == Some("::")
                && i.checked_sub(2)
                    .map(|p| tokens[p].as_str())
                    .is_none_or(|t| !is_ident(t) && t != ">" && t != ")");
            let named_crate = matches!(previous, Some("use" | "crate"));
            if (starts_path || leading) && (next == Some("::") || named_crate) {
                found.push(token.to_owned());
            }
        }
        i += 1;
    }
    // A glob of the crate's root (`crate::*`, `super::*` from a top-level file) brings every
    // top-level module's name into scope: it counts as naming them all.
    if found.iter().any(|name| name == "*") {
        found.extend(ours.iter().cloned());
    }
    found.retain(|name| ours.contains(name) || external.contains(&name.as_str()));
    found
}

/// The first segment of the path that starts at `tokens[at]`, or of each path in the group
/// there (`{app::{App, Focus}, ui}` gives `app` and `ui`).
fn first_segments(tokens: &[String], at: usize) -> Vec<String> {
    match tokens.get(at).map(String::as_str) {
        Some("{") => {
            let mut found = Vec::new();
            let mut depth = 0usize;
            let mut expect_first = true;
            for token in &tokens[at..] {
                match token.as_str() {
                    "{" => {
                        depth += 1;
                        expect_first = depth == 1;
                    }
                    "}" => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    "," if depth == 1 => expect_first = true,
                    t if expect_first && depth == 1 && (is_ident(t) || t == "*") => {
                        found.push(t.to_owned());
                        expect_first = false;
                    }
                    _ => expect_first = false,
                }
            }
            found
        }
        Some(t) if is_ident(t) => vec![t.to_owned()],
        Some("*") => vec!["*".to_owned()],
        _ => Vec::new(),
    }
}

fn is_ident(token: &str) -> bool {
    token.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == '$')
}

/// Identifiers (`$crate` too), `::`, and every other character as a token of its own.
fn tokens(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // A raw identifier is the identifier.
            tokens.push(word.strip_prefix("r#").unwrap_or(&word).to_owned());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push("::".to_owned());
            i += 2;
        } else {
            tokens.push(c.to_string());
            i += 1;
        }
    }
    tokens
}

/// `text` with comments, string literals and character literals replaced by spaces.
pub fn blank_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied();
    while i < chars.len() {
        let c = chars[i];
        let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '/' && at(i + 1) == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == Some('*') {
            // Block comments nest.
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == Some('*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == Some('/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if !ident_before && (c == 'r' || (c == 'b' && at(i + 1) == Some('r'))) && {
            let hashes_at = if c == 'b' { i + 2 } else { i + 1 };
            let mut j = hashes_at;
            while at(j) == Some('#') {
                j += 1;
            }
            at(j) == Some('"')
        } {
            // A raw string: r"…", r#"…"#, br"…".
            let mut j = if c == 'b' { i + 2 } else { i + 1 };
            let mut hashes = 0;
            while at(j) == Some('#') {
                hashes += 1;
                j += 1;
            }
            j += 1;
            loop {
                match at(j) {
                    None => break,
                    Some('"') if (1..=hashes).all(|h| at(j + h) == Some('#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    Some(_) => j += 1,
                }
            }
            i = j;
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && at(i + 1) == Some('\\') {
            // An escaped character literal: '\n', '\'', '\u{7f}'.
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else if c == '\'' && at(i + 2) == Some('\'') {
            // A character literal ('{', '"'); a lifetime ('a) has no closing quote there.
            i += 3;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `code` (literals blanked) without the items under `#[cfg(test)]`: the attribute, any
/// attributes after it, and the one item it applies to (up to its `;` or its closing brace).
pub fn drop_test_items(code: &str) -> String {
    const ATTRIBUTE: &str = "#[cfg(test)]";
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find(ATTRIBUTE) {
        out.push_str(&rest[..at]);
        rest = skip_item(&rest[at + ATTRIBUTE.len()..]);
    }
    out.push_str(rest);
    out
}

/// What follows the item at the start of `code`.
fn skip_item(code: &str) -> &str {
    let mut depth = 0usize;
    // An attribute after `#[cfg(test)]` is passed like any bracket: the item goes on.
    for (i, c) in code.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth = depth.saturating_sub(1);
                if c == '}' && depth == 0 {
                    let after = &code[i + 1..];
                    // `use a::{b};` and `static X: T = T { … };` go on to their `;`.
                    if !after.trim_start().starts_with(';') {
                        return after;
                    }
                }
            }
            ';' if depth == 0 => return &code[i + 1..],
            _ => {}
        }
    }
    ""
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}
