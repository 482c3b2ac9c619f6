//! `GET /evolution-chain/{id}`: a tree of species, each step with how it happens.

use serde::Deserialize;

use super::models::NamedResource;

/// Places named for one way of evolving (Leafeon's moss rock is in a dozen).
pub const MAX_PLACES: usize = 2;

/// `GET /evolution-chain/{id}`: a tree of species, each evolving into the next.
#[derive(Debug, Clone, Deserialize)]
pub struct EvolutionChain {
    /// Chain id.
    pub id: u32,
    /// The root of the tree (the first stage).
    pub chain: ChainLink,
}

/// One stage of an evolution chain and what it evolves into.
#[derive(Debug, Clone, Deserialize)]
pub struct ChainLink {
    /// The species at this stage.
    pub species: NamedResource,
    /// How this stage is reached from its parent (empty at the root). Several entries are
    /// several ways (per game, or per place).
    #[serde(default)]
    pub evolution_details: Vec<EvolutionDetail>,
    /// The next stages (several for branching chains such as Eevee's).
    #[serde(default)]
    pub evolves_to: Vec<ChainLink>,
}

/// One way to evolve: a trigger and its conditions. Every condition is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[allow(clippy::struct_field_names, clippy::struct_excessive_bools)] // the API's own names and flags
pub struct EvolutionDetail {
    /// `level-up`, `use-item`, `trade`, `shed`, …
    #[serde(default)]
    pub trigger: Option<NamedResource>,
    /// The level to reach.
    #[serde(default)]
    pub min_level: Option<u32>,
    /// The item to use (`fire-stone`).
    #[serde(default)]
    pub item: Option<NamedResource>,
    /// The item to hold (`metal-coat`).
    #[serde(default)]
    pub held_item: Option<NamedResource>,
    /// Friendship to reach.
    #[serde(default)]
    pub min_happiness: Option<u32>,
    /// Affection to reach.
    #[serde(default)]
    pub min_affection: Option<u32>,
    /// Beauty to reach.
    #[serde(default)]
    pub min_beauty: Option<u32>,
    /// `day`, `night`, `dusk` or empty.
    #[serde(default)]
    pub time_of_day: String,
    /// A move it must know.
    #[serde(default)]
    pub known_move: Option<NamedResource>,
    /// A type of move it must know.
    #[serde(default)]
    pub known_move_type: Option<NamedResource>,
    /// Where to level up.
    #[serde(default)]
    pub location: Option<NamedResource>,
    /// 1 female, 2 male.
    #[serde(default)]
    pub gender: Option<u32>,
    /// A species in the party.
    #[serde(default)]
    pub party_species: Option<NamedResource>,
    /// A type in the party.
    #[serde(default)]
    pub party_type: Option<NamedResource>,
    /// The species traded for.
    #[serde(default)]
    pub trade_species: Option<NamedResource>,
    /// 1: Attack > Defense, 0: equal, -1: Attack < Defense.
    #[serde(default)]
    pub relative_physical_stats: Option<i32>,
    /// Rain in the overworld.
    #[serde(default)]
    pub needs_overworld_rain: bool,
    /// The console held upside down.
    #[serde(default)]
    pub turn_upside_down: bool,
    /// A move to use (`rage-fist`), [`Self::min_move_count`] times.
    #[serde(default)]
    pub used_move: Option<NamedResource>,
    /// How many times to use [`Self::used_move`].
    #[serde(default)]
    pub min_move_count: Option<u32>,
    /// Damage to take (Yamask → Runerigus: 49).
    #[serde(default)]
    pub min_damage_taken: Option<u32>,
    /// Steps to walk (Pawmo → Pawmot: 1000).
    #[serde(default)]
    pub min_steps: Option<u32>,
    /// Near a moss or ice rock (Leafeon, Glaceon).
    #[serde(default)]
    pub near_special_rock: bool,
    /// With another player (Finizen → Palafin in the Union Circle).
    #[serde(default)]
    pub needs_multiplayer: bool,
    /// The region it works in (`hisui`).
    #[serde(default)]
    pub region: Option<NamedResource>,
    /// The form that evolves (`yamask-galar`), when not the species' default.
    #[serde(default)]
    pub base_form: Option<NamedResource>,
}

