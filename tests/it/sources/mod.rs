//! Every registered source ([`apidex::sources::RECORDS`]) end to end, from its fixtures alone
//! (`tests/fixtures/sources/<id>/`, see `support::records`): the list and pages through the
//! real client, the command line, the browser's tab and key, bookmarks' stored keys, the JSON
//! view's known pages, the settings that move it, and servers that page or lie. A new source
//! needs no test code: these run for it.
#![allow(clippy::unwrap_used)]

mod cli;
mod hostile;

use apidex::fetch;
use apidex::keymap::KeyAction;
use apidex::model::{ItemKey, RecordId, Source};
use apidex::views::Detail;
use crossterm::event::KeyCode;
use serde_json::Value;

use crate::support::driver::run_app_configured;
use crate::support::records::{self, body, fixture_keys, item_path, list_path};
use crate::support::{Reply, TestServer, clients, fixture_server};

/// A key `record` can have that no fixture server knows.
pub(super) fn missing_key(record: RecordId) -> &'static str {
    match record.spec().item.key_kind {
        apidex::sources::KeyKind::Number => "987654321",
        apidex::sources::KeyKind::Slug => "no-such-item",
    }
}

pub(super) fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

/// The fixture list's entries, mapped as the browser maps them.
pub(super) fn fixture_entries(record: RecordId) -> Vec<apidex::views::ListEntry> {
    fetch::record::record_entries(record, [&json(&body(record, "list"))])
}

#[test]
fn there_is_a_registered_source_with_fixtures() {
    assert!(
        RecordId::all().count() > 0,
        "the registry's code runs for no source"
    );
    for record in RecordId::all() {
        assert!(
            !fixture_entries(record).is_empty(),
            "{}: an empty list",
            record.spec().id
        );
        assert!(
            !fixture_keys(record).is_empty(),
            "{}: no item fixture",
            record.spec().id
        );
    }
}

#[tokio::test]
async fn lists_and_pages_come_through_the_client() {
    let server = fixture_server().await;
    let clients = clients(&server);
    for record in RecordId::all() {
        let id = record.spec().id;
        let listed = fetch::list(&clients, Source::Record(record)).await.unwrap();
        assert_eq!(listed, fixture_entries(record), "{id}");
        for key in fixture_keys(record) {
            let item = ItemKey::Record(record, key.clone());
            let Some(Detail::Record(page)) =
                fetch::detail(&clients, &item, Vec::new()).await.unwrap()
            else {
                panic!("{id} {key}: no page");
            };
            let expected = fetch::record::record_page(record, &json(&body(record, &key)));
            assert_eq!(page, expected, "{id} {key}");
            assert_ne!(
                page.heading, "—",
                "{id} {key}: the title pointer finds nothing"
            );
            assert!(
                page.fields.iter().any(|(_, v)| v != "—"),
                "{id} {key}: no field pointer finds anything"
            );
            // The batch row and the export say the same item.
            let summary = fetch::summary(&clients, &item).await.unwrap().unwrap();
            assert_eq!(summary, page.summary(), "{id} {key}");
            let raw = fetch::raw(&clients, &item).await.unwrap().unwrap();
            assert_eq!(
                json(raw.as_bytes()),
                json(&body(record, &key)),
                "{id} {key}"
            );
        }
        let missing = ItemKey::Record(record, missing_key(record).to_owned());
        assert_eq!(
            fetch::detail(&clients, &missing, Vec::new()).await.unwrap(),
            None
        );
    }
}

