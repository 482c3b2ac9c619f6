//! The reconnecting session: connect, send, read until the connection goes, wait, resume.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::{self, Message, error::CapacityError};

use super::check::is_json;
use super::connect::{self, Failure, Socket};
use super::{Cursor, Event, Frame, FrameKind, Options};

/// Close codes that say the request itself is wrong (protocol error, data it does not accept,
/// policy violation, a missing extension): reconnecting would be refused again.
const REFUSING_CLOSE_CODES: [u16; 5] = [1002, 1003, 1007, 1008, 1010];

/// A connection that stayed up this long starts the backoff over.
const STEADY_FOR: Duration = Duration::from_secs(10);

/// So does one that delivered this many messages.
const STEADY_MESSAGES: u64 = 100;

/// The reason tungstenite puts in the close it substitutes for one with an invalid code.
const INVALID_CLOSE_REPLY: &str = "Protocol violation";

/// How a connection ended.
enum Ended {
    /// It went (or was given up); reconnect.
    Lost(String),
    /// The server closed saying the request is wrong.
    Refused(String),
    /// Nobody listens to the events any more.
    Unheard,
}

/// Runs a session until it fails for good or `events` is dropped. Texts received on `outgoing`
/// are sent on the open connection (those sent while disconnected wait for the next one).
pub async fn run(
    options: Options,
    events: mpsc::Sender<Event>,
    mut outgoing: mpsc::UnboundedReceiver<String>,
) {
    let mut cursor = Cursor::for_url(&options.url);
    let mut attempt = 0u32;
    let mut ever_connected = false;
    loop {
        attempt += 1;
        if events.send(Event::Connecting { attempt }).await.is_err() {
            return;
        }
        let url = cursor.resume_url(&options.url);
        let reason = match connect::open(&url, &options).await {
            Err(Failure::Refused(reason)) => {
                let _ = events.send(Event::Failed { reason }).await;
                return;
            }
            Err(Failure::Transient(reason)) if !ever_connected && !options.retry_first => {
                let _ = events.send(Event::Failed { reason }).await;
                return;
            }
            Err(Failure::Transient(reason)) => reason,
            Ok(socket) => {
                ever_connected = true;
                let since = Instant::now();
                let mut delivered = 0u64;
                let ended = read(
                    socket,
                    &options,
                    &mut cursor,
                    &events,
                    &mut outgoing,
                    &mut delivered,
                );
                match ended.await {
                    Ended::Lost(reason) => {
                        // Only a connection that worked for a while starts the backoff over:
                        // a server that sends one message and closes would otherwise be
                        // reconnected to as fast as the first delay, forever.
                        if delivered >= STEADY_MESSAGES || since.elapsed() >= STEADY_FOR {
                            attempt = 1;
                        }
                        reason
                    }
                    Ended::Refused(reason) => {
                        let _ = events.send(Event::Failed { reason }).await;
                        return;
                    }
                    Ended::Unheard => return,
                }
            }
        };
        let delay = options.backoff.delay(attempt + 1);
        if events
            .send(Event::Reconnecting { reason, delay })
            .await
            .is_err()
        {
            return;
        }
        tokio::time::sleep(delay).await;
    }
}

