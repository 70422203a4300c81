use super::*;
use crate::fixtures::{
    container, demo, demo_topology, demo_topology_with, endpoint, network, network_named, running_on,
};
use crate::model::ContainerState;
use crate::topology::{endpoint_edge_id, reach_edge_id, EXTERNAL_ID, HOST_ID};

fn filter(f: impl FnOnce(&mut ViewFilter)) -> ViewFilter {
    let mut v = ViewFilter::default();
    f(&mut v);
    v
}

/// The node ids a visibility hides, sorted, for whole-picture assertions.
fn hidden(t: &Topology, v: &Visibility) -> Vec<String> {
    let mut out: Vec<String> = t.nodes().map(Node::id).filter(|id| !v.shows_node(id)).collect();
    out.sort();
    out
}

fn compose(mut c: Container, project: &str) -> Container {
    c.labels.insert(COMPOSE_PROJECT_LABEL.into(), project.into());
    c
}

#[test]
fn the_empty_filter_hides_nothing_and_applies_as_the_same_topology() {
    let t = demo_topology();
    let f = ViewFilter::default();
    assert!(f.is_empty());
    let v = f.visibility(&t);
    assert!(!v.hides_anything());
    assert_eq!((v.hidden_networks, v.hidden_containers), (0, 0));
    assert_eq!(f.apply(&t).render(), t.render());
}

#[test]
fn hiding_stopped_containers_hides_them_and_their_endpoints_only() {
    let t = demo_topology();
    let v = filter(|f| f.hide_stopped = true).visibility(&t);
    assert_eq!(hidden(&t, &v), ["container:c-nightly"]);
    assert!(!v.shows_edge(&endpoint_edge_id("n-backend", "c-nightly")));
    assert!(v.shows_edge(&endpoint_edge_id("n-backend", "c-api")));
    assert_eq!((v.hidden_networks, v.hidden_containers), (0, 1));
}

/// The whole topology's text less the blocks of the named networks: what a filter that hides just those
/// networks and the containers living only there must render.
fn render_without(t: &Topology, networks: &[&str]) -> String {
    let mut keep = true;
    let kept = |line: &&str| {
        if let Some(rest) = line.strip_prefix("network ") {
            keep = !networks.iter().any(|n| rest.starts_with(&format!("{n} [")));
        }
        keep
    };
    t.render().split_inclusive('\n').filter(kept).collect()
}

#[test]
fn hiding_predefined_networks_takes_the_containers_that_live_only_there() {
    let t = demo_topology();
    let f = filter(|f| f.hide_predefined = true);
    let v = f.visibility(&t);
    assert_eq!(
        hidden(&t, &v),
        [
            "container:c-agent",
            "container:c-legacy",
            "container:c-sealed",
            "network:n-bridge",
            "network:n-host",
            "network:n-none",
        ]
    );
    assert_eq!((v.hidden_networks, v.hidden_containers), (3, 3));
    assert!(!v.shows_edge(&reach_edge_id("n-bridge", ReachTarget::Host)), "an edge goes with its hidden end");
    assert!(v.shows_node(HOST_ID) && v.shows_node(EXTERNAL_ID), "backend still reaches both");
    assert_eq!(f.apply(&t).render(), render_without(&t, &["bridge", "host", "none"]));
}

#[test]
fn a_driver_filter_keeps_a_multi_homed_container_by_its_chosen_network_and_drops_its_other_lines() {
    let mut s = demo();
    let (lan, backend) = (network_named(&s, "lan"), network_named(&s, "backend"));
    s.containers.push(running_on("c-bridgehead", "bridgehead", &[(&lan, "10.214.30.21"), (&backend, "10.214.10.21")]));
    let t = Topology::from_snapshot(&s);
    let f = filter(|f| f.drivers = vec!["macvlan".into()]);
    let v = f.visibility(&t);
    assert!(v.shows_node("container:c-bridgehead") && v.shows_node("container:c-printer"));
    assert!(v.shows_edge(&endpoint_edge_id("n-lan", "c-bridgehead")));
    assert!(!v.shows_edge(&endpoint_edge_id("n-backend", "c-bridgehead")));
    assert!(!v.shows_node(HOST_ID), "a macvlan network does not lead to the host");
    assert!(v.shows_node(EXTERNAL_ID));
    assert_eq!((v.hidden_networks, v.hidden_containers), (6, 7));
    let applied = f.apply(&t);
    assert_eq!(applied.endpoints_of("c-bridgehead").len(), 1, "the hidden network's endpoint is not exported");
    assert!(applied.reaches_of("n-lan").iter().all(|(to, _)| *to == ReachTarget::External));
}

