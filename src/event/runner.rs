//! The effect runner: spawns a task per fetch; tasks only send messages back.

use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

use futures_util::StreamExt;
use ratatui_image::picker::Picker;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use super::DEBOUNCE;
use crate::api::Clients;
use crate::api::batch::stream_indexed;
use crate::api::origin::{self, Origin};
use crate::api::retry::{self, RetryObserver};
use crate::app::loadable::RequestId;
use crate::app::saved::SavedKind;
use crate::app::source::{ItemKey, Source};
use crate::fetch;
use crate::msg::{Effect, Msg, RetryTarget};
use crate::store::Store;

/// Carries out effects: spawns a task per fetch. Tasks only send messages back. Superseded detail
/// fetches, closed batches and pictures nobody looks at any more are aborted.
#[derive(Debug)]
pub struct EffectRunner {
    clients: Clients,
    msg_tx: UnboundedSender<Msg>,
    details: HashMap<Source, AbortHandle>,
    batches: HashMap<Source, Vec<AbortHandle>>,
    images: HashMap<String, AbortHandle>,
    picker: Picker,
    debounce: Duration,
    store: Option<Store>,
    export_dir: PathBuf,
}

impl EffectRunner {
    /// A runner that fetches with `clients` and reports on `msg_tx`. Pictures are prepared for
    /// unicode half-blocks until [`EffectRunner::with_picker`] says otherwise.
    pub fn new(clients: Clients, msg_tx: UnboundedSender<Msg>) -> Self {
        Self {
            clients,
            msg_tx,
            details: HashMap::new(),
            batches: HashMap::new(),
            images: HashMap::new(),
            picker: Picker::halfblocks(),
            debounce: DEBOUNCE,
            store: None,
            export_dir: PathBuf::from("."),
        }
    }

    /// Keeps bookmarks, history and searches in `store`.
    #[must_use]
    pub fn with_store(mut self, store: Store) -> Self {
        self.store = Some(store);
        self
    }

    /// Writes exports into `dir`.
    #[must_use]
    pub fn with_export_dir(mut self, dir: PathBuf) -> Self {
        self.export_dir = dir;
        self
    }

    /// Prepares pictures for the terminal's graphics protocol, as detected at start-up.
    #[must_use]
    pub fn with_picker(mut self, picker: Picker) -> Self {
        self.picker = picker;
        self
    }

    /// Carries out one effect. Must be called inside a tokio runtime.
    pub fn run(&mut self, effect: Effect) {
        let clients = self.clients.clone();
        match effect {
            Effect::FetchList { source, req } => {
                let observer = self.observer(RetryTarget::List(source), req);
                let served = Served::new(&self.msg_tx, RetryTarget::List(source), req);
                self.report(async move {
                    let work = retry::observe(observer, fetch::list(&clients, source));
                    // Boxed: the fetch's state machine is large, and tasks move their futures.
                    let result = served.observe(Box::pin(work)).await;
                    Msg::ListLoaded {
                        source,
                        req,
                        result,
                    }
                });
            }
            Effect::FetchDetail {
                source,
                req,
                key,
                sub_breeds,
                debounce,
            } => self.fetch_detail(source, req, key, sub_breeds, debounce),
            Effect::FetchBatch { source, req, items } => self.fetch_batch(source, req, items),
            Effect::CancelBatch { source } => {
                for task in self.batches.remove(&source).unwrap_or_default() {
                    task.abort();
                }
            }
            Effect::FetchImage {
                url,
                req,
                pixel_art,
            } => self.fetch_image(url, req, pixel_art),
            Effect::CancelImage { url } => {
                if let Some(task) = self.images.remove(&url) {
                    task.abort();
                }
            }
            Effect::FetchTypeChart { req } => {
                self.report(async move {
                    let result = fetch::type_chart(&clients).await;
                    Msg::TypeChartLoaded { req, result }
                });
            }
            Effect::FetchTerm { term, req } => {
                self.report(async move {
                    let result = fetch::term_members(&clients, &term).await;
                    Msg::TermLoaded { term, req, result }
                });
            }
            Effect::FetchCards { req, items } => self.fetch_cards(req, items),
            Effect::Export { keys, name } => self.export(keys, &name),
            other => self.store_effect(other),
        }
    }

