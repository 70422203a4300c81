//! `ssh://` engines against a real sshd (issue 11): a private sshd on a free loopback port (`tests/src/sshd.rs`)
//! stands for the remote host, and "the remote engine" is the sandbox's socket on this machine, named in the
//! address's path (`ssh://user@127.0.0.1:port/root/.cache/netlens/sandbox/docker.sock`). Netlens runs the
//! system ssh with the test's client config (strict host key checking, the test's key) and must read what a
//! direct read reads, change the engine through the forward, and leave no ssh, watchdog or socket behind
//! when it ends: normally, or killed with SIGKILL while a forwarded connection is open.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use netlens::dto::ops::EndpointConfigDto;
use netlens::engines::{Engines, Silent};
use netlens::service::endpoints;
use netlens::state::{AppState, LiveConfig};
use netlens_core::model::Snapshot;
use netlens_engine::{Engine, Environment, Target};
use netlens_tests::group::Group;
use netlens_tests::sshd::{processes, within, Sshd};
use netlens_tests::{docker, docker_host, netlens_binary, run_idle, Cleanup};

/// This process's `PATH` with the test's `ssh` first, put back when dropped (the app under test runs `ssh`
/// from `PATH` in this process).
struct PathSet(Option<OsString>);

impl PathSet {
    fn to(path: OsString) -> Self {
        let old = std::env::var_os("PATH");
        std::env::set_var("PATH", path);
        Self(old)
    }
}

impl Drop for PathSet {
    fn drop(&mut self) {
        match self.0.take() {
            Some(p) => std::env::set_var("PATH", p),
            None => std::env::remove_var("PATH"),
        }
    }
}

fn sandbox_socket() -> String {
    docker_host().strip_prefix("unix://").expect("the sandbox is a unix socket").to_string()
}

fn target(host: &str) -> Target {
    Target { context: "test".into(), host: host.into(), tls: None, source: "test" }
}

/// What both reads must agree on: every network whole, and each container's networks.
fn essence(s: &Snapshot) -> (Vec<String>, BTreeMap<String, Vec<String>>) {
    let mut nets: Vec<String> = s.networks.iter().map(|n| format!("{n:?}")).collect();
    nets.sort();
    let containers = s
        .containers
        .iter()
        .map(|c| {
            let mut on: Vec<String> = c.endpoints.iter().map(|e| e.network_id.clone()).collect();
            on.sort();
            (c.id.clone(), on)
        })
        .collect();
    (nets, containers)
}

async fn read(host: &str) -> (Snapshot, Engine) {
    let engine = Engine::connect(&target(host)).await.unwrap_or_else(|e| panic!("connect to {host}: {e}"));
    (engine.snapshot().await.unwrap(), engine)
}

/// The local socket of ssh `pid`'s forward: the word after `-L`, up to the last colon.
fn forward_socket(pid: u32) -> PathBuf {
    let (_, argv) = processes().into_iter().find(|(p, _)| *p == pid).expect("the ssh runs");
    let spec = argv.windows(2).find(|w| w[0] == "-L").map(|w| w[1].clone()).expect("ssh forwards a socket");
    PathBuf::from(spec.rsplit_once(':').unwrap().0)
}

/// The forwards' folders in a runtime folder the test gave Netlens (`XDG_RUNTIME_DIR`).
fn folders(run: &Path) -> Vec<String> {
    std::fs::read_dir(run).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect()
}

/// No ssh to this server is left, nor a watchdog of a forward whose folder's path holds `scope` (other runs
/// of these tests may have forwards of their own at the same time).
fn nothing_left(sshd: &Sshd, scope: &str) -> bool {
    let watchdogs = processes()
        .into_iter()
        .filter(|(_, a)| a.iter().any(|w| w == "netlens-ssh-watchdog") && a.iter().any(|w| w.contains(scope)))
        .count();
    sshd.clients().is_empty() && watchdogs == 0
}

/// What the forwards this test process opens have in their folder's name.
fn ours() -> String {
    format!("netlens-ssh-{}-", std::process::id())
}

fn export(sshd: &Sshd, host: &str, path: OsString, run: &Path) -> Output {
    Command::new(netlens_binary())
        .args(["export", "--format", "json"])
        .env("DOCKER_HOST", host)
        .env("PATH", path)
        .env("XDG_RUNTIME_DIR", run)
        .env_remove("DOCKER_CONTEXT")
        .env_remove("NETLENS_SANDBOX")
        .current_dir(sshd.folder("cwd"))
        .output()
        .expect("netlens runs")
}

fn exported(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "netlens export failed: {}", String::from_utf8_lossy(&out.stderr));
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v.as_object_mut().unwrap().remove("engine");
    v
}

