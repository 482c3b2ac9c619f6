//! Exporting JSON documents as one pretty-printed file, one document at a time: each body is
//! parsed, pretty-printed straight into the (buffered) temporary file and dropped, so memory
//! stays at about one document however many are exported. One document is written as itself,
//! several as an array — the same text `serde_json::to_string_pretty` gives for the whole.

use std::io::{self, Write};
use std::path::Path;

use super::{AtomicFile, describe};

/// An export in progress: [`JsonExport::push`] each document, then [`JsonExport::finish`].
/// Dropped before it finishes (an item failed, the task was aborted), it leaves no file and the
/// old one intact.
#[derive(Debug)]
pub struct JsonExport {
    file: Option<AtomicFile>,
    count: usize,
    written: usize,
}

impl JsonExport {
    /// Starts exporting `count` documents to `path`, creating its directory (the browser's
    /// export directory may not exist yet).
    ///
    /// # Errors
    /// The directory cannot be created, or [`AtomicFile::create`] fails.
    pub async fn create(path: &Path, count: usize) -> Result<Self, String> {
        let path = path.to_owned();
        let file = blocking(move || {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| describe(dir, &e))?;
            }
            AtomicFile::create(&path)
        })
        .await?;
        Ok(Self {
            file: Some(file),
            count,
            written: 0,
        })
    }

    /// Writes the next document (JSON text).
    ///
    /// # Errors
    /// The text is not JSON, or the write failed (a full disk).
    pub async fn push(&mut self, body: String) -> Result<(), String> {
        let mut file = self.take()?;
        let (index, count) = (self.written, self.count);
        let (file, result) = blocking(move || {
            let result = write_item(&mut file, &body, index, count);
            Ok((file, result))
        })
        .await?;
        self.file = Some(file);
        self.written += 1;
        result
    }

    /// Closes the array and renames the file into place.
    ///
    /// # Errors
    /// The write, the sync or the rename failed; the old file is then intact.
    pub async fn finish(mut self) -> Result<(), String> {
        let mut file = self.take()?;
        let count = self.count;
        blocking(move || {
            let end: &[u8] = match count {
                0 => b"[]\n",
                1 => b"\n",
                _ => b"\n]\n",
            };
            file.write_all(end)
                .map_err(|e| describe(file.target(), &e))?;
            file.commit()
        })
        .await
    }

    fn take(&mut self) -> Result<AtomicFile, String> {
        // Only gone if an earlier step's task panicked.
        self.file
            .take()
            .ok_or_else(|| "the export was interrupted".to_owned())
    }
}

/// Runs file work off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| format!("the export was interrupted: {e}"))?
}

/// Writes document `index` of `count`: itself when alone, else an element of the array.
fn write_item(file: &mut AtomicFile, body: &str, index: usize, count: usize) -> Result<(), String> {
    let target = file.target().to_owned();
    let value: serde_json::Value =
        serde_json::from_str(body).map_err(|e| format!("not JSON: {e}"))?;
    let written = if count == 1 {
        serde_json::to_writer_pretty(&mut *file, &value)
    } else {
        let lead: &[u8] = if index == 0 { b"[\n  " } else { b",\n  " };
        file.write_all(lead).map_err(|e| describe(&target, &e))?;
        serde_json::to_writer_pretty(Indented(&mut *file), &value)
    };
    written.map_err(|e| describe(&target, &io::Error::from(e)))
}

/// Indents every line after the first by two spaces: an array element's nested lines. Pretty
/// JSON has line breaks only between tokens (strings escape theirs), so each `\n` is layout.
struct Indented<W>(W);

impl<W: Write> Write for Indented<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut rest = buf;
        while let Some(at) = rest.iter().position(|b| *b == b'\n') {
            self.0.write_all(&rest[..=at])?;
            self.0.write_all(b"  ")?;
            rest = &rest[at + 1..];
        }
        self.0.write_all(rest)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Pretty-prints JSON texts as one JSON document in memory: a single value as itself, several as
/// an array. Exports to a file use [`JsonExport`], which never holds more than one document.
///
/// # Errors
/// A text that is not JSON.
pub fn pretty_json(values: &[&str]) -> Result<String, String> {
    let mut out = Vec::new();
    let lead = |i: usize| -> &'static [u8] { if i == 0 { b"[\n  " } else { b",\n  " } };
    for (index, text) in values.iter().enumerate() {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let written = if values.len() == 1 {
            serde_json::to_writer_pretty(&mut out, &value)
        } else {
            out.extend_from_slice(lead(index));
            serde_json::to_writer_pretty(Indented(&mut out), &value)
        };
        written.map_err(|e| e.to_string())?;
    }
    out.extend_from_slice(match values.len() {
        0 => b"[]\n",
        1 => b"\n",
        _ => b"\n]\n",
    });
    String::from_utf8(out).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_streamed_text_is_what_serde_json_prints_for_the_whole() {
        let docs = [
            "{\"a\":1,\"b\":[1,{\"c\":\"x\\ny\"}]}",
            "2",
            "[]",
            "{}",
            "\"s\"",
        ];
        let values: Vec<serde_json::Value> = docs
            .iter()
            .map(|d| serde_json::from_str(d).unwrap())
            .collect();
        let whole = serde_json::to_string_pretty(&values).unwrap() + "\n";
        assert_eq!(pretty_json(&docs).unwrap(), whole);
        assert_eq!(pretty_json(&["{\"a\":1}"]).unwrap(), "{\n  \"a\": 1\n}\n");
        assert_eq!(pretty_json(&[]).unwrap(), "[]\n");
    }

    #[tokio::test]
    async fn an_export_streams_into_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/out.json");
        let docs = ["{\"a\":1}", "{\"b\":[2,3]}", "4"];
        let mut export = JsonExport::create(&path, docs.len()).await.unwrap();
        for doc in docs {
            export.push(doc.to_owned()).await.unwrap();
        }
        export.finish().await.unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            pretty_json(&docs).unwrap()
        );
        // Only the file: no temporary file left.
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
    }

    #[tokio::test]
    async fn an_unfinished_export_leaves_the_old_file_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, "old").unwrap();
        let mut export = JsonExport::create(&path, 2).await.unwrap();
        export.push("{\"a\":1}".to_owned()).await.unwrap();
        assert!(export.push("not json".to_owned()).await.is_err());
        drop(export);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
