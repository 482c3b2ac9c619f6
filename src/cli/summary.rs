//! Readable one-block summaries of each resource, for `apidex get` without `--json`.
//!
//! Every string from the API goes through [`crate::sanitize`] before it is printed.

use std::fmt::Write;

use crate::api::dogapi::models::{BreedList, Images};
use crate::api::jsonplaceholder::models::{Comment, Post, Todo, User};
use crate::api::pokeapi::models::{
    Ability, NamedResource, Pokemon, Species, Type, fold_whitespace,
};
use crate::names::Lang;
use crate::sanitize::{line, text};

/// Width of the field labels, so values line up.
const LABEL: usize = 10;

fn field(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "  {label:<LABEL$} {value}");
}

fn names(resources: &[NamedResource]) -> String {
    if resources.is_empty() {
        return "—".to_owned();
    }
    resources
        .iter()
        .map(|r| line(&r.name).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `#25 Pikachu`: the id and the display name in the content language (with the slug where it
/// is not just the name folded), else the slug.
fn heading(id: u32, display: Option<&str>, slug: &str) -> String {
    let title = display.map_or_else(
        || slug.to_owned(),
        |name| crate::names::with_slug(name, slug),
    );
    format!("#{id} {}", line(&title))
}

/// `#25 Pikachu` (`#25 ピカチュウ (pikachu)` in Japanese: the slug where it is not the name)
/// with types, size, abilities and base stats. The display name comes from the bundled name
/// table, by species id: one request per Pokémon, as before.
pub fn pokemon(p: &Pokemon, lang: Lang) -> String {
    let species = p
        .species
        .as_ref()
        .and_then(NamedResource::id)
        .unwrap_or(p.id);
    let display = crate::names::NameTable::bundled()
        .display(species, lang)
        // A form (`pikachu-rock-star`, #10080): its slug, which says more than the species name.
        .filter(|_| species == p.id);
    let mut out = heading(p.id, display, &p.name);
    out.push('\n');
    field(&mut out, "types", &line(&p.type_names().join(", ")));
    // The API gives decimetres and hectograms.
    field(
        &mut out,
        "height",
        &format!("{:.1} m", f64::from(p.height) / 10.0),
    );
    field(
        &mut out,
        "weight",
        &format!("{:.1} kg", f64::from(p.weight) / 10.0),
    );
    let abilities: Vec<String> = p
        .abilities
        .iter()
        .map(|a| {
            let name = line(&a.ability.name);
            if a.is_hidden {
                format!("{name} (hidden)")
            } else {
                name.into_owned()
            }
        })
        .collect();
    field(&mut out, "abilities", &abilities.join(", "));
    let stats: Vec<String> = p
        .stats
        .iter()
        .map(|s| format!("{} {}", line(&s.stat.name), s.base_stat))
        .collect();
    field(&mut out, "stats", &stats.join(" · "));
    field(&mut out, "total", &p.base_stat_total().to_string());
    out
}

/// `#9 static` with its effect and how many Pokémon have it.
pub fn ability(a: &Ability, lang: Lang) -> String {
    let mut out = heading(a.id, a.name_in(lang), &a.name);
    out.push('\n');
    if let Some(effect) = a.short_effect(lang) {
        field(&mut out, "effect", &line(&effect));
    }
    let holders: Vec<String> = a
        .pokemon
        .iter()
        .map(|p| line(&p.pokemon.name).into_owned())
        .collect();
    field(&mut out, "pokemon", &holders.join(", "));
    out
}

/// `#25 pikachu — Mouse Pokémon` with its Pokédex text.
pub fn species(s: &Species, lang: Lang) -> String {
    let mut out = heading(s.id, s.name_in(lang), &s.name);
    if let Some(genus) = s.genus(lang) {
        let _ = write!(out, " — {}", line(genus));
    }
    out.push('\n');
    if let Some(generation) = &s.generation {
        field(&mut out, "generation", &line(&generation.name));
    }
    if s.is_legendary {
        field(&mut out, "status", "legendary");
    } else if s.is_mythical {
        field(&mut out, "status", "mythical");
    }
    if let Some(flavor) = s.flavor_text(lang) {
        field(&mut out, "pokédex", &line(&flavor));
    }
    if let Some(chain) = &s.evolution_chain {
        field(&mut out, "evolution", &line(&chain.url));
    }
    out
}

/// `#13 electric` with its damage relations.
pub fn type_(t: &Type) -> String {
    let r = &t.damage_relations;
    let mut out = format!("#{} {}\n", t.id, line(&t.name));
    field(&mut out, "2× to", &names(&r.double_damage_to));
    field(&mut out, "½× to", &names(&r.half_damage_to));
    field(&mut out, "0× to", &names(&r.no_damage_to));
    field(&mut out, "2× from", &names(&r.double_damage_from));
    field(&mut out, "½× from", &names(&r.half_damage_from));
    field(&mut out, "0× from", &names(&r.no_damage_from));
    field(&mut out, "pokemon", &t.pokemon.len().to_string());
    out
}

/// `#1 title`, its author's id and body.
pub fn post(p: &Post) -> String {
    let mut out = format!("#{} {}\n", p.id, line(&p.title));
    field(&mut out, "user", &p.user_id.to_string());
    out.push_str(&indent(&text(&p.body)));
    out
}

/// `#1 Leanne Graham (@Bret)` with contact details and company.
pub fn user(u: &User) -> String {
    let mut out = format!("#{} {} (@{})\n", u.id, line(&u.name), line(&u.username));
    field(&mut out, "email", &line(&u.email));
    field(&mut out, "phone", &line(&u.phone));
    field(&mut out, "website", &line(&u.website));
    if let Some(a) = &u.address {
        let address = format!("{}, {}, {} {}", a.street, a.suite, a.city, a.zipcode);
        field(&mut out, "address", &line(&address));
    }
    if let Some(c) = &u.company {
        field(&mut out, "company", &line(&c.name));
        field(&mut out, "", &line(&c.catch_phrase));
    }
    out
}

/// `#1 [ ] title (user 1)`.
pub fn todo(t: &Todo) -> String {
    let mark = if t.completed { "x" } else { " " };
    format!(
        "#{} [{mark}] {} (user {})\n",
        t.id,
        line(&t.title),
        t.user_id
    )
}

/// Each comment: `#1 subject <email>` and its body.
pub fn comments(comments: &[Comment]) -> String {
    let mut out = String::new();
    for c in comments {
        let _ = writeln!(out, "#{} {} <{}>", c.id, line(&c.name), line(&c.email));
        out.push_str(&indent(&text(&c.body)));
    }
    out
}

/// One breed a line, sub-breeds after a colon.
pub fn breeds(list: &BreedList) -> String {
    let mut out = String::new();
    for breed in &list.breeds {
        out.push_str(&line(&breed.name));
        if !breed.sub_breeds.is_empty() {
            let subs: Vec<String> = breed
                .sub_breeds
                .iter()
                .map(|s| line(s).into_owned())
                .collect();
            let _ = write!(out, ": {}", subs.join(", "));
        }
        out.push('\n');
    }
    out
}

/// One image URL a line.
pub fn images(images: &Images) -> String {
    images.0.iter().fold(String::new(), |mut out, url| {
        let _ = writeln!(out, "{}", line(url));
        out
    })
}

/// Indents every line of a body by two spaces, folding the API's hard wraps into paragraphs
/// would lose meaning, so they are kept.
fn indent(body: &str) -> String {
    body.lines().fold(String::new(), |mut out, l| {
        let _ = writeln!(out, "  {}", fold_whitespace(l));
        out
    })
}

/// A registered source's item: `#1 cheri`, then its fields (already capped and sanitised by
/// [`crate::fetch::record::record_page`]).
pub fn record(record: crate::model::RecordId, body: &serde_json::Value) -> String {
    let page = crate::fetch::record::record_page(record, body);
    let mut out = match &page.number {
        Some(number) => format!("#{number} {}\n", page.heading),
        None => format!("{}\n", page.heading),
    };
    let width = page
        .fields
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in &page.fields {
        let _ = writeln!(out, "  {label:<width$} {value}");
    }
    out
}
