use super::*;
use crate::fixtures::{self, container, demo, endpoint, network};
use crate::model::ContainerState;

#[test]
fn demo_topology_renders_every_driver_and_reach() {
    let t = Topology::from_snapshot(&demo());
    assert_eq!(
        t.render(),
        "\
network backend [bridge local] 10.214.10.0/24 gw 10.214.10.1
  -> host (gateway)
  -> external (nat)
  api [running] 10.214.10.2/24
  db [running] 10.214.10.3/24
  gateway [running] 10.214.10.10/24 static 10.214.10.10
  nightly-job [exited]
network bridge [bridge local predefined] 10.213.0.0/24 gw 10.213.0.1
  -> host (gateway)
  -> external (nat)
  legacy-web [running] 10.213.0.2/24
network frontend [bridge local] 10.214.40.0/24 gw 10.214.40.1
  -> host (gateway)
  -> external (nat)
  gateway [running] 10.214.40.10/24 static 10.214.40.10
network host [host local predefined]
  -> host (host-network)
  -> external (direct)
  host-agent [running]
network lan [macvlan local] 10.214.30.0/24 gw 10.214.30.1
  -> external (direct)
  printer [running] 10.214.30.20/24
network none [null local predefined]
  sealed [running]
network vault [bridge local internal] 10.214.20.0/24 gw 10.214.20.1
  gateway [running] 10.214.20.10/24 static 10.214.20.10
"
    );
}

#[test]
fn stopped_container_keeps_its_network_without_an_address() {
    let t = Topology::from_snapshot(&demo());
    let eps = t.endpoints_of("c-nightly");
    assert_eq!(eps.len(), 1);
    assert_eq!(eps[0].0.name, "backend");
    assert_eq!(eps[0].1.ipv4, None);
}

#[test]
fn multi_homed_container_lists_all_its_networks() {
    let t = Topology::from_snapshot(&demo());
    let names: Vec<_> = t.endpoints_of("c-gateway").iter().map(|(n, _)| n.name.clone()).collect();
    assert_eq!(names, ["backend", "frontend", "vault"]);
}

#[test]
fn reachability_follows_shared_networks_and_drivers() {
    let t = Topology::from_snapshot(&demo());
    assert!(t.can_reach("c-api", "c-db"));
    assert!(t.can_reach("c-api", "c-gateway"));
    assert!(!t.can_reach("c-api", "c-printer"));
    assert!(!t.can_reach("c-sealed", "c-sealed"), "none isolates even from itself");
    assert!(t.container_reaches("c-api", ReachTarget::External));
    assert!(t.container_reaches("c-agent", ReachTarget::Host));
    assert!(!t.container_reaches("c-sealed", ReachTarget::External));
    assert!(!t.container_reaches("c-printer", ReachTarget::Host));
}

#[test]
fn internal_network_alone_reaches_nothing_outside() {
    let vault = {
        let mut v = network("v", "vault", "bridge", Some("10.1.0.0/24"));
        v.internal = true;
        v
    };
    let box_ = container("c", "box", ContainerState::Running, "vault", vec![endpoint(&vault, Some("10.1.0.2"))]);
    let t = Topology::from_snapshot(&crate::model::Snapshot {
        networks: vec![vault],
        containers: vec![box_],
        services: vec![],
    });
    assert!(!t.container_reaches("c", ReachTarget::External));
    assert!(!t.container_reaches("c", ReachTarget::Host));
}

#[test]
fn overlay_and_plugin_drivers() {
    let overlay = network("o", "mesh", "overlay", Some("10.9.0.0/24"));
    let plugin = network("p", "weird", "vendor/plugin", None);
    let t = Topology::from_snapshot(&crate::model::Snapshot {
        networks: vec![overlay, plugin],
        containers: vec![],
        services: vec![],
    });
    assert_eq!(t.reaches_of("o"), vec![(ReachTarget::External, ReachKind::Nat)]);
    assert!(t.reaches_of("p").is_empty());
}

#[test]
fn endpoint_on_unknown_network_is_dropped_not_invented() {
    let ghost = network("gone", "gone", "bridge", None);
    let c = container("c", "orphan", ContainerState::Running, "gone", vec![endpoint(&ghost, Some("10.0.0.2"))]);
    let t =
        Topology::from_snapshot(&crate::model::Snapshot { networks: vec![], containers: vec![c], services: vec![] });
    assert!(t.endpoints_of("c").is_empty());
    assert!(t.render().contains("container orphan [running] no networks (gone)"));
}

#[test]
fn edge_ids_are_stable_and_typed() {
    let t = Topology::from_snapshot(&fixtures::demo());
    let mut ids: Vec<String> = t.edges().map(|e| e.id()).filter(|id| id.contains("n-backend")).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "endpoint:n-backend:c-api",
            "endpoint:n-backend:c-db",
            "endpoint:n-backend:c-gateway",
            "endpoint:n-backend:c-nightly",
            "reach:n-backend:external",
            "reach:n-backend:host",
        ]
    );
}

