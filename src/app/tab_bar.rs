//! The tab bar's slots, shared by the drawing and the mouse so a click lands on the tab drawn
//! there. Every tab shows its title when the whole bar fits; when it does not (a narrow
//! terminal, or many sources), the active tab keeps its title, then the others in order as
//! long as theirs fit, and the rest shrink to their key: the tab you are on is always named.

use super::App;
use crate::model::TabId;

/// One slot of the bar: ` 1 Pokémon ` (or ` 1 ` without its title), then a `│`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TabSlot {
    /// Whose slot it is.
    pub tab: TabId,
    /// Whether the title is drawn (else only the key).
    pub titled: bool,
}

impl TabSlot {
    /// Cells the slot takes, its `│` included: the key is always one cell (a wider label is
    /// drawn as a blank), the title counted in display cells.
    pub fn width(self) -> usize {
        let title = if self.titled {
            1 + unicode_width::UnicodeWidthStr::width(self.tab.title())
        } else {
            0
        };
        4 + title
    }
}

impl App {
    /// The tab on screen: Live while it is shown, else the active source's.
    pub fn shown_tab(&self) -> TabId {
        if self.live.shown {
            TabId::Live
        } else {
            TabId::Source(self.active)
        }
    }

    /// The bar's slots, left to right, for a bar `width` cells wide.
    pub fn tab_slots(&self, width: u16) -> Vec<TabSlot> {
        let tabs = TabId::ALL.into_iter();
        let active = self.shown_tab();
        let mut slots: Vec<TabSlot> = tabs.map(|tab| TabSlot { tab, titled: false }).collect();
        let mut used: usize = slots.iter().map(|s| s.width()).sum();
        let active_first = slots
            .iter()
            .position(|s| s.tab == active)
            .into_iter()
            .chain(0..slots.len());
        for i in active_first {
            let slot = &mut slots[i];
            let titled = TabSlot {
                titled: true,
                ..*slot
            };
            let grows = titled.width() - slot.width();
            if !slot.titled && (used + grows <= usize::from(width) || slot.tab == active) {
                *slot = titled;
                used += grows;
            }
        }
        slots
    }

    /// The tab drawn at column `x` of a bar starting at `left`, `width` cells wide.
    pub fn tab_at(&self, x: u16, left: u16, width: u16) -> Option<TabId> {
        let mut end = usize::from(left);
        for slot in self.tab_slots(width) {
            end += slot.width();
            if usize::from(x) < end {
                return Some(slot.tab);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Hosts;
    use crate::model::Source;

    fn app() -> App {
        App::new(Hosts::default()).0
    }

    fn widths(slots: &[TabSlot]) -> usize {
        slots.iter().map(|s| s.width()).sum()
    }

    #[test]
    fn every_title_when_the_bar_fits() {
        let app = app();
        let slots = app.tab_slots(200);
        assert_eq!(slots.len(), Source::COUNT + 1);
        assert!(slots.iter().all(|s| s.titled));
        let order: Vec<TabId> = slots.iter().map(|s| s.tab).collect();
        assert_eq!(order, TabId::ALL);
    }

    #[test]
    fn a_narrow_bar_keeps_the_active_title_and_fits() {
        let mut app = app();
        for width in [0, 10, 20, 30, 40, 50] {
            for active in Source::ALL {
                app.active = active;
                app.live.shown = false;
                let slots = app.tab_slots(width);
                let titled: Vec<TabId> = slots.iter().filter(|s| s.titled).map(|s| s.tab).collect();
                assert!(
                    titled.contains(&TabId::Source(active)),
                    "{width} {active:?}"
                );
                // Beyond the active tab's own title, nothing is drawn past the width.
                let bare = slots.len() * 4 + 1 + active.title().len();
                assert!(widths(&slots) <= usize::from(width).max(bare), "{width}");
            }
            app.live.shown = true;
            let slots = app.tab_slots(width);
            assert!(slots.iter().any(|s| s.titled && s.tab == TabId::Live));
        }
    }

    #[test]
    fn a_click_lands_on_the_slot_drawn_there() {
        let mut app = app();
        app.active = Source::ALL[Source::COUNT - 1];
        for width in [30, 200] {
            let mut x = 5;
            for slot in app.tab_slots(width) {
                let first = u16::try_from(x).unwrap();
                let last = u16::try_from(x + slot.width() - 1).unwrap();
                assert_eq!(app.tab_at(first, 5, width), Some(slot.tab));
                assert_eq!(app.tab_at(last, 5, width), Some(slot.tab));
                x += slot.width();
            }
            assert_eq!(app.tab_at(u16::try_from(x).unwrap(), 5, width), None);
        }
    }

    #[test]
    fn a_click_on_a_shrunk_bar_opens_the_tab_drawn_there_live_too() {
        let mut app = app();
        for (width, target) in (20..=60).flat_map(|w| TabId::ALL.map(|t| (w, t))) {
            app.areas.tabs = ratatui::layout::Rect::new(2, 0, width, 1);
            let mut x = 2;
            let slots = app.tab_slots(width);
            for slot in &slots {
                if slot.tab == target {
                    break;
                }
                x += slot.width();
            }
            if x >= 2 + usize::from(width) {
                continue; // drawn past the edge (the active title is kept even so): no click lands
            }
            app.update(crate::msg::Msg::Click {
                x: u16::try_from(x).unwrap(),
                y: 0,
            });
            assert_eq!(app.shown_tab(), target, "{width}");
        }
    }
}
