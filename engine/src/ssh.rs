//! `ssh://` engines, reached through a socket forward run by the system `ssh`.
//!
//! The pinned bollard (0.21, built with `ssl` only) has no SSH transport compiled in. Its optional `ssh`
//! feature runs `docker system dial-stdio` on the remote host (so it needs the docker CLI there, which a
//! Podman host lacks) and starts a new ssh master per HTTP connection; a plain forward of the remote socket
//! needs only `sshd` and is one process for the whole session. So Netlens runs
//! `ssh -nNT -L <private socket>:<remote socket> …` with `BatchMode` (it never waits on a password prompt),
//! `ExitOnForwardFailure` (a forward that cannot be set up ends ssh with its reason), and talks to the
//! private socket. The forward lives as long as the `Forward` value: dropping it ends ssh and removes the
//! socket's folder (readable by this user only: the socket is the remote engine, root there). A Netlens that
//! is killed runs no `Drop`: a watchdog (`ssh_watchdog.rs`) ends its ssh and removes the folder then.
//!
//! ssh is the user's own: its `~/.ssh/config`, keys, agent and `known_hosts` apply as for `ssh` in a
//! terminal, and an unknown or changed host key is refused (BatchMode never asks). The docker CLI refuses a
//! path in an `ssh://` address and runs `docker system dial-stdio` on the remote host; Netlens also reads
//! `ssh://host/path/to/engine.sock` to reach an engine on another socket than `/var/run/docker.sock`.
//!
//! Owns parsing `ssh://[user@]host[:port][/remote/socket]`, the command line, and the process. It must not
//! know about topology or the app; `Engine::connect` holds the forward.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[path = "ssh_watchdog.rs"]
mod watchdog;

/// The engine socket on the remote host when the address names none (the docker CLI's only choice).
pub const REMOTE_SOCKET: &str = "/var/run/docker.sock";
/// How long ssh may take to log in and set up the forward: its own `ConnectTimeout` plus authentication.
const OPEN_LIMIT: Duration = Duration::from_secs(20);

/// Where an `ssh://` address leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub user: Option<String>,
    pub host: String,
    pub port: Option<u16>,
    /// The engine's socket on the remote host.
    pub socket: String,
}

impl Destination {
    /// Reads `ssh://[user@]host[:port][/path/to/engine.sock]`; the reason says what to write instead.
    pub fn parse(address: &str) -> Result<Self, String> {
        let rest = address.strip_prefix("ssh://").ok_or_else(|| format!("`{address}` does not start with ssh://"))?;
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let (user, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let (host, port) = split_port(hostport)?;
        if host.is_empty() {
            return Err("the address names no host: write ssh://user@host".into());
        }
        // ssh reads a leading `-` as an option: a host or user may not start with one (nor hold spaces).
        if host.starts_with('-') || !host.chars().all(|c| c.is_ascii_alphanumeric() || ".-_:".contains(c)) {
            return Err(format!("`{host}` is not a host name or address"));
        }
        if let Some(u) = user {
            if u.is_empty() || u.starts_with('-') || !u.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
            {
                return Err(format!("`{u}` is not a user name"));
            }
        }
        let socket = match path {
            "" | "/" => REMOTE_SOCKET.to_string(),
            p if p.chars().any(|c| c.is_control() || c == ' ') => {
                return Err(format!("the remote socket path `{p}` holds spaces or control characters"))
            }
            p => p.to_string(),
        };
        Ok(Self { user: user.map(String::from), host: host.into(), port, socket })
    }

    /// `user@host` (or `host`), as ssh takes it.
    pub fn login(&self) -> String {
        match &self.user {
            Some(u) => format!("{u}@{}", self.host),
            None => self.host.clone(),
        }
    }

    /// The arguments of the forward to `local` (after the program name `ssh`).
    pub fn forward_args(&self, local: &Path) -> Vec<String> {
        let mut args: Vec<String> = ["-nNT", "-o", "ExitOnForwardFailure=yes", "-o", "BatchMode=yes"]
            .into_iter()
            .chain(["-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=10", "-o", "ServerAliveCountMax=3"])
            .chain(["-o", "StreamLocalBindUnlink=yes"])
            .map(String::from)
            .collect();
        args.push("-L".into());
        args.push(format!("{}:{}", local.display(), self.socket));
        if let Some(port) = self.port {
            args.push("-p".into());
            args.push(port.to_string());
        }
        // Nothing after `--` is read as an option, whatever the host is called.
        args.push("--".into());
        args.push(self.login());
        args
    }
}

/// `host`, `host:22`, `[::1]:22` or `[::1]`.
fn split_port(hostport: &str) -> Result<(&str, Option<u16>), String> {
    let bad_port = |p: &str| format!("`{p}` is not a port number (1-65535)");
    let parse_port = |p: &str| p.parse::<u16>().ok().filter(|n| *n > 0).ok_or_else(|| bad_port(p));
    if let Some(rest) = hostport.strip_prefix('[') {
        let (host, after) = rest.split_once(']').ok_or("an IPv6 address needs its closing `]`")?;
        return match after.strip_prefix(':') {
            Some(p) => Ok((host, Some(parse_port(p)?))),
            None if after.is_empty() => Ok((host, None)),
            None => Err(format!("unexpected `{after}` after the address")),
        };
    }
    match hostport.rsplit_once(':') {
        Some((h, p)) => Ok((h, Some(parse_port(p)?))),
        None => Ok((hostport, None)),
    }
}

/// A running `ssh` forward; ends with the value.
pub struct Forward {
    child: Mutex<Option<Child>>,
    /// Ends ssh if this process ends without `close` (killed); see `ssh_watchdog.rs`.
    watchdog: Mutex<Option<Child>>,
    dir: PathBuf,
    socket: PathBuf,
    login: String,
}

impl std::fmt::Debug for Forward {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Forward").field("login", &self.login).field("socket", &self.socket).finish()
    }
}

