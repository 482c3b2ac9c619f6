//! Type matchups computed from the API's own type data (the real type fixtures).

#![allow(clippy::unwrap_used)]

use crate::support::lists::type_chart as chart;

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn types_without_relations_are_not_attacking_types() {
    let chart = chart();
    let attack: Vec<&str> = chart.attack_types().collect();
    assert_eq!(attack.len(), 18, "{attack:?}");
    for absent in ["stellar", "unknown", "shadow"] {
        assert!(!attack.contains(&absent), "{absent} should not attack");
    }
}

#[test]
fn charizard_is_four_times_weak_to_rock() {
    let chart = chart();
    let m = chart.matchups(&names(&["fire", "flying"]));
    assert_eq!(m.x4, names(&["rock"]));
    assert_eq!(m.x2, names(&["electric", "water"]));
    assert_eq!(m.immune, names(&["ground"]));
    assert_eq!(m.quarter, names(&["bug", "grass"]));
    assert!(m.half.contains(&"fire".to_owned()) && m.half.contains(&"fairy".to_owned()));
}

#[test]
fn single_type_multipliers_come_from_the_type_resource() {
    let chart = chart();
    let electric = names(&["electric"]);
    assert!((chart.multiplier("ground", &electric) - 2.0).abs() < f32::EPSILON);
    assert!((chart.multiplier("steel", &electric) - 0.5).abs() < f32::EPSILON);
    assert!((chart.multiplier("water", &electric) - 1.0).abs() < f32::EPSILON);
    // Gengar (ghost/poison) cannot be hit by normal or fighting moves.
    let gengar = chart.matchups(&names(&["ghost", "poison"]));
    assert_eq!(gengar.immune, names(&["fighting", "normal"]));
}

#[test]
fn team_threats_count_members_and_find_unresisted_types() {
    let chart = chart();
    // Charizard (fire/flying), Butterfree (bug/flying) and Pikachu (electric).
    let team = vec![
        names(&["fire", "flying"]),
        names(&["bug", "flying"]),
        names(&["electric"]),
    ];
    let threats = chart.team(&team);
    // Rock hits both flyers ×4; electric hits both flyers ×2 (Pikachu resists it). Most
    // members first, then by name.
    assert_eq!(
        threats.shared_weaknesses,
        vec![("electric".to_owned(), 2), ("rock".to_owned(), 2)]
    );
    // Ice: fire halves it but flying doubles it, so Charizard takes it neutrally; Butterfree
    // is weak; Pikachu neutral. Nobody resists ice.
    assert!(threats.unresisted.contains(&"ice".to_owned()));
    // Dragon: fire, bug/flying and electric all take it neutrally.
    assert!(threats.unresisted.contains(&"dragon".to_owned()));
    // Grass is resisted by fire, bug, flying and electric.
    assert!(!threats.unresisted.contains(&"grass".to_owned()));
}
