//! Reading every row that can still be read out of a damaged (or old) database.
//!
//! A damaged page stops a table scan where it is hit, so each table is scanned twice: forward
//! by rowid until an error, then backward until an error or the forward scan's last row. Rows
//! on both sides of a bad page survive; only the rows on it are lost.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

/// A table of the user's data and the columns worth keeping (not `history.id`: the copy
/// numbers its rows afresh, in the same order).
#[derive(Debug, Clone, Copy)]
pub(super) struct Table {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    /// The columns that identify a row: one already there is not copied again.
    pub unique: &'static [&'static str],
}

/// Bookmarks, history and searches: what older versions kept in the cache's database.
pub(super) const LEGACY_TABLES: [Table; 3] = [
    Table {
        name: "bookmarks",
        columns: &["key", "label", "created"],
        unique: &["key"],
    },
    Table {
        name: "history",
        columns: &["key", "label", "at"],
        unique: &["key", "at"],
    },
    Table {
        name: "searches",
        columns: &["query", "at"],
        unique: &["query"],
    },
];

/// The legacy tables and `meta` (which says whether the move from the old database is done).
const USER_TABLES: [Table; 4] = [
    LEGACY_TABLES[0],
    LEGACY_TABLES[1],
    LEGACY_TABLES[2],
    Table {
        name: "meta",
        columns: &["key", "value"],
        unique: &["key"],
    },
];

/// How many rows of each kind were kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Counts {
    pub bookmarks: usize,
    pub history: usize,
    pub searches: usize,
}

impl Counts {
    pub(super) fn total(self) -> usize {
        self.bookmarks + self.history + self.searches
    }

    pub(super) fn add(&mut self, table: &str, n: usize) {
        match table {
            "bookmarks" => self.bookmarks += n,
            "history" => self.history += n,
            "searches" => self.searches += n,
            _ => {}
        }
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} bookmarks, {} history entries and {} searches",
            self.bookmarks, self.history, self.searches
        )
    }
}

/// Every readable row of `table` in `conn`, in rowid order. A missing table has none.
pub(super) fn read_rows(conn: &Connection, table: &Table) -> Vec<Vec<Value>> {
    let columns = table.columns.join(", ");
    let forward = scan(
        conn,
        &format!("SELECT rowid, {columns} FROM {} ORDER BY rowid", table.name),
        i64::MIN,
    );
    let last = forward.last().map_or(i64::MIN, |(rowid, _)| *rowid);
    let mut backward = scan(
        conn,
        &format!(
            "SELECT rowid, {columns} FROM {} WHERE rowid > ?1 ORDER BY rowid DESC",
            table.name
        ),
        last,
    );
    backward.reverse();
    forward
        .into_iter()
        .chain(backward)
        .map(|(_, row)| row)
        .collect()
}

/// Rows from `sql` (rowid first; `?1`, if used, is `after`) until the end or the first error.
fn scan(conn: &Connection, sql: &str, after: i64) -> Vec<(i64, Vec<Value>)> {
    let mut out = Vec::new();
    let Ok(mut stmt) = conn.prepare(sql) else {
        return out;
    };
    let width = stmt.column_count();
    let rows = if stmt.parameter_count() == 1 {
        stmt.query([after])
    } else {
        stmt.query([])
    };
    let Ok(mut rows) = rows else {
        return out;
    };
    while let Ok(Some(row)) = rows.next() {
        let Ok(rowid) = row.get::<_, i64>(0) else {
            break;
        };
        let values: Result<Vec<Value>, _> = (1..width).map(|i| row.get::<_, Value>(i)).collect();
        match values {
            Ok(values) => out.push((rowid, values)),
            Err(_) => break,
        }
    }
    out
}

/// Inserts `rows` into `table`, skipping any already there (by its unique columns): copying
/// twice, or from two copies of the same data, changes nothing.
pub(super) fn insert_rows(
    conn: &Connection,
    table: &Table,
    rows: Vec<Vec<Value>>,
) -> Result<usize, rusqlite::Error> {
    let placeholders: Vec<String> = (1..=table.columns.len()).map(|i| format!("?{i}")).collect();
    let same: Vec<String> = table
        .unique
        .iter()
        .map(|u| {
            let i = table
                .columns
                .iter()
                .position(|c| c == u)
                .map_or(0, |i| i + 1);
            format!("{u} = ?{i}")
        })
        .collect();
    let mut stmt = conn.prepare(&format!(
        "INSERT INTO {name} ({columns}) SELECT {values}
         WHERE NOT EXISTS (SELECT 1 FROM {name} WHERE {same})",
        name = table.name,
        columns = table.columns.join(", "),
        values = placeholders.join(", "),
        same = same.join(" AND "),
    ))?;
    let mut inserted = 0;
    for row in rows {
        inserted += stmt.execute(params_from_iter(row))?;
    }
    Ok(inserted)
}

/// Copies every readable row of the user's data in `damaged` into a new database at `fresh`.
/// The new file is complete (no `-wal`) when this returns.
///
/// # Errors
/// When `fresh` cannot be written; `damaged` is only read.
pub(super) fn into_fresh(
    damaged: &Path,
    fresh: &Path,
    busy: Duration,
) -> Result<Counts, rusqlite::Error> {
    let mut tables = Vec::new();
    if let Ok(old) = Connection::open(damaged) {
        let _ = old.busy_timeout(busy);
        for table in USER_TABLES {
            tables.push((table, read_rows(&old, &table)));
        }
    }
    let _ = std::fs::remove_file(fresh);
    let result = (|| {
        let new = Connection::open(fresh)?;
        // A rollback journal: when the connection closes, everything is in the one file,
        // which is then renamed into place.
        new.query_row("PRAGMA journal_mode = DELETE", [], |r| {
            r.get::<_, String>(0)
        })?;
        let tx = new.unchecked_transaction()?;
        tx.execute_batch(super::open::DATA_SCHEMA)?;
        tx.pragma_update(None, "user_version", super::open::SCHEMA_VERSION)?;
        let mut counts = Counts::default();
        for (table, rows) in tables {
            let n = insert_rows(&tx, &table, rows)?;
            counts.add(table.name, n);
        }
        tx.commit()?;
        new.close().map_err(|(_, e)| e)?;
        Ok(counts)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(fresh);
        let _ = std::fs::remove_file(format!("{}-journal", fresh.display()));
    }
    result
}
