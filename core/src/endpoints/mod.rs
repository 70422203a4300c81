//! Planning connects and disconnects of containers to networks, as pure functions over a `Topology`.
//!
//! Owns what an operation is, whether it may run (`validate`, worded in `refusal`), which address to offer (`suggest`), its
//! docker CLI equivalent (`command`) and how to take it back (`undo`). It must not talk to the engine or
//! know about Tauri: the engine module runs the plans made here, and the app maps them to the contract.

pub mod attachment;
pub mod command;
pub mod refusal;
pub mod suggest;
pub mod undo;
pub mod validate;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use crate::address::Reserved;
pub use attachment::{restore_config, user_aliases};
pub use refusal::{AddressField, AliasProblem, Refusal};
pub use suggest::{next_free_ipv4, next_free_ipv6};
pub use undo::{inverse, recheck, restore_message};
pub use validate::{check_target, known_network, plan_connect, plan_disconnect, targets};

/// What a connect sends to the engine for one endpoint (`EndpointConfig` of the connect body).
///
/// `None` and empty lists mean "let the engine choose", exactly as the engine reads an absent field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EndpointConfig {
    /// Network-scoped DNS names, on top of the ones the engine adds itself.
    pub aliases: Vec<String>,
    /// A static IPv4 address (`IPAMConfig.IPv4Address`).
    pub ipv4: Option<String>,
    /// A static IPv6 address (`IPAMConfig.IPv6Address`).
    pub ipv6: Option<String>,
    /// `IPAMConfig.LinkLocalIPs`.
    pub link_local: Vec<String>,
    pub driver_opts: BTreeMap<String, String>,
    /// A chosen MAC address; honoured per endpoint by newer engines only.
    pub mac: Option<String>,
}

/// One change to the graph, carrying names for people and IDs for the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    Connect {
        network_id: String,
        network_name: String,
        container_id: String,
        container_name: String,
        config: EndpointConfig,
    },
    Disconnect {
        network_id: String,
        network_name: String,
        container_id: String,
        container_name: String,
        force: bool,
        /// The attachment as it was before the disconnect, so undo can reconnect it exactly. The planner
        /// fills what the topology knows (static IPs); the engine side replaces it with `with_restore`
        /// from a container inspect, which alone knows aliases, link-local IPs and driver options.
        restore: EndpointConfig,
    },
}

impl Operation {
    pub fn network_id(&self) -> &str {
        match self {
            Self::Connect { network_id, .. } | Self::Disconnect { network_id, .. } => network_id,
        }
    }

    pub fn network_name(&self) -> &str {
        match self {
            Self::Connect { network_name, .. } | Self::Disconnect { network_name, .. } => network_name,
        }
    }

    pub fn container_id(&self) -> &str {
        match self {
            Self::Connect { container_id, .. } | Self::Disconnect { container_id, .. } => container_id,
        }
    }

    pub fn container_name(&self) -> &str {
        match self {
            Self::Connect { container_name, .. } | Self::Disconnect { container_name, .. } => container_name,
        }
    }

    /// A short human line, e.g. "Connect api to backend".
    pub fn describe(&self) -> String {
        match self {
            Self::Connect { network_name, container_name, .. } => format!("Connect {container_name} to {network_name}"),
            Self::Disconnect { network_name, container_name, force: false, .. } => {
                format!("Disconnect {container_name} from {network_name}")
            }
            Self::Disconnect { network_name, container_name, force: true, .. } => {
                format!("Force-disconnect {container_name} from {network_name}")
            }
        }
    }

    /// The same line in the past tense, once the engine accepted it: "Connected api to backend".
    pub fn done(&self) -> String {
        match self {
            Self::Connect { network_name, container_name, .. } => {
                format!("Connected {container_name} to {network_name}")
            }
            Self::Disconnect { network_name, container_name, .. } => {
                format!("Disconnected {container_name} from {network_name}")
            }
        }
    }

    /// The docker CLI line that does the same.
    pub fn command(&self) -> String {
        command::render(self)
    }

    /// The same disconnect with the attachment read from a container inspect; a connect is returned as is.
    pub fn with_restore(self, config: EndpointConfig) -> Self {
        match self {
            Self::Disconnect { network_id, network_name, container_id, container_name, force, .. } => {
                Self::Disconnect { network_id, network_name, container_id, container_name, force, restore: config }
            }
            connect @ Self::Connect { .. } => connect,
        }
    }
}
