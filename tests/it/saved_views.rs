//! The bookmarks and history views: deleting a row (`d`, Delete), clearing history (asked
//! first), `b` acting on the view's row and never on the page behind it, the view showing the
//! store's truth at once, and the keys going through the keymap. The app is driven through
//! `App::update`; its store effects run on the real effect runner against a real store.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use apidex::app::{App, Hosts};
use apidex::event::EffectRunner;
use apidex::keymap::{HelpKeys, KeyAction};
use apidex::model::SavedKind;
use apidex::model::{ItemKey, Source};
use apidex::msg::{Effect, Msg, SavedMsg};
use apidex::store::Store;
use apidex::store::marks::Remembered;
use apidex::views::ListEntry;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc::UnboundedReceiver;

use crate::support::app::list_req;
use crate::support::{clients_with, fixture_server};

/// Only there so a bug cannot hang the test run.
const LIMIT: Duration = Duration::from_secs(30);

fn item(key: &str) -> Remembered {
    Remembered {
        key: format!("pokemon:{key}"),
        label: key.to_owned(),
    }
}

struct Harness {
    app: App,
    /// The colours and keys the loop would own.
    chrome: apidex::ui::Chrome,
    runner: EffectRunner,
    rx: UnboundedReceiver<Msg>,
    store: Store,
    _server: crate::support::TestServer,
    _dir: tempfile::TempDir,
}

impl Harness {
    /// An app whose store holds `bookmarks` and `history` (given oldest first), with the
    /// Pokémon list showing `listed` (the first selected: the page "behind" the views).
    async fn new(bookmarks: &[&str], history: &[&str], listed: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_user_data(dir.path(), None).unwrap();
        for name in bookmarks {
            assert!(store.toggle_bookmark(&item(name)).unwrap());
        }
        for name in history {
            store.record_visit(&item(name)).unwrap();
        }
        let server = fixture_server().await;
        let (msg_tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let runner = EffectRunner::new(
            clients_with(&server, apidex::api::HttpOptions::default()),
            msg_tx,
        )
        .with_store(store.clone());
        let (mut app, effects) = App::new(Hosts::default());
        let req = list_req(&effects, Source::Pokemon);
        let entries = listed
            .iter()
            .map(|name| ListEntry {
                key: ItemKey::Pokemon((*name).to_owned()),
                title: (*name).to_owned(),
                tag: None,
                secondary: None,
                parent: None,
                id: None,
            })
            .collect();
        app.update(Msg::ListLoaded {
            source: Source::Pokemon,
            req,
            result: Ok(entries),
        });
        let mut harness = Self {
            app,
            chrome: apidex::ui::Chrome::default(),
            runner,
            rx,
            store,
            _server: server,
            _dir: dir,
        };
        let effects = harness.app.enable_store();
        harness.carry(effects).await;
        harness
    }

    /// `msg` into the app, then its store effects carried out until the app has every answer.
    async fn send(&mut self, msg: Msg) {
        let effects = self.app.update(msg);
        self.carry(effects).await;
    }

    async fn carry(&mut self, mut queue: Vec<Effect>) {
        let mut waiting = 0;
        loop {
            for effect in queue.drain(..) {
                // The store's effects, each answered by one message; fetches are not needed.
                if matches!(
                    effect,
                    Effect::LoadSaved { .. } | Effect::ToggleBookmark { .. } | Effect::Saved(_)
                ) {
                    waiting += 1;
                    self.runner.run(effect);
                }
            }
            if waiting == 0 {
                return;
            }
            let msg = tokio::time::timeout(LIMIT, self.rx.recv())
                .await
                .expect("the store answers")
                .unwrap();
            if matches!(
                msg,
                Msg::SavedLoaded { .. } | Msg::BookmarkToggled { .. } | Msg::Saved(_)
            ) {
                waiting -= 1;
            }
            queue = self.app.update(msg);
        }
    }

    /// The labels the open view shows, and its selected row.
    fn view(&self) -> (Vec<String>, Option<usize>) {
        let view = self.app.saved.view.as_ref().expect("a view is open");
        let labels = view
            .items
            .loaded()
            .map(|items| items.iter().map(|i| i.label.clone()).collect())
            .unwrap_or_default();
        (labels, view.state.selected())
    }

    fn stored(&self, kind: SavedKind) -> Vec<String> {
        let items = match kind {
            SavedKind::Bookmarks => self.store.bookmarks(),
            SavedKind::History => self.store.history(),
        };
        items.unwrap().into_iter().map(|i| i.label).collect()
    }

    fn screen(&mut self, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| apidex::ui::draw_with(f, &mut self.app, &self.chrome))
            .unwrap();
        crate::support::screen::buffer_text(terminal.backend().buffer())
    }
}

#[tokio::test]
async fn deleting_bookmarks_down_to_the_last_row() {
    let mut h = Harness::new(&["pikachu", "eevee", "mew"], &[], &["pikachu"]).await;
    h.send(Msg::ShowBookmarks).await;
    assert_eq!(
        h.view(),
        (
            vec!["mew".into(), "eevee".into(), "pikachu".into()],
            Some(0)
        )
    );
    h.send(Msg::Move(1)).await;
    // Gone from the view at once, before the store has answered.
    let effects = h.app.update(Msg::Saved(SavedMsg::Delete));
    assert_eq!(h.view(), (vec!["mew".into(), "pikachu".into()], Some(1)));
    h.carry(effects).await;
    assert_eq!(h.stored(SavedKind::Bookmarks), ["mew", "pikachu"]);
    assert_eq!(
        h.view(),
        (vec!["mew".into(), "pikachu".into()], Some(1)),
        "read again, same"
    );
    assert!(!h.app.saved.bookmarked.contains("pokemon:eevee"));
    // The last row: the selection moves up.
    h.send(Msg::Saved(SavedMsg::Delete)).await;
    assert_eq!(h.view(), (vec!["mew".into()], Some(0)));
    h.send(Msg::Saved(SavedMsg::Delete)).await;
    assert_eq!(h.view(), (vec![], None));
    assert!(h.stored(SavedKind::Bookmarks).is_empty());
    // Nothing left: deleting again asks the store nothing.
    assert!(h.app.update(Msg::Saved(SavedMsg::Delete)).is_empty());
    assert!(h.screen(60, 12).contains("no bookmarks yet"));
}

