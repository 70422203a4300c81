//! Plans that pass, and the addresses offered.

use super::*;

// ---- plans that succeed ----------------------------------------------------------------------------

#[test]
fn plan_connect_builds_the_operation_with_names_and_normalised_config() {
    let t = demo();
    let config =
        EndpointConfig { ipv4: Some("10.214.40.20".into()), ipv6: Some(String::new()), ..aliases(&["api", "api"]) };
    let op = plan_connect(&t, "c-api", "n-frontend", &config).unwrap();
    assert_eq!(
        op,
        Operation::Connect {
            endpoint: EndpointRef {
                network_id: "n-frontend".into(),
                network_name: "frontend".into(),
                container_id: "c-api".into(),
                container_name: "api".into(),
            },
            config: EndpointConfig { ipv4: Some("10.214.40.20".into()), ..aliases(&["api"]) },
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
            endpoint: EndpointRef {
                network_id: "n-vault".into(),
                network_name: "vault".into(),
                container_id: "c-gateway".into(),
                container_name: "gateway".into(),
            },
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
