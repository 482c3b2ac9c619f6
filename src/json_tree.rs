//! The JSON explorer's model (#14): a parsed body as a flat arena of nodes, the rows shown when
//! some containers are folded, jq paths, search. No ratatui, no I/O: the view draws only the
//! rows in sight, and the app changes folds and the cursor.
//!
//! The nodes are kept in document order (pre-order), each container knowing where its
//! descendants end, so the row index is rebuilt by one walk that jumps over folded subtrees
//! (cheap even for a 10 MB body), and no part of the model recurses on the document's depth.

mod filter;
mod folds;
mod parse;
mod search;

pub use self::filter::{child_main, end_filter, run_filter, run_filter_apart};
pub use self::parse::{JsonDoc, MAX_NODES, parse};

/// A node's place in its parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKey {
    /// An object member's name.
    Field(String),
    /// An array element's position.
    Index(usize),
}

/// What a node holds. Scalars keep their JSON text (strings unescaped; the view escapes them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as the body wrote it.
    Number(String),
    /// A string (its value, unescaped).
    String(String),
    /// An array of this many elements.
    Array(usize),
    /// An object of this many members.
    Object(usize),
}

impl NodeValue {
    /// Whether this is an array or an object with something in it (it can fold).
    pub fn is_open_container(&self) -> bool {
        matches!(self, Self::Array(n) | Self::Object(n) if *n > 0)
    }

    /// The value as a search, a copy or a filter would see it: JSON text for scalars (strings
    /// without quotes), `None` for containers.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Self::Null => Some("null".to_owned()),
            Self::Bool(b) => Some(b.to_string()),
            Self::Number(n) => Some(n.clone()),
            Self::String(s) => Some(s.clone()),
            Self::Array(_) | Self::Object(_) => None,
        }
    }

    /// The string when it is an http(s) URL (something Enter can follow).
    pub fn url(&self) -> Option<&str> {
        match self {
            Self::String(s) if is_http_url(s) => Some(s),
            _ => None,
        }
    }
}

/// Whether `s` looks like an http or https URL (a link to follow).
pub fn is_http_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    (lower.starts_with("http://") && s.len() > 7) || (lower.starts_with("https://") && s.len() > 8)
}

/// One value of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Its name or index in its parent (`None` for a root).
    pub key: Option<NodeKey>,
    /// Its value.
    pub value: NodeValue,
    /// Its parent's index.
    pub parent: Option<usize>,
    /// Nesting depth (roots are 0).
    pub depth: usize,
    /// One past its last descendant's index: its subtree is `index..end`.
    pub end: usize,
    /// Whether it is the last child of its parent (no comma after it).
    pub last: bool,
}

/// A row of the view: a node's line, or the line closing an unfolded container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The node.
    pub node: usize,
    /// The closing `}` or `]` line of an unfolded container.
    pub close: bool,
}

/// A parsed document with folds: the JSON view's tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonTree {
    nodes: Vec<Node>,
    folded: Vec<bool>,
    rows: Vec<Row>,
    /// Rows when everything is unfolded: the pretty-printed line count.
    lines: usize,
    /// Nodes were left out past [`MAX_NODES`].
    pub truncated: bool,
}

impl JsonTree {
    /// A tree over `nodes` (in document order), everything unfolded.
    pub(crate) fn from_nodes(nodes: Vec<Node>, truncated: bool) -> Self {
        let lines = nodes.len() + nodes.iter().filter(|n| n.value.is_open_container()).count();
        let mut tree = Self {
            folded: vec![false; nodes.len()],
            nodes,
            rows: Vec::new(),
            lines,
            truncated,
        };
        tree.rebuild();
        tree
    }

    /// Every node, in document order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The rows shown (folded subtrees left out).
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The pretty-printed document's line count (everything unfolded).
    pub fn line_count(&self) -> usize {
        self.lines
    }

    /// The row showing node `index`'s own line, if shown.
    pub fn row_of(&self, index: usize) -> Option<usize> {
        // Closing rows come after their subtree, so rows are not sorted by node: a linear
        // search, done once per fold or jump, not per frame.
        self.rows.iter().position(|r| r.node == index && !r.close)
    }

    /// The jq path of node `index`: `.stats[0].base_stat`, `.["odd key"]`, `.` for a root.
    pub fn path(&self, index: usize) -> String {
        let mut parts = Vec::new();
        let mut at = Some(index);
        while let Some(i) = at {
            let Some(node) = self.nodes.get(i) else { break };
            match &node.key {
                Some(NodeKey::Index(n)) => parts.push(format!("[{n}]")),
                Some(NodeKey::Field(name)) if is_identifier(name) => parts.push(format!(".{name}")),
                Some(NodeKey::Field(name)) => {
                    let quoted = serde_json::to_string(name).unwrap_or_default();
                    parts.push(format!(".[{quoted}]"));
                }
                None => {}
            }
            at = node.parent;
        }
        if parts.is_empty() {
            return ".".to_owned();
        }
        parts.reverse();
        let mut path = parts.concat();
        if path.starts_with('[') {
            path.insert(0, '.');
        }
        path
    }

