//! Exports (`e` in the browser) and `apidex get … -o FILE`: atomic for real. A full disk keeps
//! the old file and says so (exit 1); temporary names are random and created exclusively, so a
//! planted symlink is never followed; only regular files are replaced; `-o` never creates
//! directories; the browser's export streams item by item.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use apidex::event::EffectRunner;
use apidex::export::{JsonExport, pretty_json, write_atomic};
use apidex::model::ItemKey;
use apidex::msg::{Effect, Msg};
use assert_cmd::Command;
use tmpfs::Tmpfs;

use crate::support::process::{stderr, without_apidex_env};
use crate::support::tmpfs;

const RUN_LIMIT: Duration = Duration::from_secs(60);

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apidex-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `apidex --offline get pokemon pikachu --json -o FILE`: answered from the bundled snapshot,
/// no server needed.
fn get_into(file: &Path) -> Output {
    // One scratch directory per run: tests run in parallel.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let scratch = temp_dir(&format!("scratch-{run}"));
    let mut cmd = Command::cargo_bin("apidex").unwrap();
    without_apidex_env(&mut cmd);
    cmd.env("APIDEX_CONFIG", scratch.join("no-config.toml"))
        .env("APIDEX_CACHE_DIR", scratch.join("cache"))
        .env("APIDEX_DATA_DIR", scratch.join("data"))
        .env("APIDEX_LOG", "off")
        .args(["--offline", "get", "pokemon", "pikachu", "--json", "-o"])
        .arg(file)
        .timeout(RUN_LIMIT)
        .output()
        .unwrap()
}

#[test]
fn o_writes_the_file_and_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp_dir("ok");
    let file = dir.join("out.json");
    std::fs::write(&file, "old").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = get_into(&file);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(written[0]["name"], "pikachu");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(names_in(&dir), vec!["out.json"], "no temporary file left");
}

#[test]
fn o_on_a_full_disk_keeps_the_old_file_and_fails() {
    let Some(disk) = Tmpfs::mount("export-full", "3m") else {
        return;
    };
    let file = disk.path().join("out.json");
    std::fs::write(&file, "the old export").unwrap();
    disk.fill();
    let out = get_into(&file);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("No space left on device"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "the old export");
    assert_eq!(names_in(disk.path()), vec!["filler", "out.json"]);
}

#[tokio::test]
async fn a_streamed_export_on_a_full_disk_keeps_the_old_file_and_fails() {
    let Some(disk) = Tmpfs::mount("stream-full", "3m") else {
        return;
    };
    let file = disk.path().join("marked.json");
    std::fs::write(&file, "the old export").unwrap();
    disk.fill();
    let body = format!("{{\"text\": \"{}\"}}", "x".repeat(200_000));
    let result = async {
        let mut export = JsonExport::create(&file, 3).await?;
        for _ in 0..3 {
            export.push(body.clone()).await?;
        }
        export.finish().await
    }
    .await;
    let err = result.unwrap_err();
    assert_eq!(
        err,
        format!("cannot write {}: No space left on device", file.display())
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "the old export");
    assert_eq!(names_in(disk.path()), vec!["filler", "marked.json"]);
}

#[test]
fn o_into_a_missing_directory_fails_and_creates_nothing() {
    let dir = temp_dir("missing");
    let file = dir.join("no/such/dir/out.json");
    let out = get_into(&file);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
    assert!(!dir.join("no").exists());
}

#[tokio::test]
async fn a_symlink_at_the_old_predictable_temporary_name_is_not_followed() {
    let dir = temp_dir("planted");
    let victim = dir.join("victim");
    std::fs::write(&victim, "precious").unwrap();
    // What older versions wrote to: `.NAME.tmp-PID`.
    let planted = dir.join(format!(".out.json.tmp-{}", std::process::id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let file = dir.join("out.json");
    write_atomic(&file, b"{\"new\": 1}").await.unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), b"{\"new\": 1}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::symlink_metadata(&planted).unwrap().is_symlink());
    assert_eq!(names_in(&dir).len(), 3, "{:?}", names_in(&dir));
}

#[test]
fn a_symlink_target_is_refused_and_left_as_it_is() {
    let dir = temp_dir("link");
    let real = dir.join("real.json");
    std::fs::write(&real, "real").unwrap();
    let link = dir.join("out.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = get_into(&link);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "real");
    assert_eq!(names_in(&dir), vec!["out.json", "real.json"]);
}

#[test]
fn a_fifo_or_a_device_target_is_refused() {
    use std::os::unix::fs::FileTypeExt as _;
    let dir = temp_dir("special");
    let fifo = dir.join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = get_into(&fifo);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("a FIFO"), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    // A device node of our own (like /dev/null), never the system's.
    let device = dir.join("null");
    let made = std::process::Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("SKIPPED the device case: mknod needs root");
        return;
    }
    let out = get_into(&device);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("a device"), "{}", stderr(&out));
    let kind = std::fs::symlink_metadata(&device).unwrap().file_type();
    assert!(kind.is_char_device());
    assert_eq!(names_in(&dir), vec!["fifo", "null"]);
}

#[tokio::test]
async fn the_browser_export_writes_every_item_as_one_document() {
    let server = crate::support::fixture_server().await;
    let dir = temp_dir("runner");
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut runner =
        EffectRunner::new(crate::support::clients(&server), tx).with_export_dir(dir.clone());
    let keys = vec![ItemKey::Post(1), ItemKey::Post(2), ItemKey::User(1)];
    runner.run(Effect::Export {
        keys,
        name: "marked".to_owned(),
    });
    let path = loop {
        if let Msg::Exported(result) = rx.recv().await.unwrap() {
            break result.unwrap();
        }
    };
    let bodies = [
        crate::support::fixture("jsonplaceholder/posts-1.json"),
        crate::support::fixture("jsonplaceholder/posts-2.json"),
        crate::support::fixture("jsonplaceholder/users-1.json"),
    ];
    let texts: Vec<String> = bodies
        .iter()
        .map(|b| String::from_utf8(b.clone()).unwrap())
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        pretty_json(&refs).unwrap()
    );
    assert_eq!(names_in(&dir).len(), 1, "{:?}", names_in(&dir));
}
