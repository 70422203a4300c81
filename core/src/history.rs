//! The undo history of every change made by hand: endpoint connects and disconnects, network creates, and
//! network removes (one by one, several at once, or a prune).
//!
//! Owns what was done, in which order, what undo and redo would do, and the visible list. It must not run
//! anything: the workbenches run the candidates and mark them only once the engine accepted them, so a
//! failed undo leaves the history as it was.

use crate::endpoints::{inverse, Operation};
use crate::networks::{create_command, NetworkSpec, Recreate};

/// How many entries the history keeps; the oldest fall off first.
pub const HISTORY_LIMIT: usize = 100;

/// One change made by hand, with what is needed to take it back exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Endpoint(Operation),
    /// Undone by removing the network again (refused once containers joined it).
    CreateNetwork {
        spec: NetworkSpec,
        network_id: String,
    },
    /// Undone by re-creating each network and reconnecting its containers as they were.
    RemoveNetworks(Vec<Recreate>),
}

impl Change {
    /// "Connect api to backend", "Create network shop", "Remove networks a, b".
    pub fn describe(&self) -> String {
        match self {
            Self::Endpoint(op) => op.describe(),
            Self::CreateNetwork { spec, .. } => format!("Create network {}", spec.name),
            Self::RemoveNetworks(removed) => networks_phrase("Remove", removed),
        }
    }

    /// What undo would do, for the toolbar's tooltip.
    pub fn undo_describe(&self) -> String {
        match self {
            Self::Endpoint(op) => inverse(op).describe(),
            Self::CreateNetwork { spec, .. } => format!("Remove network {}", spec.name),
            Self::RemoveNetworks(removed) => networks_phrase("Re-create", removed),
        }
    }

    /// The docker CLI lines that did the same, one per line.
    pub fn command(&self) -> String {
        match self {
            Self::Endpoint(op) => op.command(),
            Self::CreateNetwork { spec, .. } => create_command(spec),
            Self::RemoveNetworks(removed) => {
                let disconnects = removed.iter().flat_map(|r| {
                    r.reconnect_ops(&r.old_id).into_iter().map(|op| inverse(&op).command()).collect::<Vec<_>>()
                });
                let rm = crate::networks::rm_command(&removed.iter().map(|r| r.spec.name.as_str()).collect::<Vec<_>>());
                disconnects.chain(std::iter::once(rm)).collect::<Vec<_>>().join("\n")
            }
        }
    }

    /// A network got a new ID (re-created by an undo): older entries must find it under the new one.
    fn rename_network(&mut self, old: &str, new: &str) {
        match self {
            Self::Endpoint(Operation::Connect { endpoint, .. } | Operation::Disconnect { endpoint, .. })
                if endpoint.network_id == old =>
            {
                endpoint.network_id = new.to_string()
            }
            Self::CreateNetwork { network_id, .. } if network_id == old => *network_id = new.to_string(),
            Self::RemoveNetworks(removed) => {
                for r in removed.iter_mut().filter(|r| r.old_id == old) {
                    r.old_id = new.to_string();
                }
            }
            _ => {}
        }
    }
}

/// "Remove network a", "Re-create networks a, b".
fn networks_phrase(verb: &str, removed: &[Recreate]) -> String {
    let names = removed.iter().map(|r| r.spec.name.as_str()).collect::<Vec<_>>().join(", ");
    match removed {
        [_] => format!("{verb} network {names}"),
        _ => format!("{verb} networks {names}"),
    }
}

/// Moves the newest entry of `from` onto `to`; false when `from` is empty.
fn move_newest(from: &mut Vec<Entry>, to: &mut Vec<Entry>) -> bool {
    from.pop().map(|e| to.push(e)).is_some()
}

/// One recorded change and when it was done (RFC 3339, as given by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub change: Change,
    pub when: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub enum EntryState {
    Done,
    Undone,
}

