//! Naming on stderr every item whose answer did not come from the network just now, so a
//! script never takes an out-of-date or abridged body for a live one (stdout stays data only).

#[cfg(test)]
use crate::api::origin::Cause;
use crate::api::origin::{Origin, ago};
use crate::sanitize;

/// The note for one item that came from `origin`, if it needs one. `offline`: the user asked
/// for `--offline`, so the network was not even tried.
pub fn note(origin: Origin, offline: bool) -> Option<String> {
    match origin {
        Origin::Network | Origin::Cache { .. } => None,
        Origin::Stale { age, .. } if offline => Some(format!(
            "offline: answered from the cache, fetched {} (may be out of date)",
            ago(age)
        )),
        Origin::Stale { age, cause } => Some(format!(
            "the network failed ({}): answered from the cache, fetched {} (may be out of date)",
            cause.describe(),
            ago(age)
        )),
        Origin::Snapshot { .. } => Some(
            "offline: answered from the bundled snapshot, which is abridged (only the fields \
             apidex shows; links point at the live API)"
                .to_owned(),
        ),
    }
}

/// Prints the note for the item `kind label`, if it needs one.
pub fn report(kind: &str, label: &str, origin: Origin, offline: bool) {
    if let Some(note) = note(origin, offline) {
        let item = if label.is_empty() {
            kind.to_owned()
        } else {
            format!("{kind} {}", sanitize::line(label))
        };
        eprintln!("apidex: note: {item}: {note}");
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn only_answers_that_are_not_live_are_named() {
        assert_eq!(note(Origin::Network, false), None);
        assert_eq!(
            note(
                Origin::Cache {
                    age: Duration::from_secs(60)
                },
                false
            ),
            None
        );
        let stale = note(
            Origin::Stale {
                age: Duration::from_secs(3 * 3600),
                cause: Cause::Unreachable,
            },
            false,
        )
        .unwrap_or_default();
        assert!(
            stale.contains("network failed") && stale.contains("3 h ago"),
            "{stale}"
        );
        let snapshot = note(
            Origin::Snapshot {
                cause: Cause::Offline,
            },
            true,
        )
        .unwrap_or_default();
        assert!(snapshot.contains("abridged"), "{snapshot}");
    }
}
