//! Moving in the JSON view: folding, searching, and opening and closing it.

use super::{path, pikachu, press, screen};
use apidex::app::json_view::ViewState;
use apidex::app::{App, Hosts};

#[test]
fn fold_and_unfold_moves_and_everything() {
    let mut app = pikachu();
    press(&mut app, "/moves\n");
    assert_eq!(path(&app), ".moves");
    assert!(screen(&mut app).contains("/moves  1/1"));
    let before = app
        .explorer
        .view
        .as_ref()
        .unwrap()
        .tree()
        .unwrap()
        .rows()
        .len();
    press(&mut app, "h");
    let text = screen(&mut app);
    assert!(text.contains("▸   \"moves\": […] 109 items,"), "{text}");
    let folded = app
        .explorer
        .view
        .as_ref()
        .unwrap()
        .tree()
        .unwrap()
        .rows()
        .len();
    assert!(folded < before / 2, "{folded} rows of {before}");
    assert_eq!(path(&app), ".moves", "the cursor stays on the folded node");
    press(&mut app, "l");
    assert_eq!(
        app.explorer
            .view
            .as_ref()
            .unwrap()
            .tree()
            .unwrap()
            .rows()
            .len(),
        before
    );
    press(&mut app, " ");
    assert_eq!(
        app.explorer
            .view
            .as_ref()
            .unwrap()
            .tree()
            .unwrap()
            .rows()
            .len(),
        folded
    );
    // zM: only the top level is left, each container folded.
    press(&mut app, "zM");
    let tree = app.explorer.view.as_ref().unwrap().tree().unwrap();
    let top = tree.nodes().iter().filter(|n| n.depth == 1).count();
    assert_eq!(
        tree.rows().len(),
        top + 2,
        "the braces and the top-level members"
    );
    assert_eq!(path(&app), ".moves");
    press(&mut app, "zR");
    assert_eq!(
        app.explorer
            .view
            .as_ref()
            .unwrap()
            .tree()
            .unwrap()
            .rows()
            .len(),
        before
    );
    // h on a scalar goes to its parent.
    press(&mut app, "g");
    press(&mut app, "jjjj");
    assert_eq!(path(&app), ".abilities[0].ability.name");
    press(&mut app, "h");
    assert_eq!(path(&app), ".abilities[0].ability");
}

#[test]
fn search_counts_matches_and_walks_them() {
    let mut app = pikachu();
    press(&mut app, "/base_stat\n");
    // Pikachu's `past_stats` come first in the body.
    assert_eq!(path(&app), ".past_stats[0].stats[0].base_stat");
    let count = app
        .explorer
        .view
        .as_ref()
        .unwrap()
        .search
        .as_ref()
        .unwrap()
        .matches
        .len();
    assert!(count >= 6, "{count}");
    let text = screen(&mut app);
    assert!(text.contains(&format!("/base_stat  1/{count}")), "{text}");
    assert!(
        text.contains(".past_stats[0].stats[0].base_stat ·"),
        "the path in the bottom line: {text}"
    );
    press(&mut app, "N");
    assert_eq!(
        path(&app),
        ".stats[5].base_stat",
        "N wraps around to the last"
    );
    press(&mut app, "n");
    assert_eq!(
        path(&app),
        ".past_stats[0].stats[0].base_stat",
        "n wraps to the first"
    );
    // A match inside a folded container is unfolded into sight.
    press(&mut app, "NNNNN");
    assert_eq!(path(&app), ".stats[1].base_stat");
    press(&mut app, "zM");
    press(&mut app, "n");
    assert_eq!(path(&app), ".stats[2].base_stat");
    assert!(screen(&mut app).contains("\"base_stat\": 40"));
    press(&mut app, "\x1b/zzzz\n");
    assert!(screen(&mut app).contains("/zzzz  no match"));
}

#[test]
fn v_opens_the_page_shown_and_closes_again() {
    let (mut app, _) = App::new(Hosts::default());
    // No page and no selection: nothing to show.
    press(&mut app, "v");
    assert!(app.explorer.view.is_none());
    assert!(screen(&mut app).contains("no page to show as JSON"));
    let mut app = pikachu();
    press(&mut app, "v");
    assert!(app.explorer.view.is_none(), "v closes the view");
    assert!(matches!(
        pikachu().explorer.view.unwrap().state,
        ViewState::Loaded(_)
    ));
}
