//! The add-engine form: what a person typed, checked before anything is saved.
//!
//! Owns turning a kind (socket, TCP, TCP with TLS, SSH) and an address into the engine address Netlens
//! stores (`unix:///…`, `tcp://host:port`, `ssh://user@host`), and every refusal with what to do about it
//! (`netlens_core::problem::Problem`). It reads the file system only to check that a socket or a TLS file is
//! there and usable; it never connects to an engine and never writes.

use std::path::{Path, PathBuf};

use netlens_core::problem::{Code, Field, Problem};

use crate::saved::{SavedEngine, SavedTls};
use crate::ssh::Destination;

/// How Netlens reaches the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename = "EngineFormKind", rename_all = "camelCase"))]
pub enum Kind {
    /// A unix socket on this machine.
    Socket,
    /// Plain TCP (unencrypted).
    Tcp,
    /// TCP with TLS: CA, client certificate and key.
    Tls,
    /// `ssh://user@host`: a forward of the remote engine's socket through the system ssh.
    Ssh,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
pub struct EngineForm {
    pub name: String,
    pub address: String,
    /// The CA, client certificate and key (TLS only); blank elsewhere.
    pub ca: String,
    pub cert: String,
    pub key: String,
}

/// Longest name kept: it has to fit the status bar.
const NAME_MAX: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineProblem {
    NameEmpty,
    NameInvalid { reason: String },
    NameTaken { name: String },
    AddressEmpty { kind: Kind },
    BadAddress { address: String, reason: String, kind: Kind },
    SocketMissing { path: String },
    NotASocket { path: String },
    SocketUnusable { path: String, reason: String },
    TlsFileMissing { field: Field, path: String },
    TlsFileUnreadable { field: Field, path: String, reason: String },
    TlsFileEmpty { field: Field },
}

fn example(kind: Kind) -> &'static str {
    match kind {
        Kind::Socket => "/run/user/1000/podman/podman.sock or unix:///var/run/docker.sock",
        Kind::Tcp => "tcp://192.168.1.20:2375",
        Kind::Tls => "tcp://engine.example:2376",
        Kind::Ssh => "ssh://me@engine.example (or ssh://me@host:2222/run/podman/podman.sock)",
    }
}

fn file_label(field: Field) -> &'static str {
    field.label()
}

impl Problem for EngineProblem {
    fn code(&self) -> Code {
        netlens_core::codes_by_name!(self; NameEmpty, NameInvalid, NameTaken, SocketMissing;
            AddressEmpty | BadAddress => BadEngineAddress,
            NotASocket | SocketUnusable => SocketUnusable,
            TlsFileMissing | TlsFileUnreadable | TlsFileEmpty => TlsFileMissing)
    }

    fn field(&self) -> Option<Field> {
        Some(match self {
            Self::NameEmpty | Self::NameInvalid { .. } | Self::NameTaken { .. } => Field::Name,
            Self::AddressEmpty { .. }
            | Self::BadAddress { .. }
            | Self::SocketMissing { .. }
            | Self::NotASocket { .. }
            | Self::SocketUnusable { .. } => Field::Address,
            Self::TlsFileMissing { field, .. }
            | Self::TlsFileUnreadable { field, .. }
            | Self::TlsFileEmpty { field } => *field,
        })
    }

    fn fact(&self) -> String {
        match self {
            Self::NameEmpty => "The engine needs a name".into(),
            Self::NameInvalid { reason } => format!("The name {reason}"),
            Self::NameTaken { name } => format!("An engine named `{name}` is already in the list"),
            Self::AddressEmpty { .. } => "The engine needs an address".into(),
            Self::BadAddress { address, reason, .. } => format!("`{address}` cannot be used: {reason}"),
            Self::SocketMissing { path } => format!("There is no socket at {path}"),
            Self::NotASocket { path } => format!("{path} is not a socket"),
            Self::SocketUnusable { path, reason } => format!("The socket {path} cannot be used: {reason}"),
            Self::TlsFileMissing { field, path } => format!("The {} {path} does not exist", file_label(*field)),
            Self::TlsFileUnreadable { field, path, reason } => {
                format!("The {} {path} cannot be read: {reason}", file_label(*field))
            }
            Self::TlsFileEmpty { field } => format!("TLS needs the {} file", file_label(*field)),
        }
    }

