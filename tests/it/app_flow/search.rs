//! Typing in the search box: filtering and highlighting, the debounced fetch, widening with
//! backspace, leaving the search, and editing a kept query.

use super::builders::{
    detail_fetch, loaded_app, selected_key, selected_row, shown_titles, type_str,
};
use super::pokemon;
use apidex::app::Focus;
use apidex::msg::Msg;

#[test]
fn typing_char_filters_and_highlights_the_matched_letters() {
    let (mut app, _) = loaded_app();
    assert!(app.update(Msg::FocusSearch).is_empty());
    assert_eq!(app.focus, Focus::Search);
    type_str(&mut app, "char");
    let list = &app.tab().list;
    assert_eq!(list.query, "char");
    assert_eq!(
        shown_titles(&app, 3),
        ["charmander", "charmeleon", "charizard"]
    );
    for row in 0..3 {
        assert_eq!(list.shown[row].highlights, [0, 1, 2, 3], "row {row}");
    }
    // Every match contains c, h, a, r in that order, and nothing else is shown.
    assert!(list.shown.len() < 30, "{} shown", list.shown.len());
    for shown in &list.shown {
        let title: Vec<char> = list.all()[shown.entry].title.chars().collect();
        let picked: String = shown
            .highlights
            .iter()
            .map(|&i| title[i as usize].to_ascii_lowercase())
            .collect();
        assert_eq!(picked, "char", "{title:?}");
    }
    assert_eq!(selected_row(&app), Some(0));
    assert_eq!(selected_key(&app), Some(pokemon("charmander")));
}

#[test]
fn typing_fetches_debounced_only_when_the_selected_entry_changes() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    let mut fetched = Vec::new();
    for c in "charm".chars() {
        let before = selected_key(&app);
        let effects = app.update(Msg::SearchInput(c));
        let after = selected_key(&app);
        if before == after {
            assert!(effects.is_empty(), "{c:?}: {effects:?}");
        } else {
            let fetch = detail_fetch(&effects);
            assert!(fetch.debounce, "typing must debounce");
            assert_eq!(Some(fetch.key.clone()), after);
            fetched.push(fetch.key);
        }
    }
    // 'c' moves the selection from bulbasaur to charmander; "har" and "m" keep it there.
    assert_eq!(fetched, [pokemon("charmander")]);
    assert!(app.tab().detail.state.is_loading());
}

#[test]
fn typing_an_id_puts_that_pokemon_first_and_backspace_widens_again() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    let effects = type_str(&mut app, "25");
    assert_eq!(shown_titles(&app, 1), ["pikachu"]);
    assert_eq!(
        app.tab().list.entry_at(0).unwrap().tag.as_deref(),
        Some("#25")
    );
    // The last fetch asked for pikachu.
    assert_eq!(
        detail_fetch(&effects[effects.len() - 1..]).key,
        pokemon("pikachu")
    );
    let narrow = app.tab().list.shown.len();

    let effects = app.update(Msg::SearchBackspace);
    assert_eq!(app.tab().list.query, "2");
    assert_eq!(shown_titles(&app, 1), ["ivysaur"], "#2 comes first");
    assert!(app.tab().list.shown.len() >= narrow);
    assert_eq!(detail_fetch(&effects).key, pokemon("ivysaur"));

    app.update(Msg::SearchBackspace);
    assert_eq!(app.tab().list.query, "");
    assert_eq!(app.tab().list.shown.len(), 1351);
    assert_eq!(shown_titles(&app, 1), ["bulbasaur"]);
    assert_eq!(app.focus, Focus::Search);

    // "#25" works as well.
    type_str(&mut app, "#25");
    assert_eq!(shown_titles(&app, 1), ["pikachu"]);
}

