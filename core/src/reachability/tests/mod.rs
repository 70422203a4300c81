//! Reachability over the demo snapshot and small hand-built ones, one Docker rule a test.

use super::*;
use crate::endpoints::EndpointConfig;
use crate::fixtures::{
    self, container, demo_topology as demo, demo_topology_with as demo_with, endpoint, network, running_on,
};
use crate::model::{Container, ContainerState, Network, Port, Snapshot};
use crate::problem::Problem;

mod fix;
mod render;

const RUN: ContainerState = ContainerState::Running;

fn only(networks: Vec<Network>, containers: Vec<Container>) -> Topology {
    Topology::from_snapshot(&Snapshot { networks, containers, services: vec![] })
}

fn net_of(t: &Topology, name: &str) -> Network {
    t.network_by_name(name).cloned().expect("a network of the demo")
}

fn verdict(t: &Topology, a: &str, b: &str) -> Verdict {
    can_reach(t, a, b).expect("both containers exist")
}

fn ways(v: &Verdict) -> &[Way] {
    match &v.reach.answer {
        Answer::Yes(ways) => ways,
        Answer::No(reason) => panic!("expected a yes, got: {}", reason.describe()),
    }
}

fn reason(v: &Verdict) -> &Reason {
    match &v.reach.answer {
        Answer::No(reason) => reason,
        Answer::Yes(ways) => panic!("expected a no, got {ways:?}"),
    }
}

/// The answer for one target of a reach list, by its label ("the host", a container's name).
fn answer_for<'a>(list: &'a [Reach], label: &str) -> &'a Answer {
    &list.iter().find(|r| r.target.label() == label).expect("the target is listed").answer
}

fn codes(a: &Answer) -> Vec<String> {
    match a {
        Answer::Yes(ways) => ways.iter().map(|w| wire_name(w.code())).collect(),
        Answer::No(reason) => vec![wire_name(reason.code())],
    }
}

fn connect_of(v: &Verdict) -> &Operation {
    match &v.fix {
        Some(Fix::Connect(op)) => op,
        other => panic!("expected a connect, got {other:?}"),
    }
}

fn net(id: &str, name: &str) -> Net {
    Net { id: id.into(), name: name.into() }
}

// ---- user-defined networks: by name ---------------------------------------------------------------

#[test]
fn containers_on_a_user_defined_network_reach_each_other_by_name_service_aliases_and_short_id() {
    let backend = net_of(&demo(), "backend");
    let mut ep = endpoint(&backend, Some("10.214.10.7"));
    ep.aliases = vec!["database".into(), "pg".into(), "database".into()];
    let mut pg = container("3f2a9c41b7d0e5f6a7b8c9d0", "pg-1", RUN, "backend", vec![ep]);
    pg.labels.insert("com.docker.compose.service".into(), "postgres".into());
    let t = demo_with(vec![], vec![pg]);
    let v = verdict(&t, "c-api", "3f2a9c41b7d0e5f6a7b8c9d0");
    assert!(v.reachable());
    assert_eq!(
        ways(&v),
        [Way::ByName {
            network: net("n-backend", "backend"),
            names: vec!["pg-1".into(), "postgres".into(), "database".into(), "pg".into(), "3f2a9c41b7d0".into()],
            address: Some("10.214.10.7".into()),
        }]
    );
    assert_eq!(v.names(), ["pg-1", "postgres", "database", "pg", "3f2a9c41b7d0"]);
    assert_eq!(v.networks(), [&net("n-backend", "backend")]);
    assert_eq!(v.fix, None);
}

#[test]
fn names_are_per_network_so_a_multi_homed_target_lists_each_networks_aliases() {
    let t = demo();
    let mut snap = fixtures::demo();
    let gw = snap.containers.iter_mut().find(|c| c.id == "c-gateway").expect("demo gateway");
    gw.endpoints[0].aliases = vec!["edge".into()];
    gw.endpoints[1].aliases = vec!["www".into()];
    let mut front = endpoint(&net_of(&t, "frontend"), Some("10.214.40.5"));
    front.aliases = vec![];
    snap.containers.push(container("c-web", "web", RUN, "frontend", vec![front]));
    let t = Topology::from_snapshot(&snap);
    // api shares only backend with gateway: the frontend alias does not resolve for it.
    assert_eq!(verdict(&t, "c-api", "c-gateway").names(), ["gateway", "edge", "c-gateway"]);
    assert_eq!(verdict(&t, "c-web", "c-gateway").names(), ["gateway", "www", "c-gateway"]);
}

// ---- the default bridge: IP only ------------------------------------------------------------------

