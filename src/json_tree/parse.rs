//! Bodies to trees: one serde pass straight into the node arena, in the body's own order (no
//! `serde_json::Value` in between, whose maps would sort the keys and double the memory).
//!
//! `serde_json` stops at 128 levels of nesting, which keeps the parse off the end of the stack;
//! such a body is kept as text and the view says how deep it goes. Past [`MAX_NODES`] values
//! the rest is skipped (still checked) and the tree says it was cut.

use std::fmt;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{JsonTree, Node, NodeKey, NodeValue};

/// Values kept in one tree: about 50 MB of nodes at most, whatever the body.
pub const MAX_NODES: usize = 500_000;

/// Bytes of a body kept as text when it cannot be explored.
const RAW_KEPT: usize = 64 * 1024;

/// A body, ready for the JSON view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonDoc {
    /// A tree to explore.
    Tree(JsonTree),
    /// Valid-looking JSON nested deeper than the parser goes.
    TooDeep {
        /// How deep it goes.
        levels: usize,
        /// Its first bytes, as text.
        raw: String,
    },
    /// Not JSON at all.
    NotJson {
        /// The parser's complaint.
        reason: String,
        /// Its first bytes, as text.
        raw: String,
    },
}

/// Parses `body` for the JSON view. Run it off the UI task for large bodies.
pub fn parse(body: &[u8]) -> JsonDoc {
    let mut builder = Builder::default();
    match builder.add_root(body) {
        Ok(()) => JsonDoc::Tree(builder.finish()),
        Err(err) => {
            let raw = String::from_utf8_lossy(&body[..body.len().min(RAW_KEPT)]).into_owned();
            if err.to_string().contains("recursion limit") {
                JsonDoc::TooDeep {
                    levels: nesting(body),
                    raw,
                }
            } else {
                JsonDoc::NotJson {
                    reason: err.to_string(),
                    raw,
                }
            }
        }
    }
}

/// Builds one tree from several documents (a filter's outputs), each a root.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    nodes: Vec<Node>,
    truncated: bool,
}

impl Builder {
    /// Adds `body` as one more root.
    pub(crate) fn add_root(&mut self, body: &[u8]) -> Result<(), serde_json::Error> {
        let start = self.nodes.len();
        let mut de = serde_json::Deserializer::from_slice(body);
        let result = Seed {
            builder: self,
            key: None,
            parent: None,
            depth: 0,
        }
        .deserialize(&mut de)
        .and_then(|()| de.end());
        if result.is_err() {
            self.nodes.truncate(start);
        }
        result
    }

    /// The tree.
    pub(crate) fn finish(self) -> JsonTree {
        JsonTree::from_nodes(self.nodes, self.truncated)
    }

    fn push(
        &mut self,
        key: Option<NodeKey>,
        value: NodeValue,
        parent: Option<usize>,
        depth: usize,
    ) -> usize {
        let index = self.nodes.len();
        self.nodes.push(Node {
            key,
            value,
            parent,
            depth,
            end: index + 1,
            last: true,
        });
        index
    }

    /// Nodes so far.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Marks the tree as cut short (outputs left out).
    pub(crate) fn cut(&mut self) {
        self.truncated = true;
    }

    fn full(&self) -> bool {
        self.nodes.len() >= MAX_NODES
    }
}

/// Where the next value goes.
struct Seed<'a> {
    builder: &'a mut Builder,
    key: Option<NodeKey>,
    parent: Option<usize>,
    depth: usize,
}