    fn hint(&self) -> String {
        match self {
            Self::NameEmpty | Self::NameInvalid { .. } => {
                "Give it a short name you will recognise in the list, e.g. `lab` or `podman`.".into()
            }
            Self::NameTaken { .. } => "Choose another name, or remove the saved engine of that name first.".into(),
            Self::AddressEmpty { kind } | Self::BadAddress { kind, .. } => format!("Write it as {}.", example(*kind)),
            Self::SocketMissing { .. } => {
                "Start the engine (systemctl start docker, or `podman system service` for Podman), or check the path."
                    .into()
            }
            Self::NotASocket { .. } => "Point at the engine's socket file itself, e.g. /var/run/docker.sock.".into(),
            Self::SocketUnusable { .. } => {
                "Check that the engine runs and that you may use its socket (e.g. membership of the docker group)."
                    .into()
            }
            Self::TlsFileMissing { field, .. }
            | Self::TlsFileUnreadable { field, .. }
            | Self::TlsFileEmpty { field } => {
                format!(
                    "Give the path of the {} (for docker's own setup: ca.pem, cert.pem and key.pem in ~/.docker or \
                     DOCKER_CERT_PATH), readable by you.",
                    file_label(*field)
                )
            }
        }
    }
}

/// The engine to save from the form, or every problem found (name, address and files all at once).
pub fn check(kind: Kind, form: &EngineForm, taken: &[String]) -> Result<SavedEngine, Vec<EngineProblem>> {
    let mut problems = Vec::new();
    let name = form.name.trim();
    if name.is_empty() {
        problems.push(EngineProblem::NameEmpty);
    } else if name.chars().any(char::is_control) {
        problems.push(EngineProblem::NameInvalid { reason: "holds control characters".into() });
    } else if name.chars().count() > NAME_MAX {
        problems.push(EngineProblem::NameInvalid { reason: format!("is longer than {NAME_MAX} characters") });
    } else if taken.iter().any(|t| t == name) {
        problems.push(EngineProblem::NameTaken { name: name.into() });
    }
    let host = match address(kind, form.address.trim()) {
        Ok(host) => Some(host),
        Err(p) => {
            problems.push(p);
            None
        }
    };
    if let (Kind::Socket, Some(host)) = (kind, &host) {
        if let Some(p) = socket_problem(host.trim_start_matches("unix://")) {
            problems.push(p);
        }
    }
    let tls = (kind == Kind::Tls).then(|| SavedTls {
        ca: tls_file(Field::Ca, &form.ca, &mut problems),
        cert: tls_file(Field::Cert, &form.cert, &mut problems),
        key: tls_file(Field::Key, &form.key, &mut problems),
    });
    match host {
        Some(host) if problems.is_empty() => Ok(SavedEngine { name: name.into(), host, tls }),
        _ => Err(problems),
    }
}

