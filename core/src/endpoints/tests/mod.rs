//! Behaviour of the endpoint planners over the demo snapshot and small hand-built ones: here the refusals
//! (of the target, then of the form); plans that pass and suggestions in `plans`, undo and commands in `undo`.

use super::*;
use crate::fixtures::{self, container, demo_topology as demo, demo_topology_with as demo_with, endpoint, network};
use crate::model::{ContainerState, IpamConfig};
use crate::problem::{Field, Problem};
use crate::topology::Topology;

mod plans;
mod undo;

fn codes(refusals: &[Refusal]) -> Vec<String> {
    refusals.iter().map(|r| r.code().name()).collect()
}

fn ipv4(ip: &str) -> EndpointConfig {
    EndpointConfig { ipv4: Some(ip.into()), ..Default::default() }
}

fn ipv6(ip: &str) -> EndpointConfig {
    EndpointConfig { ipv6: Some(ip.into()), ..Default::default() }
}

fn aliases(a: &[&str]) -> EndpointConfig {
    EndpointConfig { aliases: a.iter().map(|s| s.to_string()).collect(), ..Default::default() }
}

/// A dual-stack user-defined network: 10.50.0.0/24 and fd00:50::/64, gateways at .1 and ::1.
fn dual_stack() -> crate::model::Network {
    let mut n = network("n-dual", "dual", "bridge", Some("10.50.0.0/24"));
    n.enable_ipv6 = true;
    n.ipam.push(IpamConfig { subnet: Some("fd00:50::/64".into()), ip_range: None, gateway: Some("fd00:50::1".into()) });
    n
}

fn plan_err(t: &Topology, c: &str, n: &str, config: &EndpointConfig) -> Vec<Refusal> {
    plan_connect(t, c, n, config).expect_err("the plan should be refused")
}

// ---- target refusals -------------------------------------------------------------------------------

#[test]
fn connect_of_a_removed_container_is_refused_as_container_gone() {
    let t = demo();
    assert_eq!(check_target(&t, "c-gone", "n-frontend").unwrap_err().code().name(), "containerGone");
    assert_eq!(codes(&plan_err(&t, "c-gone", "n-frontend", &EndpointConfig::default())), ["containerGone"]);
    assert_eq!(plan_disconnect(&t, "c-gone", "n-backend", false).unwrap_err().code().name(), "containerGone");
}

#[test]
fn connect_to_a_removed_network_is_refused_as_network_gone() {
    let t = demo();
    assert_eq!(codes(&plan_err(&t, "c-api", "n-gone", &EndpointConfig::default())), ["networkGone"]);
    assert_eq!(plan_disconnect(&t, "c-api", "n-gone", false).unwrap_err().code().name(), "networkGone");
}

#[test]
fn connect_to_a_network_already_joined_is_refused() {
    let t = demo();
    let r = check_target(&t, "c-api", "n-backend").unwrap_err();
    assert_eq!(r.code().name(), "alreadyConnected");
    assert_eq!(r.field(), None);
    assert!(r.message().starts_with("api is already connected to backend."), "{}", r.message());
    // A stopped container keeps its entry, so it counts as connected too.
    assert_eq!(check_target(&t, "c-nightly", "n-backend").unwrap_err().code().name(), "alreadyConnected");
}

#[test]
fn disconnect_from_a_network_not_joined_is_refused() {
    let t = demo();
    let r = plan_disconnect(&t, "c-api", "n-frontend", false).unwrap_err();
    assert_eq!(r.code().name(), "notConnected");
}

#[test]
fn containers_without_their_own_stack_are_refused_as_shared_stack() {
    let other = container("c-side", "sidecar", ContainerState::Running, "container:c-api", vec![]);
    let t = demo_with(vec![], vec![other]);
    for (c, mode) in [("c-agent", "host"), ("c-sealed", "none"), ("c-side", "container:c-api")] {
        let refusals = plan_err(&t, c, "n-frontend", &EndpointConfig::default());
        assert_eq!(codes(&refusals), ["sharedStack"], "{c}");
        assert!(refusals[0].message().contains(&format!("`{mode}`")), "{}", refusals[0].message());
    }
}

#[test]
fn host_and_none_networks_refuse_connects_and_disconnects_as_fixed() {
    let t = demo();
    assert_eq!(codes(&plan_err(&t, "c-api", "n-host", &EndpointConfig::default())), ["fixedNetwork"]);
    assert_eq!(codes(&plan_err(&t, "c-api", "n-none", &EndpointConfig::default())), ["fixedNetwork"]);
    assert_eq!(plan_disconnect(&t, "c-agent", "n-host", false).unwrap_err().code().name(), "fixedNetwork");
    assert_eq!(plan_disconnect(&t, "c-sealed", "n-none", true).unwrap_err().code().name(), "fixedNetwork");
}

