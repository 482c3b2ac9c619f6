//! What Linux says about a process: memory (`/proc/PID/status`) and CPU time (`/proc/PID/stat`,
//! `/proc/PID/task/*/schedstat`).

use std::time::Duration;

/// Clock ticks per second of `/proc/PID/stat` times (`USER_HZ`, 100 on Linux).
const TICK: Duration = Duration::from_millis(10);

/// A `kB` field of `/proc/{pid}/status` (`VmRSS`, `VmHWM`), in bytes.
pub fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map(|kb| kb * 1024)
}

/// Threads of process `pid`.
pub fn threads(pid: u32) -> Option<usize> {
    Some(std::fs::read_dir(format!("/proc/{pid}/task")).ok()?.count())
}

/// Fields of `/proc/{pid}/stat` after the command name, numbered as in `proc(5)` from 3.
fn stat_fields(pid: &str) -> Option<Vec<u64>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may contain spaces: fields start after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    Some(
        rest.split_whitespace()
            .map(|field| field.parse().unwrap_or(0))
            .collect(),
    )
}

/// User + system CPU time of process `pid` (`utime` + `stime`, 10 ms resolution).
pub fn cpu(pid: u32) -> Option<Duration> {
    let fields = stat_fields(&pid.to_string())?;
    // utime is field 14, stime 15; `fields[0]` is field 3.
    let ticks = fields.get(11)? + fields.get(12)?;
    Some(TICK * u32::try_from(ticks).ok()?)
}

/// CPU time of this process's children that have been waited for (`cutime` + `cstime`).
pub fn children_cpu() -> Duration {
    let ticks = stat_fields("self")
        .and_then(|fields| Some(fields.get(13)? + fields.get(14)?))
        .unwrap_or(0);
    TICK * u32::try_from(ticks).unwrap_or(u32::MAX)
}

/// CPU time of every thread of process `pid` now alive, in nanoseconds
/// (`/proc/PID/task/*/schedstat`): fine-grained, for short idle periods.
pub fn thread_cpu(pid: u32) -> Option<Duration> {
    let mut total = 0u64;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
        let path = task.ok()?.path().join("schedstat");
        if let Ok(text) = std::fs::read_to_string(path) {
            total += text
                .split_whitespace()
                .next()
                .and_then(|ns| ns.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    Some(Duration::from_nanos(total))
}

/// CPU time of this process so far (every thread, nanosecond resolution).
pub fn own_cpu() -> Duration {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    )
}
