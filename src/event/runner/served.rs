//! Where a task's answers came from (cache, snapshot, network), reported before its result.

use std::future::Future;

use tokio::sync::mpsc::UnboundedSender;

use crate::api::origin::{self, Origin};
use crate::app::loadable::RequestId;
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
