//! What the window shows (`View`): the engine's status, the snapshot as last read, the topology planned
//! against and the DTO the UI holds, and how each live update changes them: a full read goes out whole, a
//! patch as a diff on the revision the UI holds. Plain data behind `AppState`'s view lock; it must not wait
//! on anything.

use crate::dto::diff::TopologyDiffDto;
use crate::dto::{EngineState, EngineStatusDto, TopologyDto};
use netlens_core::events::Changed;
use netlens_core::layout::Layout;
use netlens_core::model::Snapshot;
use netlens_core::topology::{container_node_id, Topology};
use netlens_engine::events::LiveUpdate;
use netlens_engine::Engine;

use super::LiveConfig;

/// What the window shows; replaced as a whole on every live update.
#[derive(Debug)]
pub struct View {
    pub status: EngineStatusDto,
    pub topology: Option<TopologyDto>,
    /// The engine's state as last read, patched by targeted re-reads between full snapshots.
    snapshot: Option<Snapshot>,
    /// The topology the DTO was built from: operations are planned against it.
    pub model: Option<Topology>,
    /// The engine while it answers; `None` while connecting or unreachable.
    pub engine: Option<Engine>,
    layout: Layout,
    revision: u32,
}

impl View {
    pub fn new(config: &LiveConfig) -> Self {
        Self {
            status: EngineStatusDto {
                state: EngineState::Connecting,
                context: config.target.context.clone(),
                endpoint: config.target.host.clone(),
                source: config.target.source.into(),
                engine_version: None,
                api_version: None,
                sandbox: config.sandbox,
                sandbox_reason: config.sandbox_reason.clone(),
                message: None,
                retry_in_seconds: None,
                limits: vec![],
            },
            topology: None,
            snapshot: None,
            model: None,
            engine: None,
            layout: Layout::default(),
            revision: 0,
        }
    }

    /// Starts over on another engine (`engines` switches): nothing of the old engine's view is kept but the
    /// revision count, which goes on so the UI never takes the new engine's first topology for an old one.
    /// `layout` is the new engine's own from an earlier visit; the old engine's is handed back to be kept.
    pub fn start_over(&mut self, config: &LiveConfig, layout: Layout) -> Layout {
        let revision = self.revision;
        let old = std::mem::replace(self, View::new(config));
        self.revision = revision;
        self.layout = layout;
        old.layout
    }

    /// The revision of the topology the UI was last given.
    pub fn revision(&self) -> u32 {
        self.revision
    }

    /// The next network named `name` appears at `at` (layout coordinates), e.g. where the person right-clicked.
    pub fn pin_network(&mut self, name: &str, at: (f64, f64)) {
        self.layout.pin_network(name, at);
    }

    /// Applies one live update; returns what the UI must be told: the first topology whole, every later one
    /// (a patch or a full re-read alike) as the diff from the topology the UI last got, and nothing at all when
    /// nothing drawn changed.
    pub fn apply(&mut self, update: &LiveUpdate) -> (Option<EngineStatusDto>, Option<TopologyUpdate>) {
        match update {
            LiveUpdate::Snapshot(snapshot) => {
                // The same engine read again (the ten-second re-read of a quiet engine): nothing to rebuild.
                if self.topology.is_some() && self.snapshot.as_ref() == Some(snapshot) {
                    return (None, None);
                }
                let sent = self.publish(snapshot);
                self.snapshot = Some(snapshot.clone());
                return (None, sent);
            }
            LiveUpdate::Patch(patch) => {
                let Some(mut snapshot) = self.snapshot.take() else { return (None, None) };
                // Most patches are rechecks that find what was already read: rebuilding the topology for
                // them would cost a big engine tens of milliseconds and hold up the patch after, which may
                // carry the change.
                let changed = snapshot.apply(patch);
                let sent = if changed.is_empty() { None } else { self.publish_patch(&snapshot, &changed) };
                self.snapshot = Some(snapshot);
                return (None, sent);
            }
            LiveUpdate::Connected(engine) => self.engine = Some((**engine).clone()),
            LiveUpdate::Connecting | LiveUpdate::Unreachable { .. } => self.engine = None,
        }
        let status = crate::status::after(&self.status, update);
        if let Some(s) = &status {
            self.status = s.clone();
        }
        (status, None)
    }