#[test]
fn the_default_bridge_reaches_by_ip_only_because_it_has_no_dns() {
    let bridge = net_of(&demo(), "bridge");
    let old = container("c-old", "old-web", RUN, "default", vec![endpoint(&bridge, Some("10.213.0.3"))]);
    let t = demo_with(vec![], vec![old]);
    let v = verdict(&t, "c-legacy", "c-old");
    assert_eq!(ways(&v), [Way::IpOnly { network: net("n-bridge", "bridge"), address: Some("10.213.0.3".into()) }]);
    assert!(v.names().is_empty(), "no name resolves on the default bridge");
    assert!(ways(&v)[0].describe().contains("no DNS there"), "{}", ways(&v)[0].describe());
}

// ---- internal networks ----------------------------------------------------------------------------

#[test]
fn an_internal_network_joins_its_members_by_name_but_leads_neither_to_the_host_nor_outside() {
    let vault = net_of(&demo(), "vault");
    let safe = running_on("c-safe", "safe", &[(&vault, "10.214.20.5")]);
    let t = demo_with(vec![], vec![safe]);
    assert_eq!(codes(&verdict(&t, "c-safe", "c-gateway").reach.answer), ["byName"]);
    let list = reach_from(&t, "c-safe").expect("safe exists");
    let blocked = vec![(net("n-vault", "vault"), Blocked::Internal)];
    assert_eq!(
        answer_for(&list, "the host"),
        &Answer::No(Reason::NoWayToHost { container: "safe".into(), networks: blocked.clone(), listener: None })
    );
    assert_eq!(
        answer_for(&list, "the outside world"),
        &Answer::No(Reason::NoWayOut { container: "safe".into(), networks: blocked })
    );
    // gateway is on vault too, but its other networks take it out: internal blocks only what is only internal.
    let gw = reach_from(&t, "c-gateway").expect("gateway exists");
    assert_eq!(codes(answer_for(&gw, "the outside world")), ["nat", "nat"]);
}

// ---- host mode ------------------------------------------------------------------------------------

#[test]
fn host_mode_shares_the_hosts_stack_and_reaches_bridge_containers_by_ip_only() {
    let t = demo();
    let list = reach_from(&t, "c-agent").expect("host-agent exists");
    assert_eq!(codes(answer_for(&list, "the host")), ["hostStack"]);
    assert_eq!(codes(answer_for(&list, "the outside world")), ["hostStack"]);
    assert_eq!(
        answer_for(&list, "api"),
        &Answer::Yes(vec![Way::FromHost { network: net("n-backend", "backend"), address: Some("10.214.10.2".into()) }])
    );
    // The host does not reach macvlan containers over the parent interface.
    assert_eq!(
        answer_for(&list, "printer"),
        &Answer::No(Reason::NotFromHost {
            container: "printer".into(),
            networks: vec![(net("n-lan", "lan"), Blocked::Lan { driver: "macvlan".into() })],
        })
    );
}

#[test]
fn a_host_mode_target_is_reached_through_the_gateway_and_two_host_mode_containers_share_localhost() {
    let host = net_of(&demo(), "host");
    let probe = container("c-probe", "probe", RUN, "host", vec![endpoint(&host, None)]);
    let t = demo_with(vec![], vec![probe]);
    assert_eq!(
        ways(&verdict(&t, "c-api", "c-agent")),
        [Way::ViaHost { network: net("n-backend", "backend"), address: Some("10.214.10.1".into()) }]
    );
    assert_eq!(ways(&verdict(&t, "c-probe", "c-agent")), [Way::HostStack]);
}

// ---- none -----------------------------------------------------------------------------------------

#[test]
fn none_mode_reaches_nothing_and_nothing_reaches_it() {
    let t = demo();
    let list = reach_from(&t, "c-sealed").expect("sealed exists");
    let disabled = Answer::No(Reason::NetworkingDisabled { container: "sealed".into() });
    assert!(list.iter().all(|r| r.answer == disabled), "{list:?}");
    let v = verdict(&t, "c-api", "c-sealed");
    assert_eq!(reason(&v), &Reason::NetworkingDisabled { container: "sealed".into() });
    assert_eq!(v.fix, Some(Fix::Impossible(NoFix::NetworkingDisabled { container: "sealed".into() })));
}

// ---- container: mode ------------------------------------------------------------------------------

/// web on frontend, with two sidecars: one naming web by ID, one by name.
fn with_sidecars() -> Topology {
    let frontend = net_of(&demo(), "frontend");
    let web = running_on("c-web", "web", &[(&frontend, "10.214.40.5")]);
    let by_id = container("c-side", "sidecar", RUN, "container:c-web", vec![]);
    let by_name = container("c-metrics", "metrics", RUN, "container:web", vec![]);
    demo_with(vec![], vec![web, by_id, by_name])
}

