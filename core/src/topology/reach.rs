//! How a network reaches the host and the outside world, decided from its driver and flags alone.
//!
//! Owns the teaching vocabulary for the three kinds of connection (external, host, container to
//! container). Pure: it never looks at the engine's firewall, so it states what Docker sets up by default.

use crate::model::Network;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub enum ReachKind {
    /// The `host` network: containers share the host's own network stack.
    HostNetwork,
    /// A bridge's gateway lives on the host: containers reach it as `host.docker.internal` (host-gateway).
    Gateway,
    /// Outbound traffic leaves through the host with source NAT (masquerade).
    Nat,
    /// macvlan/ipvlan: containers sit directly on the parent interface's LAN.
    Direct,
}

impl ReachKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HostNetwork => "host-network",
            Self::Gateway => "gateway",
            Self::Nat => "nat",
            Self::Direct => "direct",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::HostNetwork => "host stack",
            Self::Gateway => "host.docker.internal",
            Self::Nat => "NAT",
            Self::Direct => "LAN",
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            Self::HostNetwork => "Containers on the host network use the host's own interfaces and ports: no isolation, no NAT, no port publishing needed.",
            Self::Gateway => "The bridge's gateway address is on the host, so containers reach services on the host through it (add `--add-host host.docker.internal:host-gateway` to get the name).",
            Self::Nat => "Outbound connections leave through the host's default route with source NAT; inbound ones need published ports (`-p`).",
            Self::Direct => "Containers get their own address on the parent interface's LAN and talk to it directly, bypassing the host's bridge; by default the host itself cannot reach them over the parent interface.",
        }
    }
}

/// Where a network leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReachTarget {
    Host,
    External,
}

pub fn reaches(network: &Network) -> Vec<(ReachTarget, ReachKind)> {
    if network.config_only {
        return vec![];
    }
    match network.driver.as_str() {
        "host" => vec![(ReachTarget::Host, ReachKind::HostNetwork), (ReachTarget::External, ReachKind::Direct)],
        "null" => vec![],
        // Internal networks get no route out and no way to the host: that is what `--internal` is for.
        _ if network.internal => vec![],
        "bridge" => vec![(ReachTarget::Host, ReachKind::Gateway), (ReachTarget::External, ReachKind::Nat)],
        "overlay" => vec![(ReachTarget::External, ReachKind::Nat)],
        "macvlan" | "ipvlan" => vec![(ReachTarget::External, ReachKind::Direct)],
        // Plugin drivers decide for themselves; claiming a path would be a guess.
        _ => vec![],
    }
}