    fn observer(&self, target: RetryTarget, req: RequestId) -> RetryObserver {
        retry_observer(&self.msg_tx, target, req)
    }

    /// Spawns `work` and sends the message it ends with.
    fn report(&self, work: impl Future<Output = Msg> + Send + 'static) -> AbortHandle {
        let tx = self.msg_tx.clone();
        tokio::spawn(async move {
            let msg = work.await;
            // Errors the user sees are logged too.
            if let Some(error) = failure(&msg) {
                tracing::warn!(%error, "task failed");
            }
            // The receiver is gone only when the app is shutting down.
            let _ = tx.send(msg);
        })
        .abort_handle()
    }

    fn fetch_detail(
        &mut self,
        source: Source,
        req: RequestId,
        key: ItemKey,
        sub_breeds: Vec<String>,
        debounce: bool,
    ) {
        let clients = self.clients.clone();
        let delay = if debounce {
            self.debounce
        } else {
            Duration::ZERO
        };
        let observer = self.observer(RetryTarget::Detail(source), req);
        let served = Served::new(&self.msg_tx, RetryTarget::Detail(source), req);
        let task = self.report(async move {
            tokio::time::sleep(delay).await;
            let work = retry::observe(observer, fetch::detail(&clients, &key, sub_breeds));
            // Boxed: a page's fetch (several requests) is a large future.
            let result = served.observe(Box::pin(work)).await;
            Msg::DetailLoaded {
                source,
                req,
                key,
                result,
            }
        });
        if let Some(previous) = self.details.insert(source, task) {
            previous.abort();
        }
    }

    /// Each item is reported when it starts and when it completes, so the view shows items as
    /// they arrive rather than after the slowest.
    fn fetch_batch(&mut self, source: Source, req: RequestId, items: Vec<(usize, ItemKey)>) {
        let clients = self.clients.clone();
        let tx = self.msg_tx.clone();
        let concurrency = clients.http.options().concurrency;
        let task = tokio::spawn(async move {
            let started = tx.clone();
            let mut results = stream_indexed(items, concurrency, move |(index, key)| {
                // Called when a slot frees up: the item is now in flight.
                let _ = started.send(Msg::BatchItemStarted { source, req, index });
                let clients = clients.clone();
                let observer = retry_observer(&started, RetryTarget::BatchItem(source, index), req);
                // Each item's retries are its own: the observer wraps just this item's fetch.
                async move {
                    let result = retry::observe(observer, fetch::summary(&clients, &key)).await;
                    (index, result)
                }
            });
            while let Some((_, (index, result))) = results.next().await {
                if let Err(error) = &result {
                    tracing::warn!(%error, index, "batch item failed");
                }
                let _ = tx.send(Msg::BatchItemLoaded {
                    source,
                    req,
                    index,
                    result,
                });
            }
        });
        let tasks = self.batches.entry(source).or_default();
        tasks.retain(|t| !t.is_finished());
        tasks.push(task.abort_handle());
    }

    fn fetch_image(&mut self, url: String, req: RequestId, pixel_art: bool) {
        let clients = self.clients.clone();
        let picker = self.picker.clone();
        let key = url.clone();
        let task = self.report(async move {
            let result = fetch::picture(&clients, &url, picker, pixel_art).await;
            Msg::ImageLoaded { url, req, result }
        });
        self.images.retain(|_, t| !t.is_finished());
        if let Some(previous) = self.images.insert(key, task) {
            previous.abort();
        }
    }

    /// Bookmarks, history and searches: blocking store calls, run off the async workers.
    fn store_effect(&self, effect: Effect) {
        let Some(store) = self.store.clone() else {
            return;
        };
        let tx = self.msg_tx.clone();
        tokio::task::spawn_blocking(move || {
            let msg = match effect {
                Effect::LoadSaved { kind } => {
                    let result = match kind {
                        SavedKind::Bookmarks => store.bookmarks(),
                        SavedKind::History => store.history(),
                    };
                    Some(Msg::SavedLoaded {
                        kind,
                        result: result.map_err(|e| e.to_string()),
                    })
                }
                Effect::LoadSearches => {
                    Some(Msg::SearchesLoaded(store.searches().unwrap_or_default()))
                }
                Effect::ToggleBookmark { item } => Some(Msg::BookmarkToggled {
                    result: store.toggle_bookmark(&item).map_err(|e| e.to_string()),
                    key: item.key,
                }),
                // Failing to remember a visit or a search is not worth interrupting anyone.
                Effect::RecordVisit { item } => {
                    let _ = store.record_visit(&item);
                    None
                }
                Effect::RecordSearch { query } => {
                    let _ = store.record_search(&query);
                    None
                }
                _ => None,
            };
            if let Some(msg) = msg {
                let _ = tx.send(msg);
            }
        });
    }

