//! The Live tab's buffer: bounded by message count and by bytes, counting what it drops, and
//! holding still while the user looks at it.
//!
//! Following the stream, the oldest rows make room for new ones. Paused, or scrolled away
//! from the newest (the JSON view of one open too), the rows on screen must stay put: so a full
//! buffer then keeps what it has and new arrivals are counted as missed instead.

use crate::live::FrameKind;
use crate::msg::LiveRow;

use super::Live;

/// The bytes a row costs beyond its two strings: its place in the buffer, the `Arc`'s counts.
const ROW_OVERHEAD: usize = 64;

/// What `row` costs the budget: the message as sent, its summary and the row itself.
pub fn row_bytes(row: &LiveRow) -> usize {
    row.text.len() + row.summary.len() + ROW_OVERHEAD
}

impl Live {
    /// Whether what is shown must hold still: paused, or scrolled away from the newest.
    pub fn held(&self) -> bool {
        self.paused_at.is_some() || self.selected.is_some()
    }

    /// Adds received rows within the count and byte budgets: following, the oldest are dropped
    /// (and counted); held, the new ones past a full buffer are missed (and counted).
    pub fn push(&mut self, rows: Vec<LiveRow>) {
        let capacity = self.capacity.max(1);
        for row in rows {
            self.received += 1;
            match row.kind {
                FrameKind::NotJson => self.not_json += 1,
                FrameKind::Binary => self.binary += 1,
                FrameKind::Json => {}
            }
            let size = row_bytes(&row);
            if self.held() && (self.rows.len() >= capacity || self.bytes + size > self.byte_budget)
            {
                self.missed += 1;
                continue;
            }
            self.bytes += size;
            self.rows.push_back((self.received, row));
            // One row always stays: the newest is shown even if it alone is over the budget.
            while self.rows.len() > capacity
                || (self.bytes > self.byte_budget && self.rows.len() > 1)
            {
                if let Some((_, old)) = self.rows.pop_front() {
                    self.bytes -= row_bytes(&old);
                    self.dropped += 1;
                }
            }
        }
    }

    /// Empties the buffer (`c`); the running totals stay.
    pub fn clear_rows(&mut self) {
        self.rows.clear();
        self.bytes = 0;
    }

    /// Starts a session's numbers over: nothing received, dropped, missed or counted.
    pub fn reset_counts(&mut self) {
        self.clear_rows();
        self.received = 0;
        self.dropped = 0;
        self.missed = 0;
        self.refused = 0;
        self.not_json = 0;
        self.binary = 0;
        self.rate = 0.0;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn row(bytes: usize) -> LiveRow {
        LiveRow {
            summary: String::new(),
            text: Arc::from("x".repeat(bytes)),
            kind: FrameKind::Json,
        }
    }

    #[test]
    fn the_byte_budget_drops_the_oldest_whatever_the_message_size() {
        let mut live = Live {
            byte_budget: 10_000,
            ..Live::default()
        };
        live.push((0..50).map(|_| row(1_000)).collect());
        assert!(live.bytes <= 10_000, "{}", live.bytes);
        assert_eq!(live.rows.len(), 9, "9 rows of 1 064 bytes fit in 10 000");
        assert_eq!((live.received, live.dropped), (50, 41));
        assert_eq!(
            live.bytes,
            live.rows.iter().map(|(_, r)| row_bytes(r)).sum::<usize>()
        );
        live.push(vec![row(50_000)]);
        assert_eq!(live.rows.len(), 1, "the newest stays, alone");
        live.clear_rows();
        assert_eq!((live.bytes, live.dropped), (0, 50));
    }

    #[test]
    fn a_held_view_keeps_its_rows_and_counts_the_missed() {
        let mut live = Live {
            capacity: 5,
            ..Live::default()
        };
        live.push((0..3).map(|_| row(10)).collect());
        live.paused_at = Some(live.received);
        live.push((0..10).map(|_| row(10)).collect());
        let numbers: Vec<u64> = live.rows.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5], "the shown rows stay");
        assert_eq!((live.missed, live.dropped, live.received), (8, 0, 13));
        // "new" counts the two kept past the pause, not the eight missed.
        assert_eq!(live.new_since_pause(), 2);
        live.paused_at = None;
        live.push(vec![row(10)]);
        assert_eq!(
            live.rows.front().map(|(n, _)| *n),
            Some(2),
            "following: oldest go"
        );
    }
}
