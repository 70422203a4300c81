//! Reading subnets and addresses as the create dialog and the engine write them.
//!
//! Small on purpose: `ops::validate` has its own pool helpers for endpoints, and these few lines are
//! cheaper than widening its API.

use std::net::IpAddr;

use ipnet::IpNet;

use crate::model::Network;

/// A CIDR as typed, host bits kept, so the caller can tell "10.1.2.3/24" from "10.1.2.0/24".
pub fn parse_net(s: &str) -> Option<IpNet> {
    s.parse().ok()
}

pub fn parse_ip(s: &str) -> Option<IpAddr> {
    s.parse().ok()
}

/// Whether a CIDR has bits set past its prefix, and the network it most likely meant.
pub fn truncated(net: IpNet) -> Option<IpNet> {
    let t = net.trunc();
    (t != net).then_some(t)
}

/// Two subnets share an address exactly when one contains the other (prefixes are aligned).
pub fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    a.contains(b) || b.contains(a)
}

/// A network's configured subnets, truncated; reported gateways and ranges do not matter for overlap.
pub fn subnets_of(network: &Network) -> Vec<IpNet> {
    network.ipam.iter().filter_map(|c| c.subnet.as_deref().and_then(parse_net)).map(|n| n.trunc()).collect()
}
