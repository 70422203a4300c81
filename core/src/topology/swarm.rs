//! Swarm services in the topology: a node per service a manager lists, an edge to each network it has a
//! virtual IP on (labelled with the VIP), and an edge to each of its task containers on this node.
//!
//! Owns the service nodes and edges and the verbs over them. A manager lists every service of the swarm,
//! but this node's engine lists only its own containers: tasks running on other nodes have no container
//! here, so a service can have fewer task edges than replicas. Pure, over a `Snapshot`; must not decide
//! where services are drawn (`layout`) nor how they read in the window.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::{container_node_id, network_node_id, Edge, Node, Topology};
use crate::model::{Container, Network, Service, ServiceNetwork};

pub fn service_node_id(service_id: &str) -> String {
    format!("service:{service_id}")
}

/// The edge from a service to a network it is attached to (its virtual IP there).
pub fn vip_edge_id(service_id: &str, network_id: &str) -> String {
    format!("vip:{service_id}:{network_id}")
}

/// The edge from a service to one of its task containers on this node.
pub fn task_edge_id(service_id: &str, container_id: &str) -> String {
    format!("task:{service_id}:{container_id}")
}

/// Adds `services` to a graph that already holds the snapshot's networks and containers.
pub(super) fn add(graph: &mut DiGraph<Node, Edge>, by_id: &mut HashMap<String, NodeIndex>, services: Vec<Service>) {
    if services.is_empty() {
        return;
    }
    let mut by_service = HashMap::new();
    // A spec may name a network rather than give its ID.
    let by_name: HashMap<String, String> =
        graph.node_weights().filter_map(Node::as_network).map(|n| (n.name.clone(), n.id.clone())).collect();
    for s in services {
        let mut ties = vec![];
        for attached in &s.networks {
            let id = match by_id.contains_key(&network_node_id(&attached.network_id)) {
                true => attached.network_id.as_str(),
                false => by_name.get(attached.network_id.as_str()).map(String::as_str).unwrap_or_default(),
            };
            // A network the manager has but this snapshot does not (removed between the reads) draws nothing.
            if let Some(&net) = by_id.get(&network_node_id(id)) {
                ties.push((net, ServiceNetwork { network_id: id.to_string(), ..attached.clone() }));
            }
        }
        let (key, id) = (service_node_id(&s.id), s.id.clone());
        let idx = graph.add_node(Node::Service(s));
        by_id.insert(key, idx);
        by_service.insert(id, idx);
        for (net, tie) in ties {
            graph.add_edge(idx, net, Edge::ServiceNetwork(tie));
        }
    }
    let tasks: Vec<(NodeIndex, NodeIndex)> = graph
        .node_weights()
        .filter_map(Node::as_container)
        .filter_map(|c| {
            let &service = c.swarm_service_id().and_then(|id| by_service.get(id))?;
            Some((service, *by_id.get(&container_node_id(&c.id))?))
        })
        .collect();
    for (service, task) in tasks {
        graph.add_edge(service, task, Edge::Task);
    }
}

impl Topology {
    pub fn services(&self) -> impl Iterator<Item = &Service> {
        self.graph.node_weights().filter_map(Node::as_service)
    }

    /// The services in their one listing order (`Service::by_name`).
    pub fn services_by_name(&self) -> Vec<&Service> {
        let mut v: Vec<&Service> = self.services().collect();
        v.sort_by(|a, b| Service::by_name(a, b));
        v
    }

    pub fn service(&self, service_id: &str) -> Option<&Service> {
        self.node(&service_node_id(service_id)).and_then(Node::as_service)
    }

    /// The networks a service is attached to, with its virtual IP on each, by network name.
    pub fn service_networks(&self, service_id: &str) -> Vec<(&Network, &ServiceNetwork)> {
        let id = service_node_id(service_id);
        self.ties(&id, Direction::Outgoing, Node::as_network, Edge::as_service_network, Network::by_name)
    }

    /// The services attached to a network, with their virtual IPs there, by service name.
    pub fn services_on(&self, network_id: &str) -> Vec<(&Service, &ServiceNetwork)> {
        self.ties(
            &network_node_id(network_id),
            Direction::Incoming,
            Node::as_service,
            Edge::as_service_network,
            Service::by_name,
        )
    }

    /// The service's task containers on this node (tasks on other nodes have none here), by name.
    pub fn tasks_of(&self, service_id: &str) -> Vec<&Container> {
        self.containers_tied(&service_node_id(service_id), Direction::Outgoing, |e| matches!(e, Edge::Task))
    }