/// Sends the `--send` texts, then reads until the connection goes.
async fn read(
    mut socket: Socket,
    options: &Options,
    cursor: &mut Cursor,
    events: &mpsc::Sender<Event>,
    outgoing: &mut mpsc::UnboundedReceiver<String>,
    delivered: &mut u64,
) -> Ended {
    for text in &options.sends {
        if let Err(err) = socket.send(Message::text(text.clone())).await {
            return lost(&err);
        }
    }
    if events.send(Event::Connected).await.is_err() {
        return Ended::Unheard;
    }
    let mut duplicates = 0u64;
    let mut outgoing_open = true;
    // Pings keep a quiet connection known to be alive; silence past the idle timeout ends it.
    let check = (options.idle_timeout / 3).max(Duration::from_millis(10));
    let mut ping = tokio::time::interval_at(Instant::now() + check, check);
    let mut heard = Instant::now();
    loop {
        tokio::select! {
            message = socket.next() => {
                heard = Instant::now();
                let frame = match message {
                    None => return Ended::Lost("the connection ended".to_owned()),
                    Some(Err(tungstenite::Error::Capacity(CapacityError::MessageTooLong {
                        size,
                        max_size,
                    }))) => {
                        if events.send(Event::Refused { size }).await.is_err() {
                            return Ended::Unheard;
                        }
                        // The frame cannot be skipped on this connection: resume past it.
                        return Ended::Lost(format!(
                            "refused a {size}-byte frame (the cap is {max_size} bytes)"
                        ));
                    }
                    Some(Err(tungstenite::Error::Utf8(_))) => {
                        if events.send(Event::InvalidUtf8).await.is_err() {
                            return Ended::Unheard;
                        }
                        // Its bytes are not echoed: they are what was wrong.
                        return Ended::Lost("a text frame was not valid UTF-8".to_owned());
                    }
                    Some(Err(err)) => return lost(&err),
                    Some(Ok(Message::Close(frame))) => return closed(frame),
                    Some(Ok(Message::Text(text))) => frame(text.as_str().to_owned()),
                    // Skipped and counted whatever they hold (JSON too): text is what is
                    // promised, and a binary protocol's bytes are not ours to guess at.
                    Some(Ok(Message::Binary(bytes))) => Frame {
                        text: format!("binary frame, {} bytes", bytes.len()),
                        kind: FrameKind::Binary,
                        time_us: None,
                    },
                    // Pings are answered by tungstenite; pongs only show the peer is there.
                    Some(Ok(_)) => continue,
                };
                if !cursor.accept(frame.time_us) {
                    duplicates += 1;
                    continue;
                }
                if duplicates > 0 {
                    if events.send(Event::Duplicates(duplicates)).await.is_err() {
                        return Ended::Unheard;
                    }
                    duplicates = 0;
                }
                *delivered += 1;
                if events.send(Event::Message(frame)).await.is_err() {
                    return Ended::Unheard;
                }
            }
            text = outgoing.recv(), if outgoing_open => match text {
                Some(text) => {
                    if let Err(err) = socket.send(Message::text(text)).await {
                        return lost(&err);
                    }
                }
                None => outgoing_open = false,
            },
            _ = ping.tick() => {
                if heard.elapsed() >= options.idle_timeout {
                    return Ended::Lost(format!(
                        "nothing received for {} s",
                        options.idle_timeout.as_secs()
                    ));
                }
                if let Err(err) = socket.send(Message::Ping(Vec::new().into())).await {
                    return lost(&err);
                }
            }
        }
    }
}

/// A text frame, checked for JSON (and Jetstream's `time_us`).
fn frame(text: String) -> Frame {
    let (json, time_us) = is_json(&text);
    Frame {
        kind: if json {
            FrameKind::Json
        } else {
            FrameKind::NotJson
        },
        text,
        time_us,
    }
}

fn lost(err: &tungstenite::Error) -> Ended {
    let reason = match err {
        tungstenite::Error::Protocol(
            tungstenite::error::ProtocolError::ResetWithoutClosingHandshake,
        ) => "the connection was cut without a close".to_owned(),
        tungstenite::Error::Io(err) => format!("connection lost: {err}"),
        other => format!("connection lost: {other}"),
    };
    Ended::Lost(crate::sanitize::line(&reason).into_owned())
}

fn closed(frame: Option<tungstenite::protocol::CloseFrame>) -> Ended {
    let Some(frame) = frame else {
        return Ended::Lost("server closed".to_owned());
    };
    let code = u16::from(frame.code);
    // tungstenite answers a close code no one may send (1005, 999, 5000) with its own 1002
    // and hands that on in place of the server's: the fault is the server's, not the request's.
    if code == 1002 && frame.reason.as_str() == INVALID_CLOSE_REPLY {
        return Ended::Lost("the server sent an invalid close code".to_owned());
    }
    let mut reason = format!("server closed: {code}");
    if !frame.reason.is_empty() {
        reason.push(' ');
        reason.push_str(&crate::sanitize::line(frame.reason.as_str()));
    }
    if REFUSING_CLOSE_CODES.contains(&code) {
        Ended::Refused(reason)
    } else {
        Ended::Lost(reason)
    }
}

/// Starts a session as a task: its events arrive on the returned receiver (bounded, so a slow
/// reader slows the socket instead of growing memory), texts to send go into the sender. Dropping
/// the receiver ends the session.
pub fn spawn(
    options: Options,
) -> (
    mpsc::Receiver<Event>,
    mpsc::UnboundedSender<String>,
    tokio::task::JoinHandle<()>,
) {
    let (events_tx, events_rx) = mpsc::channel(1024);
    let (send_tx, send_rx) = mpsc::unbounded_channel();
    let task = tokio::spawn(run(options, events_tx, send_rx));
    (events_rx, send_tx, task)
}