fn private(dir: PathBuf) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread")]
async fn netlens_through_a_real_sshd_reads_what_a_direct_read_reads_and_its_connect_lands() {
    let Some(sshd) = Sshd::start() else { return };
    let _path = PathSet::to(sshd.path());
    let address = sshd.address(&sandbox_socket());

    // Other sessions share the sandbox: compare only when two direct reads around the ssh one agree.
    let mut agreed = false;
    for _ in 0..5 {
        let (before, _) = read(&docker_host()).await;
        let (via, engine) = read(&address).await;
        let (after, _) = read(&docker_host()).await;
        let ssh = engine.tunnel_pid().expect("an ssh forward runs");
        assert_eq!(sshd.clients(), vec![ssh], "one ssh, to the test's server");
        let socket = forward_socket(ssh);
        drop(engine);
        within(Duration::from_secs(5), "the forward ends with its engine", || nothing_left(&sshd, &ours()));
        assert!(!socket.parent().unwrap().exists(), "the forward's folder is removed");
        if essence(&before) == essence(&after) {
            assert_eq!(essence(&via), essence(&before), "the read through ssh equals the direct read");
            agreed = true;
            break;
        }
    }
    assert!(agreed, "the sandbox never held still for two reads");

    // The app's own state, followed through ssh as the window follows it, and a connect made through it.
    let cleanup = Cleanup::new("ssh-engine");
    let pid = std::process::id();
    let net = format!("nls-net-{pid}");
    let net_id = docker(&["network", "create", "--label", &cleanup.label, &net]);
    let boxed = run_idle(&format!("nls-box-{pid}"), &cleanup, &[]);
    let config = LiveConfig { target: target(&address), sandbox: false, sandbox_reason: None };
    let state = Arc::new(AppState::new(&config));
    let app = sshd.folder("app");
    let env =
        Environment { docker_host: Some(address.clone()), config_dir: Some(app.join("docker")), ..Default::default() };
    let engines =
        Engines::new(state.clone(), &config, env, Some(app), tokio::runtime::Handle::current(), Arc::new(Silent));
    engines.start().await;
    let seen = state
        .wait_for_view(Duration::from_secs(30), |t| t.network(&net_id).is_some() && t.container(&boxed).is_some())
        .await;
    assert!(seen, "the view through ssh never showed the test's network and container; sshd: {}", sshd.log());
    let ssh = sshd.clients();
    assert!(!ssh.is_empty(), "the view is read through ssh");
    let socket = forward_socket(ssh[0]);

    endpoints::connect(&state, &boxed, &net_id, &EndpointConfigDto::default()).await.unwrap();
    let on = |t: &netlens_core::topology::Topology| t.endpoints_of(&boxed).iter().any(|(n, _)| n.id == net_id);
    assert!(state.wait_for_view(Duration::from_secs(20), on).await, "the connect shows in the view");
    let nets = docker(&["inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", &boxed]);
    assert!(nets.split_whitespace().any(|n| n == net), "the engine has the connect: {nets}");

    // What the window does on quit: every ssh it started ends, with its watchdog and socket folder.
    engines.stop().await;
    within(Duration::from_secs(5), "no ssh or watchdog after the app stopped", || nothing_left(&sshd, &ours()));
    assert!(!socket.parent().unwrap().exists(), "the forward's folder is removed");
}

#[test]
fn netlens_export_through_ssh_prints_the_direct_export_explains_failures_and_leaves_nothing() {
    let Some(sshd) = Sshd::start() else { return };
    let run = private(sshd.folder("run"));
    let scope = run.to_string_lossy().into_owned();
    let address = sshd.address(&sandbox_socket());
    let mut agreed = false;
    for _ in 0..5 {
        let before = exported(&export(&sshd, &docker_host(), sshd.path(), &run));
        let via = exported(&export(&sshd, &address, sshd.path(), &run));
        let after = exported(&export(&sshd, &docker_host(), sshd.path(), &run));
        assert!(nothing_left(&sshd, &scope), "export ended its ssh");
        assert_eq!(folders(&run), Vec::<String>::new(), "export removed its forward's folder");
        if before == after {
            assert_eq!(via, before, "the export through ssh equals the direct export");
            agreed = true;
            break;
        }
    }
    assert!(agreed, "the sandbox never held still for two exports");

    // A remote socket that is not there: the reason is ssh's, with what to check, and nothing is left.
    let out = export(&sshd, &sshd.address("/nonexistent/engine.sock"), sshd.path(), &run);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("ssh said") && said.contains("open failed"), "{said}");
    assert!(said.contains("/nonexistent/engine.sock exists on"), "{said}");
    assert!(nothing_left(&sshd, &scope), "the failed read left nothing");
    assert_eq!(folders(&run), Vec::<String>::new());

    // A server whose key is not the one known is refused, without a prompt and without a trace.
    let out = export(&sshd, &address, sshd.path_with_wrong_host_key(), &run);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "an unknown host key must fail");
    assert!(said.contains("Host key verification failed") || said.contains("HOST IDENTIFICATION"), "{said}");
    assert!(nothing_left(&sshd, &scope), "the refused ssh left nothing");
    assert_eq!(folders(&run), Vec::<String>::new());
}

