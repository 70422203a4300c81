//! A child started in a process group of its own, so that ending it ends everything it started too.
//!
//! `tauri-driver` starts `WebKitWebDriver`, which starts the app and its web processes; killing
//! `tauri-driver` alone leaves the rest running (one `WebKitWebDriver` per window test was left after every
//! `make test`). Signals go to the whole group through the system `kill` (no `unsafe`); membership is read
//! from `/proc`. Linux only, like the rest of the end-to-end tests. Must not signal anything outside the group.

use std::process::{Child, Command};
use std::time::{Duration, Instant};

use std::os::unix::process::CommandExt;

/// A child leading its own process group; the group is ended when this is dropped.
pub struct Group {
    leader: Child,
    /// The group ID: the leader's PID, which the kernel does not hand out again while the group has members.
    id: u32,
}

impl Group {
    /// Starts `cmd` as the leader of a new process group.
    pub fn spawn(cmd: &mut Command) -> std::io::Result<Group> {
        let leader = cmd.process_group(0).spawn()?;
        let id = leader.id();
        Ok(Group { leader, id })
    }

    pub fn id(&self) -> u32 {
        self.id
    }

    /// The live processes of the group, as `(pid, command name)`; zombies (already dead) are not counted.
    pub fn members(&self) -> Vec<(u32, String)> {
        members_of(self.id)
    }

    /// Asks the whole group to stop (SIGTERM), then kills whatever is left after `grace` (SIGKILL), and
    /// reaps the leader. Returns the processes still alive after that: empty, unless something escaped.
    pub fn end(&mut self, grace: Duration) -> Vec<(u32, String)> {
        if !self.members().is_empty() {
            self.signal("TERM");
            if !wait_empty(self.id, grace) {
                self.signal("KILL");
                wait_empty(self.id, Duration::from_secs(5));
            }
        }
        let _ = self.leader.kill();
        let _ = self.leader.wait();
        self.members()
    }

    /// Signals every member. Only sent while the group has members, so its ID cannot name another group.
    fn signal(&self, signal: &str) {
        let _ = Command::new("kill").args([format!("-{signal}"), "--".into(), format!("-{}", self.id)]).status();
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let left = self.end(Duration::from_secs(2));
        if !left.is_empty() {
            eprintln!("process group {} outlived its end: {left:?}", self.id);
        }
    }
}

/// Live (non-zombie) processes whose process group is `group`.
pub fn members_of(group: u32) -> Vec<(u32, String)> {
    let Ok(dir) = std::fs::read_dir("/proc") else { return Vec::new() };
    let mut found = Vec::new();
    for entry in dir.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        // `pid (comm) state ppid pgrp ...`; the name may hold spaces and parentheses, so split after the last `)`.
        let Some((head, tail)) = stat.rsplit_once(')') else { continue };
        let name = head.split_once('(').map(|(_, n)| n.to_string()).unwrap_or_default();
        let fields: Vec<&str> = tail.split_whitespace().collect();
        let (Some(&state), Some(pgrp)) = (fields.first(), fields.get(2).and_then(|g| g.parse::<u32>().ok())) else {
            continue;
        };
        if pgrp == group && state != "Z" && state != "X" {
            found.push((pid, name));
        }
    }
    found.sort();
    found
}

/// Live (non-zombie) processes with their command lines.
pub fn processes() -> Vec<(u32, Vec<String>)> {
    let Ok(dir) = std::fs::read_dir("/proc") else { return Vec::new() };
    let mut found = Vec::new();
    for entry in dir.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        let zombie = std::fs::read_to_string(entry.path().join("stat"))
            .map(|s| s.rsplit_once(") ").is_some_and(|(_, rest)| rest.starts_with('Z')))
            .unwrap_or(true);
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else { continue };
        if zombie || cmdline.is_empty() {
            continue;
        }
        let argv =
            cmdline.split(|b| *b == 0).filter(|a| !a.is_empty()).map(|a| String::from_utf8_lossy(a).into_owned());
        found.push((pid, argv.collect()));
    }
    found
}

/// Live processes whose command line contains every one of `parts`, as `(pid, command line)`: a check that
/// does not rely on group membership (a process that left the group is still found by its arguments).
pub fn running_with(parts: &[&str]) -> Vec<(u32, String)> {
    let mut found: Vec<(u32, String)> = processes()
        .into_iter()
        .map(|(pid, argv)| (pid, argv.join(" ")))
        .filter(|(_, line)| parts.iter().all(|p| line.contains(p)))
        .collect();
    found.sort();
    found
}

fn wait_empty(group: u32, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if members_of(group).is_empty() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ending_a_group_ends_the_grandchildren_too() {
        // A shell that starts two long sleeps in the background and waits: killing the shell alone would leave
        // the sleeps behind, as killing tauri-driver alone left WebKitWebDriver.
        let marker = format!("300.{}", std::process::id());
        let script = format!("sleep {marker} & sleep {marker} & wait");
        let mut group = Group::spawn(Command::new("sh").args(["-c", &script])).unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        while group.members().iter().filter(|(_, n)| n == "sleep").count() < 2 {
            assert!(Instant::now() < deadline, "the sleeps started: {:?}", group.members());
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(running_with(&["sleep", &marker]).len() >= 2, "found by their arguments too");
        let left = group.end(Duration::from_secs(2));
        assert!(left.is_empty(), "nothing of the group is left: {left:?}");
        assert!(members_of(group.id()).is_empty());
        assert_eq!(running_with(&["sleep", &marker]), vec![], "no sleep outlived the group");
    }
}
