//! Opening a database, and telling damage from trouble.
//!
//! Trouble — another program's lock (after waiting [`super::BUSY_TIMEOUT`]), a full disk, a
//! read-only file system, a `-wal` file that cannot be opened — is an error for this run and
//! leaves every file as it is: the database is healthy, and its `-wal` may hold commits not yet
//! checkpointed into the main file. Damage is only what SQLite reports as "not a database", or a
//! "corrupt" error that `PRAGMA integrity_check` confirms. A damaged cache is moved aside
//! (with its `-wal`/`-shm`, never deleted) and started afresh; a damaged user-data file first has
//! every readable row copied into a fresh file (`salvage`), which then takes its place.

use std::path::{Path, PathBuf};
use std::time::Duration;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use super::{Kind, StoreError, salvage, unix_now};

/// The schema version the user's data reaches (`PRAGMA user_version`) once its tables exist.
/// Opening a database at its kind's version writes nothing, so it works while another process
/// holds the write lock.
pub(super) const SCHEMA_VERSION: i64 = 1;

/// The cache's schema version: 2 added the request's and the response's headers (RFC 9111
/// freshness needs `Age`, `Expires`, `Vary`… and the request headers `Vary` names). Version-1
/// files get the columns added; their rows keep working from their `etag` and `max_age`.
pub(super) const CACHE_SCHEMA_VERSION: i64 = 2;

const CACHE_SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS responses (
        url        TEXT PRIMARY KEY,
        body       BLOB NOT NULL,
        status     INTEGER NOT NULL,
        fetched_at INTEGER NOT NULL,
        etag       TEXT,
        max_age    INTEGER,
        last_used  INTEGER NOT NULL,
        size       INTEGER NOT NULL,
        request_headers  BLOB,
        response_headers BLOB,
        headers_at       INTEGER
    );
    -- Covers eviction and the size total without reading rows: `size` is stored after the
    -- body, so reaching it in the table means walking the body's overflow pages.
    CREATE INDEX IF NOT EXISTS responses_lru ON responses (last_used, size, url);
    DROP INDEX IF EXISTS responses_last_used;
";

/// The user's data. `meta` records one-off events (the move from the old single database).
pub(super) const DATA_SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS bookmarks (
        key     TEXT PRIMARY KEY,
        label   TEXT NOT NULL,
        created INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS history (
        id    INTEGER PRIMARY KEY AUTOINCREMENT,
        key   TEXT NOT NULL,
        label TEXT NOT NULL,
        at    INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS searches (
        query TEXT PRIMARY KEY,
        at    INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
";

/// Opens `path` as a `kind` database, with a warning when something had to be done about it.
pub(super) fn open(
    path: &Path,
    kind: Kind,
    busy: Duration,
) -> Result<(Connection, Option<String>), StoreError> {
    let fail = |reason: String| StoreError {
        path: path.display().to_string(),
        reason,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| fail(format!("cannot create its directory: {e}")))?;
    }
    let err = match open_ready(path, kind, busy) {
        Ok(conn) => return Ok((conn, None)),
        Err(err) => err,
    };
    if is_damaged(path, &err, busy) {
        return recover(path, kind, busy, &err).map_err(fail);
    }
    // Bookmarks that cannot be saved this run can at least be shown.
    if kind == Kind::UserData
        && let Ok(conn) = open_read_only(path, busy)
    {
        let warning = format!(
            "{}: {}; bookmarks, history and searches are read-only this run",
            path.display(),
            describe(&err)
        );
        return Ok((conn, Some(warning)));
    }
    Err(fail(describe(&err)))
}

/// Opens the file, checks it is a database, and brings its schema up to date.
pub(super) fn open_ready(
    path: &Path,
    kind: Kind,
    busy: Duration,
) -> Result<Connection, rusqlite::Error> {
    let conn = Connection::open(path)?;
    // Another apidex may hold a write lock for a moment: wait instead of failing.
    conn.busy_timeout(busy)?;
    // Reading the schema tells a database from anything else, and costs nothing however big
    // the cache is (a full integrity check read all 200 MB at every start).
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    if kind == Kind::UserData {
        // A few hundred rows: checking every page costs milliseconds, and finds damage now,
        // while every other row can still be saved, rather than at some later read.
        let verdict: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                Some(format!("the integrity check failed: {verdict}")),
            ));
        }
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let (schema, target) = match kind {
        Kind::Cache => (CACHE_SCHEMA, CACHE_SCHEMA_VERSION),
        Kind::UserData => (DATA_SCHEMA, SCHEMA_VERSION),
    };
    if version < target {
        let tx = Transaction::new_unchecked(&conn, TransactionBehavior::Immediate)?;
        tx.execute_batch(schema)?;
        if kind == Kind::Cache {
            add_header_columns(&tx)?;
        }
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
    }
    Ok(conn)
}

/// Adds the header columns to a `responses` table made before they existed (version 1, or an
/// unversioned file from before the split), found by looking, not by the version number.
fn add_header_columns(tx: &Transaction<'_>) -> Result<(), rusqlite::Error> {
    let mut have = Vec::new();
    {
        let mut stmt = tx.prepare("SELECT name FROM pragma_table_info('responses')")?;
        let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for name in names {
            have.push(name?);
        }
    }
    for (column, kind) in [
        ("request_headers", "BLOB"),
        ("response_headers", "BLOB"),
        ("headers_at", "INTEGER"),
    ] {
        if !have.iter().any(|h| h == column) {
            tx.execute_batch(&format!("ALTER TABLE responses ADD COLUMN {column} {kind}"))?;
        }
    }
    Ok(())
}

