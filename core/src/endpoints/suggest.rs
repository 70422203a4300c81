//! Offering a free static address for a connect form: the first one the engine would accept.
//!
//! Owns only the choice of a suggestion; it must not validate a user's own value (that is `validate`) nor
//! reserve anything: the engine decides at connect time, and the plan is validated again then.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

use super::validate::{held_addresses, is_default_bridge};
use crate::address::{pools, Pool};
use crate::topology::Topology;

/// The first usable IPv4 address of the network's first IPv4 subnet (inside its ip_range when set),
/// skipping the network and broadcast addresses, the gateway and every address an endpoint holds.
///
/// `None` when the network takes no static IPv4 address (default bridge, no subnet) or the range is full.
pub fn next_free_ipv4(topology: &Topology, network_id: &str) -> Option<String> {
    let network = topology.network(network_id)?;
    if is_default_bridge(network) {
        return None;
    }
    let pool = pools(network, false).into_iter().next()?;
    let held: HashSet<IpAddr> = held_addresses(topology, network).into_iter().map(|(a, _)| a).collect();
    let IpNet::V4(range) = search_range(&pool) else { return None };
    let (first, last) = (u32::from(range.network()), u32::from(range.broadcast()));
    (first..=last)
        .map(|n| IpAddr::V4(Ipv4Addr::from(n)))
        .find(|a| pool.reserved(*a).is_none() && !held.contains(a))
        .map(|a| a.to_string())
}

/// The same for IPv6: the first address after the subnet's own (the engine reserves it) that is neither
/// the gateway nor held. `None` when the network has IPv6 disabled or no IPv6 subnet.
pub fn next_free_ipv6(topology: &Topology, network_id: &str) -> Option<String> {
    let network = topology.network(network_id)?;
    if is_default_bridge(network) || !network.enable_ipv6 {
        return None;
    }
    let pool = pools(network, true).into_iter().next()?;
    let held: HashSet<IpAddr> = held_addresses(topology, network).into_iter().map(|(a, _)| a).collect();
    let IpNet::V6(range) = search_range(&pool) else { return None };
    let (first, last) = (u128::from(range.network()), u128::from(range.broadcast()));
    // The search stops at the first free address, so a /64 costs as many steps as there are holders.
    (first..=last)
        .map(|n| IpAddr::V6(Ipv6Addr::from(n)))
        .find(|a| pool.reserved(*a).is_none() && !held.contains(a))
        .map(|a| a.to_string())
}

/// Where to look: the ip_range when it lies inside the subnet, else the whole subnet.
fn search_range(pool: &Pool) -> IpNet {
    match pool.ip_range {
        Some(range) if pool.subnet.contains(&range) => range,
        _ => pool.subnet,
    }
}
