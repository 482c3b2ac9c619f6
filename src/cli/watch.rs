//! `apidex watch URL`: a live JSON stream over WebSocket to stdout, one message a line.
//!
//! stdout carries the messages only (NDJSON: each JSON message compacted to one line, a text
//! frame that is not JSON as a JSON string, `--raw`: as sent with control characters escaped);
//! connecting, reconnects and the counts go to stderr. Exit status: 0 when `--count` or
//! `--duration` is reached, 1 when the server refuses or the first connection fails, 130 on
//! Ctrl-C, 141 when stdout's reader goes away (nothing printed).

use std::io::{self, Write};
use std::time::Duration;

use clap::Args;

use super::{EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_MISSING_OR_FAILED, EXIT_OK, EXIT_USAGE};
use super::{Globals, sink::compact};
use crate::live::{self, Event, Frame, FrameKind};

/// How long a connection may stay silent (no message, no pong) before it is resumed anew.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// Output is flushed at least this often while messages keep coming, and whenever none wait.
const FLUSH_BYTES: usize = 64 * 1024;

/// `apidex watch`'s arguments.
#[derive(Debug, Clone, Args)]
pub struct WatchArgs {
    /// A `ws://` or `wss://` URL, e.g.
    /// `wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post`.
    #[arg(value_name = "URL")]
    pub url: String,
    /// Stop after this many messages (exit 0).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// Stop after this many seconds (decimals allowed; exit 0).
    #[arg(long, value_name = "SECONDS", value_parser = parse_duration)]
    pub duration: Option<Duration>,
    /// Send this text after each connect (a subscribe message); repeat for several.
    #[arg(long = "send", value_name = "TEXT")]
    pub sends: Vec<String>,
    /// Print text frames that are not JSON as they are (control characters escaped), not as
    /// JSON strings.
    #[arg(long)]
    pub raw: bool,
    /// Refuse messages larger than this many kilobytes (1000 bytes each) [default: 1000].
    #[arg(long, value_name = "KB", value_parser = parse_frame_kb)]
    pub max_frame_kb: Option<u32>,
}

fn parse_frame_kb(input: &str) -> Result<u32, String> {
    crate::config::limits::MAX_FRAME_KB.parse(input)
}

fn parse_duration(input: &str) -> Result<Duration, String> {
    match input.trim().parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s <= 1e9 => Ok(Duration::from_secs_f64(s)),
        _ => Err(format!(
            "expected seconds above 0, e.g. 10 or 0.5 (got {input:?})"
        )),
    }
}

/// What was seen, for the closing line on stderr.
#[derive(Debug, Default)]
struct Counts {
    printed: u64,
    not_json: u64,
    binary: u64,
    refused: u64,
    duplicates: u64,
    invalid_utf8: u64,
    reconnects: u64,
}

impl Counts {
    fn line(&self) -> String {
        let mut parts = vec![format!(
            "{} message{}",
            self.printed,
            if self.printed == 1 { "" } else { "s" }
        )];
        for (n, one, many) in [
            (self.not_json, "not JSON", "not JSON"),
            (self.binary, "binary frame skipped", "binary frames skipped"),
            (
                self.refused,
                "refused over the size cap",
                "refused over the size cap",
            ),
            (
                self.duplicates,
                "repeated after a resume and dropped",
                "repeated after a resume and dropped",
            ),
            (self.invalid_utf8, "not valid UTF-8", "not valid UTF-8"),
            (self.reconnects, "reconnect", "reconnects"),
        ] {
            match n {
                0 => {}
                1 => parts.push(format!("1 {one}")),
                n => parts.push(format!("{n} {many}")),
            }
        }
        parts.join(", ")
    }
}