/// The stored address for what was typed, scheme added where the kind says it.
fn address(kind: Kind, typed: &str) -> Result<String, EngineProblem> {
    let bad = |reason: &str| EngineProblem::BadAddress { address: typed.into(), reason: reason.into(), kind };
    if typed.is_empty() {
        return Err(EngineProblem::AddressEmpty { kind });
    }
    if typed.chars().any(|c| c.is_control() || c == ' ') {
        return Err(bad("it holds spaces or control characters"));
    }
    match kind {
        Kind::Socket => {
            let path = typed.strip_prefix("unix://").unwrap_or(typed);
            if typed.contains("://") && !typed.starts_with("unix://") {
                return Err(bad("a socket address starts with unix:// or is a plain path"));
            }
            if !path.starts_with('/') {
                return Err(bad("a socket path must be absolute (start with /)"));
            }
            Ok(format!("unix://{path}"))
        }
        Kind::Tcp | Kind::Tls => {
            let rest = match typed.split_once("://") {
                Some(("tcp", rest)) => rest,
                Some(("https", rest)) if kind == Kind::Tls => rest,
                Some(_) => return Err(bad("a TCP address starts with tcp:// or is host:port")),
                None => typed,
            };
            let rest = rest.strip_suffix('/').unwrap_or(rest);
            if rest.contains('/') || rest.contains('@') {
                return Err(bad("a TCP address is only host:port"));
            }
            let (host, port) = match rest.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (rest, None),
            };
            if host.is_empty() || host.starts_with('-') {
                return Err(bad("it names no host"));
            }
            let port = match port {
                Some(p) => p.parse::<u16>().ok().filter(|n| *n > 0).ok_or_else(|| bad("the port is not 1-65535"))?,
                // The ports the docker CLI assumes: 2376 with TLS, 2375 without.
                None if kind == Kind::Tls => 2376,
                None => 2375,
            };
            Ok(format!("tcp://{host}:{port}"))
        }
        Kind::Ssh => {
            let url = if typed.starts_with("ssh://") { typed.to_string() } else { format!("ssh://{typed}") };
            if url[6..].contains("://") {
                return Err(bad("an SSH address starts with ssh:// or is user@host"));
            }
            Destination::parse(&url).map(|_| url.clone()).map_err(|reason| bad(&reason))
        }
    }
}

/// Whether an engine could answer at `path`: a socket this user can connect to.
fn socket_problem(path: &str) -> Option<EngineProblem> {
    use std::os::unix::fs::FileTypeExt;
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some(EngineProblem::SocketMissing { path: path.into() })
        }
        Err(e) => return Some(EngineProblem::SocketUnusable { path: path.into(), reason: e.to_string() }),
    };
    if !meta.file_type().is_socket() {
        return Some(EngineProblem::NotASocket { path: path.into() });
    }
    match std::os::unix::net::UnixStream::connect(path) {
        Ok(_) => None,
        Err(e) => Some(EngineProblem::SocketUnusable { path: path.into(), reason: e.to_string() }),
    }
}

