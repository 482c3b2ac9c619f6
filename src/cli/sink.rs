//! Where `get` and `fetch` write, item by item as each arrives (in argument order): stdout or a
//! file written atomically. Nothing waits for the whole batch, so memory does not grow with the
//! number of items and a reader (`| jq`, `| head`) sees the first item as soon as it is there.

use std::io::{self, Write};
use std::path::Path;

use super::{EXIT_BROKEN_PIPE, EXIT_MISSING_OR_FAILED};
use crate::export::AtomicFile;

/// How items are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Readable summaries, a blank line between items.
    Text,
    /// One JSON array of the bodies, `null` for each item not found or failed.
    Json,
    /// One body per line, `null` for each item not found or failed (line N is argument N).
    Ndjson,
}

enum Dest {
    Stdout(io::Stdout),
    File(AtomicFile),
}

/// A destination being written, one item at a time.
pub struct Sink {
    dest: Dest,
    format: Format,
    items: usize,
    /// A whole document was written instead of items: no array to close.
    whole: bool,
}

impl Sink {
    /// Writes to stdout, or atomically to `file` (complete or untouched).
    ///
    /// # Errors
    /// `file` cannot be created (a message for stderr).
    pub fn open(file: Option<&Path>, format: Format) -> Result<Self, String> {
        let dest = match file {
            None => Dest::Stdout(io::stdout()),
            Some(path) => Dest::File(AtomicFile::create(path)?),
        };
        Ok(Self {
            dest,
            format,
            items: 0,
            whole: false,
        })
    }

    /// Whether items are written as readable summaries.
    pub fn is_text(&self) -> bool {
        self.format == Format::Text
    }

    /// Writes the next item: its raw JSON body (`None`: not found or failed) and its readable
    /// summary (text format only; items without one print nothing).
    ///
    /// # Errors
    /// The write failed; [`Sink::failed`] turns it into the exit status.
    pub fn item(&mut self, body: Option<&str>, summary: Option<String>) -> io::Result<()> {
        let mut text = String::new();
        match self.format {
            Format::Json => {
                text.push(if self.items == 0 { '[' } else { ',' });
                text.push_str(&body.map_or("null".into(), crate::sanitize::json));
            }
            Format::Ndjson => {
                // One line per item whatever the server's layout (JSONPlaceholder pretty-prints).
                let line = body.map_or(std::borrow::Cow::Borrowed("null"), compact);
                text.push_str(&crate::sanitize::json(&line));
                text.push('\n');
            }
            Format::Text => {
                let Some(summary) = summary else {
                    return Ok(());
                };
                if self.items > 0 {
                    text.push('\n');
                }
                text.push_str(&summary);
            }
        }
        self.items += 1;
        self.write(text.as_bytes())
    }

    /// Writes one whole document (a single response, such as the breed list) as it is.
    ///
    /// # Errors
    /// The write failed.
    pub fn whole(&mut self, text: &str) -> io::Result<()> {
        self.whole = true;
        self.write(text.as_bytes())
    }

    /// Ends the output (the array's `]`; the file renamed into place) and returns the exit
    /// status: `code` when everything was written.
    pub fn finish(mut self, code: u8) -> u8 {
        if self.format == Format::Json && !self.whole {
            let end: &[u8] = if self.items == 0 { b"[]\n" } else { b"]\n" };
            if let Err(err) = self.write(end) {
                return self.failed(&err);
            }
        }
        match self.dest {
            Dest::Stdout(_) => code,
            Dest::File(file) => match file.commit() {
                Ok(()) => code,
                Err(err) => {
                    eprintln!("apidex: {err}");
                    EXIT_MISSING_OR_FAILED
                }
            },
        }
    }

    /// The exit status after a failed write, named on stderr unless the reader simply went
    /// away (`| head`). A file being written is dropped: the old one stays as it was.
    pub fn failed(&self, err: &io::Error) -> u8 {
        if err.kind() == io::ErrorKind::BrokenPipe {
            return EXIT_BROKEN_PIPE;
        }
        match &self.dest {
            Dest::Stdout(_) => eprintln!("apidex: cannot write output: {err}"),
            Dest::File(file) => eprintln!(
                "apidex: cannot write {}: {err}",
                crate::sanitize::line(&file.target().display().to_string())
            ),
        }
        EXIT_MISSING_OR_FAILED
    }

    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &mut self.dest {
            // Flushed per item: a reader sees each item as soon as it is complete.
            Dest::Stdout(out) => {
                let mut out = out.lock();
                out.write_all(bytes)?;
                out.flush()
            }
            Dest::File(file) => file.write_all(bytes),
        }
    }
}

/// `json` without the whitespace between its tokens (never inside strings): the same value, on
/// one line. `json` is valid JSON (checked when it was received).
pub(super) fn compact(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.contains(['\n', '\r', '\t', ' ']) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn compacting_keeps_strings_and_drops_layout() {
        let pretty = "{\n  \"title\": \"a  b\\\" \\n\",\n  \"id\": 1\n}";
        assert_eq!(compact(pretty), "{\"title\":\"a  b\\\" \\n\",\"id\":1}");
        assert!(matches!(compact("[1,2]"), std::borrow::Cow::Borrowed(_)));
    }
}
