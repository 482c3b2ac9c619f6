//! The real binary, run under a pseudo-terminal (`tests/it/support/pty.rs`): whether it quits with `q` or
//! panics inside the loop, the terminal is left as it was found — main screen, cooked mode with
//! echo, no mouse capture, a visible cursor — and a panic's report is printed where the user can
//! read it. Signals and suspending: `tests/it/terminal_signals.rs`.
#![allow(clippy::unwrap_used)]

use pty::{LEAVE_ALTERNATE, assert_restored, run_in_pty};

use crate::support::pty;

#[test]
fn q_quits_with_status_0_and_restores_the_terminal() {
    let run = run_in_pty("quit", None);
    assert!(
        run.typed,
        "the first frame never appeared:\n{:?}",
        run.text()
    );
    assert_eq!(run.status, 0, "exit status; output:\n{:?}", run.text());
    assert_restored(run.written(), run.after);
    assert!(!run.text().contains("panicked"), "{:?}", run.text());
}

#[test]
fn a_panic_in_the_loop_restores_the_terminal_and_reports_it() {
    let run = run_in_pty("wait", Some("1"));
    assert_ne!(run.status, 0, "a panic must not exit 0:\n{:?}", run.text());
    assert_restored(run.written(), run.after);
    // The report is readable: written after the alternate screen was left, not into it.
    let screen = run.text();
    let left = run.written().last(LEAVE_ALTERNATE).unwrap();
    let message = "a deliberate panic after the first frame";
    let reported = run
        .output
        .windows(message.len())
        .rposition(|w| w == message.as_bytes())
        .unwrap_or_else(|| panic!("the panic message was not printed:\n{screen:?}"));
    assert!(
        reported > left,
        "the panic report went to the alternate screen, which was then cleared:\n{screen:?}"
    );
    assert!(screen.contains("panicked"), "{screen:?}");
}

#[test]
fn a_panic_in_a_background_task_leaves_the_browser_running_and_is_reported_at_exit() {
    // The task panics before the loop reads a key; `q` still quits (the terminal is still in
    // raw mode: a restored, line-buffered terminal would hold the `q` back for ever).
    let run = run_in_pty("quit", Some("task"));
    assert!(
        run.typed,
        "the first frame never appeared:\n{:?}",
        run.text()
    );
    assert_restored(run.written(), run.after);
    let screen = run.text();
    assert_eq!(
        screen.matches(LEAVE_ALTERNATE).count(),
        1,
        "the screen was torn down while the browser ran:\n{screen:?}"
    );
    // Reported after the terminal is restored, and the exit status says something went wrong.
    let left = run.written().last(LEAVE_ALTERNATE).unwrap();
    let message = "a deliberate panic in a background task";
    let reported = run
        .output
        .windows(message.len())
        .rposition(|w| w == message.as_bytes())
        .unwrap_or_else(|| panic!("the panic was not reported:\n{screen:?}"));
    assert!(reported > left, "{screen:?}");
    assert_ne!(run.status, 0, "{screen:?}");
}
