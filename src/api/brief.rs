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
    }
}
