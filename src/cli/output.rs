//! Writing results: data to stdout, problems to stderr.

use std::io::{self, Write};

use super::{EXIT_BROKEN_PIPE, EXIT_MISSING_OR_FAILED};
use crate::api::ApiError;

/// Writes `text` to stdout and returns the exit status: `code` once it is all written;
/// [`EXIT_BROKEN_PIPE`] without a word when the reader has gone (`apidex … | head -1`: not an
/// error worth a message, but the output is incomplete); 1 after naming any other failure on
/// stderr (`> /dev/full`), so a script never takes a truncated result for a whole one.
#[must_use = "the exit status says whether the output was written"]
pub fn print(text: &str, code: u8) -> u8 {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => code,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => EXIT_BROKEN_PIPE,
        Err(err) => {
            eprintln!("apidex: cannot write output: {err}");
            EXIT_MISSING_OR_FAILED
        }
    }
}

/// Names on stderr an item that was not found.
pub fn report_not_found(kind: &str, label: &str, suggestions: &[String]) {
    let label = crate::sanitize::line(label);
    if suggestions.is_empty() {
        eprintln!("apidex: not found: {kind} {label}");
    } else {
        let near: Vec<_> = suggestions
            .iter()
            .map(|s| crate::sanitize::line(s))
            .collect();
        eprintln!(
            "apidex: not found: {kind} {label} (did you mean {}?)",
            near.join(", ")
        );
    }
}

/// Names on stderr an item that failed, with the reason.
pub fn report_error(kind: &str, label: &str, err: &ApiError) {
    // URLs and server messages inside errors come from outside too: sanitise them as well.
    let reason = crate::sanitize::line(&err.to_string()).into_owned();
    if label.is_empty() {
        eprintln!("apidex: {kind}: {reason}");
    } else {
        eprintln!("apidex: {kind} {}: {reason}", crate::sanitize::line(label));
    }
}
