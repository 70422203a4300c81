//! Which engine to talk to, chosen exactly as the docker CLI chooses it.
//!
//! Owns the resolution order (`DOCKER_HOST`, `DOCKER_CONTEXT`, the current context in `config.json`, the
//! context store, then the default socket) and the TLS files that go with it. It only reads files and
//! environment values handed to it; it never connects.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub const DEFAULT_HOST: &str = "unix:///var/run/docker.sock";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub ca: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
    pub verify: bool,
}

/// The engine Netlens connects to and how it was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// `default`, a context name, or `sandbox`.
    pub context: String,
    pub host: String,
    pub tls: Option<TlsFiles>,
    /// Shown in the UI so a person knows why this engine was picked.
    pub source: &'static str,
}

impl Target {
    pub fn sandbox(host: String) -> Self {
        Self { context: "sandbox".into(), host, tls: None, source: "Netlens sandbox" }
    }
}

/// The environment values that decide the target, gathered once so resolution stays pure.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub docker_host: Option<String>,
    pub docker_context: Option<String>,
    pub docker_tls_verify: Option<String>,
    /// `DOCKER_TLS`: TLS without verifying the engine unless `DOCKER_TLS_VERIFY` is set too.
    pub docker_tls: Option<String>,
    pub docker_cert_path: Option<String>,
    /// `DOCKER_CONFIG`, else `~/.docker`.
    pub config_dir: Option<PathBuf>,
}

