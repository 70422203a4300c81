//! Netlens on Podman's Docker-compatible API (issue 11), against a private `podman system service` that
//! `tests/sandbox/podman.sh` runs with all its state in a temporary folder: the edges Podman's answers used
//! to lose are drawn with their addresses, a connect and a disconnect through `Engine::run` and through the
//! workbench show through `reread` and `follow`, networks made or removed (Podman sends no event for them)
//! appear and go, and the service leaves no process behind.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use std::time::Instant;

use netlens::dto::ops::EndpointConfigDto;
use netlens::service::{endpoints, history, networks};
use netlens_core::endpoints::{EndpointConfig, EndpointRef, Operation};
use netlens_core::events::Rereads;
use netlens_core::networks::NetworkSpec;
use netlens_core::topology::{Edge, Node, Topology};
use netlens_engine::{Engine, Target};
use netlens_tests::live::Live;
use netlens_tests::podman::{PodmanService, IMAGE};

fn target(host: &str) -> Target {
    Target { context: "podman".into(), host: host.into(), tls: None, source: "test" }
}

fn attached(t: &Topology, container: &str, network: &str) -> bool {
    t.endpoints_of(container).iter().any(|(n, _)| n.id == network)
}

/// Processes whose command line mentions `pattern` (pgrep -f), other than this test.
fn processes(pattern: &str) -> Vec<String> {
    let out = Command::new("pgrep").args(["-a", "-f", pattern]).output().expect("pgrep runs");
    String::from_utf8_lossy(&out.stdout).lines().map(String::from).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn podman_engine_is_read_and_changed_as_docker_is() {
    let began = Instant::now();
    let Some(service) = PodmanService::start() else { return };
    let started = began.elapsed();
    let marker = format!("netlens-podman-test-{}", std::process::id());
    // Podman keeps its address allocations in one file for all of root's podman (netavark's ipam.db under
    // /run/containers/networks, not configurable in 4.3), keyed by network name: a run that was killed
    // leaves its allocations there, and a later run on the same names is refused the same static address.
    // Names of this run only cannot meet them.
    let net_name = format!("nlp-net-{}", std::process::id());
    let other_name = format!("nlp-other-{}", std::process::id());
    let made_name = format!("nlp-made-{}", std::process::id());
    service.podman(&["network", "create", "--subnet", "10.216.50.0/24", &net_name]);
    let boxed = service.run_idle("nlp-box", &marker, &["--network", &net_name, "--ip", "10.216.50.10"]);
    let on_default = service.run_idle("nlp-default", &marker, &[]);
    let never_ran = service.podman(&["create", "--name", "nlp-created", "--network", &net_name, IMAGE, "true"]);
    let shared = service.run_idle("nlp-shared", &marker, &["--network", &format!("container:{boxed}")]);

    // Read: the engine is known as Podman, and the snapshot has the edges with their addresses.
    let engine = Engine::connect(&target(&service.host)).await.expect("the podman service answers");
    assert!(engine.is_podman());
    let version = engine.info().version.clone().unwrap_or_default();
    assert!(version.starts_with("Podman 4."), "the status bar names the engine: {version}");
    assert!(engine.limits().iter().any(|l| l.contains("static addresses")), "what Podman lacks is said");
    let snap = engine.snapshot().await.expect("snapshot");
    let topo = Topology::from_snapshot(&snap);
    let net = topo.network_by_name(&net_name).expect("the network is listed").clone();
    let on = topo.endpoints_of(&boxed);
    assert_eq!(on.len(), 1, "{on:?}");
    assert_eq!(on[0].0.id, net.id, "the edge goes to the network by its ID");
    assert_eq!(on[0].1.network_id, net.id);
    assert_eq!((on[0].1.ipv4.as_deref(), on[0].1.ipv4_prefix), (Some("10.216.50.10"), Some(24)));
    let drawn = topo.edges().any(|e| {
        matches!((e.id_source, e.edge, e.id_target), (Node::Network(n), Edge::Endpoint(ep), Node::Container(c))
            if n.id == net.id && c.id == boxed && ep.ipv4.as_deref() == Some("10.216.50.10"))
    });
    assert!(drawn, "the graph has the network–container edge with its IPv4");
    // The default network is listed as `bridge` but its containers call it `podman`.
    let dflt = topo.endpoints_of(&on_default);
    assert_eq!(dflt.iter().map(|(n, _)| n.name.as_str()).collect::<Vec<_>>(), ["bridge"], "{dflt:?}");
    assert!(dflt[0].1.ipv4.as_deref().is_some_and(|ip| ip.starts_with("10.215.0.")), "{dflt:?}");
    // A container that never ran is on its network, without an address.
    let created = topo.endpoints_of(&never_ran);
    assert_eq!(created.len(), 1);
    assert_eq!((created[0].0.id.as_str(), created[0].1.ipv4.as_deref()), (net.id.as_str(), None));
    // A shared stack is drawn on its owner only, with its mode, as Docker's answers draw it.
    let sharer = topo.container(&shared).expect("listed");
    assert_eq!(sharer.network_mode, format!("container:{boxed}"));
    assert!(topo.endpoints_of(&shared).is_empty());
    let read = began.elapsed();

    // Change: through Engine::run, seen by reread and by the live view (events + network poll).
    let live = Live::start(&service.host).await;
    service.podman(&["network", "create", "--subnet", "10.216.51.0/24", &other_name]);
    live.until("a network made by the podman CLI (Podman sends no event)", |t| {
        t.network_by_name(&other_name).is_some()
    })
    .await;
    let other = live.network_id(&other_name);
    service.podman(&["network", "connect", &other_name, "nlp-default"]);
    live.until("a connect made by the podman CLI", |t| attached(t, &on_default, &other)).await;

    let config =
        EndpointConfig { aliases: vec!["edge".into()], ipv4: Some("10.216.51.20".into()), ..Default::default() };
    let connect = Operation::Connect {
        endpoint: EndpointRef {
            network_id: other.clone(),
            network_name: other_name.clone(),
            container_id: boxed.clone(),
            container_name: "nlp-box".into(),
        },
        config,
    };
    engine.run(&connect).await.expect("connect through Engine::run");
    let asked = Rereads { containers: [boxed.clone()].into_iter().collect(), ..Rereads::default() };
    let patch = engine.reread(&asked).await.expect("reread");
    let now = patch.containers[0].1.clone().expect("the container is there");
    let e = now.endpoints.iter().find(|e| e.network_id == other).expect("the reread has the new endpoint by ID");
    assert_eq!(e.ipv4.as_deref(), Some("10.216.51.20"));
    live.until("the connect through Engine::run", |t| attached(t, &boxed, &other)).await;
    let view = live.state.topology().unwrap();
    let container = view.container(&boxed).unwrap().clone();
    let restore = engine.attachment(&container, &other).await.expect("inspect").expect("found by the view's name");
    assert_eq!(restore.aliases, ["edge"], "the user's alias, without Podman's own (the short ID)");
    let disconnect = Operation::Disconnect {
        endpoint: EndpointRef {
            network_id: other.clone(),
            network_name: other_name.clone(),
            container_id: boxed.clone(),
            container_name: "nlp-box".into(),
        },
        force: false,
        restore,
    };
    engine.run(&disconnect).await.expect("disconnect through Engine::run");
    live.until("the disconnect through Engine::run", |t| !attached(t, &boxed, &other)).await;

    // The workbench's own verbs: connect, disconnect and its undo, create and remove a network.
    let form = EndpointConfigDto { aliases: vec!["api".into()], ipv4: None, ipv6: None };
    let done = endpoints::connect(&live.state, &boxed, &other, &form).await.expect("connect");
    assert_eq!(done.notice, None, "the view showed it before the command returned");
    let done = endpoints::disconnect(&live.state, &boxed, &other).await.expect("disconnect");
    assert_eq!(done.notice, None);
    history::undo(&live.state).await.expect("undo the disconnect");
    assert!(attached(&live.state.topology().unwrap(), &boxed, &other), "undo reconnected");
    let spec =
        NetworkSpec { name: made_name.clone(), subnet: "10.216.52.0/24".into(), icc: true, ..NetworkSpec::default() };
    let made = networks::create(&live.state, &spec).await.expect("create");
    assert_eq!(made.notice, None, "the network poll brought it into view in time");
    let made_id = live.network_id(&made_name);
    assert!(service.podman(&["network", "ls", "--format", "{{.Name}}"]).lines().any(|n| n == made_name));
    let report = networks::remove(&live.state, std::slice::from_ref(&made_id)).await.expect("remove");
    assert!(report.summary.starts_with("Removed 1 network"), "{}", report.summary);
    live.until("the removed network gone", |t| t.network(&made_id).is_none()).await;
    let changed = began.elapsed();

    // The end: nothing of the service is left running.
    drop(live);
    let dir = service.path();
    drop(service);
    let left: Vec<String> = processes(&dir.to_string_lossy()).into_iter().chain(processes(&marker)).collect();
    assert!(left.is_empty(), "processes left after podman.sh purge: {left:#?}");
    assert!(!dir.exists(), "the service's folder is deleted");
    eprintln!(
        "podman test: service up {started:?}, read checked at {read:?}, changes checked at {changed:?}, \
         all done at {:?}",
        began.elapsed()
    );
}
