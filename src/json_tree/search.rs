//! Search inside the JSON view (`/`): the nodes whose key or value contains the query.

use super::{JsonTree, NodeKey};

impl JsonTree {
    /// Nodes whose member name or scalar value contains `query` (ignoring case), in document
    /// order. An empty query finds nothing.
    pub fn find(&self, query: &str) -> Vec<usize> {
        if query.is_empty() {
            return Vec::new();
        }
        let query = query.to_lowercase();
        let contains = |text: &str| text.to_lowercase().contains(&query);
        self.nodes()
            .iter()
            .enumerate()
            .filter(|(_, node)| {
                matches!(&node.key, Some(NodeKey::Field(name)) if contains(name))
                    || node.value.scalar_text().is_some_and(|v| contains(&v))
            })
            .map(|(i, _)| i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::json_tree::{JsonDoc, parse};

    #[test]
    fn finds_keys_and_values() {
        let JsonDoc::Tree(tree) = parse(br#"{"Name":"pika","x":{"name":1},"y":"PIKACHU"}"#) else {
            panic!("a tree");
        };
        assert_eq!(tree.find("name"), [1, 3]);
        assert_eq!(tree.find("pika"), [1, 4]);
        assert!(tree.find("").is_empty());
    }
}
