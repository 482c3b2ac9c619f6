//! An error in a few words, for the places where a whole message does not fit: a picture's
//! box (`no picture (offline)`), a batch row (the reason first, so a narrow row keeps it). The
//! whole message, with its URL, still goes to the log or the detail pane.

use super::ApiError;

/// The longest brief reason, in characters; longer causes are cut with `…`.
const MAX_BRIEF: usize = 40;

impl ApiError {
    /// What went wrong in a few words, without the URL: `offline`, `HTTP 503`, `timed out`,
    /// `connection reset by peer`.
    pub fn brief(&self) -> String {
        let text = match self {
            Self::Timeout { after, .. } => format!("timed out after {} s", after.as_secs_f64()),
            Self::Connect { reason, .. } => format!("cannot connect: {reason}"),
            Self::Status { code, .. } => format!("HTTP {code}"),
            Self::Decode { .. } => "unexpected answer".to_owned(),
            Self::Transport { reason, .. } => reason.clone(),
            Self::TooLarge { limit_mb, .. } => format!("larger than {limit_mb} MB"),
            Self::Offline { .. } => "offline".to_owned(),
            Self::InvalidInput { reason, .. } => (*reason).to_owned(),
            Self::Setup { what, .. } => what.clone(),
            Self::InvalidUrl { .. } => "invalid URL".to_owned(),
            Self::Internal { .. } => "internal error".to_owned(),
        };
        let text = crate::sanitize::line(&text).into_owned();
        if text.chars().count() <= MAX_BRIEF {
            return text;
        }
        let mut cut: String = text.chars().take(MAX_BRIEF - 1).collect();
        cut.push('…');
        cut
    }

    /// What the whole message adds to [`ApiError::brief`], for a row that shows both
    /// (`HTTP 500 — https://…`, not `HTTP 500 — HTTP 500 from https://…`): mostly the URL, with
    /// the cause too where the brief had to cut it or leaves it out. Sanitised for one line.
    pub fn beyond_brief(&self) -> String {
        let cut = self.brief().ends_with('…');
        let text = match self {
            Self::Timeout { url, .. } | Self::Status { url, .. } | Self::TooLarge { url, .. } => {
                url.clone()
            }
            Self::Connect { url, reason } | Self::Transport { url, reason } => {
                if cut {
                    format!("{url}: {reason}")
                } else {
                    url.clone()
                }
            }
            Self::Decode { url, reason } => format!("{url}: {reason}"),
            Self::Offline { url, held } => format!(
                "{url} {}",
                held.map_or(
                    "is neither cached nor in the bundled snapshot",
                    super::error::Unservable::describe
                )
            ),
            Self::InvalidInput { input, .. } => format!("{input:?}"),
            Self::Setup { reason, .. } => reason.clone(),
            Self::InvalidUrl { url, reason } => format!("{url:?}: {reason}"),
            Self::Internal { message } => message.clone(),
        };
        crate::sanitize::line(&text).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn briefs_leave_the_url_out_and_stay_short() {
        let url = "https://raw.githubusercontent.com/PokeAPI/sprites/master/sprites/pokemon/25.png";
        let cases = [
            (
                ApiError::Transport {
                    url: url.into(),
                    reason: "connection reset by peer".into(),
                },
                "connection reset by peer",
            ),
            (
                ApiError::Offline {
                    url: url.into(),
                    held: None,
                },
                "offline",
            ),
            (
                ApiError::Status {
                    url: url.into(),
                    code: 503,
                },
                "HTTP 503",
            ),
        ];
        for (err, brief) in cases {
            assert_eq!(err.brief(), brief);
            assert!(
                err.to_string().contains(url),
                "the whole message keeps the URL"
            );
        }
        let long = ApiError::Connect {
            url: url.into(),
            reason: "x".repeat(200),
        };
        assert_eq!(long.brief().chars().count(), MAX_BRIEF);
        assert!(long.brief().ends_with('…'));
        // A cut reason is whole in what follows the brief.
        assert!(long.beyond_brief().ends_with(&"x".repeat(200)));
    }

    #[test]
    fn what_follows_the_brief_does_not_repeat_it() {
        let url = "https://pokeapi.co/api/v2/pokemon/25";
        let status = ApiError::Status {
            url: url.into(),
            code: 500,
        };
        assert_eq!(
            (status.brief(), status.beyond_brief()),
            ("HTTP 500".to_owned(), url.to_owned())
        );
        let reset = ApiError::Transport {
            url: url.into(),
            reason: "connection reset by peer".into(),
        };
        assert_eq!(reset.beyond_brief(), url);
        let decode = ApiError::Decode {
            url: url.into(),
            reason: "expected value at line 1 column 1".into(),
        };
        assert_eq!(decode.brief(), "unexpected answer");
        assert_eq!(
            decode.beyond_brief(),
            format!("{url}: expected value at line 1 column 1")
        );
        let timeout = ApiError::Timeout {
            url: url.into(),
            after: std::time::Duration::from_secs(10),
        };
        assert_eq!(timeout.beyond_brief(), url);
        // Never a raw escape from a hostile URL.
        let hostile = ApiError::Status {
            url: "http://x/\u{1b}[2J".to_owned(),
            code: 500,
        };
        assert!(!hostile.beyond_brief().contains('\u{1b}'));
    }
}
