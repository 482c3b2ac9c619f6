//! The one-off move of bookmarks, history and searches out of the cache's database, where
//! versions before the split kept them, into the user's own.
//!
//! The rows are copied and the move recorded in `meta` in one transaction, so it happens
//! exactly once however often (or however interrupted) it runs. Only then are the old tables
//! dropped from the cache, best effort: if that fails they are merely left, and never copied
//! again.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction};
use rusqlite::{TransactionBehavior, params};

use super::salvage::{self, Counts, LEGACY_TABLES};

/// The `meta` key recording that the old database has been dealt with.
const MIGRATED: &str = "migrated_from_cache";

/// Moves the user's rows out of the old single database at `legacy`, if that has not been
/// done. Returns a note for the user when there is something to say.
pub(super) fn from_legacy(conn: &Connection, legacy: &Path, busy: Duration) -> Option<String> {
    let done = conn
        .query_row("SELECT 1 FROM meta WHERE key = ?1", [MIGRATED], |_| Ok(()))
        .optional();
    // Done already; or unreadable (a read-only copy without `meta`): try another time.
    if !matches!(done, Ok(None)) {
        return None;
    }
    if std::fs::symlink_metadata(legacy).is_err() {
        // Nothing to move, ever: a new installation.
        let _ = mark_done(conn, "none");
        return None;
    }
    let old = match open_legacy(legacy, busy) {
        Ok(old) => old,
        Err(err) if is_damage(&err) => {
            // Nothing readable; the cache's own open moves the file aside, where it is kept.
            let _ = mark_done(conn, "unreadable");
            return None;
        }
        Err(err) => {
            return Some(format!(
                "bookmarks and history in the old cache {} could not be moved yet ({}); \
                 apidex will try again next time",
                legacy.display(),
                super::open::describe(&err)
            ));
        }
    };
    let counts = match copy(conn, &old) {
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
    drop_old_tables(&old);
    (counts.total() > 0).then(|| {
        format!(
            "moved {counts} from the cache into {}",
            conn.path().unwrap_or("the data directory")
        )
    })
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

/// Copies every readable legacy row and records the move, all in one transaction.
fn copy(conn: &Connection, old: &Connection) -> Result<Counts, rusqlite::Error> {
    let rows: Vec<_> = LEGACY_TABLES
        .iter()
        .map(|table| (table, salvage::read_rows(old, table)))
        .collect();
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let mut counts = Counts::default();
    for (table, rows) in rows {
        let n = salvage::insert_rows(&tx, table, rows)?;
        match table.name {
            "bookmarks" => counts.bookmarks = n,
            "history" => counts.history = n,
            _ => counts.searches = n,
        }
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
        params![MIGRATED, super::unix_now().to_string()],
    )?;
    tx.commit()?;
    Ok(counts)
}

fn mark_done(conn: &Connection, how: &str) -> Result<(), rusqlite::Error> {
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
        params![MIGRATED, how],
    )
    .map(|_| ())
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
