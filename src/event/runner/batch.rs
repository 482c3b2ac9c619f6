//! Fetching many items at once — a batch of summaries, the compare view's cards — each reported
//! as it arrives rather than after the slowest, and each failing alone if its fetch panics.

use std::future::Future;

use futures_util::StreamExt;
use tokio::sync::mpsc::UnboundedSender;

use super::supervise::{catching, failure_for, internal};
use super::{EffectRunner, maybe_forced, retry_observer};
use crate::api::ApiError;
use crate::api::batch::stream_indexed;
use crate::api::retry;
use crate::fetch;
use crate::model::RequestId;
use crate::model::{ItemKey, Source};
use crate::msg::{Effect, Msg, RetryTarget};

impl EffectRunner {
    /// Each item is reported when it starts and when it completes, so the view shows items as
    /// they arrive rather than after the slowest.
    pub(super) fn fetch_batch(
        &mut self,
        source: Source,
        req: RequestId,
        items: Vec<(usize, ItemKey)>,
    ) {
        let clients = self.clients.clone();
        let tx = self.msg_tx.clone();
        let concurrency = clients.http.options().concurrency;
        let forced = self.forcing;
        let started = tx.clone();
        let fetch = move |key: ItemKey, index: usize| {
            // Called when a slot frees up: the item is now in flight.
            let _ = started.send(Msg::BatchItemStarted { source, req, index });
            let clients = clients.clone();
            let observer = retry_observer(&started, RetryTarget::BatchItem(source, index), req);
            // Each item's retries are its own: the observer wraps just this item's fetch.
            async move {
                let work = retry::observe(observer, fetch::summary(&clients, &key));
                // Boxed: a summary fetch is a large future, moved into the stream.
                Box::pin(maybe_forced(forced, work)).await
            }
        };
        let loaded = move |index, result: Result<_, ApiError>| {
            if let Err(error) = &result {
                tracing::warn!(%error, index, "batch item failed");
            }
            Msg::BatchItemLoaded {
                source,
                req,
                index,
                result,
            }
        };
        let broke = move |items| Effect::FetchBatch { source, req, items };
        let task = tokio::spawn(report_each(items, concurrency, tx, fetch, loaded, broke));
        let tasks = self.batches.entry(source).or_default();
        tasks.retain(|t| !t.is_finished());
        tasks.push(task.abort_handle());
    }

    /// The compare view's cards, each sent as it arrives.
    pub(super) fn fetch_cards(&self, req: RequestId, items: Vec<(usize, ItemKey)>) {
        let clients = self.clients.clone();
        let concurrency = clients.http.options().concurrency;
        let fetch = move |key: ItemKey, _| {
            let clients = clients.clone();
            async move { fetch::card(&clients, &key).await }
        };
        let loaded = move |index, result| Msg::CardLoaded { req, index, result };
        let broke = move |items| Effect::FetchCards { req, items };
        tokio::spawn(report_each(
            items,
            concurrency,
            self.msg_tx.clone(),
            fetch,
            loaded,
            broke,
        ));
    }
}

/// Fetches each of `items` (`concurrency` at a time) and sends `loaded(index, result)` for each
/// as it completes. An item whose fetch panics fails alone; if the reporting itself breaks, the
/// items not reported yet fail together, as the effect `broke` makes of them would.
async fn report_each<T, Fut>(
    items: Vec<(usize, ItemKey)>,
    concurrency: usize,
    tx: UnboundedSender<Msg>,
    mut fetch: impl FnMut(ItemKey, usize) -> Fut,
    loaded: impl Fn(usize, Result<T, ApiError>) -> Msg,
    broke: impl FnOnce(Vec<(usize, ItemKey)>) -> Effect,
) where
    Fut: Future<Output = Result<T, ApiError>>,
{
    let mut pending = items.clone();
    let mut results = stream_indexed(items, concurrency, move |(index, key)| {
        let work = fetch(key, index);
        async move {
            let result = catching(work)
                .await
                .unwrap_or_else(|message| Err(internal(&message)));
            (index, result)
        }
    });
    let reported = catching(async {
        while let Some((_, (index, result))) = results.next().await {
            pending.retain(|(i, _)| *i != index);
            let _ = tx.send(loaded(index, result));
        }
    })
    .await;
    if let Err(message) = reported {
        for msg in failure_for(&broke(std::mem::take(&mut pending)), &message) {
            let _ = tx.send(msg);
        }
    }
}