/// A "remote engine" that accepts connections and never answers nor closes them: the forwarded connection
/// stays open, as with a frozen engine, so ssh would wait for it for ever on its own.
struct SilentEngine {
    stop: Arc<AtomicBool>,
    accepted: Arc<AtomicUsize>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SilentEngine {
    fn at(path: &Path) -> Self {
        let listener = UnixListener::bind(path).unwrap();
        listener.set_nonblocking(true).unwrap();
        let (stop, accepted) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicUsize::new(0)));
        let (s, a) = (stop.clone(), accepted.clone());
        let thread = std::thread::spawn(move || {
            let mut held = Vec::new();
            while !s.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((conn, _)) => {
                        held.push(conn);
                        a.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(20)),
                }
            }
        });
        Self { stop, accepted, thread: Some(thread) }
    }
}

impl Drop for SilentEngine {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn sigkill(pid: u32) {
    let status = Command::new("kill").args(["-KILL", &pid.to_string()]).status().unwrap();
    assert!(status.success(), "kill -KILL {pid}");
}

#[test]
fn a_netlens_export_killed_mid_read_leaves_no_ssh_and_no_socket() {
    let Some(sshd) = Sshd::start() else { return };
    let run = private(sshd.folder("run"));
    let scope = run.to_string_lossy().into_owned();
    let remote = sshd.folder("remote").join("engine.sock");
    let engine = SilentEngine::at(&remote);
    let mut netlens = Group::spawn(
        Command::new(netlens_binary())
            .args(["export"])
            .env("DOCKER_HOST", sshd.address(&remote.to_string_lossy()))
            .env("PATH", sshd.path())
            .env("XDG_RUNTIME_DIR", &run)
            .env_remove("DOCKER_CONTEXT")
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )
    .unwrap();
    within(Duration::from_secs(20), "export's request reaches the remote engine through ssh", || {
        engine.accepted.load(Ordering::Relaxed) > 0
    });
    assert_eq!(sshd.clients().len(), 1, "one ssh forward runs");
    assert_eq!(folders(&run).len(), 1, "with one socket folder");
    sigkill(netlens.id());
    within(Duration::from_secs(5), "the killed export's ssh and watchdog end", || nothing_left(&sshd, &scope));
    within(Duration::from_secs(5), "its socket folder is removed", || folders(&run).is_empty());
    assert!(netlens.end(Duration::from_secs(1)).is_empty(), "nothing of its group is left");
}

#[test]
fn a_window_killed_with_sigkill_leaves_no_ssh_and_no_socket() {
    let Some(sshd) = Sshd::start() else { return };
    if Command::new("xvfb-run").arg("--help").output().is_err() {
        eprintln!("\n*** SKIPPED: xvfb-run is not installed, so the window's ssh teardown was NOT tested. ***\n");
        return;
    }
    let run = private(sshd.folder("run"));
    let scope = run.to_string_lossy().into_owned();
    let home = sshd.folder("home");
    let mut window = Group::spawn(
        Command::new("xvfb-run")
            .args(["-a", "-s", "-screen 0 1280x800x24"])
            .arg(netlens_binary())
            .env("DOCKER_HOST", sshd.address(&sandbox_socket()))
            .env("PATH", sshd.path())
            .env("XDG_RUNTIME_DIR", &run)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env_remove("DOCKER_CONTEXT")
            .env_remove("NETLENS_SANDBOX")
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )
    .unwrap();
    // The folder is `netlens-ssh-<pid of the process that runs the forward>-<n>`.
    let mut owner = None;
    within(Duration::from_secs(60), "the window opens an ssh forward", || {
        owner = folders(&run).iter().find_map(|f| f.strip_prefix("netlens-ssh-")?.split('-').next()?.parse().ok());
        owner.is_some() && !sshd.clients().is_empty()
    });
    let owner: u32 = owner.unwrap();
    let exe = std::fs::read_link(format!("/proc/{owner}/exe")).unwrap();
    assert!(exe.file_name().unwrap().to_string_lossy().starts_with("netlens"), "the forward is the app's: {exe:?}");
    sigkill(owner);
    within(Duration::from_secs(5), "the killed window's ssh and watchdog end", || nothing_left(&sshd, &scope));
    within(Duration::from_secs(5), "its socket folder is removed", || {
        folders(&run).iter().all(|f| !f.starts_with("netlens-ssh-"))
    });
    let _ = window.end(Duration::from_secs(5));
}
