//! The effect runner: spawns a task per fetch; tasks only send messages back. Every task is
//! supervised: one that panics reports the failure its pane waits for (see [`supervise`]).

mod batch;
pub mod browser;
mod json;
mod live;
mod retire;
mod served;
mod store;
mod supervise;

use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

use ratatui_image::picker::Picker;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

pub use self::json::{Clipboard, osc52};
use super::DEBOUNCE;
use crate::api::Clients;
use crate::api::retry::{self, RetryObserver};
use crate::fetch;
use crate::model::RequestId;
use crate::model::{ItemKey, Source};
use crate::msg::{Effect, Msg, RetryTarget};
use crate::store::Store;
use served::Served;
use supervise::{catching, failure_for};

/// Carries out effects: spawns a task per fetch. Tasks only send messages back. Superseded detail
/// fetches, closed batches and pictures nobody looks at any more are aborted.
#[derive(Debug)]
pub struct EffectRunner {
    clients: Clients,
    msg_tx: UnboundedSender<Msg>,
    details: HashMap<Source, retire::Supersedable>,
    batches: HashMap<Source, Vec<AbortHandle>>,
    images: HashMap<String, AbortHandle>,
    /// Term fetches, until they are done (`retire::fetch_term`).
    terms: HashMap<crate::model::Term, retire::Supersedable>,
    retiring: retire::Retiring,
    picker: Picker,
    debounce: Duration,
    store: Option<Store>,
    export_dir: PathBuf,
    /// The Live tab's stream (#15).
    live: live::LiveRunner,
    /// Carrying out an [`Effect::Forced`]: the tasks spawned now go to the network for real.
    forcing: bool,
    /// Starts the browser for [`Effect::OpenInBrowser`].
    opener: browser::Opener,
    /// Where `y` copies go (OSC 52 to the terminal).
    clipboard: Clipboard,
    /// The executable that runs jq filters apart (`apidex __jq`), and the id of the one running;
    /// `None`: filters run on a thread here (tests).
    filter_process: Option<(
        std::path::PathBuf,
        std::sync::Arc<std::sync::Mutex<Option<u32>>>,
    )>,
}

impl EffectRunner {
    /// A runner that fetches with `clients` and reports on `msg_tx`. Pictures are prepared for
    /// unicode half-blocks until [`EffectRunner::with_picker`] says otherwise.
    pub fn new(clients: Clients, msg_tx: UnboundedSender<Msg>) -> Self {
        super::reach::watch(&clients, &msg_tx);
        Self {
            clients,
            msg_tx,
            details: HashMap::new(),
            batches: HashMap::new(),
            images: HashMap::new(),
            terms: HashMap::new(),
            retiring: retire::Retiring::default(),
            picker: Picker::halfblocks(),
            debounce: DEBOUNCE,
            store: None,
            export_dir: PathBuf::from("."),
            forcing: false,
            opener: browser::none(),
            clipboard: Clipboard::default(),
            filter_process: None,
            live: live::LiveRunner::default(),
        }
    }

    /// Opens URLs with `opener` ([`browser::system`] in the binary). Until this is called the
    /// runner refuses to open any, so a test can never start a browser.
    #[must_use]
    pub fn with_opener(mut self, opener: browser::Opener) -> Self {
        self.opener = opener;
        self
    }

    /// Writes clipboard copies (OSC 52) to `clipboard` instead of stdout (tests check the bytes).
    pub fn set_clipboard(&mut self, clipboard: Clipboard) {
        self.clipboard = clipboard;
    }

