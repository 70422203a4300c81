//! Hand-built snapshots for unit tests: the sandbox demo topology (and the demo with a swarm), without an engine.

use std::collections::BTreeMap;

use crate::model::{
    Container, ContainerState, Endpoint, IpamConfig, Network, Service, ServiceMode, ServiceNetwork, ServicePort,
    Snapshot, SERVICE_ID_LABEL,
};
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

/// A running container started on the first of `at`'s networks (its network mode, as `docker run --network`
/// sets it) and connected to the others, at the address given for each.
pub fn running_on(id: &str, name: &str, at: &[(&Network, &str)]) -> Container {
    let mode = at.first().map_or("none", |(n, _)| n.name.as_str());
    let endpoints = at.iter().map(|(n, ip)| endpoint(n, Some(ip))).collect();
    container(id, name, ContainerState::Running, mode, endpoints)
}

/// A copy of the snapshot's network with this name, to build endpoints on while the snapshot changes.
pub fn network_named(snap: &Snapshot, name: &str) -> Network {
    snap.networks.iter().find(|n| n.name == name).cloned().unwrap_or_else(|| panic!("no network {name}"))
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

/// Containers of the demo as re-reads would find them after one change each: `db` connected to `vault`,
/// `gateway` disconnected from `vault`, `api` stopped (its endpoints keep their networks, not their
/// addresses), as (what happened, the container).
pub fn demo_one_container_changes() -> Vec<(&'static str, Container)> {
    let snap = demo();
    let ctr = |name: &str| {
        snap.containers.iter().find(|c| c.name == name).cloned().unwrap_or_else(|| panic!("no container {name}"))
    };
    let mut joined = ctr("db");
    joined.endpoints.push(endpoint(&network_named(&snap, "vault"), Some("10.214.20.7")));
    let mut left = ctr("gateway");
    left.endpoints.retain(|e| e.network_name != "vault");
    let mut stopped = ctr("api");
    stopped.state = ContainerState::Exited;
    stopped.endpoints.iter_mut().for_each(|e| (e.endpoint_id, e.ipv4) = (None, None));
    vec![("a connect", joined), ("a disconnect", left), ("a stop", stopped)]
}

/// The demo plus `api-side` (`c-side`), which runs in `api`'s network stack (`--network container:api`).
pub fn demo_with_sidecar() -> Topology {
    demo_topology_with(vec![], vec![container("c-side", "api-side", ContainerState::Running, "container:api", vec![])])
}

/// A replicated service of two with a VIP on each `(network id, vip)`.
pub fn service(id: &str, name: &str, vips: &[(&str, &str)]) -> Service {
    Service {
        id: id.into(),
        name: name.into(),
        mode: ServiceMode::Replicated(2),
        image: "netlens/busybox:latest".into(),
        endpoint_mode: "vip".into(),
        networks: vips
            .iter()
            .map(|(n, v)| ServiceNetwork { network_id: (*n).into(), virtual_ip: Some((*v).into()) })
            .collect(),
        ports: vec![],
        running_tasks: Some(2),
        desired_tasks: Some(2),
        labels: Default::default(),
    }
}

/// A task container of `service` on `net`.
pub fn task(id: &str, name: &str, service: &str, net: &Network, ip: &str) -> Container {
    let mut c = container(id, name, ContainerState::Running, &net.name, vec![endpoint(net, Some(ip))]);
    c.labels.insert(SERVICE_ID_LABEL.into(), service.into());
    c
}

/// The demo plus a swarm: the ingress network, an attachable overlay `apps`, service `web` (VIPs on
/// both, one task here, the other on another node) and service `ghost` whose network went away.
pub fn swarm_demo() -> Snapshot {
    let mut s = demo();
    let mut ingress = network("n-ingress", "ingress", "overlay", Some("10.0.0.0/24"));
    (ingress.scope, ingress.ingress) = ("swarm".into(), true);
    let mut apps = network("n-apps", "apps", "overlay", Some("10.0.1.0/24"));
    (apps.scope, apps.attachable) = ("swarm".into(), true);
    let mut web = service("s-web", "web", &[("n-ingress", "10.0.0.5/24"), ("n-apps", "10.0.1.2/24")]);
    web.ports.push(ServicePort {
        target: 80,
        published: Some(8080),
        protocol: "tcp".into(),
        publish_mode: "ingress".into(),
    });
    let mut one = task("c-web1", "web.1.x1", "s-web", &apps, "10.0.1.3");
    one.endpoints.push(endpoint(&ingress, Some("10.0.0.6")));
    s.containers.push(one);
    s.services.push(web);
    s.services.push(service("s-ghost", "ghost", &[("n-gone", "10.9.0.2/24")]));
    s.networks.extend([ingress, apps]);
    s
}
