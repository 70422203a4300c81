//! The topology: networks, containers, the host and the outside world as one graph.
//!
//! Owns the graph (a petgraph graph kept private) and the domain verbs over it. Built purely from a
//! `Snapshot`; it never talks to the engine and knows nothing about layout or the UI.

pub mod reach;
pub mod render;
pub mod stack;
pub mod swarm;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::model::{Container, Endpoint, Network, Service, ServiceNetwork, Snapshot};
pub use reach::{ReachKind, ReachTarget};
pub use swarm::{service_node_id, task_edge_id, vip_edge_id};

pub const HOST_ID: &str = "host";
pub const EXTERNAL_ID: &str = "external";

pub fn network_node_id(network_id: &str) -> String {
    format!("network:{network_id}")
}

pub fn container_node_id(container_id: &str) -> String {
    format!("container:{container_id}")
}

pub fn endpoint_edge_id(network_id: &str, container_id: &str) -> String {
    format!("endpoint:{network_id}:{container_id}")
}

/// The tie of a `container:`-mode container (the sharer) to the container whose network stack it runs in.
pub fn stack_edge_id(sharer_id: &str, owner_id: &str) -> String {
    format!("stack:{sharer_id}:{owner_id}")
}

pub fn reach_edge_id(network_id: &str, target: ReachTarget) -> String {
    match target {
        ReachTarget::Host => format!("reach:{network_id}:host"),
        ReachTarget::External => format!("reach:{network_id}:external"),
    }
}

/// `pub fn $name(&self) -> Option<&$inner>` on `$enum` for each listed one-field variant: what a node or edge
/// holds when it is of that kind, in the shape `filter_map` and `ties` take. Written once instead of one
/// hand-copied `if let` per variant.
macro_rules! variant_accessors {
    ($enum:ident: $($name:ident -> $variant:ident($inner:ty)),+ $(,)?) => {
        impl $enum {
            $(
                #[doc = concat!("The `", stringify!($inner), "` of a `", stringify!($variant), "`, none for any other kind.")]
                pub fn $name(&self) -> Option<&$inner> {
                    match self {
                        $enum::$variant(inner) => Some(inner),
                        _ => None,
                    }
                }
            )+
        }
    };
}

#[derive(Debug, Clone)]
pub enum Node {
    Network(Network),
    Container(Container),
    /// A swarm service, as this node's manager lists it.
    Service(Service),
    Host,
    External,
}

impl Node {
    pub fn id(&self) -> String {
        match self {
            Node::Network(n) => network_node_id(&n.id),
            Node::Container(c) => container_node_id(&c.id),
            Node::Service(s) => service_node_id(&s.id),
            Node::Host => HOST_ID.into(),
            Node::External => EXTERNAL_ID.into(),
        }
    }
}

variant_accessors!(Node:
    as_network -> Network(Network),
    as_container -> Container(Container),
    as_service -> Service(Service),
);

#[derive(Debug, Clone)]
// Endpoints dominate the graph, so boxing them would cost an allocation per edge for nothing.
#[allow(clippy::large_enum_variant)]
pub enum Edge {
    /// Network → container.
    Endpoint(Endpoint),
    /// Network → host or external.
    Reach(ReachKind),
    /// Container → container: the source runs in the target's network stack (`--network container:…`),
    /// the target being the end of the chain when it shares a sharer's.
    Stack,
    /// Service → network: the service is attached to it, with its virtual IP there.
    ServiceNetwork(ServiceNetwork),
    /// Service → container: the container is one of the service's tasks, running on this node.
    Task,
}

variant_accessors!(Edge:
    as_endpoint -> Endpoint(Endpoint),
    as_service_network -> ServiceNetwork(ServiceNetwork),
);

/// The networks a container's endpoints tie it to (found by network ID, or by name through `by_name`,
/// which gives the network's ID too), each with the endpoint as its line holds it.
fn endpoint_ties(
    c: &Container,
    by_id: impl Fn(&str) -> Option<NodeIndex>,
    by_name: impl Fn(&str) -> Option<(String, NodeIndex)>,
) -> Vec<(NodeIndex, Endpoint)> {
    c.endpoints
        .iter()
        .filter_map(|e| {
            // A network removed between the two list requests leaves a dangling endpoint: the next snapshot
            // (the removal emits an event) settles it.
            if let Some(net) = by_id(&e.network_id) {
                Some((net, e.clone()))
            } else if let (true, Some((id, net))) = (e.network_id.is_empty(), by_name(&e.network_name)) {
                // A container that has not run since it was connected is listed without the network's ID,
                // under the network's name only.
                Some((net, Endpoint { network_id: id, ..e.clone() }))
            } else {
                None
            }
        })
        .collect()
}