fn tls_file(field: Field, typed: &str, problems: &mut Vec<EngineProblem>) -> PathBuf {
    let path = PathBuf::from(typed.trim());
    let shown = path.display().to_string();
    if typed.trim().is_empty() {
        problems.push(EngineProblem::TlsFileEmpty { field });
    } else if !Path::new(&path).exists() {
        problems.push(EngineProblem::TlsFileMissing { field, path: shown });
    } else if let Err(e) = std::fs::File::open(&path) {
        problems.push(EngineProblem::TlsFileUnreadable { field, path: shown, reason: e.to_string() });
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, address: &str) -> EngineForm {
        EngineForm { name: name.into(), address: address.into(), ..EngineForm::default() }
    }

    fn codes(r: Result<SavedEngine, Vec<EngineProblem>>) -> Vec<(Code, Option<Field>)> {
        r.unwrap_err().iter().map(|p| (p.code(), p.field())).collect()
    }

    fn temp_dir(tag: &str) -> crate::testing::Scratch {
        crate::testing::scratch(&format!("netlens-form-{tag}")).unwrap()
    }

    #[test]
    fn addresses_get_their_scheme_and_the_docker_default_ports() {
        let ok = |kind, a: &str| check(kind, &form("x", a), &[]).unwrap().host;
        assert_eq!(ok(Kind::Tcp, "10.0.0.5"), "tcp://10.0.0.5:2375");
        assert_eq!(ok(Kind::Tcp, "tcp://lab:2380/"), "tcp://lab:2380");
        assert_eq!(ok(Kind::Ssh, "me@lab"), "ssh://me@lab");
        assert_eq!(
            ok(Kind::Ssh, "ssh://me@lab:2222/run/podman/podman.sock"),
            "ssh://me@lab:2222/run/podman/podman.sock"
        );
    }

    #[test]
    fn bad_addresses_are_refused_next_to_the_address_field_with_an_example() {
        for (kind, typed) in [
            (Kind::Tcp, ""),
            (Kind::Tcp, "http://lab:2375"),
            (Kind::Tcp, "lab:port"),
            (Kind::Tcp, "lab:70000"),
            (Kind::Tcp, "tcp://me@lab:2375"),
            (Kind::Socket, "relative/docker.sock"),
            (Kind::Socket, "tcp://lab"),
            (Kind::Ssh, "ssh://-oProxyCommand=x"),
            (Kind::Ssh, "tcp://lab"),
            (Kind::Ssh, "me@lab:22 extra"),
        ] {
            let problems = check(kind, &form("x", typed), &[]).unwrap_err();
            assert_eq!((problems[0].code(), problems[0].field()), (Code::BadEngineAddress, Some(Field::Address)));
            assert!(problems[0].hint().starts_with("Write it as"), "{typed}: {}", problems[0].hint());
        }
    }

    #[test]
    fn names_must_be_given_printable_short_and_new() {
        let ssh = |name: &str, taken: &[String]| codes(check(Kind::Ssh, &form(name, "me@lab"), taken));
        assert_eq!(ssh("  ", &[]), [(Code::NameEmpty, Some(Field::Name))]);
        assert_eq!(ssh("a\u{7}b", &[]), [(Code::NameInvalid, Some(Field::Name))]);
        assert_eq!(ssh(&"x".repeat(65), &[]), [(Code::NameInvalid, Some(Field::Name))]);
        assert_eq!(ssh("lab", &["lab".to_string()]), [(Code::NameTaken, Some(Field::Name))]);
        assert_eq!(check(Kind::Ssh, &form("  lab  ", "me@lab"), &[]).unwrap().name, "lab");
    }

    #[test]
    fn a_socket_must_exist_be_a_socket_and_answer() {
        let dir = temp_dir("socket");
        let missing = dir.join("none.sock");
        assert_eq!(
            codes(check(Kind::Socket, &form("s", missing.to_str().unwrap()), &[])),
            [(Code::SocketMissing, Some(Field::Address))]
        );
        let file = dir.join("plain");
        std::fs::write(&file, "").unwrap();
        let p = check(Kind::Socket, &form("s", file.to_str().unwrap()), &[]).unwrap_err();
        assert_eq!(p, [EngineProblem::NotASocket { path: file.display().to_string() }]);
        // A socket nobody listens on any more (its listener dropped) is refused with the system's reason.
        let stale = dir.join("stale.sock");
        drop(std::os::unix::net::UnixListener::bind(&stale).unwrap());
        assert_eq!(
            codes(check(Kind::Socket, &form("s", stale.to_str().unwrap()), &[])),
            [(Code::SocketUnusable, Some(Field::Address))]
        );
        let live = dir.join("live.sock");
        let _listener = std::os::unix::net::UnixListener::bind(&live).unwrap();
        let saved = check(Kind::Socket, &form("s", live.to_str().unwrap()), &[]).unwrap();
        assert_eq!(saved.host, format!("unix://{}", live.display()));
    }

    #[test]
    fn tls_needs_all_three_files_each_named_next_to_its_field() {
        let dir = temp_dir("tls");
        let ca = dir.join("ca.pem");
        std::fs::write(&ca, "x").unwrap();
        let f = EngineForm {
            name: "prod".into(),
            address: "prod.example".into(),
            ca: ca.display().to_string(),
            cert: dir.join("cert.pem").display().to_string(),
            key: String::new(),
        };
        assert_eq!(
            codes(check(Kind::Tls, &f, &[])),
            [(Code::TlsFileMissing, Some(Field::Cert)), (Code::TlsFileMissing, Some(Field::Key))]
        );
        std::fs::write(dir.join("cert.pem"), "x").unwrap();
        std::fs::write(dir.join("key.pem"), "x").unwrap();
        let f = EngineForm { key: dir.join("key.pem").display().to_string(), ..f };
        let saved = check(Kind::Tls, &f, &[]).unwrap();
        assert_eq!(saved.host, "tcp://prod.example:2376");
        assert_eq!(saved.tls.unwrap().ca, ca);
    }
}
