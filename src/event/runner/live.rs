//! The Live tab's stream: one session at a time, its events relayed to the loop in batches.
//!
//! The session reports every message; the relay turns each into a summary row (here, off the
//! UI task) and sends what came at most every [`BATCH`], so a stream of thousands of messages a
//! second costs ~30 updates and redraws a second, while keys reach the loop at once.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc::{self, UnboundedSender};
use tokio::task::AbortHandle;
use tokio::time::Instant;

use crate::api::Clients;
use crate::live::summary::Summarizer;
use crate::live::{self, Event};
use crate::msg::{LiveEffect, LiveMsg, LiveRow, LiveStatus, Msg};

/// The longest a received message waits before it is sent to the loop.
const BATCH: Duration = Duration::from_millis(33);

/// Runs the Live tab's session.
#[derive(Debug, Default)]
pub struct LiveRunner {
    /// TLS for `wss://` (`None`: the system's roots, built on first use).
    pub tls: Option<Arc<rustls::ClientConfig>>,
    task: Option<AbortHandle>,
    send: Option<UnboundedSender<String>>,
}

impl Drop for LiveRunner {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

impl LiveRunner {
    /// Carries out one effect.
    pub fn run(&mut self, effect: LiveEffect, msg_tx: &UnboundedSender<Msg>, clients: &Clients) {
        match effect {
            LiveEffect::Send(text) => {
                if let Some(send) = &self.send {
                    let _ = send.send(text);
                }
            }
            LiveEffect::Connect {
                session,
                url,
                max_frame,
            } => {
                if let Some(task) = self.task.take() {
                    task.abort();
                }
                let status = |status| Msg::Live(LiveMsg::Status { session, status });
                let url = match live::parse_url(&url) {
                    Ok(url) => url,
                    Err(reason) => {
                        let _ = msg_tx.send(status(LiveStatus::Failed(reason)));
                        return;
                    }
                };
                let tls = match self
                    .tls
                    .clone()
                    .map_or_else(|| live::client_config(None), Ok)
                {
                    Ok(tls) => tls,
                    Err(reason) => {
                        let _ = msg_tx.send(status(LiveStatus::Failed(reason)));
                        return;
                    }
                };
                let options = live::Options {
                    url,
                    max_frame,
                    sends: Vec::new(),
                    handshake_timeout: clients.http.options().timeout,
                    idle_timeout: Duration::from_secs(60),
                    tls,
                    retry_first: true,
                    backoff: live::Backoff::default(),
                };
                let (events, send, session_task) = live::spawn(options);
                let relay = tokio::spawn(relay(session, events, msg_tx.clone(), session_task));
                self.task = Some(relay.abort_handle());
                self.send = Some(send);
            }
        }
    }
}

/// Sends the rows and refusals gathered so far, with the rate, emptying both; `false` when the
/// loop is gone.
fn send_batch(
    msg_tx: &UnboundedSender<Msg>,
    session: u64,
    rows: &mut Vec<LiveRow>,
    refused: &mut u64,
    rate: f64,
) -> bool {
    let batch = LiveMsg::Received {
        session,
        rows: std::mem::take(rows),
        refused: std::mem::take(refused),
        rate,
    };
    msg_tx.send(Msg::Live(batch)).is_ok()
}

/// Ends the session task when the relay ends (aborted, or the loop gone).
struct Owned(tokio::task::JoinHandle<()>);

impl Drop for Owned {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Relays a session's events to the loop: rows in batches, state changes at once, the rate
/// once a second, and while waiting to reconnect the time left each time its whole seconds
/// change (`reconnecting in 4 s` → 3 → 2 → 1: one update and redraw a second, only then).
async fn relay(
    session: u64,
    mut events: mpsc::Receiver<Event>,
    msg_tx: UnboundedSender<Msg>,
    session_task: tokio::task::JoinHandle<()>,
) {
    let _owned = Owned(session_task);
    let mut summarizer = Summarizer::default();
    let mut rows = Vec::new();
    let mut refused = 0u64;
    let mut flush_at: Option<Instant> = None;
    let mut rate = Rate::default();
    let mut second = tokio::time::interval(Duration::from_secs(1));
    let mut countdown: Option<Countdown> = None;
    loop {
        let event = tokio::select! {
            event = events.recv() => event,
            () = sleep_until(countdown.as_ref().and_then(Countdown::next_change)) => {
                let Some(status) = countdown.as_mut().map(Countdown::status) else { continue };
                if msg_tx.send(Msg::Live(LiveMsg::Status { session, status })).is_err() {
                    return;
                }
                continue;
            }
            () = sleep_until(flush_at) => {
                flush_at = None;
                if !send_batch(&msg_tx, session, &mut rows, &mut refused, rate.per_second()) {
                    return;
                }
                continue;
            }
            _ = second.tick() => {
                // The rate falls to 0 when the stream stops, so it is sent without messages too.
                if rate.tick() && flush_at.is_none() {
                    flush_at = Some(Instant::now());
                }
                continue;
            }
        };
        let Some(event) = event else { return };
        countdown = None;
        let status = match event {
            Event::Message(frame) => {
                rate.count();
                rows.push(LiveRow {
                    summary: summarizer.summary(&frame),
                    text: Arc::from(frame.text),
                    kind: frame.kind,
                });
                flush_at.get_or_insert_with(|| Instant::now() + BATCH);
                continue;
            }
            Event::Refused { .. } => {
                refused += 1;
                flush_at.get_or_insert_with(|| Instant::now() + BATCH);
                continue;
            }
            Event::Duplicates(_) | Event::InvalidUtf8 => continue,
            Event::Connecting { attempt } => LiveStatus::Connecting { attempt },
            Event::Connected => LiveStatus::Live,
            Event::Reconnecting { reason, delay } => {
                let countdown = countdown.insert(Countdown {
                    reason,
                    until: Instant::now() + delay,
                    shown: 0,
                });
                countdown.status()
            }
            Event::Failed { reason } => LiveStatus::Failed(reason),
        };
        // What came before the change is shown before it.
        if !rows.is_empty() || refused > 0 {
            flush_at = None;
            if !send_batch(&msg_tx, session, &mut rows, &mut refused, rate.per_second()) {
                return;
            }
        }
        if msg_tx
            .send(Msg::Live(LiveMsg::Status { session, status }))
            .is_err()
        {
            return;
        }
    }
}

/// The wait before the next connection attempt.
struct Countdown {
    reason: String,
    until: Instant,
    /// The whole seconds left (rounded up, as the title shows them) in the last status sent.
    shown: u64,
}

impl Countdown {
    /// The status now, noting the seconds it shows.
    fn status(&mut self) -> LiveStatus {
        let delay = self.until.saturating_duration_since(Instant::now());
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // ≥ 0, a backoff
        let whole = delay.as_secs_f64().ceil() as u64;
        self.shown = whole;
        LiveStatus::Reconnecting {
            reason: self.reason.clone(),
            delay,
        }
    }

