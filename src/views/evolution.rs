//! An evolution chain as the detail page draws it: a tree, each step with how it happens.

use crate::api::pokeapi::models::{ChainLink, id_from_url};
use crate::names::{Lang, NameTable};
use crate::views::bounds::{MAX_STAGES, short};

/// At most this many members in one drawn tree (Eevee has 9; a hostile chain may have more).
pub const MAX_MEMBERS: usize = 64;

/// One member of an evolution tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvolutionNode {
    /// The Pokémon to open: the species' default Pokémon (`wormadam-plant`).
    pub name: String,
    /// The name shown (the display name in the content language, else the slug).
    pub label: String,
    /// How it is reached from its parent (`level 16`, `use fire-stone`); empty at the root.
    pub how: String,
    /// What it evolves into.
    pub evolves_to: Vec<EvolutionNode>,
}

impl EvolutionNode {
    /// The tree from an API chain, labelled in `lang`, cut to [`MAX_STAGES`] deep and wide and
    /// [`MAX_MEMBERS`] in all.
    pub fn from_chain(root: &ChainLink, lang: Lang) -> Self {
        let mut budget = MAX_MEMBERS;
        build(root, "", lang, 0, &mut budget)
    }

    /// A straight chain of slugs, each labelled by its slug, no steps described (for pages
    /// built by hand, as in tests).
    pub fn straight(names: &[&str]) -> Option<Box<Self>> {
        let (first, rest) = names.split_first()?;
        Some(Box::new(Self {
            name: (*first).to_owned(),
            label: (*first).to_owned(),
            how: String::new(),
            evolves_to: Self::straight(rest).map(|b| *b).into_iter().collect(),
        }))
    }

    /// Every member, the root first, in the order the page draws them (depth first).
    pub fn members(&self) -> Vec<&EvolutionNode> {
        let mut out = vec![self];
        for child in &self.evolves_to {
            out.extend(child.members());
        }
        out
    }
}

/// `parent`: the species `link` evolves from (its own form is no condition worth naming).
fn build(
    link: &ChainLink,
    parent: &str,
    lang: Lang,
    depth: usize,
    budget: &mut usize,
) -> EvolutionNode {
    *budget = budget.saturating_sub(1);
    let table = NameTable::bundled();
    let species = id_from_url(&link.species.url).and_then(|id| table.by_id(id));
    let name = species.map_or(link.species.name.as_str(), |s| s.default_pokemon.as_str());
    let label = species
        .and_then(|s| s.name(lang))
        .unwrap_or(&link.species.name);
    let mut evolves_to = Vec::new();
    if depth + 1 < MAX_STAGES {
        for child in link.evolves_to.iter().take(MAX_STAGES) {
            if *budget == 0 {
                break;
            }
            evolves_to.push(build(child, &link.species.name, lang, depth + 1, budget));
        }
    }
    EvolutionNode {
        name: short(name),
        label: short(label),
        how: short(&link.how(parent)),
        evolves_to,
    }
}
