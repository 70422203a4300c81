//! An engine stand-in on the loopback that speaks TLS with a certificate the client's `ca.pem` did not sign
//! and demands a client certificate, as `dockerd --tlsverify` does. The files are in `engine/testdata/tls/`.

use std::path::PathBuf;
use std::sync::Arc;

use rustls::server::WebPkiClientVerifier;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::*;

fn testdata(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/tls").join(name)
}

/// The client's files: its certificate is signed by the CA the engine trusts, but its `ca.pem` is an
/// unrelated CA, so verifying the engine must fail.
fn client_files(verify: bool) -> TlsFiles {
    TlsFiles { ca: testdata("other-ca.pem"), cert: testdata("cert.pem"), key: testdata("key.pem"), verify }
}

/// Serves `GET /_ping` and `GET /version` over TLS on a free loopback port and answers how many handshakes it completed.
async fn engine() -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(testdata("ca.pem")).unwrap() {
        roots.add(cert.unwrap()).unwrap();
    }
    let clients = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone()).build().unwrap();
    let chain = CertificateDer::pem_file_iter(testdata("server-cert.pem")).unwrap().map(|c| c.unwrap()).collect();
    let key = PrivateKeyDer::from_pem_file(testdata("server-key.pem")).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(clients)
        .with_single_cert(chain, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let handshakes = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = handshakes.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let counted = counted.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(socket).await else { return };
                counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let path = request.split(|b| *b == b' ').nth(1).unwrap_or_default();
                let (status, kind, body) = if path.ends_with(b"/_ping") {
                    ("200 OK", "text/plain", "OK")
                } else if path.ends_with(b"/version") {
                    ("200 OK", "application/json", r#"{"Version":"20.10.24","ApiVersion":"1.41"}"#)
                } else {
                    ("404 Not Found", "text/plain", "")
                };
                let reply = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nApi-Version: 1.41\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(reply.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (format!("tcp://127.0.0.1:{port}"), handshakes)
}

#[tokio::test]
async fn unverified_tls_reaches_an_engine_whose_certificate_ca_pem_did_not_sign() {
    let (host, handshakes) = engine().await;
    let docker = connect_unverified(&host, &client_files(false), 5, bollard::API_DEFAULT_VERSION).unwrap();
    assert_eq!(docker.ping().await.unwrap(), "OK");
    assert_eq!(
        handshakes.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "one TLS handshake, client certificate accepted"
    );
}

#[tokio::test]
async fn an_engine_target_that_does_not_verify_connects_through_the_unverified_client() {
    let (host, _) = engine().await;
    let target = crate::Target { context: "test".into(), host, tls: Some(client_files(false)), source: "test" };
    let engine = crate::Engine::connect(&target).await.unwrap();
    assert_eq!(engine.info().version.as_deref(), Some("20.10.24"));
    let verified = crate::Target { tls: Some(client_files(true)), ..target };
    let err = crate::Engine::connect(&verified).await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("UnknownIssuer"), "with verification on the same engine is refused: {err}");
}

#[tokio::test]
async fn bollards_verifying_client_refuses_that_same_engine() {
    // What verification on means: the same engine and files, through the client `lib.rs` picks for verify.
    let (host, handshakes) = engine().await;
    let files = client_files(true);
    let docker =
        Docker::connect_with_ssl(&host, &files.key, &files.cert, &files.ca, 5, bollard::API_DEFAULT_VERSION).unwrap();
    let err = crate::EngineError::from_bollard(&host, docker.ping().await.unwrap_err()).to_string();
    assert!(err.contains("UnknownIssuer"), "{err}");
    assert_eq!(handshakes.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[tokio::test]
async fn without_a_client_certificate_an_engine_that_demands_one_refuses() {
    // Proves the first test's handshake used cert.pem: the files left out, the same engine says no.
    let (host, handshakes) = engine().await;
    let files = TlsFiles { cert: testdata("absent-cert.pem"), key: testdata("absent-key.pem"), ..client_files(false) };
    let docker = connect_unverified(&host, &files, 5, bollard::API_DEFAULT_VERSION).unwrap();
    assert!(docker.ping().await.is_err());
    assert_eq!(handshakes.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[test]
fn a_key_that_is_not_pem_is_refused_with_its_path() {
    let files = TlsFiles { key: testdata("ca.pem"), ..client_files(false) };
    match connect_unverified("tcp://127.0.0.1:1", &files, 5, bollard::API_DEFAULT_VERSION) {
        Err(TlsError::BadFile { path, .. }) => assert!(path.ends_with("ca.pem"), "{path}"),
        other => panic!("expected the key file to be refused, got {other:?}"),
    }
}
