//! Ends an ssh forward whose Netlens is gone, even when it was killed and ran no `Drop`.
//!
//! `ssh -N` never reads its stdin, so it cannot notice that the process that started it ended; a remote
//! command instead of `-N` would see stdin close, but ssh then waits for every forwarded connection to be
//! closed by the far side, which an engine that is frozen or slow never does. And the workspace forbids the
//! `unsafe` a `prctl(PR_SET_PDEATHSIG)` in `pre_exec` would need. So beside each ssh Netlens starts a
//! watchdog: `/bin/sh` blocked reading a pipe whose only writing end Netlens holds (Rust opens pipes
//! close-on-exec, so no other child inherits it). However Netlens ends, the kernel closes that end, the
//! read returns, and the watchdog sends ssh SIGTERM (ssh ends at once, open channels or not) and removes
//! the forward's socket folder. On a normal end `Forward::close` stops the watchdog first (so it never
//! signals a process id that is no longer ssh), then ssh.
//!
//! Owns only that one process; the forward itself is `ssh.rs`'s.

use std::path::Path;
use std::process::{Child, Command, Stdio};

/// `$1` is ssh's process id, `$2` the socket folder. `read` is a shell builtin, so nothing else is started
/// until the pipe closes; the name after the script is what `ps` shows as `$0`.
const SCRIPT: &str = "read _; kill -TERM \"$1\" 2>/dev/null; rm -rf -- \"$2\"";

/// The watchdog's name in `ps`.
pub const NAME: &str = "netlens-ssh-watchdog";

/// Starts the watchdog of ssh `pid`, whose socket folder is `dir`.
pub fn start(pid: u32, dir: &Path) -> std::io::Result<Child> {
    Command::new("/bin/sh")
        .arg("-c")
        .arg(SCRIPT)
        .arg(NAME)
        .arg(pid.to_string())
        .arg(dir)
        // The pipe is the whole point: held open by this process only, closed by the kernel when it ends.
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
}

/// Ends the watchdog without letting it act: SIGKILL, so its `kill` never runs, then reaped.
pub fn stop(mut watchdog: Child) {
    let _ = watchdog.kill();
    let _ = watchdog.wait();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn gone(pid: u32) -> bool {
        // A zombie still has a /proc entry; its state is `Z`.
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|s| s.rsplit_once(") ").is_some_and(|(_, rest)| rest.starts_with('Z')))
            .unwrap_or(true)
    }

    fn until(limit: Duration, what: &str, done: impl Fn() -> bool) {
        let end = Instant::now() + limit;
        while !done() {
            assert!(Instant::now() < end, "{what} within {limit:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn when_the_pipe_closes_the_watched_process_is_ended_and_the_folder_removed() {
        let dir = crate::testing::scratch("netlens-watchdog").unwrap();
        let folder = dir.join("forward");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("docker.sock"), "").unwrap();
        let mut watched = Command::new("sleep").arg("60").spawn().unwrap();
        let mut watchdog = start(watched.id(), &folder).unwrap();
        std::thread::sleep(Duration::from_millis(200));
        assert!(watched.try_wait().unwrap().is_none(), "nothing happens while the pipe is open");
        // What the kernel does when Netlens dies: the pipe's only writing end is closed.
        drop(watchdog.stdin.take());
        let status = watched.wait().unwrap();
        assert_eq!(std::os::unix::process::ExitStatusExt::signal(&status), Some(15), "ended by SIGTERM");
        let _ = watchdog.wait();
        until(Duration::from_secs(5), "the folder is removed", || !folder.exists());
    }

    #[test]
    fn a_stopped_watchdog_leaves_the_process_alone() {
        let dir = crate::testing::scratch("netlens-watchdog-stop").unwrap();
        let mut watched = Command::new("sleep").arg("60").spawn().unwrap();
        let watchdog = start(watched.id(), &dir).unwrap();
        let id = watchdog.id();
        stop(watchdog);
        assert!(gone(id));
        std::thread::sleep(Duration::from_millis(200));
        assert!(watched.try_wait().unwrap().is_none(), "the process it watched still runs");
        assert!(dir.exists(), "and its folder is kept");
        let _ = watched.kill();
        let _ = watched.wait();
    }
}