impl EntryState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Undone => "undone",
        }
    }
}

/// One line of the visible history.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub struct EntryView {
    /// "Connect api to backend".
    pub describe: String,
    pub command: String,
    /// RFC 3339, local time of the machine running Netlens.
    pub when: String,
    pub state: EntryState,
}

/// Undo and redo stacks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    done: Vec<Entry>,
    /// The most recently undone entry is last: it is the next redo.
    undone: Vec<Entry>,
}

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    /// A new change was made: it goes on top, and what was undone can no longer be redone (it was
    /// planned against a graph that has now moved on).
    pub fn record(&mut self, change: Change, when: impl Into<String>) {
        self.undone.clear();
        self.done.push(Entry { change, when: when.into() });
        if self.done.len() > HISTORY_LIMIT {
            let excess = self.done.len() - HISTORY_LIMIT;
            self.done.drain(..excess);
        }
    }

    /// The change an undo takes back.
    pub fn undo_candidate(&self) -> Option<&Change> {
        self.done.last().map(|e| &e.change)
    }

    /// The change a redo makes again.
    pub fn redo_candidate(&self) -> Option<&Change> {
        self.undone.last().map(|e| &e.change)
    }

    /// The undo candidate was taken back; false when there was nothing to undo.
    pub fn mark_undone(&mut self) -> bool {
        move_newest(&mut self.done, &mut self.undone)
    }

    /// The redo candidate ran again; false when there was nothing to redo.
    pub fn mark_redone(&mut self) -> bool {
        move_newest(&mut self.undone, &mut self.done)
    }

    /// The undo candidate was partly taken back: the entry keeps what is left to undo.
    pub fn replace_undo(&mut self, change: Change) {
        if let Some(e) = self.done.last_mut() {
            e.change = change;
        }
    }

    /// The redo candidate, about to be redone, was made again with fresh details (a remove captures the
    /// attachments anew): the entry keeps those for the next undo.
    pub fn replace_redo(&mut self, change: Change) {
        if let Some(e) = self.undone.last_mut() {
            e.change = change;
        }
    }

    /// The redo candidate ran only in part: what ran becomes the newest undoable entry, and what is left
    /// stays next to redo, so no change that was made falls out of reach of Undo.
    pub fn mark_redone_partly(&mut self, ran: Change, left: Change) {
        if let Some(e) = self.undone.pop() {
            self.done.push(Entry { change: ran, when: e.when.clone() });
            self.undone.push(Entry { change: left, when: e.when });
        }
    }

    /// A network came back under a new ID: every entry naming the old one now names the new one.
    pub fn rename_network(&mut self, old: &str, new: &str) {
        for e in self.done.iter_mut().chain(self.undone.iter_mut()) {
            e.change.rename_network(old, new);
        }
    }

    /// Oldest first: the done entries, then the undone ones in the order they would be redone.
    pub fn entries(&self) -> Vec<EntryView> {
        let view = |e: &Entry, state| EntryView {
            describe: e.change.describe(),
            command: e.change.command(),
            when: e.when.clone(),
            state,
        };
        self.done
            .iter()
            .map(|e| view(e, EntryState::Done))
            .chain(self.undone.iter().rev().map(|e| view(e, EntryState::Undone)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::{EndpointConfig, EndpointRef};

    fn op_named(n: usize) -> Change {
        Change::Endpoint(Operation::Disconnect {
            endpoint: EndpointRef {
                network_id: format!("n-{n}"),
                network_name: format!("net{n}"),
                container_id: "c".into(),
                container_name: "box".into(),
            },
            force: false,
            restore: EndpointConfig::default(),
        })
    }

    #[test]
    fn history_undo_then_redo_moves_entries_between_states() {
        let mut h = History::new();
        assert_eq!(h.undo_candidate(), None);
        h.record(op_named(1), "2026-11-25T10:00:00Z");
        h.record(op_named(2), "2026-11-25T10:01:00Z");
        assert_eq!(h.undo_candidate(), Some(&op_named(2)));
        assert_eq!(h.undo_candidate().unwrap().undo_describe(), "Connect box to net2");
        assert!(h.mark_undone());
        assert_eq!(h.redo_candidate(), Some(&op_named(2)));
        let states: Vec<_> = h.entries().iter().map(|e| (e.describe.clone(), e.state.as_str())).collect();
        assert_eq!(
            states,
            [("Disconnect box from net1".to_string(), "done"), ("Disconnect box from net2".to_string(), "undone")]
        );
        assert!(h.mark_redone());
        assert_eq!(h.redo_candidate(), None);
        assert_eq!(h.entries()[1].when, "2026-11-25T10:01:00Z");
        assert_eq!(h.entries()[1].command, "docker network disconnect net2 box");
    }

    #[test]
    fn history_recording_a_new_change_clears_redo() {
        let mut h = History::new();
        h.record(op_named(1), "t1");
        h.record(op_named(2), "t2");
        h.mark_undone();
        assert!(h.redo_candidate().is_some());
        h.record(op_named(3), "t3");
        assert_eq!(h.redo_candidate(), None);
        assert!(!h.mark_redone());
        assert_eq!(h.entries().len(), 2);
    }

    #[test]
    fn history_keeps_the_latest_hundred_entries() {
        let mut h = History::new();
        for n in 0..105 {
            h.record(op_named(n), format!("t{n}"));
        }
        let entries = h.entries();
        assert_eq!(entries.len(), HISTORY_LIMIT);
        assert_eq!(entries[0].when, "t5");
        assert_eq!(entries[99].when, "t104");
    }

    #[test]
    fn a_recreated_network_is_found_under_its_new_id_by_older_entries() {
        let mut h = History::new();
        h.record(op_named(1), "t1");
        let spec = NetworkSpec { name: "net1".into(), ..NetworkSpec::default() };
        h.record(Change::CreateNetwork { spec, network_id: "n-1".into() }, "t2");
        h.rename_network("n-1", "n-1b");
        let Some(Change::CreateNetwork { network_id, .. }) = h.undo_candidate() else { panic!("create on top") };
        assert_eq!(network_id, "n-1b");
        h.mark_undone();
        let Some(Change::Endpoint(op)) = h.undo_candidate() else { panic!("endpoint change below") };
        assert_eq!(op.network_id(), "n-1b");
    }

    #[test]
    fn a_partly_undone_change_keeps_what_is_left_on_top() {
        let mut h = History::new();
        h.record(op_named(1), "t1");
        h.record(op_named(2), "t2");
        h.replace_undo(op_named(3));
        assert_eq!(h.undo_candidate(), Some(&op_named(3)));
        assert_eq!(h.entries().len(), 2);
        assert_eq!(h.entries()[1].when, "t2", "the entry keeps its time");
    }

    #[test]
    fn network_changes_describe_themselves_and_their_undo() {
        let spec = NetworkSpec { name: "shop".into(), subnet: "10.9.0.0/24".into(), ..NetworkSpec::default() };
        let create = Change::CreateNetwork { spec: spec.clone(), network_id: "n".into() };
        assert_eq!(create.describe(), "Create network shop");
        assert_eq!(create.undo_describe(), "Remove network shop");
        assert_eq!(create.command(), create_command(&spec));
        let removed = Change::RemoveNetworks(vec![
            Recreate { spec: spec.clone(), old_id: "n".into(), reconnects: vec![] },
            Recreate {
                spec: NetworkSpec { name: "web".into(), ..NetworkSpec::default() },
                old_id: "w".into(),
                reconnects: vec![],
            },
        ]);
        assert_eq!(removed.describe(), "Remove networks shop, web");
        assert_eq!(removed.undo_describe(), "Re-create networks shop, web");
        assert_eq!(removed.command(), "docker network rm shop web");
    }
}
