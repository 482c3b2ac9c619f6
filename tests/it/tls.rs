//! HTTPS through the real client: a local TLS server on 127.0.0.1 with a certificate from a CA
//! generated for the test. Unknown to the system, that CA is refused; `--ca-cert FILE` (or
//! `SSL_CERT_FILE`) makes apidex trust it, as a user behind a corporate proxy needs.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use apidex::api::{Http, HttpOptions};
use assert_cmd::Command;
use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, SanType};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

const BODY: &str = r#"{"id":1,"name":"over tls"}"#;

/// A CA (as PEM) and a TLS server on 127.0.0.1 with a certificate it signed; the server answers
/// every request with [`BODY`]. Returns the CA's PEM and the server's base URL.
async fn tls_server() -> (String, String) {
    let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = rcgen::Issuer::new(ca, ca_key);
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
    params
        .subject_alt_names
        .push(SanType::IpAddress("127.0.0.1".parse().unwrap()));
    let cert = params.signed_by(&key, &issuer).unwrap();
    let config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A client that refuses the certificate ends the handshake: nothing to serve.
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut request = vec![0; 4096];
                let _ = tls.read(&mut request).await;
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{BODY}",
                    BODY.len()
                );
                let _ = tls.write_all(response.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (ca_cert.pem(), format!("https://127.0.0.1:{port}"))
}

fn options() -> HttpOptions {
    HttpOptions {
        retries: 0,
        timeout: Duration::from_secs(10),
        ..HttpOptions::default()
    }
}

#[tokio::test]
async fn an_unknown_ca_is_refused_and_trusted_with_ca_cert() {
    let (ca, base) = tls_server().await;
    let url = reqwest::Url::parse(&format!("{base}/thing")).unwrap();
    let plain = Http::new(options()).unwrap();
    let err = plain
        .get_json::<serde_json::Value>(url.clone())
        .await
        .unwrap_err();
    assert!(
        err.to_string().to_lowercase().contains("certificate"),
        "{err}"
    );
    let trusting = Http::trusting(options(), Some(ca.as_bytes())).unwrap();
    let value = trusting
        .get_json::<serde_json::Value>(url)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(value.data["name"], "over tls");
    assert!(Http::trusting(options(), Some(b"not a certificate")).is_err());
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apidex-tls-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn apidex(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("apidex").unwrap();
    cmd.env("APIDEX_CONFIG", dir.join("no-config.toml"))
        .env("APIDEX_LOG_FILE", dir.join("apidex.log"))
        .env("APIDEX_CACHE_DIR", dir.join("cache"))
        .env("APIDEX_DATA_DIR", dir.join("data"))
        .env_remove("APIDEX_CA_CERT")
        .env_remove("SSL_CERT_FILE")
        .args(["--retries", "0"])
        .timeout(Duration::from_secs(60));
    cmd
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_trusts_ca_cert_and_ssl_cert_file() {
    let (ca, base) = tls_server().await;
    let dir = scratch("cli");
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, &ca).unwrap();
    let url = format!("{base}/thing");
    let run = move |cmd: &mut Command| cmd.arg("fetch").arg(&url).output().unwrap();

    let refused = run(apidex(&dir).arg("--no-cache"));
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr).to_lowercase();
    assert!(err.contains("certificate"), "{err}");

    let trusted = run(apidex(&dir)
        .arg("--no-cache")
        .arg("--ca-cert")
        .arg(&ca_file));
    assert_eq!(trusted.status.code(), Some(0), "{trusted:?}");
    let value: serde_json::Value = serde_json::from_slice(&trusted.stdout).unwrap();
    assert_eq!(value[0]["name"], "over tls");

    let from_env = run(apidex(&dir)
        .arg("--no-cache")
        .env("SSL_CERT_FILE", &ca_file));
    assert_eq!(from_env.status.code(), Some(0), "{from_env:?}");

    let missing = run(apidex(&dir).arg("--ca-cert").arg(dir.join("nope.pem")));
    assert_eq!(missing.status.code(), Some(1));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(err.contains("cannot read --ca-cert"), "{err}");
}
