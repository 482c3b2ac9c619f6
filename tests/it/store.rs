//! The two databases under trouble and damage: a lock held by another process, a read-only or
//! full disk, an unopenable `-wal`, garbage and a damaged page. Bookmarks survive every case;
//! only real damage moves a file aside.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use apidex::store::{DATA_FILE_NAME, FILE_NAME, Store};
use rusqlite::Connection;
use stores::{
    BUSY, bookmark_keys, item, moved_aside, response, temp_dir, user_data_with_bookmarks,
};
use tmpfs::Tmpfs;

use crate::support::stores;
use crate::support::tmpfs;

// --- a lock held by another process ----------------------------------------------------------

#[test]
fn a_lock_held_past_the_timeout_disables_the_cache_and_moves_nothing() {
    let dir = temp_dir("locked-legacy");
    let file = dir.join(FILE_NAME);
    // An older database in rollback-journal mode: an exclusive lock there blocks even readers.
    let other = Connection::open(&file).unwrap();
    other
        .execute_batch(
            "CREATE TABLE responses (url TEXT PRIMARY KEY, body BLOB NOT NULL,
                 status INTEGER NOT NULL, fetched_at INTEGER NOT NULL, etag TEXT,
                 max_age INTEGER, last_used INTEGER NOT NULL, size INTEGER NOT NULL);
             INSERT INTO responses VALUES ('u', x'7b7d', 200, 0, NULL, NULL, 1, 2);
             BEGIN EXCLUSIVE;
             INSERT INTO responses VALUES ('v', x'7b7d', 200, 0, NULL, NULL, 2, 2);",
        )
        .unwrap();
    let err = Store::open_cache(&dir, 1_000_000, BUSY).unwrap_err();
    assert!(err.reason.contains("locked"), "{err}");
    assert!(moved_aside(&dir).is_empty(), "{:?}", moved_aside(&dir));
    // The other program finishes; the next open finds everything, its write included.
    other.execute_batch("COMMIT").unwrap();
    drop(other);
    let store = Store::open_cache(&dir, 1_000_000, BUSY).unwrap();
    assert!(store.warning.is_none());
    assert_eq!(store.stats().unwrap().entries, 2);
}

#[test]
fn a_writer_holding_the_lock_neither_blocks_the_open_nor_costs_the_bookmarks() {
    let dir = temp_dir("locked-wal");
    user_data_with_bookmarks(&dir);
    let cache = Store::open_cache(&dir, 1_000_000, BUSY).unwrap();
    cache.put("u", &response(10)).unwrap();
    drop(cache);
    // Another process in the middle of a write transaction on each database.
    let data_writer = Connection::open(dir.join(DATA_FILE_NAME)).unwrap();
    data_writer
        .execute_batch("BEGIN EXCLUSIVE; INSERT INTO searches VALUES ('theirs', 1);")
        .unwrap();
    let cache_writer = Connection::open(dir.join(FILE_NAME)).unwrap();
    cache_writer.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    // Opening needs no write: both open, and reads work.
    let cache = Store::open_cache(&dir, 1_000_000, BUSY).unwrap();
    assert!(cache.warning.is_none());
    assert_eq!(cache.stats().unwrap().entries, 1);
    let data = Store::open_user_data_with(&dir, None, BUSY).unwrap();
    assert_eq!(bookmark_keys(&data), vec!["post:1", "pokemon:pikachu"]);
    // A write waits, then fails and says why; nothing is lost or moved.
    let err = data.toggle_bookmark(&item("type:ghost")).unwrap_err();
    assert!(err.reason.contains("locked"), "{err}");
    assert!(moved_aside(&dir).is_empty());
    data_writer.execute_batch("COMMIT").unwrap();
    cache_writer.execute_batch("COMMIT").unwrap();
    assert!(data.toggle_bookmark(&item("type:ghost")).unwrap());
    assert_eq!(data.searches().unwrap(), vec!["theirs"]);
}

// --- -wal files ------------------------------------------------------------------------------