#[test]
fn container_mode_shares_the_whole_stack_in_both_directions() {
    let t = with_sidecars();
    for (a, b) in [("c-side", "c-web"), ("c-web", "c-side"), ("c-side", "c-metrics")] {
        assert_eq!(ways(&verdict(&t, a, b)), [Way::SharedStack { owner: "web".into() }], "{a} → {b}");
    }
    assert_eq!(
        shared_stacks(&t),
        [
            StackTie { sharer: "c-metrics".into(), owner: "c-web".into() },
            StackTie { sharer: "c-side".into(), owner: "c-web".into() },
        ]
    );
}

#[test]
fn a_sidecar_reaches_what_its_stack_reaches_and_is_reached_by_the_owners_names() {
    let t = with_sidecars();
    // The sidecar has no endpoint of its own; it talks from web's.
    assert_eq!(codes(&verdict(&t, "c-side", "c-gateway").reach.answer), ["byName"]);
    let back = verdict(&t, "c-gateway", "c-side");
    assert_eq!(back.reach.in_stack_of.as_deref(), Some("web"));
    assert_eq!(back.names(), ["web", "c-web"], "only the owner's names are in DNS");
}

#[test]
fn a_sidecar_whose_stack_owner_stopped_or_vanished_reaches_nothing() {
    let frontend = net_of(&demo(), "frontend");
    let web = container("c-web", "web", ContainerState::Exited, "frontend", vec![endpoint(&frontend, None)]);
    let side = container("c-side", "sidecar", RUN, "container:c-web", vec![]);
    let orphan = container("c-orphan", "orphan", RUN, "container:c-gone", vec![]);
    let t = demo_with(vec![], vec![web, side, orphan]);
    let v = verdict(&t, "c-side", "c-gateway");
    assert_eq!(
        reason(&v),
        &Reason::StackOwnerNotRunning {
            container: "sidecar".into(),
            owner: "web".into(),
            state: ContainerState::Exited
        }
    );
    assert_eq!(
        v.fix,
        Some(Fix::Impossible(NoFix::NotRunning { container: "web".into(), state: ContainerState::Exited }))
    );
    assert_eq!(
        reason(&verdict(&t, "c-orphan", "c-api")),
        &Reason::StackOwnerGone { container: "orphan".into(), reference: "c-gone".into() }
    );
}

// ---- multi-homed paths ----------------------------------------------------------------------------

#[test]
fn a_multi_homed_container_does_not_route_between_its_networks() {
    let (n1, n2) =
        (network("n1", "one", "bridge", Some("10.1.0.0/24")), network("n2", "two", "bridge", Some("10.2.0.0/24")));
    let a = container("a", "alpha", RUN, "one", vec![endpoint(&n1, Some("10.1.0.2"))]);
    let b = container("b", "bravo", RUN, "one", vec![endpoint(&n1, Some("10.1.0.3")), endpoint(&n2, Some("10.2.0.3"))]);
    let c = container("c", "charlie", RUN, "two", vec![endpoint(&n2, Some("10.2.0.4"))]);
    let t = only(vec![n1, n2], vec![a, b, c]);
    assert!(verdict(&t, "a", "b").reachable());
    assert!(verdict(&t, "b", "c").reachable());
    let v = verdict(&t, "a", "c");
    assert_eq!(
        reason(&v),
        &Reason::NotRouted {
            from: "alpha".into(),
            to: "charlie".into(),
            networks: vec![net("n1", "one"), net("n2", "two")],
            through: vec!["bravo".into()],
        }
    );
    assert!(reason(&v).describe().contains("one → bravo → two"), "{}", reason(&v).describe());
}

#[test]
fn containers_with_nothing_in_common_say_which_networks_each_is_on() {
    let t = demo();
    assert_eq!(
        reason(&verdict(&t, "c-api", "c-legacy")),
        &Reason::NoSharedNetwork {
            from: "api".into(),
            from_networks: vec![net("n-backend", "backend")],
            to: "legacy-web".into(),
            to_networks: vec![net("n-bridge", "bridge")],
        }
    );
}

