//! The shape of `src/` (ARCHITECTURE.md): no import cycle between top-level modules, and no
//! layer importing what it must not. Read from the source text, so a change that breaks the
//! shape fails here before it is reviewed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What each layer must not import: modules of ours and external crates.
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "model",
        &[
            "api",
            "app",
            "cli",
            "config",
            "event",
            "fetch",
            "images",
            "keymap",
            "live",
            "msg",
            "store",
            "tui",
            "ui",
            "views",
            "reqwest",
            "tokio",
            "ratatui",
            "crossterm",
        ],
    ),
    (
        "app",
        &[
            "cli",
            "config",
            "event",
            "fetch",
            "keymap",
            "tui",
            "ui",
            "reqwest",
            "tokio",
            "crossterm",
        ],
    ),
    (
        "msg",
        &[
            "cli",
            "event",
            "fetch",
            "keymap",
            "tui",
            "ui",
            "reqwest",
            "crossterm",
        ],
    ),
    (
        "views",
        &[
            "app", "cli", "event", "fetch", "keymap", "msg", "tui", "ui", "tokio",
        ],
    ),
    (
        "names",
        &[
            "api", "app", "cli", "event", "fetch", "keymap", "msg", "tui", "ui", "views",
        ],
    ),
    (
        "api",
        &[
            "app", "cli", "event", "fetch", "keymap", "msg", "tui", "ui", "views",
        ],
    ),
    (
        "fetch",
        &["app", "cli", "event", "keymap", "msg", "tui", "ui"],
    ),
    ("ui", &["cli", "event", "fetch", "tui", "reqwest", "tokio"]),
    (
        "keymap",
        &["cli", "event", "fetch", "tui", "ui", "reqwest", "tokio"],
    ),
];

/// The external crates the rules above name.
const EXTERNAL: &[&str] = &["reqwest", "tokio", "ratatui", "crossterm"];

/// The top-level modules of `src/` and, for each, what its files name: our modules
/// (`crate::x`) and the external crates of [`EXTERNAL`]. Test modules (`#[cfg(test)]` to the
/// end of a file) and comments do not count: they are not what the layer depends on.
fn imports(src: &Path) -> BTreeMap<String, BTreeMap<String, BTreeSet<PathBuf>>> {
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(src).expect("src/") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        if name != "lib" && name != "main" {
            modules.insert(name);
        }
    }
    let mut graph: BTreeMap<String, BTreeMap<String, BTreeSet<PathBuf>>> = BTreeMap::new();
    for file in rust_files(src) {
        let relative = file.strip_prefix(src).expect("under src/").to_path_buf();
        let top = relative
            .components()
            .next()
            .expect("a first component")
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        if !modules.contains(&top) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("readable");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let targets = graph.entry(top.clone()).or_default();
        for line in code.lines() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            for name in named_modules(line, &modules) {
                if name != top {
                    targets.entry(name).or_default().insert(relative.clone());
                }
            }
        }
    }
    graph
}

/// The modules of ours (`crate::x`, also inside `use crate::{x, y}`) and the external crates a
/// line of code names.
fn named_modules(line: &str, ours: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or_default();
            // Only the first segment of each path in the group: `{app::App, ui}`.
            for path in group.split(',') {
                if let Some(first) = words(path).first() {
                    found.push(first.clone());
                }
            }
        } else if let Some(first) = words(after).first() {
            found.push(first.clone());
        }
        rest = after;
    }
    found.retain(|name| ours.contains(name));
    for external in EXTERNAL {
        let path = format!("{external}::");
        let is_path = line.match_indices(&path).any(|(at, _)| {
            at == 0 || !line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
        });
        if is_path {
            found.push((*external).to_owned());
        }
    }
    found
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

/// The modules on an import cycle (or between two): what is left after repeatedly dropping the
/// modules that nothing left depends on or that depend on nothing left. Empty: no cycle.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    let mut left: BTreeSet<String> = graph.keys().cloned().collect();
    for targets in graph.values() {
        left.extend(targets.iter().cloned());
    }
    loop {
        let sinks: Vec<String> = left
            .iter()
            .filter(|m| {
                graph
                    .get(*m)
                    .is_none_or(|t| t.iter().all(|t| !left.contains(t)))
            })
            .cloned()
            .collect();
        let sources: Vec<String> = left
            .iter()
            .filter(|m| {
                !graph
                    .iter()
                    .any(|(from, t)| left.contains(from) && t.contains(*m))
            })
            .cloned()
            .collect();
        if sinks.is_empty() && sources.is_empty() {
            return left;
        }
        for m in sinks.iter().chain(&sources) {
            left.remove(m);
        }
    }
}

fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    imports(src)
        .into_iter()
        .map(|(from, targets)| {
            let ours = targets
                .into_keys()
                .filter(|t| !EXTERNAL.contains(&t.as_str()))
                .collect();
            (from, ours)
        })
        .collect()
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let graph = module_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(graph.len() > 10, "the walk found the modules: {graph:?}");
    let knotted = cycles(&graph);
    assert!(
        knotted.is_empty(),
        "modules in an import cycle: {knotted:?}\n{graph:#?}"
    );
}

#[test]
fn no_layer_imports_what_it_must_not() {
    let graph = imports(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let mut wrong = Vec::new();
    for (layer, forbidden) in FORBIDDEN {
        let targets = graph
            .get(*layer)
            .unwrap_or_else(|| panic!("{layer} exists"));
        for target in *forbidden {
            if let Some(files) = targets.get(*target) {
                wrong.push(format!("{layer} imports {target} in {files:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_a_cycle_and_a_forbidden_import() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir(src.join("app")).unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod app; pub mod ui;").unwrap();
    std::fs::write(src.join("app.rs"), "mod state;").unwrap();
    std::fs::write(
        src.join("app/state.rs"),
        "use crate::{ui::theme::Theme, app};\nfn f() { tokio::spawn(async {}); }\n",
    )
    .unwrap();
    std::fs::write(
        src.join("ui.rs"),
        "// crate::nothing in a comment\nuse crate::app::App;\n#[cfg(test)]\nuse crate::model;\n",
    )
    .unwrap();
    let graph = imports(src);
    let app = &graph["app"];
    assert!(
        app.contains_key("ui") && app.contains_key("tokio"),
        "{app:?}"
    );
    assert!(
        !graph["ui"].contains_key("model"),
        "test code does not count"
    );
    let knotted = cycles(&module_graph(src));
    assert_eq!(knotted, BTreeSet::from(["app".to_owned(), "ui".to_owned()]));
}
