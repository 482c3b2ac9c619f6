//! Case 8, live streams (#15): a WebSocket server in this process (tokio-tungstenite) sends
//! Jetstream-shaped post events, each post's text starting with its number (`m0001234`), and
//! notes when it sent each one.
//!
//! - The Live tab of the release binary, in a pseudo-terminal, at 2 000 messages a second for
//!   10 s: every byte it draws is applied to a small terminal (`screen.rs`) as it arrives, so
//!   the newest number on screen is known at every moment; its age (now − when it was sent),
//!   just before each redraw, is how far the screen lags. Also CPU over the 10 s and resident
//!   memory with the 10 000-message buffer full.
//! - `apidex watch` to /dev/null with the server sending as fast as it can: messages a second.

use std::ffi::OsString;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};

use super::{Bench, Cache, LIST_SHOWN, Report, Result, Row, SCREEN, mib, procfs, pty, screen};

/// The Live tab's stream: this many messages a second, for this long.
const RATE: u64 = 2_000;
const SECONDS: u64 = 10;
/// Messages `apidex watch` reads as fast as the server sends them.
const WATCH_COUNT: u64 = 200_000;

/// When each message was sent, by number.
type Sent = Arc<Mutex<Vec<Instant>>>;

impl Bench {
    /// Runs the live case and adds its rows.
    pub(super) fn live(&self, report: &mut Report) -> Result<()> {
        eprintln!("== 8. live: {RATE} messages/s for {SECONDS} s into the Live tab; watch");
        let sent: Sent = Arc::default();
        let listener = self.runtime.block_on(TcpListener::bind("127.0.0.1:0"))?;
        let port = listener.local_addr()?.port();
        let server = self.runtime.spawn(serve(listener, Arc::clone(&sent)));
        let result = self
            .live_tab(port, &sent, report)
            .and_then(|()| self.watch(port, report));
        server.abort();
        result
    }

    fn live_tab(&self, port: u16, sent: &Sent, report: &mut Report) -> Result<()> {
        let url = format!("ws://127.0.0.1:{port}/subscribe?rate={RATE}&seconds={SECONDS}");
        let mut args = self.cache_args(&Cache::Off);
        args.extend(["--no-images".into(), "--live-url".into(), url.into()]);
        let mut pty = pty::Pty::spawn(&self.binary, &args, &self.envs(), SCREEN, &[LIST_SHOWN])?;
        let output = pty.tap();
        let pid = pty.pid();
        let mut screen = screen::Screen::new(SCREEN);
        pty.wait_for(LIST_SHOWN, Duration::from_secs(10))
            .ok_or_else(|| format!("the list did not load; the screen:\n{}", pty.text()))?;
        let rss_before = procfs::status_kb(pid, "VmRSS").unwrap_or(0);
        pty.send(b"4")?;
        let total = RATE * SECONDS;
        let mut lag = Lag::default();
        let mut cpu_from: Option<(Instant, Duration)> = None;
        let mut cpu_to: Option<(Instant, Duration)> = None;
        let mut rss_full = 0;
        let deadline = Instant::now() + Duration::from_secs(SECONDS + 20);
        let mut newest: Option<u64> = None;
        while Instant::now() < deadline && lag.last_shown.is_none() {
            let Ok((at, bytes)) = output.recv_timeout(Duration::from_millis(100)) else {
                continue;
            };
            // When the newest message on screen and the last one were sent, and how many were.
            let (newest_sent, sent_count, last_sent) = {
                let times = sent.lock().unwrap_or_else(PoisonError::into_inner);
                let at_seq = |seq: Option<u64>| {
                    seq.and_then(|s| usize::try_from(s).ok())
                        .and_then(|i| times.get(i).copied())
                };
                (at_seq(newest), times.len() as u64, times.last().copied())
            };
            let streaming = sent_count < total;
            if cpu_from.is_none() && sent_count > 0 {
                cpu_from = Some((Instant::now(), procfs::thread_cpu(pid).unwrap_or_default()));
            }
            // How old the newest message on screen is just before this redraw.
            if let Some(sent_at) = newest_sent
                && streaming
            {
                lag.sample(at.saturating_duration_since(sent_at), sent_count);
            }
            screen.feed(&bytes);
            newest = newest_on_screen(&screen).max(newest);
            if !streaming && cpu_to.is_none() {
                cpu_to = Some((Instant::now(), procfs::thread_cpu(pid).unwrap_or_default()));
                rss_full = procfs::status_kb(pid, "VmRSS").unwrap_or(0);
            }
            if newest == Some(total - 1)
                && let Some(sent_at) = last_sent
            {
                lag.last_shown = Some(at.saturating_duration_since(sent_at));
            }
        }
        let peak = procfs::status_kb(pid, "VmHWM").unwrap_or(0);
        let title = screen
            .lines()
            .find(|l| l.contains("received"))
            .unwrap_or_default();
        pty.send(b"q")?;
        let _ = pty.finish(Duration::from_secs(3));
        let final_lag = lag.last_shown.ok_or_else(|| {
            format!(
                "the last message never reached the screen (newest shown: {newest:?}); \
                 the title: {title}"
            )
        })?;
        let (Some((t0, c0)), Some((t1, c1))) = (cpu_from, cpu_to) else {
            return Err("the stream did not run".into());
        };
        let cpu = c1.saturating_sub(c0).as_secs_f64() / (t1 - t0).as_secs_f64();
        let memory = (rss_before, rss_full, peak);
        live_rows(report, &lag, final_lag, cpu, memory, &title);
        Ok(())
    }

