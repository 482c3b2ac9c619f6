//! The real terminal's hand-over: taking the browser's terminal modes, giving them back, and
//! stopping the process for a suspend.

use std::io::{self, IsTerminal, Stdout};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use rustix::process::{Signal, getpgrp, getpid, kill_current_process_group, kill_process};
use rustix::termios::tcgetpgrp;

use crate::event::{Resumed, Session, Suspend};

/// The browser's terminal.
pub type Tty = Terminal<CrosstermBackend<Stdout>>;

/// Takes the terminal: raw mode, the alternate screen, mouse capture, bracketed paste (a paste
/// arrives as one event, not as thousands of keys each redrawing the screen).
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Gives the terminal back as it was found: mouse capture off, cooked mode, the main screen, the
/// cursor shown. Every step is tried whatever failed before it (after a hangup they all fail);
/// the first failure is returned.
pub fn leave(terminal: &mut Tty) -> io::Result<()> {
    let mouse = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    // Cooked mode before leaving the alternate screen, the order ratatui's own restore uses.
    let raw = disable_raw_mode();
    let screen = execute!(io::stdout(), LeaveAlternateScreen);
    // Through the terminal, so it knows the cursor is shown (and its next draw hides it again).
    let cursor = terminal.show_cursor();
    mouse.and(raw).and(screen).and(cursor)
}

/// Suspends to the shell and takes the terminal back on SIGCONT in the foreground.
#[derive(Debug, Default)]
pub struct TtySession {
    /// The shell has the terminal (the browser is suspended or was continued in the
    /// background): there is nothing to give back.
    released: bool,
    /// The SIGCONT that ended the last suspend is yet to arrive as a `Control::Continued`;
    /// taking the terminal once more for it would only redraw twice.
    continued_early: bool,
}

impl TtySession {
    /// Gives the terminal back (see [`leave`]) unless the shell has it already.
    ///
    /// # Errors
    /// As [`leave`].
    pub fn release(&mut self, terminal: &mut Tty) -> io::Result<()> {
        if std::mem::replace(&mut self.released, true) {
            return Ok(());
        }
        leave(terminal)
    }
}

impl Session<CrosstermBackend<Stdout>> for TtySession {
    fn suspend(&mut self, terminal: &mut Tty, how: Suspend) -> io::Result<Resumed> {
        self.release(terminal)?;
        // SIGSTOP, not SIGTSTP: the browser catches SIGTSTP itself (that is how an external one
        // gets here), and SIGSTOP cannot be caught. The call returns once the process is
        // continued.
        let stopped = match how {
            Suspend::Key => kill_current_process_group(Signal::STOP),
            Suspend::Signal => kill_process(getpid(), Signal::STOP),
        };
        stopped.map_err(io::Error::from)?;
        let resumed = self.resume(terminal)?;
        self.continued_early = true;
        Ok(resumed)
    }

    fn resume(&mut self, _: &mut Tty) -> io::Result<Resumed> {
        if std::mem::take(&mut self.continued_early) {
            return Ok(Resumed::Unchanged);
        }
        // Continued in the background: setting the terminal would stop the process again
        // (SIGTTOU) and drawing would write over the shell's prompt.
        if !in_foreground() {
            return Ok(Resumed::Background);
        }
        // Raw mode afresh: when a shell reset the terminal while the process was stopped (bash
        // does after a SIGSTOP from outside), crossterm still believes it is in raw mode and
        // would change nothing.
        let _ = disable_raw_mode();
        enter()?;
        self.released = false;
        Ok(Resumed::Foreground)
    }

    fn hung_up(&self) -> bool {
        // stdout was a terminal when the browser started; `isatty` asks the terminal for its
        // settings, which fails (EIO) once it has hung up.
        !io::stdout().is_terminal()
    }
}

/// Whether this process's group is the terminal's foreground group (the one the keys go to).
/// When asking fails there is no terminal to protect: the next terminal operation reports why.
fn in_foreground() -> bool {
    tcgetpgrp(io::stdin()).map_or(true, |group| group == getpgrp())
}
