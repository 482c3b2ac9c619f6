//! Where a task's answers came from (cache, snapshot, network), and the requests a page was
//! built from (for `i`), reported before its result.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::mpsc::UnboundedSender;

use crate::api::exchange::{self, Exchange, Note};
use crate::api::origin::{self, Origin};
use crate::model::RequestId;
use crate::model::Source;
use crate::msg::{Msg, RetryTarget};

/// Collects where a task's responses came from and reports the most worrying one (as a
/// [`Msg::Served`], before the task's own result), unless it was simply the network.
pub(super) struct Served {
    tx: UnboundedSender<Msg>,
    target: RetryTarget,
    req: RequestId,
}

impl Served {
    pub(super) fn new(tx: &UnboundedSender<Msg>, target: RetryTarget, req: RequestId) -> Self {
        Self {
            tx: tx.clone(),
            target,
            req,
        }
    }

    pub(super) async fn observe<F: Future>(self, work: F) -> F::Output {
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

/// A page's requests: each one is collected as it ends, and all of them are sent (as a
/// [`Msg::Requested`], before the page itself) in the order they were asked.
pub(super) async fn requests<F: Future>(
    tx: &UnboundedSender<Msg>,
    source: Source,
    req: RequestId,
    work: F,
) -> F::Output {
    let (output, exchanges) = collect(work).await;
    let _ = tx.send(Msg::Requested {
        source,
        req,
        exchanges,
    });
    output
}

/// Runs `work`, collecting every request it made (each as it ends), in the order they were
/// asked.
pub(super) async fn collect<F: Future>(work: F) -> (F::Output, Vec<Exchange>) {
    let seen = Arc::new(Mutex::new(Vec::<Exchange>::new()));
    let record = seen.clone();
    let observer: exchange::ExchangeObserver = Arc::new(move |note: &Note| {
        if let Note::Done(done) = note {
            record
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(done.clone());
        }
    });
    let output = exchange::observe(observer, work).await;
    let mut exchanges = std::mem::take(&mut *seen.lock().unwrap_or_else(PoisonError::into_inner));
    exchanges.sort_by_key(|e| e.started);
    (output, exchanges)
}