    fn watch(&self, port: u16, report: &mut Report) -> Result<()> {
        let url = format!("ws://127.0.0.1:{port}/subscribe?count={WATCH_COUNT}");
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let started = Instant::now();
            let status = Command::new(&self.binary)
                .args(["watch", &url, "--count", &WATCH_COUNT.to_string()])
                .envs(self.envs().into_iter().map(|(k, v)| (k, v as OsString)))
                .stdout(Stdio::from(std::fs::File::create("/dev/null")?))
                .stderr(Stdio::null())
                .status()?;
            if !status.success() {
                return Err(format!("apidex watch failed: {status}").into());
            }
            best = best.min(started.elapsed());
        }
        let rate = WATCH_COUNT as f64 / best.as_secs_f64();
        report.notes.push(format!(
            "watch: {WATCH_COUNT} messages to /dev/null in {} at best of 3 (start and connect \
             included)",
            super::ms(best)
        ));
        report.rows.push(Row::new(
            "8. live: `apidex watch` to /dev/null, server sending as fast as it can",
            format!("{rate:.0} msg/s"),
            "≥ 20 000 msg/s".to_owned(),
            20_000.0 / rate,
        ));
        Ok(())
    }
}

/// The Live tab's rows and note.
fn live_rows(
    report: &mut Report,
    lag: &Lag,
    final_lag: Duration,
    cpu: f64,
    (rss_before, rss_full, peak): (u64, u64, u64),
    title: &str,
) {
    report.notes.push(format!(
        "live tab: the newest message on screen at most {} old just before a redraw over the \
             whole run ({} in the first second, {} in the last); the last one shown {} after it \
             was sent; {} redraws seen; RSS {} before the stream, {} with the buffer full (peak \
             {}); title at the end: {}",
        super::ms(lag.max),
        super::ms(lag.first_second),
        super::ms(lag.last_second),
        super::ms(final_lag),
        lag.samples,
        mib(rss_before),
        mib(rss_full),
        mib(peak),
        title.trim_matches(|c: char| c.is_whitespace() || "┌┐─".contains(c))
    ));
    let worst = lag.last_second.max(final_lag);
    report.rows.push(Row::new(
        "8. live: newest message's age on screen at the end of 10 s at 2 000 msg/s",
        format!(
            "{} (last second's worst; at most {} over the run)",
            super::ms(worst),
            super::ms(lag.max)
        ),
        "< 200 ms".to_owned(),
        worst.as_secs_f64() / 0.2,
    ));
    report.rows.push(Row::new(
        "8. live: CPU of the browser while streaming",
        format!("{:.0} % of one core", cpu * 100.0),
        "≤ 50 %".to_owned(),
        cpu / 0.5,
    ));
    report.rows.push(Row::new(
        "8. live: resident memory with the 10 000-message buffer full",
        format!("{} (peak {})", mib(rss_full), mib(peak)),
        "≤ 40 MB".to_owned(),
        rss_full.max(peak) as f64 / 40e6,
    ));
}

