//! Writing files atomically: a temporary file beside the target, then a rename, so a crash or a
//! full disk mid-write leaves the old file intact rather than half a new one.

use std::path::{Path, PathBuf};

use tokio::io::AsyncWriteExt;

/// Writes `contents` to `path` atomically (with tokio's async file API).
///
/// # Errors
/// The I/O error, with the path in its message.
pub async fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), String> {
    let describe = |err: std::io::Error| format!("cannot write {}: {err}", path.display());
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        tokio::fs::create_dir_all(parent).await.map_err(describe)?;
    }
    let temp = temp_path(path);
    let result = async {
        let mut file = tokio::fs::File::create(&temp).await?;
        file.write_all(contents).await?;
        // On disk before the rename makes it visible.
        file.sync_all().await?;
        drop(file);
        tokio::fs::rename(&temp, path).await
    }
    .await;
    if result.is_err() {
        let _ = tokio::fs::remove_file(&temp).await;
    }
    result.map_err(describe)
}

/// `dir/.name.tmp-<pid>`: hidden, beside the target (same file system, so the rename is atomic).
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// Pretty-prints JSON texts as one JSON document: a single value as itself, several as an array.
///
/// # Errors
/// A text that is not JSON (cannot happen for bodies the client accepted).
pub fn pretty_json(values: &[&str]) -> Result<String, String> {
    let parsed: Vec<serde_json::Value> = values
        .iter()
        .map(|v| serde_json::from_str(v).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let doc = match parsed.as_slice() {
        [one] => serde_json::to_string_pretty(one),
        _ => serde_json::to_string_pretty(&parsed),
    };
    doc.map(|mut text| {
        text.push('\n');
        text
    })
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn writes_replace_the_file_whole() {
        let dir = std::env::temp_dir().join(format!("apidex-export-{}", std::process::id()));
        let path = dir.join("sub/out.json");
        write_atomic(&path, b"first").await.unwrap();
        write_atomic(&path, b"second").await.unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        // No temporary file is left behind.
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn one_value_stays_itself_several_become_an_array() {
        assert_eq!(pretty_json(&["{\"a\":1}"]).unwrap(), "{\n  \"a\": 1\n}\n");
        assert!(pretty_json(&["1", "2"]).unwrap().starts_with('['));
    }
}