impl Environment {
    pub fn from_process() -> Self {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Self {
            docker_host: var("DOCKER_HOST"),
            docker_context: var("DOCKER_CONTEXT"),
            docker_tls_verify: var("DOCKER_TLS_VERIFY"),
            docker_tls: var("DOCKER_TLS"),
            docker_cert_path: var("DOCKER_CERT_PATH"),
            config_dir: var("DOCKER_CONFIG").map(PathBuf::from).or_else(|| dirs::home_dir().map(|h| h.join(".docker"))),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TargetError {
    #[error("docker context `{0}` does not exist in {1}")]
    UnknownContext(String, String),
    #[error("docker context `{0}` could not be read: {1}")]
    BadContext(String, String),
    #[error("{0} could not be read: {1}")]
    BadConfig(String, String),
}

pub fn resolve(env: &Environment) -> Result<Target, TargetError> {
    if let Some(host) = &env.docker_host {
        let tls = env_tls(env);
        return Ok(Target { context: "default".into(), host: host.clone(), tls, source: "DOCKER_HOST" });
    }
    let (context, source) = match &env.docker_context {
        Some(c) => (Some(c.clone()), "DOCKER_CONTEXT"),
        None => (current_context(env.config_dir.as_deref())?, "current docker context"),
    };
    match context {
        Some(name) if name != "default" => {
            let dir = env.config_dir.clone().unwrap_or_default();
            read_context(&dir, &name, source)
        }
        _ => Ok(Target { context: "default".into(), host: DEFAULT_HOST.into(), tls: None, source: "default socket" }),
    }
}

/// TLS from the environment, read as the docker CLI reads it (`cli/flags/options.go`): a non-empty
/// `DOCKER_TLS_VERIFY` means TLS and verify the engine (any value, `0` and `false` included, as the CLI does);
/// `DOCKER_TLS` alone means TLS without verifying it; neither means no TLS, whatever `DOCKER_CERT_PATH` says.
/// The files are read from `DOCKER_CERT_PATH`, else the config folder.
pub(crate) fn env_tls(env: &Environment) -> Option<TlsFiles> {
    let verify = env.docker_tls_verify.is_some();
    if !verify && env.docker_tls.is_none() {
        return None;
    }
    // No folder at all still means TLS: the missing files then fail with their names, never as plain HTTP.
    let dir = env.docker_cert_path.clone().map(PathBuf::from).or_else(|| env.config_dir.clone()).unwrap_or_default();
    Some(TlsFiles { ca: dir.join("ca.pem"), cert: dir.join("cert.pem"), key: dir.join("key.pem"), verify })
}

pub(crate) fn current_context(config_dir: Option<&Path>) -> Result<Option<String>, TargetError> {
    let Some(dir) = config_dir else { return Ok(None) };
    let path = dir.join("config.json");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(TargetError::BadConfig(path.display().to_string(), e.to_string())),
    };
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| TargetError::BadConfig(path.display().to_string(), e.to_string()))?;
    Ok(value.get("currentContext").and_then(|c| c.as_str()).filter(|c| !c.is_empty()).map(String::from))
}

/// The context store keeps each context under the hex SHA-256 of its name.
pub fn context_digest(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn read_context(config_dir: &Path, name: &str, source: &'static str) -> Result<Target, TargetError> {
    let digest = context_digest(name);
    let meta = config_dir.join("contexts").join("meta").join(&digest).join("meta.json");
    let text = std::fs::read_to_string(&meta)
        .map_err(|_| TargetError::UnknownContext(name.into(), config_dir.join("contexts").display().to_string()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| TargetError::BadContext(name.into(), e.to_string()))?;
    let docker = value.pointer("/Endpoints/docker");
    let host = docker
        .and_then(|d| d.get("Host"))
        .and_then(|h| h.as_str())
        .ok_or_else(|| TargetError::BadContext(name.into(), "it has no docker endpoint Host".into()))?;
    let skip_verify = docker.and_then(|d| d.get("SkipTLSVerify")).and_then(|v| v.as_bool()).unwrap_or(false);
    let tls_dir = config_dir.join("contexts").join("tls").join(&digest).join("docker");
    // SkipTLSVerify without files is still TLS for the CLI (an empty TLS config that does not verify).
    let tls = (tls_dir.join("ca.pem").exists() || skip_verify).then(|| TlsFiles {
        ca: tls_dir.join("ca.pem"),
        cert: tls_dir.join("cert.pem"),
        key: tls_dir.join("key.pem"),
        verify: !skip_verify,
    });
    Ok(Target { context: name.into(), host: host.into(), tls, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_in(dir: &Path) -> Environment {
        Environment { config_dir: Some(dir.to_path_buf()), ..Default::default() }
    }

    fn write_context(dir: &Path, name: &str, host: &str) {
        let meta = dir.join("contexts/meta").join(context_digest(name));
        std::fs::create_dir_all(&meta).unwrap();
        let body = serde_json::json!({"Name": name, "Endpoints": {"docker": {"Host": host, "SkipTLSVerify": false}}});
        std::fs::write(meta.join("meta.json"), body.to_string()).unwrap();
    }

    fn temp_dir(tag: &str) -> crate::testing::Scratch {
        crate::testing::scratch(&format!("netlens-target-{tag}")).unwrap()
    }

    #[test]
    fn docker_host_wins_over_everything() {
        let dir = temp_dir("host");
        std::fs::write(dir.join("config.json"), r#"{"currentContext":"remote"}"#).unwrap();
        let env = Environment {
            docker_host: Some("tcp://10.0.0.1:2375".into()),
            docker_context: Some("remote".into()),
            ..env_in(&dir)
        };
        let t = resolve(&env).unwrap();
        assert_eq!((t.host.as_str(), t.source), ("tcp://10.0.0.1:2375", "DOCKER_HOST"));
    }

    #[test]
    fn no_configuration_means_default_socket() {
        let dir = temp_dir("none");
        let t = resolve(&env_in(&dir)).unwrap();
        assert_eq!(t.host, DEFAULT_HOST);
        assert_eq!(t.context, "default");
    }

    #[test]
    fn current_context_is_read_from_the_store() {
        let dir = temp_dir("current");
        std::fs::write(dir.join("config.json"), r#"{"currentContext":"lab"}"#).unwrap();
        write_context(&dir, "lab", "ssh://me@lab");
        let t = resolve(&env_in(&dir)).unwrap();
        assert_eq!((t.context.as_str(), t.host.as_str()), ("lab", "ssh://me@lab"));
    }

    #[test]
    fn docker_context_overrides_config_json() {
        let dir = temp_dir("ctxenv");
        std::fs::write(dir.join("config.json"), r#"{"currentContext":"lab"}"#).unwrap();
        write_context(&dir, "lab", "unix:///lab.sock");
        write_context(&dir, "other", "unix:///other.sock");
        let env = Environment { docker_context: Some("other".into()), ..env_in(&dir) };
        assert_eq!(resolve(&env).unwrap().host, "unix:///other.sock");
        let env = Environment { docker_context: Some("default".into()), ..env_in(&dir) };
        assert_eq!(resolve(&env).unwrap().host, DEFAULT_HOST);
    }

    #[test]
    fn unknown_context_is_a_clear_error() {
        let dir = temp_dir("unknown");
        let env = Environment { docker_context: Some("nope".into()), ..env_in(&dir) };
        assert!(matches!(resolve(&env), Err(TargetError::UnknownContext(name, _)) if name == "nope"));
    }

    #[test]
    fn tls_env_vars_are_honoured() {
        let env = Environment {
            docker_host: Some("tcp://h:2376".into()),
            docker_tls_verify: Some("1".into()),
            docker_cert_path: Some("/certs".into()),
            ..Default::default()
        };
        let tls = resolve(&env).unwrap().tls.unwrap();
        assert!(tls.verify);
        assert_eq!(tls.ca, PathBuf::from("/certs/ca.pem"));
    }

    fn tls_env(verify: Option<&str>, tls: Option<&str>, cert_path: Option<&str>) -> Environment {
        Environment {
            docker_host: Some("tcp://h:2376".into()),
            docker_tls_verify: verify.map(String::from),
            docker_tls: tls.map(String::from),
            docker_cert_path: cert_path.map(String::from),
            config_dir: Some(PathBuf::from("/home/me/.docker")),
            ..Default::default()
        }
    }

    #[test]
    fn docker_tls_without_verify_is_tls_that_does_not_verify_the_engine() {
        let tls = resolve(&tls_env(None, Some("1"), Some("/certs"))).unwrap().tls.unwrap();
        assert!(!tls.verify);
        assert_eq!((tls.cert, tls.key), (PathBuf::from("/certs/cert.pem"), PathBuf::from("/certs/key.pem")));
    }

    #[test]
    fn any_docker_tls_verify_value_verifies_as_the_cli_does_zero_included() {
        for value in ["1", "0", "false", "yes"] {
            let tls = resolve(&tls_env(Some(value), None, Some("/certs"))).unwrap().tls.unwrap();
            assert!(tls.verify, "DOCKER_TLS_VERIFY={value}");
        }
        assert!(resolve(&tls_env(Some("1"), Some("1"), None)).unwrap().tls.unwrap().verify);
    }

    #[test]
    fn docker_cert_path_alone_does_not_turn_tls_on_as_the_cli_ignores_it() {
        assert_eq!(resolve(&tls_env(None, None, Some("/certs"))).unwrap().tls, None);
    }

    #[test]
    fn tls_files_default_to_the_config_folder_when_docker_cert_path_is_unset() {
        let tls = resolve(&tls_env(None, Some("1"), None)).unwrap().tls.unwrap();
        assert_eq!(tls.ca, PathBuf::from("/home/me/.docker/ca.pem"));
    }

    #[test]
    fn a_context_that_skips_verification_is_tls_even_without_files() {
        let dir = temp_dir("skip");
        let meta = dir.join("contexts/meta").join(context_digest("lab"));
        std::fs::create_dir_all(&meta).unwrap();
        let body = serde_json::json!({"Name": "lab", "Endpoints": {"docker": {"Host": "tcp://lab:2376", "SkipTLSVerify": true}}});
        std::fs::write(meta.join("meta.json"), body.to_string()).unwrap();
        let env = Environment { docker_context: Some("lab".into()), ..env_in(&dir) };
        let tls = resolve(&env).unwrap().tls.unwrap();
        assert!(!tls.verify);
    }

    #[test]
    fn context_digest_matches_the_cli_store() {
        // The docker CLI stores context "default"-named folders by sha256 of the name.
        assert_eq!(context_digest("desktop-linux"), "fe9c6bd7a66301f49ca9b6a70b217107cd1284598bfc254700c989b916da791e");
    }
}
