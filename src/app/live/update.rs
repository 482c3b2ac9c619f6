//! The Live tab's update: its keys, the stream task's reports, and switching to and from it.

use std::sync::Arc;

use crate::app::App;
use crate::app::json_view::{Body, JsonView, ViewState};
use crate::model::JsonTarget;
use crate::model::{Source, TabId};
use crate::msg::{Effect, LiveEffect, LiveMsg, LiveStatus, Msg};

use super::Prompt;

/// Longest text a prompt takes (a URL, a message to send).
const MAX_INPUT: usize = 4096;

impl App {
    /// Applies a Live tab message.
    pub(in crate::app) fn update_live(&mut self, msg: LiveMsg) -> Vec<Effect> {
        let effects = self.apply_live(msg);
        // New rows, dropped rows and a changed filter: the matches follow, in bounded work.
        self.live.sync_filter();
        effects
    }

    fn apply_live(&mut self, msg: LiveMsg) -> Vec<Effect> {
        let live = &mut self.live;
        match msg {
            LiveMsg::Received {
                session,
                rows,
                refused,
                rate,
            } if session == live.session => {
                live.push(rows);
                live.refused += refused;
                live.rate = rate;
            }
            LiveMsg::Status { session, status } if session == live.session => {
                live.status = Some(status);
            }
            LiveMsg::Received { .. } | LiveMsg::Status { .. } => {}
            LiveMsg::Show => return self.show_live(),
            LiveMsg::TogglePause => {
                live.paused_at = match live.paused_at {
                    Some(_) => None,
                    None => Some(live.received),
                };
                live.missed_at_pause = live.missed;
            }
            LiveMsg::Clear => {
                live.clear_rows();
                live.selected = None;
                if live.paused_at.is_some() {
                    live.paused_at = Some(live.received);
                    live.missed_at_pause = live.missed;
                }
            }
            LiveMsg::StartFilter => live.prompt = Some(Prompt::Filter),
            LiveMsg::StartSend => {
                live.prompt = Some(Prompt::Send);
                live.input.clear();
            }
            LiveMsg::StartOpen => {
                live.prompt = Some(Prompt::Open);
                live.input = live.url.clone();
            }
            LiveMsg::Input(c) => typed(live).extend_from(&c.to_string()),
            LiveMsg::Paste(text) => typed(live).extend_from(&text),
            LiveMsg::Backspace => {
                typed(live).pop();
            }
            LiveMsg::ClearInput => typed(live).0.clear(),
            LiveMsg::Submit => return self.submit_live(),
            LiveMsg::Cancel => match live.prompt.take() {
                Some(Prompt::Filter) => live.filter.clear(),
                Some(_) => live.input.clear(),
                None if !live.filter.is_empty() => live.filter.clear(),
                None => live.selected = None,
            },
            LiveMsg::Move(delta) => self.move_live(delta),
            LiveMsg::Page(direction) => {
                let rows = isize::try_from(self.live.page.max(1)).unwrap_or(1);
                self.move_live(direction.signum() * rows);
            }
            LiveMsg::Top => self.move_live(isize::MIN / 2),
            LiveMsg::Bottom => self.live.selected = None,
            LiveMsg::OpenSelected => return self.open_live_selected(),
        }
        vec![]
    }

    /// Tab switches while the Live tab is shown (or to it from the neighbouring tabs). `None`:
    /// not about the Live tab, applied as usual.
    pub(in crate::app) fn live_tabs(&mut self, msg: &Msg) -> Option<Vec<Effect>> {
        let shown = self.live.shown;
        match msg {
            Msg::NextTab | Msg::PrevTab => {
                let current = self.shown_tab();
                let target = if matches!(msg, Msg::NextTab) {
                    current.next()
                } else {
                    current.prev()
                };
                Some(match target {
                    TabId::Live => self.show_live(),
                    TabId::Source(source) => {
                        self.live.shown = false;
                        self.apply_tab(source)
                    }
                })
            }
            Msg::SelectTab(_) if shown => {
                self.live.shown = false;
                None
            }
            Msg::Wheel { delta, .. } if shown => {
                self.move_live(*delta);
                Some(vec![])
            }
            _ => None,
        }
    }

