//! The real binary under a pseudo-terminal (`tests/it/support/pty.rs`), ended or suspended by signals: each
//! way out restores the terminal (main screen, no mouse capture, cursor shown, cooked mode with
//! echo) and exits with the status a shell expects (128 + the signal's number); Ctrl-Z and
//! SIGTSTP hand the terminal back while stopped, and SIGCONT takes it again and redraws.
#![allow(clippy::unwrap_used)]

use pty::{CLEAR_ALL, ENTER_ALTERNATE, MOUSE_ON, PtyRun, Written, assert_restored, run_in_pty};

use crate::support::pty;

/// Sends `signal` once the first frame is drawn; the binary must restore and exit with `status`.
fn assert_signal_ends_cleanly(signal: &str, status: i64) {
    let run = run_in_pty(&format!("signal:{signal}"), None);
    assert_eq!(
        run.status,
        status,
        "exit status after SIG{signal} (negative: killed by the signal, so nothing was restored); \
         output:\n{:?}",
        run.text()
    );
    assert_restored(run.written(), run.after);
    assert!(!run.text().contains("panicked"), "{:?}", run.text());
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    assert_signal_ends_cleanly("TERM", 143);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    assert_signal_ends_cleanly("HUP", 129);
}

#[test]
fn sigquit_restores_the_terminal_and_exits_131() {
    assert_signal_ends_cleanly("QUIT", 131);
}

#[test]
fn sigint_from_outside_restores_the_terminal_and_exits_130() {
    assert_signal_ends_cleanly("INT", 130);
}

#[test]
fn closing_the_terminal_ends_the_browser_with_129_not_an_error() {
    // Reads and writes fail the moment the terminal hangs up, maybe before any SIGHUP arrives
    // (the kernel signals only the session leader): that too is a hangup, not a crash.
    let run = run_in_pty("hangup", None);
    assert!(
        run.written().first(pty::ENTER_ALTERNATE).is_some(),
        "never started: {:?}",
        run.text()
    );
    assert_eq!(run.status, 129, "{:?}", run.text());
}

#[test]
fn closing_the_terminal_ends_the_idle_browser_even_when_no_sighup_reaches_it() {
    // Nothing but the hang-up itself tells it: its reads and writes fail from then on, and a
    // watch on the terminal ends the loop even when nothing is drawn or read (in tmux, a
    // browser under such a wrapper used to stay running on the dead terminal, crossterm's input
    // thread spinning).
    let run = run_in_pty("hangup:wrapped", None);
    assert!(
        run.written().first(pty::ENTER_ALTERNATE).is_some(),
        "never started: {:?}",
        run.text()
    );
    assert_eq!(run.status, 129, "{:?}", run.text());
}

/// A suspend run: stopped with the terminal restored, back on the alternate screen with a full
/// redraw after SIGCONT, then `q` exits 0 and restores again.
fn assert_suspends_and_resumes(run: &PtyRun) {
    let screen = run.text();
    let (stopped, at) = run
        .stop
        .unwrap_or_else(|| panic!("the binary never stopped:\n{screen:?}"));
    // While stopped, the shell has the terminal as it was before the browser.
    assert_restored(Written(&run.output[..at]), stopped);
    // After SIGCONT: the alternate screen and mouse capture again, the screen cleared and the
    // whole frame drawn anew (the title and every tab, not just what changed).
    let after = Written(&run.output[at..]);
    let entered = after
        .first(ENTER_ALTERNATE)
        .unwrap_or_else(|| panic!("the alternate screen was not re-entered:\n{screen:?}"));
    // Once: the SIGCONT that ended the stop is not taken for a second one.
    assert_eq!(
        after
            .0
            .windows(ENTER_ALTERNATE.len())
            .filter(|w| *w == ENTER_ALTERNATE.as_bytes())
            .count(),
        1,
        "re-entered more than once:\n{screen:?}"
    );
    assert!(
        after.last(MOUSE_ON).is_some_and(|on| on > entered),
        "mouse capture was not turned back on:\n{screen:?}"
    );
    let cleared = after
        .last(CLEAR_ALL)
        .filter(|&clear| clear > entered)
        .unwrap_or_else(|| panic!("the screen was not cleared for a full redraw:\n{screen:?}"));
    let redrawn = Written(&after.0[cleared..]).text();
    for part in ["Pokémon", "Posts", "Dogs", "apidex"] {
        assert!(
            redrawn.contains(part),
            "{part:?} was not redrawn after resuming:\n{redrawn:?}"
        );
    }
    assert!(run.typed, "no frame after resuming:\n{screen:?}");
    assert_eq!(run.status, 0, "exit status after q; output:\n{screen:?}");
    assert_restored(after, run.after);
}

#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_sigcont_redraws() {
    let run = run_in_pty("suspend:key", None);
    assert_suspends_and_resumes(&run);
}

#[test]
fn sigtstp_from_outside_suspends_with_the_terminal_restored_and_sigcont_redraws() {
    let run = run_in_pty("suspend:signal", None);
    assert_suspends_and_resumes(&run);
}

#[test]
fn killing_the_suspended_browser_ends_it_with_143_and_the_terminal_restored() {
    let run = run_in_pty("suspend:kill", None);
    let (stopped, at) = run
        .stop
        .unwrap_or_else(|| panic!("the binary never stopped:\n{:?}", run.text()));
    assert_restored(Written(&run.output[..at]), stopped);
    assert_eq!(run.status, 143, "{:?}", run.text());
    assert_restored(run.written(), run.after);
}
