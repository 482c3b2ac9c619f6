//! Writing files atomically: a temporary file beside the target, then a rename, so a crash or a
//! full disk mid-write leaves the old file intact rather than half a new one.
//!
//! The temporary file has a random name and is created exclusively (`O_EXCL`, by the `tempfile`
//! crate), so a symlink planted in a shared directory is never followed. Every write, the flush
//! and the `fsync` are checked before the rename; on any failure the temporary file is removed,
//! the old file is untouched, and the error says why ("No space left on device").
//!
//! Only a regular file is ever replaced. A directory, FIFO, device or socket at the target is
//! refused, and so is a symbolic link — even to a regular file: replacing the link would
//! silently turn it into a file, and writing through it would let whoever planted it choose
//! what gets overwritten. Name the real file instead.

mod json;

use std::fs::Permissions;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

pub use self::json::{JsonExport, pretty_json};

/// A file being written: everything goes to a temporary file in the target's directory, which
/// [`AtomicFile::commit`] renames over the target. Dropped uncommitted, it is removed.
#[derive(Debug)]
pub struct AtomicFile {
    writer: BufWriter<NamedTempFile>,
    target: PathBuf,
}

impl AtomicFile {
    /// Starts writing `target`, whose directory must exist.
    ///
    /// # Errors
    /// The directory is missing or unwritable, or `target` is not a regular file.
    pub fn create(target: &Path) -> Result<Self, String> {
        Self::start(target).map_err(|e| describe(target, &e))
    }

    fn start(target: &Path) -> io::Result<Self> {
        let existing = replaceable(target)?;
        let dir = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("the directory {} does not exist", dir.display()),
            ));
        }
        let name = target
            .file_name()
            .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // As a new file would be (the umask applies), not tempfile's private 0600; a file
        // being replaced keeps its own (below).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(dir)?;
        if let Some(permissions) = existing {
            temp.as_file().set_permissions(permissions)?;
        }
        Ok(Self {
            writer: BufWriter::with_capacity(64 * 1024, temp),
            target: target.to_owned(),
        })
    }

    /// The file being replaced.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes, syncs to disk and renames the temporary file over the target.
    ///
    /// # Errors
    /// Any failure on the way; the target is then as it was and the temporary file is gone.
    pub fn commit(self) -> Result<(), String> {
        let target = self.target.clone();
        self.finish().map_err(|e| describe(&target, &e))
    }

    fn finish(self) -> io::Result<()> {
        let temp = self
            .writer
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        // On disk before the rename makes it visible.
        temp.as_file().sync_all()?;
        // Checked again just before: something may have appeared meanwhile.
        replaceable(&self.target)?;
        temp.persist(&self.target).map_err(|e| e.error)?;
        // The rename itself on disk (best effort: not every file system can sync a directory).
        if let Some(dir) = self.target.parent().filter(|d| !d.as_os_str().is_empty())
            && let Ok(dir) = std::fs::File::open(dir)
        {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Whether `target` may be replaced: absent, or a regular file (whose permissions the new file
/// keeps). Anything else is an error saying what it is.
fn replaceable(target: &Path) -> io::Result<Option<Permissions>> {
    let meta = match std::fs::symlink_metadata(target) {
        Ok(meta) => meta,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(Some(meta.permissions()));
    }
    let what = if kind.is_symlink() {
        "a symbolic link; apidex replaces only regular files (name the file it points to)"
    } else if kind.is_dir() {
        "a directory"
    } else {
        special_kind(kind)
    };
    let why = if kind.is_symlink() {
        String::new()
    } else {
        "; apidex replaces only regular files".to_owned()
    };
    Err(io::Error::other(format!("it is {what}{why}")))
}

#[cfg(unix)]
fn special_kind(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: std::fs::FileType) -> &'static str {
    "a special file"
}

/// `cannot write PATH: No space left on device` (without the `(os error 28)` tail, nor the
/// temporary file's path that `tempfile` appends: the target is named already).
fn describe(path: &Path, err: &io::Error) -> String {
    let mut text = err.to_string();
    // `tempfile` wraps the system's error in a private type whose text ends so.
    if let Some(at) = text.find(" at path \"") {
        text.truncate(at);
    }
    if text.ends_with(')')
        && let Some(at) = text.rfind(" (os error ")
    {
        text.truncate(at);
    }
    format!("cannot write {}: {text}", path.display())
}

/// Writes `contents` to `path` atomically. The directory must exist (it is not created).
///
/// # Errors
/// The I/O error, with the path in its message.
pub fn write_atomic_sync(path: &Path, contents: &[u8]) -> Result<(), String> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents).map_err(|e| describe(path, &e))?;
    file.commit()
}

/// [`write_atomic_sync`] off the async workers.
///
/// # Errors
/// As [`write_atomic_sync`].
pub async fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), String> {
    let (path, contents) = (path.to_owned(), contents.to_vec());
    tokio::task::spawn_blocking(move || write_atomic_sync(&path, &contents))
        .await
        .map_err(|e| format!("the export was interrupted: {e}"))?
}
