//! Type effectiveness, computed from PokeAPI's own type data (`damage_relations` of each type),
//! not from a chart written into the code.

use std::collections::BTreeMap;

use crate::api::pokeapi::models::Type;

/// How one defending type takes hits: the attacking types that deal it ×2, ×½ and ×0.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Defence {
    /// Attacking types dealing double damage.
    pub double_from: Vec<String>,
    /// Attacking types dealing half damage.
    pub half_from: Vec<String>,
    /// Attacking types dealing no damage.
    pub no_from: Vec<String>,
}

/// Every type's defence, as the API describes it. Types with no relations at all (`unknown`,
/// `shadow`, `stellar`) are left out: they are not attacking types.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeChart {
    /// Type name → how it takes hits, in name order.
    pub defences: BTreeMap<String, Defence>,
}

impl TypeChart {
    /// Builds the chart from type resources.
    pub fn from_types<'a>(types: impl IntoIterator<Item = &'a Type>) -> Self {
        let mut defences = BTreeMap::new();
        for t in types {
            let r = &t.damage_relations;
            let names = |list: &[crate::api::pokeapi::models::NamedResource]| {
                list.iter().map(|n| n.name.clone()).collect::<Vec<_>>()
            };
            let has_relations = !(r.double_damage_from.is_empty()
                && r.double_damage_to.is_empty()
                && r.half_damage_from.is_empty()
                && r.half_damage_to.is_empty()
                && r.no_damage_from.is_empty()
                && r.no_damage_to.is_empty());
            if has_relations {
                defences.insert(
                    t.name.clone(),
                    Defence {
                        double_from: names(&r.double_damage_from),
                        half_from: names(&r.half_damage_from),
                        no_from: names(&r.no_damage_from),
                    },
                );
            }
        }
        Self { defences }
    }

    /// The attacking types: every type in the chart.
    pub fn attack_types(&self) -> impl Iterator<Item = &str> {
        self.defences.keys().map(String::as_str)
    }

    /// The damage multiplier of an `attack` on a Pokémon of `defender_types`: the product of
    /// each type's factor (so ×4, ×2, ×1, ×½, ×¼ or ×0).
    pub fn multiplier(&self, attack: &str, defender_types: &[String]) -> f32 {
        defender_types
            .iter()
            .filter_map(|t| self.defences.get(t))
            .map(|d| {
                if d.no_from.iter().any(|a| a == attack) {
                    0.0
                } else if d.double_from.iter().any(|a| a == attack) {
                    2.0
                } else if d.half_from.iter().any(|a| a == attack) {
                    0.5
                } else {
                    1.0
                }
            })
            .product()
    }

    /// A Pokémon's weaknesses, resistances and immunities.
    pub fn matchups(&self, defender_types: &[String]) -> Matchups {
        let mut m = Matchups::default();
        for attack in self.attack_types() {
            let factor = self.multiplier(attack, defender_types);
            let bucket = if factor == 0.0 {
                &mut m.immune
            } else if factor >= 4.0 {
                &mut m.x4
            } else if factor >= 2.0 {
                &mut m.x2
            } else if factor <= 0.25 {
                &mut m.quarter
            } else if factor < 1.0 {
                &mut m.half
            } else {
                continue;
            };
            bucket.push(attack.to_owned());
        }
        m
    }

    /// What threatens a team: attacking types super-effective against two or more members, and
    /// attacking types that no member resists (or is immune to).
    pub fn team(&self, members: &[Vec<String>]) -> TeamMatchups {
        let mut team = TeamMatchups::default();
        for attack in self.attack_types() {
            let factors: Vec<f32> = members
                .iter()
                .map(|types| self.multiplier(attack, types))
                .collect();
            let weak = factors.iter().filter(|f| **f > 1.0).count();
            if weak >= 2 {
                team.shared_weaknesses.push((attack.to_owned(), weak));
            }
            if !members.is_empty() && factors.iter().all(|f| *f >= 1.0) {
                team.unresisted.push(attack.to_owned());
            }
        }
        team.shared_weaknesses
            .sort_by(|(a, x), (b, y)| y.cmp(x).then(a.cmp(b)));
        team
    }
}

/// A Pokémon's matchups, by multiplier.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matchups {
    /// ×4 weaknesses.
    pub x4: Vec<String>,
    /// ×2 weaknesses.
    pub x2: Vec<String>,
    /// ×½ resistances.
    pub half: Vec<String>,
    /// ×¼ resistances.
    pub quarter: Vec<String>,
    /// ×0 immunities.
    pub immune: Vec<String>,
}

/// A team's shared threats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamMatchups {
    /// Attacking types hitting two or more members super-effectively, with how many; most first.
    pub shared_weaknesses: Vec<(String, usize)>,
    /// Attacking types no member resists.
    pub unresisted: Vec<String>,
}
