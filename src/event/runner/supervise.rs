//! Supervision: a task that panics is a bug, but it must not leave the pane that waited for it
//! "fetching…" for good. Its panic is caught where the task runs, and the pane is told it
//! failed, naming the bug (`internal error: <panic message>`). An aborted task is not a panic:
//! it was cancelled on purpose and reports nothing.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;

use crate::api::ApiError;
use crate::msg::{Effect, JsonEffect, JsonMsg, Msg};

/// Runs `work`, turning a panic into `Err(panic message)`.
pub(super) async fn catching<T>(work: impl Future<Output = T>) -> Result<T, String> {
    // Unwind safety: on a panic nothing of the task's state is looked at again; only its
    // message is kept.
    AssertUnwindSafe(work)
        .catch_unwind()
        .await
        .map_err(|payload| panic_message(payload.as_ref()))
}

/// Runs blocking `work`, turning a panic into `Err(panic message)`.
pub(super) fn catching_blocking<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(AssertUnwindSafe(work))
        .map_err(|payload| panic_message(payload.as_ref()))
}

/// What a panic said (`panic!` gives a `&str` or a `String`).
fn panic_message(payload: &(dyn Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a task panicked".to_owned());
    tracing::error!(%message, "a task panicked");
    message
}

/// The error a panicked task's pane shows.
pub(super) fn internal(message: &str) -> ApiError {
    ApiError::Internal {
        message: message.to_owned(),
    }
}

/// The messages that tell whoever waits for `effect` that its task died with `message`: the
/// result each waiting pane (or batch item, picture, card…) expects, as an error. Effects no
/// pane waits for give none.
pub fn failure_for(effect: &Effect, message: &str) -> Vec<Msg> {
    let error = || internal(message);
    let text = || error().to_string();
    match effect {
        Effect::FetchList { source, req } => vec![Msg::ListLoaded {
            source: *source,
            req: *req,
            result: Err(error()),
        }],
        Effect::FetchDetail {
            source, req, key, ..
        } => vec![Msg::DetailLoaded {
            source: *source,
            req: *req,
            key: key.clone(),
            result: Err(error()),
        }],
        Effect::FetchBatch { source, req, items } => items
            .iter()
            .map(|(index, _)| Msg::BatchItemLoaded {
                source: *source,
                req: *req,
                index: *index,
                result: Err(error()),
            })
            .collect(),
        Effect::FetchCards { req, items } => items
            .iter()
            .map(|(index, _)| Msg::CardLoaded {
                req: *req,
                index: *index,
                result: Err(error()),
            })
            .collect(),
        Effect::FetchImage { url, req, .. } => vec![Msg::ImageLoaded {
            url: url.clone(),
            req: *req,
            result: Err(text()),
        }],
        Effect::FetchTypeChart { req } => vec![Msg::TypeChartLoaded {
            req: *req,
            result: Err(error()),
        }],
        Effect::FetchTerm { term, req } => vec![Msg::TermLoaded {
            term: term.clone(),
            req: *req,
            result: Err(error()),
        }],
        Effect::Export { .. } => vec![Msg::Exported(Err(text()))],
        Effect::OpenInBrowser { url } => vec![Msg::BrowserOpened {
            url: url.clone(),
            result: Err(text()),
        }],
        Effect::Forced(inner) => failure_for(inner, message),
        Effect::Live(crate::msg::LiveEffect::Connect { session, .. }) => {
            vec![Msg::Live(crate::msg::LiveMsg::Status {
                session: *session,
                status: crate::msg::LiveStatus::Failed(text()),
            })]
        }
        Effect::LoadSaved { kind } => vec![Msg::SavedLoaded {
            kind: *kind,
            result: Err(text()),
        }],
        Effect::Saved(saved) => vec![Msg::Saved(crate::msg::SavedMsg::Changed {
            kind: saved.kind(),
            result: Err(text()),
        })],
        Effect::ToggleBookmark { item } => vec![Msg::BookmarkToggled {
            key: item.key.clone(),
            result: Err(text()),
        }],
        Effect::Json(JsonEffect::Fetch { req, .. }) => vec![Msg::Json(JsonMsg::Loaded {
            req: *req,
            result: Err(text()),
            exchanges: Vec::new(),
        })],
        Effect::Json(JsonEffect::Filter { req, .. }) => vec![Msg::Json(JsonMsg::Filtered {
            req: *req,
            result: Err(text()),
        })],
        Effect::CancelBatch { .. }
        | Effect::Live(crate::msg::LiveEffect::Send(_))
        | Effect::Json(JsonEffect::Copy(_))
        | Effect::CancelImage { .. }
        | Effect::CancelTerm { .. }
        | Effect::LoadSearches
        | Effect::RecordVisit { .. }
        | Effect::RecordSearch { .. }
        | Effect::ExpireNotice { .. } => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_becomes_its_message() {
        fn explode(n: u8) -> u8 {
            panic!("boom {n}")
        }
        let caught = catching(async { explode(7) }).await;
        assert_eq!(caught, Err("boom 7".to_owned()));
        assert_eq!(catching(async { 3 }).await, Ok(3));
        assert_eq!(
            catching_blocking(|| -> u8 { panic!("static text") }),
            Err("static text".to_owned())
        );
    }
}
