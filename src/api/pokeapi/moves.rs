//! Moves: the `moves` a Pokémon lists (how and when each is learned, per version group) and the
//! `move/{id}` resource a move page shows.

use serde::Deserialize;

use super::models::{EffectEntry, FlavorText, LocalName, NamedResource, id_from_url};
use crate::names::Lang;
use crate::names::lang::pick;

/// One move a Pokémon can learn, with every way it learns it.
#[derive(Debug, Clone, Deserialize)]
pub struct PokemonMove {
    /// The move.
    #[serde(rename = "move")]
    pub move_: NamedResource,
    /// How it is learned by level, per version group: only the `level-up` details are kept
    /// (the page lists no other), which spares decoding thousands of machine, tutor and egg
    /// details of every Pokémon body — a batch or `get` decodes the same model.
    #[serde(default, deserialize_with = "level_up_only")]
    pub version_group_details: Vec<VersionGroupDetail>,
}

/// A detail as sent, its strings borrowed from the body where they can be.
#[derive(Deserialize)]
struct RawDetail<'a> {
    #[serde(default)]
    level_learned_at: u32,
    #[serde(borrow)]
    move_learn_method: RawResource<'a>,
    #[serde(borrow)]
    version_group: RawResource<'a>,
    #[serde(default)]
    order: Option<u32>,
}

/// A link as sent, borrowed.
#[derive(Deserialize)]
struct RawResource<'a> {
    #[serde(borrow)]
    name: std::borrow::Cow<'a, str>,
    #[serde(borrow, default)]
    url: std::borrow::Cow<'a, str>,
}

impl RawResource<'_> {
    fn owned(&self) -> NamedResource {
        NamedResource {
            name: self.name.clone().into_owned(),
            url: self.url.clone().into_owned(),
        }
    }
}

/// The `level-up` details of a move, owned; the others are read and dropped.
fn level_up_only<'de, D>(deserializer: D) -> Result<Vec<VersionGroupDetail>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let raw: Vec<RawDetail<'de>> = Vec::deserialize(deserializer)?;
    Ok(raw
        .iter()
        .filter(|d| d.move_learn_method.name == "level-up")
        .map(|d| VersionGroupDetail {
            level_learned_at: d.level_learned_at,
            move_learn_method: d.move_learn_method.owned(),
            version_group: d.version_group.owned(),
            order: d.order,
        })
        .collect())
}

/// How a Pokémon learns a move in one version group.
#[derive(Debug, Clone, Deserialize)]
pub struct VersionGroupDetail {
    /// The level (0: on evolving, or not by level at all).
    #[serde(default)]
    pub level_learned_at: u32,
    /// `level-up`, `machine`, `tutor`, `egg`, …
    pub move_learn_method: NamedResource,
    /// The games.
    pub version_group: NamedResource,
    /// The order among moves learned at the same level (the API's, from the games' data).
    #[serde(default)]
    pub order: Option<u32>,
}

/// The API's own `order` of each version group (`version-group/{id}` → `order`), from PokeAPI's
/// data: ids are not in release order (28 and 29 are the Japanese Red/Green and Blue, older
/// than 1; 12 and 13 are Colosseum and XD, between Emerald and `FireRed`).
const VERSION_GROUP_ORDER: [(u32, u32); 32] = [
    (28, 1),
    (29, 2),
    (1, 3),
    (2, 4),
    (3, 5),
    (4, 6),
    (5, 7),
    (6, 8),
    (12, 9),
    (13, 10),
    (7, 11),
    (8, 12),
    (9, 13),
    (10, 14),
    (11, 15),
    (14, 16),
    (15, 17),
    (16, 18),
    (17, 19),
    (18, 20),
    (19, 21),
    (20, 22),
    (21, 23),
    (22, 24),
    (23, 25),
    (24, 26),
    (25, 27),
    (26, 28),
    (27, 29),
    (30, 30),
    (31, 31),
    (32, 32),
];

/// How recent a version group is: the API's `order` for the groups known when apidex was
/// built; a group added since (an id past the table) is newer than all of them, and among
/// themselves larger ids are newer. A URL without an id ranks oldest.
pub fn version_group_rank(group: &NamedResource) -> u64 {
    let Some(id) = id_from_url(&group.url) else {
        return 0;
    };
    VERSION_GROUP_ORDER
        .iter()
        .find(|(known, _)| *known == id)
        .map_or(1000 + u64::from(id), |(_, order)| u64::from(*order))
}

/// One move learned by level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelUpMove<'a> {
    /// The level (0: learned on evolving).
    pub level: u32,
    /// The move's slug.
    pub name: &'a str,
}