/// A crash snapshot: the main file and a `-wal` holding commits not yet checkpointed into it.
fn crashed_with_commits_in_the_wal(dir: &Path) {
    let live = temp_dir(&format!(
        "{}-live",
        dir.file_name().unwrap().to_string_lossy()
    ));
    user_data_with_bookmarks(&live);
    let conn = Connection::open(live.join(DATA_FILE_NAME)).unwrap();
    conn.execute_batch(
        "PRAGMA wal_autocheckpoint = 0;
         INSERT INTO bookmarks VALUES ('breed:hound', 'hound', 99);",
    )
    .unwrap();
    for suffix in ["", "-wal"] {
        let name = format!("{DATA_FILE_NAME}{suffix}");
        std::fs::copy(live.join(&name), dir.join(&name)).unwrap();
    }
    drop(conn);
}

#[test]
fn a_wal_that_cannot_be_read_is_left_alone_and_its_commits_survive() {
    let Some(disk) = Tmpfs::mount("wal", "3m") else {
        return;
    };
    let dir = disk.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    crashed_with_commits_in_the_wal(&dir);
    let wal = dir.join(format!("{DATA_FILE_NAME}-wal"));
    let wal_before = std::fs::read(&wal).unwrap();
    // Read-only: the `-shm` SQLite needs to read the `-wal` cannot be created.
    disk.remount_read_only();
    let opened = Store::open_user_data_with(&dir, None, BUSY);
    assert!(opened.is_err(), "{:?}", opened.map(|s| s.warning));
    disk.remount_read_write();
    assert!(moved_aside(&dir).is_empty());
    assert_eq!(
        std::fs::read(&wal).unwrap(),
        wal_before,
        "the -wal is untouched"
    );
    // Once the obstacle is gone, the commits that were only in the -wal are there.
    let store = Store::open_user_data_with(&dir, None, BUSY).unwrap();
    assert!(bookmark_keys(&store).contains(&"breed:hound".to_owned()));
    assert_eq!(bookmark_keys(&store).len(), 3);
}

#[test]
fn a_wal_in_the_way_is_not_damage() {
    let dir = temp_dir("wal-dir");
    user_data_with_bookmarks(&dir);
    Store::open(&dir, 1_000_000).unwrap();
    // Something that cannot be opened as the cache's `-wal`.
    let wal = dir.join(format!("{FILE_NAME}-wal"));
    std::fs::create_dir(&wal).unwrap();
    std::fs::write(wal.join("keep"), b"x").unwrap();
    let err = Store::open_cache(&dir, 1_000_000, BUSY).unwrap_err();
    assert!(!err.reason.is_empty());
    assert!(moved_aside(&dir).is_empty());
    assert!(wal.join("keep").exists());
    assert!(dir.join(FILE_NAME).exists());
}

// --- read-only and full disks ----------------------------------------------------------------

#[test]
fn a_read_only_disk_keeps_bookmarks_readable_and_moves_nothing() {
    let Some(disk) = Tmpfs::mount("read-only", "3m") else {
        return;
    };
    let dir = disk.path().join("data");
    user_data_with_bookmarks(&dir);
    Store::open_cache(&dir, 1_000_000, BUSY)
        .unwrap()
        .put("u", &response(10))
        .unwrap();
    disk.remount_read_only();
    let cache = Store::open_cache(&dir, 1_000_000, BUSY);
    if let Ok(cache) = &cache {
        assert!(cache.put("v", &response(10)).is_err());
    }
    let data = Store::open_user_data_with(&dir, None, BUSY).unwrap();
    let warning = data.warning.clone().expect("says it is read-only");
    assert!(warning.contains("read-only"), "{warning}");
    assert_eq!(bookmark_keys(&data), vec!["post:1", "pokemon:pikachu"]);
    assert!(data.toggle_bookmark(&item("type:ghost")).is_err());
    assert!(moved_aside(&dir).is_empty());
}

