//! Ctrl-C in the command line: cancels the requests in flight promptly and exits with 130.

#![allow(clippy::unwrap_used)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Fault, Reply, fixture_server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interrupt_cancels_a_hanging_request_and_exits_130() {
    let server = fixture_server().await;
    server.route("/api/v2/pokemon/pikachu", Reply::fault(Fault::Hang));
    let cache = std::env::temp_dir().join(format!("apidex-signal-{}", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_apidex"))
        .args(crate::support::url_flags(&server))
        .args([
            "--timeout",
            "60",
            "--retries",
            "0",
            "get",
            "pokemon",
            "pikachu",
        ])
        .env("APIDEX_CACHE_DIR", &cache)
        .env("APIDEX_CONFIG", cache.join("no-config.toml"))
        .env("APIDEX_LOG", "off")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the request is really in flight, so the interrupt lands mid-request.
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.request_count() == 0 {
        assert!(Instant::now() < deadline, "the request never arrived");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    // The request would hang for a minute; the process must be gone well before that.
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(exit.code(), Some(130));
    let output = child.wait_with_output().unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("interrupted"));
    assert!(output.stdout.is_empty());
}
