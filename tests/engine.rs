//! Integration tests of the read path against the sandbox engine: Netlens' view matches what the
//! docker CLI says, the snapshot costs two requests, and events keep the view current.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use netlens_core::events::Rereads;
use netlens_core::model::{Container, Snapshot};
use netlens_core::topology::Topology;
use netlens_engine::events::{follow, LiveUpdate};
use netlens_engine::{Engine, Target};
use netlens_tests::live::noticed_gone;
use netlens_tests::proxy::CountingProxy;
use netlens_tests::{docker, docker_host, docker_json, ensure_demo, netlens, run_idle, Cleanup};
use serde_json::Value;

fn target(host: &str) -> Target {
    Target { context: "test".into(), host: host.into(), tls: None, source: "test" }
}

#[allow(clippy::expect_used)] // a test helper: failing loudly is the point
async fn snapshot() -> Snapshot {
    let engine = Engine::connect(&target(&docker_host())).await.expect("sandbox engine answers");
    engine.snapshot().await.expect("snapshot")
}

fn s(v: &Value) -> Option<String> {
    v.as_str().filter(|s| !s.is_empty()).map(String::from)
}

fn map(v: &Value) -> BTreeMap<String, String> {
    v.as_object()
        .map(|o| o.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_topology_matches_docker_inspect_exactly() {
    ensure_demo();
    let snap = snapshot().await;
    let ids = docker(&["network", "ls", "-q", "--no-trunc"]);
    let mut cli_ids: Vec<&str> = ids.lines().collect();
    cli_ids.sort();
    let mut our_ids: Vec<&str> = snap.networks.iter().map(|n| n.id.as_str()).collect();
    our_ids.sort();
    assert_eq!(our_ids, cli_ids, "every network, and nothing else");
    for n in &snap.networks {
        let i = &docker_json(&["network", "inspect", &n.id])[0];
        assert_eq!(n.name, i["Name"].as_str().unwrap());
        assert_eq!(n.driver, i["Driver"].as_str().unwrap(), "{}", n.name);
        assert_eq!(n.scope, i["Scope"].as_str().unwrap());
        assert_eq!(n.internal, i["Internal"].as_bool().unwrap());
        assert_eq!(n.attachable, i["Attachable"].as_bool().unwrap());
        assert_eq!(n.enable_ipv6, i["EnableIPv6"].as_bool().unwrap());
        assert_eq!(n.options, map(&i["Options"]), "{} options", n.name);
        assert_eq!(n.labels, map(&i["Labels"]), "{} labels", n.name);
        let created = chrono::DateTime::parse_from_rfc3339(i["Created"].as_str().unwrap()).unwrap();
        let ours = chrono::DateTime::parse_from_rfc3339(n.created.as_deref().unwrap()).unwrap();
        assert_eq!(ours, created, "{} created", n.name);
        let cfgs: Vec<(Option<String>, Option<String>)> = i["IPAM"]["Config"]
            .as_array()
            .map(|a| a.iter().map(|c| (s(&c["Subnet"]), s(&c["Gateway"]))).collect())
            .unwrap_or_default();
        let ours: Vec<_> = n.ipam.iter().map(|c| (c.subnet.clone(), c.gateway.clone())).collect();
        assert_eq!(ours, cfgs, "{} IPAM", n.name);
        // Every endpoint the network inspect lists is one we have, with the same address and MAC.
        let topo = Topology::from_snapshot(&snap);
        let ours = topo.containers_on(&n.id);
        let theirs = i["Containers"].as_object().cloned().unwrap_or_default();
        assert_eq!(
            ours.iter().filter(|(c, _)| c.state.is_live()).count(),
            theirs.len(),
            "{}: running endpoints",
            n.name
        );
        for (cid, ep) in theirs {
            let (_, e) = ours.iter().find(|(c, _)| c.id == cid).unwrap_or_else(|| panic!("{cid} on {}", n.name));
            let want_ip = s(&ep["IPv4Address"]);
            let have_ip = e.ipv4.as_ref().map(|ip| format!("{ip}/{}", e.ipv4_prefix.unwrap_or(0)));
            assert_eq!(have_ip, want_ip, "{} ipv4 on {}", cid, n.name);
            assert_eq!(e.mac, s(&ep["MacAddress"]));
            assert_eq!(e.endpoint_id, s(&ep["EndpointID"]));
        }
    }
    let all = docker(&["ps", "-aq", "--no-trunc"]);
    assert_eq!(snap.containers.len(), all.lines().count(), "every container, running or not");
    for c in &snap.containers {
        let i = &docker_json(&["inspect", &c.id])[0];
        assert_eq!(c.name, i["Name"].as_str().unwrap().trim_start_matches('/'));
        assert_eq!(c.state.as_str(), i["State"]["Status"].as_str().unwrap());
        assert_eq!(c.network_mode, i["HostConfig"]["NetworkMode"].as_str().unwrap());
        let nets = i["NetworkSettings"]["Networks"].as_object().cloned().unwrap_or_default();
        assert_eq!(c.endpoints.len(), nets.len(), "{} endpoints", c.name);
        for e in &c.endpoints {
            let want = &nets[&e.network_name];
            assert_eq!(Some(e.network_id.clone()), s(&want["NetworkID"]));
            assert_eq!(e.ipv4, s(&want["IPAddress"]), "{} on {}", c.name, e.network_name);
            assert_eq!(e.ipv6, s(&want["GlobalIPv6Address"]));
            assert_eq!(e.mac, s(&want["MacAddress"]));
            assert_eq!(e.gateway, s(&want["Gateway"]));
            assert_eq!(e.static_ipv4, s(&want["IPAMConfig"]["IPv4Address"]), "{} static", c.name);
        }
    }
    // The demo's shape, so a broken demo cannot pass by matching itself.
    let topo = Topology::from_snapshot(&snap);
    let gateway = snap.containers.iter().find(|c| c.name == "gateway").unwrap();
    assert_eq!(topo.endpoints_of(&gateway.id).len(), 3);
    let nightly = snap.containers.iter().find(|c| c.name == "nightly-job").unwrap();
    assert!(!nightly.state.is_live());
    for (name, driver) in
        [("backend", "bridge"), ("vault", "bridge"), ("lan", "macvlan"), ("host", "host"), ("none", "null")]
    {
        assert_eq!(topo.network_by_name(name).map(|n| n.driver.as_str()), Some(driver), "{name}");
    }
    assert!(topo.network_by_name("vault").unwrap().internal);
}

#[tokio::test(flavor = "multi_thread")]
async fn snapshot_takes_two_requests_with_fifty_networks() {
    let cleanup = Cleanup::new("two-requests");
    for i in 0..50 {
        docker(&["network", "create", "--label", &cleanup.label, &format!("nl-count-{i:02}")]);
    }
    let upstream = PathBuf::from(docker_host().trim_start_matches("unix://"));
    let dir = tempfile::tempdir().unwrap();
    let proxy = CountingProxy::start(&dir.path().join("count.sock"), &upstream);
    let engine = Engine::connect(&target(&proxy.host())).await.unwrap();
    let before = proxy.requests();
    let snap = engine.snapshot().await.unwrap();
    let used = proxy.requests() - before;
    assert!(snap.networks.iter().filter(|n| n.name.starts_with("nl-count-")).count() == 50);
    assert_eq!(used, 2, "list networks + list containers, whatever the number of networks");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_export_read_asks_the_version_and_the_two_lists_at_once_and_sees_what_a_snapshot_sees() {
    let upstream = PathBuf::from(docker_host().trim_start_matches("unix://"));
    let dir = tempfile::tempdir().unwrap();
    let proxy = CountingProxy::start(&dir.path().join("once.sock"), &upstream);
    let (engine, snap) = Engine::connect_and_snapshot(&target(&proxy.host())).await.unwrap();
    // A swarm left on the shared engine by another test adds the services request, as in any snapshot.
    let services = usize::from(netlens_core::model::maybe_in_swarm(&snap.networks, &snap.containers));
    assert_eq!(proxy.requests(), 3 + services, "/version, the networks and the containers: nothing asked twice");
    let direct = Engine::connect(&target(&docker_host())).await.unwrap();
    assert_eq!(engine.info(), direct.info());
    // Other tests change the shared engine meanwhile: the two ways agree on one of a few tries.
    let names = |s: &Snapshot| {
        let mut names: Vec<String> = s.networks.iter().map(|n| n.name.clone()).collect();
        names.extend(s.containers.iter().map(|c| c.name.clone()));
        names
    };
    let mut last = (vec![], vec![]);
    for _ in 0..5 {
        let (_, once) = Engine::connect_and_snapshot(&target(&docker_host())).await.unwrap();
        let apart = direct.snapshot().await.unwrap();
        last = (names(&once), names(&apart));
        if last.0 == last.1 {
            break;
        }
    }
    assert!(last.0.iter().any(|n| n == "bridge"), "{:?}", last.0);
    assert_eq!(last.0, last.1, "the same engine read both ways");
}

/// Follows the engine (full snapshots, then patches folded into the last one) until `pred` holds for
/// what it shows; returns when that was.
async fn time_until(
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<LiveUpdate>,
    seen: &mut Snapshot,
    limit: Duration,
    pred: impl Fn(&Snapshot) -> bool,
) -> Option<Instant> {
    let deadline = Instant::now() + limit;
    while let Ok(Some(update)) = tokio::time::timeout_at(deadline.into(), rx.recv()).await {
        if fold(seen, update) && pred(seen) {
            return Some(Instant::now());
        }
    }
    None
}

/// The test engine followed through a counting proxy, past its first snapshot.
struct Followed {
    /// Holds the proxy's socket.
    dir: tempfile::TempDir,
    proxy: CountingProxy,
    rx: tokio::sync::mpsc::UnboundedReceiver<LiveUpdate>,
    task: tokio::task::JoinHandle<()>,
    seen: Snapshot,
}

#[allow(clippy::unwrap_used, clippy::expect_used)] // a test helper: failing loudly is the point
async fn follow_through_proxy(name: &str) -> Followed {
    let upstream = PathBuf::from(docker_host().trim_start_matches("unix://"));
    let dir = tempfile::tempdir().unwrap();
    let proxy = CountingProxy::start(&dir.path().join(format!("{name}.sock")), &upstream);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let task = tokio::spawn(follow(target(&proxy.host()), tx));
    let mut seen = Snapshot::default();
    time_until(&mut rx, &mut seen, Duration::from_secs(10), |_| true).await.expect("first snapshot");
    Followed { dir, proxy, rx, task, seen }
}

/// Folds a live update into what the follower has seen; false when it carried no topology.
fn fold(seen: &mut Snapshot, update: LiveUpdate) -> bool {
    match update {
        LiveUpdate::Snapshot(s) => *seen = s,
        LiveUpdate::Patch(p) => {
            seen.apply(&p);
        }
        _ => return false,
    }
    true
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reread_asks_only_for_the_named_container_and_network_in_one_request_each() {
    let cleanup = Cleanup::new("reread");
    docker(&["network", "create", "--label", &cleanup.label, "nl-reread"]);
    let id = run_idle("nl-reread-box", &cleanup, &["--network", "nl-reread"]);
    let net = docker(&["network", "inspect", "-f", "{{.Id}}", "nl-reread"]).trim().to_string();
    let upstream = PathBuf::from(docker_host().trim_start_matches("unix://"));
    let dir = tempfile::tempdir().unwrap();
    let proxy = CountingProxy::start(&dir.path().join("reread.sock"), &upstream);
    let engine = Engine::connect(&target(&proxy.host())).await.unwrap();
    let asked = Rereads {
        containers: [id.clone(), "0".repeat(64)].into_iter().collect(),
        networks: [net.clone()].into_iter().collect(),
        ..Rereads::default()
    };
    let before = proxy.requests();
    let patch = engine.reread(&asked).await.unwrap();
    assert_eq!(proxy.requests() - before, 2, "one list of containers, one of networks");
    let found: BTreeMap<_, _> = patch.containers.iter().map(|(k, v)| (k.clone(), v.is_some())).collect();
    assert_eq!(found.get(&id), Some(&true), "{patch:?}");
    assert_eq!(found.get(&"0".repeat(64)), Some(&false), "a container that is gone is said to be gone");
    let (_, box_now) = patch.containers.iter().find(|(k, _)| *k == id).unwrap();
    assert!(box_now.as_ref().unwrap().endpoints.iter().any(|e| e.network_name == "nl-reread"));
    assert_eq!(patch.networks[0].1.as_ref().map(|n| n.name.as_str()), Some("nl-reread"));
}

#[tokio::test(flavor = "multi_thread")]
async fn cli_connect_appears_through_events_within_a_second() {
    let cleanup = Cleanup::new("events");
    docker(&["network", "create", "--label", &cleanup.label, "nl-events"]);
    let id = run_idle("nl-events-box", &cleanup, &[]);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let task = tokio::spawn(follow(target(&docker_host()), tx));
    let mut seen = Snapshot::default();
    time_until(&mut rx, &mut seen, Duration::from_secs(10), |_| true).await.expect("first snapshot");
    // Let the replayed recent events settle so the measurement sees only our connect.
    tokio::time::sleep(Duration::from_millis(300)).await;
    while let Ok(update) = rx.try_recv() {
        fold(&mut seen, update);
    }
    let started = Instant::now();
    docker(&["network", "connect", "nl-events", &id]);
    let at = time_until(&mut rx, &mut seen, Duration::from_secs(5), |s| {
        s.containers.iter().any(|c| c.id == id && c.endpoints.iter().any(|e| e.network_name == "nl-events"))
    })
    .await
    .expect("the connect shows up");
    let elapsed = at - started;
    eprintln!("connect visible after {elapsed:?} (including the docker CLI's own run time)");
    assert!(elapsed < Duration::from_secs(1), "took {elapsed:?}");
    docker(&["network", "disconnect", "nl-events", &id]);
    time_until(&mut rx, &mut seen, Duration::from_secs(5), |s| {
        s.containers.iter().any(|c| c.id == id && c.endpoints.iter().all(|e| e.network_name != "nl-events"))
    })
    .await
    .expect("the disconnect shows up");
    task.abort();
}

/// The first patch that reads a container after `docker network connect` (or `disconnect`) names it
/// already shows the change: the read waits for Docker to save what its event announced instead of going
/// out early and again. It is an inspect of that one container (`Engine::reread_attachments`), and what it
/// gives is what a list of the container gives (no flip-flop when the next full read lists it), with an
/// alias and a static address on the connect. Without the wait a list sent on the event came back before
/// the change in most tries.
#[tokio::test(flavor = "multi_thread")]
async fn the_first_read_after_a_connect_or_disconnect_event_already_shows_it_as_a_list_would() {
    let cleanup = Cleanup::new("settled");
    let subnet = ["network", "create", "--label", &cleanup.label, "--subnet", "192.168.251.0/24", "nl-settled"];
    docker(&subnet);
    let net = docker(&["network", "inspect", "-f", "{{.Id}}", "nl-settled"]).trim().to_string();
    let id = run_idle("nl-settled-box", &cleanup, &[]);
    let engine = Engine::connect(&target(&docker_host())).await.unwrap();
    let Followed { dir: _dir, proxy, mut rx, task, mut seen } = follow_through_proxy("settled").await;
    for round in 0..3 {
        for (verb, joined) in [("connect", true), ("disconnect", false)] {
            // The rechecks of earlier reads (up to 300 ms after them) are over before the change.
            tokio::time::sleep(Duration::from_millis(400)).await;
            while let Ok(update) = rx.try_recv() {
                fold(&mut seen, update);
            }
            let ip = format!("192.168.251.{}", 10 + round);
            let args: &[&str] = match joined {
                true => &["network", "connect", "--alias", "nl-settled-alias", "--ip", &ip, "nl-settled", &id],
                false => &["network", "disconnect", "nl-settled", &id],
            };
            let before = proxy.container_lists();
            docker(args);
            let deadline = Instant::now() + Duration::from_secs(5);
            let first = loop {
                let update = tokio::time::timeout_at(deadline.into(), rx.recv()).await;
                let Ok(Some(update)) = update else { panic!("round {round}: no read of the container after {verb}") };
                if let LiveUpdate::Patch(p) = update {
                    if let Some((_, found)) = p.containers.into_iter().find(|(c, _)| *c == id) {
                        break found.expect("the container is still there");
                    }
                }
            };
            assert_eq!(proxy.container_lists(), before, "round {round}: an inspect answered the `{verb}`, not a list");
            let on = first.endpoints.iter().find(|e| e.network_id == net);
            assert_eq!(
                on.is_some(),
                joined,
                "round {round}: the first read after `{verb}` shows the container as before"
            );
            if let Some(e) = on {
                assert_eq!(e.static_ipv4.as_deref(), Some(ip.as_str()), "round {round}: {e:?}");
            }
            let asked = Rereads { containers: [id.clone()].into_iter().collect(), ..Rereads::default() };
            let listed = engine.reread(&asked).await.unwrap().containers.remove(0).1.expect("listed");
            // The status line ("Up 2 seconds") ages between any two reads; the next full read brings it.
            let aged = |c: Container| Container { status: String::new(), ..c };
            assert_eq!(
                aged(first),
                aged(listed),
                "round {round}: after `{verb}`, the read that showed it and a list agree"
            );
        }
    }
    task.abort();
}

#[tokio::test(flavor = "multi_thread")]
async fn engine_gone_is_reported_and_recovered_by_itself() {
    let upstream = PathBuf::from(docker_host().trim_start_matches("unix://"));
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("flaky.sock");
    let proxy = CountingProxy::start(&sock, &upstream);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let task = tokio::spawn(follow(target(&proxy.host()), tx));
    let mut seen = Snapshot::default();
    time_until(&mut rx, &mut seen, Duration::from_secs(10), |_| true).await.expect("first snapshot");
    proxy.shutdown();
    let mut saw_unreachable = false;
    let deadline = Instant::now() + Duration::from_secs(10);
    while let Ok(Some(u)) = tokio::time::timeout_at(deadline.into(), rx.recv()).await {
        if let LiveUpdate::Unreachable { reason, .. } = u {
            assert!(!reason.is_empty());
            saw_unreachable = true;
            break;
        }
    }
    assert!(saw_unreachable, "losing the engine is reported");
    let back = CountingProxy::start(&sock, &upstream);
    let mut again = Snapshot::default();
    time_until(&mut rx, &mut again, Duration::from_secs(15), |s| !s.networks.is_empty())
        .await
        .expect("recovers by itself");
    assert!(back.requests() >= 2);
    task.abort();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_frozen_engine_is_noticed_and_what_changed_meanwhile_is_read_when_it_thaws() {
    let cleanup = Cleanup::new("frozen");
    let Followed { dir: _dir, proxy, mut rx, task, .. } = follow_through_proxy("frozen").await;
    // The engine stops answering but keeps the event stream's connection open: nothing ends on its own.
    proxy.freeze();
    let noticed = noticed_gone(&mut rx, Instant::now()).await;
    let (after, reason) = noticed.expect("a frozen engine is reported as gone");
    eprintln!("frozen engine noticed after {after:?}: {reason}");
    assert!(after < Duration::from_secs(5), "took {after:?}");
    // Changed while frozen (straight to the engine, past the proxy), then the engine comes back.
    docker(&["network", "create", "--label", &cleanup.label, "nl-frozen-made"]);
    proxy.thaw();
    let mut fresh = Snapshot::default();
    time_until(&mut rx, &mut fresh, Duration::from_secs(10), |s| s.networks.iter().any(|n| n.name == "nl-frozen-made"))
        .await
        .expect("after the thaw, a full read shows what changed meanwhile");
    task.abort();
}

#[test]
fn export_prints_json_dot_and_mermaid() {
    ensure_demo();
    let host = docker_host();
    let out = netlens(&["export", "--format", "json"], &host);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v["networks"].as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap()).collect();
    for want in ["backend", "bridge", "frontend", "host", "lan", "none", "vault"] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    assert_eq!(v["engine"]["endpoint"], host);
    assert!(v["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["containerName"] == "gateway" && e["staticIpv4"] == "10.214.20.10"));
    let dot = netlens(&["export", "--format", "dot"], &host);
    assert!(String::from_utf8_lossy(&dot.stdout).starts_with("digraph netlens {"));
    let mermaid = netlens(&["export", "--format=mermaid"], &host);
    let text = String::from_utf8_lossy(&mermaid.stdout);
    assert!(text.starts_with("graph LR") && text.contains("backend (bridge)"));
}

#[test]
fn export_filters_like_the_window_and_writes_the_file_whole() {
    ensure_demo();
    let host = docker_host();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shown.json");
    let path = file.to_str().unwrap();
    let out = netlens(&["export", "--hide-stopped", "--hide-predefined", "--output", path], &host);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "written to the file, not printed");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let names = |key: &str| -> Vec<String> {
        v[key].as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap().to_string()).collect()
    };
    for gone in ["bridge", "host", "none"] {
        assert!(!names("networks").contains(&gone.to_string()), "{gone} is predefined");
    }
    assert!(names("networks").contains(&"backend".to_string()));
    let containers = names("containers");
    assert!(!containers.contains(&"nightly-job".to_string()), "stopped: {containers:?}");
    assert!(containers.contains(&"api".to_string()) && containers.contains(&"gateway".to_string()));
    assert!(!containers.contains(&"legacy-web".to_string()), "lives only on the default bridge");
    assert!(v["endpoints"].as_array().unwrap().iter().all(|e| e["containerName"] != "nightly-job"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");

    let dot = netlens(&["export", "--format", "dot", "--driver", "macvlan", "-o", path], &host);
    assert!(dot.status.success(), "{}", String::from_utf8_lossy(&dot.stderr));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("digraph netlens {") && text.contains("lan\\n(macvlan)"), "{text}");
    assert!(!text.contains("backend"), "{text}");
    let mermaid = netlens(&["export", "--format=mermaid", "--driver=macvlan"], &host);
    let text = String::from_utf8_lossy(&mermaid.stdout);
    assert!(text.contains("lan (macvlan)") && !text.contains("backend"), "{text}");
}

#[test]
fn export_without_an_engine_fails_clearly() {
    let out = netlens(&["export"], "unix:///nonexistent/netlens/docker.sock");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no Docker engine answers at unix:///nonexistent/netlens/docker.sock"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert!(out.stdout.is_empty());
    let bad = netlens(&["export", "--format", "svg"], "unix:///nonexistent");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn export_to_a_reader_that_went_away_exits_3_and_says_the_export_was_not_written() {
    ensure_demo();
    // A pipe whose reading end is closed before netlens starts: its first write to standard output fails.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(netlens_tests::netlens_binary())
        .arg("export")
        .env("DOCKER_HOST", docker_host())
        .env_remove("DOCKER_CONTEXT")
        .env_remove("NETLENS_SANDBOX")
        .stdout(writer)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("netlens: could not write the export:"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
