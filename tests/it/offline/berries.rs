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
