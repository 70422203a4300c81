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

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[path = "ssh_watchdog.rs"]
mod watchdog;

/// The engine socket on the remote host when the address names none (the docker CLI's only choice).
pub const REMOTE_SOCKET: &str = "/var/run/docker.sock";
/// How long ssh may take to log in and set up the forward: its own `ConnectTimeout` plus authentication.
const OPEN_LIMIT: Duration = Duration::from_secs(20);
/// How much of ssh's stderr is kept: its complaints are a few lines; a chatty config must not grow memory.
const SAID_LIMIT: usize = 4096;

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
    /// What ssh wrote on stderr so far, read line by line as it comes: a refused forward is said there while
    /// ssh keeps running (`channel 1: open failed: …`), and the engine client only sees the connection reset.
    said: Arc<Mutex<String>>,
    reader: Mutex<Option<std::thread::JoinHandle<()>>>,
    dir: PathBuf,
    socket: PathBuf,
    remote: String,
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
        let mut child = child;
        let said: Arc<Mutex<String>> = Arc::default();
        let reader = child.stderr.take().map(|err| {
            let said = said.clone();
            std::thread::spawn(move || collect(std::io::BufReader::new(err), &said))
        });
        let forward = Self {
            child: Mutex::new(Some(child)),
            watchdog: Mutex::new(Some(watchdog)),
            said,
            reader: Mutex::new(reader),
            dir,
            socket,
            remote: dest.socket.clone(),
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
                slot.take();
                // ssh has ended, so its stderr reaches its end: everything it said is in.
                if let Some(reader) = self.reader.lock().unwrap_or_else(|p| p.into_inner()).take() {
                    let _ = reader.join();
                }
                Some(self.said())
            }
        }
    }

    /// What ssh said on stderr so far, one line after another.
    pub fn said(&self) -> String {
        self.said.lock().unwrap_or_else(|p| p.into_inner()).lines().collect::<Vec<_>>().join(" ")
    }

    /// `reason` (the engine client's, e.g. "connection reset") with what ssh said about it: a forward the
    /// remote sshd refused or a remote socket that is not there is only said by ssh, on its stderr, a moment
    /// after the client saw the connection close.
    pub async fn explain(&self, reason: &str) -> String {
        for _ in 0..10 {
            if !self.said().is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(30)).await;
        }
        let said = self.said();
        if said.contains("open failed") || said.contains("prohibited") {
            format!(
                "{reason}; ssh said: {said}. Check that {} exists on {} and that the login may open it, and that \
                 its sshd allows socket forwarding (AllowTcpForwarding and AllowStreamLocalForwarding yes or local)",
                self.remote, self.login
            )
        } else if said.is_empty() {
            reason.to_string()
        } else {
            format!("{reason}; ssh said: {said}")
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

/// Keeps what ssh writes on stderr, up to `SAID_LIMIT`, until it closes.
fn collect(err: impl BufRead, said: &Mutex<String>) {
    for line in err.lines() {
        let Ok(line) = line else { break };
        let mut said = said.lock().unwrap_or_else(|p| p.into_inner());
        let line = line.trim();
        if !line.is_empty() && said.len() + line.len() < SAID_LIMIT {
            said.push_str(line);
            said.push('\n');
        }
    }
}

/// ssh's own words (`Forward::said`: trimmed, on one line), with what to do: a prompt was never an option.
fn failure(login: &str, said: &str) -> String {
    let said = if said.is_empty() { "it exited without a word" } else { said };
    format!(
        "ssh to {login} failed: {said}. Netlens runs ssh without prompts (BatchMode): check that `ssh {login} true` \
         works in a terminal without typing a password (a key in ssh-agent or ~/.ssh/config) and that the host key \
         is already known"
    )
}

#[cfg(test)]
#[path = "ssh_tests.rs"]
mod tests;
