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
    next_free(topology, network_id, false)
}

/// The same for IPv6: the first address after the subnet's own (the engine reserves it) that is neither
/// the gateway nor held. `None` when the network has IPv6 disabled or no IPv6 subnet.
pub fn next_free_ipv6(topology: &Topology, network_id: &str) -> Option<String> {
    next_free(topology, network_id, true)
}

fn next_free(topology: &Topology, network_id: &str, v6: bool) -> Option<String> {
    let network = topology.network(network_id)?;
    if is_default_bridge(network) || (v6 && !network.enable_ipv6) {
        return None;
    }
    let pool = pools(network, v6).into_iter().next()?;
    let held: HashSet<IpAddr> = held_addresses(topology, network).into_iter().map(|(a, _)| a).collect();
    // The search stops at the first free address, so a /64 costs as many steps as there are holders.
    addresses(search_range(&pool)).find(|a| pool.reserved(*a).is_none() && !held.contains(a)).map(|a| a.to_string())
}

/// Every address of `range` in order, its network and broadcast addresses included.
fn addresses(range: IpNet) -> Box<dyn Iterator<Item = IpAddr>> {
    match range {
        IpNet::V4(r) => Box::new((u32::from(r.network())..=u32::from(r.broadcast())).map(|n| Ipv4Addr::from(n).into())),
        IpNet::V6(r) => {
            Box::new((u128::from(r.network())..=u128::from(r.broadcast())).map(|n| Ipv6Addr::from(n).into()))
        }
    }
}

/// Where to look: the ip_range when it lies inside the subnet, else the whole subnet.
fn search_range(pool: &Pool) -> IpNet {
    match pool.ip_range {
        Some(range) if pool.subnet.contains(&range) => range,
        _ => pool.subnet,
    }
}
