//! Behaviour of the ops planners over the demo snapshot and small hand-built ones.

use super::*;
use crate::fixtures::{self, container, demo_topology as demo, demo_topology_with as demo_with, endpoint, network};
use crate::model::{ContainerState, IpamConfig};
use crate::problem::{Field, Problem};
use crate::topology::Topology;

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
        aliases: vec!["ok".into(), "not ok".into()],
        ipv4: Some("10.214.40.10".into()),
        ipv6: Some("fd00::5".into()),
        link_local: vec!["x".into()],
        ..Default::default()
    };
    let refusals = plan_err(&t, "c-api", "n-frontend", &config);
    assert_eq!(codes(&refusals), ["badAlias", "addressInUse", "noIpv6", "badAddress"]);
    assert_eq!(
        refusals.iter().map(Refusal::field).collect::<Vec<_>>(),
        [Some(Field::Aliases), Some(Field::Ipv4), Some(Field::Ipv6), Some(Field::LinkLocal)]
    );
}

// ---- plans that succeed ----------------------------------------------------------------------------

#[test]
fn plan_connect_builds_the_operation_with_names_and_normalised_config() {
    let t = demo();
    let config = EndpointConfig {
        aliases: vec!["api".into(), "api".into()],
        ipv4: Some("10.214.40.20".into()),
        ipv6: Some(String::new()),
        ..Default::default()
    };
    let op = plan_connect(&t, "c-api", "n-frontend", &config).unwrap();
    assert_eq!(
        op,
        Operation::Connect {
            network_id: "n-frontend".into(),
            network_name: "frontend".into(),
            container_id: "c-api".into(),
            container_name: "api".into(),
            config: EndpointConfig {
                aliases: vec!["api".into()],
                ipv4: Some("10.214.40.20".into()),
                ..Default::default()
            },
        }
    );
    assert_eq!(op.describe(), "Connect api to frontend");
    assert_eq!(op.command(), "docker network connect --alias api --ip 10.214.40.20 frontend api");
}

#[test]
fn stopped_containers_and_macvlan_networks_accept_connects() {
    let t = demo();
    assert!(plan_connect(&t, "c-nightly", "n-frontend", &EndpointConfig::default()).is_ok());
    assert!(plan_connect(&t, "c-db", "n-lan", &ipv4("10.214.30.21")).is_ok());
    assert!(plan_connect(&t, "c-db", "n-vault", &ipv4("10.214.20.11")).is_ok());
}

#[test]
fn plan_disconnect_captures_static_addresses_for_undo() {
    let t = demo();
    let op = plan_disconnect(&t, "c-gateway", "n-vault", false).unwrap();
    assert_eq!(
        op,
        Operation::Disconnect {
            network_id: "n-vault".into(),
            network_name: "vault".into(),
            container_id: "c-gateway".into(),
            container_name: "gateway".into(),
            force: false,
            restore: ipv4("10.214.20.10"),
        }
    );
    assert_eq!(op.describe(), "Disconnect gateway from vault");
    // A stopped container can be disconnected: the engine edits its saved config.
    assert!(plan_disconnect(&t, "c-nightly", "n-backend", false).is_ok());
}

#[test]
fn targets_lists_every_network_by_name_with_its_refusal() {
    let t = demo();
    let got: Vec<(String, Option<String>)> =
        targets(&t, "c-api").into_iter().map(|(id, r)| (id, r.map(|r| r.code().name()))).collect();
    let want = [
        ("n-backend", Some("alreadyConnected")),
        ("n-bridge", None),
        ("n-frontend", None),
        ("n-host", Some("fixedNetwork")),
        ("n-lan", None),
        ("n-none", Some("fixedNetwork")),
        ("n-vault", None),
    ];
    assert_eq!(got, want.map(|(id, c)| (id.to_string(), c.map(String::from))));
}

// ---- suggestions -----------------------------------------------------------------------------------

#[test]
fn next_free_ipv4_skips_gateway_and_held_addresses() {
    let t = demo();
    // backend: .0 network, .1 gateway, .2 api, .3 db are taken; gateway holds .10, further up.
    assert_eq!(next_free_ipv4(&t, "n-backend").as_deref(), Some("10.214.10.4"));
    assert_eq!(next_free_ipv4(&t, "n-frontend").as_deref(), Some("10.214.40.2"));
    // The suggestion is accepted by the planner.
    assert!(plan_connect(&t, "c-legacy", "n-backend", &ipv4("10.214.10.4")).is_ok());
}

