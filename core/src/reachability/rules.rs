//! The rules Docker applies by default between one container and one target (the host, the outside world,
//! another container), turned into ways or a reason.
//!
//! Owns the decisions only: which names resolve where, which network leads where, when a chain of
//! containers is not a route. It must not word anything (`wording`) nor pick fixes (`fix`).

use std::net::IpAddr;

use super::graph::{net, Links, Mode, World};
use super::{Answer, Blocked, Reason, Way};
use crate::model::{Container, Endpoint, Network};
use crate::networks::spec::OPT_ICC;
use crate::topology::{ReachKind, ReachTarget};

/// A container that can take part in traffic now: running, in a stack whose owner runs too.
pub(super) struct Ready<'a> {
    pub(super) owner: &'a Container,
    pub(super) mode: Mode,
}

pub(super) fn ready<'a>(world: &World<'a>, c: &'a Container) -> Result<Ready<'a>, Reason> {
    if !c.state.is_live() {
        return Err(Reason::NotRunning { container: c.name.clone(), state: c.state });
    }
    let owner = world.owner(c).map_err(|reference| Reason::StackOwnerGone { container: c.name.clone(), reference })?;
    if !owner.state.is_live() {
        return Err(Reason::StackOwnerNotRunning {
            container: c.name.clone(),
            owner: owner.name.clone(),
            state: owner.state,
        });
    }
    Ok(Ready { owner, mode: world.mode(owner) })
}

pub(super) fn host(world: &World, from: &Ready) -> Answer {
    match from.mode {
        Mode::Disabled => Answer::No(Reason::NetworkingDisabled { container: from.owner.name.clone() }),
        Mode::Host => Answer::Yes(vec![Way::HostStack]),
        Mode::Networks => match gateways(world, from.owner) {
            ways if !ways.is_empty() => Answer::Yes(ways),
            _ => Answer::No(no_way_to_host(world, from.owner, None)),
        },
    }
}

pub(super) fn outside(world: &World, from: &Ready) -> Answer {
    match from.mode {
        Mode::Disabled => Answer::No(Reason::NetworkingDisabled { container: from.owner.name.clone() }),
        Mode::Host => Answer::Yes(vec![Way::HostStack]),
        Mode::Networks => {
            let carried = world.carried(from.owner);
            let ways: Vec<Way> = carried
                .iter()
                .filter_map(|(n, _)| match leads(world, n, ReachTarget::External)? {
                    ReachKind::Direct => Some(Way::Direct { network: net(n), driver: n.driver.clone() }),
                    _ => Some(Way::Nat { network: net(n) }),
                })
                .collect();
            if !ways.is_empty() {
                Answer::Yes(ways)
            } else if carried.is_empty() {
                Answer::No(Reason::NoNetworks { container: from.owner.name.clone() })
            } else {
                let networks = carried.iter().map(|(n, _)| (net(n), blocked(n, ReachTarget::External))).collect();
                Answer::No(Reason::NoWayOut { container: from.owner.name.clone(), networks })
            }
        }
    }
}

/// From a ready container to another container.
pub(super) fn container(world: &World, from: &Ready, to: &Container, links: &Links) -> Answer {
    // Without networking only its own stack is in reach: say so before anything about the target.
    if from.mode == Mode::Disabled && world.owner(to).map_or(true, |o| o.id != from.owner.id) {
        return Answer::No(Reason::NetworkingDisabled { container: from.owner.name.clone() });
    }
    let to_ready = match ready(world, to) {
        Ok(r) => r,
        Err(reason) => return Answer::No(reason),
    };
    let (a, b) = (from.owner, to_ready.owner);
    if a.id == b.id {
        return Answer::Yes(vec![Way::SharedStack { owner: a.name.clone() }]);
    }
    match (from.mode, to_ready.mode) {
        (Mode::Disabled, _) => Answer::No(Reason::NetworkingDisabled { container: a.name.clone() }),
        (_, Mode::Disabled) => Answer::No(Reason::NetworkingDisabled { container: b.name.clone() }),
        (Mode::Host, Mode::Host) => Answer::Yes(vec![Way::HostStack]),
        (Mode::Host, Mode::Networks) => from_host(world, b),
        (Mode::Networks, Mode::Host) => {
            let ways: Vec<Way> = gateways(world, a)
                .into_iter()
                .filter_map(|w| match w {
                    Way::Gateway { network, address } => Some(Way::ViaHost { network, address }),
                    _ => None,
                })
                .collect();
            if ways.is_empty() {
                Answer::No(no_way_to_host(world, a, Some(&to.name)))
            } else {
                Answer::Yes(ways)
            }
        }
        (Mode::Networks, Mode::Networks) => between(world, a, b, links),
    }
}

/// Two stacks with networks of their own.
fn between(world: &World, a: &Container, b: &Container, links: &Links) -> Answer {
    let (a_nets, b_nets) = (world.carried(a), world.carried(b));
    let shared: Vec<(&Network, &Endpoint)> =
        b_nets.iter().filter(|(n, _)| a_nets.iter().any(|(m, _)| m.id == n.id)).copied().collect();
    let mut ways: Vec<Way> = shared.iter().filter(|(n, _)| !icc_disabled(n)).map(|(n, e)| peer(b, n, e)).collect();
    ways.extend(published(world, a, b));
    if !ways.is_empty() {
        return Answer::Yes(ways);
    }
    if !shared.is_empty() {
        return Answer::No(Reason::IccDisabled { networks: shared.iter().map(|(n, _)| net(n)).collect() });
    }
    if a_nets.is_empty() {
        return Answer::No(Reason::NoNetworks { container: a.name.clone() });
    }
    if b_nets.is_empty() {
        return Answer::No(Reason::NoNetworks { container: b.name.clone() });
    }
    match world.route(links, b) {
        Some((networks, through)) => {
            Answer::No(Reason::NotRouted { from: a.name.clone(), to: b.name.clone(), networks, through })
        }
        None => Answer::No(Reason::NoSharedNetwork {
            from: a.name.clone(),
            from_networks: a_nets.iter().map(|(n, _)| net(n)).collect(),
            to: b.name.clone(),
            to_networks: b_nets.iter().map(|(n, _)| net(n)).collect(),
        }),
    }
}