#[tokio::test]
async fn b_in_the_bookmarks_view_removes_the_row_not_the_page_behind() {
    let mut h = Harness::new(&["pikachu", "eevee"], &[], &["pikachu"]).await;
    h.send(Msg::ShowBookmarks).await;
    // eevee (newest) is selected; pikachu is the page behind the view.
    h.send(Msg::ToggleBookmark).await;
    assert_eq!(h.stored(SavedKind::Bookmarks), ["pikachu"]);
    assert_eq!(h.view().0, ["pikachu"]);
    assert!(h.app.saved.bookmarked.contains("pokemon:pikachu"));
    // Outside the view, b is the page's again.
    h.send(Msg::Back).await;
    h.send(Msg::ToggleBookmark).await;
    assert!(h.stored(SavedKind::Bookmarks).is_empty());
}

#[tokio::test]
async fn b_in_history_bookmarks_the_selected_row() {
    let mut h = Harness::new(&[], &["mew", "eevee"], &["pikachu"]).await;
    h.send(Msg::ShowHistory).await;
    h.send(Msg::Move(1)).await;
    h.send(Msg::ToggleBookmark).await;
    assert_eq!(h.stored(SavedKind::Bookmarks), ["mew"]);
    assert_eq!(
        h.stored(SavedKind::History),
        ["eevee", "mew"],
        "history unchanged"
    );
}

#[tokio::test]
async fn deleting_from_history_and_clearing_it_after_asking() {
    let mut h = Harness::new(&["pikachu"], &["mew", "eevee", "ditto"], &["pikachu"]).await;
    h.send(Msg::ShowHistory).await;
    h.send(Msg::Saved(SavedMsg::Delete)).await;
    assert_eq!(h.stored(SavedKind::History), ["eevee", "mew"]);
    // Once asks; anything else takes the question back.
    h.send(Msg::Saved(SavedMsg::ClearHistory)).await;
    assert!(h.screen(60, 12).contains("Clear all 2 from history?"));
    assert_eq!(h.stored(SavedKind::History), ["eevee", "mew"]);
    h.send(Msg::Move(1)).await;
    assert!(!h.screen(60, 12).contains("Clear all"));
    h.send(Msg::Saved(SavedMsg::ClearHistory)).await;
    // A tick of the spinner is not an answer either way.
    h.send(Msg::Tick).await;
    h.send(Msg::Saved(SavedMsg::ClearHistory)).await;
    assert!(h.stored(SavedKind::History).is_empty());
    assert_eq!(h.view(), (vec![], None));
    assert_eq!(
        h.stored(SavedKind::Bookmarks),
        ["pikachu"],
        "bookmarks stay"
    );
    // The bookmarks view has nothing to clear.
    h.send(Msg::ShowBookmarks).await;
    assert!(h.app.update(Msg::Saved(SavedMsg::ClearHistory)).is_empty());
}

#[tokio::test]
async fn the_keys_go_through_the_keymap_and_show_in_the_help() {
    let mut h = Harness::new(&["pikachu"], &["mew"], &["pikachu"]).await;
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    // `Msg` has no `PartialEq` (it carries pictures): compared by its debug form.
    let msg = |h: &Harness, code| {
        format!(
            "{:?}",
            apidex::keymap::to_msg(&h.chrome.keymap, &h.app, &key(code))
        )
    };
    let some = |m: SavedMsg| format!("{:?}", Some(Msg::Saved(m)));
    assert_eq!(msg(&h, KeyCode::Char('d')), some(SavedMsg::Delete));
    assert_eq!(msg(&h, KeyCode::Delete), some(SavedMsg::Delete));
    assert_eq!(msg(&h, KeyCode::Char('X')), some(SavedMsg::ClearHistory));
    h.chrome.keymap.bind("d", "none").unwrap();
    h.chrome.keymap.bind("x", "delete_saved").unwrap();
    h.chrome.keymap.bind("X", "none").unwrap();
    h.chrome.keymap.bind("ctrl-x", "clear_history").unwrap();
    assert_eq!(msg(&h, KeyCode::Char('d')), "None");
    assert_eq!(msg(&h, KeyCode::Char('x')), some(SavedMsg::Delete));
    let help = h.chrome.keymap.help_keys(HelpKeys::Actions(&[
        KeyAction::DeleteSaved,
        KeyAction::ClearHistory,
    ]));
    assert_eq!(help, "Del x  Ctrl-X");
    h.send(Msg::ShowHistory).await;
    let screen = h.screen(100, 12);
    assert!(screen.contains("Del delete"), "{screen}");
    assert!(screen.contains("Ctrl-X clear all"), "{screen}");
    h.send(Msg::Saved(SavedMsg::ClearHistory)).await;
    let screen = h.screen(100, 12);
    assert!(screen.contains("Ctrl-X again"), "{screen}");
}
