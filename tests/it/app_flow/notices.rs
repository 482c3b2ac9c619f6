//! Notices (issue #10): a newer one replaces an older one, each expires, and an error notice
//! stays with its tab.

use super::builders::loaded_app;
use apidex::msg::{Effect, Msg};

/// The one `ExpireNotice` in `effects`: the notice's number and lifetime.
fn expiry(effects: &[Effect]) -> (u64, std::time::Duration) {
    let found: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::ExpireNotice { id, after } => Some((*id, *after)),
            _ => None,
        })
        .collect();
    match found.as_slice() {
        [one] => *one,
        other => panic!("expected one ExpireNotice, got {other:?} in {effects:?}"),
    }
}

#[test]
fn a_newer_notice_replaces_an_older_one_and_each_expires() {
    let (mut app, _) = loaded_app();
    // `c` with one mark: an error notice.
    app.update(Msg::ToggleMark);
    let (first, lifetime) = expiry(&app.update(Msg::Compare));
    assert!(app.notice.as_deref().unwrap().contains("mark 2 to 6"));
    assert_eq!(lifetime, apidex::app::notice::ERROR_LIFETIME);

    // `e` then exports the marked item: the success replaces the error at once…
    let effects = app.update(Msg::Export);
    assert!(effects.iter().any(|e| matches!(e, Effect::Export { .. })));
    let (second, lifetime) = expiry(&effects);
    assert!(app.notice.is_none(), "{:?}", app.notice);
    assert_eq!(app.info.as_deref(), Some("exporting bulbasaur…"));
    assert_eq!(lifetime, apidex::app::notice::INFO_LIFETIME);
    let path = std::path::PathBuf::from("/tmp/exports/apidex-bulbasaur-1.json");
    let (third, _) = expiry(&app.update(Msg::Exported(Ok(path))));
    assert_eq!(
        app.info.as_deref(),
        Some("exported to /tmp/exports/apidex-bulbasaur-1.json")
    );
    assert!(first < second && second < third);

    // …and the older notices' time running out does not take the newest away.
    app.update(Msg::NoticeExpired { id: first });
    app.update(Msg::NoticeExpired { id: second });
    assert!(app.info.is_some());
    // Its own does.
    assert!(app.update(Msg::NoticeExpired { id: third }).is_empty());
    assert!(app.info.is_none() && app.notice.is_none());
}

#[test]
fn an_error_notice_does_not_follow_the_user_to_another_tab() {
    let (mut app, _) = loaded_app();
    app.update(Msg::ToggleMark);
    app.update(Msg::Compare);
    assert!(app.notice.is_some());
    app.update(Msg::NextTab);
    assert!(app.notice.is_none());
    // A notice set again (the same words) after a change is new: it gets a lifetime again.
    app.update(Msg::PrevTab);
    expiry(&app.update(Msg::Compare));
}
