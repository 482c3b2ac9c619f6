//! `apidex cache stats|clear|path`.

use super::{CacheAction, EXIT_MISSING_OR_FAILED, EXIT_OK, Globals};

/// Runs `apidex cache`; returns the exit status.
pub fn run(globals: &Globals, action: CacheAction) -> u8 {
    if action == CacheAction::Path {
        let Some(dir) = globals.cache_dir() else {
            eprintln!("apidex: no cache directory: set --cache-dir or APIDEX_CACHE_DIR");
            return EXIT_MISSING_OR_FAILED;
        };
        let path = format!("{}\n", dir.join(crate::store::FILE_NAME).display());
        return super::output::print(&path, EXIT_OK);
    }
    let store = match globals.store() {
        Ok(store) => store,
        Err(err) => {
            eprintln!("apidex: {err}");
            return EXIT_MISSING_OR_FAILED;
        }
    };
    if let Some(warning) = &store.warning {
        eprintln!("apidex: {warning}");
    }
    let result = match action {
        CacheAction::Stats => store.stats().map(|s| {
            format!(
                "path     {}\nentries  {}\nsize     {:.1} MB of {:.0} MB\n",
                store.path().display(),
                s.entries,
                megabytes(s.bytes),
                megabytes(s.max_bytes)
            )
        }),
        CacheAction::Clear => store
            .clear()
            .map(|n| format!("removed {n} cached responses\n")),
        // Answered above, without opening the store.
        CacheAction::Path => Ok(String::new()),
    };
    match result {
        Ok(text) => super::output::print(&text, EXIT_OK),
        Err(err) => {
            eprintln!("apidex: {err}");
            EXIT_MISSING_OR_FAILED
        }
    }
}

#[allow(clippy::cast_precision_loss)] // sizes far below 2^52 bytes
fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}