/// A read-only connection to a user-data file whose schema is already there.
fn open_read_only(path: &Path, busy: Duration) -> Result<Connection, rusqlite::Error> {
    let plain = read_only(path.as_os_str(), busy);
    // On a read-only (or full) file system the `-shm` file cannot be created, and SQLite
    // needs it to read a WAL database. With no `-wal` holding commits, the main file is the
    // whole database and can be read as immutable (no locks, no `-shm`).
    let wal_empty = std::fs::metadata(with_suffix(path, "-wal")).map_or(true, |m| m.len() == 0);
    match (plain, path.to_str()) {
        (Err(_), Some(text)) if wal_empty => {
            let uri = format!("file:{}?immutable=1", utf8_percent_encode(text, URI_UNSAFE));
            read_only(uri.as_ref(), busy)
        }
        (plain, _) => plain,
    }
}

/// What may not appear raw in a `file:` URI's path.
const URI_UNSAFE: &AsciiSet = &CONTROLS.add(b' ').add(b'?').add(b'#').add(b'%');

fn read_only(target: &std::ffi::OsStr, busy: Duration) -> Result<Connection, rusqlite::Error> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(target, flags)?;
    conn.busy_timeout(busy)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < SCHEMA_VERSION {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_EMPTY),
            Some("the database has no tables yet".to_owned()),
        ));
    }
    Ok(conn)
}

/// Whether `err` means the file itself is damaged (rather than locked, full or unreachable).
fn is_damaged(path: &Path, err: &rusqlite::Error, busy: Duration) -> bool {
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => true,
        // "Corrupt" can be a torn read of a page another process was writing: believe it only
        // when the integrity check agrees.
        Some(ErrorCode::DatabaseCorrupt) => integrity_fails(path, busy),
        _ => false,
    }
}

/// Whether `PRAGMA integrity_check` finds damage (an error it cannot get past counts; being
/// unable to run it at all, e.g. locked, does not).
fn integrity_fails(path: &Path, busy: Duration) -> bool {
    let check = || -> Result<String, rusqlite::Error> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(busy)?;
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
    };
    match check() {
        Ok(verdict) => verdict != "ok",
        Err(err) => matches!(
            err.sqlite_error_code(),
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
        ),
    }
}

/// Replaces a damaged database with a fresh one (for the user's data, with every row that
/// could be read), keeping the damaged file beside it.
fn recover(
    path: &Path,
    kind: Kind,
    busy: Duration,
    err: &rusqlite::Error,
) -> Result<(Connection, Option<String>), String> {
    // A name not taken yet (another apidex may have just done the same): the file moved aside
    // earlier is never replaced.
    let stamp = unix_now();
    let aside = (stamp..stamp.saturating_add(1000))
        .map(|t| with_suffix(path, &format!(".corrupt-{t}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| with_suffix(path, ".corrupt"));
    let recovered = match kind {
        Kind::Cache => {
            move_aside(path, &aside)?;
            None
        }
        Kind::UserData => {
            let fresh = with_suffix(path, &format!(".salvage-{stamp}-{}", std::process::id()));
            let counts = salvage::into_fresh(path, &fresh, busy)
                .map_err(|e| format!("it is damaged ({err}) and nothing could be saved: {e}"))?;
            if let Err(e) = move_aside(path, &aside) {
                let _ = std::fs::remove_file(&fresh);
                return Err(e);
            }
            std::fs::rename(&fresh, path).map_err(|e| {
                format!(
                    "it was damaged ({err}) and moved to {}; the recovered rows are in {}, \
                     which could not take its place: {e}",
                    aside.display(),
                    fresh.display()
                )
            })?;
            Some(counts)
        }
    };
    let conn = open_ready(path, kind, busy).map_err(|e| describe(&e))?;
    let warning = match recovered {
        None => format!(
            "the cache at {} was damaged ({err}); it was moved to {} and a new one started",
            path.display(),
            aside.display()
        ),
        Some(counts) => format!(
            "{} was damaged ({err}); recovered {}; the damaged file was kept as {}",
            path.display(),
            counts,
            aside.display()
        ),
    };
    Ok((conn, Some(warning)))
}

/// Renames the database and its `-wal`/`-shm` to `aside` (and `aside-wal`, `aside-shm`), so
/// the set stays openable together. If the `-wal` cannot follow, everything goes back: a fresh
/// database beside an old `-wal` would have the old commits replayed into it.
fn move_aside(path: &Path, aside: &Path) -> Result<(), String> {
    std::fs::rename(path, aside)
        .map_err(|e| format!("it is damaged, but cannot be moved aside: {e}"))?;
    let mut moved: Vec<(PathBuf, PathBuf)> = vec![(path.to_owned(), aside.to_owned())];
    for suffix in ["-wal", "-shm"] {
        let from = with_suffix(path, suffix);
        if std::fs::symlink_metadata(&from).is_err() {
            continue;
        }
        let to = with_suffix(aside, suffix);
        if let Err(e) = std::fs::rename(&from, &to) {
            for (back, place) in moved.iter().rev() {
                let _ = std::fs::rename(place, back);
            }
            return Err(format!(
                "it is damaged, but its {suffix} file cannot be moved aside: {e}"
            ));
        }
        moved.push((from, to));
    }
    Ok(())
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// What went wrong, in words a user can act on.
pub(super) fn describe(err: &rusqlite::Error) -> String {
    match err.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "locked by another program (database is locked)".to_owned()
        }
        Some(ErrorCode::DiskFull) => "the disk is full (database or disk is full)".to_owned(),
        Some(ErrorCode::ReadOnly) => format!("read-only ({err})"),
        Some(ErrorCode::CannotOpen) => format!("cannot be opened ({err})"),
        _ => err.to_string(),
    }
}