/// The lag samples: each the age of the newest message on screen just before a redraw.
#[derive(Default)]
struct Lag {
    max: Duration,
    first_second: Duration,
    last_second: Duration,
    samples: u64,
    /// How long after it was sent the last message reached the screen.
    last_shown: Option<Duration>,
}

impl Lag {
    fn sample(&mut self, age: Duration, sent: u64) {
        self.samples += 1;
        self.max = self.max.max(age);
        if sent <= RATE {
            self.first_second = self.first_second.max(age);
        } else if sent > RATE * (SECONDS - 1) {
            self.last_second = self.last_second.max(age);
        }
    }
}

/// The highest message number on screen (`m0001234` at the start of a post's text).
fn newest_on_screen(screen: &screen::Screen) -> Option<u64> {
    screen
        .lines()
        .filter_map(|line| {
            let at = line.find(" m")?;
            let digits = line.get(at + 2..at + 9)?;
            digits
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| digits.parse().ok())?
        })
        .max()
}

/// Accepts connections: `/subscribe?rate=R&seconds=S` sends R messages a second for S seconds
/// (then stays open and quiet); `?count=N` sends N as fast as the socket takes them.
async fn serve(listener: TcpListener, sent: Sent) {
    while let Ok((stream, _)) = listener.accept().await {
        let sent = Arc::clone(&sent);
        tokio::spawn(async move {
            let mut query = String::new();
            #[allow(clippy::result_large_err)] // tungstenite's callback type
            let callback = |request: &Request, response: Response| {
                request
                    .uri()
                    .query()
                    .unwrap_or_default()
                    .clone_into(&mut query);
                Ok(response)
            };
            let Ok(socket) = tokio_tungstenite::accept_hdr_async(stream, callback).await else {
                return;
            };
            let knob = |name: &str| {
                query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
                    .and_then(|v| v.parse::<u64>().ok())
            };
            let (mut sink, mut source) = socket.split();
            // Reads (and drops) whatever the client sends, so pings are answered.
            tokio::spawn(async move { while let Some(Ok(_)) = source.next().await {} });
            if let Some(count) = knob("count") {
                for seq in 0..count {
                    if sink.feed(Message::text(event(seq))).await.is_err() {
                        return;
                    }
                    if seq % 64 == 63 && sink.flush().await.is_err() {
                        return;
                    }
                }
                let _ = sink.flush().await;
            } else {
                let rate = knob("rate").unwrap_or(RATE);
                let total = rate * knob("seconds").unwrap_or(SECONDS);
                sent.lock().unwrap_or_else(PoisonError::into_inner).clear();
                let start = Instant::now();
                let mut seq = 0u64;
                while seq < total {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let due = ((start.elapsed().as_secs_f64() * rate as f64) as u64).min(total);
                    while seq < due {
                        if sink.feed(Message::text(event(seq))).await.is_err() {
                            return;
                        }
                        sent.lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .push(Instant::now());
                        seq += 1;
                    }
                    if sink.flush().await.is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            }
            // Open and quiet until the client goes.
            std::future::pending::<()>().await;
        });
    }
}

/// A Jetstream post event (the shape the replica's stand-in sends, ~500 bytes) numbered `seq`.
fn event(seq: u64) -> String {
    let time_us = 1_796_000_000_000_000 + seq * 500;
    format!(
        r#"{{"did":"did:plc:rbgasp7zgruqrc6mt2lzlk{d:02}","time_us":{time_us},"kind":"commit","commit":{{"rev":"kitb4tj33oj{d:02}","operation":"create","collection":"app.bsky.feed.post","rkey":"cxqlgccta3i{d:02}","record":{{"$type":"app.bsky.feed.post","createdAt":"2026-11-30T00:53:20.050Z","text":"m{seq:07} est natus enim nihil est dolore omnis voluptatem numquam et omnis occaecati quod ullam at voluptatem error expedita pariatur","langs":["en"]}},"cid":"bafyreign66gurp7coe6rw3itswm3qlg3khyo{d:02}"}}}}"#,
        d = seq % 100
    )
}
