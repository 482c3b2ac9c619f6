//! Helpers shared by the store tests (`tests/it/store.rs`, `tests/it/migrate.rs`).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use apidex::store::Store;
use apidex::store::marks::Remembered;
use apidex::store::responses::CachedResponse;
use rusqlite::Connection;

/// Short, so that tests of a held lock do not wait five seconds.
pub const BUSY: Duration = Duration::from_millis(200);

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apidex-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn item(key: &str) -> Remembered {
    Remembered {
        key: key.to_owned(),
        label: format!("label of {key}"),
    }
}

pub fn response(size: usize) -> CachedResponse {
    CachedResponse {
        body: vec![b'x'; size],
        status: 200,
        fetched_at: SystemTime::now(),
        etag: None,
        max_age: None,
        headers: None,
    }
}

pub fn bookmark_keys(store: &Store) -> Vec<String> {
    store
        .bookmarks()
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect()
}

/// The names in `dir` that look like a file moved aside.
pub fn moved_aside(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("corrupt") || n.contains("salvage"))
        .collect()
}

/// User data with two bookmarks and a visit, closed.
pub fn user_data_with_bookmarks(dir: &Path) {
    let store = Store::open_user_data(dir, None).unwrap();
    store.toggle_bookmark(&item("pokemon:pikachu")).unwrap();
    store.toggle_bookmark(&item("post:1")).unwrap();
    store.record_visit(&item("pokemon:pikachu")).unwrap();
}

/// The single database versions before the split kept: responses and the user's tables.
pub fn legacy_database(file: &Path) {
    let conn = Connection::open(file).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         CREATE TABLE responses (url TEXT PRIMARY KEY, body BLOB NOT NULL,
             status INTEGER NOT NULL, fetched_at INTEGER NOT NULL, etag TEXT,
             max_age INTEGER, last_used INTEGER NOT NULL, size INTEGER NOT NULL);
         CREATE TABLE bookmarks (key TEXT PRIMARY KEY, label TEXT NOT NULL,
             created INTEGER NOT NULL);
         CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL,
             label TEXT NOT NULL, at INTEGER NOT NULL);
         CREATE TABLE searches (query TEXT PRIMARY KEY, at INTEGER NOT NULL);
         INSERT INTO responses VALUES ('u', x'7b7d', 200, 0, NULL, NULL, 1, 2);
         INSERT INTO bookmarks VALUES ('pokemon:pikachu', '#25 pikachu', 10);
         INSERT INTO bookmarks VALUES ('post:1', 'post 1', 20);
         INSERT INTO history (key, label, at) VALUES ('post:1', 'post 1', 5);
         INSERT INTO history (key, label, at) VALUES ('pokemon:pikachu', '#25 pikachu', 6);
         INSERT INTO searches VALUES ('char', 7);",
    )
    .unwrap();
}

pub fn table_names(file: &Path) -> Vec<String> {
    let conn = Connection::open(file).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}
