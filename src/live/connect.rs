//! One connection: TCP, TLS and the upgrade under one deadline, and what a failure means.

use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::{self, client::IntoClientRequest};
use tokio_tungstenite::{Connector, MaybeTlsStream, WebSocketStream, tungstenite::protocol};

use super::Options;

/// An open WebSocket.
pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Why a connection could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The server (or the TLS check) said no: trying again will not help.
    Refused(String),
    /// It might work later (no answer, connection refused, a 5xx).
    Transient(String),
}

/// Connects to `url` (the options' URL with any cursor).
pub async fn open(url: &reqwest::Url, options: &Options) -> Result<Socket, Failure> {
    let mut request = url
        .as_str()
        .into_client_request()
        .map_err(|err| Failure::Refused(format!("bad request: {err}")))?;
    if let Ok(agent) = crate::api::USER_AGENT.parse() {
        request.headers_mut().insert("user-agent", agent);
    }
    let config = protocol::WebSocketConfig::default()
        .max_message_size(Some(options.max_frame))
        .max_frame_size(Some(options.max_frame));
    let connector = Connector::Rustls(options.tls.clone());
    let connecting = tokio_tungstenite::connect_async_tls_with_config(
        request,
        Some(config),
        true,
        Some(connector),
    );
    match tokio::time::timeout(options.handshake_timeout, connecting).await {
        Err(_) => Err(Failure::Transient(format!(
            "no answer to the upgrade within {} s",
            options.handshake_timeout.as_secs_f64()
        ))),
        Ok(Ok((socket, _response))) => Ok(socket),
        Ok(Err(err)) => Err(classify(err)),
    }
}

/// What a handshake error means, in one line.
fn classify(err: tungstenite::Error) -> Failure {
    use tungstenite::Error;
    match err {
        Error::Http(response) => {
            let status = response.status();
            let text = format!(
                "the server answered HTTP {} instead of upgrading to a WebSocket",
                status.as_u16()
            );
            // Busy or broken servers may come back; a 4xx (not found, forbidden) will not.
            if crate::api::retry::retryable_code(status.as_u16()) {
                Failure::Transient(text)
            } else {
                Failure::Refused(text)
            }
        }
        Error::Tls(err) => Failure::Refused(format!("TLS: {err}")),
        Error::Url(err) => Failure::Refused(format!("bad URL: {err}")),
        Error::Io(err) => Failure::Transient(format!("cannot connect: {err}")),
        other => Failure::Transient(format!("the upgrade failed: {other}")),
    }
}
