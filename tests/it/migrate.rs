//! Where bookmarks live: apart from the cache (deleting the cache directory costs none), and
//! moved over once from the single database older versions kept in the cache directory —
//! including the healthy files those versions moved aside.

#![allow(clippy::unwrap_used)]

use apidex::store::{FILE_NAME, Store};
use rusqlite::Connection;
use stores::{BUSY, bookmark_keys, item, legacy_database, response, table_names, temp_dir};

use crate::support::stores;

// --- the cache directory deleted, and the move from the old single database -----------------

#[test]
fn bookmarks_survive_deleting_the_cache_directory() {
    let root = temp_dir("rm-cache");
    let (cache_dir, data_dir) = (root.join("cache"), root.join("data"));
    let legacy = cache_dir.join(FILE_NAME);
    {
        let cache = Store::open(&cache_dir, 1_000_000).unwrap();
        cache.put("u", &response(10)).unwrap();
        let data = Store::open_user_data(&data_dir, Some(&legacy)).unwrap();
        data.toggle_bookmark(&item("pokemon:pikachu")).unwrap();
    }
    std::fs::remove_dir_all(&cache_dir).unwrap();
    let cache = Store::open(&cache_dir, 1_000_000).unwrap();
    assert_eq!(cache.stats().unwrap().entries, 0);
    let data = Store::open_user_data(&data_dir, Some(&legacy)).unwrap();
    assert_eq!(bookmark_keys(&data), vec!["pokemon:pikachu"]);
}

#[test]
fn the_old_single_database_is_moved_over_once() {
    let root = temp_dir("migrate");
    let (cache_dir, data_dir) = (root.join("cache"), root.join("data"));
    std::fs::create_dir_all(&cache_dir).unwrap();
    let legacy = cache_dir.join(FILE_NAME);
    legacy_database(&legacy);
    // The cache opens the old file as it is (its own table), before or after the move.
    let cache = Store::open(&cache_dir, 1_000_000).unwrap();
    assert_eq!(cache.stats().unwrap().entries, 1);

    let data = Store::open_user_data(&data_dir, Some(&legacy)).unwrap();
    let warning = data.warning.clone().expect("says what moved");
    assert!(warning.contains("2 bookmarks"), "{warning}");
    assert_eq!(bookmark_keys(&data), vec!["post:1", "pokemon:pikachu"]);
    let history: Vec<String> = data.history().unwrap().into_iter().map(|r| r.key).collect();
    assert_eq!(history, vec!["pokemon:pikachu", "post:1"], "order kept");
    assert_eq!(data.searches().unwrap(), vec!["char"]);
    drop(data);
    // The old tables are gone from the cache; its responses are not.
    let left = table_names(&legacy);
    assert!(left.contains(&"responses".to_owned()), "{left:?}");
    assert!(
        !["bookmarks", "history", "searches"]
            .iter()
            .any(|t| left.contains(&(*t).to_owned())),
        "{left:?}"
    );
    assert_eq!(cache.stats().unwrap().entries, 1);

    // Once only: tables that reappear in the cache (an old apidex ran) are not copied again.
    drop(cache);
    legacy_database(&root.join("again.sqlite3"));
    std::fs::rename(root.join("again.sqlite3"), &legacy).unwrap();
    let _ = std::fs::remove_file(cache_dir.join(format!("{FILE_NAME}-wal")));
    let _ = std::fs::remove_file(cache_dir.join(format!("{FILE_NAME}-shm")));
    let data = Store::open_user_data(&data_dir, Some(&legacy)).unwrap();
    assert!(data.warning.is_none(), "{:?}", data.warning);
    assert_eq!(data.history().unwrap().len(), 2);
}

#[test]
fn a_locked_old_database_is_moved_over_later() {
    let root = temp_dir("migrate-locked");
    let (cache_dir, data_dir) = (root.join("cache"), root.join("data"));
    std::fs::create_dir_all(&cache_dir).unwrap();
    let legacy = cache_dir.join(FILE_NAME);
    legacy_database(&legacy);
    // Rollback-journal mode and an exclusive lock: the old file cannot even be read now.
    let other = Connection::open(&legacy).unwrap();
    other
        .execute_batch("PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE; DELETE FROM searches;")
        .unwrap();
    let data = Store::open_user_data_with(&data_dir, Some(&legacy), BUSY).unwrap();
    let warning = data.warning.clone().expect("says it will try again");
    assert!(warning.contains("try again"), "{warning}");
    assert!(data.bookmarks().unwrap().is_empty());
    drop(data);
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    let data = Store::open_user_data_with(&data_dir, Some(&legacy), BUSY).unwrap();
    assert_eq!(bookmark_keys(&data), vec!["post:1", "pokemon:pikachu"]);
    assert_eq!(data.searches().unwrap(), vec!["char"]);
}

#[test]
fn the_cache_and_the_user_data_refuse_each_others_questions() {
    let dir = temp_dir("kinds");
    let cache = Store::open(&dir, 1_000_000).unwrap();
    let data = Store::open_user_data(&dir, None).unwrap();
    assert!(cache.bookmarks().is_err());
    assert!(data.get("u").is_err());
    assert_ne!(cache.path(), data.path());
}

#[test]
fn healthy_files_older_versions_moved_aside_give_their_bookmarks_back() {
    let root = temp_dir("old-aside");
    let (cache_dir, data_dir) = (root.join("cache"), root.join("data"));
    std::fs::create_dir_all(&cache_dir).unwrap();
    // What an older apidex left after a lock or a full disk: the healthy database renamed.
    legacy_database(&cache_dir.join("apidex.corrupt-1700000000"));
    let legacy = cache_dir.join(FILE_NAME);
    let data = Store::open_user_data(&data_dir, Some(&legacy)).unwrap();
    assert_eq!(bookmark_keys(&data), vec!["post:1", "pokemon:pikachu"]);
    assert_eq!(data.history().unwrap().len(), 2);
    // The file moved aside is left as it was found.
    assert!(cache_dir.join("apidex.corrupt-1700000000").exists());
}

#[test]
fn each_old_location_is_moved_over_once() {
    let root = temp_dir("two-caches");
    let data_dir = root.join("data");
    let first = root.join("usual");
    std::fs::create_dir_all(&first).unwrap();
    // A run with another cache directory, which holds nothing of the user's…
    let other = root.join("other").join(FILE_NAME);
    Store::open_user_data(&data_dir, Some(&other)).unwrap();
    // …does not stop the usual one's bookmarks from moving over later.
    legacy_database(&first.join(FILE_NAME));
    let data = Store::open_user_data(&data_dir, Some(&first.join(FILE_NAME))).unwrap();
    assert_eq!(bookmark_keys(&data).len(), 2);
}
