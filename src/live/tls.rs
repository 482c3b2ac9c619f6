//! TLS for `wss://`: rustls with the `ring` provider and the platform's verifier, the same
//! stack and roots reqwest uses for https (so `SSL_CERT_FILE` and `--ca-cert` mean the same).

use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

/// The client TLS settings: the system's roots, plus the certificate authorities in `ca_pem`
/// (`--ca-cert`) when given.
///
/// # Errors
/// A one-line reason: `ca_pem` holds no certificate, or the verifier cannot be set up.
pub fn client_config(ca_pem: Option<&[u8]>) -> Result<Arc<rustls::ClientConfig>, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let extra: Vec<CertificateDer<'static>> = match ca_pem {
        Some(pem) => {
            let certs: Vec<_> = CertificateDer::pem_slice_iter(pem)
                .filter_map(Result::ok)
                .collect();
            if certs.is_empty() {
                return Err("--ca-cert: the file holds no PEM certificate".to_owned());
            }
            certs
        }
        None => Vec::new(),
    };
    let verifier =
        rustls_platform_verifier::Verifier::new_with_extra_roots(extra, provider.clone())
            .map_err(|err| format!("cannot set up TLS: {err}"))?;
    // `dangerous` is only rustls's name for "a verifier of your own": this one is the platform's,
    // the one reqwest builds for the same roots (`with_platform_verifier` takes no extra roots).
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|err| format!("cannot set up TLS: {err}"))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(Arc::new(config))
}

#[cfg(test)]
mod tests {
    use super::client_config;

    #[test]
    fn a_file_without_certificates_is_refused() {
        assert!(client_config(None).is_ok());
        let err = client_config(Some(b"not a pem")).err().unwrap_or_default();
        assert!(err.contains("no PEM certificate"), "{err}");
    }
}