#[test]
fn next_free_ipv4_stays_inside_the_ip_range() {
    let mut n = network("n-ranged", "ranged", "bridge", Some("10.90.0.0/24"));
    n.ipam[0].ip_range = Some("10.90.0.128/30".into());
    let holder = container("c-h", "holder", ContainerState::Running, "ranged", vec![endpoint(&n, Some("10.90.0.128"))]);
    let t = demo_with(vec![n.clone()], vec![holder]);
    assert_eq!(next_free_ipv4(&t, "n-ranged").as_deref(), Some("10.90.0.129"));
    // A full range yields nothing rather than an address outside it.
    let eps = ["10.90.0.128", "10.90.0.129", "10.90.0.130", "10.90.0.131"]
        .iter()
        .enumerate()
        .map(|(i, ip)| {
            container(
                &format!("c-{i}"),
                &format!("h{i}"),
                ContainerState::Running,
                "ranged",
                vec![endpoint(&n, Some(ip))],
            )
        })
        .collect();
    let t = demo_with(vec![n], eps);
    assert_eq!(next_free_ipv4(&t, "n-ranged"), None);
}

#[test]
fn no_suggestion_where_static_addresses_are_refused() {
    let t = demo_with(vec![network("n-bare", "bare", "bridge", None)], vec![]);
    assert_eq!(next_free_ipv4(&t, "n-bridge"), None);
    assert_eq!(next_free_ipv4(&t, "n-bare"), None);
    assert_eq!(next_free_ipv4(&t, "n-host"), None);
    assert_eq!(next_free_ipv6(&t, "n-backend"), None);
}

#[test]
fn next_free_ipv6_skips_subnet_address_gateway_and_held() {
    let n = dual_stack();
    let mut ep = endpoint(&n, Some("10.50.0.2"));
    ep.ipv6 = Some("fd00:50::2".into());
    let c = container("c-six", "six", ContainerState::Running, "dual", vec![ep]);
    let t = demo_with(vec![n], vec![c]);
    assert_eq!(next_free_ipv6(&t, "n-dual").as_deref(), Some("fd00:50::3"));
    assert_eq!(next_free_ipv4(&t, "n-dual").as_deref(), Some("10.50.0.3"));
}

// ---- undo ------------------------------------------------------------------------------------------

fn sample_ops(t: &Topology) -> Vec<Operation> {
    let full = EndpointConfig {
        aliases: vec!["edge".into()],
        ipv4: Some("10.214.40.20".into()),
        link_local: vec!["169.254.0.9".into()],
        driver_opts: [("com.example.opt".to_string(), "1".to_string())].into(),
        ..Default::default()
    };
    vec![
        plan_connect(t, "c-api", "n-frontend", &full).unwrap(),
        plan_connect(t, "c-nightly", "n-vault", &EndpointConfig::default()).unwrap(),
        plan_disconnect(t, "c-gateway", "n-backend", false).unwrap(),
        plan_disconnect(t, "c-db", "n-backend", false).unwrap().with_restore(aliases(&["database"])),
    ]
}

#[test]
fn inverse_of_every_operation_round_trips() {
    let t = demo();
    for op in sample_ops(&t) {
        let back = inverse(&op);
        assert_ne!(std::mem::discriminant(&back), std::mem::discriminant(&op));
        assert_eq!(inverse(&back), op);
    }
}

#[test]
fn inverse_of_a_disconnect_reconnects_with_the_captured_config() {
    let t = demo();
    let op = plan_disconnect(&t, "c-gateway", "n-backend", false).unwrap();
    let Operation::Connect { config, .. } = inverse(&op) else { panic!("a disconnect must invert to a connect") };
    assert_eq!(config, ipv4("10.214.10.10"));
    assert_eq!(inverse(&op).command(), "docker network connect --ip 10.214.10.10 backend gateway");
}

#[test]
fn user_aliases_drop_the_ones_the_engine_adds() {
    let id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let c = container(id, "shop-api-1", ContainerState::Running, "backend", vec![]);
    let seen: Vec<String> = ["shop-api-1", "api", "0123456789ab", "api", "api.internal"].map(String::from).to_vec();
    assert_eq!(user_aliases(&c, &seen), ["api", "api.internal"]);
}

#[test]
fn recheck_refuses_restoring_an_address_taken_meanwhile() {
    let t = demo();
    let op = plan_disconnect(&t, "c-gateway", "n-backend", false).unwrap();
    // After the disconnect, legacy-web took gateway's old address.
    let mut s = fixtures::demo();
    let backend = s.networks.iter().find(|n| n.id == "n-backend").cloned().unwrap();
    for c in &mut s.containers {
        match c.id.as_str() {
            "c-gateway" => c.endpoints.retain(|e| e.network_id != "n-backend"),
            "c-legacy" => c.endpoints.push(endpoint(&backend, Some("10.214.10.10"))),
            _ => {}
        }
    }
    let after = Topology::from_snapshot(&s);
    let undo = inverse(&op);
    let refusals = recheck(&after, &undo).unwrap_err();
    assert_eq!(codes(&refusals), ["addressInUse"]);
    assert_eq!(restore_message(&refusals[0]), "cannot restore exactly: 10.214.10.10 is held by legacy-web");
    // Without the squatter the exact restore is fine.
    let mut s2 = fixtures::demo();
    for c in &mut s2.containers {
        if c.id == "c-gateway" {
            c.endpoints.retain(|e| e.network_id != "n-backend");
        }
    }
    assert_eq!(recheck(&Topology::from_snapshot(&s2), &undo), Ok(()));
}

