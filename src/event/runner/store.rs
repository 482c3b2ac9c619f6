//! Effects that touch files: the store (bookmarks, history, searches) and exports.

use tokio::task::spawn_blocking;

use super::EffectRunner;
use super::supervise::{catching_blocking, failure_for};
use crate::fetch;
use crate::model::ItemKey;
use crate::model::SavedKind;
use crate::msg::{Effect, Msg, SavedEffect, SavedMsg};

impl EffectRunner {
    /// Bookmarks, history and searches: blocking store calls, run off the async workers.
    pub(super) fn store_effect(&self, effect: Effect) {
        let Some(store) = self.store.clone() else {
            return;
        };
        let tx = self.msg_tx.clone();
        spawn_blocking(move || {
            let answers = effect.clone();
            let msg = catching_blocking(|| match effect {
                Effect::LoadSaved { kind } => {
                    let result = match kind {
                        SavedKind::Bookmarks => store.bookmarks(),
                        SavedKind::History => store.history(),
                    };
                    Some(Msg::SavedLoaded {
                        kind,
                        result: result.map_err(|e| e.to_string()),
                    })
                }
                Effect::LoadSearches => {
                    Some(Msg::SearchesLoaded(store.searches().unwrap_or_default()))
                }
                Effect::ToggleBookmark { item } => Some(Msg::BookmarkToggled {
                    result: store.toggle_bookmark(&item).map_err(|e| e.to_string()),
                    key: item.key,
                }),
                Effect::Saved(saved) => {
                    let kind = saved.kind();
                    let result = match saved {
                        SavedEffect::Delete {
                            kind: SavedKind::Bookmarks,
                            key,
                        } => store.remove_bookmark(&key),
                        SavedEffect::Delete {
                            kind: SavedKind::History,
                            key,
                        } => store.remove_visit(&key),
                        SavedEffect::ClearHistory => store.clear_history(),
                    };
                    Some(Msg::Saved(SavedMsg::Changed {
                        kind,
                        result: result.map_err(|e| e.to_string()),
                    }))
                }
                // Failing to remember a visit or a search is not worth interrupting anyone.
                Effect::RecordVisit { item } => {
                    let _ = store.record_visit(&item);
                    None
                }
                Effect::RecordSearch { query } => {
                    let _ = store.record_search(&query);
                    None
                }
                _ => None,
            });
            let msgs = match msg {
                Ok(msg) => msg.into_iter().collect(),
                Err(message) => failure_for(&answers, &message),
            };
            for msg in msgs {
                let _ = tx.send(msg);
            }
        });
    }

    /// Fetches each item's own JSON (from the cache when it is there) and writes them as one
    /// pretty-printed file, atomically.
    pub(super) fn export(&self, answers: &Effect, keys: Vec<ItemKey>, name: &str) {
        let clients = self.clients.clone();
        let file = self.export_dir.join(export_file_name(name));
        // One item at a time into the file: memory stays at about one item however many are
        // marked.
        self.spawn_for(answers, async move {
            let result = async {
                let mut out = crate::export::JsonExport::create(&file, keys.len()).await?;
                for key in &keys {
                    match fetch::raw(&clients, key).await {
                        Ok(Some(body)) => out.push(body).await?,
                        // Dropping `out` removes the unfinished file.
                        Ok(None) => return Err(format!("{key} not found")),
                        Err(err) => return Err(format!("{key}: {err}")),
                    }
                }
                out.finish().await.map(|()| file)
            };
            Msg::Exported(result.await)
        });
    }
}

/// `apidex-pikachu-1764000000.json`: the name made safe for a file name, and the time.
fn export_file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("apidex-{safe}-{}.json", crate::store::unix_now())
}
