//! The one-line summary of a message in the Live tab. For Jetstream: time, kind (or the
//! commit's operation), collection, handle (once an identity event named it) or DID, and the
//! post's text; for other JSON: its first short string fields; for the rest, what it was.
//! Every piece is sanitised: the row goes straight to the terminal.

use std::collections::HashMap;

use serde_json::Value;

use super::{Frame, FrameKind};

/// Strings longer than this are not "short" (an object's summary skips them).
const SHORT: usize = 80;
/// Handles remembered from identity events, at most (then forgotten and learnt again).
const HANDLES: usize = 20_000;

/// Bytes of DIDs and handles remembered, at most: 20 000 real pairs take about 1.2 MB.
const HANDLE_BYTES: usize = 2_000_000;

/// A handle is a domain name, at most 253 characters: a longer one is not remembered.
const MAX_HANDLE: usize = 253;

/// DIDs longer than this are not remembered either (a `did:plc` is 32 characters).
const MAX_DID: usize = 512;

/// Makes summaries, remembering the handles identity events name (DID → handle).
#[derive(Debug, Default)]
pub struct Summarizer {
    handles: HashMap<String, String>,
    /// The bytes of the DIDs and handles in `handles`.
    bytes: usize,
}

impl Summarizer {
    /// The summary of `frame`.
    pub fn summary(&mut self, frame: &Frame) -> String {
        match frame.kind {
            FrameKind::Binary => frame.text.clone(),
            FrameKind::NotJson => format!("not JSON: {}", one_line(&frame.text)),
            FrameKind::Json => match serde_json::from_str::<Value>(&frame.text) {
                Ok(value) if value.get("time_us").is_some() && value.get("kind").is_some() => {
                    self.jetstream(&value)
                }
                Ok(Value::Object(_)) => other_object(&frame.text),
                Ok(value) => other(&value),
                Err(_) => one_line(&frame.text),
            },
        }
    }

    fn jetstream(&mut self, value: &Value) -> String {
        let str_at = |pointer: &str| value.pointer(pointer).and_then(Value::as_str);
        let kind = str_at("/kind").unwrap_or("?");
        let did = str_at("/did").unwrap_or("?");
        if kind == "identity"
            && let Some(handle) = str_at("/identity/handle")
        {
            self.remember(did, handle);
        }
        let who = self.handles.get(did).map_or(did, String::as_str);
        let time = value
            .get("time_us")
            .and_then(Value::as_u64)
            .map_or_else(|| "--:--:--".to_owned(), clock);
        let mut parts = vec![time];
        match kind {
            "commit" => {
                parts.push(str_at("/commit/operation").unwrap_or("?").to_owned());
                let collection = str_at("/commit/collection").unwrap_or("?");
                parts.push(collection.trim_start_matches("app.bsky.").to_owned());
                parts.push(who.to_owned());
                if let Some(text) = str_at("/commit/record/text") {
                    parts.push(text.to_owned());
                } else if let Some(subject) = str_at("/commit/record/subject")
                    .or_else(|| str_at("/commit/record/subject/uri"))
                {
                    parts.push(format!("→ {subject}"));
                }
            }
            "account" => {
                parts.push("account".to_owned());
                parts.push(who.to_owned());
                let active = value.pointer("/account/active").and_then(Value::as_bool);
                parts.push(
                    if active == Some(false) {
                        "inactive"
                    } else {
                        "active"
                    }
                    .to_owned(),
                );
            }
            other => {
                parts.push(other.to_owned());
                parts.push(who.to_owned());
            }
        }
        one_line(&parts.join("  "))
    }
}

impl Summarizer {
    /// Remembers `did`'s handle, within the count and byte bounds (past either, all is
    /// forgotten and learnt again: a hostile stream of unique or huge handles costs no more).
    fn remember(&mut self, did: &str, handle: &str) {
        if handle.len() > MAX_HANDLE || did.len() > MAX_DID {
            self.forget(did);
            return;
        }
        let size = did.len() + handle.len();
        if self.handles.len() >= HANDLES || self.bytes + size > HANDLE_BYTES {
            self.handles.clear();
            self.bytes = 0;
        }
        self.forget(did);
        self.handles.insert(did.to_owned(), handle.to_owned());
        self.bytes += size;
    }

    /// Forgets `did`'s handle (one it no longer has).
    fn forget(&mut self, did: &str) {
        if let Some(old) = self.handles.remove(did) {
            self.bytes -= did.len() + old.len();
        }
    }
}

