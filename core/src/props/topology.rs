//! Topology building, layout and the text exports from arbitrary engine snapshots: IDs that repeat or are
//! empty, endpoints on networks that are not listed, names and addresses of any text.

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;

use super::{config, text};
use crate::export::{dot, mermaid};
use crate::layout::Layout;
use crate::model::{Container, ContainerState, Endpoint, IpamConfig, Network, Port, Snapshot};
use crate::problem::Problem;
use crate::reachability::{can_reach, reach_from, shared_stacks};
use crate::topology::Topology;

/// Few distinct IDs, so networks and containers collide and endpoints often point at nothing.
fn id() -> BoxedStrategy<String> {
    prop_oneof![4 => "[ab]{0,2}", 1 => text()].boxed()
}

fn name() -> BoxedStrategy<String> {
    let predefined = proptest::sample::select(&["bridge", "host", "none"][..]).prop_map(String::from);
    prop_oneof![3 => "[a-c]{0,2}", 1 => predefined, 1 => text()].boxed()
}

fn network() -> impl Strategy<Value = Network> {
    let driver = prop_oneof![
        4 => proptest::sample::select(&["bridge", "host", "null", "macvlan", "ipvlan", "overlay"][..]).prop_map(String::from),
        1 => text(),
    ];
    let scope = proptest::sample::select(&["local", "swarm", "global", ""][..]).prop_map(String::from);
    let ipam = vec(
        (proptest::option::of(text()), proptest::option::of(text()), proptest::option::of(text()))
            .prop_map(|(subnet, ip_range, gateway)| IpamConfig { subnet, ip_range, gateway }),
        0..3,
    );
    let options =
        btree_map(prop_oneof![Just("parent".to_string()), Just("macvlan_mode".to_string()), text()], text(), 0..2);
    (id(), name(), driver, scope, any::<[bool; 6]>(), proptest::option::of(text()), ipam, options).prop_map(
        |(id, name, driver, scope, flags, created, ipam, options)| Network {
            id,
            name,
            driver,
            scope,
            created,
            internal: flags[0],
            attachable: flags[1],
            ingress: flags[2],
            enable_ipv6: flags[3],
            config_only: flags[4],
            config_from: flags[5].then(|| "a".into()),
            ipam_driver: "default".into(),
            ipam,
            options,
            labels: Default::default(),
            ipam_options: Default::default(),
            aux_addresses: Default::default(),
        },
    )
}

fn endpoint() -> impl Strategy<Value = Endpoint> {
    let addr = || proptest::option::of(text());
    (id(), name(), addr(), any::<Option<u8>>(), addr(), any::<Option<u8>>(), addr(), addr(), addr()).prop_map(
        |(network_id, network_name, ipv4, ipv4_prefix, ipv6, ipv6_prefix, gateway, static_ipv4, static_ipv6)| {
            Endpoint {
                network_id,
                network_name,
                endpoint_id: None,
                ipv4,
                ipv4_prefix,
                ipv6,
                ipv6_prefix,
                mac: None,
                gateway,
                static_ipv4,
                static_ipv6,
                aliases: vec![],
            }
        },
    )
}

fn container() -> impl Strategy<Value = Container> {
    let state = proptest::sample::select(
        &[ContainerState::Running, ContainerState::Exited, ContainerState::Paused, ContainerState::Unknown][..],
    );
    let mode = prop_oneof![
        2 => proptest::sample::select(&["default", "bridge", "host", "none", "container:a", "container:", "a"][..])
            .prop_map(String::from),
        1 => text(),
    ];
    let port = (any::<u16>(), any::<Option<u16>>(), proptest::option::of(text()))
        .prop_map(|(private_port, public_port, ip)| Port { private_port, public_port, protocol: "tcp".into(), ip });
    (id(), name(), state, mode, vec(port, 0..2), vec(endpoint(), 0..4)).prop_map(
        |(id, name, state, network_mode, ports, endpoints)| Container {
            id,
            name,
            image: String::new(),
            state,
            status: String::new(),
            network_mode,
            labels: Default::default(),
            ports,
            endpoints,
        },
    )
}

fn snapshot() -> impl Strategy<Value = Snapshot> {
    (vec(network(), 0..6), vec(container(), 0..7)).prop_map(|(networks, containers)| Snapshot {
        networks,
        containers,
        services: vec![],
    })
}

fn unique_ids(snap: &Snapshot) -> bool {
    let mut networks: Vec<&str> = snap.networks.iter().map(|n| n.id.as_str()).collect();
    let mut containers: Vec<&str> = snap.containers.iter().map(|c| c.id.as_str()).collect();
    let n = (networks.len(), containers.len());
    networks.sort_unstable();
    networks.dedup();
    containers.sort_unstable();
    containers.dedup();
    n == (networks.len(), containers.len())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_snapshot_builds_a_topology_a_layout_and_both_exports(snap in snapshot(), pins in vec((name(), any::<(f64, f64)>()), 0..3)) {
        let t = Topology::from_snapshot(&snap);
        let _ = t.render();
        let mut previous = Layout::default();
        for (name, at) in pins {
            previous.pin_network(&name, at);
        }
        let layout = previous.update(&t);
        for node in t.nodes() {
            if let Some((x, y)) = layout.position(&node.id()) {
                prop_assert!(x.is_finite() && y.is_finite(), "{} at ({}, {})", node.id(), x, y);
            }
        }
        // Placed again over itself, nothing moves (a real engine never repeats an ID; with repeats, which
        // node wins a position is not defined, only that nothing panics).
        if unique_ids(&snap) {
            let again = layout.update(&t);
            for node in t.nodes() {
                prop_assert_eq!(again.position(&node.id()), layout.position(&node.id()), "{}", node.id());
            }
        }
        prop_assert!(dot(&t).starts_with("digraph netlens"));
        let _ = mermaid(&t);
    }

    #[test]
    fn reachability_answers_for_any_snapshot_or_refuses_with_a_hint(snap in snapshot()) {
        let t = Topology::from_snapshot(&snap);
        let ids: Vec<String> = t.containers().map(|c| c.id.clone()).chain(["missing".to_string()]).collect();
        for a in &ids {
            if let Err(r) = reach_from(&t, a) {
                prop_assert!(!r.hint().is_empty(), "{:?}", r);
            }
            for b in &ids {
                if let Err(r) = can_reach(&t, a, b) {
                    prop_assert!(!r.hint().is_empty(), "{:?}", r);
                }
            }
        }
        let _ = shared_stacks(&t);
    }
}
