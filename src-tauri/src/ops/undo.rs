//! Taking operations back: the inverse of each, a re-check before replaying it, and the visible history.
//!
//! Owns `History` and what an exact restore needs. It must not run anything nor pick substitute values:
//! when an exact restore is impossible (an address taken meanwhile) it refuses and says why.

use super::validate::{check_config, check_target, plan_disconnect, Refusal};
use super::{EndpointConfig, Operation};
use crate::model::{Container, Endpoint};
use crate::topology::Topology;

/// How many entries the history keeps; the oldest fall off first.
pub const HISTORY_LIMIT: usize = 100;

/// The operation that takes `op` back: a connect is undone by a disconnect that remembers the connect's
/// config, and a disconnect by a connect carrying the attachment captured before it.
///
/// `force` is not part of an attachment, so the disconnect undoing a connect is never forced.
pub fn inverse(op: &Operation) -> Operation {
    match op {
        Operation::Connect { network_id, network_name, container_id, container_name, config } => {
            Operation::Disconnect {
                network_id: network_id.clone(),
                network_name: network_name.clone(),
                container_id: container_id.clone(),
                container_name: container_name.clone(),
                force: false,
                restore: config.clone(),
            }
        }
        Operation::Disconnect { network_id, network_name, container_id, container_name, restore, .. } => {
            Operation::Connect {
                network_id: network_id.clone(),
                network_name: network_name.clone(),
                container_id: container_id.clone(),
                container_name: container_name.clone(),
                config: restore.clone(),
            }
        }
    }
}

/// Whether `op` can still run exactly as recorded, against the topology as it is now (before undo/redo).
pub fn recheck(topology: &Topology, op: &Operation) -> Result<(), Vec<Refusal>> {
    match op {
        Operation::Connect { network_id, container_id, config, .. } => {
            check_target(topology, container_id, network_id).map_err(|r| vec![r])?;
            let (Some(container), Some(network)) = (topology.container(container_id), topology.network(network_id))
            else {
                // check_target has just found both; this only keeps the lookup free of unwraps.
                return Ok(());
            };
            let refusals = check_config(topology, container, network, config);
            if refusals.is_empty() {
                Ok(())
            } else {
                Err(refusals)
            }
        }
        Operation::Disconnect { network_id, container_id, force, .. } => {
            plan_disconnect(topology, container_id, network_id, *force).map(|_| ()).map_err(|r| vec![r])
        }
    }
}

/// A refusal met while replaying history, e.g. "cannot restore exactly: 10.0.0.5 is held by web".
pub fn restore_message(refusal: &Refusal) -> String {
    format!("cannot restore exactly: {}", refusal.fact())
}

/// The attachment as the topology knows it: user aliases (when filled) and the static addresses.
///
/// The container list leaves aliases, link-local IPs and driver options empty, so for an exact undo the
/// engine side should build the config from a container inspect (with `user_aliases`) and use
/// `Operation::with_restore`. The MAC address is left out: inspect does not tell a chosen one from a
/// generated one, and asking for a generated one again could clash.
pub fn restore_config(container: &Container, endpoint: &Endpoint) -> EndpointConfig {
    EndpointConfig {
        aliases: user_aliases(container, &endpoint.aliases),
        ipv4: endpoint.static_ipv4.clone(),
        ipv6: endpoint.static_ipv6.clone(),
        ..EndpointConfig::default()
    }
}

/// The aliases a user (or compose) chose, without those the engine adds by itself (the short ID; the
/// name, which resolves anyway), so a restore does not pin them as user aliases. Order kept, duplicates
/// dropped.
pub fn user_aliases(container: &Container, aliases: &[String]) -> Vec<String> {
    let short_id = container.id.get(..12).unwrap_or(&container.id);
    let name = container.name.trim_start_matches('/');
    let mut out: Vec<String> = Vec::new();
    for a in aliases {
        let engine_added = a == short_id || *a == container.id || a.trim_start_matches('/') == name;
        if !engine_added && !out.contains(a) {
            out.push(a.clone());
        }
    }
    out
}

/// One recorded operation and when it was done (RFC 3339, as given by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub op: Operation,
    pub when: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
pub struct EntryView {
    pub describe: String,
    pub command: String,
    pub when: String,
    pub state: EntryState,
}

/// Undo and redo stacks. The caller runs the candidate, and marks it only once the engine accepted it, so
/// a failed undo leaves the history as it was.
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

    /// A new operation was done: it goes on top, and what was undone can no longer be redone (it was
    /// planned against a graph that has now moved on).
    pub fn record(&mut self, op: Operation, when: impl Into<String>) {
        self.undone.clear();
        self.done.push(Entry { op, when: when.into() });
        if self.done.len() > HISTORY_LIMIT {
            let excess = self.done.len() - HISTORY_LIMIT;
            self.done.drain(..excess);
        }
    }

    /// What to run to undo the last done operation.
    pub fn undo_candidate(&self) -> Option<Operation> {
        self.done.last().map(|e| inverse(&e.op))
    }

    /// What to run to redo the last undone operation: the operation itself.
    pub fn redo_candidate(&self) -> Option<Operation> {
        self.undone.last().map(|e| e.op.clone())
    }

    /// The undo candidate ran; false when there was nothing to undo.
    pub fn mark_undone(&mut self) -> bool {
        match self.done.pop() {
            Some(e) => {
                self.undone.push(e);
                true
            }
            None => false,
        }
    }

    /// The redo candidate ran; false when there was nothing to redo.
    pub fn mark_redone(&mut self) -> bool {
        match self.undone.pop() {
            Some(e) => {
                self.done.push(e);
                true
            }
            None => false,
        }
    }

    /// Oldest first: the done entries, then the undone ones in the order they would be redone.
    pub fn entries(&self) -> Vec<EntryView> {
        let view = |e: &Entry, state| EntryView {
            describe: e.op.describe(),
            command: e.op.command(),
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
