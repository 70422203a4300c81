//! Taking operations back, their docker CLI lines, and the wording of refusals.

use super::*;

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
        endpoint: EndpointRef {
            network_id: "n".into(),
            network_name: "my net".into(),
            container_id: "c".into(),
            container_name: "a'b".into(),
        },
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