    /// Fetches each item's own JSON (from the cache when it is there) and writes them as one
    /// pretty-printed file, atomically, one item at a time: memory stays at about one item
    /// however many are marked.
    fn export(&self, keys: Vec<ItemKey>, name: &str) {
        let clients = self.clients.clone();
        let file = self.export_dir.join(export_file_name(name));
        self.report(async move {
            let result = async {
                let mut out = crate::export::JsonExport::create(&file, keys.len()).await?;
                for key in &keys {
                    match fetch::raw(&clients, key).await {
                        Ok(Some(body)) => out.push(body).await?,
                        // Dropping `out` removes the unfinished file.
                        Ok(None) => return Err(format!("{key} not found")),
                        Err(err) => return Err(format!("{key}: {err}")),
                    }
                }
                out.finish().await.map(|()| file)
            };
            Msg::Exported(result.await)
        });
    }

    fn fetch_cards(&self, req: RequestId, items: Vec<(usize, ItemKey)>) {
        let clients = self.clients.clone();
        let tx = self.msg_tx.clone();
        let concurrency = clients.http.options().concurrency;
        tokio::spawn(async move {
            let mut cards = stream_indexed(items, concurrency, move |(index, key)| {
                let clients = clients.clone();
                async move { (index, fetch::card(&clients, &key).await) }
            });
            while let Some((_, (index, result))) = cards.next().await {
                let _ = tx.send(Msg::CardLoaded { req, index, result });
            }
        });
    }
}

/// The error a task's result message carries, if it failed.
fn failure(msg: &Msg) -> Option<String> {
    match msg {
        Msg::ListLoaded { result: Err(e), .. }
        | Msg::DetailLoaded { result: Err(e), .. }
        | Msg::TypeChartLoaded { result: Err(e), .. }
        | Msg::TermLoaded { result: Err(e), .. } => Some(e.to_string()),
        Msg::ImageLoaded { result: Err(e), .. } | Msg::Exported(Err(e)) => Some(e.clone()),
        _ => None,
    }
}

/// Reports each retry of `target`'s request as a [`Msg::Retrying`].
fn retry_observer(tx: &UnboundedSender<Msg>, target: RetryTarget, req: RequestId) -> RetryObserver {
    let tx = tx.clone();
    std::sync::Arc::new(move |attempt, of| {
        let _ = tx.send(Msg::Retrying {
            target,
            req,
            attempt,
            of,
        });
    })
}

/// Collects where a task's responses came from and reports the most worrying one (as a
/// [`Msg::Served`], before the task's own result), unless it was simply the network.
struct Served {
    tx: UnboundedSender<Msg>,
    target: RetryTarget,
    req: RequestId,
}

impl Served {
    fn new(tx: &UnboundedSender<Msg>, target: RetryTarget, req: RequestId) -> Self {
        Self {
            tx: tx.clone(),
            target,
            req,
        }
    }

    async fn observe<F: Future>(self, work: F) -> F::Output {
        let seen = std::sync::Arc::new(std::sync::Mutex::new(None::<Origin>));
        let record = seen.clone();
        let observer: origin::OriginObserver = std::sync::Arc::new(move |o: Origin| {
            let mut worst = record
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *worst = Some(worst.map_or(o, |w| w.worse(o)));
        });
        let output = origin::observe(observer, work).await;
        let worst = *seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(origin) = worst.filter(|o| *o != Origin::Network) {
            let _ = self.tx.send(Msg::Served {
                target: self.target,
                req: self.req,
                origin,
            });
        }
        output
    }
}

/// `apidex-pikachu-1764000000.json`: the name made safe for a file name, and the time.
fn export_file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("apidex-{safe}-{}.json", crate::store::unix_now())
}
