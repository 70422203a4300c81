//! Shared helpers for the integration and end-to-end tests: which engine to use (the sandbox unless
//! `NETLENS_TEST_DOCKER_HOST` names one), the docker CLI against it, labelled clean-up, and the binary.
//!
//! Tests never touch another engine: every docker call here passes `-H` explicitly.

// This crate is test harness only: a failed set-up step should stop the test loudly, so panicking is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod group;
pub mod live;
pub mod podman;
pub mod proxy;
pub mod sshd;
pub mod window;

/// A loopback port nobody listens on now (the OS picks it), for a test's own server or driver.
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    listener.local_addr().expect("its address").port()
}

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The engine the tests use; starts the sandbox (and its test image) on first use.
pub fn docker_host() -> String {
    static HOST: OnceLock<String> = OnceLock::new();
    HOST.get_or_init(|| {
        if let Ok(h) = std::env::var("NETLENS_TEST_DOCKER_HOST") {
            if !h.is_empty() {
                return h;
            }
        }
        let dir = sandbox_dir();
        run_checked(Command::new(dir.join("engine.sh")).arg("start"), "start the sandbox engine");
        let out = run_checked(Command::new(dir.join("engine.sh")).arg("host"), "ask the sandbox for its socket");
        let host = String::from_utf8_lossy(&out.stdout).trim().to_string();
        run_checked(Command::new(dir.join("image.sh")).env("DOCKER_HOST", &host), "build the test image");
        host
    })
    .clone()
}

pub fn sandbox_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sandbox")
}

pub fn workspace_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run_checked(cmd: &mut Command, what: &str) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("could not {what}: {e}"));
    assert!(
        out.status.success(),
        "could not {what}:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs the docker CLI against the test engine; panics with its output when it fails.
pub fn docker(args: &[&str]) -> String {
    let out = docker_output(args);
    assert!(out.status.success(), "docker {} failed:\n{}", args.join(" "), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Whether a docker CLI command on the sandbox engine succeeds (e.g. `network inspect X`: X exists).
pub fn docker_ok(args: &[&str]) -> bool {
    docker_output(args).status.success()
}

pub fn docker_output(args: &[&str]) -> Output {
    Command::new("docker")
        .arg("-H")
        .arg(docker_host())
        .args(args)
        .env_remove("DOCKER_CONTEXT")
        .output()
        .expect("the docker CLI runs")
}

pub fn docker_json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&docker(args)).expect("docker printed JSON")
}

/// Brings up the demo topology (idempotent).
pub fn ensure_demo() {
    let host = docker_host();
    run_checked(Command::new(sandbox_dir().join("demo.sh")).arg("up").env("DOCKER_HOST", host), "bring up the demo");
}

/// Removes, on drop, every container and network labelled `netlens.test=<name>`.
pub struct Cleanup {
    pub label: String,
}

impl Cleanup {
    pub fn new(name: &str) -> Self {
        let c = Self { label: format!("netlens.test={name}") };
        c.sweep();
        c
    }

    pub fn label_args(&self) -> [&str; 2] {
        ["--label", self.label.as_str()]
    }

    fn sweep(&self) {
        let filter = format!("label={}", self.label);
        let ids = docker(&["ps", "-aq", "--filter", &filter]);
        for id in ids.lines().filter(|l| !l.is_empty()) {
            let _ = docker_output(&["rm", "-f", id]);
        }
        let nets = docker(&["network", "ls", "-q", "--filter", &filter]);
        for id in nets.lines().filter(|l| !l.is_empty()) {
            let _ = docker_output(&["network", "rm", id]);
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.sweep();
    }
}

/// A debug binary built by `cargo build -p netlens`.
fn debug_binary(name: &str) -> PathBuf {
    let target =
        std::env::var("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|_| workspace_dir().join("target"));
    let bin = target.join("debug").join(name);
    assert!(bin.exists(), "{} is missing: run `cargo build -p netlens` first (make app)", bin.display());
    bin
}

/// `netlens`, the command a person types: it exports itself and, for the window, becomes `netlens-window`
/// (same process), so the window tests start it the way a person does.
pub fn netlens_binary() -> PathBuf {
    debug_binary("netlens")
}

/// `netlens-window`, the program `netlens` runs for the window.
pub fn window_binary() -> PathBuf {
    debug_binary("netlens-window")
}

/// Runs `netlens` with the given engine and no docker context from the user's config.
pub fn netlens(args: &[&str], docker_host: &str) -> Output {
    Command::new(netlens_binary())
        .args(args)
        .env("DOCKER_HOST", docker_host)
        .env_remove("DOCKER_CONTEXT")
        .env_remove("NETLENS_SANDBOX")
        .output()
        .expect("netlens runs")
}

/// Starts a container from the locally built test image that stays up and stops at once on SIGTERM.
pub fn run_idle(name: &str, cleanup: &Cleanup, extra: &[&str]) -> String {
    let mut args = vec!["run", "-d", "--name", name, "--label", cleanup.label.as_str()];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["netlens/busybox:latest", "sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]);
    docker(&args)
}

/// Creates a network carrying the test's label (removed with the rest); its ID.
pub fn labelled_network(name: &str, cleanup: &Cleanup) -> String {
    docker(&["network", "create", "--label", &cleanup.label, name])
}
