//! Why a connect or disconnect is refused: `Refusal` with its stable codes, the form field each concerns,
//! and its wording (fact and hint).
//!
//! Owns the wording only; the rules that find each refusal live in `validate`. It must not decide anything.

use super::validate::MAX_ALIAS_LEN;
use crate::address::Reserved;
use crate::problem::{Code, Field, Problem};

/// Which address field of the connect form a refusal concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressField {
    Ipv4,
    Ipv6,
    LinkLocal,
}

impl AddressField {
    pub fn field(self) -> Field {
        match self {
            Self::Ipv4 => Field::Ipv4,
            Self::Ipv6 => Field::Ipv6,
            Self::LinkLocal => Field::LinkLocal,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Ipv4 => "IPv4 address",
            Self::Ipv6 => "IPv6 address",
            Self::LinkLocal => "link-local address",
        }
    }

    fn family(self) -> &'static str {
        match self {
            Self::Ipv4 => "IPv4",
            Self::Ipv6 => "IPv6",
            Self::LinkLocal => "IP",
        }
    }

    fn example(self) -> &'static str {
        match self {
            Self::Ipv4 => "172.20.0.10",
            Self::Ipv6 => "2001:db8::10",
            Self::LinkLocal => "169.254.10.10 or fe80::10",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasProblem {
    Empty,
    Whitespace,
    TooLong,
    /// A character outside letters, digits, `-`, `_`, `.`, or a malformed label.
    NotDnsName,
}

/// One reason the engine would refuse (or we refuse on its behalf) a connect or disconnect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    ContainerGone {
        container_id: String,
    },
    NetworkGone {
        network_id: String,
    },
    AlreadyConnected {
        container: String,
        network: String,
    },
    NotConnected {
        container: String,
        network: String,
    },
    /// The container runs in another stack (`host`, `none`, `container:<id>`): it has none of its own.
    SharedStack {
        container: String,
        mode: String,
    },
    /// The predefined `host` or `none` network: membership is fixed when a container is created.
    FixedNetwork {
        network: String,
    },
    NotAttachable {
        network: String,
        ingress: bool,
    },
    ConfigOnly {
        network: String,
    },
    BadAlias {
        alias: String,
        problem: AliasProblem,
    },
    AliasOnDefaultBridge,
    StaticOnDefaultBridge {
        field: AddressField,
    },
    BadAddress {
        field: AddressField,
        value: String,
    },
    StaticNeedsSubnet {
        field: AddressField,
        network: String,
    },
    OutsideSubnet {
        field: AddressField,
        address: String,
        network: String,
        subnets: Vec<String>,
    },
    ReservedAddress {
        field: AddressField,
        address: String,
        subnet: String,
        reserved: Reserved,
    },
    AddressInUse {
        field: AddressField,
        address: String,
        holder: String,
        holder_running: bool,
    },
    NoIpv6 {
        network: String,
    },
}