#[test]
fn swarm_network_without_attachable_is_refused_but_attachable_one_is_not() {
    let mut closed = network("n-ov", "services", "overlay", Some("10.60.0.0/24"));
    closed.scope = "swarm".into();
    let mut open = network("n-ova", "shared", "overlay", Some("10.61.0.0/24"));
    open.scope = "swarm".into();
    open.attachable = true;
    let mut ingress = network("n-ing", "ingress", "overlay", Some("10.62.0.0/24"));
    ingress.scope = "swarm".into();
    ingress.ingress = true;
    let t = demo_with(vec![closed, open, ingress], vec![]);
    assert_eq!(codes(&plan_err(&t, "c-api", "n-ov", &EndpointConfig::default())), ["notAttachable"]);
    assert_eq!(codes(&plan_err(&t, "c-api", "n-ing", &EndpointConfig::default())), ["notAttachable"]);
    let refused = plan_err(&t, "c-api", "n-ov", &EndpointConfig::default());
    let hint = refused.iter().map(|p| p.hint()).collect::<String>();
    assert!(hint.contains("docker network create --driver overlay --attachable"), "{hint}");
    let op = plan_connect(&t, "c-api", "n-ova", &EndpointConfig::default()).expect("an attachable overlay is joinable");
    assert_eq!(op.command(), "docker network connect shared api");
}

#[test]
fn config_only_network_is_refused_as_config_only_not_fixed() {
    // Config-only networks carry the `null` driver, like `none`.
    let mut n = network("n-cfg", "lan-config", "null", Some("10.70.0.0/24"));
    n.config_only = true;
    let t = demo_with(vec![n], vec![]);
    assert_eq!(codes(&plan_err(&t, "c-api", "n-cfg", &EndpointConfig::default())), ["configOnly"]);
}

// ---- form refusals ---------------------------------------------------------------------------------

#[test]
fn malformed_aliases_are_each_refused_with_their_problem() {
    let t = demo();
    let long = "a".repeat(256);
    let cases = [
        ("", AliasProblem::Empty),
        ("my api", AliasProblem::Whitespace),
        (long.as_str(), AliasProblem::TooLong),
        ("api!", AliasProblem::NotDnsName),
        ("-api", AliasProblem::NotDnsName),
        ("api..internal", AliasProblem::NotDnsName),
    ];
    for (alias, problem) in cases {
        let refusals = plan_err(&t, "c-api", "n-frontend", &aliases(&[alias]));
        assert_eq!(refusals, [Refusal::BadAlias { alias: alias.into(), problem }], "{alias:?}");
        assert_eq!(refusals[0].field(), Some(Field::Aliases));
    }
    let ok = plan_connect(&t, "c-api", "n-frontend", &aliases(&["api", "shop_api", "api.shop.internal"]));
    assert!(ok.is_ok(), "{ok:?}");
}

#[test]
fn aliases_on_the_default_bridge_are_refused() {
    let t = demo();
    let refusals = plan_err(&t, "c-api", "n-bridge", &aliases(&["api"]));
    assert_eq!(codes(&refusals), ["aliasOnDefaultBridge"]);
    assert_eq!(refusals[0].field(), Some(Field::Aliases));
    assert!(plan_connect(&t, "c-api", "n-bridge", &EndpointConfig::default()).is_ok());
}

#[test]
fn static_addresses_on_the_default_bridge_are_refused_per_field() {
    let t = demo();
    let config =
        EndpointConfig { ipv4: Some("10.213.0.50".into()), ipv6: Some("fd00::5".into()), ..Default::default() };
    let refusals = plan_err(&t, "c-api", "n-bridge", &config);
    assert_eq!(codes(&refusals), ["staticOnDefaultBridge", "staticOnDefaultBridge"]);
    assert_eq!(refusals.iter().map(Refusal::field).collect::<Vec<_>>(), [Some(Field::Ipv4), Some(Field::Ipv6)]);
}

#[test]
fn addresses_that_are_not_literals_of_the_field_family_are_refused() {
    let t = demo_with(vec![dual_stack()], vec![]);
    for bad in ["10.50.0", "2001:db8::5", "0.0.0.0", "010.50.0.5", " 10.50.0.5"] {
        let refusals = plan_err(&t, "c-api", "n-dual", &ipv4(bad));
        assert_eq!(refusals, [Refusal::BadAddress { field: AddressField::Ipv4, value: bad.into() }], "{bad:?}");
    }
    for bad in ["10.50.0.5", "::", "::ffff:10.50.0.5", "fd00:50::zz"] {
        let refusals = plan_err(&t, "c-api", "n-dual", &ipv6(bad));
        assert_eq!(refusals, [Refusal::BadAddress { field: AddressField::Ipv6, value: bad.into() }], "{bad:?}");
    }
    let config = EndpointConfig { link_local: vec!["169.254.1.1".into(), "nope".into()], ..Default::default() };
    let refusals = plan_err(&t, "c-api", "n-dual", &config);
    assert_eq!(codes(&refusals), ["badAddress"]);
    assert_eq!(refusals[0].field(), Some(Field::LinkLocal));
}

