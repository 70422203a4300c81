//! Opening a client to the engine the target names: the ssh forward for `ssh://`, TLS as the docker CLI does it
//! (verified, unverified, or refused where `https://` has no certificates), the negotiated API version, and
//! what the connection itself means for safety in words for the window. Owns no request beyond the client;
//! `Engine` (lib.rs) decides when to connect and what to read.

use bollard::{ClientVersion, Docker};

use crate::target::Target;
use crate::{ssh, tls, EngineError, TIMEOUT_SECS};

/// What the connection itself means for safety, as the docker CLI would let it pass silently.
pub fn connection_notes(target: &Target) -> Vec<String> {
    let host = target.host.as_str();
    let mut out = Vec::new();
    if host.starts_with("tcp://") || host.starts_with("http://") {
        match &target.tls {
            None => out.push(
                "The connection to this engine is not encrypted (tcp:// without TLS): anyone on the network path can \
                 read and change what Netlens sends. Use TLS (DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH) or a socket."
                    .to_string(),
            ),
            Some(tls) if !tls.verify => out.push(
                "TLS without verifying the engine's certificate (DOCKER_TLS without DOCKER_TLS_VERIFY, or the \
                 context's SkipTLSVerify), as the docker CLI does: the connection is encrypted, but whoever sits on \
                 the network path could pose as the engine. Set DOCKER_TLS_VERIFY=1 to check it against ca.pem."
                    .to_string(),
            ),
            Some(_) => {}
        }
    }
    out
}

/// An engine that did not answer through an ssh forward: what ssh said about it goes with the reason.
pub(crate) async fn through(tunnel: Option<&ssh::Forward>, e: EngineError) -> EngineError {
    match (tunnel, e) {
        (Some(t), EngineError::Unreachable { endpoint, reason }) => {
            EngineError::Unreachable { endpoint, reason: t.explain(&reason).await }
        }
        (_, e) => e,
    }
}

/// Starts the ssh forward to an `ssh://` engine: a bad address is the person's to fix, a failed ssh is an
/// engine that cannot be reached (retried like any other).
async fn open_tunnel(host: &str) -> Result<ssh::Forward, EngineError> {
    let dest =
        ssh::Destination::parse(host).map_err(|reason| EngineError::BadConfig { endpoint: host.into(), reason })?;
    ssh::Forward::open(&dest).await.map_err(|reason| EngineError::Unreachable { endpoint: host.into(), reason })
}

/// A client for the engine (through its ssh forward, if any) that speaks API `version`.
pub(crate) fn docker_at(
    target: &Target,
    tunnel: Option<&ssh::Forward>,
    version: &ClientVersion,
) -> Result<Docker, EngineError> {
    match tunnel {
        Some(t) => Docker::connect_with_unix(&t.socket().to_string_lossy(), TIMEOUT_SECS, version)
            .map_err(|e| EngineError::from_bollard(&target.host, e)),
        None => client(target, version),
    }
}

/// A client in bollard's API version, and the ssh forward it goes through for an `ssh://` engine.
pub(crate) async fn open(target: &Target) -> Result<(Docker, Option<std::sync::Arc<ssh::Forward>>), EngineError> {
    let tunnel = if target.host.starts_with("ssh://") {
        Some(std::sync::Arc::new(open_tunnel(&target.host).await?))
    } else {
        None
    };
    let docker = docker_at(target, tunnel.as_deref(), bollard::API_DEFAULT_VERSION)?;
    Ok((docker, tunnel))
}

/// The API version to speak to an engine that answered `api_version`: its own when it is older than
/// bollard's default, else None (bollard's default), as bollard's `negotiate_version` decides.
pub(crate) fn negotiated(api_version: Option<&str>) -> Option<ClientVersion> {
    let (major, minor) = api_version?.split_once('.')?;
    let server = ClientVersion { major_version: major.parse().ok()?, minor_version: minor.parse().ok()? };
    (server < *bollard::API_DEFAULT_VERSION).then_some(server)
}

fn client(target: &Target, version: &ClientVersion) -> Result<Docker, EngineError> {
    let host = target.host.as_str();
    let bad = |reason: String| EngineError::BadConfig { endpoint: host.into(), reason };
    let result = if let Some(path) = host.strip_prefix("unix://") {
        Docker::connect_with_unix(path, TIMEOUT_SECS, version)
    } else if host.starts_with("https://") && target.tls.is_none() {
        // Falling back to plain HTTP here would send everything in the clear to an address that asked for TLS.
        return Err(bad(
            "https:// needs TLS turned on as for the docker CLI: DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH set to \
             a folder with ca.pem, cert.pem and key.pem, or a docker context that has them"
                .into(),
        ));
    } else if host.starts_with("tcp://") || host.starts_with("https://") || host.starts_with("http://") {
        match &target.tls {
            Some(tls) if tls.verify => {
                Docker::connect_with_ssl(host, &tls.key, &tls.cert, &tls.ca, TIMEOUT_SECS, version)
            }
            // bollard's TLS client always verifies; the docker CLI would not here, so neither do we.
            Some(tls) => {
                return tls::connect_unverified(host, tls, TIMEOUT_SECS, version).map_err(|e| bad(e.to_string()))
            }
            None => Docker::connect_with_http(host, TIMEOUT_SECS, version),
        }
    } else if host.starts_with("ssh://") {
        // `Engine::connect` reaches ssh:// engines through a forward before it ever gets here.
        return Err(bad("ssh:// is reached through an ssh forward, not a direct client".into()));
    } else {
        return Err(bad("use unix://, tcp:// or https:// (DOCKER_HOST or the docker context)".into()));
    };
    result.map_err(|e| EngineError::from_bollard(host, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{target, Engine};
    use std::path::PathBuf;
    use target::TlsFiles;

    fn target(host: &str, tls: Option<bool>) -> Target {
        let tls = tls.map(|verify| TlsFiles {
            ca: PathBuf::from("/nonexistent/ca.pem"),
            cert: PathBuf::from("/nonexistent/cert.pem"),
            key: PathBuf::from("/nonexistent/key.pem"),
            verify,
        });
        Target { context: "test".into(), host: host.into(), tls, source: "test" }
    }

    #[tokio::test]
    async fn https_without_tls_files_is_refused_never_sent_in_the_clear() {
        let err = Engine::connect(&target("https://engine.example:2376", None)).await.err();
        match err {
            Some(EngineError::BadConfig { reason, .. }) => assert!(reason.contains("DOCKER_CERT_PATH"), "{reason}"),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn an_older_engine_is_spoken_to_in_its_own_api_version_a_newer_one_in_bollards() {
        let v = negotiated(Some("1.41")).map(|v| v.to_string());
        assert_eq!(v.as_deref(), Some("1.41"));
        assert!(negotiated(Some("9.99")).is_none(), "newer than bollard knows: bollard's default");
        assert!(negotiated(Some("one.two")).is_none() && negotiated(None).is_none(), "no usable answer: the default");
    }

    #[test]
    fn plain_tcp_is_said_to_be_unencrypted_and_unverified_tls_is_said_too() {
        assert!(connection_notes(&target("tcp://10.0.0.5:2375", None))[0].contains("not encrypted"));
        assert!(connection_notes(&target("tcp://10.0.0.5:2376", Some(false)))[0].contains("without verifying"));
        assert!(connection_notes(&target("tcp://10.0.0.5:2376", Some(true))).is_empty());
        assert!(connection_notes(&target("unix:///var/run/docker.sock", None)).is_empty());
    }
}
