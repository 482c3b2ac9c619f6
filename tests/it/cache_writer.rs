//! The cache is written behind the answers, on the store's own thread: a response handed over is
//! visible to lookups at once, on disk after a flush (what the CLI and the browser do before
//! exiting), and a burst larger than the queue neither deadlocks nor loses a response.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, SystemTime};

use apidex::store::Store;
use apidex::store::responses::CachedResponse;

use crate::support::tmpfs;

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("apidex-writer-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn entry(n: usize) -> CachedResponse {
    CachedResponse {
        body: format!("{{\"n\":{n}}}").into_bytes(),
        status: 200,
        fetched_at: SystemTime::now(),
        etag: Some(format!("\"{n}\"")),
        max_age: Some(Duration::from_secs(60)),
        headers: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_response_handed_over_is_seen_at_once_and_on_disk_after_a_flush() {
    let dir = temp_dir("seen");
    let store = Store::open(&dir, 10_000_000).unwrap();
    store.put_behind("http://x/1".into(), entry(1)).await;
    let seen = store.get("http://x/1").unwrap().unwrap();
    assert_eq!(seen.body, b"{\"n\":1}");
    store.flush().await;
    // Another handle on the same file (another process, say) reads it from disk.
    let other = Store::open(&dir, 10_000_000).unwrap();
    let on_disk = other.get("http://x/1").unwrap().unwrap();
    assert_eq!(on_disk, seen, "the same entry before and after the write");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_larger_than_the_queue_is_all_written() {
    let dir = temp_dir("burst");
    let store = Store::open(&dir, 100_000_000).unwrap();
    let count = 500;
    let mut tasks = Vec::new();
    for n in 0..count {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store.put_behind(format!("http://x/{n}"), entry(n)).await;
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    store.flush().await;
    assert_eq!(store.stats().unwrap().entries, count as u64);
    let other = Store::open(&dir, 100_000_000).unwrap();
    assert_eq!(
        other.get("http://x/499").unwrap().unwrap().body,
        b"{\"n\":499}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_that_fail_on_a_full_disk_are_reported_by_the_flush() {
    let Some(disk) = tmpfs::Tmpfs::mount("writer-full", "3m") else {
        return;
    };
    let store = Store::open(disk.path(), 100_000_000).unwrap();
    store.put_behind("http://x/small".into(), entry(1)).await;
    assert_eq!(store.flush().await, None, "nothing failed yet");
    disk.fill();
    let mut big = entry(2);
    big.body = vec![b'x'; 1_000_000];
    store.put_behind("http://x/big".into(), big).await;
    let note = store.flush().await.expect("the failed write is reported");
    assert!(note.starts_with("1 response could not be cached"), "{note}");
    assert!(note.contains("full"), "{note}");
    // Said once: the next flush has nothing new to report.
    assert_eq!(store.flush().await, None);
}
