//! Notices in the status bar: the last error (`notice`) or the last thing done (`info`). Only
//! one shows at a time, the newest; each lasts a few seconds. `update` reads no clock: when a
//! notice appears it asks for an [`Effect::ExpireNotice`], whose [`crate::msg::Msg::NoticeExpired`]
//! comes back when the time is up, and removes the notice unless a newer one replaced it.

use std::time::Duration;

use super::App;
use crate::msg::Effect;

/// How long an error notice shows.
pub const ERROR_LIFETIME: Duration = Duration::from_secs(8);
/// How long a success notice ("exported to …") shows.
pub const INFO_LIFETIME: Duration = Duration::from_secs(5);

impl App {
    /// After an update: a notice that appeared or changed replaces the other kind and is given
    /// its lifetime. `before` is (notice, info) as they were before the update.
    pub(super) fn sync_notice(&mut self, before: &(Option<String>, Option<String>)) -> Vec<Effect> {
        // A notice set before the first update (a bad config file at start-up) is new too.
        let first = self.notice_id == 0;
        let error = self.notice.is_some() && (first || self.notice != before.0);
        let info = self.info.is_some() && (first || self.info != before.1);
        let after = if error {
            self.info = None;
            ERROR_LIFETIME
        } else if info {
            self.notice = None;
            INFO_LIFETIME
        } else {
            return vec![];
        };
        self.notice_id += 1;
        vec![Effect::ExpireNotice {
            id: self.notice_id,
            after,
        }]
    }

    /// Notice `id`'s time is up: it goes, unless a newer notice replaced it.
    pub(super) fn notice_expired(&mut self, id: u64) {
        if id == self.notice_id {
            self.notice = None;
            self.info = None;
        }
    }
}
