//! A real frozen engine (issue 11): a private dockerd of this test's own, stopped with SIGSTOP while
//! Netlens's event stream is open (the connection stays up and silent, which nothing notices by itself),
//! then continued with SIGCONT. The follow task reports it gone within seconds, and after the thaw reads it
//! whole again: the view matches the engine, with what was made before the freeze and nothing stale. The
//! shared test engine is never touched: `bench/stop-engine.sh` stops only this engine's processes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use netlens_core::model::Snapshot;
use netlens_engine::events::{follow, LiveUpdate};
use netlens_engine::{Engine, Target};
use netlens_tests::live::noticed_gone;
use netlens_tests::{sandbox_dir, workspace_dir};

/// A sandbox engine in a temporary folder, stopped and deleted at the end, pass or fail.
struct PrivateEngine {
    dir: PathBuf,
    host: String,
}

impl PrivateEngine {
    fn start() -> Self {
        let dir = std::env::temp_dir().join(format!("netlens-frozen-{}", std::process::id()));
        let out = Command::new(sandbox_dir().join("engine.sh"))
            .arg("start")
            .env("NETLENS_SANDBOX_DIR", &dir)
            // Beside the test engine: no second set of firewall rules.
            .env("NETLENS_SANDBOX_IPTABLES", "off")
            .output()
            .expect("engine.sh runs");
        let host = String::from_utf8_lossy(&out.stdout).lines().last().unwrap_or_default().to_string();
        let engine = Self { dir, host };
        assert!(
            out.status.success() && engine.host.starts_with("unix://"),
            "the private engine did not start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        engine
    }

    fn pid(&self) -> String {
        std::fs::read_to_string(self.dir.join("dockerd.pid")).expect("dockerd.pid").trim().to_string()
    }

    fn signal(&self, signal: &str) {
        let ok = Command::new("kill").args([signal, &self.pid()]).status().is_ok_and(|s| s.success());
        assert!(ok, "kill {signal} dockerd");
    }

    fn docker(&self, args: &[&str]) -> String {
        let out = Command::new("docker").arg("-H").arg(&self.host).args(args).output().expect("docker runs");
        assert!(out.status.success(), "docker {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for PrivateEngine {
    fn drop(&mut self) {
        // Continued first: a stopped dockerd cannot stop itself.
        let _ = Command::new("kill").args(["-CONT", &self.pid()]).status();
        let _ = Command::new(workspace_dir().join("bench/stop-engine.sh")).arg(&self.dir).output();
        remove_unmounted(&self.dir);
    }
}

/// Deletes the folder unless something is still mounted under it (then it is left for the next stop).
fn remove_unmounted(dir: &Path) {
    let mounts = std::fs::read_to_string("/proc/self/mounts").unwrap_or_default();
    if !mounts.contains(&*dir.to_string_lossy()) {
        let _ = std::fs::remove_dir_all(dir);
    }
}

fn names(s: &Snapshot) -> Vec<String> {
    let mut v: Vec<String> = s.networks.iter().map(|n| n.name.clone()).collect();
    v.sort();
    v
}

/// The follow task's next update, or None when none came within `limit`.
async fn next(rx: &mut tokio::sync::mpsc::UnboundedReceiver<LiveUpdate>, limit: Duration) -> Option<LiveUpdate> {
    tokio::time::timeout(limit, rx.recv()).await.ok().flatten()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dockerd_stopped_with_sigstop_is_noticed_and_read_whole_when_it_continues() {
    let engine = PrivateEngine::start();
    let target = Target { context: "test".into(), host: engine.host.clone(), tls: None, source: "test" };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let task = tokio::spawn(follow(target.clone(), tx));
    let mut seen = Snapshot::default();
    let deadline = Instant::now() + Duration::from_secs(15);
    while !names(&seen).contains(&"nl-frozen-before".to_string()) {
        if seen.networks.is_empty() {
            // Made once the stream is open, so it arrives as a live change.
            if let Some(LiveUpdate::Snapshot(s)) = next(&mut rx, Duration::from_secs(10)).await {
                seen = s;
                engine.docker(&["network", "create", "nl-frozen-before"]);
            }
            continue;
        }
        match next(&mut rx, Duration::from_secs(5)).await {
            Some(LiveUpdate::Patch(p)) => {
                seen.apply(&p);
            }
            Some(LiveUpdate::Snapshot(s)) => seen = s,
            _ => {}
        }
        assert!(Instant::now() < deadline, "the network made before the freeze was never seen");
    }

    engine.signal("-STOP");
    let noticed = noticed_gone(&mut rx, Instant::now()).await;
    let (after, reason) = noticed.expect("a dockerd stopped with SIGSTOP is reported as gone");
    eprintln!("SIGSTOP noticed after {after:?}: {reason}");
    assert!(after < Duration::from_secs(5), "took {after:?}");

    engine.signal("-CONT");
    let thawed_at = Instant::now();
    let fresh = loop {
        match next(&mut rx, Duration::from_secs(15)).await {
            Some(LiveUpdate::Snapshot(s)) => break s,
            Some(_) => continue,
            None => panic!("no full read within 15 s of SIGCONT"),
        }
    };
    eprintln!("read whole {:?} after SIGCONT", thawed_at.elapsed());
    let now = Engine::connect(&target).await.expect("the engine answers").snapshot().await.expect("snapshot");
    assert_eq!(names(&fresh), names(&now), "the view after the thaw is the engine's, nothing stale");
    assert!(names(&fresh).contains(&"nl-frozen-before".to_string()));
    task.abort();
}