#[test]
fn backspace_widens_a_fuzzy_filter() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "charm");
    let narrow: Vec<usize> = app.tab().list.shown.iter().map(|s| s.entry).collect();
    app.update(Msg::SearchBackspace);
    let wide: Vec<usize> = app.tab().list.shown.iter().map(|s| s.entry).collect();
    assert!(
        wide.len() > narrow.len(),
        "{} vs {}",
        wide.len(),
        narrow.len()
    );
    assert!(narrow.iter().all(|e| wide.contains(e)), "char ⊇ charm");
    // charizard does not match "charm" but matches "char" again.
    let charizard = app
        .tab()
        .list
        .all()
        .iter()
        .position(|e| e.title == "charizard");
    assert!(!narrow.contains(&charizard.unwrap()));
    assert_eq!(
        shown_titles(&app, 3),
        ["charmander", "charmeleon", "charizard"]
    );
}

#[test]
fn esc_in_search_clears_the_query_and_returns_to_the_list() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "char");
    let effects = app.update(Msg::Back);
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.tab().list.query, "");
    assert_eq!(app.tab().list.shown.len(), 1351);
    assert_eq!(selected_row(&app), Some(0));
    // Row 0 is bulbasaur again, while the pane was fetching charmander.
    assert_eq!(detail_fetch(&effects).key, pokemon("bulbasaur"));
}

#[test]
fn opening_and_leaving_an_empty_search_keeps_the_selection() {
    let (mut app, _) = loaded_app();
    app.update(Msg::Move(5));
    let key = selected_key(&app);
    assert_eq!(key, Some(pokemon("charizard")));
    app.update(Msg::FocusSearch);
    assert!(app.update(Msg::SearchBackspace).is_empty());
    assert_eq!(selected_key(&app), key);
    assert!(app.update(Msg::SearchClear).is_empty());
    assert_eq!(selected_key(&app), key);
    assert!(app.update(Msg::Back).is_empty());
    assert_eq!(app.focus, Focus::List);
    assert_eq!(
        selected_row(&app),
        Some(5),
        "Esc from an empty search moved"
    );
}

#[test]
fn slash_selects_a_kept_query_so_typing_replaces_it() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "char");
    app.update(Msg::FocusList);
    assert_eq!(app.tab().list.query, "char");

    // `/` again: the kept query is selected, and the first key replaces it.
    app.update(Msg::FocusSearch);
    assert!(app.tab().list.query_selected);
    app.update(Msg::SearchInput('p'));
    assert_eq!(app.tab().list.query, "p");
    assert!(!app.tab().list.query_selected);
    type_str(&mut app, "ika");
    assert_eq!(shown_titles(&app, 1), ["pikachu"]);

    // End (SearchEdit) keeps it to edit instead; Backspace on a selection empties it.
    app.update(Msg::FocusList);
    app.update(Msg::FocusSearch);
    app.update(Msg::SearchEdit);
    app.update(Msg::SearchInput('!'));
    assert_eq!(app.tab().list.query, "pika!");
    app.update(Msg::FocusList);
    app.update(Msg::FocusSearch);
    app.update(Msg::SearchBackspace);
    assert_eq!(app.tab().list.query, "");
}

#[test]
fn cursor_keys_while_typing_keep_the_query_to_edit() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    let key = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
    for event in [
        key(KeyCode::End, KeyModifiers::NONE),
        key(KeyCode::Home, KeyModifiers::NONE),
        key(KeyCode::Right, KeyModifiers::NONE),
        key(KeyCode::Char('a'), KeyModifiers::CONTROL),
        key(KeyCode::Char('e'), KeyModifiers::CONTROL),
    ] {
        assert!(
            matches!(
                apidex::keymap::to_msg(&apidex::keymap::Keymap::default(), &app, &event),
                Some(Msg::SearchEdit)
            ),
            "{event:?}"
        );
    }
    // Outside the search box, End is still "last".
    app.update(Msg::FocusList);
    let end = key(KeyCode::End, KeyModifiers::NONE);
    assert!(matches!(
        apidex::keymap::to_msg(&apidex::keymap::Keymap::default(), &app, &end),
        Some(Msg::Bottom)
    ));
}