impl EvolutionDetail {
    /// In words: `level 16`, `use fire-stone`, `level up, high friendship, at night`,
    /// `trade, holding metal-coat`.
    pub fn describe(&self) -> String {
        let trigger = self.trigger.as_ref().map_or("", |t| t.name.as_str());
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.base_form.as_ref().map(|f| format!("from {}", f.name)));
        match (trigger, self.min_level, &self.item) {
            ("level-up" | "other", Some(level), _) => parts.push(format!("level {level}")),
            ("use-item", _, Some(item)) => parts.push(format!("use {}", item.name)),
            // The move and the damage say it all: "use rage-fist 20 times", "take 49 damage".
            ("use-move" | "strong-style-move" | "agile-style-move", None, None)
                if self.used_move.is_some() => {}
            ("take-damage" | "recoil-damage", None, None) if self.min_damage_taken.is_some() => {}
            ("three-critical-hits", None, None) => {
                parts.push("land 3 critical hits in one battle".to_owned());
            }
            ("three-defeated-bisharp", None, None) => {
                parts.push("defeat 3 bisharp leading bisharp".to_owned());
            }
            ("gimmighoul-coins", None, None) => parts.push("collect 999 coins".to_owned()),
            ("", None, None) => {}
            (other, level, item) => {
                parts.push(other.replace('-', " "));
                if let Some(level) = level {
                    parts.push(format!("level {level}"));
                }
                if let Some(item) = item {
                    parts.push(format!("with {}", item.name));
                }
            }
        }
        if let Some(used) = &self.used_move {
            let style = match trigger {
                "strong-style-move" => " in strong style",
                "agile-style-move" => " in agile style",
                _ => "",
            };
            parts.push(match self.min_move_count {
                Some(n) => format!("use {}{style} {n} times", used.name),
                None => format!("use {}{style}", used.name),
            });
        }
        parts.extend(self.min_damage_taken.map(|n| match trigger {
            "recoil-damage" => format!("take {n} recoil damage"),
            _ => format!("take {n} damage"),
        }));
        parts.extend(self.min_steps.map(|n| format!("walk {n} steps")));
        let named =
            |r: &Option<NamedResource>, f: &dyn Fn(&str) -> String| r.as_ref().map(|r| f(&r.name));
        parts.extend(named(&self.held_item, &|n| format!("holding {n}")));
        if self.min_happiness.is_some() {
            parts.push("high friendship".to_owned());
        }
        parts.extend(self.min_affection.map(|n| format!("affection {n}")));
        parts.extend(self.min_beauty.map(|n| format!("beauty {n}")));
        match self.time_of_day.as_str() {
            "" => {}
            "day" => parts.push("by day".to_owned()),
            other => parts.push(format!("at {other}")),
        }
        parts.extend(named(&self.known_move, &|n| format!("knowing {n}")));
        parts.extend(named(&self.known_move_type, &|n| {
            format!("knowing a {n} move")
        }));
        parts.extend(named(&self.location, &|n| format!("at {n}")));
        parts.extend(self.gender.and_then(|g| match g {
            1 => Some("female".to_owned()),
            2 => Some("male".to_owned()),
            _ => None,
        }));
        parts.extend(named(&self.party_species, &|n| {
            format!("with {n} in the party")
        }));
        parts.extend(named(&self.party_type, &|n| {
            format!("with a {n} type in the party")
        }));
        parts.extend(named(&self.trade_species, &|n| format!("for {n}")));
        parts.extend(self.relative_physical_stats.map(|r| {
            match r.signum() {
                1 => "Attack > Defense",
                -1 => "Attack < Defense",
                _ => "Attack = Defense",
            }
            .to_owned()
        }));
        if self.needs_overworld_rain {
            parts.push("in rain".to_owned());
        }
        if self.turn_upside_down {
            parts.push("console upside down".to_owned());
        }
        if self.near_special_rock {
            parts.push("near a special rock".to_owned());
        }
        if self.needs_multiplayer {
            parts.push("with another player".to_owned());
        }
        parts.extend(self.region.as_ref().map(|r| format!("in {}", r.name)));
        parts.join(", ")
    }
}

impl ChainLink {
    /// How this stage is reached, every distinct way joined by ` or ` (`level 7`;
    /// `level up, at eterna-forest / pinwheel-forest / … or use leaf-stone`: the same way in
    /// several places is one way, with at most [`MAX_PLACES`] places named); empty at the root.
    /// A `base_form` that is just `parent` (Eevee's own form) is not named; a regional one
    /// (`from yamask-galar`) is.
    pub fn how(&self, parent: &str) -> String {
        // (the way without its place, the places it works in)
        let mut ways: Vec<(String, Vec<String>)> = Vec::new();
        for detail in &self.evolution_details {
            let place = detail.location.as_ref().map(|l| l.name.clone());
            let base_form = detail.base_form.clone().filter(|f| f.name != parent);
            let way = EvolutionDetail {
                location: None,
                base_form,
                ..detail.clone()
            }
            .describe();
            if way.is_empty() {
                continue;
            }
            match ways.iter_mut().find(|(w, _)| *w == way) {
                Some((_, places)) => places.extend(place.filter(|p| !places.contains(p))),
                None => ways.push((way, place.into_iter().collect())),
            }
        }
        ways.into_iter()
            .map(|(way, places)| match places.len() {
                0 => way,
                n => {
                    let mut named = places[..n.min(MAX_PLACES)].join(" / ");
                    if n > MAX_PLACES {
                        named.push_str(" / …");
                    }
                    format!("{way}, at {named}")
                }
            })
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

impl EvolutionChain {
    /// The chain as stages: `[[bulbasaur], [ivysaur], [venusaur]]`, or for Eevee
    /// `[[eevee], [vaporeon, jolteon, …]]`. Species of one depth share a stage.
    pub fn stages(&self) -> Vec<Vec<String>> {
        let mut stages: Vec<Vec<String>> = Vec::new();
        let mut level = vec![&self.chain];
        while !level.is_empty() {
            stages.push(level.iter().map(|l| l.species.name.clone()).collect());
            level = level.iter().flat_map(|l| l.evolves_to.iter()).collect();
        }
        stages
    }
}
