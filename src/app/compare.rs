//! The compare view: two to six marked Pokémon side by side.

use super::App;
use super::loadable::Loadable;
use super::scroll::Scroll;
use crate::model::RequestId;
use crate::model::{ItemKey, Source};
use crate::msg::Effect;
use crate::views::PokemonCard;

/// How many Pokémon fit side by side.
pub const MAX: usize = 6;

/// The Pokémon being compared.
#[derive(Debug)]
pub struct Compare {
    /// The request the cards answer.
    pub req: RequestId,
    /// Each Pokémon, in list order, with its card.
    pub cards: Vec<(ItemKey, Loadable<PokemonCard>)>,
    /// How far the view is scrolled (it is taller than a small terminal).
    pub scroll: Scroll,
}

impl Compare {
    /// Types of every loaded card, for team matchups.
    pub fn team_types(&self) -> Vec<Vec<String>> {
        self.cards
            .iter()
            .filter_map(|(_, card)| card.loaded().map(|c| c.types.clone()))
            .collect()
    }
}

impl App {
    /// Whether the comparison is on screen: it is open, and drawn over the Pokémon tab only.
    pub fn compare_shown(&self) -> bool {
        self.compare.is_some() && self.active == Source::Pokemon
    }

    /// `c`: opens the comparison of the marked Pokémon, or closes it.
    pub(super) fn toggle_compare(&mut self) -> Vec<Effect> {
        if self.compare.take().is_some() || self.active != Source::Pokemon {
            return vec![];
        }
        let list = &self.tab().list;
        let keys: Vec<ItemKey> = list
            .marks
            .iter()
            .filter_map(|&i| list.all().get(i))
            .map(|e| e.key.clone())
            .collect();
        if !(2..=MAX).contains(&keys.len()) {
            self.notice = Some(format!(
                "mark 2 to {MAX} Pokémon to compare ({} marked)",
                keys.len()
            ));
            return vec![];
        }
        let req = self.req();
        self.compare = Some(Compare {
            req,
            cards: keys
                .iter()
                .map(|k| (k.clone(), Loadable::Loading { req }))
                .collect(),
            scroll: Scroll::default(),
        });
        vec![Effect::FetchCards {
            req,
            items: keys.into_iter().enumerate().collect(),
        }]
    }

    /// Stores one card if the comparison still waits for it.
    pub(super) fn card_loaded(
        &mut self,
        req: RequestId,
        index: usize,
        result: Result<Option<PokemonCard>, crate::api::ApiError>,
    ) {
        let Some(compare) = &mut self.compare else {
            return;
        };
        if compare.req != req {
            return;
        }
        if let Some((key, slot)) = compare.cards.get_mut(index) {
            *slot = match result {
                Ok(Some(card)) => Loadable::Loaded(card),
                Ok(None) => Loadable::NotFound {
                    query: key.to_string(),
                    suggestions: Vec::new(),
                },
                Err(err) => Loadable::Failed(err),
            };
        }
    }
}