    /// The topology `snapshot` makes, as the UI must get it. Whole while the UI holds none (the first read,
    /// or after `start_over`); else the diff from what it holds, so that the full re-read every ten seconds
    /// (engine/src/events.rs) costs a busy engine's window nothing when nothing changed.
    fn publish(&mut self, snapshot: &Snapshot) -> Option<TopologyUpdate> {
        let next = self.rebuild(snapshot);
        let Some(prev) = self.topology.take() else {
            self.topology = Some(next.clone());
            return Some(TopologyUpdate::Full(next));
        };
        let diff = TopologyDiffDto::between(&prev, &next);
        if diff.is_empty() {
            // Nothing drawn changed: keep the revision the UI holds, so its next diff still applies.
            self.revision -= 1;
            self.topology = Some(prev);
            return None;
        }
        self.topology = Some(next);
        Some(TopologyUpdate::Diff(diff))
    }

    /// The diff a patch that changed `changed` makes on the topology the UI holds, worked out from what
    /// changed (`TopologyDiffDto::patched`) rather than from a whole new topology; whole while the UI holds
    /// none.
    fn publish_patch(&mut self, snapshot: &Snapshot, changed: &Changed) -> Option<TopologyUpdate> {
        let Some(mut shown) = self.topology.take() else { return self.publish(snapshot) };
        let revision = self.revision + 1;
        let (topology, diff) = match self.one_container_changed(snapshot, changed) {
            Some(InPlace { topology, container, before, alone }) => {
                // Only when nothing else moved are the container's node and lines all that can differ.
                let one = alone.then(|| {
                    TopologyDiffDto::one_container(&shown, &topology, &self.layout, &container, &before, revision)
                });
                let diff = one
                    .flatten()
                    .unwrap_or_else(|| TopologyDiffDto::patched(&shown, &topology, &self.layout, changed, revision));
                (topology, diff)
            }
            None => {
                let topology = Topology::from_snapshot(snapshot);
                self.layout = self.layout.update(&topology);
                let diff = TopologyDiffDto::patched(&shown, &topology, &self.layout, changed, revision);
                (topology, diff)
            }
        };
        self.model = Some(topology);
        if diff.is_empty() {
            self.topology = Some(shown);
            return None;
        }
        self.revision += 1;
        diff.apply(&mut shown);
        self.topology = Some(shown);
        Some(TopologyUpdate::Diff(diff))
    }

    /// The topology and layout after a patch that changed one container and nothing else (a CLI connect,
    /// disconnect, start or stop), made from the ones the UI's topology was made from by changing that
    /// container alone: on a busy engine the whole build and layout took 10-13 ms of the ~20 between the
    /// engine's event and the diff leaving for the UI. `None`, with the model and layout as they were,
    /// when the patch changed more or the change could reach further (`Topology::replace_container`,
    /// `Layout::update_one_container` say when): the caller builds both whole.
    fn one_container_changed(&mut self, snapshot: &Snapshot, changed: &Changed) -> Option<InPlace> {
        let [id] = changed.containers.iter().collect::<Vec<_>>()[..] else { return None };
        if !changed.networks.is_empty() || changed.services {
            return None;
        }
        let container = snapshot.containers.iter().find(|c| &c.id == id)?;
        let mut topology = self.model.take_if(|t| t.container(id).is_some())?;
        let before = topology.edges_at(&container_node_id(id)).iter().map(|e| e.id()).collect();
        if !topology.replace_container(container) {
            self.model = Some(topology);
            return None;
        }
        let alone = self.layout.update_one_container(&topology, id);
        if !alone {
            self.layout = self.layout.update(&topology);
        }
        Some(InPlace { topology, container: id.clone(), before, alone })
    }

