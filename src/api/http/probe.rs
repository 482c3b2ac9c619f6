//! Finding out when an unreachable server is back: one small request to its root now and then,
//! with backoff, until anything answers.

use std::time::Duration;

use reqwest::Url;

use super::Http;
use crate::api::ApiError;
use crate::api::connectivity::Reach;

/// The first probe waits this long after the failure.
pub const PROBE_FIRST: Duration = Duration::from_secs(1);
/// Probes never wait longer than this between two tries.
pub const PROBE_MAX: Duration = Duration::from_secs(30);

impl Http {
    /// Records that `url`'s server could not be reached, and starts a probe for it (one per
    /// server) when there is a runtime to run it on.
    pub(super) fn mark_unreachable(&self, url: &Url, error: &ApiError) {
        let reason = match error {
            ApiError::Connect { reason, .. } | ApiError::Transport { reason, .. } => reason.clone(),
            other => other.to_string(),
        };
        self.connectivity.record(url, Reach::Unreachable { reason });
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        if !self.connectivity.start_probe(url) {
            return;
        }
        let http = self.clone();
        let mut root = url.clone();
        root.set_path("/");
        root.set_query(None);
        root.set_fragment(None);
        runtime.spawn(async move { http.probe(root).await });
    }

    /// Asks `root` with backoff until the server answers anything at all (an error status is an
    /// answer), then records it online; gives up as soon as something else did.
    async fn probe(self, root: Url) {
        let mut delay = PROBE_FIRST;
        loop {
            tokio::time::sleep(delay).await;
            if !self.connectivity.keep_probing(&root) {
                return;
            }
            // HEAD: nothing to download, and any status means the server is there.
            let answered = match self.client.head(root.clone()).send().await {
                Ok(response) => Ok(response.status().to_string()),
                // A redirect the policy refuses was still an answer from the server.
                Err(err) if err.is_redirect() => Ok("a redirect".to_owned()),
                Err(err) => Err(err),
            };
            match answered {
                Ok(status) => {
                    tracing::info!(server = %root, %status, "server is back");
                    self.connectivity.record(&root, Reach::Online);
                    // Ends the probe (unless the server went away again meanwhile).
                    if !self.connectivity.keep_probing(&root) {
                        return;
                    }
                }
                Err(err) => {
                    tracing::debug!(server = %root, error = %err, "still unreachable");
                    delay = (delay * 2).min(PROBE_MAX);
                }
            }
        }
    }
}