static NEXT: AtomicU32 = AtomicU32::new(0);

/// A folder only this user can enter: the forwarded socket is as powerful as the remote engine.
fn private_dir() -> std::io::Result<PathBuf> {
    use std::os::unix::fs::DirBuilderExt;
    let base = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = base.join(format!("netlens-ssh-{}-{n}", std::process::id()));
    std::fs::DirBuilder::new().mode(0o700).create(&dir)?;
    Ok(dir)
}

impl Forward {
    /// Starts ssh and waits until the local socket is there, or until ssh ends (its reason in the error).
    pub async fn open(dest: &Destination) -> Result<Self, String> {
        Self::open_with(dest, "ssh").await
    }

    /// As `open`, with another ssh program (tests stand in a script for it).
    pub async fn open_with(dest: &Destination, program: &str) -> Result<Self, String> {
        let dir = private_dir().map_err(|e| format!("could not make a folder for the ssh forward: {e}"))?;
        let socket = dir.join("docker.sock");
        let child = Command::new(program)
            .args(dest.forward_args(&socket))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn();
        let child = match child {
            Ok(c) => c,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                return Err(format!("could not run `{program}` ({e}); install the OpenSSH client"));
            }
        };
        let watchdog = match watchdog::start(child.id(), &dir) {
            Ok(w) => w,
            Err(e) => {
                let mut child = child;
                let _ = child.kill();
                let _ = child.wait();
                let _ = std::fs::remove_dir_all(&dir);
                return Err(format!("could not start the watchdog of the ssh forward with /bin/sh: {e}"));
            }
        };
        let forward = Self {
            child: Mutex::new(Some(child)),
            watchdog: Mutex::new(Some(watchdog)),
            dir,
            socket,
            login: dest.login(),
        };
        let deadline = Instant::now() + OPEN_LIMIT;
        loop {
            if forward.socket.exists() {
                return Ok(forward);
            }
            if let Some(said) = forward.exited() {
                return Err(failure(&forward.login, &said));
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "ssh to {} set up no forward within {} s; check that `ssh {} true` works in a terminal",
                    forward.login,
                    OPEN_LIMIT.as_secs(),
                    forward.login
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The local socket that leads to the remote engine.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// The ssh process's id while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(Child::id)
    }

    /// What ssh said on stderr, once it has ended; `None` while it runs.
    fn exited(&self) -> Option<String> {
        let mut slot = self.child.lock().unwrap_or_else(|p| p.into_inner());
        let child = slot.as_mut()?;
        match child.try_wait() {
            Ok(None) => None,
            Ok(Some(_)) | Err(_) => {
                let mut said = String::new();
                if let Some(mut err) = child.stderr.take() {
                    let _ = err.read_to_string(&mut said);
                }
                slot.take();
                Some(said)
            }
        }
    }

    /// The watchdog's process id while it runs.
    pub fn watchdog_pid(&self) -> Option<u32> {
        self.watchdog.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(Child::id)
    }

    /// Ends ssh and removes the socket's folder; idempotent.
    pub fn close(&self) {
        // The watchdog first: once ssh is reaped its process id is free, and a watchdog still running could
        // signal whatever process is given that id next.
        if let Some(w) = self.watchdog.lock().unwrap_or_else(|p| p.into_inner()).take() {
            watchdog::stop(w);
        }
        if let Some(mut child) = self.child.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Drop for Forward {
    fn drop(&mut self) {
        self.close();
    }
}

/// ssh's own words, trimmed, with what to do: a prompt was never an option.
fn failure(login: &str, said: &str) -> String {
    let said: Vec<&str> = said.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let said = if said.is_empty() { "it exited without a word".to_string() } else { said.join(" ") };
    format!(
        "ssh to {login} failed: {said}. Netlens runs ssh without prompts (BatchMode): check that `ssh {login} true` \
         works in a terminal without typing a password (a key in ssh-agent or ~/.ssh/config) and that the host key \
         is already known"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_with_user_port_and_remote_socket() {
        let d = Destination::parse("ssh://me@lab.example:2222").unwrap();
        assert_eq!(
            d,
            Destination {
                user: Some("me".into()),
                host: "lab.example".into(),
                port: Some(2222),
                socket: REMOTE_SOCKET.into()
            }
        );
        let d = Destination::parse("ssh://lab").unwrap();
        assert_eq!((d.login(), d.user, d.port), ("lab".to_string(), None, None));
        let d = Destination::parse("ssh://root@[fd00::5]:22/run/podman/podman.sock").unwrap();
        assert_eq!((d.host.as_str(), d.port, d.socket.as_str()), ("fd00::5", Some(22), "/run/podman/podman.sock"));
    }

    #[test]
    fn addresses_that_ssh_would_misread_are_refused_with_a_reason() {
        for (bad, says) in [
            ("tcp://lab:2375", "ssh://"),
            ("ssh://", "no host"),
            ("ssh://me@", "no host"),
            ("ssh://-oProxyCommand=touch%20x", "not a host"),
            ("ssh://-x@lab", "not a user"),
            ("ssh://me@lab:0", "port"),
            ("ssh://me@lab:99999", "port"),
            ("ssh://me@lab:ssh", "port"),
            ("ssh://me@[::1", "closing"),
            ("ssh://me@lab/run/my docker.sock", "spaces"),
        ] {
            let err = Destination::parse(bad).unwrap_err();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }

    #[test]
    fn the_forward_never_prompts_exits_on_failure_and_ends_options_before_the_host() {
        let d = Destination::parse("ssh://me@lab:2222").unwrap();
        let args = d.forward_args(Path::new("/run/user/0/netlens-ssh-1-0/docker.sock"));
        assert_eq!(
            args.join(" "),
            "-nNT -o ExitOnForwardFailure=yes -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=10 \
             -o ServerAliveCountMax=3 -o StreamLocalBindUnlink=yes \
             -L /run/user/0/netlens-ssh-1-0/docker.sock:/var/run/docker.sock -p 2222 -- me@lab"
        );
    }

    #[tokio::test]
    async fn a_failing_ssh_is_reported_in_its_own_words_with_what_to_do() {
        let dest = Destination::parse("ssh://me@lab").unwrap();
        let err = Forward::open_with(&dest, "false").await.unwrap_err();
        assert!(err.contains("ssh to me@lab failed"), "{err}");
        assert!(err.contains("BatchMode"), "{err}");
        let err = Forward::open_with(&dest, "/nonexistent/ssh").await.unwrap_err();
        assert!(err.contains("OpenSSH client"), "{err}");
    }

    #[tokio::test]
    async fn the_real_ssh_refused_by_a_closed_port_fails_fast_and_leaves_no_folder() {
        if Command::new("ssh").arg("-V").output().is_err() {
            eprintln!("SKIPPED: no ssh client");
            return;
        }
        // Port 1 on the loopback: nothing listens, so ssh fails at once without any prompt.
        let dest = Destination::parse("ssh://nobody@127.0.0.1:1").unwrap();
        let began = Instant::now();
        let err = Forward::open(&dest).await.unwrap_err();
        assert!(err.contains("Connection refused") || err.contains("connect to host"), "{err}");
        assert!(began.elapsed() < Duration::from_secs(10), "took {:?}", began.elapsed());
    }

    #[tokio::test]
    async fn closing_a_forward_ends_its_process_and_removes_its_socket_folder() {
        // A stand-in for ssh that makes the socket path's file and then waits, as a forward does.
        let dir = std::env::temp_dir().join(format!("netlens-fake-ssh-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let script = dir.join("ssh");
        // The local socket is the word after -L, up to the last colon.
        std::fs::write(
            &script,
            "#!/bin/sh\nwhile [ \"$1\" != -L ]; do shift; done\nsock=\"${2%:*}\"\n: > \"$sock\"\nexec sleep 60\n",
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let dest = Destination::parse("ssh://me@lab").unwrap();
        let forward = Forward::open_with(&dest, script.to_str().unwrap()).await.unwrap();
        let pid = forward.pid().unwrap();
        let watchdog = forward.watchdog_pid().unwrap();
        let folder = forward.socket().parent().unwrap().to_path_buf();
        use std::os::unix::fs::MetadataExt;
        assert_eq!(std::fs::metadata(&folder).unwrap().mode() & 0o777, 0o700, "only this user may use the socket");
        drop(forward);
        assert!(!folder.exists(), "the socket folder is removed");
        assert!(!Path::new(&format!("/proc/{pid}")).exists(), "the ssh process is ended and reaped");
        assert!(!Path::new(&format!("/proc/{watchdog}")).exists(), "and so is its watchdog");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