/// The level-up moves of the newest version group in `moves` that has any: that group's name
/// and its moves sorted by level (then by the API's order, then by name). `None` when the
/// Pokémon learns nothing by level.
pub fn latest_level_up(moves: &[PokemonMove]) -> Option<(&str, Vec<LevelUpMove<'_>>)> {
    let level_up = || {
        moves.iter().flat_map(|m| {
            m.version_group_details
                .iter()
                .filter(|d| d.move_learn_method.name == "level-up")
                .map(move |d| (m, d))
        })
    };
    let newest = level_up()
        .map(|(_, d)| &d.version_group)
        .max_by_key(|g| version_group_rank(g))?;
    let mut rows: Vec<(u32, u32, &str)> = level_up()
        .filter(|(_, d)| d.version_group.url == newest.url)
        .map(|(m, d)| {
            (
                d.level_learned_at,
                d.order.unwrap_or(u32::MAX),
                m.move_.name.as_str(),
            )
        })
        .collect();
    rows.sort_unstable();
    // The same move listed twice at one level (the API does this for some forms) shows once.
    rows.dedup_by(|a, b| a.0 == b.0 && a.2 == b.2);
    let rows = rows
        .into_iter()
        .map(|(level, _, name)| LevelUpMove { level, name })
        .collect();
    Some((newest.name.as_str(), rows))
}

/// `GET /move/{name or id}`.
#[derive(Debug, Clone, Deserialize)]
pub struct Move {
    /// Move id.
    pub id: u32,
    /// Lower-case name.
    pub name: String,
    /// Display names per language.
    #[serde(default)]
    pub names: Vec<LocalName>,
    /// Percent chance to hit (`null`: never misses, or not an attack).
    #[serde(default)]
    pub accuracy: Option<u32>,
    /// Base power (`null` for status moves).
    #[serde(default)]
    pub power: Option<u32>,
    /// Power points.
    #[serde(default)]
    pub pp: Option<u32>,
    /// Percent chance of the move's effect (substituted for `$effect_chance` in its text).
    #[serde(default)]
    pub effect_chance: Option<u32>,
    /// Its type.
    #[serde(rename = "type", default)]
    pub kind: Option<NamedResource>,
    /// `physical`, `special` or `status`.
    #[serde(default)]
    pub damage_class: Option<NamedResource>,
    /// Effect descriptions per language.
    #[serde(default)]
    pub effect_entries: Vec<EffectEntry>,
    /// In-game descriptions per game and language.
    #[serde(default)]
    pub flavor_text_entries: Vec<FlavorText>,
}

impl Move {
    /// The display name in `lang` ("10まんボルト"), else English.
    pub fn name_in(&self, lang: Lang) -> Option<&str> {
        pick(&self.names, lang, |n| &n.language.name).map(|n| n.name.as_str())
    }

    /// The short effect in `lang`, else the latest in-game text in `lang`, else the English
    /// ones; `$effect_chance` replaced by the move's chance.
    pub fn short_effect(&self, lang: Lang) -> Option<String> {
        let text =
            super::localized::short_effect(&self.effect_entries, &self.flavor_text_entries, lang)?;
        let chance = self
            .effect_chance
            .map_or_else(|| "some".to_owned(), |c| c.to_string());
        Some(text.replace("$effect_chance", &chance))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detail(level: u32, method: &str, group: (&str, u32)) -> VersionGroupDetail {
        VersionGroupDetail {
            level_learned_at: level,
            move_learn_method: NamedResource {
                name: method.into(),
                url: String::new(),
            },
            version_group: NamedResource {
                name: group.0.into(),
                url: format!("https://pokeapi.co/api/v2/version-group/{}/", group.1),
            },
            order: None,
        }
    }

    fn learn(name: &str, details: Vec<VersionGroupDetail>) -> PokemonMove {
        PokemonMove {
            move_: NamedResource {
                name: name.into(),
                url: String::new(),
            },
            version_group_details: details,
        }
    }

    #[test]
    fn the_newest_group_wins_by_the_apis_order_not_by_id() {
        // blue-japan has id 29 but is from 1996; scarlet-violet (25) is the newest here.
        let moves = vec![
            learn("thunder", vec![detail(43, "level-up", ("blue-japan", 29))]),
            learn(
                "thunderbolt",
                vec![
                    detail(36, "level-up", ("scarlet-violet", 25)),
                    detail(0, "machine", ("champions", 32)),
                ],
            ),
            learn("growl", vec![detail(1, "level-up", ("scarlet-violet", 25))]),
        ];
        let (group, rows) = latest_level_up(&moves).unwrap();
        assert_eq!(group, "scarlet-violet");
        let names: Vec<_> = rows.iter().map(|m| (m.level, m.name)).collect();
        assert_eq!(names, [(1, "growl"), (36, "thunderbolt")]);
        assert!(
            latest_level_up(&[learn("cut", vec![detail(0, "machine", ("x-y", 15))])]).is_none()
        );
    }

    #[test]
    fn an_unknown_newer_group_ranks_above_the_table() {
        let group = |id| NamedResource {
            name: String::new(),
            url: format!("/api/v2/version-group/{id}/"),
        };
        assert!(version_group_rank(&group(40)) > version_group_rank(&group(32)));
        assert!(version_group_rank(&group(1)) > version_group_rank(&group(29)));
        assert_eq!(
            version_group_rank(&NamedResource {
                name: String::new(),
                url: "nonsense".into()
            }),
            0
        );
    }
}
