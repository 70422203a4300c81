//! Taking operations back: the inverse of each, a re-check before replaying it, and what an exact restore
//! needs (the history that records them lives in `crate::history`).
//!
//! Owns what an exact restore needs. It must not run anything nor pick substitute values:
//! when an exact restore is impossible (an address taken meanwhile) it refuses and says why.

use super::refusal::Refusal;
use super::validate::{check_config, check_target, plan_disconnect};
use super::{EndpointRef, Operation};
use crate::problem::Problem;
use crate::topology::Topology;

/// The operation that takes `op` back: a connect is undone by a disconnect that remembers the connect's
/// config, and a disconnect by a connect carrying the attachment captured before it.
///
/// `force` is not part of an attachment, so the disconnect undoing a connect is never forced.
pub fn inverse(op: &Operation) -> Operation {
    match op {
        Operation::Connect { endpoint, config } => {
            Operation::Disconnect { endpoint: endpoint.clone(), force: false, restore: config.clone() }
        }
        Operation::Disconnect { endpoint, restore, .. } => {
            Operation::Connect { endpoint: endpoint.clone(), config: restore.clone() }
        }
    }
}

/// Whether `op` can still run exactly as recorded, against the topology as it is now (before undo/redo).
pub fn recheck(topology: &Topology, op: &Operation) -> Result<(), Vec<Refusal>> {
    match op {
        Operation::Connect { endpoint: EndpointRef { network_id, container_id, .. }, config } => {
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
        Operation::Disconnect { endpoint: EndpointRef { network_id, container_id, .. }, force, .. } => {
            plan_disconnect(topology, container_id, network_id, *force).map(|_| ()).map_err(|r| vec![r])
        }
    }
}

/// A refusal met while replaying history, e.g. "cannot restore exactly: 10.0.0.5 is held by web".
pub fn restore_message(refusal: &Refusal) -> String {
    format!("cannot restore exactly: {}", refusal.fact())
}
