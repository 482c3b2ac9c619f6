//! The database under the cache: the size cap, corruption, two writers, what survives a restart,
//! and exports replaced whole.

use std::time::SystemTime;

use apidex::store::Store;
use apidex::store::responses::CachedResponse;

use super::temp_dir;

#[test]
fn the_size_cap_evicts_the_least_recently_used() {
    let store = Store::open(&temp_dir("evict"), 2_500).unwrap();
    let entry = |n: u8| CachedResponse {
        body: vec![n; 1_000],
        status: 200,
        fetched_at: SystemTime::now(),
        etag: None,
        max_age: None,
        headers: None,
    };
    store.put("u1", &entry(1)).unwrap();
    store.put("u2", &entry(2)).unwrap();
    // Using u1 makes u2 the least recently used.
    assert!(store.get("u1").unwrap().is_some());
    store.put("u3", &entry(3)).unwrap();
    let stats = store.stats().unwrap();
    assert!(stats.bytes <= 2_500, "{stats:?}");
    assert!(
        store.get("u2").unwrap().is_none(),
        "the least recently used went first"
    );
    assert!(store.get("u1").unwrap().is_some());
    assert!(store.get("u3").unwrap().is_some());
}

#[test]
fn a_corrupt_database_is_moved_aside_and_rebuilt() {
    let dir = temp_dir("corrupt");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(apidex::store::FILE_NAME);
    std::fs::write(&file, b"this is not an SQLite database, it is a bad day").unwrap();
    let store = Store::open(&dir, 1_000_000).unwrap();
    let warning = store.warning.clone().expect("a warning");
    assert!(warning.contains("moved to"), "{warning}");
    // It works, and the bad file is kept beside it.
    store
        .put(
            "u",
            &CachedResponse {
                body: b"{}".to_vec(),
                status: 200,
                fetched_at: SystemTime::now(),
                etag: None,
                max_age: None,
                headers: None,
            },
        )
        .unwrap();
    assert!(store.get("u").unwrap().is_some());
    let aside = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains("corrupt-"));
    assert!(aside);
}

#[test]
fn two_processes_writing_at_once_do_not_corrupt_it() {
    let dir = temp_dir("concurrent");
    // Two handles with their own connections, like two apidex processes.
    let a = Store::open(&dir, 100_000_000).unwrap();
    let b = Store::open(&dir, 100_000_000).unwrap();
    let data = dir.join("data");
    let (da, db) = (
        Store::open_user_data(&data, None).unwrap(),
        Store::open_user_data(&data, None).unwrap(),
    );
    let writer = |(store, user): (Store, Store), prefix: &'static str| {
        std::thread::spawn(move || {
            for i in 0..200 {
                let entry = CachedResponse {
                    body: format!("{{\"n\":{i}}}").into_bytes(),
                    status: 200,
                    fetched_at: SystemTime::now(),
                    etag: None,
                    max_age: None,
                    headers: None,
                };
                store.put(&format!("{prefix}{i}"), &entry).unwrap();
                user.record_search(&format!("{prefix}{i}")).unwrap();
            }
        })
    };
    let (ta, tb) = (writer((a, da), "a"), writer((b, db), "b"));
    ta.join().unwrap();
    tb.join().unwrap();
    let check = Store::open(&dir, 100_000_000).unwrap();
    assert!(check.warning.is_none());
    assert_eq!(check.stats().unwrap().entries, 400);
    let user = Store::open_user_data(&data, None).unwrap();
    assert!(user.warning.is_none());
    // Only the 50 most recent are kept, the very last write first.
    let searches = user.searches().unwrap();
    assert_eq!(searches.len(), 50);
    assert!(
        ["a199", "b199"].contains(&searches[0].as_str()),
        "{searches:?}"
    );
}

#[test]
fn bookmarks_history_and_searches_survive_a_restart() {
    use apidex::store::marks::Remembered;
    let dir = temp_dir("marks");
    {
        let store = Store::open_user_data(&dir, None).unwrap();
        let pikachu = Remembered {
            key: "pokemon:pikachu".into(),
            label: "pikachu".into(),
        };
        assert!(store.toggle_bookmark(&pikachu).unwrap());
        store.record_visit(&pikachu).unwrap();
        store
            .record_visit(&Remembered {
                key: "post:1".into(),
                label: "post 1".into(),
            })
            .unwrap();
        store.record_visit(&pikachu).unwrap();
        store.record_search("char").unwrap();
        store.record_search("type:ghost").unwrap();
    }
    let store = Store::open_user_data(&dir, None).unwrap();
    let bookmarks: Vec<String> = store
        .bookmarks()
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert_eq!(bookmarks, vec!["pokemon:pikachu"]);
    let history: Vec<String> = store
        .history()
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert_eq!(
        history,
        vec!["pokemon:pikachu", "post:1"],
        "newest first, no duplicates"
    );
    assert_eq!(store.searches().unwrap(), vec!["type:ghost", "char"]);
    // Toggling again removes it.
    assert!(
        !store
            .toggle_bookmark(&Remembered {
                key: "pokemon:pikachu".into(),
                label: "pikachu".into()
            })
            .unwrap()
    );
    assert!(store.bookmarks().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_replaces_the_old_file_whole_or_not_at_all() {
    let dir = temp_dir("export");
    let path = dir.join("out.json");
    // `-o` writes into an existing directory; it does not create one.
    std::fs::create_dir_all(&dir).unwrap();
    apidex::export::write_atomic(&path, b"{\"old\": true}")
        .await
        .unwrap();
    // Whole or not at all: the new file is written beside the old one and renamed over it. A
    // reader that opened the old file before still reads all of it afterwards, and the path
    // names another file (an in-place rewrite would truncate the reader's file and keep it).
    let mut before = std::fs::File::open(&path).unwrap();
    let old_inode = std::os::unix::fs::MetadataExt::ino(&before.metadata().unwrap());
    let new = format!("{{\"new\": \"{}\"}}", "x".repeat(3_000_000));
    apidex::export::write_atomic(&path, new.as_bytes())
        .await
        .unwrap();
    let mut old = String::new();
    std::io::Read::read_to_string(&mut before, &mut old).unwrap();
    assert_eq!(old, "{\"old\": true}", "the old file was changed in place");
    let new_inode = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap());
    assert_ne!(old_inode, new_inode, "the path still names the old file");
    assert_eq!(std::fs::read(&path).unwrap(), new.as_bytes());
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("out.json")]);
}
