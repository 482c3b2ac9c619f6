//! The signals the browser handles, as one stream for the loop's `select!`.

use std::io;
use std::task::Poll;

use futures_util::Stream;
use rustix::process::Signal as Number;
use tokio::signal::unix::{Signal, SignalKind, signal};

use crate::event::{Control, Termination};

/// Starts catching SIGTERM, SIGHUP, SIGQUIT, SIGINT, SIGTSTP and SIGCONT; from now on they no
/// longer act by default (end or stop the process) but arrive on the returned stream, in the
/// order checked here when several are pending: endings first.
///
/// # Errors
/// When a handler cannot be installed.
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
    Ok(futures_util::stream::poll_fn(move |cx| {
        for (signal, control) in &mut signals {
            // `Ready(None)` only once the runtime shuts down: nothing more will come.
            if let Poll::Ready(Some(())) = signal.poll_recv(cx) {
                return Poll::Ready(Some(*control));
            }
        }
        Poll::Pending
    }))
}
