//! The bench server over TLS (`--tls`, `--tls-h1`; #16): a CA generated for the run, a
//! certificate for 127.0.0.1 it signed, and the fixture server behind a rustls acceptor that
//! offers HTTP/2 and HTTP/1.1 (`--tls`: the client picks, as with PokeAPI's CDN) or HTTP/1.1
//! only (`--tls-h1`). apidex trusts the CA the way a user behind a corporate proxy would:
//! `SSL_CERT_FILE` (the CLI and the browser) and `--ca-cert` (the in-process batch path); curl
//! with `--cacert`.

use std::path::Path;
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, SanType};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use super::server;

/// Writes a new CA's PEM to `ca_path` and returns an acceptor with a certificate it signed for
/// 127.0.0.1 and localhost.
fn acceptor(ca_path: &Path, h2: bool) -> Result<TlsAcceptor, Box<dyn std::error::Error>> {
    let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
    let ca_key = KeyPair::generate()?;
    let mut ca = CertificateParams::new(Vec::<String>::new())?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    // Names of their own: with rcgen's default name on both, OpenSSL (curl) takes the server's
    // certificate for a self-signed one (its issuer and subject read the same).
    ca.distinguished_name = rcgen::DistinguishedName::new();
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "apidex bench CA");
    let ca_cert = ca.self_signed(&ca_key)?;
    let issuer = rcgen::Issuer::new(ca, ca_key);
    let key = KeyPair::generate()?;
    let mut params = CertificateParams::new(vec!["localhost".to_owned()])?;
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "127.0.0.1");
    params
        .subject_alt_names
        .push(SanType::IpAddress("127.0.0.1".parse()?));
    let cert = params.signed_by(&key, &issuer)?;
    std::fs::write(ca_path, ca_cert.pem())?;
    let mut config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )?;
    config.alpn_protocols = if h2 {
        vec![b"h2".to_vec(), b"http/1.1".to_vec()]
    } else {
        vec![b"http/1.1".to_vec()]
    };
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// `bench serve --tls|--tls-h1 CA_PATH`: prints `https://127.0.0.1:PORT
/// http://127.0.0.1:CONTROL_PORT` and serves until stdin closes; the control port (and the bench's
/// own requests) speak plain HTTP/1.1.
pub fn serve(ca_path: &Path, h2: bool) {
    super::serve_until_stdin_closes(async move {
        let acceptor = acceptor(ca_path, h2).expect("a certificate for the bench server");
        let (listener, plain) = server::bind().await;
        let origin = plain.replacen("http://", "https://", 1);
        let (control, control_origin) = server::bind().await;
        let shared = server::shared(server::Catalog::load(&origin));
        server::accept_plain(control, Arc::clone(&shared));
        tokio::spawn(accept_tls(listener, acceptor, shared));
        format!("{origin} {control_origin}")
    });
}

/// Accepts TLS connections on `listener`, each served in the protocol ALPN chose.
async fn accept_tls(
    listener: tokio::net::TcpListener,
    acceptor: TlsAcceptor,
    shared: Arc<server::Shared>,
) {
    while let Ok((stream, _)) = listener.accept().await {
        let _ = stream.set_nodelay(true);
        let (acceptor, shared) = (acceptor.clone(), Arc::clone(&shared));
        tokio::spawn(async move {
            let Ok(tls) = acceptor.accept(stream).await else {
                return;
            };
            if tls.get_ref().1.alpn_protocol() == Some(b"h2") {
                serve_h2(tls, shared).await;
            } else {
                server::serve(tls, shared).await;
            }
        });
    }
}

/// Answers one HTTP/2 connection's streams, each on a task of its own, until it closes.
async fn serve_h2<S>(stream: S, shared: Arc<server::Shared>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let Ok(mut connection) = h2::server::handshake(stream).await else {
        return;
    };
    let mut counted = false;
    while let Some(Ok((request, mut respond))) = connection.accept().await {
        if !counted {
            counted = true;
            shared.connected();
        }
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let target = request
                .uri()
                .path_and_query()
                .map_or_else(|| "/".to_owned(), ToString::to_string);
            let gzip = request
                .headers()
                .get_all("accept-encoding")
                .iter()
                .any(|v| v.to_str().is_ok_and(|v| v.contains("gzip")));
            let answer = server::answer(&shared, &target, gzip).await;
            let mut response = http::Response::builder()
                .status(answer.status)
                .header("content-type", answer.content_type)
                .header("content-length", answer.bytes.len());
            if let Some(encoding) = answer.encoding {
                response = response.header("content-encoding", encoding);
            }
            let response = response.body(()).expect("a response head");
            let sent = respond
                .send_response(response, false)
                .map(|mut body| body.send_data(bytes::Bytes::copy_from_slice(&answer.bytes), true));
            shared.done();
            drop(sent);
        });
    }
}
