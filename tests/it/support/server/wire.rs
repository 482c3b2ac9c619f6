//! The server's side of one connection: reading requests, choosing the reply (routes, queued
//! replies, chaos, revalidation), and writing it with its faults.

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::{Fault, Reply, State};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Serves one connection: requests one after another (keep-alive) until the client closes.
pub(super) async fn serve(mut stream: TcpStream, state: Arc<State>) {
    let mut buffer = Vec::with_capacity(1024);
    loop {
        let Some((target, head)) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        let if_none_match = header(&head, "if-none-match");
        let if_modified_since = header(&head, "if-modified-since");
        state.seen.lock().unwrap().push(target.clone());
        state.heads.lock().unwrap().push(head.clone());
        let started = state.clock.fetch_add(1, Ordering::SeqCst);
        let now = state.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        state.max_in_flight.fetch_max(now, Ordering::SeqCst);
        let queued = state
            .queued
            .lock()
            .unwrap()
            .get_mut(&target)
            .and_then(std::collections::VecDeque::pop_front);
        let reply = chaos(&state).or(queued).unwrap_or_else(|| {
            state
                .routes
                .lock()
                .unwrap()
                .get(&target)
                .cloned()
                .unwrap_or_else(|| Reply {
                    body: Arc::new(b"Not Found".to_vec()),
                    ..Reply::status(404)
                })
        });
        // A reply with an ETag the client already has is answered 304 Not Modified; so is one
        // with no ETag whose Last-Modified is the client's If-Modified-Since. The 304 carries
        // the reply's headers (a server's 304 repeats Cache-Control, Age, …), not its body.
        let find = |name: &str| {
            reply
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        let unchanged = match (find("etag"), find("last-modified")) {
            (Some(etag), _) => if_none_match.as_ref() == Some(&etag),
            (None, Some(modified)) => if_modified_since.as_ref() == Some(&modified),
            (None, None) => false,
        };
        let reply = if unchanged && reply.status == 200 && reply.fault.is_none() {
            state.not_modified.fetch_add(1, Ordering::SeqCst);
            Reply {
                body: Arc::new(Vec::new()),
                headers: reply.headers.clone(),
                ..Reply::status(304)
            }
        } else {
            reply
        };
        let extra = Duration::from_millis(state.delay_ms.load(Ordering::SeqCst) as u64);
        tokio::time::sleep(reply.delay + extra).await;
        // The request stops counting as in flight just before the client can have all of the
        // answer: counting it after the last write would let a client that already has the whole
        // body (and so may correctly start its next request) be seen over its limit.
        let keep_going = answer(&mut stream, &reply, || {
            state.in_flight.fetch_sub(1, Ordering::SeqCst);
        })
        .await;
        let ended = state.clock.fetch_add(1, Ordering::SeqCst);
        state.spans.lock().unwrap().push((target, started, ended));
        if !keep_going {
            return;
        }
    }
}

/// The value of header `name` (lower case) in a request head.
pub(super) fn header(head: &str, name: &str) -> Option<String> {
    head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().to_owned())
    })
}

/// A random failure, when chaos is on and the dice say so.
fn chaos(state: &State) -> Option<Reply> {
    let mut chaos = state.chaos.lock().unwrap();
    let (rate, seed) = chaos.as_mut()?;
    // xorshift64: small, deterministic, good enough to spread failures.
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    #[allow(clippy::cast_precision_loss)]
    let roll = (*seed >> 11) as f64 / (1u64 << 53) as f64;
    if roll >= *rate {
        return None;
    }
    Some(match *seed % 3 {
        0 => Reply::status(503).header("Retry-After", "0"),
        1 => Reply::status(500),
        _ => Reply::fault(Fault::Close),
    })
}

/// Reads one request head; returns its target (path and query) and the whole head, or `None`
/// at end of stream.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<(String, String)> {
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
            buffer.drain(..end + 4);
            let target = head.split_whitespace().nth(1)?.to_owned();
            return Some((target, head));
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}

/// Writes the reply (or its fault); returns whether the connection stays open. `done` runs just
/// before the client can see the end of the answer: before its last byte, or before the close.
async fn answer(stream: &mut TcpStream, reply: &Reply, done: impl FnOnce()) -> bool {
    let (status, body): (u16, &[u8]) = match reply.fault {
        Some(Fault::Hang) => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            done();
            return false;
        }
        Some(Fault::Close) => {
            done();
            return false;
        }
        Some(Fault::Malformed) => (200, b"{\"id\": 1, \"name\": <html>oops"),
        Some(Fault::Truncate) | None => (reply.status, reply.body.as_slice()),
    };
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n",
        reason(status),
        reply.content_type,
        body.len()
    );
    for (name, value) in &reply.headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    head.push_str("\r\n");
    let mut message = head.into_bytes();
    if reply.fault == Some(Fault::Truncate) {
        message.extend_from_slice(&body[..body.len() / 2]);
        let _ = stream.write_all(&message).await;
        let _ = stream.flush().await;
        done();
        return false;
    }
    message.extend_from_slice(body);
    // The head is never empty, so there is always a last byte to hold back.
    let (most, last) = message.split_at(message.len() - 1);
    if stream.write_all(most).await.is_err() {
        done();
        return false;
    }
    done();
    stream.write_all(last).await.is_ok()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        304 => "Not Modified",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