#[test]
fn a_full_disk_is_not_corruption() {
    let Some(disk) = Tmpfs::mount("full", "3m") else {
        return;
    };
    let dir = disk.path().join("data");
    user_data_with_bookmarks(&dir);
    let cache = Store::open_cache(&dir, 100_000_000, BUSY).unwrap();
    cache.put("u", &response(10)).unwrap();
    drop(cache);
    disk.fill();
    // The cache is off for this run if it cannot even be opened (its `-shm` needs space);
    // if it opens, writes fail and say why. Either way nothing moves.
    match Store::open_cache(&dir, 100_000_000, BUSY) {
        Ok(cache) => {
            let err = cache.put("big", &response(1_000_000)).unwrap_err();
            assert!(err.reason.contains("full"), "{err}");
        }
        Err(err) => assert!(!err.reason.contains("damaged"), "{err}"),
    }
    // The bookmarks can still be read.
    let data = Store::open_user_data_with(&dir, None, BUSY).unwrap();
    assert_eq!(bookmark_keys(&data), vec!["post:1", "pokemon:pikachu"]);
    assert!(data.toggle_bookmark(&item("type:ghost")).is_err());
    assert!(moved_aside(&dir).is_empty());
    // A database that does not exist yet cannot be made: an error, no aside files.
    let fresh = disk.path().join("fresh");
    let _ = std::fs::create_dir(&fresh);
    if let Err(err) = Store::open_cache(&fresh, 1_000_000, BUSY) {
        assert!(!err.reason.is_empty());
    }
    assert!(moved_aside(&fresh).is_empty());
    drop(data);
    // Space again: every bookmark is still there, and writable.
    std::fs::remove_file(disk.path().join("filler")).unwrap();
    let data = Store::open_user_data_with(&dir, None, BUSY).unwrap();
    assert!(data.warning.is_none(), "{:?}", data.warning);
    assert!(data.toggle_bookmark(&item("type:ghost")).unwrap());
    assert_eq!(bookmark_keys(&data).len(), 3);
}

// --- real damage ------------------------------------------------------------------------------

#[test]
fn garbage_user_data_is_kept_aside_and_a_fresh_file_started() {
    let dir = temp_dir("garbage");
    std::fs::write(dir.join(DATA_FILE_NAME), b"not an SQLite database at all").unwrap();
    let store = Store::open_user_data(&dir, None).unwrap();
    let warning = store.warning.clone().expect("a warning");
    assert!(warning.contains("damaged"), "{warning}");
    assert!(store.bookmarks().unwrap().is_empty());
    let aside = moved_aside(&dir);
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        std::fs::read(dir.join(&aside[0])).unwrap(),
        b"not an SQLite database at all",
        "the damaged file is kept as it was"
    );
}

#[test]
fn a_damaged_page_costs_only_its_own_rows() {
    let dir = temp_dir("damaged-page");
    user_data_with_bookmarks(&dir);
    let file = dir.join(DATA_FILE_NAME);
    {
        // Enough history to fill many pages after the small tables' own.
        let conn = Connection::open(&file).unwrap();
        for i in 0..400 {
            conn.execute(
                "INSERT INTO history (key, label, at) VALUES (?1, ?2, ?3)",
                rusqlite::params![format!("post:{i}"), "y".repeat(300), i],
            )
            .unwrap();
        }
    }
    let (page_size, pages): (i64, i64) = {
        let conn = Connection::open(&file).unwrap();
        let size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        let count = conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        (size, count)
    };
    assert!(pages > 20, "{pages} pages");
    // Scribble over a history leaf near the end (its page header first).
    let mut bytes = std::fs::read(&file).unwrap();
    let at = usize::try_from((pages - 5) * page_size).unwrap();
    bytes[at..at + 64].fill(0xff);
    std::fs::write(&file, &bytes).unwrap();

    let store = Store::open_user_data(&dir, None).unwrap();
    let warning = store.warning.clone().expect("a warning");
    assert!(warning.contains("recovered 2 bookmarks"), "{warning}");
    assert_eq!(bookmark_keys(&store), vec!["post:1", "pokemon:pikachu"]);
    let history = store.history().unwrap().len();
    assert!(
        (300..401).contains(&history),
        "{history} of 401 history rows kept"
    );
    // The damaged file is kept, and the new one is sound.
    assert_eq!(moved_aside(&dir).len(), 1, "{:?}", moved_aside(&dir));
    let conn = Connection::open(&file).unwrap();
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(verdict, "ok");
}
