//! Whether a connect or disconnect may run, and why not: the engine's own refusals, predicted from a topology.
//!
//! Owns the planners that turn a request into an `Operation` or every `Refusal` (worded in `refusal`).
//! Pure: it must not call the engine, and it must not pick values for the user (suggestions live in
//! `suggest`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::attachment::restore_config;
use super::refusal::{AddressField, AliasProblem, Refusal};
use super::{EndpointConfig, EndpointRef, Operation};
use crate::address::{parse_addr, pools};
use crate::model::{Container, Network};
use crate::topology::Topology;

/// The longest name DNS allows (RFC 1035), and the longest label in it.
pub(super) const MAX_ALIAS_LEN: usize = 255;
const MAX_LABEL_LEN: usize = 63;

/// Whether `container` may be dropped onto `network`, for the reasons that do not depend on the form.
pub fn check_target(topology: &Topology, container_id: &str, network_id: &str) -> Result<(), Refusal> {
    let (container, network) = find(topology, container_id, network_id)?;
    if is_attached(topology, container_id, network_id) {
        return Err(Refusal::AlreadyConnected { container: container.name.clone(), network: network.name.clone() });
    }
    // Config-only networks carry the `null` driver, so they must be told apart before the fixed ones.
    if network.config_only {
        return Err(Refusal::ConfigOnly { network: network.name.clone() });
    }
    if is_fixed(network) {
        return Err(Refusal::FixedNetwork { network: network.name.clone() });
    }
    if let Some(mode) = shared_stack_mode(container) {
        return Err(Refusal::SharedStack { container: container.name.clone(), mode: mode.to_string() });
    }
    // The engine lets a plain container join a swarm-scoped network only if it was made attachable; the
    // ingress network never is.
    if network.scope == "swarm" && (!network.attachable || network.ingress) {
        return Err(Refusal::NotAttachable { network: network.name.clone(), ingress: network.ingress });
    }
    Ok(())
}

/// Every network with the reason a drop there would be refused, sorted by network name (for drag highlighting).
pub fn targets(topology: &Topology, container_id: &str) -> Vec<(String, Option<Refusal>)> {
    let mut networks: Vec<&Network> = topology.networks().collect();
    networks.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    networks.into_iter().map(|n| (n.id.clone(), check_target(topology, container_id, &n.id).err())).collect()
}

/// A connect, or every problem with it at once so a form can show each next to its field.
///
/// A refused target yields that one refusal only: no edit of the form can fix it.
pub fn plan_connect(
    topology: &Topology,
    container_id: &str,
    network_id: &str,
    config: &EndpointConfig,
) -> Result<Operation, Vec<Refusal>> {
    let (container, network) = find(topology, container_id, network_id).map_err(|r| vec![r])?;
    check_target(topology, container_id, network_id).map_err(|r| vec![r])?;
    let config = normalized(config);
    let refusals = check_config(topology, container, network, &config);
    if !refusals.is_empty() {
        return Err(refusals);
    }
    Ok(Operation::Connect { endpoint: EndpointRef::between(container, network), config })
}

/// A disconnect carrying what the topology knows of the attachment, for undo.
pub fn plan_disconnect(
    topology: &Topology,
    container_id: &str,
    network_id: &str,
    force: bool,
) -> Result<Operation, Refusal> {
    let (container, network) = find(topology, container_id, network_id)?;
    let endpoints = topology.endpoints_of(container_id);
    let Some((_, endpoint)) = endpoints.iter().find(|(n, _)| n.id == network_id) else {
        return Err(Refusal::NotConnected { container: container.name.clone(), network: network.name.clone() });
    };
    // A container on `host` or `none` got there at creation and would be left without any stack.
    if !network.config_only && is_fixed(network) {
        return Err(Refusal::FixedNetwork { network: network.name.clone() });
    }
    Ok(Operation::Disconnect {
        endpoint: EndpointRef::between(container, network),
        force,
        restore: restore_config(container, endpoint),
    })
}

fn find<'a>(
    topology: &'a Topology,
    container_id: &str,
    network_id: &str,
) -> Result<(&'a Container, &'a Network), Refusal> {
    let container =
        topology.container(container_id).ok_or_else(|| Refusal::ContainerGone { container_id: container_id.into() })?;
    let network = known_network(topology, network_id)?;
    Ok((container, network))
}

/// The network with this exact ID in the view, or why not: an ID from the UI reaches the engine only
/// through this (it becomes part of a URL, so a `../` must never get there).
pub fn known_network<'a>(topology: &'a Topology, network_id: &str) -> Result<&'a Network, Refusal> {
    topology.network(network_id).ok_or_else(|| Refusal::NetworkGone { network_id: network_id.into() })
}

fn is_attached(topology: &Topology, container_id: &str, network_id: &str) -> bool {
    topology.endpoints_of(container_id).iter().any(|(n, _)| n.id == network_id)
}

/// The predefined `host` and `none` networks; only they can use the `host` and `null` drivers.
fn is_fixed(network: &Network) -> bool {
    matches!(network.driver.as_str(), "host" | "null") || matches!(network.name.as_str(), "host" | "none")
}

/// Only the predefined network named `bridge` is the default bridge: the engine decides by name.
pub(crate) fn is_default_bridge(network: &Network) -> bool {
    network.name == "bridge"
}

fn shared_stack_mode(container: &Container) -> Option<&str> {
    let mode = container.network_mode.as_str();
    (mode == "host" || mode == "none" || mode.starts_with("container:")).then_some(mode)
}