    /// Connects the Live tab with these TLS settings (`--ca-cert`; default: the system's roots).
    #[must_use]
    pub fn with_live_tls(mut self, tls: std::sync::Arc<rustls::ClientConfig>) -> Self {
        self.live.tls = Some(tls);
        self
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
        // What the task answers if it panics.
        let answers = effect.clone();
        match effect {
            Effect::FetchList { source, req } => {
                let observer = self.observer(RetryTarget::List(source), req);
                let served = Served::new(&self.msg_tx, RetryTarget::List(source), req);
                self.spawn_for(&answers, async move {
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
                key,
                sub_breeds,
                debounce,
                ..
            } => self.fetch_detail(&answers, key, sub_breeds, debounce),
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
            } => self.fetch_image(&answers, url, req, pixel_art),
            Effect::CancelImage { url } => {
                if let Some(task) = self.images.remove(&url) {
                    let contended = self.clients.http.contended();
                    self.retiring
                        .retire(retire::Supersedable::started(task), contended);
                }
            }
            Effect::FetchTypeChart { req } => {
                self.spawn_for(&answers, async move {
                    let result = fetch::type_chart(&clients).await;
                    Msg::TypeChartLoaded { req, result }
                });
            }
            Effect::FetchTerm { term, req } => self.fetch_term(&answers, term, req),
            Effect::CancelTerm { term } => self.cancel_term(&term),
            Effect::FetchCards { req, items } => self.fetch_cards(req, items),
            Effect::Json(effect) => self.json_effect(&answers, effect),
            Effect::Live(effect) => self.live.run(effect, &self.msg_tx, &self.clients),
            Effect::Forced(effect) => {
                self.forcing = true;
                self.run(*effect);
                self.forcing = false;
            }
            Effect::Export { keys, name } => self.export(&answers, keys, &name),
            Effect::OpenInBrowser { url } => {
                let open = self.opener.clone();
                self.spawn_for(&answers, async move {
                    // Starting a program can block: off the UI loop, on a blocking thread.
                    let shown = url.clone();
                    let result = tokio::task::spawn_blocking(move || open.open(&shown))
                        .await
                        .unwrap_or_else(|err| Err(err.to_string()));
                    Msg::BrowserOpened { url, result }
                });
            }
            Effect::ExpireNotice { id, after } => {
                let tx = self.msg_tx.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(after).await;
                    let _ = tx.send(Msg::NoticeExpired { id });
                });
            }
            other => self.store_effect(other),
        }
    }

    fn observer(&self, target: RetryTarget, req: RequestId) -> RetryObserver {
        retry_observer(&self.msg_tx, target, req)
    }

    /// Spawns `work`, the task carrying out `effect`, and sends the message it ends with. If
    /// `work` panics, whoever waits for `effect` is told instead, with the panic's message
    /// ([`EffectRunner::failure_for`]); aborting the task reports nothing.
    pub fn spawn_for(
        &self,
        effect: &Effect,
        work: impl Future<Output = Msg> + Send + 'static,
    ) -> AbortHandle {
        let tx = self.msg_tx.clone();
        let effect = effect.clone();
        let work = maybe_forced(self.forcing, work);
        tokio::spawn(async move {
            let msgs = match catching(work).await {
                Ok(msg) => vec![msg],
                Err(message) => failure_for(&effect, &message),
            };
            for msg in msgs {
                // Errors the user sees are logged too.
                if let Some(error) = failure(&msg) {
                    tracing::warn!(%error, "task failed");
                }
                // The receiver is gone only when the app is shutting down.
                let _ = tx.send(msg);
            }
        })
        .abort_handle()
    }

    /// The messages that tell whoever waits for `effect` that its task panicked with `message`.
    pub fn failure_for(effect: &Effect, message: &str) -> Vec<Msg> {
        failure_for(effect, message)
    }

    fn fetch_detail(
        &mut self,
        answers: &Effect,
        key: ItemKey,
        sub_breeds: Vec<String>,
        debounce: bool,
    ) {
        let &Effect::FetchDetail { source, req, .. } = answers else {
            return;
        };
        let clients = self.clients.clone();
        let delay = if debounce {
            self.debounce
        } else {
            Duration::ZERO
        };
        let observer = self.observer(RetryTarget::Detail(source), req);
        let served = Served::new(&self.msg_tx, RetryTarget::Detail(source), req);
        let tx = self.msg_tx.clone();
        let task = self.spawn_after(answers, delay, async move {
            let work = retry::observe(observer, fetch::detail(&clients, &key, sub_breeds));
            let work = served::requests(&tx, source, req, work);
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
            self.retiring
                .retire(previous, self.clients.http.contended());
        }
    }

    fn fetch_image(&mut self, answers: &Effect, url: String, req: RequestId, pixel_art: bool) {
        let clients = self.clients.clone();
        let picker = self.picker.clone();
        let key = url.clone();
        let task = self.spawn_for(answers, async move {
            let result = fetch::picture(&clients, &url, picker, pixel_art).await;
            Msg::ImageLoaded { url, req, result }
        });
        self.images.retain(|_, t| !t.is_finished());
        if let Some(previous) = self.images.insert(key, task) {
            previous.abort();
        }
    }
}

/// `work`, with its requests forced to the network when `forced` (see [`Effect::Forced`]).
async fn maybe_forced<F: Future>(forced: bool, work: F) -> F::Output {
    if forced {
        crate::api::connectivity::forced(work).await
    } else {
        work.await
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
