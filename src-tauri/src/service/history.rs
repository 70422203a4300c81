//! Undo and redo of every change made by hand, through one path that matches on the kind of change.
//!
//! Owns the order: take the candidate from the history, re-check it against the graph as it is now, run it,
//! and only then mark it undone or redone, so a refused or failed step leaves the history as it was. The
//! endpoint replays live here; network undos are `network_undo`'s verbs. It must not plan anything itself.

use crate::dto::ops::{HistoryDto, OutcomeDto};
use crate::error::AppError;
use crate::service::network_undo;
use crate::service::run::{outcome, perform};
use crate::state::AppState;
use netlens_core::endpoints::{inverse, recheck, Operation};
use netlens_core::history::Change;

/// Takes back the last change, if the graph still allows it exactly.
pub async fn undo(state: &AppState) -> Result<OutcomeDto, AppError> {
    let mut history = state.history.lock().await;
    let change = history.undo_candidate().cloned().ok_or_else(AppError::nothing_to_undo)?;
    let done = format!("Undid “{}”", change.describe());
    let (command, notice) = match &change {
        Change::Endpoint(op) => {
            let op = inverse(op);
            (op.command(), replay(state, &op).await?)
        }
        Change::CreateNetwork { spec, network_id } => network_undo::remove_created(state, spec, network_id).await?,
        Change::RemoveNetworks(removed) => network_undo::recreate_removed(state, &mut history, removed).await?,
    };
    history.mark_undone();
    Ok(outcome(&command, &done, &history, notice))
}

/// Makes the last undone change again, re-checked against the graph as it is now.
pub async fn redo(state: &AppState) -> Result<OutcomeDto, AppError> {
    let mut history = state.history.lock().await;
    let change = history.redo_candidate().cloned().ok_or_else(AppError::nothing_to_redo)?;
    let done = format!("Redid “{}”", change.describe());
    let (command, notice) = match &change {
        Change::Endpoint(op) => (op.command(), replay(state, op).await?),
        Change::CreateNetwork { spec, network_id } => {
            network_undo::create_again(state, &mut history, spec, network_id).await?
        }
        Change::RemoveNetworks(removed) => network_undo::remove_again(state, &mut history, removed).await?,
    };
    history.mark_redone();
    Ok(outcome(&command, &done, &history, notice))
}

/// Runs a recorded endpoint operation after checking it can still run exactly as recorded.
async fn replay(state: &AppState, op: &Operation) -> Result<Option<String>, AppError> {
    let (topology, engine) = state.current()?;
    recheck(&topology, op).map_err(|r| AppError::cannot_restore(&r))?;
    perform(state, &engine, op).await
}

pub async fn history(state: &AppState) -> HistoryDto {
    HistoryDto::from(&*state.history.lock().await)
}
