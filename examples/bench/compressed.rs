//! Case 3 of #16, side by side on the same server in one run, with gzip (as the live APIs
//! answer): apidex's CLI against `curl --compressed --parallel` at the same concurrency, for a
//! batch of 151 at +50 ms and 1025 at 0 ms, and the seed's design (`seed.py`: httpx, one client,
//! `asyncio.gather`) on the 1025. httpx is installed into the scratch directory when Python
//! lacks it; without it (no network) the seed column is skipped and the notes say so.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{
    BATCH, Bench, CONCURRENCY, Cache, LATENCY_MS, Report, Result, Row, THROUGHPUT, ms, repeat,
};

impl Bench {
    /// Runs the side-by-side case and adds its rows.
    pub(super) fn compressed(&self, report: &mut Report) -> Result<()> {
        eprintln!("== 3. side by side with gzip: apidex, curl --compressed, the seed's design");
        self.server.control("config?gzip=1")?;
        let result = self.side_by_side(report);
        self.server.control("config?gzip=0")?;
        result
    }

    fn side_by_side(&self, report: &mut Report) -> Result<()> {
        let runs = self.plan.runs;
        for (count, delay) in [(BATCH, LATENCY_MS), (THROUGHPUT, 0)] {
            self.server
                .control(&format!("config?delay_ms={delay}&list_delay_ms=0"))?;
            let ids: Vec<String> = (1..=count).map(|id| id.to_string()).collect();
            let curl = repeat(runs, || self.curl_get(&ids, true))?;
            let apidex = repeat(runs, || self.cli_get(&ids, &Cache::Off))?;
            let what = format!("{count} @ +{delay} ms, gzip");
            report
                .notes
                .push(curl.describe(&format!("{what}, curl --compressed --parallel")));
            report
                .notes
                .push(apidex.describe(&format!("{what}, apidex CLI --no-cache")));
            let (a, c) = (apidex.median_wall(), curl.median_wall());
            let times = a.as_secs_f64() / c.as_secs_f64();
            report.rows.push(Row::new(
                &format!("3. {what}, c={CONCURRENCY}: apidex CLI ÷ curl --compressed --parallel"),
                format!("{} ÷ {} = {times:.2}", ms(a), ms(c)),
                "≤ 1.10".to_owned(),
                times / 1.10,
            ));
            if count == THROUGHPUT {
                self.seed_row(&ids, a, report);
            }
        }
        Ok(())
    }

    /// The seed's design on the same ids, against apidex's median `apidex`.
    fn seed_row(&self, ids: &[String], apidex: Duration, report: &mut Report) {
        let Some(pythonpath) = self.httpx() else {
            report
                .notes
                .push("seed (httpx): skipped, httpx could not be installed".to_owned());
            return;
        };
        let seed = self.root.join("examples/bench/seed.py");
        let ca = self
            .server
            .ca
            .as_ref()
            .map_or_else(|| "-".to_owned(), |ca| ca.display().to_string());
        let mut walls = Vec::new();
        for _ in 0..self.plan.runs.min(3) {
            let started = Instant::now();
            let out = Command::new("python3")
                .arg(&seed)
                .arg(&self.server.origin)
                .arg(&ca)
                .args(ids)
                .env("PYTHONPATH", &pythonpath)
                .stderr(Stdio::piped())
                .output();
            let wall = started.elapsed();
            match out {
                Ok(out) if out.status.success() => walls.push(wall),
                Ok(out) => {
                    let error = String::from_utf8_lossy(&out.stderr);
                    let last = error.lines().last().unwrap_or("").to_owned();
                    report.notes.push(format!("seed (httpx): failed: {last}"));
                    return;
                }
                Err(err) => {
                    report
                        .notes
                        .push(format!("seed (httpx): cannot run: {err}"));
                    return;
                }
            }
        }
        walls.sort();
        let seed = walls[walls.len() / 2];
        let faster = seed.as_secs_f64() / apidex.as_secs_f64();
        report.notes.push(format!(
            "seed (httpx + asyncio.gather, one client), {} @ +0 ms, gzip: {} runs, wall median {}",
            ids.len(),
            walls.len(),
            ms(seed)
        ));
        report.rows.push(Row::new(
            &format!(
                "3. {} @ +0 ms, gzip: the seed's design ÷ apidex CLI",
                ids.len()
            ),
            format!("{} ÷ {} = {faster:.1} × faster", ms(seed), ms(apidex)),
            "≥ 10 ×".to_owned(),
            10.0 / faster,
        ));
    }

    /// A `PYTHONPATH` under which `import httpx` works (installed into the scratch directory
    /// when Python lacks it), or `None`.
    fn httpx(&self) -> Option<PathBuf> {
        let dir = self.scratch.join("pydeps");
        let works = |path: &PathBuf| {
            Command::new("python3")
                .args(["-c", "import httpx"])
                .env("PYTHONPATH", path)
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if works(&dir) {
            return Some(dir);
        }
        let installed = Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "--target"])
            .arg(&dir)
            .arg("httpx")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        (installed && works(&dir)).then_some(dir)
    }
}
