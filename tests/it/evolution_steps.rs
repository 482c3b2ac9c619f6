//! Every condition PokeAPI puts on an evolution step, in words, from real chains fetched over
//! real HTTP (fixtures in tests/fixtures/pokeapi/evolution-chain, see its README); and a tree
//! whose steps wrap keeps its guides.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use apidex::api::pokeapi::evolution::ChainLink;
use apidex::model::ItemKey;
use apidex::views::Detail;

use crate::support::{Reply, TestServer, clients, fixture, fixture_server};

/// Chains that carry a condition the common ones do not (see the fixtures README).
const CHAINS: [u32; 18] = [
    178, 299, 54, 24, 287, 106, 484, 504, 280, 35, 47, 116, 346, 352, 362, 390, 528, 317,
];

/// Fields of `evolution_details` that are no condition: which game, which form comes out.
const NOT_CONDITIONS: [&str; 4] = ["evolved_form", "is_default", "version_group", "trigger"];

/// The conditions apidex puts in words (each checked below on a real chain).
const CONDITIONS: [&str; 25] = [
    "base_form",
    "gender",
    "held_item",
    "item",
    "known_move",
    "known_move_type",
    "location",
    "min_affection",
    "min_beauty",
    "min_damage_taken",
    "min_happiness",
    "min_level",
    "min_move_count",
    "min_steps",
    "near_special_rock",
    "needs_multiplayer",
    "needs_overworld_rain",
    "party_species",
    "party_type",
    "region",
    "relative_physical_stats",
    "time_of_day",
    "trade_species",
    "turn_upside_down",
    "used_move",
];

async fn server() -> TestServer {
    let server = fixture_server().await;
    for id in CHAINS {
        server.route(
            &format!("/api/v2/evolution-chain/{id}"),
            Reply::json(fixture(&format!("pokeapi/evolution-chain/{id}.json"))),
        );
    }
    server
}

/// How `species` is reached in chain `id`, fetched by the real client.
async fn how(server: &TestServer, id: u32, species: &str) -> String {
    fn find<'a>(link: &'a ChainLink, name: &str) -> Option<(&'a ChainLink, &'a str)> {
        link.evolves_to.iter().find_map(|l| {
            if l.species.name == name {
                Some((l, link.species.name.as_str()))
            } else {
                find(l, name)
            }
        })
    }
    let chain = clients(server)
        .pokeapi
        .evolution_chain(id)
        .await
        .unwrap()
        .unwrap()
        .data;
    let (link, parent) = find(&chain.chain, species).unwrap_or_else(|| panic!("{species} in {id}"));
    link.how(parent)
}

#[tokio::test]
async fn every_condition_the_api_has_is_in_words() {
    let server = server().await;
    for (id, species, expected) in [
        (24, "annihilape", "use rage-fist 20 times"),
        (287, "runerigus", "from yamask-galar, take 49 damage"),
        (
            106,
            "overqwil",
            "from qwilfish-hisui, use barb-barrage in strong style 20 times",
        ),
        (484, "pawmot", "walk 1000 steps"),
        (504, "palafin", "level 38, with another player"),
        (280, "basculegion", "take 294 recoil damage"),
        (
            35,
            "sirfetchd",
            "from farfetchd-galar, land 3 critical hits in one battle",
        ),
        (47, "hitmonlee", "level 20, Attack > Defense"),
        (116, "mantine", "level up, with remoraid in the party"),
        (346, "pangoro", "level 32, with a dark type in the party"),
        (352, "malamar", "level 30, console upside down"),
        (390, "salazzle", "level 33, female"),
        (528, "gholdengo", "collect 999 coins"),
        (317, "kingambit", "defeat 3 bisharp leading bisharp"),
    ] {
        let got = how(&server, id, species).await;
        assert!(
            got.contains(expected),
            "{species}: {got:?} lacks {expected:?}"
        );
    }
    assert!(how(&server, 362, "goodra").await.contains("in rain"));
    assert!(
        how(&server, 67, "leafeon")
            .await
            .contains("near a special rock")
    );
    assert!(how(&server, 67, "sylveon").await.contains("affection 2"));
    assert!(
        how(&server, 280, "basculegion")
            .await
            .contains("from basculin-white-striped")
    );
    assert!(how(&server, 178, "milotic").await.contains("beauty 170"));
    assert!(
        how(&server, 299, "escavalier")
            .await
            .contains("trade, for shelmet")
    );
    assert!(
        how(&server, 54, "kingdra")
            .await
            .contains("trade, holding dragon-scale")
    );
    assert_eq!(
        how(&server, 362, "sliggoo").await,
        "level 40 or level 40, in hisui"
    );
}

/// A field PokeAPI adds later must not pass unnoticed: every field with a value in the
/// fixtures is either a condition apidex words or one it knows is not a condition.
#[test]
fn no_field_of_the_fixtures_goes_unread() {
    fn walk(link: &serde_json::Value, seen: &mut BTreeSet<String>) {
        for detail in link["evolution_details"].as_array().unwrap() {
            for (key, value) in detail.as_object().unwrap() {
                let empty = value.is_null() || *value == false || value.as_str() == Some("");
                if !empty {
                    seen.insert(key.clone());
                }
            }
        }
        for next in link["evolves_to"].as_array().unwrap() {
            walk(next, seen);
        }
    }
    let mut seen = BTreeSet::new();
    for id in CHAINS.iter().chain(&[1, 2, 3, 10, 67, 135]) {
        let chain: serde_json::Value =
            serde_json::from_slice(&fixture(&format!("pokeapi/evolution-chain/{id}.json")))
                .unwrap();
        walk(&chain["chain"], &mut seen);
    }
    let known: BTreeSet<String> = CONDITIONS
        .iter()
        .chain(&NOT_CONDITIONS)
        .map(|s| (*s).to_owned())
        .collect();
    let unread: Vec<&String> = seen.difference(&known).collect();
    assert!(unread.is_empty(), "fields apidex does not word: {unread:?}");
    let unseen: Vec<&String> = known.difference(&seen).collect();
    assert!(unseen.is_empty(), "conditions no fixture tries: {unseen:?}");
}

#[tokio::test]
async fn wrapped_steps_keep_the_tree_guides() {
    let server = fixture_server().await;
    let detail = apidex::fetch::detail(
        &clients(&server),
        &ItemKey::Pokemon("eevee".into()),
        Vec::new(),
    )
    .await
    .unwrap()
    .unwrap();
    let Detail::Pokemon(_) = &detail else {
        panic!("a Pokémon")
    };
    let width = 38;
    let text = crate::support::pages::page_text(&detail, true, width);
    let start = text.iter().position(|l| l == "Evolution").unwrap();
    let tree: Vec<&String> = text[start + 2..]
        .iter()
        .take_while(|l| !l.is_empty())
        .collect();
    let last_branch = tree.iter().rposition(|l| l.starts_with("└─")).unwrap();
    assert!(tree.len() > 9, "some steps wrap: {tree:#?}");
    for (i, line) in tree.iter().enumerate() {
        let width_of = ratatui::text::Line::raw(line.as_str()).width();
        assert!(
            width_of <= usize::from(width),
            "{line:?} is {width_of} wide"
        );
        if i < last_branch {
            assert!(
                line.starts_with("├─") || line.starts_with('│'),
                "line {i} lost its guide: {tree:#?}"
            );
        } else if i > last_branch {
            assert!(line.starts_with("   "), "{line:?}");
        }
    }
}