#[test]
fn static_address_on_a_network_without_configured_subnet_is_refused() {
    let bare = network("n-bare", "bare", "bridge", None);
    let t = demo_with(vec![bare], vec![]);
    let refusals = plan_err(&t, "c-api", "n-bare", &ipv4("10.80.0.5"));
    assert_eq!(refusals, [Refusal::StaticNeedsSubnet { field: AddressField::Ipv4, network: "bare".into() }]);
    // IPv6 enabled but only an IPv4 subnet: the IPv6 field lacks a subnet of its family.
    let mut v4only = network("n-v4", "v4only", "bridge", Some("10.81.0.0/24"));
    v4only.enable_ipv6 = true;
    let t = demo_with(vec![v4only], vec![]);
    assert_eq!(codes(&plan_err(&t, "c-api", "n-v4", &ipv6("fd00:81::5"))), ["staticNeedsSubnet"]);
}

#[test]
fn address_outside_every_subnet_of_its_family_is_refused() {
    let t = demo();
    let refusals = plan_err(&t, "c-api", "n-frontend", &ipv4("10.214.41.5"));
    assert_eq!(
        refusals,
        [Refusal::OutsideSubnet {
            field: AddressField::Ipv4,
            address: "10.214.41.5".into(),
            network: "frontend".into(),
            subnets: vec!["10.214.40.0/24".into()],
        }]
    );
    assert!(refusals[0].message().contains("(10.214.40.0/24)"));
}

#[test]
fn network_broadcast_and_gateway_addresses_are_refused_as_reserved() {
    let t = demo_with(vec![dual_stack()], vec![]);
    for (addr, reserved) in [
        ("10.50.0.0", Reserved::NetworkAddress),
        ("10.50.0.255", Reserved::Broadcast),
        ("10.50.0.1", Reserved::Gateway),
    ] {
        let refusals = plan_err(&t, "c-api", "n-dual", &ipv4(addr));
        assert_eq!(
            refusals,
            [Refusal::ReservedAddress {
                field: AddressField::Ipv4,
                address: addr.into(),
                subnet: "10.50.0.0/24".into(),
                reserved
            }]
        );
    }
    assert_eq!(codes(&plan_err(&t, "c-api", "n-dual", &ipv6("fd00:50::1"))), ["reservedAddress"]);
    assert_eq!(codes(&plan_err(&t, "c-api", "n-dual", &ipv6("fd00:50::"))), ["reservedAddress"]);
    // IPv6 has no broadcast: the last address is an ordinary one.
    assert!(plan_connect(&t, "c-api", "n-dual", &ipv6("fd00:50::ffff:ffff:ffff:ffff")).is_ok());
}

#[test]
fn address_held_by_a_running_endpoint_is_refused_naming_the_holder() {
    let t = demo();
    let refusals = plan_err(&t, "c-legacy", "n-backend", &ipv4("10.214.10.3"));
    assert_eq!(
        refusals,
        [Refusal::AddressInUse {
            field: AddressField::Ipv4,
            address: "10.214.10.3".into(),
            holder: "db".into(),
            holder_running: true
        }]
    );
    assert_eq!(
        refusals[0].message(),
        "10.214.10.3 is held by db. Choose another address, or leave it empty to have one assigned."
    );
}

#[test]
fn static_address_of_a_stopped_container_counts_as_held() {
    let mut s = fixtures::demo();
    let backend = s.networks.iter().find(|n| n.id == "n-backend").cloned().unwrap();
    let mut ep = endpoint(&backend, None);
    ep.static_ipv4 = Some("10.214.10.50".into());
    s.containers.push(container("c-cron", "cron", ContainerState::Exited, "backend", vec![ep]));
    let t = Topology::from_snapshot(&s);
    let refusals = plan_err(&t, "c-legacy", "n-backend", &ipv4("10.214.10.50"));
    assert_eq!(codes(&refusals), ["addressInUse"]);
    assert!(refusals[0].message().contains("held by cron, which is stopped"), "{}", refusals[0].message());
    // The stopped nightly-job had a dynamic address: it holds nothing.
    assert!(plan_connect(&t, "c-legacy", "n-backend", &ipv4("10.214.10.4")).is_ok());
}

#[test]
fn ipv6_address_on_a_network_without_ipv6_is_refused() {
    let t = demo();
    let refusals = plan_err(&t, "c-api", "n-frontend", &ipv6("fd00::5"));
    assert_eq!(refusals, [Refusal::NoIpv6 { network: "frontend".into() }]);
    assert_eq!(refusals[0].field(), Some(Field::Ipv6));
}

#[test]
fn plan_connect_reports_every_field_problem_at_once() {
    let t = demo();
    let config = EndpointConfig {
        ipv4: Some("10.214.40.10".into()),
        ipv6: Some("fd00::5".into()),
        link_local: vec!["x".into()],
        ..aliases(&["ok", "not ok"])
    };
    let refusals = plan_err(&t, "c-api", "n-frontend", &config);
    assert_eq!(codes(&refusals), ["badAlias", "addressInUse", "noIpv6", "badAddress"]);
    assert_eq!(
        refusals.iter().map(Refusal::field).collect::<Vec<_>>(),
        [Some(Field::Aliases), Some(Field::Ipv4), Some(Field::Ipv6), Some(Field::LinkLocal)]
    );
}
