//! Reading subnets and addresses as the forms and the engine write them, and a network's IPAM pools.
//!
//! The one set of address helpers: endpoint planning (static addresses, suggestions) and network planning
//! (subnets, gateways, overlaps) both read addresses through here. Pure; it must not decide what is allowed.

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

/// An address as the engine reports it, tolerating a `/prefix` suffix.
pub fn parse_addr(s: &str) -> Option<IpAddr> {
    s.split('/').next()?.parse().ok()
}

/// Why an address inside a subnet still cannot be given out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reserved {
    NetworkAddress,
    Broadcast,
    Gateway,
}

/// One IPAM pool of a network, parsed.
#[derive(Debug, Clone, Copy)]
pub struct Pool {
    pub subnet: IpNet,
    pub ip_range: Option<IpNet>,
    pub gateway: Option<IpAddr>,
}

impl Pool {
    /// The engine's IPAM never hands out the subnet's first address, an IPv4 subnet's last, or the gateway.
    pub fn reserved(&self, addr: IpAddr) -> Option<Reserved> {
        if addr == self.subnet.network() {
            Some(Reserved::NetworkAddress)
        } else if addr.is_ipv4() && addr == self.subnet.broadcast() {
            Some(Reserved::Broadcast)
        } else if Some(addr) == self.gateway {
            Some(Reserved::Gateway)
        } else {
            None
        }
    }
}

/// The network's pools of one family, in the engine's order; a config without a subnet is no pool.
pub fn pools(network: &Network, v6: bool) -> Vec<Pool> {
    network
        .ipam
        .iter()
        .filter_map(|c| {
            let subnet = parse_net(c.subnet.as_deref()?)?.trunc();
            let ip_range = c.ip_range.as_deref().and_then(parse_net).map(|r| r.trunc());
            // Engines before API 1.42 do not report a gateway they chose themselves; their default IPAM
            // takes the first host address of the range (or of the subnet) for it.
            let gateway = c.gateway.as_deref().and_then(parse_addr).or_else(|| first_host(ip_range.unwrap_or(subnet)));
            Some(Pool { subnet, ip_range, gateway })
        })
        .filter(|p| matches!(p.subnet, IpNet::V6(_)) == v6)
        .collect()
}

/// The address after the network address, if the net has room for one.
fn first_host(net: IpNet) -> Option<IpAddr> {
    net.hosts().find(|a| *a != net.network())
}