impl Problem for Refusal {
    /// Stable, for the UI to switch on.
    fn code(&self) -> Code {
        crate::codes_by_name!(self;
            ContainerGone, NetworkGone, AlreadyConnected, NotConnected, SharedStack, FixedNetwork, NotAttachable,
            ConfigOnly, BadAlias, AliasOnDefaultBridge, StaticOnDefaultBridge, BadAddress, StaticNeedsSubnet,
            OutsideSubnet, ReservedAddress, AddressInUse, NoIpv6)
    }
    /// The form field the refusal belongs next to; `None` when it is about the target itself.
    fn field(&self) -> Option<Field> {
        match self {
            Self::BadAlias { .. } | Self::AliasOnDefaultBridge => Some(Field::Aliases),
            Self::StaticOnDefaultBridge { field }
            | Self::BadAddress { field, .. }
            | Self::StaticNeedsSubnet { field, .. }
            | Self::OutsideSubnet { field, .. }
            | Self::ReservedAddress { field, .. }
            | Self::AddressInUse { field, .. } => Some(field.field()),
            Self::NoIpv6 { .. } => Some(Field::Ipv6),
            _ => None,
        }
    }
    /// What is wrong, as one clause without advice (undo prefixes it with "cannot restore exactly: ").
    fn fact(&self) -> String {
        match self {
            Self::ContainerGone { container_id } => format!("Container {} no longer exists", short(container_id)),
            Self::NetworkGone { network_id } => format!("Network {} no longer exists", short(network_id)),
            Self::AlreadyConnected { container, network } => format!("{container} is already connected to {network}"),
            Self::NotConnected { container, network } => format!("{container} is not connected to {network}"),
            Self::SharedStack { container, mode } => match mode.as_str() {
                "host" => format!("{container} uses the host's network stack (network mode `host`)"),
                "none" => format!("{container} has networking disabled (network mode `none`)"),
                _ => format!("{container} shares another container's network stack (network mode `{mode}`)"),
            },
            Self::FixedNetwork { network } => {
                format!("`{network}` is a predefined network, joined only when a container is created")
            }
            Self::NotAttachable { network, ingress: true } => {
                format!("{network} is the swarm ingress network, reserved for the routing mesh")
            }
            Self::NotAttachable { network, ingress: false } => {
                format!("{network} is a swarm network created without --attachable, so only services can join it")
            }
            Self::ConfigOnly { network } => {
                format!("{network} is a config-only network: it holds settings for others and takes no endpoints")
            }
            Self::BadAlias { alias, problem } => match problem {
                AliasProblem::Empty => "An alias is empty".into(),
                AliasProblem::Whitespace => format!("Alias `{alias}` contains whitespace"),
                AliasProblem::TooLong => {
                    let (start, len) = (prefix(alias), alias.len());
                    format!("Alias `{start}…` is {len} characters long, over DNS's {MAX_ALIAS_LEN}")
                }
                AliasProblem::NotDnsName => format!("Alias `{alias}` is not a valid DNS name"),
            },
            Self::AliasOnDefaultBridge => {
                "Network-scoped aliases work only on user-defined networks, not on the default `bridge`".into()
            }
            Self::StaticOnDefaultBridge { field } => {
                format!("The default `bridge` network takes no chosen {}: only user-defined networks do", field.label())
            }
            Self::BadAddress { field, value } => format!("`{value}` is not a valid {}", field.label()),
            Self::StaticNeedsSubnet { field, network } => format!(
                "{network} has no configured {} subnet, and the engine accepts a chosen address only on such networks",
                field.family()
            ),
            Self::OutsideSubnet { address, network, subnets, .. } => {
                format!("{address} is outside {network}'s subnets ({})", subnets.join(", "))
            }
            Self::ReservedAddress { address, subnet, reserved, .. } => match reserved {
                Reserved::NetworkAddress => format!("{address} is the network address of {subnet}"),
                Reserved::Broadcast => format!("{address} is the broadcast address of {subnet}"),
                Reserved::Gateway => format!("{address} is the gateway of {subnet}"),
            },
            Self::AddressInUse { address, holder, holder_running: true, .. } => {
                format!("{address} is held by {holder}")
            }
            Self::AddressInUse { address, holder, holder_running: false, .. } => {
                format!("{address} is held by {holder}, which is stopped but keeps it as its static address")
            }
            Self::NoIpv6 { network } => format!("{network} has IPv6 disabled"),
        }
    }
    /// What the user can do about it.
    fn hint(&self) -> String {
        match self {
            Self::ContainerGone { .. } | Self::NetworkGone { .. } => {
                "It was removed or recreated since the view was read; pick it again in the refreshed graph.".into()
            }
            Self::AlreadyConnected { .. } => "Disconnect it first if you want to change its settings there.".into(),
            Self::NotConnected { .. } => "Nothing to disconnect; the view will catch up by itself.".into(),
            Self::SharedStack { .. } => {
                "It has no network stack of its own to attach; recreate it on a bridge or user-defined network.".into()
            }
            Self::FixedNetwork { network } => {
                format!("Recreate the container with or without --network {network} to change this.")
            }
            Self::NotAttachable { ingress: true, .. } => "Connect the container to another network.".into(),
            Self::NotAttachable { network, .. } => format!(
                "Remove it and create it again as `docker network create --driver overlay --attachable {network}` \
                 (on a manager), or run the container as a swarm service (`docker service create --network \
                 {network} …`)."
            ),
            Self::ConfigOnly { network } => format!("Connect to a network created with --config-from {network}."),
            Self::BadAlias { .. } => {
                "Use letters, digits, `-`, `_` and `.`, in labels of 1 to 63 characters not starting with `-`.".into()
            }
            Self::AliasOnDefaultBridge => "Remove the aliases, or connect to a user-defined network.".into(),
            Self::StaticOnDefaultBridge { .. } => "Leave the address empty to have one assigned.".into(),
            Self::BadAddress { field, .. } => format!("Write an address like {}.", field.example()),
            Self::StaticNeedsSubnet { .. } => "Leave the address empty, or use a network created with --subnet.".into(),
            Self::OutsideSubnet { .. } => "Choose an address inside one of them.".into(),
            Self::ReservedAddress { .. } => "Choose another host address.".into(),
            Self::AddressInUse { .. } => "Choose another address, or leave it empty to have one assigned.".into(),
            Self::NoIpv6 { .. } => "Leave the IPv6 address empty, or use a network created with --ipv6.".into(),
        }
    }
}

crate::display_as_message!(Refusal);

/// IDs are 64 hex digits: people recognise the first 12, as `docker ps` shows them.
fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

/// The start of an over-long alias, cut on a character boundary, so a message stays readable.
fn prefix(s: &str) -> String {
    s.chars().take(32).collect()
}