    /// The service a container is a task of, when this node's manager lists it.
    pub fn service_of(&self, container_id: &str) -> Option<&Service> {
        let &idx = self.by_id.get(&container_node_id(container_id))?;
        self.graph.edges_directed(idx, Direction::Incoming).find_map(|e| match (e.weight(), &self.graph[e.source()]) {
            (Edge::Task, Node::Service(s)) => Some(s),
            _ => None,
        })
    }

    /// The services as text, for `render`: mode, image, each network with the VIP, each task here.
    pub(super) fn render_services(&self, out: &mut String) {
        use std::fmt::Write;
        for s in self.services_by_name() {
            let _ = write!(out, "service {} [{}] {}", s.name, s.mode.describe(), s.image);
            for p in &s.ports {
                let published = p.published.map(|p| p.to_string()).unwrap_or_default();
                let _ = write!(out, " {published}:{}/{} {}", p.target, p.protocol, p.publish_mode);
            }
            out.push('\n');
            for (n, a) in self.service_networks(&s.id) {
                let _ = writeln!(out, "  on {} vip {}", n.name, a.virtual_ip.as_deref().unwrap_or("none"));
            }
            for c in self.tasks_of(&s.id) {
                let _ = writeln!(out, "  task {} [{}]", c.name, c.state.as_str());
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    pub(crate) use crate::fixtures::{service, swarm_demo};

    #[test]
    fn a_service_is_tied_to_its_networks_by_vip_and_to_its_tasks_on_this_node() {
        let t = Topology::from_snapshot(&swarm_demo());
        let nets: Vec<_> =
            t.service_networks("s-web").iter().map(|(n, a)| (n.name.as_str(), a.virtual_ip.as_deref())).collect();
        assert_eq!(nets, [("apps", Some("10.0.1.2/24")), ("ingress", Some("10.0.0.5/24"))]);
        assert_eq!(t.tasks_of("s-web").iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["web.1.x1"]);
        assert_eq!(t.service_of("c-web1").map(|s| s.name.as_str()), Some("web"));
        assert_eq!(t.service_of("c-api").map(|s| s.name.as_str()), None);
        assert_eq!(t.services_on("n-apps").len(), 1);
        assert!(t.service_networks("s-ghost").is_empty(), "a network this node does not list draws no edge");
        let mut ids: Vec<String> =
            t.edges().filter(|e| matches!(e.edge, Edge::ServiceNetwork(_) | Edge::Task)).map(|e| e.id()).collect();
        ids.sort();
        assert_eq!(ids, ["task:s-web:c-web1", "vip:s-web:n-apps", "vip:s-web:n-ingress"]);
    }

    #[test]
    fn services_render_with_mode_ports_vips_and_the_tasks_here() {
        let t = Topology::from_snapshot(&swarm_demo());
        let text = t.render();
        let services = &text[text.find("service ").unwrap_or(0)..];
        assert_eq!(
            services,
            "\
service ghost [replicated 2] netlens/busybox:latest
service web [replicated 2] netlens/busybox:latest 8080:80/tcp ingress
  on apps vip 10.0.1.2/24
  on ingress vip 10.0.0.5/24
  task web.1.x1 [running]
"
        );
    }

    #[test]
    fn a_filter_keeps_a_service_while_one_of_its_networks_or_tasks_shows_and_the_export_keeps_its_ties() {
        use crate::filter::ViewFilter;
        let t = Topology::from_snapshot(&swarm_demo());
        let only_bridges = ViewFilter { drivers: vec!["bridge".into()], ..ViewFilter::default() };
        let shown = only_bridges.visibility(&t);
        assert!(!shown.shows_node("service:s-web"), "its overlays and its task (on them) are hidden");
        assert!(shown.shows_node("service:s-ghost"), "nothing here to follow: shown, like a container on no network");
        let overlays = ViewFilter { drivers: vec!["overlay".into()], ..ViewFilter::default() };
        let shown = overlays.visibility(&t);
        assert!(shown.shows_node("service:s-web") && shown.shows_edge("vip:s-web:n-apps"));
        let kept = overlays.apply(&t);
        assert_eq!(kept.service_networks("s-web").len(), 2);
        assert_eq!(kept.tasks_of("s-web").len(), 1, "the task tie comes back from the container's label");
        assert!(kept.network("n-backend").is_none());
    }

    #[test]
    fn a_task_whose_service_is_not_listed_stays_a_plain_container() {
        // On a worker (or before the manager's list arrives) the label names a service nobody listed.
        let mut s = swarm_demo();
        s.services.clear();
        let t = Topology::from_snapshot(&s);
        assert!(t.container("c-web1").is_some());
        assert_eq!(t.service_of("c-web1").map(|s| s.id.clone()), None);
        assert_eq!(t.services().count(), 0);
    }
}
