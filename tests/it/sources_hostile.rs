//! A hostile second look at the registry of sources (#12): what a user clicking a narrow tab
//! bar, a server paging its list without end, and a mistyped setting each get.
#![allow(clippy::unwrap_used)] // tests: a panic is how they fail

use apidex::app::tab_bar::BarTab;
use apidex::app::{App, Hosts};
use apidex::model::Source;
use apidex::msg::{LiveMsg, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The tab bar as drawn at `width` cells.
fn bar(app: &mut App, width: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, 20)).unwrap();
    terminal.draw(|f| apidex::ui::draw(f, app)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..width).map(|x| buffer[(x, 0)].symbol()).collect()
}

/// The column of tab `digit`'s key in `bar` (cells, not bytes: `é` is one).
fn column_of(bar: &str, digit: usize) -> u16 {
    let key = format!(" {digit} ");
    let at = bar
        .find(&key)
        .unwrap_or_else(|| panic!("no {key:?} in {bar:?}"));
    u16::try_from(bar[..at].chars().count() + 1).unwrap()
}

#[test]
fn a_click_on_a_tab_while_live_is_shown_opens_the_tab_drawn_there() {
    let last = Source::LAST;
    for width in [40, 50, 60] {
        for target in Source::ALL {
            let (mut app, _) = App::new(Hosts::default());
            app.update(Msg::SelectTab(last));
            app.update(Msg::Live(LiveMsg::Show));
            let drawn = bar(&mut app, width);
            let x = column_of(&drawn, target.index() + 1);
            app.update(Msg::Click { x, y: 0 });
            assert!(!app.live.shown, "{width}: {target:?} clicked in {drawn:?}");
            assert_eq!(app.active, target, "{width}: clicked at {x} in {drawn:?}");
        }
        // A click past the last tab is on no tab: Live stays.
        let (mut app, _) = App::new(Hosts::default());
        app.update(Msg::Live(LiveMsg::Show));
        let drawn = bar(&mut app, width);
        let end: usize = app.tab_slots(width).iter().map(|s| s.width()).sum();
        if end < usize::from(width) {
            app.update(Msg::Click {
                x: u16::try_from(end).unwrap(),
                y: 0,
            });
            assert!(app.live.shown, "{width}: a click past {drawn:?}");
        }
        // And Live's own slot opens it from any tab.
        let (mut app, _) = App::new(Hosts::default());
        app.update(Msg::SelectTab(last));
        bar(&mut app, width);
        let slots = app.tab_slots(width);
        let live_at: usize = slots
            .iter()
            .take_while(|s| s.tab != BarTab::Live)
            .map(|s| s.width())
            .sum();
        app.update(Msg::Click {
            x: u16::try_from(live_at + 1).unwrap(),
            y: 0,
        });
        assert!(app.live.shown, "{width}");
    }
}
