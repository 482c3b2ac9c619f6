//! A run: the app, its outstanding requests and its screen, stepped and checked after each step.

use apidex::app::{App, Hosts};
use apidex::keymap;
use apidex::msg::{Effect, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::data;
use super::respond::{imaginary, respond};
use super::strategies::Step;

/// The app, the requests it has outstanding and the screen it draws on.
pub(super) struct Run {
    pub(super) app: App,
    pub(super) outstanding: Vec<Effect>,
    pub(super) terminal: Terminal<TestBackend>,
}

impl Run {
    pub(super) fn new((images, store): (bool, bool), (width, height): (u16, u16)) -> Self {
        // A loopback host, a real one and a hostile one (an escape sequence).
        let (mut app, effects) = App::new(Hosts::from_fn(|source| match source.index() {
            0 => "127.0.0.1".to_owned(),
            1 => "jsonplaceholder.typicode.com".to_owned(),
            _ => "\u{1b}]0;host\u{7}".to_owned(),
        }));
        app.images_enabled = images;
        let mut run = Self {
            app,
            outstanding: Vec::new(),
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
        };
        run.track(effects);
        if store {
            let effects = run.app.enable_store();
            run.track(effects);
        }
        run.draw();
        run
    }

    /// A run whose three lists have loaded (in full).
    pub(super) fn loaded(switches: (bool, bool), size: (u16, u16)) -> Self {
        let mut run = Self::new(switches, size);
        let lists: Vec<Effect> = run.outstanding.drain(..).collect();
        for effect in lists {
            if let Effect::FetchList { source, req } = effect {
                run.update(Msg::ListLoaded {
                    source,
                    req,
                    result: Ok(data().lists[source.index()].clone()),
                });
            }
        }
        run
    }

    fn track(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::CancelBatch { source } => self
                    .outstanding
                    .retain(|e| !matches!(e, Effect::FetchBatch { source: s, .. } if *s == source)),
                Effect::CancelImage { url } => self
                    .outstanding
                    .retain(|e| !matches!(e, Effect::FetchImage { url: u, .. } if *u == url)),
                Effect::CancelTerm { term } => self
                    .outstanding
                    .retain(|e| !matches!(e, Effect::FetchTerm { term: t, .. } if *t == term)),
                other => self.outstanding.push(other),
            }
        }
        // Old requests pile up otherwise (a held key sends one a row); the app has moved past
        // them anyway, and their answers would be stale.
        if self.outstanding.len() > 64 {
            self.outstanding.drain(..self.outstanding.len() - 64);
        }
    }

    fn update(&mut self, msg: Msg) {
        let effects = self.app.update(msg);
        self.track(effects);
        self.draw();
        self.check();
    }

    fn draw(&mut self) {
        self.terminal
            .draw(|frame| apidex::ui::draw(frame, &mut self.app))
            .unwrap();
    }

    pub(super) fn step(&mut self, step: Step) {
        match step {
            Step::Intent(msg) => self.update(msg),
            Step::Event(event) => {
                if let Some(msg) = keymap::to_msg(&keymap::Keymap::default(), &self.app, &event) {
                    self.update(msg);
                }
            }
            Step::Answer(a) => {
                let msg = if self.outstanding.is_empty() || a.stale.is_some() && a.outcome < 32 {
                    respond(&imaginary(&a), &a)
                } else {
                    let i = a.effect.index(self.outstanding.len());
                    let msg = respond(&self.outstanding[i], &a);
                    // One answer per request, except batches and comparisons (one per item).
                    let many = matches!(
                        self.outstanding[i],
                        Effect::FetchBatch { .. } | Effect::FetchCards { .. }
                    );
                    let retry = matches!(msg, Msg::Retrying { .. } | Msg::Served { .. });
                    if !many && !retry && a.stale.is_none() {
                        self.outstanding.remove(i);
                    }
                    msg
                };
                self.update(msg);
            }
            Step::Resize(width, height) => {
                self.terminal.backend_mut().resize(width, height);
                self.update(Msg::Resize);
            }
            Step::Burst(msgs) => {
                for msg in msgs {
                    self.update(msg);
                }
            }
        }
    }

    /// What the rest of the code takes for granted about the state.
    fn check(&self) {
        let app = &self.app;
        for tab in &app.tabs {
            let list = &tab.list;
            match list.state.selected() {
                Some(row) => assert!(
                    row < list.shown.len(),
                    "selection {row} past {} shown rows",
                    list.shown.len()
                ),
                None => assert!(
                    list.shown.is_empty() || list.all().is_empty(),
                    "rows shown but none selected"
                ),
            }
            assert!(
                list.shown.iter().all(|s| s.entry < list.all().len()),
                "a shown row points past the entries"
            );
            assert!(list.marks.iter().all(|&m| m < list.all().len()));
            if let Some(batch) = &tab.batch {
                assert!(
                    batch
                        .state
                        .selected()
                        .is_none_or(|s| s < batch.items.len().max(1)),
                    "batch selection past its items"
                );
            }
        }
        let detail = &app.tab().detail;
        if let Some(link) = detail.link {
            assert!(
                link < app.links().len(),
                "link {link} of {}",
                app.links().len()
            );
        }
        let size = self.terminal.backend().buffer().area;
        let within = |r: ratatui::layout::Rect| r.is_empty() || size.contains(r.as_position());
        assert!(within(app.areas.list) && within(app.areas.detail) && within(app.areas.tabs));
    }
}