#[test]
fn recheck_refuses_a_disconnect_already_undone_by_someone_else() {
    let t = demo();
    let connect = plan_connect(&t, "c-api", "n-frontend", &EndpointConfig::default()).unwrap();
    // Nobody connected api to frontend in this topology, so undoing the connect has nothing to disconnect.
    assert_eq!(codes(&recheck(&t, &inverse(&connect)).unwrap_err()), ["notConnected"]);
    assert_eq!(recheck(&t, &connect), Ok(()));
}

// ---- commands --------------------------------------------------------------------------------------

#[test]
fn commands_quote_odd_names_for_a_posix_shell() {
    let op = Operation::Connect {
        network_id: "n".into(),
        network_name: "my net".into(),
        container_id: "c".into(),
        container_name: "a'b".into(),
        config: EndpointConfig {
            aliases: vec!["$(x)".into()],
            ipv6: Some("fd00::5".into()),
            link_local: vec!["169.254.0.9".into()],
            driver_opts: [("k".to_string(), "v w".to_string())].into(),
            ..Default::default()
        },
    };
    assert_eq!(
        op.command(),
        r#"docker network connect --alias '$(x)' --ip6 fd00::5 --link-local-ip 169.254.0.9 --driver-opt 'k=v w' 'my net' 'a'\''b'"#
    );
    let off = inverse(&op);
    assert_eq!(off.command(), r#"docker network disconnect 'my net' 'a'\''b'"#);
    assert_eq!(command::quote(""), "''");
}

#[test]
fn forced_disconnect_renders_the_force_flag() {
    let t = demo();
    let op = plan_disconnect(&t, "c-api", "n-backend", true).unwrap();
    assert_eq!(op.command(), "docker network disconnect --force backend api");
    assert_eq!(op.describe(), "Force-disconnect api from backend");
}

#[test]
fn connect_with_mac_notes_the_cli_cannot_set_it() {
    let t = demo();
    let config = EndpointConfig { mac: Some("02:42:0a:00:00:99".into()), ..Default::default() };
    let op = plan_connect(&t, "c-api", "n-frontend", &config).unwrap();
    assert_eq!(
        op.command(),
        "docker network connect frontend api  # MAC address 02:42:0a:00:00:99 is set through the API only"
    );
}

#[test]
fn refusals_read_as_sentences_with_advice() {
    let t = demo();
    let r = check_target(&t, "c-agent", "n-frontend").unwrap_err();
    assert_eq!(
        r.message(),
        "host-agent uses the host's network stack (network mode `host`). It has no network stack of its own to attach; recreate it on a bridge or user-defined network."
    );
    assert_eq!(r.to_string(), r.message());
}

#[test]
fn an_unreported_gateway_is_taken_to_be_the_first_host_address() {
    // Engine 20.10 leaves `Gateway` out of the IPAM config when only `--subnet` was given.
    let mut n = network("n-quiet", "quiet", "bridge", Some("10.60.0.0/24"));
    n.ipam[0].gateway = None;
    let mut ranged = network("n-ranged", "ranged", "bridge", Some("10.61.0.0/16"));
    ranged.ipam[0].gateway = None;
    ranged.ipam[0].ip_range = Some("10.61.5.0/24".into());
    let t = demo_with(vec![n, ranged], vec![]);
    assert_eq!(codes(&plan_err(&t, "c-api", "n-quiet", &ipv4("10.60.0.1"))), ["reservedAddress"]);
    assert_eq!(codes(&plan_err(&t, "c-api", "n-ranged", &ipv4("10.61.5.1"))), ["reservedAddress"]);
    assert!(plan_connect(&t, "c-api", "n-ranged", &ipv4("10.61.0.1")).is_ok(), "outside the range, not the gateway");
    assert_eq!(next_free_ipv4(&t, "n-quiet").as_deref(), Some("10.60.0.2"));
}

#[test]
fn only_a_network_the_view_shows_is_known_by_its_exact_id() {
    let t = demo();
    assert_eq!(known_network(&t, "n-backend").map(|n| n.name.as_str()), Ok("backend"));
    for id in ["../containers/json", "n-backend/../../info", "backend", "n-back", ""] {
        let refusal = known_network(&t, id).unwrap_err();
        assert_eq!(refusal.code(), crate::problem::Code::NetworkGone, "{id:?}");
    }
}