#[tokio::test]
async fn a_pages_links_are_drawn_in_order_and_each_opens_its_page() {
    let server = fixture_server().await;
    let clients = clients(&server);
    let mut opened = 0;
    for record in RecordId::all() {
        for key in fixture_keys(record) {
            let page = fetch::record::record_page(record, &json(&body(record, &key)));
            let detail = Detail::Record(page.clone());
            // As many links drawn as `Enter` can open, each the value of its field.
            assert_eq!(
                crate::support::pages::page(&detail, false, 0).links,
                detail.links().len()
            );
            for (at, link) in &page.links {
                assert!(link.to_stored().ends_with(&page.fields[*at].1), "{link:?}");
                let target = fetch::detail(&clients, link, Vec::new()).await.unwrap();
                assert!(
                    target.is_some(),
                    "{} {key}: {link:?} opens nothing",
                    record.spec().id
                );
                opened += 1;
            }
        }
    }
    let linking = RecordId::all().any(|r| r.spec().item.fields.iter().any(|f| f.link.is_some()));
    assert!(
        !linking || opened > 0,
        "no fixture page has a link to follow"
    );
}

#[tokio::test]
async fn an_item_url_opens_its_page_and_a_page_knows_its_url() {
    let server = fixture_server().await;
    let clients = clients(&server);
    for record in RecordId::all() {
        for key in fixture_keys(record) {
            let item = ItemKey::Record(record, key.clone());
            let url = fetch::json::page_url(&clients, &item).unwrap();
            assert_eq!(
                url.path(),
                item_path(record, &key).split('?').next().unwrap()
            );
            assert_eq!(fetch::json::known_page(&clients, &url), Some(item.clone()));
            // Stored keys (bookmarks, history) read back.
            assert_eq!(ItemKey::from_stored(&item.to_stored()), Some(item));
        }
    }
}

#[tokio::test]
async fn a_paged_list_is_followed_on_its_own_server_only_and_not_forever() {
    for record in RecordId::all().filter(|r| r.spec().list.next.is_some()) {
        let spec = record.spec();
        let next_at = spec.list.next.unwrap();
        let full = json(&body(record, "list"));
        let items = full
            .pointer(spec.list.items)
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        let half = items.len() / 2;
        let page = |part: &[Value], next: Value| {
            let mut page = full.clone();
            *page.pointer_mut(spec.list.items).unwrap() = Value::Array(part.to_vec());
            *page.pointer_mut(next_at).unwrap() = next;
            page.to_string()
        };
        let server = TestServer::start().await;
        let second = format!("{}{}/page-two", server.url(), records::base_path(record));
        server.route(
            &list_path(record),
            Reply::json(page(&items[..half], second.into())),
        );
        server.route(
            &format!("{}/page-two", records::base_path(record)),
            Reply::json(page(&items[half..], Value::Null)),
        );
        let clients = clients(&server);
        let listed = fetch::list(&clients, Source::Record(record)).await.unwrap();
        assert_eq!(
            listed,
            fixture_entries(record),
            "{}: both pages, in order",
            spec.id
        );

        // A next page elsewhere is not followed; one linking itself is read once
        // (hostile.rs: loops, MAX_PAGES, a full list).
        let elsewhere = TestServer::start().await;
        let away = format!("{}/page-two", elsewhere.url());
        server.route(
            &list_path(record),
            Reply::json(page(&items[..half], away.into())),
        );
        let listed = fetch::list(&clients, Source::Record(record)).await.unwrap();
        assert_eq!(listed.len(), fixture_entries(record)[..half].len());
        assert_eq!(elsewhere.request_count(), 0);

        let own = format!("{}{}", server.url(), list_path(record));
        server.route(
            &list_path(record),
            Reply::json(page(&items[..1], own.into())),
        );
        let before = server.request_count();
        let listed = fetch::list(&clients, Source::Record(record)).await.unwrap();
        assert_eq!(server.request_count() - before, 1);
        assert_eq!(listed.len(), 1);
    }
}

