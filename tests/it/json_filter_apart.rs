//! jq filters run apart from the browser, in a child process of the real binary
//! (`apidex __jq FILTER`): the outputs are the same as in process, a filter that would overflow
//! the stack (a 100 000-deep body, or an output built that deep) takes down only the child, and
//! one that never ends is killed by the next.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use apidex::json_tree::{end_filter, run_filter, run_filter_apart};

use crate::support::fixture;

fn exe() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_apidex"))
}

#[test]
fn the_child_gives_the_same_outputs_as_the_filter_in_process() {
    let body = fixture("pokeapi/pokemon/25.json");
    let running = Mutex::new(None);
    let apart = run_filter_apart(exe(), &body, ".stats[].base_stat", &running).unwrap();
    let here = run_filter(&body, ".stats[].base_stat").unwrap();
    assert_eq!(apart, here);
    assert_eq!(apart.nodes().len(), 6);
    assert_eq!(*running.lock().unwrap(), None, "the child is gone");
    let err = run_filter_apart(exe(), &body, ".stats[", &running).unwrap_err();
    assert_eq!(err, run_filter(&body, ".stats[").unwrap_err());
}

#[test]
fn what_would_overflow_the_stack_costs_only_the_child() {
    let running = Mutex::new(None);
    // An output built 100 000 levels deep.
    let err = run_filter_apart(
        exe(),
        b"null",
        "reduce range(100000) as $x (null; [.])",
        &running,
    )
    .unwrap_err();
    assert!(
        err.contains("crashed") || err.contains("recursion limit"),
        "{err}"
    );
    // A body 100 000 levels deep is not even handed to jq.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = run_filter_apart(exe(), deep.as_bytes(), ".", &running).unwrap_err();
    assert!(err.contains("too deeply nested to filter"), "{err}");
    assert!(run_filter(deep.as_bytes(), ".").is_err());
}

#[test]
fn a_filter_that_never_ends_is_killed_by_the_next() {
    let running = Arc::new(Mutex::new(None));
    let shared = running.clone();
    let forever =
        std::thread::spawn(move || run_filter_apart(exe(), b"1", "last(repeat(1))", &shared));
    // Wait (a bounded while) until the child runs, then end it as a newer filter would.
    for _ in 0..500 {
        if running.lock().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(running.lock().unwrap().is_some(), "the child started");
    end_filter(&running);
    let err = forever.join().unwrap().unwrap_err();
    assert!(err.contains("stopped"), "{err}");
}
