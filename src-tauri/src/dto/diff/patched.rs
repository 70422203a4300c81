//! The diff a targeted re-read makes, worked out from what it changed (`Changed`) instead of from two whole
//! topologies: on 2,000 containers, building every node and edge again and comparing them all was half of
//! the time from a re-read to the UI, for a change of one line.
//!
//! Exact by what each item is a function of (`dto/topology.rs`): a network or container node of its own
//! network or container and its position; an endpoint line of its network and container (the endpoint is
//! the container's); a reach line of its network (`reach::reaches` takes the network alone). Those the
//! patch did not touch are unchanged but for a move, which is checked for every node. Stack, service and
//! task lines and service nodes depend on more, and are few: they are always built and compared. Should the
//! counts not add up, the whole comparison is made instead.

use std::collections::HashSet;

use netlens_core::events::Changed;
use netlens_core::layout::Layout;
use netlens_core::topology::{container_node_id, network_node_id, Edge, Node, Topology, EXTERNAL_ID, HOST_ID};

use super::super::topology::{edge, node, position};
use super::super::{EdgeDto, EdgeKind, NodeDto, NodeKind, TopologyDto};
use super::TopologyDiffDto;

impl TopologyDiffDto {
    /// The diff from `prev` to `t` laid out by `layout`, where `t` is built from `prev`'s snapshot with a
    /// patch that changed `changed`: equal to `between(prev, &TopologyDto::build(revision, t, layout))`.
    pub fn patched(prev: &TopologyDto, t: &Topology, layout: &Layout, changed: &Changed, revision: u32) -> Self {
        built_from_changes(prev, t, layout, changed, revision)
            .unwrap_or_else(|| Self::between(prev, &TopologyDto::build(revision, t, layout)))
    }

    /// The diff from `prev` to `t` laid out by `layout`, where `t` differs from `prev`'s topology in container
    /// `id` alone and the layout moved nothing else (`View`'s one-container path): its node and its lines
    /// built and compared, `before` being its lines' IDs as `prev` has them. Equal to `patched` for such a
    /// change, without walking the other thousands of nodes and lines (a live change on a busy engine walks
    /// them with caches cold: ~3.5 ms). `None` when the counts do not add up: then `patched`.
    pub fn one_container(
        prev: &TopologyDto,
        t: &Topology,
        layout: &Layout,
        id: &str,
        before: &[String],
        revision: u32,
    ) -> Option<Self> {
        let mut diff = TopologyDiffDto::nothing(prev, revision);
        let key = container_node_id(id);
        let n = node(t.node(&key)?, t, layout);
        if find(&prev.nodes, &key, |x| &x.id)? != &n {
            diff.upsert_nodes.push(n);
        }
        let mut added = 0;
        let mut built = HashSet::new();
        for e in t.edges_at(&key) {
            if rebuilt(edge(e), |x| &x.id, &prev.edges, &mut built, &mut diff.upsert_edges) {
                added += 1;
            }
        }
        for old in before {
            if !built.contains(old) && find(&prev.edges, old, |x| &x.id).is_some() {
                diff.remove_edges.push(old.clone());
            }
        }
        let (nodes, edges) = t.size();
        if nodes != prev.nodes.len() || edges != prev.edges.len() + added - diff.remove_edges.len() {
            return None;
        }
        diff.upsert_edges.sort_by(|a, b| a.id.cmp(&b.id));
        diff.remove_edges.sort();
        Some(diff)
    }
}

