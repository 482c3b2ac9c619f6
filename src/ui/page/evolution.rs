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
        let deeper = format!("{prefix}{}", if last { "   " } else { "│  " });
        let branch = format!("{prefix}{}", if last { "└─ " } else { "├─ " });
        let mut used = cells(&branch) + cells(&child.label);
        b.span(branch, b.theme.dim());
        b.link(child.label.clone());
        if !child.how.is_empty() {
            // Wrapped here, not by the pane, so a continuation line keeps the tree's guides
            // (the pane's wrap would start it at the left edge, cutting the `│` lines).
            let more = format!(
                "{deeper}{}",
                if child.evolves_to.is_empty() {
                    "     "
                } else {
                    "│    "
                }
            );
            let mut gap = "  ";
            for word in child.how.split(' ') {
                if b.width > 0 && used + cells(gap) + cells(word) > b.width {
                    b.end_line();
                    b.span(more.clone(), b.theme.dim());
                    used = cells(&more);
                    gap = "";
                }
                b.span(format!("{gap}{word}"), b.theme.dim());
                used += cells(gap) + cells(word);
                gap = " ";
            }
        }
        b.end_line();
        children(b, child, &deeper);
    }
}

/// Terminal cells `text` takes (wide characters count two).
fn cells(text: &str) -> usize {
    ratatui::text::Span::raw(text).width()
}
