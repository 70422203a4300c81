//! The contract types that cross to the UI, and their conversion from the domain.
//!
//! Owns the shape the TypeScript bindings are generated from: our own small types, no 64-bit integers
//! (they do not fit a JavaScript number) and no free-form JSON. It must not hold logic beyond conversion.

use serde::{Deserialize, Serialize};
use specta::Type;

use netlens_core::layout::Layout;
use netlens_core::model::{Container, ContainerState, Endpoint, Network};
use netlens_core::topology::{Edge, Node, ReachKind, Topology};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum NodeKind {
    Network,
    Container,
    Host,
    External,
    /// A swarm service, as this node's manager lists it.
    Service,
    /// A Compose project collapsed into one node. Only the UI's view makes these (`ui/src/lib/groups/`,
    /// from the `composeProject` Rust puts on containers and networks); Rust never sends one.
    Project,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum EdgeKind {
    Endpoint,
    Reach,
    /// A container in `container:` mode → the container whose network stack it runs in.
    Stack,
    /// A swarm service → a network it is attached to; the label is its virtual IP there.
    ServiceNetwork,
    /// A swarm service → one of its task containers on this node.
    Task,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum ContainerStateDto {
    Created,
    Running,
    Paused,
    Restarting,
    Removing,
    Exited,
    Dead,
    Unknown,
}

impl From<ContainerState> for ContainerStateDto {
    fn from(s: ContainerState) -> Self {
        match s {
            ContainerState::Created => Self::Created,
            ContainerState::Running => Self::Running,
            ContainerState::Paused => Self::Paused,
            ContainerState::Restarting => Self::Restarting,
            ContainerState::Removing => Self::Removing,
            ContainerState::Exited => Self::Exited,
            ContainerState::Dead => Self::Dead,
            ContainerState::Unknown => Self::Unknown,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum ReachKindDto {
    HostNetwork,
    Gateway,
    Nat,
    Direct,
}

impl From<ReachKind> for ReachKindDto {
    fn from(k: ReachKind) -> Self {
        match k {
            ReachKind::HostNetwork => Self::HostNetwork,
            ReachKind::Gateway => Self::Gateway,
            ReachKind::Nat => Self::Nat,
            ReachKind::Direct => Self::Direct,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct KeyValueDto {
    pub key: String,
    pub value: String,
}

fn pairs(map: &std::collections::BTreeMap<String, String>) -> Vec<KeyValueDto> {
    map.iter().map(|(k, v)| KeyValueDto { key: k.clone(), value: v.clone() }).collect()
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct IpamConfigDto {
    pub subnet: Option<String>,
    pub ip_range: Option<String>,
    pub gateway: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PortDto {
    pub private_port: u16,
    pub public_port: Option<u16>,
    pub protocol: String,
    pub ip: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct NetworkDto {
    pub id: String,
    pub name: String,
    pub driver: String,
    pub scope: String,
    pub created: Option<String>,
    pub internal: bool,
    pub attachable: bool,
    pub ingress: bool,
    pub enable_ipv6: bool,
    pub config_only: bool,
    pub config_from: Option<String>,
    pub predefined: bool,
    /// The Compose project that made the network (its `com.docker.compose.project` label).
    pub compose_project: Option<String>,
    pub ipam_driver: String,
    pub ipam: Vec<IpamConfigDto>,
    pub options: Vec<KeyValueDto>,
    pub labels: Vec<KeyValueDto>,
}

impl From<&Network> for NetworkDto {
    fn from(n: &Network) -> Self {
        Self {
            id: n.id.clone(),
            name: n.name.clone(),
            driver: n.driver.clone(),
            scope: n.scope.clone(),
            created: n.created.clone(),
            internal: n.internal,
            attachable: n.attachable,
            ingress: n.ingress,
            enable_ipv6: n.enable_ipv6,
            config_only: n.config_only,
            config_from: n.config_from.clone(),
            predefined: n.is_predefined(),
            compose_project: n.compose_project().map(String::from),
            ipam_driver: n.ipam_driver.clone(),
            ipam: n
                .ipam
                .iter()
                .map(|c| IpamConfigDto {
                    subnet: c.subnet.clone(),
                    ip_range: c.ip_range.clone(),
                    gateway: c.gateway.clone(),
                })
                .collect(),
            options: pairs(&n.options),
            labels: pairs(&n.labels),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ContainerDto {
    pub id: String,
    pub name: String,
    pub image: String,
    pub state: ContainerStateDto,
    pub status: String,
    pub compose_project: Option<String>,
    pub compose_service: Option<String>,
    pub network_mode: String,
    pub ports: Vec<PortDto>,
    pub labels: Vec<KeyValueDto>,
}

impl From<&Container> for ContainerDto {
    fn from(c: &Container) -> Self {
        Self {
            id: c.id.clone(),
            name: c.name.clone(),
            image: c.image.clone(),
            state: c.state.into(),
            status: c.status.clone(),
            compose_project: c.compose_project().map(String::from),
            compose_service: c.compose_service().map(String::from),
            network_mode: c.network_mode.clone(),
            ports: c
                .ports
                .iter()
                .map(|p| PortDto {
                    private_port: p.private_port,
                    public_port: p.public_port,
                    protocol: p.protocol.clone(),
                    ip: p.ip.clone(),
                })
                .collect(),
            labels: pairs(&c.labels),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EndpointDto {
    pub network_id: String,
    pub network_name: String,
    pub container_id: String,
    pub container_name: String,
    pub endpoint_id: Option<String>,
    /// With its prefix, e.g. `10.0.0.2/24`.
    pub ipv4: Option<String>,
    pub ipv6: Option<String>,
    pub mac: Option<String>,
    pub gateway: Option<String>,
    pub static_ipv4: Option<String>,
    pub static_ipv6: Option<String>,
    pub aliases: Vec<String>,
}

impl EndpointDto {
    pub fn new(network: &Network, container: &Container, e: &Endpoint) -> Self {
        let with_prefix = |ip: &Option<String>, p: Option<u8>| {
            ip.as_ref().map(|ip| match p {
                Some(p) => format!("{ip}/{p}"),
                None => ip.clone(),
            })
        };
        Self {
            network_id: network.id.clone(),
            network_name: network.name.clone(),
            container_id: container.id.clone(),
            container_name: container.name.clone(),
            endpoint_id: e.endpoint_id.clone(),
            ipv4: with_prefix(&e.ipv4, e.ipv4_prefix),
            ipv6: with_prefix(&e.ipv6, e.ipv6_prefix),
            mac: e.mac.clone(),
            gateway: e.gateway.clone(),
            static_ipv4: e.static_ipv4.clone(),
            static_ipv6: e.static_ipv6.clone(),
            aliases: e.aliases.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ReachDto {
    pub kind: ReachKindDto,
    pub explanation: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct NodeDto {
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
    /// Whole pixels: the layout rounds anyway, and integers cannot arrive as `null` (NaN) in TypeScript.
    pub x: i32,
    pub y: i32,
    pub network: Option<NetworkDto>,
    pub container: Option<ContainerDto>,
    pub service: Option<swarm::ServiceDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EdgeDto {
    pub id: String,
    pub kind: EdgeKind,
    pub source: String,
    pub target: String,
    pub label: String,
    pub endpoint: Option<EndpointDto>,
    pub reach: Option<ReachDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TopologyDto {
    /// Increases with every new view the UI receives.
    pub revision: u32,
    pub nodes: Vec<NodeDto>,
    pub edges: Vec<EdgeDto>,
}

impl TopologyDto {
    pub fn build(revision: u32, t: &Topology, layout: &Layout) -> Self {
        let mut nodes: Vec<NodeDto> = t
            .nodes()
            .map(|n| {
                let id = n.id();
                let (x, y) = layout.position(&id).unwrap_or((0.0, 0.0));
                let (kind, label, network, container, service) = match n {
                    Node::Network(net) => {
                        (NodeKind::Network, net.name.clone(), Some(NetworkDto::from(net)), None, None)
                    }
                    Node::Container(c) => {
                        (NodeKind::Container, c.name.clone(), None, Some(ContainerDto::from(c)), None)
                    }
                    Node::Service(s) => {
                        (NodeKind::Service, s.name.clone(), None, None, Some(swarm::ServiceDto::new(s, t)))
                    }
                    Node::Host => (NodeKind::Host, "Host".into(), None, None, None),
                    Node::External => (NodeKind::External, "External".into(), None, None, None),
                };
                let (x, y) = (x.round() as i32, y.round() as i32);
                NodeDto { id, kind, label, x, y, network, container, service }
            })
            .collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut edges: Vec<EdgeDto> = t
            .edges()
            .map(|e| {
                let id = e.id();
                let source = e.id_source.id();
                let target = e.id_target.id();
                match (e.edge, e.id_source, e.id_target) {
                    (Edge::Endpoint(ep), Node::Network(n), Node::Container(c)) => {
                        let dto = EndpointDto::new(n, c, ep);
                        let label = ep.ipv4.clone().or_else(|| ep.ipv6.clone()).unwrap_or_default();
                        EdgeDto {
                            id,
                            kind: EdgeKind::Endpoint,
                            source,
                            target,
                            label,
                            endpoint: Some(dto),
                            reach: None,
                        }
                    }
                    (Edge::Reach(k), _, _) => EdgeDto {
                        id,
                        kind: EdgeKind::Reach,
                        source,
                        target,
                        label: k.label().into(),
                        endpoint: None,
                        reach: Some(ReachDto { kind: (*k).into(), explanation: k.explanation().into() }),
                    },
                    (Edge::Stack, _, _) => EdgeDto {
                        id,
                        kind: EdgeKind::Stack,
                        source,
                        target,
                        label: "shares stack".into(),
                        endpoint: None,
                        reach: None,
                    },
                    (Edge::ServiceNetwork(a), _, _) => EdgeDto {
                        id,
                        kind: EdgeKind::ServiceNetwork,
                        source,
                        target,
                        label: a.virtual_ip.clone().unwrap_or_else(|| "dnsrr".into()),
                        endpoint: None,
                        reach: None,
                    },
                    (Edge::Task, _, _) => EdgeDto {
                        id,
                        kind: EdgeKind::Task,
                        source,
                        target,
                        label: "task".into(),
                        endpoint: None,
                        reach: None,
                    },
                    (Edge::Endpoint(_), _, _) => EdgeDto {
                        id,
                        kind: EdgeKind::Endpoint,
                        source,
                        target,
                        label: String::new(),
                        endpoint: None,
                        reach: None,
                    },
                }
            })
            .collect();
        edges.sort_by(|a, b| a.id.cmp(&b.id));
        Self { revision, nodes, edges }
    }
}

/// Sent with the whole topology: the first one, and after every full re-read (a reconnect, a prune).
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, tauri_specta::Event)]
pub struct TopologyChanged(pub TopologyDto);

/// Sent for a live change: only what changed, so a busy engine's one connect costs the UI one edge. A UI
/// holding another revision than the diff's base asks for the whole topology instead.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, tauri_specta::Event)]
pub struct TopologyPatched(pub diff::TopologyDiffDto);

/// Sent when the engine connection changes state.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, tauri_specta::Event)]
pub struct EngineStatusChanged(pub EngineStatusDto);

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum EngineState {
    Connecting,
    Connected,
    Unreachable,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EngineStatusDto {
    pub state: EngineState,
    pub context: String,
    pub endpoint: String,
    /// How the engine was chosen (`DOCKER_HOST`, current docker context, default socket, Netlens sandbox).
    pub source: String,
    pub engine_version: Option<String>,
    pub api_version: Option<String>,
    pub sandbox: bool,
    /// Why the sandbox is shown: what the user's own engine answered (or did not).
    pub sandbox_reason: Option<String>,
    pub message: Option<String>,
    pub retry_in_seconds: Option<u32>,
    /// What this engine's API cannot tell or do that Docker's can (Podman's compatible API), in words for
    /// the status bar; empty for Docker.
    pub limits: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlens_core::fixtures::demo;

    #[test]
    fn topology_dto_carries_every_node_and_edge_with_positions() {
        let t = Topology::from_snapshot(&demo());
        let layout = Layout::default().update(&t);
        let dto = TopologyDto::build(7, &t, &layout);
        assert_eq!(dto.revision, 7);
        assert_eq!(dto.nodes.len(), 2 + 7 + 8);
        let backend = dto.nodes.iter().find(|n| n.id == "network:n-backend").unwrap();
        assert_eq!(backend.kind, NodeKind::Network);
        assert_eq!(backend.network.as_ref().unwrap().ipam[0].subnet.as_deref(), Some("10.214.10.0/24"));
        let (x, y) = layout.position("network:n-backend").unwrap();
        assert_eq!((f64::from(backend.x), f64::from(backend.y)), (x, y));
        let api = dto.edges.iter().find(|e| e.id == "endpoint:n-backend:c-api").unwrap();
        assert_eq!(api.label, "10.214.10.2");
        assert_eq!(api.endpoint.as_ref().unwrap().ipv4.as_deref(), Some("10.214.10.2/24"));
        let nat = dto.edges.iter().find(|e| e.id == "reach:n-backend:external").unwrap();
        assert_eq!(nat.reach.as_ref().unwrap().kind, ReachKindDto::Nat);
        let bridge = dto.nodes.iter().find(|n| n.id == "network:n-bridge").unwrap();
        assert!(bridge.network.as_ref().unwrap().predefined);
    }

    #[test]
    fn topology_dto_serializes_in_camel_case() {
        let t = Topology::from_snapshot(&demo());
        let dto = TopologyDto::build(1, &t, &Layout::default().update(&t));
        let json = serde_json::to_value(&dto).unwrap();
        let vault = json["nodes"].as_array().unwrap().iter().find(|n| n["id"] == "network:n-vault").unwrap();
        assert_eq!(vault["network"]["internal"], true);
        assert_eq!(vault["network"]["enableIpv6"], false);
        assert_eq!(vault["kind"], "network");
        let nightly = json["nodes"].as_array().unwrap().iter().find(|n| n["id"] == "container:c-nightly").unwrap();
        assert_eq!(nightly["container"]["state"], "exited");
    }

    #[test]
    fn a_shared_stack_is_sent_as_a_stack_edge_from_the_sharer_to_the_owner() {
        let mut snap = demo();
        snap.containers.push(netlens_core::fixtures::container(
            "c-side",
            "api-side",
            ContainerState::Running,
            "container:api",
            vec![],
        ));
        let t = Topology::from_snapshot(&snap);
        let dto = TopologyDto::build(1, &t, &Layout::default().update(&t));
        let tie = dto.edges.iter().find(|e| e.kind == EdgeKind::Stack).unwrap();
        assert_eq!(
            (tie.id.as_str(), tie.source.as_str(), tie.target.as_str()),
            ("stack:c-side:c-api", "container:c-side", "container:c-api")
        );
        assert_eq!(dto.edges.iter().filter(|e| e.kind == EdgeKind::Stack).count(), 1);
        let json = serde_json::to_value(tie).unwrap();
        assert_eq!(json["kind"], "stack");
    }
}
pub mod diff;
pub mod engines;
pub mod export;
pub mod lifecycle;
pub mod ops;
pub mod reach;
pub mod swarm;