#[test]
fn a_never_started_container_is_attached_by_network_name() {
    // The container list gives such an endpoint an empty NetworkID, keyed by the network's name only.
    let mut snap = demo();
    let frontend = crate::fixtures::network_named(&snap, "frontend");
    let mut ep = endpoint(&frontend, None);
    ep.network_id = String::new();
    snap.containers.push(container("c-fresh", "fresh", ContainerState::Created, "frontend", vec![ep]));
    let t = Topology::from_snapshot(&snap);
    let on = t.endpoints_of("c-fresh");
    assert_eq!(on.len(), 1);
    assert_eq!(on[0].0.name, "frontend");
    assert_eq!(on[0].1.network_id, frontend.id, "the endpoint carries the resolved ID");
    assert!(t.edges().any(|e| e.id() == format!("endpoint:{}:c-fresh", frontend.id)));
}

#[test]
fn a_container_mode_sidecar_is_tied_to_the_container_whose_stack_it_shares() {
    let mut snap = demo();
    // A sidecar on api by name, a probe on the sidecar by ID prefix (the tie goes to the end of the chain),
    // and one whose owner was removed.
    snap.containers.push(container("c-side", "api-side", ContainerState::Running, "container:api", vec![]));
    snap.containers.push(container("c-probe", "probe", ContainerState::Exited, "container:c-si", vec![]));
    snap.containers.push(container("c-lost", "lost", ContainerState::Exited, "container:c-gone", vec![]));
    let t = Topology::from_snapshot(&snap);
    let mut ties: Vec<String> = t.edges().filter(|e| matches!(e.edge, Edge::Stack)).map(|e| e.id()).collect();
    ties.sort();
    assert_eq!(ties, ["stack:c-probe:c-api", "stack:c-side:c-api"]);
    assert_eq!(t.stack_owner("c-probe").map(|c| c.name.as_str()), Some("api"));
    assert_eq!(t.stack_owner("c-api").map(|c| c.name.as_str()), None, "an owner shares no one's stack");
    assert_eq!(t.stack_owner("c-lost").map(|c| c.name.as_str()), None);
    let sharers: Vec<&str> = t.stack_sharers("c-api").iter().map(|c| c.name.as_str()).collect();
    assert_eq!(sharers, ["api-side", "probe"]);
    assert_eq!(t.endpoints_of("c-api").len(), 1, "a tie is no endpoint");
    let text = t.render();
    assert!(
        text.contains("container api-side [running] no networks (container:api) shares the stack of api\n"),
        "{text}"
    );
    assert!(text.contains("container lost [exited] no networks (container:c-gone)\n"), "{text}");
}

/// Every node and line of a topology, each as its ID and what it holds, sorted: equal for two topologies
/// that hold the same graph, whatever order they list it in.
fn contents(t: &Topology) -> (Vec<String>, Vec<String>) {
    let mut nodes: Vec<String> = t.nodes().map(|n| format!("{} {n:?}", n.id())).collect();
    let mut edges: Vec<String> = t.edges().map(|e| format!("{} {:?}", e.id(), e.edge)).collect();
    nodes.sort();
    edges.sort();
    (nodes, edges)
}

#[test]
fn a_container_replaced_in_place_gives_the_graph_a_whole_build_gives() {
    let snap = fixtures::demo();
    let net = |name: &str| snap.networks.iter().find(|n| n.name == name).cloned().unwrap();
    let ctr = |name: &str| snap.containers.iter().find(|c| c.name == name).cloned().unwrap();
    let mut by_name_only = ctr("legacy-web");
    by_name_only.endpoints.push(Endpoint { network_id: String::new(), ..endpoint(&net("backend"), None) });
    let mut nowhere = ctr("db");
    nowhere.endpoints.clear();
    let mut cases = fixtures::demo_one_container_changes();
    cases.extend([("by name", by_name_only), ("none", nowhere)]);
    for (case, c) in cases {
        let mut after = snap.clone();
        let i = after.containers.iter().position(|x| x.id == c.id).unwrap();
        after.containers[i] = c.clone();
        let mut t = Topology::from_snapshot(&snap);
        assert!(t.replace_container(&c), "{case}");
        assert_eq!(contents(&t), contents(&Topology::from_snapshot(&after)), "{case}");
    }

    // What could reach other containers' lines is left to a whole build.
    let mut t = Topology::from_snapshot(&snap);
    let before = contents(&t);
    let mut renamed = ctr("db");
    renamed.name = "db2".into();
    let mut moded = ctr("db");
    moded.network_mode = "container:api".into();
    let mut labelled = ctr("db");
    labelled.labels.insert("com.docker.swarm.task.id".into(), "t1".into());
    let stranger = container("c-new", "new", ContainerState::Running, "bridge", vec![]);
    for c in [renamed, moded, labelled, stranger] {
        assert!(!t.replace_container(&c), "{}", c.name);
    }
    assert_eq!(contents(&t), before, "a refused replacement changes nothing");
}
