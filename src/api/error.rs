//! The one error type every client returns.
//!
//! A missing resource is not an error (clients return `Ok(None)` for a 404); everything else that
//! can go wrong between us and an API is one of these variants. Each variant says what happened and
//! carries the URL, so the CLI and the TUI can show it as is. `Clone` because the TUI keeps errors
//! inside its state (a failed pane remembers why it failed).

use std::borrow::Cow;
use std::time::Duration;

/// Something went wrong fetching a resource. The `Display` text is meant for users.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The server did not answer within the configured timeout.
    #[error("timed out after {} s: {}", after.as_secs_f64(), hidden(url))]
    Timeout {
        /// The URL requested.
        url: String,
        /// The timeout that expired.
        after: Duration,
    },
    /// No connection could be made (refused, DNS failure, TLS failure…).
    #[error("cannot connect to {}: {}", hidden(url), hidden(reason))]
    Connect {
        /// The URL requested.
        url: String,
        /// Why the connection failed, from the operating system or TLS layer.
        reason: String,
    },
    /// The server answered with a status other than success or 404.
    #[error("HTTP {code} from {}", hidden(url))]
    Status {
        /// The URL requested.
        url: String,
        /// The HTTP status code.
        code: u16,
    },
    /// The body was not the JSON we expect (malformed, or missing fields we need).
    #[error("unexpected response from {}: {}", hidden(url), hidden(reason))]
    Decode {
        /// The URL requested.
        url: String,
        /// What the decoder said, with line and column.
        reason: String,
    },
    /// The connection broke while the request or response was in transit.
    #[error("request to {} failed: {}", hidden(url), hidden(reason))]
    Transport {
        /// The URL requested.
        url: String,
        /// The underlying error.
        reason: String,
    },
    /// The body was larger than the configured cap; it was not read further.
    #[error("response from {} is larger than the {limit_mb} MB limit", hidden(url))]
    TooLarge {
        /// The URL requested.
        url: String,
        /// The cap, in megabytes.
        limit_mb: usize,
    },
    /// Offline (by choice or because the network failed) and the resource is neither cached nor
    /// in the bundled snapshot — or it is cached, but the copy may not answer without the server.
    #[error("offline, and {} {}", hidden(url), held.map_or("is neither cached nor in the bundled snapshot", Unservable::describe))]
    Offline {
        /// The URL requested.
        url: String,
        /// Why the cached copy could not answer, when there is one.
        held: Option<Unservable>,
    },
    /// A user-typed name or id cannot be requested at all (empty, or only dots).
    #[error("invalid name {input:?}: {reason}")]
    InvalidInput {
        /// What the user typed.
        input: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// The client could not be set up as asked (an unreadable `--ca-cert` file, say).
    #[error("{what}: {reason}")]
    Setup {
        /// What was asked for.
        what: String,
        /// Why it cannot be done.
        reason: String,
    },
    /// A base URL or `fetch` URL is not an absolute http(s) URL.
    #[error("invalid URL {:?}: {}", hidden(url), hidden(reason))]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// Why it was refused.
        reason: String,
    },
    /// A bug: the task doing the work panicked. The browser shows it in the pane that waited
    /// for the work instead of leaving that pane loading for good.
    #[error("internal error: {message}")]
    Internal {
        /// The panic's message.
        message: String,
    },
}

/// `text` with the password of every URL in it left out (`http://u:pw@host/` reads
/// `http://u@host/`): a base URL may carry credentials, and errors are printed and logged.
pub fn hidden(text: &str) -> Cow<'_, str> {
    if !text.contains("://") || !text.contains('@') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        let end = tail
            .find(|c: char| {
                matches!(c, '/' | '?' | '#') || c.is_whitespace() || "\"')>".contains(c)
            })
            .unwrap_or(tail.len());
        let authority = &tail[..end];
        match authority.rfind('@') {
            Some(userinfo_end) => {
                let userinfo = &authority[..userinfo_end];
                out.push_str(userinfo.split(':').next().unwrap_or_default());
                out.push_str(&authority[userinfo_end..]);
            }
            None => out.push_str(authority),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Why a cached copy may not answer without the server (RFC 9111 §4.2.4, §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unservable {
    /// It is stale and says `must-revalidate`.
    MustRevalidate,
    /// Its `Vary` names request headers that differ from the ones sent now.
    Vary,
    /// It says `Vary: *`: it answers no later request.
    VaryStar,
}

impl Unservable {
    /// The rest of the offline message, after the URL.
    pub fn describe(self) -> &'static str {
        match self {
            Self::MustRevalidate => {
                "is cached, but the server requires revalidation (must-revalidate)"
            }
            Self::Vary => "is cached for a different request (Vary)",
            Self::VaryStar => "is cached, but its Vary: * lets no later request use it",
        }
    }
}

impl ApiError {
    /// Classifies a reqwest error for `url`, keeping the innermost cause's message (reqwest's own
    /// top-level text, "error sending request", says nothing a user can act on).
    pub(crate) fn from_reqwest(url: &str, err: &reqwest::Error, timeout: Duration) -> Self {
        let url = url.to_owned();
        if err.is_timeout() {
            return Self::Timeout {
                url,
                after: timeout,
            };
        }
        let reason = root_cause(err);
        if err.is_connect() {
            Self::Connect { url, reason }
        } else {
            Self::Transport { url, reason }
        }
    }

    /// Whether trying again later might succeed: the network or the server had a problem, as
    /// opposed to the request or the answer being wrong.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Timeout { .. } | Self::Connect { .. } | Self::Transport { .. } => true,
            Self::Status { code, .. } => super::retry::retryable_code(*code),
            _ => false,
        }
    }

    /// Whether this error means the resource itself was refused as input (as opposed to a failure
    /// on the way), which the CLI reports as "not found"-like rather than as a network problem.
    pub fn is_invalid_input(&self) -> bool {
        matches!(self, Self::InvalidInput { .. })
    }
}

/// The message of the deepest error in the `source()` chain.
fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_left_out_of_messages() {
        assert_eq!(
            hidden("cannot reach http://u:secret@127.0.0.1:1/api/v2/pokemon (x)"),
            "cannot reach http://u@127.0.0.1:1/api/v2/pokemon (x)"
        );
        assert_eq!(
            hidden("http://u:p:q@h/ and https://a:b@c"),
            "http://u@h/ and https://a@c"
        );
        assert_eq!(hidden("https://user@host/x"), "https://user@host/x");
        assert_eq!(hidden("mail me: a@b.c"), "mail me: a@b.c");
        assert_eq!(
            hidden("https://h/p?to=a@b"),
            "https://h/p?to=a@b",
            "not the authority"
        );
        let err = ApiError::Connect {
            url: "http://u:secret@127.0.0.1:1/api/v2/pokemon/pikachu".to_owned(),
            reason: "error for url (http://u:secret@127.0.0.1:1/): refused".to_owned(),
        };
        let shown = err.to_string();
        assert!(!shown.contains("secret"), "{shown}");
        assert!(
            shown.contains("http://u@127.0.0.1:1/api/v2/pokemon/pikachu"),
            "{shown}"
        );
    }
}
