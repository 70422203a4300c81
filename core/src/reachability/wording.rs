//! Every sentence reachability shows, in one place: targets, ways, reasons and fixes (their stable codes, which
//! the UI switches on, are `codes`').
//!
//! Owns the wording only; it must not decide anything (`rules`, `fix`). Names keep their case: they are
//! case-sensitive.

use super::{Blocked, Fix, Net, NoFix, Reason, Target, Way};
use crate::endpoints::command::quote;
use crate::problem::Problem;

impl Target {
    pub fn label(&self) -> &str {
        match self {
            Self::Host => "the host",
            Self::Outside => "the outside world",
            Self::Container { name, .. } => name,
        }
    }
}

impl Way {
    pub fn describe(&self) -> String {
        match self {
            Self::Itself => "itself, over its own loopback (localhost)".into(),
            Self::SharedStack { owner } => {
                format!("in one network stack ({owner}'s, network mode `container:`): localhost and every port")
            }
            Self::HostStack => "on the host's own network stack (network mode `host`): localhost".into(),
            Self::ByName { network, names, address } => {
                format!("by name on {} through the engine's DNS ({}){}", network.name, names.join(", "), at(address))
            }
            Self::OnLan { network, driver, names, address } => format!(
                "directly on {}'s LAN ({driver}), by name through the engine's DNS ({}){}",
                network.name,
                names.join(", "),
                at(address)
            ),
            Self::IpOnly { address, .. } => format!(
                "by IP only on the default bridge{} (no DNS there: names resolve on user-defined networks only)",
                at(address)
            ),
            Self::Gateway { network, address } => format!(
                "through {}'s gateway{}, which is the host (`host.docker.internal` with \
                 `--add-host host.docker.internal:host-gateway`)",
                network.name,
                address.as_deref().map(|a| format!(" {a}")).unwrap_or_default()
            ),
            Self::ViaHost { network, address } => format!(
                "on the host's stack (network mode `host`), through {}'s gateway{} (`host.docker.internal`), on \
                 the ports it listens on",
                network.name,
                address.as_deref().map(|a| format!(" {a}")).unwrap_or_default()
            ),
            Self::Nat { network } => format!("through {}, with NAT", network.name),
            Self::Direct { network, driver } => format!("directly on {}'s LAN ({driver})", network.name),
            Self::FromHost { network, address } => format!(
                "by IP on {}{}, from the host's stack (Docker's DNS does not serve `host` mode)",
                network.name,
                at(address)
            ),
            Self::PublishedPorts { network, gateway, ports } => format!(
                "by its published ports {} on the host, through {}'s gateway{}",
                ports.join(", "),
                network.name,
                gateway.as_deref().map(|a| format!(" {a}")).unwrap_or_default()
            ),
        }
    }
}

impl Reason {
    pub fn describe(&self) -> String {
        match self {
            Self::NotRunning { container, state } => {
                format!("{container} is {}: a container that is not running has no live endpoints", state.as_str())
            }
            Self::StackOwnerNotRunning { container, owner, state } => format!(
                "{container} runs in {owner}'s network stack, and {owner} is {}: that stack has no live endpoints",
                state.as_str()
            ),
            Self::StackOwnerGone { container, reference } => {
                format!("{container} runs in the network stack of `{reference}`, which no longer exists")
            }
            Self::NetworkingDisabled { container } => {
                format!("{container} has networking disabled (network mode `none`): it has only a loopback")
            }
            Self::NoNetworks { container } => format!("{container} is attached to no network"),
            Self::NoSharedNetwork { from, from_networks, to, to_networks } => {
                format!("no shared network: {from} is on {}, {to} on {}", names(from_networks), names(to_networks))
            }
            Self::NotRouted { from, to, networks, through } => format!(
                "no shared network: {from} and {to} meet only through {} ({}), and Docker does not route between \
                 networks, not even through a container on both",
                through.join(", "),
                chain(networks, through)
            ),
            Self::IccDisabled { networks } => format!(
                "inter-container traffic is turned off on {} (`com.docker.network.bridge.enable_icc=false`): \
                 names resolve, packets are dropped",
                names(networks)
            ),
            Self::NoWayToHost { container, networks, listener } => {
                let start =
                    listener.as_deref().map(|l| format!("{l} uses the host's network stack, and ")).unwrap_or_default();
                format!("{start}none of {container}'s networks leads to the host: {}", blocked(networks))
            }
            Self::NoWayOut { container, networks } => {
                format!("none of {container}'s networks leads outside: {}", blocked(networks))
            }
            Self::NotFromHost { container, networks } => format!(
                "the host's stack reaches containers only over bridges whose gateway it holds, and none of \
                 {container}'s networks is one: {}",
                blocked(networks)
            ),
        }
    }
}

impl Blocked {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Internal => "internal",
            Self::Lan { .. } => "lan",
            Self::Driver { .. } => "driver",
        }
    }

    /// Why `network` leads neither to the host nor outside.
    pub fn describe(&self, network: &str) -> String {
        match self {
            Self::Internal => format!("{network} is internal (`--internal`)"),
            Self::Lan { driver } => format!(
                "{network} is {driver}, and the host and its containers do not talk over the parent interface by default"
            ),
            Self::Driver { driver } => {
                format!("{network} uses the {driver} driver, which gives no path there that Netlens can vouch for")
            }
        }
    }
}

impl NoFix {
    pub fn describe(&self) -> String {
        match self {
            Self::NotRunning { container, state } => format!(
                "no connect helps while {container} is {}: start it (`docker start {}`)",
                state.as_str(),
                quote(container)
            ),
            Self::NetworkingDisabled { container } => format!(
                "no connect helps: {container} runs with networking disabled and cannot join a network; recreate \
                 it with `--network <network>`"
            ),
            Self::StackOwnerGone { container, reference } => format!(
                "no connect helps: {container} would share the stack of `{reference}`, which no longer exists; \
                 recreate it on a network"
            ),
            Self::NothingJoinable { from, to, refused } => {
                let why = refused.as_ref().map(|r| format!(" ({})", r.fact())).unwrap_or_default();
                format!("no single connect helps: neither {from} nor {to} may join a network of the other{why}")
            }
        }
    }
}

impl Fix {
    pub fn describe(&self) -> String {
        match self {
            Self::Connect(op) => op.describe(),
            Self::Impossible(n) => n.describe(),
        }
    }
}

fn at(address: &Option<String>) -> String {
    address.as_deref().map(|a| format!(" at {a}")).unwrap_or_default()
}

fn names(networks: &[Net]) -> String {
    networks.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// `backend → gateway → frontend`: each network, then the container that sits on it and the next.
fn chain(networks: &[Net], through: &[String]) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for (i, n) in networks.iter().enumerate() {
        parts.push(&n.name);
        if let Some(c) = through.get(i) {
            parts.push(c);
        }
    }
    parts.join(" → ")
}

fn blocked(networks: &[(Net, Blocked)]) -> String {
    networks.iter().map(|(n, b)| b.describe(&n.name)).collect::<Vec<_>>().join("; ")
}
