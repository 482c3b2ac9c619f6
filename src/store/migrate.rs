//! The one-off move of bookmarks, history and searches out of the cache's database, where
//! versions before the split kept them, into the user's own.
//!
//! The rows are copied and the move recorded in `meta` in one transaction, so it happens
//! exactly once however often (or however interrupted) it runs. Only then are the old tables
//! dropped from the cache, best effort: if that fails they are merely left, and never copied
//! again.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction};
use rusqlite::{TransactionBehavior, params};

use super::salvage::{self, Counts, LEGACY_TABLES};

/// The `meta` key (followed by `:` and the old file's path) recording that the old database
/// has been dealt with.
const MIGRATED: &str = "migrated_from_cache";

/// Moves the user's rows out of the old single database at `legacy`, if that has not been
/// done. Returns a note for the user when there is something to say.
///
/// Files moved aside beside it are read too: versions before this one moved any database they
/// could not open at once (a lock, a full disk) to `apidex.corrupt-<time>`, healthy ones with
/// every bookmark in them; their rows come back here.
pub(super) fn from_legacy(conn: &Connection, legacy: &Path, busy: Duration) -> Option<String> {
    // One record per old location: running once with another `--cache-dir` must not mark
    // the usual one as done.
    let key = format!("{MIGRATED}:{}", legacy.display());
    let done = conn
        .query_row("SELECT 1 FROM meta WHERE key = ?1", [&key], |_| Ok(()))
        .optional();
    // Done already; or unreadable (a read-only copy without `meta`): try another time.
    if !matches!(done, Ok(None)) {
        return None;
    }
    let old = if std::fs::symlink_metadata(legacy).is_ok() {
        match open_legacy(legacy, busy) {
            Ok(old) => Some(old),
            // Nothing readable; the cache's own open moves the file aside, where it is kept.
            Err(err) if is_damage(&err) => None,
            Err(err) => {
                return Some(format!(
                    "bookmarks and history in the old cache {} could not be moved yet ({}); \
                     apidex will try again next time",
                    legacy.display(),
                    super::open::describe(&err)
                ));
            }
        }
    } else {
        None
    };
    // Oldest first, the live file last: history keeps its order.
    let aside: Vec<Connection> = moved_aside_earlier(legacy)
        .iter()
        .filter_map(|path| open_legacy(path, busy).ok())
        .collect();
    let sources: Vec<&Connection> = aside.iter().chain(old.as_ref()).collect();
    let counts = match copy(conn, &sources, &key) {
        Ok(counts) => counts,
        Err(err) => {
            return Some(format!(
                "bookmarks and history could not be moved from the old cache {} ({}); \
                 apidex will try again next time",
                legacy.display(),
                super::open::describe(&err)
            ));
        }
    };
    if let Some(old) = &old {
        drop_old_tables(old);
    }
    (counts.total() > 0).then(|| {
        format!(
            "moved {counts} from the cache into {}",
            conn.path().unwrap_or("the data directory")
        )
    })
}

/// Databases moved aside beside `legacy`, oldest first: `apidex.sqlite3.corrupt-<time>` (this
/// version) and `apidex.corrupt-<time>` (older ones), without their `-wal`/`-shm`.
fn moved_aside_earlier(legacy: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(name), Some(stem)) =
        (legacy.parent(), legacy.file_name(), legacy.file_stem())
    else {
        return Vec::new();
    };
    let prefixes = [
        format!("{}.corrupt-", name.to_string_lossy()),
        format!("{}.corrupt-", stem.to_string_lossy()),
    ];
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(i64, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let file = entry.file_name().to_string_lossy().into_owned();
            let time = prefixes
                .iter()
                .find_map(|p| file.strip_prefix(p.as_str()))?;
            let time: i64 = time.parse().ok()?;
            Some((time, entry.path()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, path)| path).collect()
}

/// The old database, without creating one, checked to be readable.
fn open_legacy(legacy: &Path, busy: Duration) -> Result<Connection, rusqlite::Error> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let old = Connection::open_with_flags(legacy, flags)?;
    old.busy_timeout(busy)?;
    old.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(old)
}

fn is_damage(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

/// Copies every readable row of every source and records the move, all in one transaction.
fn copy(conn: &Connection, sources: &[&Connection], key: &str) -> Result<Counts, rusqlite::Error> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let mut counts = Counts::default();
    for source in sources.iter().copied() {
        for table in &LEGACY_TABLES {
            let n = salvage::insert_rows(&tx, table, salvage::read_rows(source, table))?;
            counts.add(table.name, n);
        }
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
        params![key, super::unix_now().to_string()],
    )?;
    tx.commit()?;
    Ok(counts)
}

/// Drops the copied tables from the cache; they stay if it is busy (they are never read again).
fn drop_old_tables(old: &Connection) {
    let dropped = (|| {
        let tx = Transaction::new_unchecked(old, TransactionBehavior::Immediate)?;
        for table in LEGACY_TABLES {
            tx.execute_batch(&format!("DROP TABLE IF EXISTS {}", table.name))?;
        }
        // `history`'s AUTOINCREMENT counter; the table itself is SQLite's and stays.
        let counters: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'",
            [],
            |r| r.get(0),
        )?;
        if counters > 0 {
            tx.execute("DELETE FROM sqlite_sequence WHERE name = 'history'", [])?;
        }
        tx.commit()
    })();
    if let Err(err) = dropped {
        tracing::debug!(%err, "old bookmark tables left in the cache");
    }
}
