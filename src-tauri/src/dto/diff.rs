//! The change between two topologies the UI has seen, keyed by node and edge ID, so a live update sends
//! (and the UI redraws) only what changed.
//!
//! Owns the diff's shape, how it is computed (from two `TopologyDto`s, or from what a targeted re-read
//! changed: `patched`) and how it is applied to the topology Rust keeps. It must not decide when to send a
//! diff rather than the whole topology: `state` does.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use specta::Type;

use super::{EdgeDto, NodeDto, TopologyDto};

mod patched;

/// What changed from `baseRevision` to `revision`. The UI applies it only on top of `baseRevision`; when
/// it holds another revision it asks for the whole topology instead (a full resync).
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TopologyDiffDto {
    pub base_revision: u32,
    pub revision: u32,
    /// Nodes that are new or changed (moved, renamed, restarted…), whole.
    pub upsert_nodes: Vec<NodeDto>,
    pub remove_nodes: Vec<String>,
    pub upsert_edges: Vec<EdgeDto>,
    pub remove_edges: Vec<String>,
}

impl TopologyDiffDto {
    pub fn between(prev: &TopologyDto, next: &TopologyDto) -> Self {
        let (upsert_nodes, remove_nodes) = changes(&prev.nodes, &next.nodes, |n| &n.id);
        let (upsert_edges, remove_edges) = changes(&prev.edges, &next.edges, |e| &e.id);
        Self {
            base_revision: prev.revision,
            revision: next.revision,
            upsert_nodes,
            remove_nodes,
            upsert_edges,
            remove_edges,
        }
    }

    /// No change yet, from `prev`'s revision to `revision`: what the diffs built item by item start from.
    pub fn nothing(prev: &TopologyDto, revision: u32) -> Self {
        Self {
            base_revision: prev.revision,
            revision,
            upsert_nodes: vec![],
            remove_nodes: vec![],
            upsert_edges: vec![],
            remove_edges: vec![],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.upsert_nodes.is_empty()
            && self.remove_nodes.is_empty()
            && self.upsert_edges.is_empty()
            && self.remove_edges.is_empty()
    }

    /// Applies the diff to `topology`, the one it was made from: what the UI does with it, kept sorted by ID
    /// as `TopologyDto::build` sorts, so the result is exactly the next topology.
    pub fn apply(&self, topology: &mut TopologyDto) {
        topology.revision = self.revision;
        merge(&mut topology.nodes, &self.upsert_nodes, &self.remove_nodes, |n| &n.id);
        merge(&mut topology.edges, &self.upsert_edges, &self.remove_edges, |e| &e.id);
    }

    /// `prev` with this diff applied.
    #[cfg(test)]
    pub fn apply_to(&self, prev: &TopologyDto) -> TopologyDto {
        let mut next = prev.clone();
        self.apply(&mut next);
        next
    }
}

/// A list sorted by ID with `remove` taken out and `upsert` put in its place.
fn merge<T: Clone>(items: &mut Vec<T>, upsert: &[T], remove: &[String], id_of: impl Fn(&T) -> &String) {
    if !remove.is_empty() {
        let gone: HashSet<&String> = remove.iter().collect();
        items.retain(|x| !gone.contains(id_of(x)));
    }
    for x in upsert {
        match items.binary_search_by(|y| id_of(y).cmp(id_of(x))) {
            Ok(i) => items[i] = x.clone(),
            Err(i) => items.insert(i, x.clone()),
        }
    }
}

fn changes<T: Clone + PartialEq>(prev: &[T], next: &[T], id: impl Fn(&T) -> &String) -> (Vec<T>, Vec<String>) {
    let before: BTreeMap<&String, &T> = prev.iter().map(|x| (id(x), x)).collect();
    let after: BTreeMap<&String, &T> = next.iter().map(|x| (id(x), x)).collect();
    let upsert = next.iter().filter(|x| before.get(id(x)).map_or(true, |old| *old != *x)).cloned().collect();
    let remove = prev.iter().map(&id).filter(|k| !after.contains_key(k)).cloned().collect();
    (upsert, remove)
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlens_core::events::{Patch, Rereads};
    use netlens_core::fixtures::demo;
    use netlens_core::layout::Layout;
    use netlens_core::topology::Topology;

    fn dto(revision: u32, snap: &netlens_core::model::Snapshot, layout: &Layout) -> (TopologyDto, Layout) {
        let t = Topology::from_snapshot(snap);
        let layout = layout.update(&t);
        (TopologyDto::build(revision, &t, &layout), layout)
    }

    #[test]
    fn a_connect_sends_one_node_and_one_edge_and_applying_it_gives_the_next_topology() {
        let before = demo();
        let (prev, layout) = dto(1, &before, &Layout::default());
        let mut after = before.clone();
        let vault = after.networks.iter().find(|n| n.name == "vault").cloned().unwrap();
        let db = after.containers.iter_mut().find(|c| c.name == "db").unwrap();
        db.endpoints.push(netlens_core::fixtures::endpoint(&vault, Some("10.214.20.7")));
        let (next, _) = dto(2, &after, &layout);
        let diff = TopologyDiffDto::between(&prev, &next);
        assert_eq!(diff.upsert_edges.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["endpoint:n-vault:c-db"]);
        assert_eq!(diff.upsert_nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), ["container:c-db"]);
        assert!(diff.remove_nodes.is_empty() && diff.remove_edges.is_empty());
        assert_eq!(diff.apply_to(&prev), next);
    }

    #[test]
    fn a_removed_container_takes_its_edges_with_it() {
        let before = demo();
        let (prev, layout) = dto(1, &before, &Layout::default());
        let mut after = before.clone();
        let asked = Rereads { containers: ["c-gateway".to_string()].into_iter().collect(), ..Rereads::default() };
        after.apply(&Patch::from_reads(&asked, vec![], vec![]));
        let (next, _) = dto(2, &after, &layout);
        let diff = TopologyDiffDto::between(&prev, &next);
        assert_eq!(diff.remove_nodes, ["container:c-gateway"]);
        assert_eq!(diff.remove_edges.len(), 3, "{:?}", diff.remove_edges);
        assert_eq!(diff.apply_to(&prev), next);
    }

    #[test]
    fn the_same_topology_gives_an_empty_diff() {
        let (prev, layout) = dto(1, &demo(), &Layout::default());
        let (next, _) = dto(2, &demo(), &layout);
        let diff = TopologyDiffDto::between(&prev, &next);
        assert!(diff.is_empty(), "{diff:?}");
        assert_eq!((diff.base_revision, diff.revision), (1, 2));
    }
}
