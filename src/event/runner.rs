//! The effect runner: spawns a task per fetch; tasks only send messages back.

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

use futures_util::StreamExt;
use ratatui_image::picker::Picker;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use super::DEBOUNCE;
use crate::api::Clients;
use crate::api::batch::stream_indexed;
use crate::api::retry::{self, RetryObserver};
use crate::app::loadable::RequestId;
use crate::app::source::{ItemKey, Source};
use crate::fetch;
use crate::msg::{Effect, Msg, RetryTarget};

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
        }
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
                self.report(async move {
                    let result = retry::observe(observer, fetch::list(&clients, source)).await;
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
        let task = self.report(async move {
            tokio::time::sleep(delay).await;
            let work = fetch::detail(&clients, &key, sub_breeds);
            let result = retry::observe(observer, work).await;
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
