//! Telling JSON from text: one pass over a frame that checks every string as the JSON view
//! will (a lone UTF-16 surrogate escape such as `"\ud800"` is not JSON to either) and reads
//! Jetstream's top-level `time_us` on the way.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Whether `text` is JSON, and its top-level `time_us` if it is an object with one.
pub fn is_json(text: &str) -> (bool, Option<u64>) {
    let mut de = serde_json::Deserializer::from_str(text);
    match Checked::top(&mut de).and_then(|time| de.end().map(|()| time)) {
        Ok(time) => (true, time),
        // Nesting past serde_json's limit is still JSON (the JSON view says "too deep"): its
        // skipping pass, which has no limit, decides.
        Err(err) if err.to_string().contains("recursion limit") => {
            (serde_json::from_str::<IgnoredAny>(text).is_ok(), None)
        }
        Err(_) => (false, None),
    }
}

/// What a value is read for: every value is checked (its strings decoded: the skipping pass
/// does not decode escapes, so it would take lone surrogates the JSON view refuses) and
/// dropped, but the top level keeps an object's `time_us`, which keeps a whole number.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Checked {
    /// The whole document.
    Top,
    /// The value of the top-level `time_us`.
    Time,
    /// Anything else.
    Any,
}

impl Checked {
    /// Checks a whole document; an object's `time_us`, when it is a whole number.
    fn top<'de, D: Deserializer<'de>>(de: D) -> Result<Option<u64>, D::Error> {
        de.deserialize_any(Self::Top)
    }
}

impl<'de> DeserializeSeed<'de> for Checked {
    type Value = Option<u64>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Checked {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut time = None;
        // Keys are strings: read (and so checked) as such, borrowed when they have no escapes.
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let want = if self == Self::Top && key == "time_us" {
                Self::Time
            } else {
                Self::Any
            };
            let value = map.next_value_seed(want)?;
            if want == Self::Time {
                time = value;
            }
        }
        Ok(time)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element_seed(Self::Any)?.is_some() {}
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok((self == Self::Time).then_some(v))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::is_json;

    #[test]
    fn json_is_told_from_text_and_time_us_read() {
        assert_eq!(is_json(r#"{"time_us":5,"x":[1]}"#), (true, Some(5)));
        assert_eq!(is_json(r#"{"x":1}"#), (true, None));
        assert_eq!(is_json("[1,2]"), (true, None));
        assert_eq!(is_json(r#""str""#), (true, None));
        assert_eq!(is_json(r#"{"time_us":"soon"}"#), (true, None));
        assert_eq!(is_json("{not json"), (false, None));
        assert_eq!(is_json("Echo: hello"), (false, None));
        assert_eq!(is_json("[1] trailing"), (false, None));
    }

    #[test]
    fn lone_surrogates_are_not_json_as_in_the_json_view() {
        for text in [r#"["\ud800 lone"]"#, r#"{"a":"\udc00"}"#, r#"{"\ud800":1}"#] {
            assert_eq!(is_json(text), (false, None), "{text}");
            assert!(matches!(
                crate::json_tree::parse(text.as_bytes()),
                crate::json_tree::JsonDoc::NotJson { .. }
            ));
        }
        assert_eq!(is_json(r#"["\ud83d\ude00 pair"]"#), (true, None));
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            is_json(&deep),
            (true, None),
            "deep is JSON, just too deep to show"
        );
    }
}
