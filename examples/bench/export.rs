//! Case 7, export memory: the browser marks every Pokémon of the index (`a`) and exports them
//! (`e`), each body fetched and written to the file one at a time. Peak resident memory must
//! stay within a few MB of the browser's usual footprint, whatever the number of items (#11).

use std::time::Duration;

use super::{Bench, Cache, LIST_SHOWN, Report, Result, Row, SCREEN, mib, procfs, pty};

impl Bench {
    /// Runs the export case and adds its row.
    pub(super) fn export(&self, report: &mut Report) -> Result<()> {
        eprintln!("== 7. export: every Pokémon of the index marked and exported");
        self.server.control("reset")?;
        self.server
            .control("config?delay_ms=0&list_delay_ms=0&distinct_sprites=0")?;
        let exports = self.fresh_dir();
        std::fs::create_dir_all(&exports)?;
        let mut args = self.cache_args(&Cache::Off);
        args.extend(["--export-dir".into(), exports.clone().into_os_string()]);
        // Pictures off: the case measures the export, not sprites.
        args.push("--no-images".into());
        let mut pty = pty::Pty::spawn(&self.binary, &args, &self.envs(), SCREEN, &[LIST_SHOWN])?;
        let pid = pty.pid();
        pty.wait_for(LIST_SHOWN, Duration::from_secs(10))
            .ok_or_else(|| format!("the list did not load; the screen:\n{}", pty.text()))?;
        std::thread::sleep(Duration::from_millis(500));
        let before = procfs::status_kb(pid, "VmHWM").unwrap_or(0);
        pty.send(b"a")?;
        std::thread::sleep(Duration::from_millis(200));
        pty.send(b"e")?;
        // Done when the file has its name: it is written to a temporary file and renamed into
        // place at the end (the status line's notice is drawn by changed cells, not as text).
        let deadline = std::time::Instant::now() + Duration::from_secs(600);
        loop {
            let done = std::fs::read_dir(&exports)?
                .filter_map(std::result::Result::ok)
                .any(|e| e.file_name().to_string_lossy().ends_with(".json"));
            if done {
                break;
            }
            if std::time::Instant::now() > deadline {
                return Err(
                    format!("the export did not finish; the screen:\n{}", pty.text()).into(),
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let peak = procfs::status_kb(pid, "VmHWM").unwrap_or(0);
        let written: u64 = std::fs::read_dir(&exports)?
            .filter_map(|e| e.ok()?.metadata().ok())
            .map(|m| m.len())
            .sum();
        pty.send(b"q")?;
        let _ = pty.finish(Duration::from_secs(3));
        report.notes.push(format!(
            "export: peak RSS {} before, {} after exporting every marked Pokémon ({} written)",
            mib(before),
            mib(peak),
            mib(written)
        ));
        let growth = peak.saturating_sub(before);
        report.rows.push(Row::new(
            "7. export of every Pokémon: peak RSS growth",
            format!(
                "+{} (peak {}, {} file)",
                mib(growth),
                mib(peak),
                mib(written)
            ),
            "≤ +20 MB".to_owned(),
            growth as f64 / 20e6,
        ));
        Ok(())
    }
}
