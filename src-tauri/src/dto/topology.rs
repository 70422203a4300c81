//! The whole topology as the UI receives it: every node with its position and details, every edge with its
//! label, built from the core's `Topology` and `Layout`.
//!
//! Owns only that conversion (labels the graph shows included); the shapes are `dto`'s, and when to send
//! the whole rather than a diff is `state`'s.

use netlens_core::layout::Layout;
use netlens_core::topology::{Edge, EdgeView, Node, Topology};

use super::swarm::ServiceDto;
use super::{ContainerDto, EdgeDto, EdgeKind, EndpointDto, NetworkDto, NodeDto, NodeKind, ReachDto, TopologyDto};

impl TopologyDto {
    pub fn build(revision: u32, t: &Topology, layout: &Layout) -> Self {
        let mut nodes: Vec<NodeDto> = t.nodes().map(|n| node(n, t, layout)).collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut edges: Vec<EdgeDto> = t.edges().map(edge).collect();
        edges.sort_by(|a, b| a.id.cmp(&b.id));
        Self { revision, nodes, edges }
    }
}

pub(super) fn node(n: &Node, t: &Topology, layout: &Layout) -> NodeDto {
    let id = n.id();
    let (x, y) = position(layout, &id);
    let (kind, label, network, container, service) = match n {
        Node::Network(net) => (NodeKind::Network, net.name.clone(), Some(NetworkDto::from(net)), None, None),
        Node::Container(c) => (NodeKind::Container, c.name.clone(), None, Some(ContainerDto::from(c)), None),
        Node::Service(s) => (NodeKind::Service, s.name.clone(), None, None, Some(ServiceDto::new(s, t))),
        Node::Host => (NodeKind::Host, "Host".into(), None, None, None),
        Node::External => (NodeKind::External, "External".into(), None, None, None),
    };
    NodeDto { id, kind, label, x, y, network, container, service }
}

/// Where the layout puts a node, in the whole pixels the UI is sent.
pub(super) fn position(layout: &Layout, id: &str) -> (i32, i32) {
    let (x, y) = layout.position(id).unwrap_or((0.0, 0.0));
    (x.round() as i32, y.round() as i32)
}

pub(super) fn edge(e: EdgeView<'_>) -> EdgeDto {
    let plain = |kind, label: String| EdgeDto {
        id: e.id(),
        kind,
        source: e.id_source.id(),
        target: e.id_target.id(),
        label,
        endpoint: None,
        reach: None,
    };
    match (e.edge, e.id_source, e.id_target) {
        (Edge::Endpoint(ep), Node::Network(n), Node::Container(c)) => {
            let label = ep.ipv4.clone().or_else(|| ep.ipv6.clone()).unwrap_or_default();
            EdgeDto { endpoint: Some(EndpointDto::new(n, c, ep)), ..plain(EdgeKind::Endpoint, label) }
        }
        (Edge::Reach(k), _, _) => EdgeDto {
            reach: Some(ReachDto { kind: *k, explanation: k.explanation().into() }),
            ..plain(EdgeKind::Reach, k.label().into())
        },
        (Edge::Stack, _, _) => plain(EdgeKind::Stack, "shares stack".into()),
        (Edge::ServiceNetwork(a), _, _) => {
            plain(EdgeKind::ServiceNetwork, a.virtual_ip.clone().unwrap_or_else(|| "dnsrr".into()))
        }
        (Edge::Task, _, _) => plain(EdgeKind::Task, "task".into()),
        (Edge::Endpoint(_), _, _) => plain(EdgeKind::Endpoint, String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlens_core::fixtures::demo;
    use netlens_core::topology::ReachKind;

    #[test]
    fn topology_dto_carries_every_node_and_edge_with_positions() {
        let t = Topology::from_snapshot(&demo());
        let layout = Layout::default().update(&t);
        let dto = TopologyDto::build(7, &t, &layout);
        assert_eq!(dto.revision, 7);
        assert_eq!(dto.nodes.len(), 2 + 7 + 8);
        let backend = dto.nodes.iter().find(|n| n.id == "network:n-backend").unwrap();
        assert_eq!(backend.kind, NodeKind::Network);
        assert_eq!(backend.network.as_ref().unwrap().network.ipam[0].subnet.as_deref(), Some("10.214.10.0/24"));
        let (x, y) = layout.position("network:n-backend").unwrap();
        assert_eq!((f64::from(backend.x), f64::from(backend.y)), (x, y));
        let api = dto.edges.iter().find(|e| e.id == "endpoint:n-backend:c-api").unwrap();
        assert_eq!(api.label, "10.214.10.2");
        assert_eq!(api.endpoint.as_ref().unwrap().ipv4.as_deref(), Some("10.214.10.2/24"));
        let nat = dto.edges.iter().find(|e| e.id == "reach:n-backend:external").unwrap();
        assert_eq!(nat.reach.as_ref().unwrap().kind, ReachKind::Nat);
        let bridge = dto.nodes.iter().find(|n| n.id == "network:n-bridge").unwrap();
        assert!(bridge.network.as_ref().unwrap().predefined);
    }

    #[test]
    fn topology_dto_serializes_in_camel_case() {
        let t = Topology::from_snapshot(&demo());
        let dto = TopologyDto::build(1, &t, &Layout::default().update(&t));
        let json = serde_json::to_value(&dto).unwrap();
        let vault = json["nodes"].as_array().unwrap().iter().find(|n| n["id"] == "network:n-vault").unwrap();
        assert_eq!(vault["network"]["internal"], true);
        assert_eq!(vault["network"]["enableIpv6"], false);
        assert_eq!(vault["kind"], "network");
        let nightly = json["nodes"].as_array().unwrap().iter().find(|n| n["id"] == "container:c-nightly").unwrap();
        assert_eq!(nightly["container"]["state"], "exited");
    }

    #[test]
    fn a_shared_stack_is_sent_as_a_stack_edge_from_the_sharer_to_the_owner() {
        let t = netlens_core::fixtures::demo_with_sidecar();
        let dto = TopologyDto::build(1, &t, &Layout::default().update(&t));
        let tie = dto.edges.iter().find(|e| e.kind == EdgeKind::Stack).unwrap();
        assert_eq!(
            (tie.id.as_str(), tie.source.as_str(), tie.target.as_str()),
            ("stack:c-side:c-api", "container:c-side", "container:c-api")
        );
        assert_eq!(dto.edges.iter().filter(|e| e.kind == EdgeKind::Stack).count(), 1);
        let json = serde_json::to_value(tie).unwrap();
        assert_eq!(json["kind"], "stack");
    }
}
