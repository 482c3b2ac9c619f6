//! Fetching many items at once: all in flight together up to a limit, one result per item.
//!
//! One failure never sinks the batch: each item gets its own `Result`, the way
//! `asyncio.gather(..., return_exceptions=True)` does in the Python seed of this project.

use std::future::Future;

use futures_util::{Stream, StreamExt, stream};

/// Runs `fetch` on every item with at most `concurrency` running at once, and yields
/// `(index, output)` pairs in the order they complete — so a caller can show each item as it
/// arrives instead of after the slowest.
pub fn stream_indexed<I, F, Fut>(
    items: I,
    concurrency: usize,
    mut fetch: F,
) -> impl Stream<Item = (usize, Fut::Output)>
where
    I: IntoIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: Future,
{
    stream::iter(items.into_iter().enumerate())
        .map(move |(index, item)| {
            let fut = fetch(item);
            async move { (index, fut.await) }
        })
        .buffer_unordered(concurrency.max(1))
}

/// Like [`stream_indexed`], but waits for everything and returns the outputs in input order.
pub async fn fetch_in_order<I, F, Fut>(items: I, concurrency: usize, fetch: F) -> Vec<Fut::Output>
where
    I: IntoIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: Future,
{
    let mut slots: Vec<(usize, Fut::Output)> =
        stream_indexed(items, concurrency, fetch).collect().await;
    slots.sort_unstable_by_key(|(index, _)| *index);
    slots.into_iter().map(|(_, output)| output).collect()
}
