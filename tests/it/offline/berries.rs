//! Berries offline: the bundled snapshot holds PokeAPI's berry list and every berry (by id and
//! by name), so the Berries tab and `apidex get/list` answer with no network, like the built-in
//! sources; a berry the snapshot lacks is "not found", never a hang.

use apidex::model::{ItemKey, RecordId, Source};
use apidex::views::Detail;

use super::pages::snapshot_clients;

#[tokio::test]
async fn the_berries_list_and_pages_come_from_the_snapshot() {
    let berry = RecordId::find("berry").unwrap();
    let clients = snapshot_clients(true);
    let list = apidex::fetch::list(&clients, Source::Record(berry))
        .await
        .unwrap();
    assert_eq!(list.len(), 64 + 4, "every berry the API lists");
    assert_eq!(list[6].title, "oran");
    for key in ["oran", "7", "ORAN"] {
        let typed = Source::Record(berry).key_for_query(key).unwrap();
        let page = apidex::fetch::detail(&clients, &typed, Vec::new())
            .await
            .unwrap();
        let Some(Detail::Record(page)) = page else {
            panic!("{key}: {page:?}");
        };
        assert_eq!(page.heading, "oran", "{key}");
        assert!(
            page.fields
                .iter()
                .any(|(l, v)| l == "Firmness" && v == "super-hard")
        );
    }
    // A berry the snapshot lacks: an error or "not found", never a page (and no wait).
    let missing = ItemKey::Record(berry, "no-such-berry".to_owned());
    let result = apidex::fetch::detail(&clients, &missing, Vec::new()).await;
    assert!(!matches!(result, Ok(Some(_))), "{result:?}");
}

/// `i` on a berry answered from the snapshot (the network refusing, nothing cached): the
/// overlay says the snapshot answered and why it has no headers, not that a cached copy was
/// stored by an older apidex (there is no cached copy at all).
#[tokio::test]
async fn i_on_a_snapshot_berry_says_the_snapshot_answered() {
    use crossterm::event::KeyCode;
    let berry = apidex::model::TabId::Source(Source::Record(RecordId::find("berry").unwrap()));
    let digit = char::from_digit(u32::try_from(berry.index() + 1).unwrap(), 10).unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let shown = seen.clone();
    crate::support::driver::run_app(snapshot_clients(false), 120, 40, |s| async move {
        s.key(KeyCode::Char(digit));
        s.wait_for_text("Firmness      soft").await;
        s.key(KeyCode::Char('i'));
        s.wait_for_text("Response headers").await;
        *shown.lock().unwrap() = s.screen.text();
    })
    .await;
    let screen = seen.lock().unwrap().clone();
    assert!(
        screen.contains("origin     bundled snapshot (cannot connect)"),
        "{screen}"
    );
    assert!(!screen.contains("older apidex"), "{screen}");
    assert!(
        screen.contains("none: the bundled snapshot keeps no headers"),
        "{screen}"
    );
}
