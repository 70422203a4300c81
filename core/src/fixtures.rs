//! Hand-built snapshots for unit tests: the sandbox demo topology, without an engine.

use std::collections::BTreeMap;

use crate::model::{Container, ContainerState, Endpoint, IpamConfig, Network, Snapshot};
use crate::topology::Topology;

pub fn network(id: &str, name: &str, driver: &str, subnet: Option<&str>) -> Network {
    Network {
        id: id.into(),
        name: name.into(),
        driver: driver.into(),
        scope: "local".into(),
        created: Some("2026-11-25T10:00:00.000000000Z".into()),
        ipam_driver: "default".into(),
        ipam: subnet
            .map(|s| {
                let gw = s.rsplit_once('.').map(|(head, _)| format!("{head}.1"));
                vec![IpamConfig { subnet: Some(s.into()), ip_range: None, gateway: gw }]
            })
            .unwrap_or_default(),
        ..Default::default()
    }
}

pub fn endpoint(network: &Network, ip: Option<&str>) -> Endpoint {
    Endpoint {
        network_id: network.id.clone(),
        network_name: network.name.clone(),
        endpoint_id: ip.map(|_| format!("ep-{}", network.id)),
        ipv4: ip.map(String::from),
        ipv4_prefix: ip.map(|_| 24),
        mac: ip.map(|_| "02:42:0a:00:00:02".into()),
        ..Default::default()
    }
}

pub fn container(id: &str, name: &str, state: ContainerState, mode: &str, endpoints: Vec<Endpoint>) -> Container {
    Container {
        id: id.into(),
        name: name.into(),
        image: "netlens/busybox:latest".into(),
        state,
        status: String::new(),
        network_mode: mode.into(),
        labels: BTreeMap::new(),
        ports: vec![],
        endpoints,
    }
}

/// The sandbox demo: see tests/sandbox/demo.sh.
pub fn demo() -> Snapshot {
    let bridge = network("n-bridge", "bridge", "bridge", Some("10.213.0.0/24"));
    let host = network("n-host", "host", "host", None);
    let none = network("n-none", "none", "null", None);
    let backend = network("n-backend", "backend", "bridge", Some("10.214.10.0/24"));
    let frontend = network("n-frontend", "frontend", "bridge", Some("10.214.40.0/24"));
    let mut vault = network("n-vault", "vault", "bridge", Some("10.214.20.0/24"));
    vault.internal = true;
    let mut lan = network("n-lan", "lan", "macvlan", Some("10.214.30.0/24"));
    lan.options.insert("parent".into(), "netlens-lan0".into());
    let run = ContainerState::Running;
    let mut api = container("c-api", "api", run, "backend", vec![endpoint(&backend, Some("10.214.10.2"))]);
    api.labels.insert("com.docker.compose.project".into(), "shop".into());
    api.labels.insert("com.docker.compose.service".into(), "api".into());
    let db = container("c-db", "db", run, "backend", vec![endpoint(&backend, Some("10.214.10.3"))]);
    let mut gw_front = endpoint(&frontend, Some("10.214.40.10"));
    gw_front.static_ipv4 = Some("10.214.40.10".into());
    let mut gw_back = endpoint(&backend, Some("10.214.10.10"));
    gw_back.static_ipv4 = Some("10.214.10.10".into());
    let mut gw_vault = endpoint(&vault, Some("10.214.20.10"));
    gw_vault.static_ipv4 = Some("10.214.20.10".into());
    let gateway = container("c-gateway", "gateway", run, "frontend", vec![gw_back, gw_front, gw_vault]);
    let nightly =
        container("c-nightly", "nightly-job", ContainerState::Exited, "backend", vec![endpoint(&backend, None)]);
    let legacy = container("c-legacy", "legacy-web", run, "default", vec![endpoint(&bridge, Some("10.213.0.2"))]);
    let agent = container("c-agent", "host-agent", run, "host", vec![endpoint(&host, None)]);
    let sealed = container("c-sealed", "sealed", run, "none", vec![endpoint(&none, None)]);
    let printer = container("c-printer", "printer", run, "lan", vec![endpoint(&lan, Some("10.214.30.20"))]);
    Snapshot {
        networks: vec![backend, bridge, frontend, host, lan, none, vault],
        containers: vec![agent, api, db, gateway, legacy, nightly, printer, sealed],
        services: vec![],
    }
}

/// The demo snapshot as a topology.
pub fn demo_topology() -> Topology {
    Topology::from_snapshot(&demo())
}

/// The demo plus extra networks and containers, as a topology.
pub fn demo_topology_with(networks: Vec<Network>, containers: Vec<Container>) -> Topology {
    let mut s = demo();
    s.networks.extend(networks);
    s.containers.extend(containers);
    Topology::from_snapshot(&s)
}