/// An object's first short string fields (`key: value`) in the order sent, else the JSON.
fn other_object(text: &str) -> String {
    let fields: Vec<String> = serde_json::from_str::<Ordered>(text)
        .map(|o| o.0)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v)| Some((k, v.as_str()?.to_owned())))
        .filter(|(_, v)| !v.is_empty() && v.chars().count() <= SHORT)
        .take(4)
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    if fields.is_empty() {
        return one_line(text);
    }
    one_line(&fields.join("  "))
}

/// An object's members in the order sent (`serde_json::Map` sorts them).
struct Ordered(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Ordered, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, Value>()? {
                    members.push(member);
                }
                Ok(Ordered(members))
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// Any other JSON: a string's text, else the JSON itself.
fn other(value: &Value) -> String {
    if let Value::String(text) = value {
        return one_line(text);
    }
    one_line(&value.to_string())
}

/// `HH:MM:SS.mmm` (UTC) of a microsecond timestamp.
fn clock(time_us: u64) -> String {
    let ms = time_us / 1000;
    let secs = ms / 1000;
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60,
        ms % 1000
    )
}

/// Line breaks as spaces, every other control character escaped, at most 300 characters.
fn one_line(text: &str) -> String {
    let flat: String = text
        .chars()
        .take(300)
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    crate::sanitize::line(&flat).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Frame {
        Frame {
            text: text.to_owned(),
            kind: FrameKind::Json,
            time_us: None,
        }
    }

    #[test]
    fn jetstream_rows_name_time_operation_collection_who_and_text() {
        let mut s = Summarizer::default();
        let post = r#"{"did":"did:plc:a","time_us":1796000000050000,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","record":{"text":"hi\nthere \u001b[2J"}}}"#;
        assert_eq!(
            s.summary(&json(post)),
            "00:53:20.050  create  feed.post  did:plc:a  hi there \\x1b[2J"
        );
        let identity = r#"{"did":"did:plc:a","time_us":1796000000100000,"kind":"identity","identity":{"handle":"bret.bsky.social"}}"#;
        assert_eq!(
            s.summary(&json(identity)),
            "00:53:20.100  identity  bret.bsky.social"
        );
        let like = r#"{"did":"did:plc:a","time_us":1796000000150000,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.like","record":{"subject":{"uri":"at://x/y"}}}}"#;
        assert_eq!(
            s.summary(&json(like)),
            "00:53:20.150  create  feed.like  bret.bsky.social  → at://x/y",
            "the handle learnt from the identity event"
        );
    }

    #[test]
    fn handles_are_remembered_within_their_length_and_byte_bounds() {
        let mut s = Summarizer::default();
        let identity = |did: &str, handle: &str| {
            json(&format!(
                r#"{{"did":"{did}","time_us":1,"kind":"identity","identity":{{"handle":"{handle}"}}}}"#
            ))
        };
        s.summary(&identity("did:plc:a", "a.bsky.social"));
        s.summary(&identity("did:plc:a", &"h".repeat(100_000)));
        assert!(
            s.handles.is_empty(),
            "a 100 000-character handle is no handle"
        );
        assert_eq!(s.bytes, 0);
        // The hostile /handles stream: unique DIDs, long handles.
        let long = "h".repeat(MAX_HANDLE);
        for k in 0..20_000 {
            s.summary(&identity(&format!("did:plc:{k}"), &long));
            assert!(s.bytes <= HANDLE_BYTES);
        }
        let counted: usize = s.handles.iter().map(|(d, h)| d.len() + h.len()).sum();
        assert_eq!(counted, s.bytes);
        assert!(s.handles.len() < 20_000, "forgotten and learnt again");
    }

    #[test]
    fn other_json_shows_its_first_short_strings() {
        let mut s = Summarizer::default();
        let long = "x".repeat(200);
        let text = format!(r#"{{"id":1,"body":"{long}","type":"ticker","symbol":"BTC"}}"#);
        assert_eq!(s.summary(&json(&text)), "type: ticker  symbol: BTC");
        assert_eq!(s.summary(&json("[1,2,3]")), "[1,2,3]");
        assert_eq!(s.summary(&json(r#""Echo: hi""#)), "Echo: hi");
        let garbage = Frame {
            text: "{not json\u{1b}]0;PWNED\u{7}".to_owned(),
            kind: FrameKind::NotJson,
            time_us: None,
        };
        assert_eq!(s.summary(&garbage), "not JSON: {not json\\x1b]0;PWNED\\x07");
    }
}
