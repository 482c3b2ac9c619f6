//! `i` and `O` (#14): the request behind the page shown, in an overlay that scrolls like the
//! help, and opening the page's URL in the system browser. Only the record of the page shown is
//! kept (and, with the page, in the recently shown pages), never one of every request.

use std::sync::Arc;

use super::App;
use super::loadable::Loadable;
use super::scroll::Scroll;
use crate::api::exchange::Exchange;
use crate::model::RequestId;
use crate::model::Source;
use crate::msg::{Effect, Msg};
use crate::views::Detail;

/// The requests one page was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequests {
    /// Each request, in the order they were asked: the page's own first.
    pub exchanges: Arc<[Exchange]>,
    /// The page is shown again from the recently shown pages: no request was made this time,
    /// and these are the requests that first built it.
    pub again: bool,
}

impl PageRequests {
    /// The page's own request.
    pub fn main(&self) -> Option<&Exchange> {
        self.exchanges.first()
    }

    /// The same record, for a page shown again from memory.
    #[must_use]
    pub fn again(&self) -> Self {
        Self {
            exchanges: self.exchanges.clone(),
            again: true,
        }
    }
}

/// The request overlay (`i`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestOverlay {
    /// Whether it is open.
    pub open: bool,
    /// How far it is scrolled.
    pub scroll: Scroll,
}

impl App {
    /// Whether `msg` is for the request overlay: `i`, `O`, or anything while it is open.
    pub(super) fn takes_request(&self, msg: &Msg) -> bool {
        self.request.open || matches!(msg, Msg::ShowRequest | Msg::OpenPage)
    }

    /// An intent while an overlay is open (or `i`, `O`). While the help is open, only closing it
    /// does anything. `i` opens or closes the request overlay, `O` opens the page in the
    /// browser; while the request overlay is open, Esc and Enter close it and other intents wait
    /// (movement scrolls it: `App::scroll_view`).
    pub(super) fn update_overlay(&mut self, msg: &Msg) -> Vec<Effect> {
        if self.help {
            if matches!(msg, Msg::Back | Msg::Confirm) {
                self.help = false;
            }
            return vec![];
        }
        match msg {
            Msg::ShowRequest => {
                self.request.open = !self.request.open;
                self.request.scroll.offset = 0;
            }
            Msg::OpenPage => return self.open_page(),
            Msg::Back | Msg::Confirm => self.request.open = false,
            _ => {}
        }
        vec![]
    }

    /// [`Msg::Requested`] and [`Msg::BrowserOpened`].
    pub(super) fn request_result(&mut self, msg: Msg) {
        match msg {
            Msg::Requested {
                source,
                req,
                exchanges,
            } => self.requested(source, req, exchanges),
            Msg::BrowserOpened { url, result } => self.browser_opened(&url, result),
            _ => {}
        }
    }

    /// Notes a page's requests, if its pane still waits for `req`.
    fn requested(&mut self, source: Source, req: RequestId, exchanges: Vec<Exchange>) {
        let detail = &mut self.tabs[source.index()].detail;
        if detail.state.awaits(req) {
            detail.requests = Some(PageRequests {
                exchanges: exchanges.into(),
                again: false,
            });
        }
    }

    /// What `O` opens: a breed's photo (its API URL answers another random photo each time),
    /// else the URL the page was fetched from (where a redirect led, if one did).
    pub fn page_url(&self) -> Option<String> {
        // In the JSON view: the URL it shows (opened with `o`, or followed).
        if self.explorer.is_active()
            && let Some(url) = self.explorer.view.as_ref().and_then(|v| v.url())
        {
            return Some(url.to_owned());
        }
        let detail = &self.tab().detail;
        if let Loadable::Loaded(Detail::Breed(breed)) = &detail.state
            && !breed.image_url.is_empty()
        {
            return Some(breed.image_url.clone());
        }
        let main = detail.requests.as_ref()?.main()?;
        Some(main.final_url.clone().unwrap_or_else(|| main.url.clone()))
    }

    /// `O`: asks for the browser, for web URLs only (a `file:` or `javascript:` URL from an API
    /// is not opened).
    fn open_page(&mut self) -> Vec<Effect> {
        let Some(url) = self.page_url() else {
            self.notice = Some("nothing to open yet: no page is shown".to_owned());
            return vec![];
        };
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            self.notice = Some(format!("not a web URL, not opened: {url}"));
            return vec![];
        }
        self.info = Some(format!("opening {url}"));
        vec![Effect::OpenInBrowser { url }]
    }

    /// The browser started, or could not.
    fn browser_opened(&mut self, url: &str, result: Result<(), String>) {
        match result {
            Ok(()) => self.info = Some(format!("opened {url} in the browser")),
            Err(err) => self.notice = Some(format!("cannot open the browser: {err}")),
        }
    }
}
