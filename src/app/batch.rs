//! The batch view's state changes: starting one from the marks, moving in it (the detail pane
//! follows the batch's selected row), and retrying what failed.

use ratatui::widgets::ListState;

use super::App;
use super::loadable::{Loadable, worth_retrying};
use super::tab::{Batch, BatchItem, BatchStatus};
use crate::msg::Effect;

impl App {
    /// Enter with marks: fetches every marked item concurrently. The marks stay (closing the
    /// batch gives them back).
    pub(super) fn start_batch(&mut self) -> Vec<Effect> {
        let req = self.req();
        let source = self.active;
        let list = &self.tab().list;
        let entries = list.all();
        let items: Vec<BatchItem> = list
            .marks
            .iter()
            .filter_map(|&i| entries.get(i))
            .map(|entry| BatchItem {
                key: entry.key.clone(),
                label: match &entry.tag {
                    Some(tag) => format!("{tag} {}", entry.title),
                    None => entry.title.clone(),
                },
                req,
                status: BatchStatus::Queued,
                retry: None,
            })
            .collect();
        let keys = items
            .iter()
            .enumerate()
            .map(|(i, item)| (i, item.key.clone()))
            .collect();
        let mut state = ListState::default();
        state.select(Some(0));
        self.tab_mut().batch = Some(Batch { items, state });
        let mut effects = vec![Effect::FetchBatch {
            source,
            req,
            items: keys,
        }];
        // The detail pane follows the batch's selection from the start.
        effects.extend(self.fetch_selected(true));
        effects
    }

    /// Moves the batch's selection; the detail pane follows it (debounced, like the list).
    pub(super) fn move_in_batch(&mut self, delta: isize) -> Vec<Effect> {
        let Some(batch) = &self.tab().batch else {
            return vec![];
        };
        let last = batch.items.len().saturating_sub(1);
        let current = batch.state.selected().unwrap_or(0);
        self.select_batch_row(current.saturating_add_signed(delta).min(last))
    }

    /// Selects row `index` of the batch (a move or a click); the detail pane follows.
    pub(super) fn select_batch_row(&mut self, index: usize) -> Vec<Effect> {
        let Some(batch) = &mut self.tab_mut().batch else {
            return vec![];
        };
        if index >= batch.items.len() || batch.state.selected() == Some(index) {
            return vec![];
        }
        batch.state.select(Some(index));
        self.fetch_selected(true)
    }

    /// `r`: retries what failed where the user is looking — unless retrying cannot help (a
    /// 400 or 403 will be the same answer again); with nothing failed, refreshes the page shown
    /// (the JSON view's, else the detail's: see `refresh`).
    pub(super) fn retry(&mut self) -> Vec<Effect> {
        if let Some(effects) = self.refresh_json() {
            return effects;
        }
        let source = self.active;
        if self.tab().batch.is_some() {
            let req = self.req();
            let mut items = Vec::new();
            if let Some(batch) = &mut self.tab_mut().batch {
                for (i, item) in batch.items.iter_mut().enumerate() {
                    if matches!(&item.status, BatchStatus::Failed(err) if worth_retrying(err)) {
                        item.status = BatchStatus::Queued;
                        item.req = req;
                        item.retry = None;
                        items.push((i, item.key.clone()));
                    }
                }
            }
            // With no failed item in the batch, `r` retries what else failed (the detail).
            if !items.is_empty() {
                let batch = Effect::FetchBatch { source, req, items };
                return vec![Effect::Forced(Box::new(batch))];
            }
        }
        // `r` goes to the network for real: no fresh-cache answer, no skipping a server thought
        // unreachable. A list or page that came from the snapshot or a stale copy counts as
        // failed.
        if let Some(list) = self.refresh_list(source) {
            return vec![Effect::Forced(Box::new(list))];
        }
        let page = self.refresh_detail();
        if !page.is_empty() {
            return page
                .into_iter()
                .map(|e| Effect::Forced(Box::new(e)))
                .collect();
        }
        // A failed type chart is asked for again by the next update.
        if matches!(&self.type_chart, Loadable::Failed(err) if worth_retrying(err)) {
            self.type_chart = Loadable::Idle;
            return vec![];
        }
        self.refresh_shown_page()
    }
}
