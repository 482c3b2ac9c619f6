//! The effect runner: spawns a task per fetch; tasks only send messages back.

use std::collections::HashMap;
use std::time::Duration;

use futures_util::StreamExt;
use ratatui_image::picker::Picker;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use super::DEBOUNCE;
use crate::api::Clients;
use crate::api::batch::stream_indexed;
use crate::app::source::Source;
use crate::fetch;
use crate::msg::{Effect, Msg};

/// Carries out effects: spawns a task per fetch. Tasks only send messages back. Superseded detail
/// fetches and closed batches are aborted.
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
        let tx = self.msg_tx.clone();
        match effect {
            Effect::FetchList { source, req } => {
                tokio::spawn(async move {
                    let result = fetch::list(&clients, source).await;
                    // The receiver is gone only when the app is shutting down.
                    let _ = tx.send(Msg::ListLoaded {
                        source,
                        req,
                        result,
                    });
                });
            }
            Effect::FetchDetail {
                source,
                req,
                key,
                sub_breeds,
                debounce,
            } => {
                let delay = if debounce {
                    self.debounce
                } else {
                    Duration::ZERO
                };
                let task = tokio::spawn(async move {
                    tokio::time::sleep(delay).await;
                    let result = fetch::detail(&clients, &key, sub_breeds).await;
                    let _ = tx.send(Msg::DetailLoaded {
                        source,
                        req,
                        key,
                        result,
                    });
                });
                if let Some(previous) = self.details.insert(source, task.abort_handle()) {
                    previous.abort();
                }
            }
            Effect::FetchBatch { source, req, items } => {
                let concurrency = clients.http.options().concurrency;
                let task = tokio::spawn(async move {
                    let started = tx.clone();
                    let mut results = stream_indexed(items, concurrency, move |(index, key)| {
                        // Called when a slot frees up: the item is now in flight.
                        let _ = started.send(Msg::BatchItemStarted { source, req, index });
                        let clients = clients.clone();
                        async move { (index, fetch::summary(&clients, &key).await) }
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
            Effect::CancelBatch { source } => {
                for task in self.batches.remove(&source).unwrap_or_default() {
                    task.abort();
                }
            }
            Effect::FetchImage {
                url,
                req,
                pixel_art,
            } => {
                let picker = self.picker.clone();
                let key = url.clone();
                let task = tokio::spawn(async move {
                    let result = fetch::picture(&clients, &url, picker, pixel_art).await;
                    let _ = tx.send(Msg::ImageLoaded { url, req, result });
                });
                self.images.retain(|_, t| !t.is_finished());
                if let Some(previous) = self.images.insert(key, task.abort_handle()) {
                    previous.abort();
                }
            }
            Effect::CancelImage { url } => {
                if let Some(task) = self.images.remove(&url) {
                    task.abort();
                }
            }
            Effect::FetchTypeChart { req } => {
                tokio::spawn(async move {
                    let result = fetch::type_chart(&clients).await;
                    let _ = tx.send(Msg::TypeChartLoaded { req, result });
                });
            }
            Effect::FetchTerm { term, req } => {
                tokio::spawn(async move {
                    let result = fetch::term_members(&clients, &term).await;
                    let _ = tx.send(Msg::TermLoaded { term, req, result });
                });
            }
            Effect::FetchCards { req, items } => {
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
    }
}
