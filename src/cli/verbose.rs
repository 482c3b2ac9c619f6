//! `--verbose`: each request, retry, cache decision and redirect on stderr, one line each, as the
//! HTTP client's exchange observer hears them (`crate::api::exchange`), never from prints
//! scattered through the client.

use std::future::Future;
use std::io::Write;
use std::sync::Arc;

use crate::api::exchange::{self, ExchangeObserver, Note};
use crate::sanitize::line;

/// Runs `work`, printing what its requests did to stderr when `verbose`.
pub async fn logged<F: Future>(verbose: bool, work: F) -> F::Output {
    if !verbose {
        return work.await;
    }
    let observer: ExchangeObserver = Arc::new(|note: &Note| {
        // One write per line, so lines from concurrent requests never interleave mid-line.
        let mut stderr = std::io::stderr().lock();
        for text in exchange::log_lines(note) {
            let _ = writeln!(stderr, "apidex: {}", line(&text));
        }
    });
    exchange::observe(observer, work).await
}
