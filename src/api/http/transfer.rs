//! One request on the wire: a rate slot, an in-flight permit, the exchange, and the body read as
//! a stream up to the size cap.

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{StatusCode, Url};

use super::Http;
use super::fields;
use super::trace::Trace;
use crate::api::ApiError;
use crate::api::retry::{self, retryable_status};

/// How much of a 404's body is read (to count it, and to keep the connection).
const MISSING_BODY_CAP: usize = 64 * 1024;

/// What a successful exchange brought back.
pub(super) enum Fetched {
    /// A body, with what the cache needs to know about it.
    Body {
        /// The body, decompressed.
        body: Vec<u8>,
        /// The status (a success).
        status: StatusCode,
        /// The response's headers, for the cache to judge.
        headers: HeaderMap,
        /// Where the body really came from, after redirects.
        final_url: Url,
    },
    /// 304: the cached body is still right.
    NotModified {
        /// The 304's headers, which update the stored ones.
        headers: HeaderMap,
    },
    /// 404.
    Missing,
}

/// Why one attempt failed, and whether another may succeed.
pub(super) struct Failure {
    /// What went wrong, for the user.
    pub error: ApiError,
    /// Whether another attempt may succeed.
    pub retry: bool,
    /// The server's `Retry-After`.
    pub server_asked: Option<Duration>,
    /// No connection could be made at all: the server is unreachable, not just slow.
    pub unreachable: bool,
}

impl Failure {
    fn refused(error: ApiError) -> Self {
        Self {
            error,
            retry: false,
            server_asked: None,
            unreachable: false,
        }
    }
}

impl Http {
    /// One request: waits for a rate slot and an in-flight permit, then reads the body as a
    /// stream up to the size cap. `conditional` holds the validators of a cached copy
    /// (`If-None-Match`, `If-Modified-Since`). What the response showed is noted in `trace`.
    pub(super) async fn attempt(
        &self,
        url: &Url,
        conditional: &HeaderMap,
        trace: &mut Trace,
    ) -> Result<Fetched, Failure> {
        let shown = url.to_string();
        if let Some(rate) = &self.rate {
            rate.wait(url.host_str().unwrap_or_default()).await;
        }
        // The permit is held for the whole exchange, body included, so the limit counts what the
        // server actually sees in flight.
        let _permit = self.in_flight.acquire().await;
        let timeout = self.options.timeout;
        let transport = |err: reqwest::Error| {
            let error = ApiError::from_reqwest(&shown, &err, timeout);
            Failure {
                // A refused redirect stays refused.
                retry: error.is_transient() && !err.is_redirect(),
                // A refused connection, a failed look-up or TLS handshake, a connect timeout.
                unreachable: err.is_connect(),
                error,
                server_asked: None,
            }
        };
        // The headers the cache records as sent (what `Vary` is checked against).
        let mut headers = fields::request_headers().clone();
        headers.extend(conditional.clone());
        let request = self.client.get(url.clone()).headers(headers);
        let mut response = request.send().await.map_err(transport)?;
        let status = response.status();
        trace.saw(status, response.headers(), response.url());
        if status == StatusCode::NOT_FOUND {
            // Read (a little of it) so `--verbose` counts what came, and so the connection can
            // go back to the pool; a body larger than that is not worth waiting for.
            let mut read = 0;
            while read <= MISSING_BODY_CAP
                && let Ok(Some(chunk)) = response.chunk().await
            {
                read += chunk.len();
            }
            trace.read(read);
            return Ok(Fetched::Missing);
        }
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified {
                headers: response.headers().clone(),
            });
        }
        if !status.is_success() {
            return Err(Failure {
                retry: retryable_status(status),
                server_asked: retry::retry_after(response.headers()),
                error: ApiError::Status {
                    url: shown,
                    code: status.as_u16(),
                },
                unreachable: false,
            });
        }
        let limit = self.options.max_body;
        let too_large = || {
            Failure::refused(ApiError::TooLarge {
                url: shown.clone(),
                limit_mb: limit.div_ceil(1024 * 1024),
            })
        };
        // A declared length over the cap is refused before reading anything. (With gzip the
        // header gives the compressed size; the running total below checks what we keep.)
        if response
            .content_length()
            .is_some_and(|n| usize::try_from(n).unwrap_or(usize::MAX) > limit)
        {
            return Err(too_large());
        }
        let final_url = response.url().clone();
        let headers = response.headers().clone();
        let mut body = Vec::with_capacity(
            response
                .content_length()
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(0)
                .min(limit),
        );
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched::Body {
            body,
            status,
            headers,
            final_url,
        })
    }
}
