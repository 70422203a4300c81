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

use crate::model::{Container, Network};

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

/// The attachment a change is about: IDs for the engine, names for people. The UI gets it as it is (the
/// endpoint of a plan, a line, a one-connect fix).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub struct EndpointRef {
    pub container_id: String,
    pub container_name: String,
    pub network_id: String,
    pub network_name: String,
}

impl EndpointRef {
    pub fn between(container: &Container, network: &Network) -> Self {
        Self {
            network_id: network.id.clone(),
            network_name: network.name.clone(),
            container_id: container.id.clone(),
            container_name: container.name.clone(),
        }
    }
}

/// One change to the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    Connect {
        endpoint: EndpointRef,
        config: EndpointConfig,
    },
    Disconnect {
        endpoint: EndpointRef,
        force: bool,
        /// The attachment as it was before the disconnect, so undo can reconnect it exactly. The planner
        /// fills what the topology knows (static IPs); the engine side replaces it with `with_restore`
        /// from a container inspect, which alone knows aliases, link-local IPs and driver options.
        restore: EndpointConfig,
    },
}

impl Operation {
    /// The attachment it makes or ends.
    pub fn endpoint(&self) -> &EndpointRef {
        match self {
            Self::Connect { endpoint, .. } | Self::Disconnect { endpoint, .. } => endpoint,
        }
    }

    pub fn network_id(&self) -> &str {
        &self.endpoint().network_id
    }

    pub fn network_name(&self) -> &str {
        &self.endpoint().network_name
    }

    pub fn container_id(&self) -> &str {
        &self.endpoint().container_id
    }

    pub fn container_name(&self) -> &str {
        &self.endpoint().container_name
    }

    /// A short human line, e.g. "Connect api to backend".
    pub fn describe(&self) -> String {
        let EndpointRef { network_name, container_name, .. } = self.endpoint();
        match self {
            Self::Connect { .. } => format!("Connect {container_name} to {network_name}"),
            Self::Disconnect { force: false, .. } => format!("Disconnect {container_name} from {network_name}"),
            Self::Disconnect { force: true, .. } => format!("Force-disconnect {container_name} from {network_name}"),
        }
    }

    /// The same line in the past tense, once the engine accepted it: "Connected api to backend".
    pub fn done(&self) -> String {
        let EndpointRef { network_name, container_name, .. } = self.endpoint();
        match self {
            Self::Connect { .. } => format!("Connected {container_name} to {network_name}"),
            Self::Disconnect { .. } => format!("Disconnected {container_name} from {network_name}"),
        }
    }

    /// The docker CLI line that does the same.
    pub fn command(&self) -> String {
        command::render(self)
    }

    /// The same disconnect with the attachment read from a container inspect; a connect is returned as is.
    pub fn with_restore(self, config: EndpointConfig) -> Self {
        match self {
            Self::Disconnect { endpoint, force, .. } => Self::Disconnect { endpoint, force, restore: config },
            connect @ Self::Connect { .. } => connect,
        }
    }
}