    /// Node `index` as compact JSON text (what `y` copies), or `None` past the end.
    pub fn value_json(&self, index: usize) -> Option<String> {
        let node = self.nodes.get(index)?;
        let mut out = String::new();
        self.write_json(index, node.end, &mut out);
        Some(out)
    }

    /// Writes the subtree `index..end` as compact JSON, iteratively (no recursion on depth).
    fn write_json(&self, index: usize, end: usize, out: &mut String) {
        let mut open: Vec<(usize, char)> = Vec::new();
        for i in index..end {
            // Close the containers this node is not inside.
            while let Some(&(container, close)) = open.last() {
                if i < self.nodes[container].end {
                    break;
                }
                out.push(close);
                open.pop();
            }
            let node = &self.nodes[i];
            if i != index {
                let parent = node.parent.unwrap_or(index);
                if i != parent + 1 {
                    out.push(',');
                }
                if let Some(NodeKey::Field(name)) = &node.key {
                    out.push_str(&serde_json::to_string(name).unwrap_or_default());
                    out.push(':');
                }
            }
            match &node.value {
                NodeValue::Null => out.push_str("null"),
                NodeValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                NodeValue::Number(n) => out.push_str(n),
                NodeValue::String(s) => out.push_str(&serde_json::to_string(s).unwrap_or_default()),
                NodeValue::Array(_) => {
                    out.push('[');
                    open.push((i, ']'));
                }
                NodeValue::Object(_) => {
                    out.push('{');
                    open.push((i, '}'));
                }
            }
        }
        while let Some((_, close)) = open.pop() {
            out.push(close);
        }
    }

    /// The whole document as compact JSON (several roots: one a line, like jq's output).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < self.nodes.len() {
            if !out.is_empty() {
                out.push('\n');
            }
            let end = self.nodes[i].end;
            self.write_json(i, end, &mut out);
            i = end;
        }
        out
    }

    /// Rebuilds the row index: one walk over the nodes, jumping over folded subtrees.
    fn rebuild(&mut self) {
        self.rows.clear();
        let mut open: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < self.nodes.len() {
            while let Some(&container) = open.last() {
                if i < self.nodes[container].end {
                    break;
                }
                self.rows.push(Row {
                    node: container,
                    close: true,
                });
                open.pop();
            }
            self.rows.push(Row {
                node: i,
                close: false,
            });
            let node = &self.nodes[i];
            if node.value.is_open_container() {
                if self.folded[i] {
                    i = node.end;
                    continue;
                }
                open.push(i);
            }
            i += 1;
        }
        while let Some(container) = open.pop() {
            self.rows.push(Row {
                node: container,
                close: true,
            });
        }
    }
}

/// Whether `name` can follow a `.` in a jq path unquoted.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> JsonTree {
        match parse(text.as_bytes()) {
            JsonDoc::Tree(tree) => tree,
            other => panic!("not a tree: {other:?}"),
        }
    }

    #[test]
    fn rows_follow_folds() {
        let mut t = tree(r#"{"a":[1,2],"b":{"c":null},"d":[]}"#);
        // { a [ 1 2 ] b { c } d[] }
        assert_eq!(t.rows().len(), 10);
        assert_eq!(t.line_count(), 10);
        assert!(t.set_folded(1, true));
        assert_eq!(t.rows().len(), 7);
        assert!(!t.set_folded(1, true), "already folded");
        t.set_all_folded(true);
        assert_eq!(
            t.rows().len(),
            5,
            "root open, a and b folded: {:?}",
            t.rows()
        );
        t.reveal(5);
        assert_eq!(t.row_of(5), Some(3));
        t.set_all_folded(false);
        assert_eq!(t.rows().len(), 10);
    }

    #[test]
    fn paths_and_values() {
        let t = tree(r#"{"stats":[{"base_stat":35}],"odd key":"x","a":{"b":[true,"\u001b"]}}"#);
        let base = t
            .nodes()
            .iter()
            .position(|n| n.key == Some(NodeKey::Field("base_stat".into())))
            .unwrap();
        assert_eq!(t.path(base), ".stats[0].base_stat");
        let odd = t
            .nodes()
            .iter()
            .position(|n| n.key == Some(NodeKey::Field("odd key".into())))
            .unwrap();
        assert_eq!(t.path(odd), r#".["odd key"]"#);
        assert_eq!(t.path(0), ".");
        assert_eq!(
            t.value_json(0).unwrap(),
            r#"{"stats":[{"base_stat":35}],"odd key":"x","a":{"b":[true,"\u001b"]}}"#
        );
        assert_eq!(t.value_json(1).unwrap(), r#"[{"base_stat":35}]"#);
    }

    #[test]
    fn urls_are_recognised() {
        assert!(is_http_url("https://pokeapi.co/api/v2/pokemon/25/"));
        assert!(is_http_url("HTTP://x"));
        assert!(!is_http_url("http://"));
        assert!(!is_http_url("ftp://x"));
        assert!(!is_http_url("see https://x"));
    }
}
