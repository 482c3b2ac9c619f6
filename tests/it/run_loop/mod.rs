//! End-to-end loop tests: the real event loop, driven by scripted key events, fetching over real
//! HTTP from the local fixture server and drawing into a `TestBackend` the test watches.
//!
//! Every wait is on what the screen shows (with a generous limit), never on elapsed time.
//!
//! Split into browsing and failures.
#![allow(clippy::unwrap_used)]

mod browsing;
mod failures;
