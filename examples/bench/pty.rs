//! Running the browser in a pseudo-terminal, as a person would: a fixed window size, keystrokes
//! written to it, everything it draws read back (with the time it arrived), and the replies a
//! real terminal gives to the queries the browser sends at start-up (ratatui-image asks for the
//! graphics protocol and waits for the answer; xterm answers "VT220, no graphics").

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};

/// Queries the browser may send at start-up and what xterm answers to each.
const REPLIES: [(&[u8], &[u8]); 4] = [
    // Primary device attributes: a VT220 with colour, no sixel.
    (b"\x1b[c", b"\x1b[?62;22c"),
    // Cell size in pixels.
    (b"\x1b[16t", b"\x1b[6;20;10t"),
    // Cursor position.
    (b"\x1b[6n", b"\x1b[1;1R"),
    // Device status: "OK" (ratatui-image stops reading at this one).
    (b"\x1b[5n", b"\x1b[0n"),
];

/// How much of the output is kept for looking at (the rest is only counted).
const KEEP: usize = 1 << 20;

#[derive(Default)]
struct Output {
    /// The last [`KEEP`] bytes at most.
    tail: Vec<u8>,
    /// Bytes read so far.
    total: usize,
    /// When the first byte arrived.
    first_byte: Option<Instant>,
    /// Patterns watched for, and when each first arrived.
    watches: Vec<(Vec<u8>, Option<Instant>)>,
    /// The child closed the terminal.
    closed: bool,
    /// Where every chunk goes as it arrives, with its time, once [`Pty::tap`] was called.
    tap: Option<std::sync::mpsc::Sender<(Instant, Vec<u8>)>>,
}

/// A program running in a pseudo-terminal.
pub struct Pty {
    child: Child,
    writer: File,
    output: Arc<Mutex<Output>>,
    reader: Option<JoinHandle<()>>,
    /// When the program was started (just before `spawn`).
    pub started: Instant,
}

impl Pty {
    /// Starts `program` with `args` in a new session whose controlling terminal is a new
    /// `cols`×`rows` pseudo-terminal (through util-linux `setsid --ctty`, as a terminal emulator
    /// does), watching its output for each of `watch`.
    pub fn spawn(
        program: &Path,
        args: &[OsString],
        envs: &[(String, OsString)],
        (cols, rows): (u16, u16),
        watch: &[&str],
    ) -> io::Result<Self> {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)?;
        grantpt(&master)?;
        unlockpt(&master)?;
        let name = ptsname(&master, Vec::new())?;
        let name = name.to_str().map_err(io::Error::other)?;
        let slave = OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(i32::try_from(rustix::fs::OFlags::NOCTTY.bits()).unwrap_or(0))
            .open(name)?;
        tcsetwinsize(
            &slave,
            Winsize {
                ws_row: rows,
                ws_col: cols,
                ws_xpixel: cols * 10,
                ws_ypixel: rows * 20,
            },
        )?;
        let master = File::from(master);
        let output = Arc::new(Mutex::new(Output {
            watches: watch
                .iter()
                .map(|w| (w.as_bytes().to_vec(), None))
                .collect(),
            ..Output::default()
        }));
        let mut command = Command::new("setsid");
        command
            .arg("--ctty")
            .arg(program)
            .args(args)
            .env_remove("TMUX")
            .env_remove("APIDEX_NO_IMAGES")
            .env("TERM", "xterm-256color")
            .stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave));
        for (key, value) in envs {
            command.env(key, value);
        }
        let started = Instant::now();
        // `command` holds the only other copies of the terminal's far end; dropping it after the
        // spawn lets reads end when the program exits.
        let child = command.spawn()?;
        drop(command);
        let reader = {
            let mut master = master.try_clone()?;
            let mut answer = master.try_clone()?;
            let output = Arc::clone(&output);
            std::thread::spawn(move || read_loop(&mut master, &mut answer, &output))
        };
        Ok(Self {
            child,
            writer: master,
            output,
            reader: Some(reader),
            started,
        })
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &[u8]) -> io::Result<()> {
        self.writer.write_all(keys)?;
        self.writer.flush()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Output> {
        self.output.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// When the watched `pattern` first arrived, waiting up to `limit` for it.
    pub fn wait_for(&self, pattern: &str, limit: Duration) -> Option<Instant> {
        let deadline = Instant::now() + limit;
        loop {
            {
                let output = self.lock();
                let seen = output
                    .watches
                    .iter()
                    .find(|(w, _)| w == pattern.as_bytes())
                    .and_then(|(_, at)| *at);
                if seen.is_some() || output.closed {
                    return seen;
                }
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// Every chunk of output from now on, with the time it arrived (for following the screen
    /// as it changes: `screen.rs`).
    pub fn tap(&self) -> std::sync::mpsc::Receiver<(Instant, Vec<u8>)> {
        let (tx, rx) = std::sync::mpsc::channel();
        self.lock().tap = Some(tx);
        rx
    }

    /// When the first byte of output arrived.
    pub fn first_byte(&self) -> Option<Instant> {
        self.lock().first_byte
    }

    /// The output so far (its last megabyte), lossily as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.lock().tail).into_owned()
    }

    /// Waits up to `limit` for the program to exit by itself, then kills it. Returns whether it
    /// exited by itself.
    pub fn finish(mut self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        let mut exited = false;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                exited = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if !exited {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        exited
    }
}

fn read_loop(master: &mut File, answer: &mut File, output: &Mutex<Output>) {
    let mut buffer = vec![0u8; 1 << 16];
    // The end of the previous read, so a query or pattern split across two reads is still seen.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = match master.read(&mut buffer) {
            // EIO once the program has exited and the terminal has no other user.
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let now = Instant::now();
        let chunk = &buffer[..n];
        let mut window = std::mem::take(&mut carry);
        let old = window.len();
        window.extend_from_slice(chunk);
        // Answer queries in the order they were sent, as a terminal would.
        let mut queries: Vec<(usize, &[u8])> = REPLIES
            .iter()
            .flat_map(|(query, reply)| {
                find_all(&window, query)
                    .filter(move |&at| at + query.len() > old)
                    .map(move |at| (at, *reply))
            })
            .collect();
        queries.sort_by_key(|(at, _)| *at);
        for (_, reply) in queries {
            let _ = answer.write_all(reply);
        }
        {
            let mut out = output.lock().unwrap_or_else(PoisonError::into_inner);
            out.first_byte.get_or_insert(now);
            out.total += n;
            for (pattern, at) in &mut out.watches {
                if at.is_none() && find_all(&window, pattern).next().is_some() {
                    *at = Some(now);
                }
            }
            if let Some(tap) = &out.tap {
                let _ = tap.send((now, chunk.to_vec()));
            }
            out.tail.extend_from_slice(chunk);
            if out.tail.len() > KEEP {
                let excess = out.tail.len() - KEEP;
                out.tail.drain(..excess);
            }
        }
        let keep = window.len().min(64);
        carry = window.split_off(window.len() - keep);
    }
    output.lock().unwrap_or_else(PoisonError::into_inner).closed = true;
}

fn find_all<'a>(haystack: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    haystack
        .windows(needle.len())
        .enumerate()
        .filter(move |(_, w)| *w == needle)
        .map(|(i, _)| i)
}
