//! The contract types that cross to the UI, and their conversion from the domain.
//!
//! Owns the shape the TypeScript bindings are generated from: our own small types, no 64-bit integers
//! (they do not fit a JavaScript number) and no free-form JSON. Where a core type is what the UI needs, it
//! travels as it is (core's `contract` feature derives its serde and specta shape: `Network`, `Container`,
//! `NetworkSpec`, `ContainerState`, …) and a DTO here only adds what the UI is told besides. It must not
//! hold logic beyond conversion.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use specta::Type;

use netlens_core::endpoints::EndpointRef;
use netlens_core::model::{Container, Endpoint, Network};
use netlens_core::topology::ReachKind;

pub mod diff;
pub mod engines;
pub mod export;
pub mod lifecycle;
pub mod ops;
pub mod reach;
pub mod swarm;
mod topology;

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

/// A network node's details: the model's network as it is, and what the UI is told about it besides.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct NetworkDto {
    #[serde(flatten)]
    pub network: Network,
    pub predefined: bool,
    /// The Compose project that made the network (its `com.docker.compose.project` label).
    pub compose_project: Option<String>,
}

impl From<&Network> for NetworkDto {
    fn from(n: &Network) -> Self {
        // Only what the UI is sent, so that the diff between two views compares just that.
        let network = Network { ipam_options: BTreeMap::new(), aux_addresses: BTreeMap::new(), ..n.clone() };
        Self { network, predefined: n.is_predefined(), compose_project: n.compose_project().map(String::from) }
    }
}

/// A container node's details: the model's container as it is (its endpoints are the graph's edges), and
/// the Compose project and service it belongs to.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ContainerDto {
    #[serde(flatten)]
    pub container: Container,
    pub compose_project: Option<String>,
    pub compose_service: Option<String>,
}

impl From<&Container> for ContainerDto {
    fn from(c: &Container) -> Self {
        // Its endpoints are edges: a connect changes an edge, not the container's node. Field by field rather
        // than `..c.clone()`, which would copy every endpoint only to drop it.
        let Container { id, name, image, state, status, network_mode, labels, ports, endpoints: _ } = c;
        Self {
            container: Container {
                id: id.clone(),
                name: name.clone(),
                image: image.clone(),
                state: *state,
                status: status.clone(),
                network_mode: network_mode.clone(),
                labels: labels.clone(),
                ports: ports.clone(),
                endpoints: Vec::new(),
            },
            compose_project: c.compose_project().map(String::from),
            compose_service: c.compose_service().map(String::from),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EndpointDto {
    #[serde(flatten)]
    pub at: EndpointRef,
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
            at: EndpointRef::between(container, network),
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
    pub kind: ReachKind,
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
