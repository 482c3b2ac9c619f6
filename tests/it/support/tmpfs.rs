//! A small tmpfs mounted for one test (a full or read-only disk on demand), unmounted when
//! dropped. Mounting needs root (or a user namespace); where it is refused, `mount` returns
//! `None` and says the test is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A mounted tmpfs; unmounted and removed on drop, whatever the test did.
pub struct Tmpfs {
    dir: PathBuf,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (e.g. `"3m"`) on a fresh directory named after `test`.
    pub fn mount(test: &str, size: &str) -> Option<Self> {
        let dir = std::env::temp_dir().join(format!("apidex-tmpfs-{test}-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            let _ = std::fs::remove_dir(&dir);
            eprintln!("SKIPPED {test}: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(Self { dir })
    }

    /// The mount point.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Makes the file system read-only.
    pub fn remount_read_only(&self) {
        self.remount("remount,ro");
    }

    /// Makes the file system writable again.
    pub fn remount_read_write(&self) {
        self.remount("remount,rw");
    }

    fn remount(&self, how: &str) {
        let ok = Command::new("mount")
            .args(["-o", how])
            .arg(&self.dir)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "mount -o {how}");
    }

    /// Fills the file system: a file grows until the disk refuses more.
    pub fn fill(&self) {
        use std::io::Write as _;
        let mut filler = std::fs::File::create(self.dir.join("filler")).unwrap();
        let chunk = vec![0u8; 4096];
        while filler.write_all(&chunk).is_ok() {}
        let _ = filler.flush();
        let _ = filler.sync_all();
        assert!(
            std::fs::write(self.dir.join("one-more"), vec![0u8; 8192]).is_err(),
            "the disk should be full"
        );
        let _ = std::fs::remove_file(self.dir.join("one-more"));
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
        if std::fs::remove_dir(&self.dir).is_err() {
            // Still busy: detach it now, it goes when the last file closes.
            let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
            let _ = std::fs::remove_dir(&self.dir);
        }
    }
}
