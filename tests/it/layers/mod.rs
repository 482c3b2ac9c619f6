//! The shape of `src/` (ARCHITECTURE.md): no import cycle between top-level modules, and no
//! layer importing what it must not. Read from the source text, so a change that breaks the
//! shape fails here before it is reviewed.

mod hostile;

use crate::support::layers_scan;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What each layer must not import: modules of ours and external crates.
const FORBIDDEN: &[(&str, &[&str])] = &[
    // `model` and `sources` may import only what `MAY_IMPORT_ONLY` says of ours; these are
    // the external crates they must not use.
    ("model", &["reqwest", "tokio", "ratatui", "crossterm"]),
    ("sources", &["reqwest", "tokio", "ratatui", "crossterm"]),
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

/// The bottom layers and all they may import of ours (ARCHITECTURE.md): `model` only `names`
/// and the registry `sources`, `sources` nothing. Every other module is forbidden to them,
/// including ones added later.
const MAY_IMPORT_ONLY: &[(&str, &[&str])] = &[("model", &["names", "sources"]), ("sources", &[])];

/// The external crates the rules above name.
const EXTERNAL: &[&str] = &["reqwest", "tokio", "ratatui", "crossterm"];

/// What each top-level module of `src` names (`support/layers_scan.rs`: code only, as the
/// compiler reads it).
fn imports(src: &Path) -> layers_scan::Imports {
    layers_scan::imports(src, EXTERNAL)
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
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = imports(&src);
    let mut wrong = Vec::new();
    for (layer, allowed) in MAY_IMPORT_ONLY {
        for (target, files) in graph.get(*layer).into_iter().flatten() {
            let ours = !EXTERNAL.contains(&target.as_str());
            if ours && !allowed.contains(&target.as_str()) {
                wrong.push(format!("{layer} imports {target} in {files:?}"));
            }
        }
    }
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
