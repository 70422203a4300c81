//! A private OpenSSH server for one test, and an ssh client set up to trust it and only it.
//!
//! `/usr/sbin/sshd -D -e -f <dir>/sshd_config -p <free port>` listens on 127.0.0.1 only, with a host key made
//! for it and one authorized key made for the test, never the system sshd nor port 22. The client side is
//! the system `ssh` with a config file of the test's own (`-F`): OpenSSH finds `~/.ssh` through the password
//! database, not `$HOME`, so the test cannot point it elsewhere by environment. `bin/ssh` is a two-line
//! script that runs the real ssh with that config; a Netlens whose `PATH` starts with `bin/` runs it as it
//! runs `ssh`, with strict host key checking (the test's `known_hosts` holds this server's key only).
//!
//! Dropping the value ends every ssh whose command line names this server's port (found in `/proc`, ended
//! by process id) and the sshd group, so a failing test leaves nothing running.

use std::ffi::OsString;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::free_port;
pub use crate::group::processes;
use crate::group::Group;

pub const SSHD: &str = "/usr/sbin/sshd";

pub struct Sshd {
    dir: tempfile::TempDir,
    pub port: u16,
    pub user: String,
    sshd: Option<Group>,
}

fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("could not {what}: {e}"));
    assert!(out.status.success(), "could not {what}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn keygen(path: &Path) -> String {
    run(
        Command::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-C", "netlens-test", "-f"]).arg(path),
        "make a key",
    );
    std::fs::read_to_string(path.with_extension("pub")).expect("the public key").trim().to_string()
}

impl Sshd {
    /// `None` (with a loud message) only when sshd is not installed; CI installs it (`.ci/deps.sh`).
    pub fn start() -> Option<Self> {
        if !Path::new(SSHD).exists() {
            eprintln!(
                "\n*** SKIPPED: {SSHD} is not installed, so ssh:// engines were NOT tested against a real sshd. \
                 Run .ci/deps.sh (it installs openssh-server without starting the system sshd). ***\n"
            );
            return None;
        }
        let dir = tempfile::tempdir().expect("a temporary folder");
        let d = dir.path();
        let user = run(Command::new("id").arg("-un"), "ask who runs the test");
        // sshd running as root insists on its privilege separation folder, which only the system service
        // makes (and /run is emptied at boot).
        if run(Command::new("id").arg("-u"), "ask for the user id") == "0" {
            std::fs::create_dir_all("/run/sshd").expect("/run/sshd");
        }
        let host_key = keygen(&d.join("host_key"));
        let client_key = keygen(&d.join("id_ed25519"));
        std::fs::write(d.join("authorized_keys"), format!("{client_key}\n")).unwrap();
        let port = free_port();
        // Forwarding is limited to what Netlens needs: local forwards. `AllowTcpForwarding no` would refuse
        // socket forwards too (sshd turns all local forwarding off with it), as a remote host set so would.
        std::fs::write(
            d.join("sshd_config"),
            format!(
                "ListenAddress 127.0.0.1\nHostKey {0}/host_key\nAuthorizedKeysFile {0}/authorized_keys\n\
                 StrictModes no\nPidFile {0}/sshd.pid\nPubkeyAuthentication yes\nPasswordAuthentication no\n\
                 KbdInteractiveAuthentication no\nUsePAM no\nPermitRootLogin prohibit-password\nAllowUsers {user}\n\
                 AllowStreamLocalForwarding local\nAllowTcpForwarding local\nPermitTTY no\nX11Forwarding no\n",
                d.display()
            ),
        )
        .unwrap();
        std::fs::write(d.join("known_hosts"), format!("[127.0.0.1]:{port} {host_key}\n")).unwrap();
        Self::client_config(d, "ssh_config", "known_hosts");
        let sshd = Group::spawn(
            Command::new(SSHD)
                .args(["-D", "-e", "-f"])
                .arg(d.join("sshd_config"))
                .args(["-p", &port.to_string()])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(d.join("sshd.log")).unwrap()),
        )
        .expect("sshd starts");
        let server = Self { dir, port, user, sshd: Some(sshd) };
        let began = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(began.elapsed() < Duration::from_secs(10), "sshd did not listen: {}", server.log());
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(server)
    }

    /// A client config trusting the host keys in `known` only, and `bin/ssh` (or `bin-<name>/ssh`) using it.
    fn client_config(d: &Path, name: &str, known: &str) -> PathBuf {
        std::fs::write(
            d.join(name),
            format!(
                "Host *\n  IdentityFile {0}/id_ed25519\n  IdentitiesOnly yes\n  IdentityAgent none\n  \
                 UserKnownHostsFile {0}/{known}\n  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n  \
                 UpdateHostKeys no\n",
                d.display()
            ),
        )
        .unwrap();
        let bin = if name == "ssh_config" { d.join("bin") } else { d.join(format!("bin-{name}")) };
        std::fs::create_dir_all(&bin).unwrap();
        let real = run(Command::new("sh").args(["-c", "command -v ssh"]), "find the system ssh");
        let script = bin.join("ssh");
        std::fs::write(&script, format!("#!/bin/sh\nexec {real} -F {} \"$@\"\n", d.join(name).display())).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        bin
    }

    /// `PATH` with the test's `ssh` first.
    pub fn path(&self) -> OsString {
        Self::path_with(&self.dir.path().join("bin"))
    }

    /// `PATH` whose `ssh` trusts another host key than this server's (a server that changed its key, or an
    /// impostor): ssh must refuse it.
    pub fn path_with_wrong_host_key(&self) -> OsString {
        let other = keygen(&self.dir.path().join("other_host_key"));
        std::fs::write(self.dir.path().join("wrong_known_hosts"), format!("[127.0.0.1]:{} {other}\n", self.port))
            .unwrap();
        Self::path_with(&Self::client_config(self.dir.path(), "wrong_config", "wrong_known_hosts"))
    }

    fn path_with(bin: &Path) -> OsString {
        let mut dirs = vec![bin.to_path_buf()];
        dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
        std::env::join_paths(dirs).expect("a PATH")
    }

    /// `ssh://user@127.0.0.1:port/remote/socket`: the engine socket `socket` on "the remote host" (here).
    pub fn address(&self, socket: &str) -> String {
        format!("ssh://{}@127.0.0.1:{}{socket}", self.user, self.port)
    }

    /// A folder of this server's temporary directory, made on first use.
    pub fn folder(&self, name: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::create_dir_all(&p).unwrap();
        p
    }

    /// The live ssh clients talking to this server (their command line names its port), as process ids.
    pub fn clients(&self) -> Vec<u32> {
        let port = format!("{}", self.port);
        processes()
            .into_iter()
            .filter(|(_, argv)| {
                argv.first().is_some_and(|a| a.ends_with("ssh"))
                    && argv.windows(2).any(|w| w[0] == "-p" && w[1] == port)
            })
            .map(|(pid, _)| pid)
            .collect()
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("sshd.log")).unwrap_or_default()
    }
}

/// Waits until `done` holds, or panics with `what` after `limit`.
pub fn within(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let began = Instant::now();
    while !done() {
        assert!(began.elapsed() < limit, "not within {limit:?}: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        // The clients first, by process id: a test that failed half way may have left its forward running.
        for pid in self.clients() {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
        }
        if let Some(mut sshd) = self.sshd.take() {
            let left = sshd.end(Duration::from_secs(2));
            if !left.is_empty() {
                eprintln!("the test sshd outlived its end: {left:?}");
            }
        }
    }
}
