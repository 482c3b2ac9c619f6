//! The evolution tree on a Pokémon's page: branches drawn as branches, each step with how it
//! happens, every member a link.
//!
//! ```text
//! Wurmple
//! ├─ Silcoon  level 7
//! │  └─ Beautifly  level 10
//! └─ Cascoon  level 7
//!    └─ Dustox  level 10
//! ```

use super::Builder;
use crate::views::EvolutionNode;

/// Draws `tree` under an "Evolution" heading; a chain of one (no evolutions) draws nothing.
pub(super) fn tree(b: &mut Builder, tree: &EvolutionNode) {
    if tree.evolves_to.is_empty() {
        return;
    }
    b.heading("Evolution");
    b.link(tree.label.clone());
    b.end_line();
    children(b, tree, "");
}

fn children(b: &mut Builder, node: &EvolutionNode, prefix: &str) {
    let count = node.evolves_to.len();
    for (i, child) in node.evolves_to.iter().enumerate() {
        let last = i + 1 == count;
        b.span(
            format!("{prefix}{}", if last { "└─ " } else { "├─ " }),
            b.theme.dim(),
        );
        b.link(child.label.clone());
        if !child.how.is_empty() {
            b.span(format!("  {}", child.how), b.theme.dim());
        }
        b.end_line();
        let deeper = format!("{prefix}{}", if last { "   " } else { "│  " });
        children(b, child, &deeper);
    }
}