#[tokio::test]
async fn a_lying_server_gets_dashes_and_clean_text_not_a_crash() {
    for record in RecordId::all() {
        let server = fixture_server().await;
        let spec = record.spec();
        // A list whose items are numbers, nulls, keys with escapes, and one good item.
        let mut list = json(&body(record, "list"));
        let good = list.pointer(spec.list.items).unwrap()[0].clone();
        *list.pointer_mut(spec.list.items).unwrap() = serde_json::json!([
            1, null, "text", {"no": "key"}, good.clone()
        ]);
        server.route(&list_path(record), Reply::json(list.to_string()));
        let key = fixture_keys(record)[0].clone();
        // A page that is not an object, and one full of escapes where the fields should be.
        server.route(&item_path(record, &key), Reply::json("[1, 2, 3]"));
        let clients = clients(&server);
        let listed = fetch::list(&clients, Source::Record(record)).await.unwrap();
        assert_eq!(listed.len(), 1, "{}: only the item with a key", spec.id);
        let item = ItemKey::Record(record, key.clone());
        let Some(Detail::Record(page)) = fetch::detail(&clients, &item, Vec::new()).await.unwrap()
        else {
            panic!("no page");
        };
        assert_eq!(page.heading, "—");
        assert!(page.fields.iter().all(|(_, v)| v == "—"), "{page:?}");

        let mut hostile = json(&body(record, &key));
        let lie = || Value::String(format!("\u{1b}[31mred\u{7}{}", "x".repeat(100_000)));
        if let Some(title) = hostile.pointer_mut(spec.item.title) {
            *title = lie();
        }
        // Every field too, down into each element of a field read per element.
        for field in spec.item.fields {
            match hostile.pointer_mut(field.pointer) {
                Some(Value::Array(items)) if !field.each.is_empty() => {
                    for item in items {
                        for at in field.each {
                            if let Some(value) = item.pointer_mut(at) {
                                *value = lie();
                            }
                        }
                    }
                }
                Some(value) => *value = lie(),
                None => {}
            }
        }
        server.route(&item_path(record, &key), Reply::json(hostile.to_string()));
        let clients = crate::support::clients(&server);
        let Some(Detail::Record(page)) = fetch::detail(&clients, &item, Vec::new()).await.unwrap()
        else {
            panic!("no page");
        };
        assert!(!page.heading.contains('\u{1b}') && !page.heading.contains('\u{7}'));
        assert!(page.heading.len() <= 256, "{}", page.heading.len());
        for (label, value) in &page.fields {
            let id = spec.id;
            assert!(
                value.contains("red"),
                "{id} {label}: the lie is not shown: {value:?}"
            );
            assert!(
                !value.chars().any(char::is_control),
                "{id} {label}: {value:?}"
            );
            assert!(value.len() <= 512, "{id} {label}: {} bytes", value.len());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_source_has_a_tab_with_its_digit_and_live_comes_after() {
    let server = fixture_server().await;
    let start = |runner: &mut apidex::event::EffectRunner, effects: Vec<apidex::msg::Effect>| {
        for effect in effects {
            runner.run(effect);
        }
    };
    // The Live tab connects to a closed local port, never to the internet.
    let closed = |app: &mut apidex::app::App| app.live.url = "ws://127.0.0.1:9/subscribe".into();
    run_app_configured(
        clients(&server),
        (110, 30),
        false,
        closed,
        start,
        |s| async move {
            s.wait_for_text("Base stats").await;
            for record in RecordId::all() {
                let source = Source::Record(record);
                let tab = apidex::model::TabId::Source(source);
                let digit = char::from(b'1' + u8::try_from(tab.index()).unwrap());
                s.wait_for_text(&format!("{digit} {}", source.title()))
                    .await;
                s.key(KeyCode::Char(digit));
                let first = fixture_entries(record)[0].title.clone();
                s.wait_for_text(&format!("{} (", source.title())).await;
                s.wait_for_text(&first).await;
                // The first item opens on its own, with its source's name under the heading.
                s.wait_for_text(record.spec().api_name).await;
            }
            let live = char::from(b'1' + u8::try_from(apidex::model::TabId::Live.index()).unwrap());
            s.wait_for_text(&format!("{live} Live")).await;
            s.key(KeyCode::Char(live));
            s.wait_for_text("ws://127.0.0.1:9/subscribe").await;
        },
    )
    .await;
    for record in RecordId::all() {
        let action = KeyAction::tab(Source::Record(record));
        assert_eq!(KeyAction::from_name(action.name()), Some(action));
        assert_eq!(action.name(), format!("tab_{}", record.spec().id));
    }
}
