//! Texts in the content language: a species' name, genus and Pokédex entry, an ability's name
//! and effect — each in the language asked for, else English, else `None`; and the English
//! ones, which are the same rule asked for English.

use super::models::{Ability, Species, fold_whitespace};
use crate::names::Lang;
use crate::names::lang::pick;

impl Species {
    /// The display name in `lang` ("ピカチュウ"), else English.
    pub fn name_in(&self, lang: Lang) -> Option<&str> {
        pick(&self.names, lang, |n| &n.language.name).map(|n| n.name.as_str())
    }

    /// The genus in `lang` ("ねずみポケモン"), else English.
    pub fn genus(&self, lang: Lang) -> Option<&str> {
        pick(&self.genera, lang, |g| &g.language.name).map(|g| g.genus.as_str())
    }

    /// The latest Pokédex entry in `lang`, else English, whitespace folded.
    pub fn flavor_text(&self, lang: Lang) -> Option<String> {
        pick(&self.flavor_text_entries, lang, |f| &f.language.name)
            .map(|f| fold_whitespace(&f.flavor_text))
    }

    /// The English genus ("Mouse Pokémon"): [`Species::genus`] in English.
    pub fn genus_en(&self) -> Option<&str> {
        self.genus(Lang::En)
    }

    /// The most recent English Pokédex entry, with the API's line breaks and form feeds folded
    /// into single spaces: [`Species::flavor_text`] in English.
    pub fn flavor_text_en(&self) -> Option<String> {
        self.flavor_text(Lang::En)
    }
}

impl Ability {
    /// The display name in `lang`, else English.
    pub fn name_in(&self, lang: Lang) -> Option<&str> {
        pick(&self.names, lang, |n| &n.language.name).map(|n| n.name.as_str())
    }

    /// The short effect in `lang` (the API has few languages besides English), else the
    /// latest in-game text in `lang`, else the English ones.
    pub fn short_effect(&self, lang: Lang) -> Option<String> {
        short_effect(&self.effect_entries, &self.flavor_text_entries, lang)
    }

    /// The English short effect, or failing that the latest English in-game text:
    /// [`Ability::short_effect`] in English.
    pub fn short_effect_en(&self) -> Option<String> {
        self.short_effect(Lang::En)
    }
}

/// The short effect in `lang` among `effects`, else the latest in-game text in `lang` among
/// `flavors`, else the same in the next language of `lang`'s preference (English last): what
/// ability and move pages show.
pub fn short_effect(
    effects: &[super::models::EffectEntry],
    flavors: &[super::models::FlavorText],
    lang: Lang,
) -> Option<String> {
    let effect = |want: &str| {
        effects
            .iter()
            .find(|e| e.language.name == want && !e.short_effect.is_empty())
            .map(|e| fold_whitespace(&e.short_effect))
            .or_else(|| {
                flavors
                    .iter()
                    .rev()
                    .find(|f| f.language.name == want)
                    .map(|f| fold_whitespace(&f.flavor_text))
            })
    };
    lang.preference().iter().find_map(|want| effect(want))
}