impl Seed<'_> {
    fn scalar(self, value: NodeValue) {
        self.builder.push(self.key, value, self.parent, self.depth);
    }

    /// Closes container `index` opened with `children` kept; the last child gets no comma.
    fn close(builder: &mut Builder, index: usize, children: usize, last_child: Option<usize>) {
        let end = builder.nodes.len();
        let node = &mut builder.nodes[index];
        node.end = end;
        match &mut node.value {
            NodeValue::Array(n) | NodeValue::Object(n) => *n = children,
            _ => {}
        }
        if let Some(last) = last_child {
            builder.nodes[last].last = true;
        }
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.scalar(NodeValue::Bool(v));
        Ok(())
    }

    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.scalar(NodeValue::Number(v.to_string()));
        Ok(())
    }

    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.scalar(NodeValue::Number(v.to_string()));
        Ok(())
    }

    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        let text =
            serde_json::Number::from_f64(v).map_or_else(|| "null".to_owned(), |n| n.to_string());
        self.scalar(NodeValue::Number(text));
        Ok(())
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.scalar(NodeValue::String(v.to_owned()));
        Ok(())
    }

    fn visit_string<E>(self, v: String) -> Result<(), E> {
        self.scalar(NodeValue::String(v));
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.scalar(NodeValue::Null);
        Ok(())
    }

    fn visit_none<E>(self) -> Result<(), E> {
        self.scalar(NodeValue::Null);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let builder = self.builder;
        let index = builder.push(self.key, NodeValue::Array(0), self.parent, self.depth);
        let (mut children, mut last): (usize, Option<usize>) = (0, None);
        loop {
            if builder.full() {
                // Checked, not kept.
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    break;
                }
                builder.truncated = true;
                continue;
            }
            let child = builder.nodes.len();
            let seed = Seed {
                builder: &mut *builder,
                key: Some(NodeKey::Index(children)),
                parent: Some(index),
                depth: self.depth + 1,
            };
            if seq.next_element_seed(seed)?.is_none() {
                break;
            }
            if let Some(previous) = last {
                builder.nodes[previous].last = false;
            }
            builder.nodes[child].last = true;
            last = Some(child);
            children += 1;
        }
        Seed::close(builder, index, children, last);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let builder = self.builder;
        let index = builder.push(self.key, NodeValue::Object(0), self.parent, self.depth);
        let (mut children, mut last): (usize, Option<usize>) = (0, None);
        while let Some(name) = map.next_key::<String>()? {
            if builder.full() {
                map.next_value::<IgnoredAny>()?;
                builder.truncated = true;
                continue;
            }
            let child = builder.nodes.len();
            map.next_value_seed(Seed {
                builder: &mut *builder,
                key: Some(NodeKey::Field(name)),
                parent: Some(index),
                depth: self.depth + 1,
            })?;
            if let Some(previous) = last {
                builder.nodes[previous].last = false;
            }
            last = Some(child);
            children += 1;
        }
        Seed::close(builder, index, children, last);
        Ok(())
    }
}

/// How deep `body` nests (brackets outside strings), counted without recursion.
pub(super) fn nesting(body: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for &byte in body {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_body_order_and_commas() {
        let JsonDoc::Tree(tree) = parse(br#"{"b":1,"a":[true,null],"c":"x"}"#) else {
            panic!("a tree");
        };
        let keys: Vec<_> = tree.nodes().iter().map(|n| n.key.clone()).collect();
        assert_eq!(keys[1], Some(NodeKey::Field("b".into())));
        assert_eq!(keys[2], Some(NodeKey::Field("a".into())));
        let lasts: Vec<bool> = tree.nodes().iter().map(|n| n.last).collect();
        assert_eq!(lasts, [true, false, false, false, true, true]);
        assert_eq!(tree.nodes()[2].end, 5);
    }

    #[test]
    fn deep_bodies_are_text_with_their_depth() {
        let body = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        match parse(body.as_bytes()) {
            JsonDoc::TooDeep { levels, raw } => {
                assert_eq!(levels, 100_000);
                assert_eq!(raw.len(), RAW_KEPT);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn not_json_says_why() {
        assert!(matches!(parse(b"<html>"), JsonDoc::NotJson { .. }));
        assert!(matches!(parse(b"{} x"), JsonDoc::NotJson { .. }));
    }

    #[test]
    fn huge_bodies_are_cut_at_the_cap() {
        let body = format!("[{}0]", "0,".repeat(MAX_NODES + 10));
        let JsonDoc::Tree(tree) = parse(body.as_bytes()) else {
            panic!("a tree");
        };
        assert!(tree.truncated);
        assert_eq!(tree.nodes().len(), MAX_NODES);
    }
}