/// Read-only view of one edge, without graph indices.
#[derive(Debug, Clone, Copy)]
pub struct EdgeView<'a> {
    pub id_source: &'a Node,
    pub id_target: &'a Node,
    pub edge: &'a Edge,
}

impl EdgeView<'_> {
    pub fn id(&self) -> String {
        match (self.id_source, self.edge, self.id_target) {
            (Node::Network(n), Edge::Endpoint(_), Node::Container(c)) => endpoint_edge_id(&n.id, &c.id),
            (Node::Network(n), Edge::Reach(_), Node::Host) => reach_edge_id(&n.id, ReachTarget::Host),
            (Node::Network(n), Edge::Reach(_), _) => reach_edge_id(&n.id, ReachTarget::External),
            (Node::Container(s), Edge::Stack, Node::Container(o)) => stack_edge_id(&s.id, &o.id),
            (Node::Service(s), Edge::ServiceNetwork(_), Node::Network(n)) => vip_edge_id(&s.id, &n.id),
            (Node::Service(s), Edge::Task, Node::Container(c)) => task_edge_id(&s.id, &c.id),
            (s, _, t) => format!("edge:{}:{}", s.id(), t.id()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Topology {
    graph: DiGraph<Node, Edge>,
    by_id: HashMap<String, NodeIndex>,
    /// The network nodes, in the snapshot's order: the few hundred networks without walking thousands of
    /// containers (a live change on a busy engine reads them with caches cold).
    networks: Vec<NodeIndex>,
    services: usize,
}

impl Topology {
    /// The graph of a snapshot the caller keeps: its networks, containers and services are copied into it.
    pub fn from_snapshot(snapshot: &Snapshot) -> Self {
        Self::from_owned(snapshot.clone())
    }

    /// The graph of a snapshot the caller is done with: its networks, containers and services move into the
    /// nodes instead of being copied (`netlens export` and a filtered view each build one graph from a
    /// snapshot they then drop: on 2,000 containers the build goes from ~4.2 to ~2.6 ms).
    pub fn from_owned(snapshot: Snapshot) -> Self {
        let Snapshot { networks: listed, containers, services } = snapshot;
        let endpoints: usize = containers.iter().map(|c| c.endpoints.len()).sum();
        let nodes = 2 + listed.len() + containers.len() + services.len();
        let mut graph = DiGraph::with_capacity(nodes, 2 * listed.len() + endpoints);
        let mut by_id = HashMap::with_capacity(nodes);
        let host = graph.add_node(Node::Host);
        let external = graph.add_node(Node::External);
        by_id.insert(HOST_ID.to_string(), host);
        by_id.insert(EXTERNAL_ID.to_string(), external);
        let mut networks = HashMap::with_capacity(listed.len());
        let mut by_name: HashMap<String, (String, NodeIndex)> = HashMap::with_capacity(listed.len());
        let mut network_nodes = Vec::with_capacity(listed.len());
        for n in listed {
            let reaches = reach::reaches(&n);
            let (key, id, name) = (network_node_id(&n.id), n.id.clone(), n.name.clone());
            let idx = graph.add_node(Node::Network(n));
            network_nodes.push(idx);
            by_id.insert(key, idx);
            by_name.insert(name, (id.clone(), idx));
            networks.insert(id, idx);
            for (target, kind) in reaches {
                let to = if target == ReachTarget::Host { host } else { external };
                graph.add_edge(idx, to, Edge::Reach(kind));
            }
        }
        for c in containers {
            let ties = endpoint_ties(&c, |id| networks.get(id).copied(), |name| by_name.get(name).cloned());
            let key = container_node_id(&c.id);
            let idx = graph.add_node(Node::Container(c));
            by_id.insert(key, idx);
            for (net, e) in ties {
                graph.add_edge(net, idx, Edge::Endpoint(e));
            }
        }
        // Dangling references (the owner was removed) draw no tie: the engine cannot start such a sharer.
        let all: Vec<&Container> = graph.node_weights().filter_map(Node::as_container).collect();
        let stacks: Vec<(NodeIndex, NodeIndex)> = all
            .iter()
            .filter_map(|&c| {
                let owner = stack::owner(&all, c).ok().filter(|o| o.id != c.id)?;
                Some((*by_id.get(&container_node_id(&c.id))?, *by_id.get(&container_node_id(&owner.id))?))
            })
            .collect();
        for (from, to) in stacks {
            graph.add_edge(from, to, Edge::Stack);
        }
        let service_count = services.len();
        swarm::add(&mut graph, &mut by_id, services);
        Self { graph, by_id, networks: network_nodes, services: service_count }
    }

    /// Container `c`, read again, put in place of the one held under its ID: its node and its endpoint
    /// lines replaced, everything else kept, as `from_snapshot` of the snapshot with `c` in it would make
    /// it (but for the order `edges` lists lines in). One container's connect, disconnect, start or stop
    /// on a busy engine: building the whole graph again takes ~1.6 ms on 2,000 containers, 4-5 ms with the
    /// window drawing beside it. False, changing nothing, when the re-read may change more than its own
    /// lines: a container not held, or one whose name, network mode or labels changed (others find the
    /// owner of the stack they share by name, services their tasks by labels).
    pub fn replace_container(&mut self, c: &Container) -> bool {
        let Some(&idx) = self.by_id.get(&container_node_id(&c.id)) else { return false };
        match &self.graph[idx] {
            Node::Container(old)
                if old.name == c.name && old.network_mode == c.network_mode && old.labels == c.labels => {}
            _ => return false,
        }
        let ties = endpoint_ties(
            c,
            |id| self.by_id.get(&network_node_id(id)).copied().filter(|&i| self.graph[i].as_network().is_some()),
            |name| {
                // The last of that name, as `from_owned`'s map keeps it.
                self.networks.iter().rev().find_map(|&i| match &self.graph[i] {
                    Node::Network(n) if n.name == name => Some((n.id.clone(), i)),
                    _ => None,
                })
            },
        );
        let endpoint = |g: &DiGraph<Node, Edge>| {
            g.edges_directed(idx, Direction::Incoming).find(|e| matches!(e.weight(), Edge::Endpoint(_))).map(|e| e.id())
        };
        while let Some(e) = endpoint(&self.graph) {
            self.graph.remove_edge(e);
        }
        self.graph[idx] = Node::Container(c.clone());
        for (net, e) in ties {
            self.graph.add_edge(net, idx, Edge::Endpoint(e));
        }
        true
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.by_id.get(id).map(|&i| &self.graph[i])
    }

    pub fn networks(&self) -> impl Iterator<Item = &Network> {
        self.networks.iter().filter_map(|&i| self.graph[i].as_network())
    }

    /// How many nodes and lines the graph holds.
    pub fn size(&self) -> (usize, usize) {
        (self.graph.node_count(), self.graph.edge_count())
    }

    /// The lines at node `node_id`, both ways.
    pub fn edges_at(&self, node_id: &str) -> Vec<EdgeView<'_>> {
        let Some(&idx) = self.by_id.get(node_id) else { return vec![] };
        let g = &self.graph;
        let ins = g.edges_directed(idx, Direction::Incoming);
        ins.chain(g.edges_directed(idx, Direction::Outgoing)).map(|e| self.view(e)).collect()
    }

    /// One line of the graph as `EdgeView` shows it.
    fn view<'a>(&'a self, e: petgraph::graph::EdgeReference<'a, Edge>) -> EdgeView<'a> {
        EdgeView { id_source: &self.graph[e.source()], id_target: &self.graph[e.target()], edge: e.weight() }
    }

    /// Whether the snapshot had swarm services (their nodes and lines hang on containers' labels).
    pub fn has_services(&self) -> bool {
        self.services > 0
    }

    pub fn containers(&self) -> impl Iterator<Item = &Container> {
        self.graph.node_weights().filter_map(Node::as_container)
    }

    pub fn network(&self, network_id: &str) -> Option<&Network> {
        self.node(&network_node_id(network_id)).and_then(Node::as_network)
    }

    pub fn network_by_name(&self, name: &str) -> Option<&Network> {
        self.networks().find(|n| n.name == name)
    }

    pub fn container(&self, container_id: &str) -> Option<&Container> {
        self.node(&container_node_id(container_id)).and_then(Node::as_container)
    }

    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    pub fn edges(&self) -> impl Iterator<Item = EdgeView<'_>> {
        self.graph.edge_references().map(|e| self.view(e))
    }

    /// The networks a container is attached to, with their endpoints.
    pub fn endpoints_of(&self, container_id: &str) -> Vec<(&Network, &Endpoint)> {
        let id = container_node_id(container_id);
        self.ties(&id, Direction::Incoming, Node::as_network, Edge::as_endpoint, |a, b| a.name.cmp(&b.name))
    }

    /// The containers attached to a network, with their endpoints.
    pub fn containers_on(&self, network_id: &str) -> Vec<(&Container, &Endpoint)> {
        let id = network_node_id(network_id);
        self.ties(&id, Direction::Outgoing, Node::as_container, Edge::as_endpoint, |a, b| a.name.cmp(&b.name))
    }

    /// The container whose network stack `container_id` runs in (`container:` mode), if it exists.
    pub fn stack_owner(&self, container_id: &str) -> Option<&Container> {
        let &idx = self.by_id.get(&container_node_id(container_id))?;
        self.graph.edges_directed(idx, Direction::Outgoing).find_map(|e| match (e.weight(), &self.graph[e.target()]) {
            (Edge::Stack, Node::Container(o)) => Some(o),
            _ => None,
        })
    }

    /// The containers that run in `container_id`'s network stack, by name.
    pub fn stack_sharers(&self, container_id: &str) -> Vec<&Container> {
        self.containers_tied(&container_node_id(container_id), Direction::Incoming, |e| matches!(e, Edge::Stack))
    }

    /// The containers at the other end of the edges `kind` accepts at `node_id` in `direction`, by name.
    pub(super) fn containers_tied(
        &self,
        node_id: &str,
        direction: Direction,
        kind: fn(&Edge) -> bool,
    ) -> Vec<&Container> {
        let pick = |e: &Edge| kind(e).then_some(());
        self.ties(node_id, direction, Node::as_container, pick, Container::by_name)
            .into_iter()
            .map(|(c, ())| c)
            .collect()
    }

    /// How a network reaches the host and the outside world.
    pub fn reaches_of(&self, network_id: &str) -> Vec<(ReachTarget, ReachKind)> {
        let Some(&idx) = self.by_id.get(&network_node_id(network_id)) else { return vec![] };
        let mut out: Vec<_> = self
            .graph
            .edges_directed(idx, Direction::Outgoing)
            .filter_map(|e| match (&self.graph[e.target()], e.weight()) {
                (Node::Host, Edge::Reach(k)) => Some((ReachTarget::Host, *k)),
                (Node::External, Edge::Reach(k)) => Some((ReachTarget::External, *k)),
                _ => None,
            })
            .collect();
        out.sort();
        out
    }

    /// The ties at node `node_id` in `direction`: the node at each edge's other end as `end` reads it, with
    /// what `tie` takes from the edge, both required, sorted by the far node with `order`. The one walk
    /// behind `endpoints_of`, `containers_on`, the stack verbs and `swarm`'s.
    pub(super) fn ties<'a, T, E>(
        &'a self,
        node_id: &str,
        direction: Direction,
        end: fn(&'a Node) -> Option<&'a T>,
        tie: impl Fn(&'a Edge) -> Option<E>,
        order: impl Fn(&T, &T) -> std::cmp::Ordering,
    ) -> Vec<(&'a T, E)> {
        let Some(&idx) = self.by_id.get(node_id) else { return vec![] };
        let far = |e: petgraph::graph::EdgeReference<'a, Edge>| match direction {
            Direction::Outgoing => e.target(),
            Direction::Incoming => e.source(),
        };
        let mut out: Vec<(&T, E)> = self
            .graph
            .edges_directed(idx, direction)
            .filter_map(|e| Some((end(&self.graph[far(e)])?, tie(e.weight())?)))
            .collect();
        out.sort_by(|a, b| order(a.0, b.0));
        out
    }

    /// Whether two containers can talk directly: they share a network whose driver carries traffic
    /// between its members (every driver but `null`; `host` shares one stack, so it counts too).
    pub fn can_reach(&self, a: &str, b: &str) -> bool {
        let b_nets: Vec<&str> = self.endpoints_of(b).into_iter().map(|(n, _)| n.id.as_str()).collect();
        self.endpoints_of(a).into_iter().any(|(n, _)| n.driver != "null" && b_nets.contains(&n.id.as_str()))
    }

    /// Whether a container can open connections to the host or the outside world through any network.
    pub fn container_reaches(&self, container_id: &str, target: ReachTarget) -> bool {
        self.endpoints_of(container_id)
            .into_iter()
            .any(|(n, _)| self.reaches_of(&n.id).iter().any(|(t, _)| *t == target))
    }
}
