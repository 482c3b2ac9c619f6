//! The request window: at most `concurrency` requests on the wire at once (a semaphore), and a
//! signal each time a request has to wait for a slot, so work that is only finishing for the
//! cache's sake (a superseded page's request, see `event::runner::retire`) can give its slot
//! up at once instead of making the page the user now looks at wait behind it.

use std::sync::Arc;

use tokio::sync::{Semaphore, SemaphorePermit, watch};

/// The in-flight limit, shared by every clone of the client.
#[derive(Debug, Clone)]
pub(super) struct Window {
    slots: Arc<Semaphore>,
    /// Bumped each time a request finds every slot taken.
    waited: Arc<watch::Sender<u64>>,
}

impl Window {
    /// A window of `size` slots (at least one).
    pub(super) fn new(size: usize) -> Self {
        Self {
            slots: Arc::new(Semaphore::new(size.max(1))),
            waited: Arc::new(watch::channel(0).0),
        }
    }

    /// A slot, held until the permit drops; when none is free, those listening on
    /// [`Window::contended`] hear of it before this waits.
    pub(super) async fn acquire(&self) -> Option<SemaphorePermit<'_>> {
        if let Ok(permit) = self.slots.try_acquire() {
            return Some(permit);
        }
        self.waited.send_modify(|n| *n = n.wrapping_add(1));
        // The semaphore is never closed.
        self.slots.acquire().await.ok()
    }

    /// Changes each time a request has to wait for a slot from now on.
    pub(super) fn contended(&self) -> watch::Receiver<u64> {
        self.waited.subscribe()
    }
}