/// The engine reads an empty string as "not given"; duplicate aliases add nothing.
fn normalized(config: &EndpointConfig) -> EndpointConfig {
    let mut aliases: Vec<String> = Vec::with_capacity(config.aliases.len());
    for a in &config.aliases {
        if !aliases.contains(a) {
            aliases.push(a.clone());
        }
    }
    EndpointConfig {
        aliases,
        ipv4: config.ipv4.clone().filter(|s| !s.is_empty()),
        ipv6: config.ipv6.clone().filter(|s| !s.is_empty()),
        mac: config.mac.clone().filter(|s| !s.is_empty()),
        ..config.clone()
    }
}

/// Every problem with the form's values for this container on this network.
pub(crate) fn check_config(
    topology: &Topology,
    container: &Container,
    network: &Network,
    config: &EndpointConfig,
) -> Vec<Refusal> {
    let mut out = Vec::new();
    if !config.aliases.is_empty() && is_default_bridge(network) {
        out.push(Refusal::AliasOnDefaultBridge);
    }
    for alias in &config.aliases {
        if let Some(problem) = alias_problem(alias) {
            out.push(Refusal::BadAlias { alias: alias.clone(), problem });
        }
    }
    if let Some(v) = config.ipv4.as_deref().filter(|s| !s.is_empty()) {
        out.extend(check_static(topology, container, network, AddressField::Ipv4, v));
    }
    if let Some(v) = config.ipv6.as_deref().filter(|s| !s.is_empty()) {
        out.extend(check_static(topology, container, network, AddressField::Ipv6, v));
    }
    for v in &config.link_local {
        // The engine asks only for an IP literal of either family here, not for a link-local range.
        if !v.parse::<IpAddr>().is_ok_and(|a| !a.is_unspecified()) {
            out.push(Refusal::BadAddress { field: AddressField::LinkLocal, value: v.clone() });
        }
    }
    out
}

fn alias_problem(alias: &str) -> Option<AliasProblem> {
    if alias.is_empty() {
        return Some(AliasProblem::Empty);
    }
    if alias.chars().any(char::is_whitespace) {
        return Some(AliasProblem::Whitespace);
    }
    if alias.len() > MAX_ALIAS_LEN {
        return Some(AliasProblem::TooLong);
    }
    let chars_ok = alias.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    // An empty label (leading, trailing or doubled dot) cannot be looked up; a leading `-` also reads as a
    // flag on the CLI.
    let labels_ok = alias.split('.').all(|l| !l.is_empty() && l.len() <= MAX_LABEL_LEN && !l.starts_with('-'));
    (!chars_ok || !labels_ok).then_some(AliasProblem::NotDnsName)
}

/// One static address, checked in the order the engine would trip over it; one refusal at most.
fn check_static(
    topology: &Topology,
    container: &Container,
    network: &Network,
    field: AddressField,
    value: &str,
) -> Option<Refusal> {
    if is_default_bridge(network) {
        return Some(Refusal::StaticOnDefaultBridge { field });
    }
    let v6 = field == AddressField::Ipv6;
    let Some(addr) = parse_static(value, v6) else {
        return Some(Refusal::BadAddress { field, value: value.into() });
    };
    if v6 && !network.enable_ipv6 {
        return Some(Refusal::NoIpv6 { network: network.name.clone() });
    }
    let pools = pools(network, v6);
    if pools.is_empty() {
        return Some(Refusal::StaticNeedsSubnet { field, network: network.name.clone() });
    }
    let Some(pool) = pools.iter().find(|p| p.subnet.contains(&addr)) else {
        return Some(Refusal::OutsideSubnet {
            field,
            address: addr.to_string(),
            network: network.name.clone(),
            subnets: pools.iter().map(|p| p.subnet.to_string()).collect(),
        });
    };
    if let Some(reserved) = pool.reserved(addr) {
        return Some(Refusal::ReservedAddress {
            field,
            address: addr.to_string(),
            subnet: pool.subnet.to_string(),
            reserved,
        });
    }
    holder_of(topology, network, &container.id, addr).map(|(holder, holder_running)| Refusal::AddressInUse {
        field,
        address: addr.to_string(),
        holder,
        holder_running,
    })
}

/// The engine refuses the unspecified address, and IPv4-mapped IPv6 addresses in the IPv6 field.
fn parse_static(value: &str, v6: bool) -> Option<IpAddr> {
    if v6 {
        let a: Ipv6Addr = value.parse().ok()?;
        (!a.is_unspecified() && a.to_ipv4_mapped().is_none()).then_some(IpAddr::V6(a))
    } else {
        let a: Ipv4Addr = value.parse().ok()?;
        (!a.is_unspecified()).then_some(IpAddr::V4(a))
    }
}

/// Every address an endpoint on the network holds: running ones their current address, stopped ones the
/// static address they will ask for again when they start.
pub(crate) fn held_addresses<'a>(topology: &'a Topology, network: &Network) -> Vec<(IpAddr, &'a Container)> {
    let mut out = Vec::new();
    for (c, ep) in topology.containers_on(&network.id) {
        let fields = [&ep.ipv4, &ep.static_ipv4, &ep.ipv6, &ep.static_ipv6];
        for a in fields.into_iter().flatten().filter_map(|s| parse_addr(s)) {
            out.push((a, c));
        }
    }
    out
}

fn holder_of(topology: &Topology, network: &Network, container_id: &str, addr: IpAddr) -> Option<(String, bool)> {
    held_addresses(topology, network)
        .into_iter()
        .find(|(a, c)| *a == addr && c.id != container_id)
        .map(|(_, c)| (c.name.clone(), c.state.is_live()))
}