/// `patched` from the touched items alone; `None` when the counts do not add up (a dependency this module
/// does not know of), and the whole comparison must be made.
fn built_from_changes(
    prev: &TopologyDto,
    t: &Topology,
    layout: &Layout,
    changed: &Changed,
    revision: u32,
) -> Option<TopologyDiffDto> {
    let mut diff = TopologyDiffDto::nothing(prev, revision);
    let (mut added_nodes, mut added_edges) = (0, 0);
    let touched = Touched::of(changed);

    let mut built = HashSet::new();
    for n in t.nodes() {
        let build = match n {
            Node::Container(c) => changed.containers.contains(&c.id),
            Node::Network(x) => changed.networks.contains(&x.id),
            Node::Service(_) => true,
            Node::Host => find(&prev.nodes, HOST_ID, |x| &x.id).is_none(),
            Node::External => find(&prev.nodes, EXTERNAL_ID, |x| &x.id).is_none(),
        };
        if build && rebuilt(node(n, t, layout), |x| &x.id, &prev.nodes, &mut built, &mut diff.upsert_nodes) {
            added_nodes += 1;
        }
    }
    for old in &prev.nodes {
        if built.contains(&old.id) {
            continue;
        }
        if touched.node(old) {
            diff.remove_nodes.push(old.id.clone());
            continue;
        }
        let (x, y) = position(layout, &old.id);
        if (old.x, old.y) != (x, y) {
            diff.upsert_nodes.push(NodeDto { x, y, ..old.clone() });
        }
    }

    let mut built = HashSet::new();
    for e in t.edges() {
        let build = match (e.edge, e.id_source, e.id_target) {
            (Edge::Endpoint(_), Node::Network(n), Node::Container(c)) => {
                changed.networks.contains(&n.id) || changed.containers.contains(&c.id)
            }
            (Edge::Reach(_), Node::Network(n), _) => changed.networks.contains(&n.id),
            _ => true,
        };
        if build && rebuilt(edge(e), |x| &x.id, &prev.edges, &mut built, &mut diff.upsert_edges) {
            added_edges += 1;
        }
    }
    for old in &prev.edges {
        if !built.contains(&old.id) && touched.edge(old) {
            diff.remove_edges.push(old.id.clone());
        }
    }

    let nodes = prev.nodes.len() + added_nodes - diff.remove_nodes.len();
    let edges = prev.edges.len() + added_edges - diff.remove_edges.len();
    if nodes != t.nodes().count() || edges != t.edges().count() {
        return None;
    }
    diff.upsert_nodes.sort_by(|a, b| a.id.cmp(&b.id));
    diff.upsert_edges.sort_by(|a, b| a.id.cmp(&b.id));
    Some(diff)
}

/// The node IDs of what the patch changed, to recognise the nodes and lines the UI holds that `patched`
/// builds again (or finds gone).
struct Touched {
    networks: HashSet<String>,
    containers: HashSet<String>,
}

impl Touched {
    fn of(changed: &Changed) -> Self {
        Self {
            networks: changed.networks.iter().map(|id| network_node_id(id)).collect(),
            containers: changed.containers.iter().map(|id| container_node_id(id)).collect(),
        }
    }

    fn node(&self, n: &NodeDto) -> bool {
        match n.kind {
            NodeKind::Container => self.containers.contains(&n.id),
            NodeKind::Network => self.networks.contains(&n.id),
            // Rust never sends a project node (the UI makes them); were one held, it is built again.
            NodeKind::Service | NodeKind::Project => true,
            NodeKind::Host | NodeKind::External => false,
        }
    }

    fn edge(&self, e: &EdgeDto) -> bool {
        match e.kind {
            EdgeKind::Endpoint => self.networks.contains(&e.source) || self.containers.contains(&e.target),
            EdgeKind::Reach => self.networks.contains(&e.source),
            EdgeKind::Stack | EdgeKind::ServiceNetwork | EdgeKind::Task => true,
        }
    }
}

/// Records an item built again against the one the UI holds (`prev`, sorted by ID): upserted when it is new
/// or differs; true when the UI held none of its ID.
fn rebuilt<T: PartialEq>(
    new: T,
    id_of: impl Fn(&T) -> &String,
    prev: &[T],
    built: &mut HashSet<String>,
    upserts: &mut Vec<T>,
) -> bool {
    let old = find(prev, id_of(&new), &id_of);
    built.insert(id_of(&new).clone());
    let added = old.is_none();
    if old != Some(&new) {
        upserts.push(new);
    }
    added
}