    fn apply_tab(&mut self, source: Source) -> Vec<Effect> {
        self.update(Msg::SelectTab(source))
    }

    /// Shows the Live tab, connecting the first time.
    fn show_live(&mut self) -> Vec<Effect> {
        self.live.shown = true;
        self.notice = None;
        self.info = None;
        if self.live.session == 0 {
            return self.connect_live();
        }
        vec![]
    }

    fn connect_live(&mut self) -> Vec<Effect> {
        let live = &mut self.live;
        live.session += 1;
        live.status = Some(LiveStatus::Connecting { attempt: 1 });
        live.reset_counts();
        live.paused_at = None;
        live.selected = None;
        vec![Effect::Live(LiveEffect::Connect {
            session: live.session,
            url: live.url.clone(),
            max_frame: live.max_frame,
        })]
    }

    fn submit_live(&mut self) -> Vec<Effect> {
        let live = &mut self.live;
        match live.prompt.take() {
            Some(Prompt::Send) => {
                let text = std::mem::take(&mut live.input);
                if text.is_empty() {
                    return vec![];
                }
                if !matches!(live.status, Some(LiveStatus::Live)) {
                    self.notice =
                        Some("not connected: the message waits for the connection".into());
                }
                self.info = Some(format!("sent {}", crate::sanitize::line(&text)));
                vec![Effect::Live(LiveEffect::Send(text))]
            }
            Some(Prompt::Open) => {
                let url = std::mem::take(&mut live.input);
                match crate::live::parse_url(&url) {
                    Ok(url) => {
                        live.url = url.to_string();
                        // Another stream: the filter was about the last one.
                        live.filter.clear();
                        self.connect_live()
                    }
                    Err(reason) => {
                        self.notice = Some(reason);
                        vec![]
                    }
                }
            }
            Some(Prompt::Filter) | None => vec![],
        }
    }

    /// Moves the selection by `delta` rows among those shown; past the newest, it follows again.
    fn move_live(&mut self, delta: isize) {
        let live = &self.live;
        let visible = live.visible();
        let Some(index) = live.selected_index(&visible) else {
            return;
        };
        let target = index.saturating_add_signed(delta);
        self.live.selected = if delta > 0 && target >= visible.len() - 1 {
            None
        } else {
            Some(visible[target.min(visible.len() - 1)].0)
        };
    }

    /// Enter: the selected message in the JSON view (Esc comes back).
    fn open_live_selected(&mut self) -> Vec<Effect> {
        let live = &self.live;
        let visible = live.visible();
        let Some(index) = live.selected_index(&visible) else {
            self.info = Some("no message to show yet".to_owned());
            return vec![];
        };
        let (n, row) = visible[index];
        let (n, raw) = (*n, Arc::<[u8]>::from(row.text.as_bytes()));
        let url = live.url.clone();
        // The view holds the message, so it stays put while the stream goes on.
        self.live.selected = Some(n);
        let doc = crate::json_tree::parse(&raw);
        let req = self.next_req();
        let mut view = Box::new(JsonView::new(JsonTarget::Url(url.clone()), req));
        view.state = ViewState::Loaded(Body { url, raw, doc });
        self.explorer.view = Some(view);
        vec![]
    }
}

/// Where typed text goes: the filter or the prompt's input.
fn typed(live: &mut super::Live) -> Typed<'_> {
    if live.prompt == Some(Prompt::Filter) || live.prompt.is_none() {
        Typed(&mut live.filter)
    } else {
        Typed(&mut live.input)
    }
}

/// Text being typed, capped at [`MAX_INPUT`] characters.
struct Typed<'a>(&'a mut String);

impl Typed<'_> {
    fn extend_from(&mut self, text: &str) {
        for c in text.chars().filter(|c| !c.is_control()) {
            if self.0.chars().count() >= MAX_INPUT {
                break;
            }
            self.0.push(c);
        }
    }

    fn pop(&mut self) {
        self.0.pop();
    }
}
