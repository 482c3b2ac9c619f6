//! Superseded fetches are retired, not killed (#16): a page's or a picture's request that is
//! already on the wire gets a moment to finish into the cache, so its connection goes back to
//! the pool instead of being closed (over TLS every closed connection is a new handshake later).
//! One still waiting for its debounce, or one that takes too long, is aborted as before; its
//! answer, if it comes, is dropped by the app (a superseded request id). So is one whose slot
//! in the request window another request needs: the page the user looks at now never waits
//! behind a retiring one (with `--concurrency 1` it would wait the whole grace otherwise).

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::AbortHandle;

/// How long a superseded request may go on: a small body on a live connection takes a few
/// milliseconds; a slow one is not worth its slot in the request window.
const GRACE: Duration = Duration::from_secs(1);

/// At most this many superseded tasks finish at once: they share the request window with the
/// page the user is looking at now, which must not wait behind them.
const MAX_RETIRING: usize = 3;

/// A task that may be superseded, and whether its request has gone out yet.
#[derive(Debug)]
pub(super) struct Supersedable {
    /// The task.
    pub task: AbortHandle,
    /// Set once the request is on the wire (after the debounce).
    pub started: Arc<AtomicBool>,
}

impl Supersedable {
    /// A task whose request goes out at once.
    pub(super) fn started(task: AbortHandle) -> Self {
        Self {
            task,
            started: Arc::new(AtomicBool::new(true)),
        }
    }
}

/// The superseded tasks still finishing.
#[derive(Debug)]
pub(super) struct Retiring {
    tasks: VecDeque<AbortHandle>,
    grace: Duration,
}

impl Default for Retiring {
    fn default() -> Self {
        Self {
            tasks: VecDeque::new(),
            grace: GRACE,
        }
    }
}

impl super::EffectRunner {
    /// Gives superseded requests `grace` to finish instead of [`GRACE`] (tests: a grace longer
    /// than any test shows that what gives a retiring request's slot up is the new request).
    #[must_use]
    pub fn with_retire_grace(mut self, grace: Duration) -> Self {
        self.retiring.grace = grace;
        self
    }
}

impl Retiring {
    /// Retires `old`: aborted now if nothing went out yet, else given [`GRACE`] to finish —
    /// or until a request has to wait for a slot (`contended`, from `Http::contended`); the
    /// oldest retiring one is aborted when more than [`MAX_RETIRING`] would be.
    pub(super) fn retire(&mut self, old: Supersedable, mut contended: watch::Receiver<u64>) {
        if !old.started.load(Ordering::Acquire) || old.task.is_finished() {
            old.task.abort();
            return;
        }
        self.tasks.retain(|t| !t.is_finished());
        while self.tasks.len() >= MAX_RETIRING {
            if let Some(oldest) = self.tasks.pop_front() {
                oldest.abort();
            }
        }
        let (task, grace) = (old.task, self.grace);
        self.tasks.push_back(task.clone());
        tokio::spawn(async move {
            tokio::select! {
                () = tokio::time::sleep(grace) => {}
                // A request waits for the slot this one may hold (or the client is gone).
                _ = contended.changed() => {}
            }
            task.abort();
        });
    }
}

/// How long a term's fetch waits for typing to pause: `ability:overgrow` typed at a normal pace
/// (faster than two keys a second) asks for `ability:overgrow`, not for every prefix on the way
/// (each a 404). Slower typing still asks for prefixes; a term shown is asked for half a second
/// after the last key.
const TERM_PAUSE: Duration = Duration::from_millis(500);

impl super::EffectRunner {
    /// Spawns `work`, carrying out `effect`, after `pause` (a debounce), as a task that knows
    /// whether its request has gone out: superseded before then, it is dropped unsent.
    pub(super) fn spawn_after(
        &self,
        effect: &crate::msg::Effect,
        pause: Duration,
        work: impl Future<Output = crate::msg::Msg> + Send + 'static,
    ) -> Supersedable {
        let started = Arc::new(AtomicBool::new(false));
        let going = started.clone();
        let task = self.spawn_for(effect, async move {
            tokio::time::sleep(pause).await;
            going.store(true, Ordering::Release);
            work.await
        });
        Supersedable { task, started }
    }

    /// Fetches a search term's members once typing pauses (a term the query drops before then
    /// is cancelled: [`Self::cancel_term`]).
    pub(super) fn fetch_term(
        &mut self,
        answers: &crate::msg::Effect,
        term: crate::model::Term,
        req: crate::model::RequestId,
    ) {
        let clients = self.clients.clone();
        let key = term.clone();
        let task = self.spawn_after(answers, TERM_PAUSE, async move {
            let result = crate::fetch::term_members(&clients, &term).await;
            crate::msg::Msg::TermLoaded { term, req, result }
        });
        self.terms.retain(|_, t| !t.task.is_finished());
        if let Some(previous) = self.terms.insert(key, task) {
            previous.task.abort();
        }
    }

    /// The query dropped `term` while its fetch waited: it is not sent. One on the wire already
    /// finishes (into the cache); the app drops its answer.
    pub(super) fn cancel_term(&mut self, term: &crate::model::Term) {
        if let Some(fetch) = self.terms.remove(term)
            && !fetch.started.load(Ordering::Acquire)
        {
            fetch.task.abort();
        }
    }
}
