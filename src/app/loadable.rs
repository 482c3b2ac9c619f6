//! The state of anything fetched: idle, loading, loaded, failed, or not found.

use crate::api::ApiError;
use crate::model::RequestId;

/// Data that comes from the network.
#[derive(Debug, Clone, Default)]
pub enum Loadable<T> {
    /// Nothing asked for yet.
    #[default]
    Idle,
    /// Waiting for request `req`.
    Loading {
        /// The request whose result will be accepted.
        req: RequestId,
    },
    /// Here it is.
    Loaded(T),
    /// The request failed; the error says why.
    Failed(ApiError),
    /// The API has no such item.
    NotFound {
        /// What was asked for.
        query: String,
        /// Close names the user may have meant.
        suggestions: Vec<String>,
    },
}

impl<T> Loadable<T> {
    /// Whether a request is outstanding.
    pub fn is_loading(&self) -> bool {
        matches!(self, Self::Loading { .. })
    }

    /// Whether `req` is the request this state waits for (any other result is stale).
    pub fn awaits(&self, req: RequestId) -> bool {
        matches!(self, Self::Loading { req: waiting } if *waiting == req)
    }

    /// The loaded value, if any.
    pub fn loaded(&self) -> Option<&T> {
        match self {
            Self::Loaded(value) => Some(value),
            _ => None,
        }
    }

    /// The loaded value, if any, to change in place.
    pub fn loaded_mut(&mut self) -> Option<&mut T> {
        match self {
            Self::Loaded(value) => Some(value),
            _ => None,
        }
    }
}

/// Whether `r` is offered (and does anything) for `err`: the network, a timeout, 408, 429 and
/// 5xx may go better next time; another 4xx, a refused name or URL, an oversized body or a bug
/// will not.
pub fn worth_retrying(err: &ApiError) -> bool {
    match err {
        ApiError::Status { code, .. } => !(400..500).contains(code) || matches!(code, 408 | 429),
        ApiError::InvalidInput { .. }
        | ApiError::InvalidUrl { .. }
        | ApiError::TooLarge { .. }
        | ApiError::Internal { .. }
        | ApiError::Setup { .. } => false,
        ApiError::Timeout { .. }
        | ApiError::Connect { .. }
        | ApiError::Decode { .. }
        | ApiError::Transport { .. }
        | ApiError::Offline { .. } => true,
    }
}
