//! The suggested fix: the one connect that makes A reach B, or why none helps.

use super::*;
use crate::endpoints::EndpointRef;

#[test]
fn the_fix_connects_a_to_the_busiest_user_defined_network_of_b() {
    let t = demo();
    let frontend = net_of(&t, "frontend");
    let zeta = network("n-zeta", "zeta", "bridge", Some("10.214.50.0/24"));
    let web = container(
        "c-web",
        "web",
        RUN,
        "frontend",
        vec![endpoint(&frontend, Some("10.214.40.5")), endpoint(&zeta, Some("10.214.50.5"))],
    );
    let t = demo_with(vec![zeta], vec![web]);
    let v = verdict(&t, "c-api", "c-web");
    assert!(!v.reachable());
    // frontend holds gateway and web, zeta only web.
    let op = connect_of(&v);
    assert_eq!(
        op,
        &Operation::Connect {
            endpoint: EndpointRef {
                network_id: "n-frontend".into(),
                network_name: "frontend".into(),
                container_id: "c-api".into(),
                container_name: "api".into(),
            },
            config: EndpointConfig::default(),
        }
    );
    assert_eq!(v.fix.as_ref().and_then(Fix::command).as_deref(), Some("docker network connect frontend api"));
    assert_eq!(
        op,
        &crate::endpoints::plan_connect(&t, "c-api", "n-frontend", &EndpointConfig::default()).expect("valid")
    );
}

#[test]
fn the_fix_prefers_a_user_defined_network_to_the_default_bridge_and_breaks_ties_by_name() {
    let t = demo();
    let (bridge, backend) = (net_of(&t, "bridge"), net_of(&t, "backend"));
    let (a, b) = (network("n-a", "aa", "bridge", None), network("n-b", "bb", "bridge", None));
    let x = container(
        "c-x",
        "x",
        RUN,
        "bridge",
        vec![endpoint(&bridge, Some("10.213.0.9")), endpoint(&b, Some("10.0.2.2")), endpoint(&a, Some("10.0.1.2"))],
    );
    let lone = running_on("c-lone", "lone", &[(&backend, "10.214.10.9")]);
    let t = demo_with(vec![a, b], vec![x, lone]);
    assert_eq!(connect_of(&verdict(&t, "c-lone", "c-x")).command(), "docker network connect aa lone");
}

#[test]
fn the_fix_joins_b_to_a_network_of_a_when_a_may_join_none_of_bs() {
    let mut mesh = network("n-mesh", "mesh", "overlay", Some("10.0.9.0/24"));
    mesh.scope = "swarm".into();
    let svc = running_on("c-svc", "svc", &[(&mesh, "10.0.9.2")]);
    let t = demo_with(vec![mesh], vec![svc]);
    // mesh was created without --attachable, so api may not join it; svc joins backend instead.
    assert_eq!(connect_of(&verdict(&t, "c-api", "c-svc")).command(), "docker network connect backend svc");
}

#[test]
fn the_fix_for_a_host_mode_target_joins_a_bridge_whose_gateway_is_the_host() {
    let vault = net_of(&demo(), "vault");
    let safe = running_on("c-safe", "safe", &[(&vault, "10.214.20.5")]);
    let t = demo_with(vec![], vec![safe]);
    let v = verdict(&t, "c-safe", "c-agent");
    assert_eq!(
        reason(&v),
        &Reason::NoWayToHost {
            container: "safe".into(),
            networks: vec![(net("n-vault", "vault"), Blocked::Internal)],
            listener: Some("host-agent".into()),
        }
    );
    // backend is the busiest user-defined bridge with a gateway on the host.
    assert_eq!(connect_of(&v).command(), "docker network connect backend safe");
}

#[test]
fn the_fix_from_a_host_mode_container_connects_the_target_to_a_bridge_the_host_reaches() {
    let t = demo();
    let v = verdict(&t, "c-agent", "c-printer");
    assert_eq!(connect_of(&v).command(), "docker network connect backend printer");
}

#[test]
fn the_fix_for_a_sidecar_connects_the_container_whose_stack_it_shares() {
    let t = with_sidecars();
    let v = verdict(&t, "c-side", "c-api");
    // web (frontend) and api (backend) meet only through gateway, which is on both.
    assert_eq!(reason(&v).code(), WhyNotCode::NotRouted);
    assert_eq!(connect_of(&v).command(), "docker network connect backend web");
}

#[test]
fn no_fix_when_b_has_networking_disabled_or_is_stopped() {
    let t = demo();
    assert_eq!(verdict(&t, "c-api", "c-sealed").fix.as_ref().map(Fix::code), Some(FixCode::NetworkingDisabled));
    assert_eq!(verdict(&t, "c-api", "c-nightly").fix.as_ref().map(Fix::code), Some(FixCode::NotRunning));
    assert_eq!(verdict(&t, "c-api", "c-db").fix, None, "a yes needs no fix");
}
