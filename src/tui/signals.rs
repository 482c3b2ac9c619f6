//! The signals the browser handles, and the terminal hanging up, as one stream for the loop's
//! `select!`.

use std::io;
use std::os::fd::AsFd;
use std::pin::Pin;
use std::task::Poll;

use futures_util::Stream;
use rustix::event::{PollFd, PollFlags, poll};
use rustix::process::Signal as Number;
use tokio::signal::unix::{Signal, SignalKind, signal};
use tokio::sync::oneshot;

use crate::event::{Control, Termination};

/// Starts catching SIGTERM, SIGHUP, SIGQUIT, SIGINT, SIGTSTP and SIGCONT; from now on they no
/// longer act by default (end or stop the process) but arrive on the returned stream, in the
/// order checked here when several are pending: endings first. The terminal hanging up arrives
/// as SIGHUP would.
///
/// # Errors
/// When a handler cannot be installed or the terminal cannot be watched.
pub fn controls() -> io::Result<impl Stream<Item = Control> + Unpin> {
    let wanted = [
        (
            SignalKind::terminate(),
            Control::End(Termination::Terminate),
        ),
        (SignalKind::hangup(), Control::End(Termination::Hangup)),
        (SignalKind::quit(), Control::End(Termination::Quit)),
        (
            SignalKind::interrupt(),
            Control::End(Termination::Interrupt),
        ),
        (
            SignalKind::from_raw(Number::TSTP.as_raw()),
            Control::Suspend,
        ),
        (
            SignalKind::from_raw(Number::CONT.as_raw()),
            Control::Continued,
        ),
    ];
    let mut signals = wanted
        .into_iter()
        .map(|(kind, control)| Ok::<(Signal, Control), io::Error>((signal(kind)?, control)))
        .collect::<io::Result<Vec<_>>>()?;
    let mut hangup = Some(hung_up()?);
    Ok(futures_util::stream::poll_fn(move |cx| {
        for (signal, control) in &mut signals {
            // `Ready(None)` only once the runtime shuts down: nothing more will come.
            if let Poll::Ready(Some(())) = signal.poll_recv(cx) {
                return Poll::Ready(Some(*control));
            }
        }
        if let Some(watch) = &mut hangup
            && let Poll::Ready(result) = Pin::new(watch).poll(cx)
        {
            hangup = None;
            // An error: the watch gave up, and nothing more will come from it.
            if result.is_ok() {
                return Poll::Ready(Some(Control::End(Termination::Hangup)));
            }
        }
        Poll::Pending
    }))
}

/// Resolves when the terminal on stdin hangs up (its window closed, the ssh connection dropped).
/// The kernel sends SIGHUP only to the session's leader, usually the shell, which passes it on
/// to its jobs, but not always (a wrapper script that ignores SIGHUP): the browser would be
/// left on a dead terminal, and crossterm's input thread spins on it. A thread waits in
/// `poll` with no events asked for, so it wakes only for the hang-up (or an error) a working
/// terminal never reports.
fn hung_up() -> io::Result<oneshot::Receiver<()>> {
    let tty = io::stdin().as_fd().try_clone_to_owned()?;
    let (tx, rx) = oneshot::channel();
    std::thread::Builder::new()
        .name("apidex-hangup".to_owned())
        .spawn(move || {
            let mut fds = [PollFd::new(&tty, PollFlags::empty())];
            loop {
                match poll(&mut fds, None) {
                    Ok(_) if fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR) => {
                        let _ = tx.send(());
                        return;
                    }
                    // Woken by a signal (SIGWINCH, SIGCONT): wait on.
                    Ok(_) if fds[0].revents().is_empty() => {}
                    Err(rustix::io::Errno::INTR) => {}
                    // Not a descriptor that can be watched: give up, dropping `tx`.
                    _ => return,
                }
            }
        })?;
    Ok(rx)
}
