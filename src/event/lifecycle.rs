//! What reaches the loop from outside its input: signals that end or suspend the browser, and
//! the terminal hand-over that suspending needs. The terminal operations sit behind
//! [`Session`], so the loop stays generic and tests drive it with a `TestBackend`.

use std::io;

use ratatui::Terminal;
use ratatui::backend::Backend;

/// A signal that ends the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Termination {
    /// SIGHUP: the terminal was closed.
    Hangup,
    /// SIGINT sent from outside (in raw mode Ctrl-C is a key, which quits with status 0).
    Interrupt,
    /// SIGQUIT.
    Quit,
    /// SIGTERM: `kill`, a service manager, a shutdown.
    Terminate,
}

impl Termination {
    /// The signal's number: these four have the same numbers on every Unix.
    pub const fn signal(self) -> u8 {
        match self {
            Self::Hangup => 1,
            Self::Interrupt => 2,
            Self::Quit => 3,
            Self::Terminate => 15,
        }
    }

    /// The exit status: 128 + the signal's number, what shells report for a process the signal
    /// ended (143 for SIGTERM, 129 SIGHUP, 131 SIGQUIT, 130 SIGINT).
    pub const fn status(self) -> u8 {
        128 + self.signal()
    }
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit, or the input ended.
    Quit,
    /// A signal ended it.
    Signal(Termination),
}

impl Exit {
    /// The process's exit status for this way out.
    pub const fn status(self) -> u8 {
        match self {
            Self::Quit => 0,
            Self::Signal(signal) => signal.status(),
        }
    }
}

/// A signal for the loop, from outside the terminal's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// End the browser (restoring the terminal).
    End(Termination),
    /// SIGTSTP from outside: hand the terminal back and stop until continued.
    Suspend,
    /// SIGCONT: the process was continued; take the terminal again. Also arrives after the
    /// browser's own suspend, where re-entering once more is harmless.
    Continued,
}

/// Who asked for the suspend, which decides what is stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suspend {
    /// Ctrl-Z typed: in cooked mode the terminal would stop the whole foreground process group
    /// (a wrapper script included), so the browser does the same.
    Key,
    /// SIGTSTP: its default action stops only the process it was sent to.
    Signal,
}

/// Where the process was continued, which decides who has the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resumed {
    /// In the foreground (`fg`): the browser took the terminal again; everything is redrawn.
    Foreground,
    /// In the background (`bg`, or `kill %1`, which continues the job to let it die): the
    /// shell keeps the terminal and nothing is drawn until a later SIGCONT in the foreground.
    Background,
    /// Nothing changed: the SIGCONT that ended a suspend the session already came back from.
    Unchanged,
}

/// The terminal operations around a suspend.
pub trait Session<B: Backend> {
    /// Hands the terminal back to the shell (main screen, cooked mode, no mouse capture, cursor
    /// shown), stops the process, and once it is continued takes the terminal again if it is in
    /// the foreground.
    ///
    /// # Errors
    /// Terminal I/O failures.
    fn suspend(&mut self, terminal: &mut Terminal<B>, how: Suspend) -> io::Result<Resumed>;

    /// Takes the terminal again (raw mode, alternate screen, mouse capture) after the process
    /// was continued, if it is in the foreground: after the browser's own suspend, or after
    /// someone else stopped it (SIGSTOP, which cannot be caught).
    ///
    /// # Errors
    /// Terminal I/O failures.
    fn resume(&mut self, terminal: &mut Terminal<B>) -> io::Result<Resumed>;

    /// Whether the terminal was closed (hung up), asked after a terminal operation failed: the
    /// loop then ends as if SIGHUP had arrived. None of them does by default.
    fn hung_up(&self) -> bool {
        false
    }
}

/// No terminal to hand over: suspending and resuming change nothing (the loop still redraws).
#[derive(Debug, Clone, Copy, Default)]
pub struct Detached;

impl<B: Backend> Session<B> for Detached {
    fn suspend(&mut self, _: &mut Terminal<B>, _: Suspend) -> io::Result<Resumed> {
        Ok(Resumed::Foreground)
    }

    fn resume(&mut self, _: &mut Terminal<B>) -> io::Result<Resumed> {
        Ok(Resumed::Foreground)
    }
}

/// A borrowed session, so its owner can still restore the terminal after the loop.
impl<B: Backend, H: Session<B>> Session<B> for &mut H {
    fn suspend(&mut self, terminal: &mut Terminal<B>, how: Suspend) -> io::Result<Resumed> {
        (**self).suspend(terminal, how)
    }

    fn resume(&mut self, terminal: &mut Terminal<B>) -> io::Result<Resumed> {
        (**self).resume(terminal)
    }

    fn hung_up(&self) -> bool {
        (**self).hung_up()
    }
}

/// What the loop gets from outside its input: signals, and the session that acts on them.
#[derive(Debug)]
pub struct Lifecycle<C, H> {
    /// The signals, in the order they arrived.
    pub controls: C,
    /// What suspending and resuming do to the terminal.
    pub session: H,
}

impl Lifecycle<futures_util::stream::Pending<Control>, Detached> {
    /// No signals and no terminal to hand over (what [`super::run`] uses).
    pub fn detached() -> Self {
        Self {
            controls: futures_util::stream::pending(),
            session: Detached,
        }
    }
}