    /// The next numbered topology from a snapshot: laid out incrementally, kept for planning.
    fn rebuild(&mut self, snapshot: &Snapshot) -> TopologyDto {
        let topology = Topology::from_snapshot(snapshot);
        self.layout = self.layout.update(&topology);
        self.revision += 1;
        let dto = TopologyDto::build(self.revision, &topology, &self.layout);
        self.model = Some(topology);
        dto
    }
}

/// A topology changed in place for one container (`View::one_container_changed`): with the container's
/// ID, the IDs of its lines before, and whether the layout moved it alone (else the whole layout pass ran,
/// which may have moved others too).
struct InPlace {
    topology: Topology,
    container: String,
    before: Vec<String>,
    alone: bool,
}

/// How a new topology reaches the UI.
#[derive(Debug, Clone, PartialEq)]
pub enum TopologyUpdate {
    Full(TopologyDto),
    Diff(TopologyDiffDto),
}

impl TopologyUpdate {
    pub fn revision(&self) -> u32 {
        match self {
            Self::Full(t) => t.revision,
            Self::Diff(d) => d.revision,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::config;
    use super::*;
    use netlens_core::fixtures::demo;

    #[test]
    fn view_turns_snapshots_into_numbered_topologies() {
        let mut view = View::new(&config());
        let (_, first) = view.apply(&LiveUpdate::Snapshot(demo()));
        let Some(TopologyUpdate::Full(first)) = first else { panic!("the first snapshot goes whole") };
        assert_eq!(first.revision, 1);
        assert_eq!(view.topology.as_ref().unwrap().nodes.len(), first.nodes.len());
        assert!(view.model.is_some(), "operations plan against the same snapshot");
    }

    #[test]
    fn a_full_re_read_goes_to_the_ui_as_a_diff_and_not_at_all_when_nothing_changed() {
        let mut view = View::new(&config());
        view.apply(&LiveUpdate::Snapshot(demo()));
        let (_, same) = view.apply(&LiveUpdate::Snapshot(demo()));
        assert_eq!(same, None, "the ten-second re-read of an unchanged engine sends nothing");
        assert_eq!(view.topology.as_ref().map(|t| t.revision), Some(1));
        let mut fewer = demo();
        fewer.containers.retain(|c| c.id != "c-gateway");
        let (_, update) = view.apply(&LiveUpdate::Snapshot(fewer));
        let Some(TopologyUpdate::Diff(diff)) = update else { panic!("a later snapshot goes as a diff: {update:?}") };
        assert_eq!((diff.base_revision, diff.revision), (1, 2));
        assert_eq!(diff.remove_nodes, ["container:c-gateway"]);
        view.start_over(&config(), Layout::default());
        let (_, again) = view.apply(&LiveUpdate::Snapshot(demo()));
        assert!(matches!(again, Some(TopologyUpdate::Full(_))), "after start_over the UI holds nothing: whole");
    }

    #[test]
    fn a_patch_goes_to_the_ui_as_a_diff_on_the_revision_it_holds() {
        use netlens_core::events::{Patch, Rereads};
        let mut view = View::new(&config());
        view.apply(&LiveUpdate::Snapshot(demo()));
        let asked = Rereads { containers: ["c-gateway".to_string()].into_iter().collect(), ..Rereads::default() };
        let (_, update) = view.apply(&LiveUpdate::Patch(Patch::from_reads(&asked, vec![], vec![])));
        let Some(TopologyUpdate::Diff(diff)) = update else { panic!("a patch goes as a diff: {update:?}") };
        assert_eq!((diff.base_revision, diff.revision), (1, 2));
        assert_eq!(diff.remove_nodes, ["container:c-gateway"]);
        assert!(view.model.as_ref().is_some_and(|t| t.container("c-gateway").is_none()), "planning sees it too");
    }

    #[test]
    fn a_patch_that_changes_nothing_drawn_keeps_the_revision() {
        use netlens_core::events::{Patch, Rereads};
        let mut view = View::new(&config());
        view.apply(&LiveUpdate::Snapshot(demo()));
        let api = demo().containers.into_iter().find(|c| c.name == "api").unwrap();
        let asked = Rereads { containers: [api.id.clone()].into_iter().collect(), ..Rereads::default() };
        let (_, update) = view.apply(&LiveUpdate::Patch(Patch::from_reads(&asked, vec![], vec![api])));
        assert_eq!(update, None);
        assert_eq!(view.topology.as_ref().map(|t| t.revision), Some(1));
    }

    #[test]
    fn a_second_network_joined_and_left_comes_and_goes_as_an_edge() {
        use netlens_core::events::{Patch, Rereads};
        let mut view = View::new(&config());
        let snap = demo();
        view.apply(&LiveUpdate::Snapshot(snap.clone()));
        let db = snap.containers.iter().find(|c| c.name == "db").cloned().unwrap();
        let vault = snap.networks.iter().find(|n| n.name == "vault").cloned().unwrap();
        let mut joined = db.clone();
        joined.endpoints.push(netlens_core::fixtures::endpoint(&vault, Some("10.214.20.7")));
        let asked = Rereads { containers: [db.id.clone()].into_iter().collect(), ..Rereads::default() };
        let edge = format!("endpoint:{}:{}", vault.id, db.id);
        // A stale read, the connect, its recheck, the disconnect, its recheck: one edge comes and goes.
        let reads = [db.clone(), joined.clone(), joined, db.clone(), db];
        let mut seen = Vec::new();
        for c in reads {
            let (_, update) = view.apply(&LiveUpdate::Patch(Patch::from_reads(&asked, vec![], vec![c])));
            if let Some(TopologyUpdate::Diff(d)) = update {
                let added = d.upsert_edges.iter().any(|e| e.id == edge);
                let removed = d.remove_edges.contains(&edge);
                seen.push((d.base_revision, d.revision, added, removed));
            }
        }
        assert_eq!(seen, [(1, 2, true, false), (2, 3, false, true)], "{seen:?}");
        assert!(view.topology.as_ref().is_some_and(|t| t.edges.iter().all(|e| e.id != edge)));
    }

    #[test]
    fn one_containers_patch_changed_in_place_sends_what_a_whole_read_of_it_sends() {
        use netlens_core::events::{Patch, Rereads};
        let snap = demo();
        let mut renamed = snap.containers.iter().find(|c| c.name == "db").cloned().unwrap();
        renamed.name = "db-2".into();
        let mut cases = netlens_core::fixtures::demo_one_container_changes();
        cases.push(("a rename", renamed));
        for (_, c) in cases {
            let (mut patched, mut whole) = (View::new(&config()), View::new(&config()));
            patched.apply(&LiveUpdate::Snapshot(snap.clone()));
            whole.apply(&LiveUpdate::Snapshot(snap.clone()));
            let asked = Rereads { containers: [c.id.clone()].into_iter().collect(), ..Rereads::default() };
            let (_, by_patch) = patched.apply(&LiveUpdate::Patch(Patch::from_reads(&asked, vec![], vec![c.clone()])));
            let mut after = snap.clone();
            after.containers.retain(|x| x.id != c.id);
            after.containers.push(c.clone());
            after.containers.sort_by(netlens_core::model::Container::by_name);
            let (_, by_read) = whole.apply(&LiveUpdate::Snapshot(after));
            assert_eq!(by_patch, by_read, "{}", c.name);
            assert_eq!(patched.topology, whole.topology, "{}", c.name);
            let model = |v: &View| v.model.as_ref().map(|t| TopologyDto::build(0, t, &v.layout));
            assert_eq!(model(&patched), model(&whole), "{}: planning sees the same", c.name);
        }
    }
}