#[test]
fn a_bridge_without_inter_container_communication_resolves_names_but_carries_no_traffic() {
    let mut quiet = network("nq", "quiet", "bridge", Some("10.3.0.0/24"));
    quiet.options.insert("com.docker.network.bridge.enable_icc".into(), "false".into());
    let a = container("a", "alpha", RUN, "quiet", vec![endpoint(&quiet, Some("10.3.0.2"))]);
    let b = container("b", "bravo", RUN, "quiet", vec![endpoint(&quiet, Some("10.3.0.3"))]);
    let t = only(vec![quiet], vec![a, b]);
    assert_eq!(reason(&verdict(&t, "a", "b")), &Reason::IccDisabled { networks: vec![net("nq", "quiet")] });
}

// ---- macvlan / ipvlan -----------------------------------------------------------------------------

#[test]
fn macvlan_peers_reach_each_other_directly_and_the_outside_but_not_the_host() {
    let lan = net_of(&demo(), "lan");
    let scanner = running_on("c-scanner", "scanner", &[(&lan, "10.214.30.21")]);
    let t = demo_with(vec![], vec![scanner]);
    assert_eq!(
        ways(&verdict(&t, "c-printer", "c-scanner")),
        [Way::OnLan {
            network: net("n-lan", "lan"),
            driver: "macvlan".into(),
            names: vec!["scanner".into(), "c-scanner".into()],
            address: Some("10.214.30.21".into()),
        }]
    );
    let list = reach_from(&t, "c-printer").expect("printer exists");
    assert_eq!(
        answer_for(&list, "the outside world"),
        &Answer::Yes(vec![Way::Direct { network: net("n-lan", "lan"), driver: "macvlan".into() }])
    );
    assert_eq!(
        answer_for(&list, "the host"),
        &Answer::No(Reason::NoWayToHost {
            container: "printer".into(),
            networks: vec![(net("n-lan", "lan"), Blocked::Lan { driver: "macvlan".into() })],
            listener: None,
        })
    );
}

// ---- stopped containers ---------------------------------------------------------------------------

#[test]
fn a_stopped_container_is_unreachable_and_reaches_nothing_until_started() {
    let t = demo();
    let v = verdict(&t, "c-api", "c-nightly");
    let exited = Reason::NotRunning { container: "nightly-job".into(), state: ContainerState::Exited };
    assert_eq!(reason(&v), &exited);
    assert_eq!(
        v.fix,
        Some(Fix::Impossible(NoFix::NotRunning { container: "nightly-job".into(), state: ContainerState::Exited }))
    );
    assert!(v.fix.as_ref().is_some_and(|f| f.describe().contains("`docker start nightly-job`")));
    let list = reach_from(&t, "c-nightly").expect("nightly-job exists");
    assert!(list.iter().all(|r| r.answer == Answer::No(exited.clone())), "{list:?}");
}

// ---- published ports ------------------------------------------------------------------------------

#[test]
fn published_ports_reach_a_container_on_another_network_through_the_host() {
    let mut snap = fixtures::demo();
    let legacy = snap.containers.iter_mut().find(|c| c.id == "c-legacy").expect("demo legacy-web");
    legacy.ports = vec![
        Port { private_port: 80, public_port: Some(8080), protocol: "tcp".into(), ip: Some("0.0.0.0".into()) },
        Port { private_port: 80, public_port: Some(8080), protocol: "tcp".into(), ip: Some("::".into()) },
        Port { private_port: 22, public_port: Some(2222), protocol: "tcp".into(), ip: Some("127.0.0.1".into()) },
    ];
    let t = Topology::from_snapshot(&snap);
    assert_eq!(
        ways(&verdict(&t, "c-api", "c-legacy")),
        [Way::PublishedPorts {
            network: net("n-backend", "backend"),
            gateway: Some("10.214.10.1".into()),
            ports: vec!["8080/tcp".into()],
        }]
    );
}

// ---- edges of the API -----------------------------------------------------------------------------

#[test]
fn a_container_reaches_itself_over_loopback_even_in_none_mode() {
    assert_eq!(ways(&verdict(&demo(), "c-sealed", "c-sealed")), [Way::Itself]);
}

#[test]
fn unknown_containers_are_refused_as_gone() {
    let t = demo();
    assert_eq!(can_reach(&t, "c-api", "c-nope").map(|_| ()).unwrap_err().code().name(), "containerGone");
    assert_eq!(reach_from(&t, "c-nope").map(|_| ()).unwrap_err().code().name(), "containerGone");
}

#[test]
fn answers_do_not_depend_on_the_snapshots_order() {
    let mut snap = fixtures::demo();
    let forward = render_reach(&Topology::from_snapshot(&snap), "c-gateway").expect("gateway exists");
    snap.networks.reverse();
    snap.containers.reverse();
    assert_eq!(render_reach(&Topology::from_snapshot(&snap), "c-gateway").expect("gateway exists"), forward);
}