    /// When the seconds shown next change (from the last status sent, so a wake-up for
    /// anything else cannot skip one); `None` once the last second has begun (the attempt's
    /// `Connecting` says the rest).
    fn next_change(&self) -> Option<Instant> {
        (self.shown > 1).then(|| self.until - Duration::from_secs(self.shown - 1))
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

/// Messages per second: those counted in the last whole second.
#[derive(Debug, Default)]
struct Rate {
    this_second: u64,
    last_second: u64,
}

impl Rate {
    fn count(&mut self) {
        self.this_second += 1;
    }

    /// A second has passed; whether the rate changed.
    fn tick(&mut self) -> bool {
        let changed = self.this_second != self.last_second;
        self.last_second = std::mem::take(&mut self.this_second);
        changed
    }

    #[allow(clippy::cast_precision_loss)] // a count of messages in one second
    fn per_second(&self) -> f64 {
        self.last_second as f64
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::sync::mpsc;

    use super::relay;
    use crate::live::Event;
    use crate::msg::{LiveMsg, LiveStatus, Msg};

    /// The seconds left in each reconnect status the loop received so far.
    fn countdown(msgs: &mut mpsc::UnboundedReceiver<Msg>) -> Vec<u64> {
        let mut seen = Vec::new();
        while let Ok(msg) = msgs.try_recv() {
            if let Msg::Live(LiveMsg::Status {
                status: LiveStatus::Reconnecting { delay, .. },
                ..
            }) = msg
            {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                seen.push(delay.as_secs_f64().ceil() as u64);
            }
        }
        seen
    }

    #[tokio::test(start_paused = true)]
    async fn the_reconnect_wait_counts_down_once_a_second_and_stops() {
        let (events_tx, events) = mpsc::channel(16);
        let (msg_tx, mut msgs) = mpsc::unbounded_channel();
        let task = tokio::spawn(async {});
        tokio::spawn(relay(7, events, msg_tx, task));
        events_tx
            .send(Event::Reconnecting {
                reason: "server closed: 1011".into(),
                delay: Duration::from_secs(4),
            })
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert_eq!(countdown(&mut msgs), [4]);
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(countdown(&mut msgs), [3]);
        tokio::time::sleep(Duration::from_millis(2500)).await;
        assert_eq!(
            countdown(&mut msgs),
            [2, 1],
            "one update per second, no more"
        );
        // The attempt starts: the countdown ends, and nothing more comes while connecting.
        events_tx
            .send(Event::Connecting { attempt: 2 })
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_secs(10)).await;
        let mut rest = 0;
        while let Ok(msg) = msgs.try_recv() {
            assert!(
                matches!(
                    msg,
                    Msg::Live(LiveMsg::Status {
                        status: LiveStatus::Connecting { attempt: 2 },
                        ..
                    })
                ),
                "{msg:?}"
            );
            rest += 1;
        }
        assert_eq!(rest, 1, "no ticks while not reconnecting");
    }
}