/// How a container reaches a peer on one shared network.
fn peer(b: &Container, network: &Network, endpoint: &Endpoint) -> Way {
    let address = address(endpoint);
    // The engine's DNS answers on user-defined networks only; the default bridge is decided by name.
    if network.name == "bridge" {
        return Way::IpOnly { network: net(network), address };
    }
    let names = dns_names(b, endpoint);
    match network.driver.as_str() {
        "macvlan" | "ipvlan" => Way::OnLan { network: net(network), driver: network.driver.clone(), names, address },
        _ => Way::ByName { network: net(network), names, address },
    }
}

/// What resolves to a container on one user-defined network: its name, the compose service (compose adds it
/// as an alias), the aliases the model knows (filled from an inspect), and its short ID, which the engine
/// adds itself.
fn dns_names(c: &Container, endpoint: &Endpoint) -> Vec<String> {
    let short_id = c.id.get(..12).unwrap_or(&c.id);
    let candidates = std::iter::once(c.name.trim_start_matches('/'))
        .chain(c.compose_service())
        .chain(endpoint.aliases.iter().map(String::as_str))
        .chain(std::iter::once(short_id));
    let mut out: Vec<String> = Vec::new();
    for name in candidates {
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// The target's published ports, through the first of the asking container's gateways. Ports bound to a
/// loopback address are left out: a gateway is not the host's loopback.
fn published(world: &World, a: &Container, b: &Container) -> Option<Way> {
    let mut ports: Vec<(u16, &str)> = b
        .ports
        .iter()
        .filter(|p| !p.ip.as_deref().and_then(|ip| ip.parse::<IpAddr>().ok()).is_some_and(|ip| ip.is_loopback()))
        .filter_map(|p| p.public_port.map(|port| (port, p.protocol.as_str())))
        .collect();
    ports.sort();
    ports.dedup();
    if ports.is_empty() {
        return None;
    }
    let Some(Way::Gateway { network, address }) = gateways(world, a).into_iter().next() else { return None };
    let ports = ports.into_iter().map(|(port, protocol)| format!("{port}/{protocol}")).collect();
    Some(Way::PublishedPorts { network, gateway: address, ports })
}

/// From the host's stack to a container: by its IP on every bridge whose gateway is the host.
fn from_host(world: &World, b: &Container) -> Answer {
    let carried = world.carried(b);
    let ways: Vec<Way> = carried
        .iter()
        .filter(|(n, _)| leads(world, n, ReachTarget::Host) == Some(ReachKind::Gateway))
        .map(|(n, e)| Way::FromHost { network: net(n), address: address(e) })
        .collect();
    if !ways.is_empty() {
        Answer::Yes(ways)
    } else if carried.is_empty() {
        Answer::No(Reason::NoNetworks { container: b.name.clone() })
    } else {
        let networks = carried.iter().map(|(n, _)| (net(n), blocked(n, ReachTarget::Host))).collect();
        Answer::No(Reason::NotFromHost { container: b.name.clone(), networks })
    }
}

/// Every way a stack reaches the host: the gateway of each of its networks that has one on the host.
pub(super) fn gateways(world: &World, owner: &Container) -> Vec<Way> {
    world
        .carried(owner)
        .into_iter()
        .filter(|(n, _)| leads(world, n, ReachTarget::Host) == Some(ReachKind::Gateway))
        .map(|(n, e)| {
            let from_ipam = n.ipam.iter().filter_map(|c| c.gateway.clone()).find(|g| !g.contains(':'));
            Way::Gateway { network: net(n), address: e.gateway.clone().filter(|g| !g.is_empty()).or(from_ipam) }
        })
        .collect()
}

fn no_way_to_host(world: &World, owner: &Container, listener: Option<&str>) -> Reason {
    let carried = world.carried(owner);
    if carried.is_empty() {
        return Reason::NoNetworks { container: owner.name.clone() };
    }
    Reason::NoWayToHost {
        container: owner.name.clone(),
        networks: carried.iter().map(|(n, _)| (net(n), blocked(n, ReachTarget::Host))).collect(),
        listener: listener.map(String::from),
    }
}

/// How a network leads to the host or outside, as the topology says (`topology::reach`).
pub(super) fn leads(world: &World, network: &Network, target: ReachTarget) -> Option<ReachKind> {
    world.topology.reaches_of(&network.id).into_iter().find(|(t, _)| *t == target).map(|(_, k)| k)
}

/// Why a network does not lead to the target.
fn blocked(network: &Network, target: ReachTarget) -> Blocked {
    match network.driver.as_str() {
        _ if network.internal => Blocked::Internal,
        "macvlan" | "ipvlan" if target == ReachTarget::Host => Blocked::Lan { driver: network.driver.clone() },
        driver => Blocked::Driver { driver: driver.to_string() },
    }
}

/// A bridge created with `com.docker.network.bridge.enable_icc=false`: its members resolve each other's
/// names but their traffic is dropped.
fn icc_disabled(network: &Network) -> bool {
    network.driver == "bridge" && network.options.get(OPT_ICC).is_some_and(|v| v == "false")
}

fn address(endpoint: &Endpoint) -> Option<String> {
    endpoint.ipv4.clone().or_else(|| endpoint.ipv6.clone()).filter(|a| !a.is_empty())
}
