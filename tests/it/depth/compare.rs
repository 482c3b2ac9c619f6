//! Comparing marked Pokémon: two to six marks, one card fetched each, and the view of three
//! starters.

use apidex::msg::{Effect, Msg};

use super::started;
use crate::support::screen::without_tab_bar;
use crate::support::settle::settle_strict as settle;

#[tokio::test]
async fn compare_needs_two_to_six_marks_and_fetches_each_card() {
    let (mut app, clients, _server) = started().await;
    // One mark is not enough.
    app.update(Msg::ToggleMark);
    // Nothing is fetched; only the notice's expiry is scheduled.
    let effects = app.update(Msg::Compare);
    assert!(
        matches!(&effects[..], [Effect::ExpireNotice { .. }]),
        "{effects:?}"
    );
    assert!(app.compare.is_none());
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("mark 2 to 6"))
    );
    // bulbasaur (marked), then charmander and squirtle.
    app.update(Msg::Move(2));
    app.update(Msg::ToggleMark);
    app.update(Msg::Move(2));
    app.update(Msg::ToggleMark);
    let effects = app.update(Msg::Compare);
    assert!(
        matches!(&effects[..], [Effect::FetchCards { items, .. }] if items.len() == 3),
        "{effects:?}"
    );
    settle(&mut app, &clients, effects).await;
    let compare = app.compare.as_ref().unwrap();
    let names: Vec<&str> = compare
        .cards
        .iter()
        .map(|(_, c)| c.loaded().unwrap().name.as_str())
        .collect();
    assert_eq!(names, vec!["bulbasaur", "charmander", "squirtle"]);
    // Esc closes it; the marks stay.
    app.update(Msg::Back);
    assert!(app.compare.is_none());
    assert_eq!(app.tab().list.marks.len(), 3);
}

#[tokio::test]
async fn compare_view_of_three_starters_snapshot() {
    let (mut app, clients, _server) = started().await;
    // bulbasaur, charmander, squirtle: ids 1, 4, 7.
    for msg in [
        Msg::ToggleMark,
        Msg::Move(2),
        Msg::ToggleMark,
        Msg::Move(2),
        Msg::ToggleMark,
        Msg::Compare,
    ] {
        let effects = app.update(msg);
        settle(&mut app, &clients, effects).await;
    }
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 24)).unwrap();
    terminal
        .draw(|frame| apidex::ui::draw(frame, &mut app))
        .unwrap();
    insta::assert_snapshot!(
        "compare_three_starters",
        without_tab_bar(terminal.backend())
    );
    // The best of each row is drawn in the "best" style: squirtle's defence (65), for one.
    let buffer = terminal.backend().buffer();
    let text = crate::support::screen::buffer_text(buffer);
    let row = text.lines().position(|l| l.contains("Defense")).unwrap();
    let col = text.lines().nth(row).unwrap().chars().collect::<Vec<_>>();
    let at = col.windows(2).position(|w| w == ['6', '5']).unwrap();
    let cell = &buffer[(u16::try_from(at).unwrap(), u16::try_from(row).unwrap())];
    assert_eq!(
        cell.style().fg,
        apidex::ui::theme::Theme::default().best().fg
    );
}