#[test]
fn a_project_filter_shows_its_containers_their_networks_and_the_projects_own_networks() {
    let mut shop_net = network("n-shop", "shop_default", "bridge", Some("10.214.50.0/24"));
    shop_net.labels.insert(COMPOSE_PROJECT_LABEL.into(), "shop".into());
    let other_net = network("n-blog", "blog_default", "bridge", Some("10.214.60.0/24"));
    let t = demo_topology_with(vec![shop_net, other_net], vec![]);
    let f = filter(|f| f.projects = vec!["shop".into()]);
    let v = f.visibility(&t);
    let mut shown: Vec<String> = t.nodes().map(Node::id).filter(|id| v.shows_node(id)).collect();
    shown.sort();
    assert_eq!(shown, ["container:c-api", "external", "host", "network:n-backend", "network:n-shop"]);
    assert!(!v.shows_edge(&endpoint_edge_id("n-backend", "c-db")), "db is not part of shop");

    let used = filter(|f| {
        f.projects = vec!["shop".into()];
        f.only_used = true;
    });
    assert!(!used.visibility(&t).shows_node("network:n-shop"), "the project's network has no container");
}

#[test]
fn only_used_counts_visible_containers_so_a_network_of_stopped_ones_goes_with_them() {
    let batch = network("n-batch", "batch", "bridge", Some("10.214.70.0/24"));
    let job = container("c-job", "job", ContainerState::Exited, "batch", vec![endpoint(&batch, None)]);
    let unused = network("n-unused", "unused", "bridge", Some("10.214.80.0/24"));
    let t = demo_topology_with(vec![batch, unused], vec![job]);

    let only_used = filter(|f| f.only_used = true).visibility(&t);
    assert!(only_used.shows_node("network:n-batch"), "a stopped container still uses its network");
    assert!(!only_used.shows_node("network:n-unused"));

    let v = filter(|f| {
        f.only_used = true;
        f.hide_stopped = true;
    })
    .visibility(&t);
    assert!(!v.shows_node("network:n-batch"));
    assert!(v.shows_node("network:n-backend"), "backend keeps its running containers");
    assert_eq!((v.hidden_networks, v.hidden_containers), (2, 2));
}

#[test]
fn a_container_on_no_network_follows_only_its_own_tests() {
    let sidecar = container("c-side", "sidecar", ContainerState::Running, "container:c-api", vec![]);
    let dead = container("c-dead", "dead-side", ContainerState::Exited, "container:c-api", vec![]);
    let t = demo_topology_with(vec![], vec![sidecar, dead]);
    let v = filter(|f| f.hide_predefined = true).visibility(&t);
    assert!(v.shows_node("container:c-side") && v.shows_node("container:c-dead"));
    let v = filter(|f| f.hide_stopped = true).visibility(&t);
    assert!(v.shows_node("container:c-side"));
    assert!(!v.shows_node("container:c-dead"));
    let v = filter(|f| f.projects = vec!["shop".into()]).visibility(&t);
    assert!(!v.shows_node("container:c-side"), "unlabelled: not part of any project");
}

#[test]
fn host_and_external_hide_when_no_visible_network_reaches_them() {
    let t = demo_topology();
    let v = filter(|f| f.drivers = vec!["null".into()]).visibility(&t);
    assert!(!v.shows_node(HOST_ID) && !v.shows_node(EXTERNAL_ID));
    assert!(v.shows_node("network:n-none") && v.shows_node("container:c-sealed"));
    let v = filter(|f| f.drivers = vec!["host".into()]).visibility(&t);
    assert!(v.shows_node(HOST_ID) && v.shows_node(EXTERNAL_ID), "the host network shares the host's stack");
}

#[test]
fn drivers_and_projects_never_match_by_prefix_or_case() {
    let t = demo_topology_with(
        vec![],
        vec![compose(container("c-x", "x", ContainerState::Running, "none", vec![]), "shopfront")],
    );
    let v = filter(|f| f.projects = vec!["shop".into()]).visibility(&t);
    assert!(!v.shows_node("container:c-x"));
    let v = filter(|f| f.drivers = vec!["Bridge".into()]).visibility(&t);
    assert!(!v.shows_node("network:n-backend"));
}
