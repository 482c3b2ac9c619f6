//! Folding: which containers are folded, changing that, and putting a saved set back (the
//! JSON view's trail brings a page back folded as it was left).

use super::JsonTree;

impl JsonTree {
    /// Whether node `index` is folded.
    pub fn is_folded(&self, index: usize) -> bool {
        self.folded.get(index).copied().unwrap_or(false)
    }

    /// Folds (`true`) or unfolds node `index`, if it is a container with something in it.
    /// Returns whether anything changed.
    pub fn set_folded(&mut self, index: usize, folded: bool) -> bool {
        let foldable = self
            .nodes
            .get(index)
            .is_some_and(|n| n.value.is_open_container());
        if !foldable || self.folded[index] == folded {
            return false;
        }
        self.folded[index] = folded;
        self.rebuild();
        true
    }

    /// The folded nodes, to fold the same again later ([`JsonTree::fold_exactly`]).
    pub fn folded_nodes(&self) -> Vec<u32> {
        (0..self.folded.len())
            .filter(|&i| self.folded[i])
            .filter_map(|i| u32::try_from(i).ok())
            .collect()
    }

    /// Folds exactly `nodes` (those that are containers) and unfolds every other, with one
    /// layout of the rows.
    pub fn fold_exactly(&mut self, nodes: &[u32]) {
        self.folded.iter_mut().for_each(|f| *f = false);
        for &n in nodes {
            let i = n as usize;
            if self
                .nodes
                .get(i)
                .is_some_and(|n| n.value.is_open_container())
            {
                self.folded[i] = true;
            }
        }
        self.rebuild();
    }

    /// Folds every container (`zM`) or unfolds them all (`zR`). Roots stay open when folding,
    /// so the top level is still seen.
    pub fn set_all_folded(&mut self, folded: bool) {
        for (i, node) in self.nodes.iter().enumerate() {
            self.folded[i] = folded && node.depth > 0 && node.value.is_open_container();
        }
        self.rebuild();
    }

    /// Unfolds every ancestor of node `index`, so its row is shown.
    pub fn reveal(&mut self, index: usize) {
        let mut changed = false;
        let mut parent = self.nodes.get(index).and_then(|n| n.parent);
        while let Some(p) = parent {
            changed |= std::mem::replace(&mut self.folded[p], false);
            parent = self.nodes[p].parent;
        }
        if changed {
            self.rebuild();
        }
    }
}
