//! A private Podman service for one test (`tests/sandbox/podman.sh` with its state in a temporary folder):
//! started fresh, driven through its own podman CLI, purged (stopped and deleted) when dropped. Used by the
//! Podman integration test, the engine switch test and the window's engine switcher test.

use std::path::PathBuf;
use std::process::Command;

use crate::sandbox_dir;

/// The test image podman.sh imports (busybox-static).
pub const IMAGE: &str = "netlens/busybox:latest";

/// The private Podman service of one test: started in a fresh folder, purged (stopped and deleted) at the end.
pub struct PodmanService {
    dir: tempfile::TempDir,
    pub host: String,
}

impl PodmanService {
    /// `None` (with a loud message) only when podman is not installed; CI installs it (`.ci/deps.sh`).
    pub fn start() -> Option<Self> {
        if !Command::new("podman").arg("--version").output().is_ok_and(|o| o.status.success()) {
            eprintln!(
                "\n*** SKIPPED: podman is not installed, so Netlens was NOT tested against Podman. \
                 Install it (apt-get install podman, or .ci/deps.sh) to run this test. ***\n"
            );
            return None;
        }
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut service = Self { dir, host: String::new() };
        service.host = service.script(&["start"]).lines().last().unwrap_or_default().to_string();
        assert!(service.host.starts_with("unix://"), "podman.sh start printed {:?}", service.host);
        Some(service)
    }

    pub fn script(&self, args: &[&str]) -> String {
        let out = Command::new(sandbox_dir().join("podman.sh"))
            .args(args)
            .env("NETLENS_PODMAN_DIR", self.dir.path())
            .output()
            .expect("podman.sh runs");
        assert!(
            out.status.success(),
            "podman.sh {} failed:\n{}{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The podman CLI on this service's state only.
    pub fn podman(&self, args: &[&str]) -> String {
        let mut all = vec!["podman"];
        all.extend_from_slice(args);
        self.script(&all)
    }

    /// A container that stays up; `marker` in its command line lets the test look for it after the end.
    pub fn run_idle(&self, name: &str, marker: &str, extra: &[&str]) -> String {
        let mut args = vec!["run", "-d", "--name", name];
        args.extend_from_slice(extra);
        args.extend_from_slice(&[IMAGE, "sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done", marker]);
        self.podman(&args)
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
}

impl Drop for PodmanService {
    fn drop(&mut self) {
        // Idempotent: after a passing test this finds nothing left; after a failing one it ends everything.
        let _ = Command::new(sandbox_dir().join("podman.sh"))
            .arg("purge")
            .env("NETLENS_PODMAN_DIR", self.dir.path())
            .output();
    }
}