/// The item with ID `id` in a list sorted by ID.
fn find<'a, T>(items: &'a [T], id: &str, id_of: impl Fn(&T) -> &String) -> Option<&'a T> {
    items.binary_search_by(|x| id_of(x).as_str().cmp(id)).ok().map(|i| &items[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlens_core::events::{Patch, Rereads};
    use netlens_core::fixtures::demo;
    use netlens_core::model::{Container, Network, Snapshot};

    fn dto(revision: u32, snap: &Snapshot, layout: &Layout) -> (TopologyDto, Layout) {
        let t = Topology::from_snapshot(snap);
        let layout = layout.update(&t);
        (TopologyDto::build(revision, &t, &layout), layout)
    }

    /// A named case: a snapshot, what was re-read and the engine's answer.
    type Case = (&'static str, netlens_core::model::Snapshot, Rereads, Vec<Network>, Vec<Container>);

    fn patches() -> Vec<Case> {
        use netlens_core::fixtures::{container, demo_one_container_changes, endpoint, network, swarm_demo};
        use netlens_core::model::ContainerState;
        let snap = demo();
        let net = |name: &str| snap.networks.iter().find(|n| n.name == name).cloned().unwrap();
        let ctr = |name: &str| snap.containers.iter().find(|c| c.name == name).cloned().unwrap();
        let asked = |c: &[&str], n: &[&str]| Rereads {
            containers: c.iter().map(|s| s.to_string()).collect(),
            networks: n.iter().map(|s| s.to_string()).collect(),
            ..Rereads::default()
        };
        let mut renamed = ctr("printer");
        renamed.name = "aaa-printer".into();
        let fresh = container(
            "c-new",
            "new",
            ContainerState::Running,
            "backend",
            vec![endpoint(&net("backend"), Some("10.214.10.99"))],
        );
        let mut backend = net("backend");
        backend.name = "backend-renamed".into();
        let scratch = network("n-scratch", "scratch", "bridge", Some("10.98.0.0/24"));
        let mut internal = net("frontend");
        internal.internal = true;
        let services = Rereads { services: true, ..Rereads::default() };
        let mut cases: Vec<Case> =
            vec![("nothing changed", snap.clone(), asked(&["c-db"], &[]), vec![], vec![ctr("db")])];
        for (case, c) in demo_one_container_changes() {
            cases.push((case, snap.clone(), asked(&[c.id.as_str()], &[]), vec![], vec![c]));
        }
        cases.extend([
            ("a rename", snap.clone(), asked(&["c-printer"], &[]), vec![], vec![renamed]),
            ("a new container", snap.clone(), asked(&["c-new"], &[]), vec![], vec![fresh]),
            ("a removed container", snap.clone(), asked(&["c-gateway"], &[]), vec![], vec![]),
            ("a renamed network", snap.clone(), asked(&[], &["n-backend"]), vec![backend], vec![]),
            ("a network made internal", snap.clone(), asked(&[], &["n-frontend"]), vec![internal], vec![]),
            ("a new network", snap.clone(), asked(&[], &["n-scratch"]), vec![scratch], vec![]),
            ("a removed network", snap.clone(), asked(&[], &["n-vault"]), vec![], vec![]),
            ("the services gone", swarm_demo(), services, vec![], vec![]),
        ]);
        cases
    }

    #[test]
    fn the_diff_of_a_patch_built_from_what_it_changed_equals_the_diff_of_two_whole_topologies() {
        for (case, before, asked, networks, containers) in patches() {
            let (prev, layout) = dto(1, &before, &Layout::default());
            let mut after = before.clone();
            let mut patch = Patch::from_reads(&asked, networks, containers);
            if asked.services {
                patch.services = Some(vec![]);
            }
            let changed = after.apply(&patch);
            let t = Topology::from_snapshot(&after);
            let layout = layout.update(&t);
            let whole = TopologyDto::build(2, &t, &layout);
            let expected = TopologyDiffDto::between(&prev, &whole);
            let diff = built_from_changes(&prev, &t, &layout, &changed, 2);
            let diff = diff.unwrap_or_else(|| panic!("{case}: the counts did not add up"));
            assert_eq!(diff, expected, "{case}");
            assert_eq!(diff.apply_to(&prev), whole, "{case}");
            assert_eq!(diff.is_empty(), case == "nothing changed", "{case}: {diff:?}");
        }
    }

    #[test]
    fn one_containers_diff_built_from_its_node_and_lines_equals_the_whole_comparison() {
        for (case, before, asked, _, containers) in patches() {
            if !matches!(case, "a connect" | "a disconnect" | "a stop" | "nothing changed") {
                continue;
            }
            let (prev, layout) = dto(1, &before, &Layout::default());
            let mut t = Topology::from_snapshot(&before);
            let id = asked.containers.iter().next().unwrap().clone();
            let lines: Vec<String> = t.edges_at(&container_node_id(&id)).iter().map(|e| e.id()).collect();
            assert!(t.replace_container(&containers[0]), "{case}");
            let mut moved = layout.clone();
            assert!(moved.update_one_container(&t, &id), "{case}");
            let whole = TopologyDto::build(2, &t, &moved);
            let expected = TopologyDiffDto::between(&prev, &whole);
            let diff = TopologyDiffDto::one_container(&prev, &t, &moved, &id, &lines, 2);
            assert_eq!(diff.as_ref(), Some(&expected), "{case}");
        }
    }
}
