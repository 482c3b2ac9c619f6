//! Writing the response cache behind the answers: a thread of the store's own, with its own
//! connection, takes responses (and "just used" marks) from a bounded queue and writes them in
//! batches, one transaction each. A fetched item counts as done once decoded, not once on
//! disk, and lookups (on the store's main connection) never wait for a write transaction.
//!
//! Until a queued response is on disk, lookups see it in the pending map, so a second request
//! for the same URL right after the first is still a cache hit. The queue is bounded: when the
//! disk cannot keep up, senders wait (memory stays at about [`QUEUE`] bodies).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::Connection;
use tokio::sync::{mpsc, oneshot};

use super::responses::CachedResponse;
use super::{BUSY_TIMEOUT, Kind, Store};

/// Responses the queue holds before senders wait.
pub const QUEUE: usize = 32;
/// Operations written in one transaction at most.
const BATCH: usize = 64;

/// What the writer's thread is asked to do.
enum Op {
    /// Store a response (numbered, so only the write of the latest one clears the pending map).
    Put {
        url: String,
        generation: u64,
        entry: Arc<CachedResponse>,
    },
    /// Answer once everything queued before is on disk.
    Flush(oneshot::Sender<()>),
}

/// The handle stores keep; clones of a store share it.
#[derive(Debug)]
pub struct Writer {
    tx: mpsc::Sender<Op>,
    pending: Arc<Mutex<Pending>>,
    /// URLs read since the last write, to mark as just used with it (for least-recently-used
    /// eviction): a lookup itself writes nothing.
    used: Arc<Mutex<Vec<String>>>,
    /// Writes that failed since the last flush: how many responses, and the last reason.
    failed: Arc<Mutex<Option<(usize, String)>>>,
    generation: AtomicU64,
}

/// Use marks kept at most between two writes; more are dropped (they only order eviction).
const MAX_USED: usize = 4096;

/// Responses queued but not yet written, by URL.
type Pending = HashMap<String, (u64, Arc<CachedResponse>)>;

impl std::fmt::Debug for Op {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Put { url, .. } => write!(f, "Put({url})"),
            Self::Flush(_) => write!(f, "Flush"),
        }
    }
}

impl Writer {
    /// Starts the writer for the cache at `store`'s file, on a connection of its own. `None`
    /// when that connection or the thread cannot be had: the store then writes in the caller's
    /// call, as before.
    pub(super) fn start(store: &Store) -> Option<Self> {
        let conn = Connection::open(store.path()).ok()?;
        conn.busy_timeout(BUSY_TIMEOUT).ok()?;
        let disk = Store::new(
            conn,
            store.path().to_owned(),
            Kind::Cache,
            store.max_bytes(),
            None,
        );
        let (tx, rx) = mpsc::channel(QUEUE);
        let pending = Arc::new(Mutex::new(Pending::new()));
        let used = Arc::new(Mutex::new(Vec::new()));
        let failed = Arc::new(Mutex::new(None));
        let shared = Shared {
            pending: pending.clone(),
            used: used.clone(),
            failed: failed.clone(),
        };
        std::thread::Builder::new()
            .name("apidex-cache-writer".to_owned())
            .spawn(move || run(&disk, rx, &shared))
            .ok()?;
        Some(Self {
            tx,
            pending,
            used,
            failed,
            generation: AtomicU64::new(0),
        })
    }

    /// The queued response for `url`, if one waits to be written.
    pub(super) fn pending(&self, url: &str) -> Option<CachedResponse> {
        lock(&self.pending)
            .get(url)
            .map(|(_, entry)| CachedResponse::clone(entry))
    }

    /// Queues `entry` for `url`; waits only while the queue is full.
    pub(super) async fn put(&self, url: String, mut entry: CachedResponse) {
        let generation = self.generation.fetch_add(1, Ordering::Relaxed);
        // As it will read back from disk (whole seconds), so a lookup before and after the write
        // sees the same entry.
        entry.fetched_at = super::from_unix(super::unix(entry.fetched_at));
        let entry = Arc::new(entry);
        lock(&self.pending).insert(url.clone(), (generation, entry.clone()));
        if self
            .tx
            .send(Op::Put {
                url: url.clone(),
                generation,
                entry,
            })
            .await
            .is_err()
        {
            // The thread is gone (it cannot be, while this handle lives): nothing will be
            // written, so nothing may stay pending.
            lock(&self.pending).remove(&url);
        }
    }

    /// Notes that `url` was just used; written with the next batch.
    pub(super) fn used(&self, url: &str) {
        let mut used = lock(&self.used);
        if used.len() < MAX_USED {
            used.push(url.to_owned());
        }
    }

    /// The use marks noted so far, for a write made outside the thread to carry.
    pub(super) fn take_used(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.used))
    }

    /// Waits until everything queued so far is on disk (or failed to get there); says how many
    /// responses could not be written since the last flush, and why.
    pub(super) async fn flush(&self) -> Option<(usize, String)> {
        let (done, wait) = oneshot::channel();
        if self.tx.send(Op::Flush(done)).await.is_ok() {
            let _ = wait.await;
        }
        lock(&self.failed).take()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the writer's thread shares with the handles.
struct Shared {
    pending: Arc<Mutex<Pending>>,
    used: Arc<Mutex<Vec<String>>>,
    failed: Arc<Mutex<Option<(usize, String)>>>,
}

/// The writer's thread: batches of operations, one transaction each, until every handle is gone.
fn run(disk: &Store, mut rx: mpsc::Receiver<Op>, shared: &Shared) {
    while let Some(first) = rx.blocking_recv() {
        let mut ops = vec![first];
        while ops.len() < BATCH {
            match rx.try_recv() {
                Ok(op) => ops.push(op),
                Err(_) => break,
            }
        }
        let mut puts = Vec::new();
        let mut flushes = Vec::new();
        for op in ops {
            match op {
                Op::Put {
                    url,
                    generation,
                    entry,
                } => puts.push((url, generation, entry)),
                Op::Flush(done) => flushes.push(done),
            }
        }
        let batch: Vec<(String, &CachedResponse)> = puts
            .iter()
            .map(|(url, _, entry)| (url.clone(), entry.as_ref()))
            .collect();
        let used = std::mem::take(&mut *lock(&shared.used));
        if let Err(err) = disk.write_batch(&batch, &used) {
            // A full or locked disk costs future cache hits, nothing else — but the user hears
            // of it (the CLI says so when it flushes before exiting).
            tracing::warn!(%err, responses = puts.len(), "could not write to the cache");
            let mut failed = lock(&shared.failed);
            let count = failed.as_ref().map_or(0, |(n, _)| *n) + puts.len();
            *failed = Some((count, err.reason.clone()));
        }
        let mut waiting = lock(&shared.pending);
        for (url, generation, _) in &puts {
            if waiting.get(url).is_some_and(|(g, _)| g == generation) {
                waiting.remove(url);
            }
        }
        drop(waiting);
        for done in flushes {
            let _ = done.send(());
        }
    }
}
