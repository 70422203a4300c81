//! TLS that does not verify the engine's certificate, for the cases where the docker CLI does the same:
//! `DOCKER_TLS` without `DOCKER_TLS_VERIFY`, and a context with `SkipTLSVerify`.
//!
//! bollard 0.21's `connect_with_ssl` always verifies against `ca.pem` and has no switch to skip it, so this
//! module builds the same kind of client (hyper + rustls, one connection per request) behind bollard's custom
//! transport, with a verifier that accepts any certificate chain and any name. Like Go's `InsecureSkipVerify`
//! it still checks the handshake signatures, so the connection is encrypted to whoever holds the key the engine
//! presented; it is not authenticated. It still sends the client certificate when `cert.pem` and `key.pem`
//! exist (an engine started with `--tlsverify` demands one). It must not be used when verification is asked
//! for: `lib.rs` chooses bollard's own verifying client then.

use std::path::Path;
use std::sync::Arc;

use bollard::{BollardRequest, ClientVersion, Docker};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

use crate::target::TlsFiles;

/// Accepts whatever certificate the engine presents, as `InsecureSkipVerify` does, but checks that the
/// engine holds the key of that certificate (the handshake signatures).
#[derive(Debug)]
struct AnyEngineCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyEngineCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// Why the unverified client could not be built: a file that does not read, said with its path.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TlsError {
    #[error("{path} could not be read as PEM: {reason}")]
    BadFile { path: String, reason: String },
    #[error("the TLS client could not be set up: {0}")]
    Setup(String),
}

/// A bollard client for `host` (`tcp://` or `https://`) over TLS that does not verify the engine.
pub fn connect_unverified(
    host: &str,
    files: &TlsFiles,
    timeout_secs: u64,
    version: &ClientVersion,
) -> Result<Docker, TlsError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError::Setup(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(AnyEngineCertificate(provider)));
    // The CLI leaves the client certificate out when its files do not exist; so does this.
    let config = if files.cert.exists() || files.key.exists() {
        let (chain, key) = client_identity(&files.cert, &files.key)?;
        builder.with_client_auth_cert(chain, key).map_err(|e| TlsError::Setup(e.to_string()))?
    } else {
        builder.with_no_client_auth()
    };

    let mut http = HttpConnector::new();
    http.enforce_http(false);
    let https: HttpsConnector<HttpConnector> = HttpsConnector::from((http, config));
    let mut client_builder = Client::builder(TokioExecutor::new());
    // As bollard's own TLS client: no pooled connections, so an engine that went away is noticed at once.
    client_builder.pool_max_idle_per_host(0);
    let client = Arc::new(client_builder.build(https));

    let authority = host.strip_prefix("tcp://").or_else(|| host.strip_prefix("https://")).unwrap_or(host);
    let transport = move |request: BollardRequest| {
        let client = Arc::clone(&client);
        async move { client.request(request).await.map_err(bollard::errors::Error::from) }
    };
    Docker::connect_with_custom_transport(transport, Some(format!("https://{authority}")), timeout_secs, version)
        .map_err(|e| TlsError::Setup(e.to_string()))
}

fn client_identity(
    cert: &Path,
    key: &Path,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), TlsError> {
    let bad = |path: &Path, reason: String| TlsError::BadFile { path: path.display().to_string(), reason };
    let chain = CertificateDer::pem_file_iter(cert)
        .map_err(|e| bad(cert, e.to_string()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(cert, e.to_string()))?;
    if chain.is_empty() {
        return Err(bad(cert, "it holds no certificate".into()));
    }
    let key = PrivateKeyDer::from_pem_file(key).map_err(|e| bad(key, e.to_string()))?;
    Ok((chain, key))
}

#[cfg(test)]
#[path = "tls_tests.rs"]
mod tests;