/// Runs `apidex watch` and returns its exit status.
pub async fn run(globals: &Globals, args: WatchArgs) -> u8 {
    let options = match options(globals, &args) {
        Ok(options) => options,
        Err((code, message)) => {
            eprintln!("apidex: {message}");
            return code;
        }
    };
    let shown = crate::sanitize::line(options.url.as_str()).into_owned();
    let (mut events, _send, task) = live::spawn(options);
    let deadline = args.duration.map(|d| tokio::time::Instant::now() + d);
    let mut out = io::BufWriter::with_capacity(FLUSH_BYTES, io::stdout());
    let mut counts = Counts::default();
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let code = loop {
        let event = tokio::select! {
            biased;
            _ = &mut ctrl_c => {
                let _ = out.flush();
                eprintln!("apidex: interrupted ({})", counts.line());
                task.abort();
                return EXIT_INTERRUPTED;
            }
            () = sleep_until(deadline) => break EXIT_OK,
            event = events.recv() => event,
        };
        let Some(event) = event else {
            break EXIT_MISSING_OR_FAILED;
        };
        match event {
            Event::Connecting { attempt } if globals.verbose => {
                eprintln!("apidex: connecting to {shown} (attempt {attempt})");
            }
            // The first connection is the normal case, not worth a line; a resumed one is.
            Event::Connected if counts.reconnects > 0 || globals.verbose => {
                eprintln!("apidex: connected to {shown}");
            }
            Event::Connecting { .. } | Event::Connected => {}
            Event::Message(frame) => {
                let Some(line) = line(&frame, args.raw, &mut counts) else {
                    continue;
                };
                counts.printed += 1;
                if let Err(err) = out.write_all(line.as_bytes()) {
                    return write_failed(&err, &task);
                }
                if args.count.is_some_and(|n| counts.printed >= n) {
                    break EXIT_OK;
                }
            }
            // Counted; the reconnect that follows says which frame, on its one line.
            Event::Refused { .. } => counts.refused += 1,
            Event::InvalidUtf8 => counts.invalid_utf8 += 1,
            Event::Duplicates(n) => counts.duplicates += n,
            Event::Reconnecting { reason, delay } => {
                counts.reconnects += 1;
                eprintln!(
                    "apidex: {reason}; reconnecting in {:.1} s",
                    delay.as_secs_f64()
                );
            }
            Event::Failed { reason } => {
                let _ = out.flush();
                eprintln!("apidex: {shown}: {reason}");
                break EXIT_MISSING_OR_FAILED;
            }
        }
        // Flushed whenever no message waits: a reader sees each one as soon as it came.
        if events.is_empty()
            && let Err(err) = out.flush()
        {
            return write_failed(&err, &task);
        }
    };
    task.abort();
    if let Err(err) = out.flush() {
        return write_failed(&err, &task);
    }
    // A stream that never delivered has nothing to count: its failure was the last line.
    if counts.printed > 0 || counts.refused > 0 || counts.binary > 0 || counts.invalid_utf8 > 0 {
        eprintln!("apidex: {}", counts.line());
    }
    code
}

/// Sleeps until `deadline`; forever without one.
async fn sleep_until(deadline: Option<tokio::time::Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

/// The session's settings from the arguments and the global options.
fn options(globals: &Globals, args: &WatchArgs) -> Result<live::Options, (u8, String)> {
    let url = live::parse_url(&args.url).map_err(|e| (EXIT_USAGE, e))?;
    let ca = match &globals.ca_cert {
        Some(path) => {
            Some(super::read_ca_cert(path).map_err(|e| (EXIT_MISSING_OR_FAILED, e.to_string()))?)
        }
        None => None,
    };
    let tls = live::client_config(ca.as_deref()).map_err(|e| (EXIT_MISSING_OR_FAILED, e))?;
    let settings = globals.settings();
    // The flag, else the config file's `[live] max_frame_kb`, else 1 MB.
    let max_frame = args
        .max_frame_kb
        .map_or(settings.live.max_frame, |kb| kb as usize * 1000);
    Ok(live::Options {
        url,
        max_frame,
        sends: args.sends.clone(),
        handshake_timeout: settings.http.timeout,
        idle_timeout: IDLE_TIMEOUT,
        tls,
        retry_first: false,
        backoff: live::Backoff::default(),
    })
}

/// The line printed for a message (`None`: not printed, a binary frame).
fn line(frame: &Frame, raw: bool, counts: &mut Counts) -> Option<String> {
    let mut line = match frame.kind {
        FrameKind::Json => crate::sanitize::json(&compact(&frame.text)).into_owned(),
        FrameKind::NotJson => {
            counts.not_json += 1;
            if raw {
                crate::sanitize::line(&frame.text).into_owned()
            } else {
                let quoted = serde_json::to_string(&frame.text).unwrap_or_default();
                crate::sanitize::json(&quoted).into_owned()
            }
        }
        FrameKind::Binary => {
            counts.binary += 1;
            return None;
        }
    };
    line.push('\n');
    Some(line)
}

/// The exit status after stdout failed: quiet for a reader that went away (`| head`).
fn write_failed(err: &io::Error, task: &tokio::task::JoinHandle<()>) -> u8 {
    task.abort();
    if err.kind() == io::ErrorKind::BrokenPipe {
        return EXIT_BROKEN_PIPE;
    }
    eprintln!("apidex: cannot write output: {err}");
    EXIT_MISSING_OR_FAILED
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(text: &str, kind: FrameKind) -> Frame {
        Frame {
            text: text.to_owned(),
            kind,
            time_us: None,
        }
    }

    #[test]
    fn each_kind_of_frame_prints_as_one_safe_line() {
        let mut counts = Counts::default();
        let pretty = frame("{\n  \"a\": \"x\u{9b}y\"\n}", FrameKind::Json);
        assert_eq!(
            line(&pretty, false, &mut counts).as_deref(),
            Some("{\"a\":\"x\\u009by\"}\n")
        );
        let garbage = frame("{not json\u{1b}]0;PWNED\u{7}", FrameKind::NotJson);
        assert_eq!(
            line(&garbage, false, &mut counts).as_deref(),
            Some("\"{not json\\u001b]0;PWNED\\u0007\"\n")
        );
        let raw = line(&garbage, true, &mut counts).unwrap_or_default();
        assert!(
            !raw.contains('\u{1b}') && raw.starts_with("{not json\\x1b"),
            "{raw}"
        );
        assert_eq!(
            line(&frame("3 bytes", FrameKind::Binary), false, &mut counts),
            None
        );
        assert_eq!((counts.not_json, counts.binary), (2, 1));
        assert!(counts.line().contains("2 not JSON"), "{}", counts.line());
    }
}
