//! Plain data read from the engine: what the topology, layout and export are built from.
//!
//! Owns the engine-independent shape of networks, containers and endpoints. It must not know about
//! bollard (the engine module converts into it) nor about Tauri; with the `contract` feature, networks and
//! containers travel to the UI as they are (serde and specta derives only), which the app's DTOs extend.

use std::collections::BTreeMap;

#[cfg(feature = "contract")]
use crate::contract::KeyValue;

mod swarm;
pub use swarm::*;

/// Everything the two snapshot requests return, already converted; on a swarm manager also its services.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub networks: Vec<Network>,
    pub containers: Vec<Container>,
    /// Empty unless this node is a swarm manager (only managers can list services).
    pub services: Vec<Service>,
}

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub struct IpamConfig {
    pub subnet: Option<String>,
    pub ip_range: Option<String>,
    pub gateway: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub struct Network {
    pub id: String,
    pub name: String,
    pub driver: String,
    pub scope: String,
    /// RFC 3339, as the engine wrote it.
    pub created: Option<String>,
    pub internal: bool,
    pub attachable: bool,
    pub ingress: bool,
    pub enable_ipv6: bool,
    pub config_only: bool,
    pub config_from: Option<String>,
    pub ipam_driver: String,
    pub ipam: Vec<IpamConfig>,
    /// `IPAM.Options`: the IPAM driver's options (`--ipam-opt`). Not sent to the UI, like `aux_addresses`.
    #[cfg_attr(feature = "contract", serde(skip))]
    pub ipam_options: BTreeMap<String, String>,
    /// The IPAM configs' `AuxiliaryAddresses` (`--aux-address name=ip`): addresses the IPAM driver must not
    /// hand out, by name, across all the network's subnets.
    #[cfg_attr(feature = "contract", serde(skip))]
    pub aux_addresses: BTreeMap<String, String>,
    #[cfg_attr(feature = "contract", serde(with = "crate::contract::pairs"), specta(type = Vec<KeyValue>))]
    pub options: BTreeMap<String, String>,
    #[cfg_attr(feature = "contract", serde(with = "crate::contract::pairs"), specta(type = Vec<KeyValue>))]
    pub labels: BTreeMap<String, String>,
}

/// The networks every engine creates itself and refuses to remove.
pub const PREDEFINED_NETWORKS: [&str; 3] = ["bridge", "host", "none"];

/// The label Docker Compose puts on every container and network of a project.
pub const COMPOSE_PROJECT_LABEL: &str = "com.docker.compose.project";

impl Network {
    /// The one order networks are listed in: as a read leaves them, in a snapshot a patch folds into, in
    /// the graph's text, the layout, reachability and the exports. By name, then ID.
    pub fn by_name(a: &Network, b: &Network) -> std::cmp::Ordering {
        (&a.name, &a.id).cmp(&(&b.name, &b.id))
    }

    pub fn is_predefined(&self) -> bool {
        PREDEFINED_NETWORKS.contains(&self.name.as_str())
    }

    /// The Compose project that made this network (its default network and those in its `networks:`).
    pub fn compose_project(&self) -> Option<&str> {
        self.labels.get(COMPOSE_PROJECT_LABEL).map(String::as_str).filter(|p| !p.is_empty())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub enum ContainerState {
    Created,
    Running,
    Paused,
    Restarting,
    Removing,
    Exited,
    Dead,
    Unknown,
}

impl ContainerState {
    pub fn parse(s: &str) -> Self {
        match s {
            "created" => Self::Created,
            "running" => Self::Running,
            "paused" => Self::Paused,
            "restarting" => Self::Restarting,
            "removing" => Self::Removing,
            "exited" => Self::Exited,
            "dead" => Self::Dead,
            _ => Self::Unknown,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Running => "running",
            Self::Paused => "paused",
            Self::Restarting => "restarting",
            Self::Removing => "removing",
            Self::Exited => "exited",
            Self::Dead => "dead",
            Self::Unknown => "unknown",
        }
    }

    /// Whether the container has live endpoints (addresses) right now.
    pub fn is_live(self) -> bool {
        matches!(self, Self::Running | Self::Paused | Self::Restarting)
    }
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub struct Port {
    pub private_port: u16,
    pub public_port: Option<u16>,
    pub protocol: String,
    pub ip: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub struct Container {
    pub id: String,
    /// Without the leading slash the engine puts there.
    pub name: String,
    pub image: String,
    pub state: ContainerState,
    pub status: String,
    /// `HostConfig.NetworkMode`: `default`, `bridge`, `host`, `none`, `container:<id>` or a network name.
    pub network_mode: String,
    #[cfg_attr(feature = "contract", serde(with = "crate::contract::pairs"), specta(type = Vec<KeyValue>))]
    pub labels: BTreeMap<String, String>,
    pub ports: Vec<Port>,
    /// Sent to the UI as the graph's endpoint edges instead.
    #[cfg_attr(feature = "contract", serde(skip))]
    pub endpoints: Vec<Endpoint>,
}

impl Container {
    /// The one order containers are listed in (as `Network::by_name` for networks). By name, then ID.
    pub fn by_name(a: &Container, b: &Container) -> std::cmp::Ordering {
        (&a.name, &a.id).cmp(&(&b.name, &b.id))
    }

    pub fn compose_project(&self) -> Option<&str> {
        self.labels.get(COMPOSE_PROJECT_LABEL).map(String::as_str).filter(|p| !p.is_empty())
    }

    pub fn compose_service(&self) -> Option<&str> {
        self.labels.get("com.docker.compose.service").map(String::as_str)
    }
}

/// One container's attachment to one network, as the container list reports it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Endpoint {
    pub network_id: String,
    /// The key of `NetworkSettings.Networks`: the network's name when the container was listed.
    pub network_name: String,
    pub endpoint_id: Option<String>,
    pub ipv4: Option<String>,
    pub ipv4_prefix: Option<u8>,
    pub ipv6: Option<String>,
    pub ipv6_prefix: Option<u8>,
    pub mac: Option<String>,
    pub gateway: Option<String>,
    pub static_ipv4: Option<String>,
    pub static_ipv6: Option<String>,
    /// Empty from the list call (the engine does not fill it there); filled from a container inspect.
    pub aliases: Vec<String>,
}
