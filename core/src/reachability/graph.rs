//! The graph traffic can cross: one node per live network stack (a running container, with every container
//! that shares its stack) and one per network that carries traffic between its members, joined by the
//! stacks' endpoints. Built with petgraph from the `Topology`'s domain verbs.
//!
//! Owns which stack a container runs in (`container:` mode, followed to the end of the chain), its mode
//! (`host`, `none`, networks) and the path searches over the graph (petgraph's Dijkstra). It must not decide
//! what a path means nor word anything: that is `rules` and `wording`.

use std::collections::HashMap;

use petgraph::algo::dijkstra;
use petgraph::graph::{NodeIndex, UnGraph};

use super::Net;
use crate::endpoints::Refusal;
use crate::model::{Container, Endpoint, Network};
use crate::topology::stack::{self, shared_reference};
use crate::topology::Topology;

/// A node of the graph.
pub(super) enum Hop<'a> {
    Stack(&'a Container),
    Network(&'a Network),
}

/// How a stack is networked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// The host's own stack (`host` mode).
    Host,
    /// Loopback only (`none` mode).
    Disabled,
    /// Its own stack, attached to networks (possibly none).
    Networks,
}

pub(super) struct World<'a> {
    pub(super) topology: &'a Topology,
    /// Sorted by name, then ID, so every answer lists them in one order whatever the snapshot's.
    containers: Vec<&'a Container>,
    graph: UnGraph<Hop<'a>, ()>,
    /// The node of each live stack, by its owner's container ID.
    stacks: HashMap<&'a str, NodeIndex>,
}

/// Hop counts from one stack to every node linked to it.
pub(super) struct Links {
    distance: HashMap<NodeIndex, usize>,
}

impl<'a> World<'a> {
    pub(super) fn new(topology: &'a Topology) -> Self {
        let mut containers: Vec<&Container> = topology.containers().collect();
        containers.sort_by(|a, b| Container::by_name(a, b));
        let mut networks: Vec<&Network> = topology.networks().filter(|n| carries(n)).collect();
        networks.sort_by(|a, b| Network::by_name(a, b));
        // Nodes are added in name order: the lowest index among equals is the first by name, which makes the
        // path chosen among several of one length deterministic.
        let mut graph = UnGraph::new_undirected();
        let by_network: HashMap<&str, NodeIndex> =
            networks.iter().map(|n| (n.id.as_str(), graph.add_node(Hop::Network(n)))).collect();
        let mut stacks = HashMap::new();
        for c in containers.iter().filter(|c| shared_reference(c).is_none() && c.state.is_live()) {
            let node = graph.add_node(Hop::Stack(c));
            stacks.insert(c.id.as_str(), node);
            for (n, _) in topology.endpoints_of(&c.id) {
                if let Some(&net) = by_network.get(n.id.as_str()) {
                    graph.add_edge(node, net, ());
                }
            }
        }
        Self { topology, containers, graph, stacks }
    }

    pub(super) fn container(&self, id: &str) -> Result<&'a Container, Refusal> {
        self.topology.container(id).ok_or_else(|| Refusal::ContainerGone { container_id: id.into() })
    }

    pub(super) fn containers(&self) -> impl Iterator<Item = &'a Container> + '_ {
        self.containers.iter().copied()
    }

    /// The container whose stack `c` runs in: `c` itself unless it is in `container:` mode. Err with the
    /// reference when the chain ends at a container that no longer exists (or loops, which the engine
    /// forbids).
    pub(super) fn owner(&self, c: &'a Container) -> Result<&'a Container, String> {
        stack::owner(&self.containers, c)
    }

    /// The other container whose stack `c` shares, when it is in `container:` mode and that one exists.
    pub(super) fn stack_of(&self, c: &'a Container) -> Option<&'a Container> {
        self.owner(c).ok().filter(|o| o.id != c.id)
    }

    /// How a stack owner is networked.
    pub(super) fn mode(&self, owner: &Container) -> Mode {
        match owner.network_mode.as_str() {
            "host" => return Mode::Host,
            "none" => return Mode::Disabled,
            _ => {}
        }
        let endpoints = self.topology.endpoints_of(&owner.id);
        if endpoints.iter().any(|(n, _)| n.driver == "host") {
            Mode::Host
        } else if !endpoints.is_empty() && endpoints.iter().all(|(n, _)| n.driver == "null") {
            Mode::Disabled
        } else {
            Mode::Networks
        }
    }

    /// A stack's endpoints on networks that carry traffic between their members, sorted by network name.
    pub(super) fn carried(&self, owner: &Container) -> Vec<(&'a Network, &'a Endpoint)> {
        self.topology.endpoints_of(&owner.id).into_iter().filter(|(n, _)| carries(n)).collect()
    }

    /// Distances from a stack (its owner) to everything linked to it, through networks and other stacks.
    pub(super) fn links(&self, owner: &Container) -> Links {
        let distance = match self.stacks.get(owner.id.as_str()) {
            Some(&start) => dijkstra(&self.graph, start, None, |_| 1usize).into_iter().collect(),
            None => HashMap::new(),
        };
        Links { distance }
    }

    /// A shortest chain from the stack `links` was measured from to the stack of `owner`: the networks and
    /// the stacks in between. `None` when nothing links them. Read back from the distances: each step goes to
    /// the neighbour one hop nearer with the lowest index (the first by name).
    pub(super) fn route(&self, links: &Links, owner: &Container) -> Option<(Vec<Net>, Vec<String>)> {
        let &end = self.stacks.get(owner.id.as_str())?;
        let mut left = *links.distance.get(&end)?;
        let mut current = end;
        let mut hops = Vec::new();
        while left > 0 {
            let previous =
                self.graph.neighbors(current).filter(|n| links.distance.get(n) == Some(&(left - 1))).min()?;
            hops.push(previous);
            current = previous;
            left -= 1;
        }
        // `hops` runs from the target back to the start, which it ends with.
        hops.pop();
        hops.reverse();
        let (mut networks, mut through) = (Vec::new(), Vec::new());
        for node in hops {
            match &self.graph[node] {
                Hop::Network(n) => networks.push(net(n)),
                Hop::Stack(c) => through.push(c.name.clone()),
            }
        }
        Some((networks, through))
    }
}

/// A network that carries traffic between its members: not `host` (one shared stack, no members of its
/// own), not `none`, not a config-only template.
pub(super) fn carries(network: &Network) -> bool {
    !network.config_only && !matches!(network.driver.as_str(), "null" | "host")
}

pub(super) fn net(network: &Network) -> Net {
    Net { id: network.id.clone(), name: network.name.clone() }
}
