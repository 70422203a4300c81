//! Undo and redo of a network change made by hand: a create is removed again and made again, a remove or
//! prune re-creates each network with its containers and removes it again.
//!
//! Owns the order of those steps, keeping each network wholly back or wholly gone, and what the history
//! entry becomes when only some networks could be taken back; whether each may run is
//! `netlens_core::networks`' decision. It must not know about Tauri.

use super::networks::{current_with_context, make, run_removals, Ran};
use crate::dto::ops::{problems, ProblemDto};
use crate::error::{AppError, ErrorCode};
use crate::service::run::{network_against_view, nobody_joined, reread_container, rollback, settle, shows};
use crate::state::AppState;
use netlens_core::endpoints::Operation;
use netlens_core::history::{Change, History};
use netlens_core::networks::{
    check_recreate, check_undo_create, create_command, plan_remove, rm_command, validate_create, NetworkSpec, Recreate,
    Report,
};
use netlens_engine::Engine;

/// Undo of a create: removes the network again, only while nobody joined it.
pub(crate) async fn remove_created(state: &AppState, spec: &NetworkSpec, network_id: &str) -> Result<Ran, AppError> {
    let (topology, engine) = state.current()?;
    check_undo_create(&topology, &spec.name, network_id)
        .map_err(|r| AppError::cannot_restore_problems(problems(&[r])))?;
    nobody_joined(&engine, network_id, &spec.name, &[]).await?;
    engine.remove_network(network_id).await.map_err(|e| network_against_view(e, &spec.name))?;
    let notice = settle(state, |t| t.network(network_id).is_none()).await;
    Ok((rm_command(&[&spec.name]), notice))
}

/// Undo of a remove or prune: re-creates each network and reconnects its containers as they were.
pub(crate) async fn recreate_removed(
    state: &AppState,
    history: &mut History,
    removed: &[Recreate],
) -> Result<Ran, AppError> {
    let (topology, engine, ctx) = current_with_context(state).await?;
    let found: Vec<ProblemDto> = removed.iter().flat_map(|r| problems(&check_recreate(&topology, r, &ctx))).collect();
    if !found.is_empty() {
        return Err(AppError::cannot_restore_problems(found));
    }
    let mut commands = Vec::new();
    let mut notices =
        vec!["The re-created networks have new IDs; names, addresses, options and labels are as before.".to_string()];
    for (k, r) in removed.iter().enumerate() {
        match restore_one(state, &engine, r).await {
            Ok((id, more)) => {
                history.rename_network(&r.old_id, &id);
                notices.extend(more);
                commands.extend(r.commands());
            }
            Err(e) if k == 0 => return Err(e),
            Err(e) => {
                // The networks before this one are back; the entry keeps only the rest, so a retry of undo
                // continues where this one stopped instead of tripping over their names.
                history.replace_undo(Change::RemoveNetworks(removed[k..].to_vec()));
                let back: Vec<&str> = removed[..k].iter().map(|r| r.spec.name.as_str()).collect();
                return Err(AppError::new(
                    ErrorCode::Refused,
                    format!("Re-created {}, but not {}: {e}", back.join(", "), r.spec.name),
                    Some("Undo again to retry the rest once the cause is fixed.".into()),
                ));
            }
        }
    }
    notices.dedup();
    Ok((commands.join("\n"), Some(notices.join(" "))))
}

/// Re-creates one removed network and reconnects its containers; if a reconnect fails, the network is taken
/// away again (after disconnecting those already back), so it is either wholly back or not at all.
async fn restore_one(state: &AppState, engine: &Engine, r: &Recreate) -> Result<(String, Vec<String>), AppError> {
    let (id, warning) = make(state, engine, &r.spec).await?;
    let mut notices: Vec<String> = warning.into_iter().collect();
    let mut ran: Vec<Operation> = Vec::new();
    for op in r.reconnect_ops(&id) {
        if let Err(e) = engine.run(&op).await {
            let stuck = rollback(engine, &ran).await;
            let removed_again = engine.remove_network(&id).await.is_ok();
            if stuck.is_empty() && removed_again {
                return Err(e.into());
            }
            // Half back: say exactly what is left where, so the person can finish by hand.
            let left: Vec<String> = stuck.iter().map(|(op, _)| op.container_name().to_string()).collect();
            return Err(AppError::new(
                ErrorCode::Refused,
                format!("{e}; {} is back with {} still on it", r.spec.name, left.join(", ")),
                Some(format!("Disconnect them and remove it by hand: {}", r.commands().join("; "))),
            ));
        }
        reread_container(state, engine, op.container_id()).await;
        notices.extend(settle(state, |t| shows(t, &op)).await);
        ran.push(op);
    }
    Ok((id, notices))
}

/// Redo of a create, re-validated against the graph as it is now; the new ID replaces the old in history.
pub(crate) async fn create_again(
    state: &AppState,
    history: &mut History,
    spec: &NetworkSpec,
    network_id: &str,
) -> Result<Ran, AppError> {
    let (topology, engine, ctx) = current_with_context(state).await?;
    let found = validate_create(&topology, spec, &ctx);
    if !found.is_empty() {
        return Err(AppError::cannot_restore_problems(problems(&found)));
    }
    let (id, notice) = make(state, &engine, spec).await?;
    history.rename_network(network_id, &id);
    Ok((create_command(spec), notice))
}

/// Redo of a remove or prune. When only some networks go, what went becomes the undoable entry and the
/// rest stays to be redone, so nothing that was removed ever falls out of reach of Undo.
pub(crate) async fn remove_again(
    state: &AppState,
    history: &mut History,
    removed: &[Recreate],
) -> Result<Ran, AppError> {
    let (topology, engine) = state.current()?;
    let ids: Vec<&str> = removed.iter().map(|r| r.old_id.as_str()).collect();
    let plan = plan_remove(&topology, &ids);
    if let Some((_, _, refusal)) = plan.refusals().next() {
        return Err(AppError::cannot_restore_problems(vec![ProblemDto::of(refusal)]));
    }
    let mut report = Report::new();
    let again = run_removals(state, &engine, &topology, plan.removals(), &mut report, history).await;
    if let Some((item, reason)) = report.first_failure() {
        let message = format!("{} could not be removed again: {reason}", item.name);
        if !again.is_empty() {
            let left: Vec<Recreate> =
                removed.iter().filter(|r| !again.iter().any(|a| a.old_id == r.old_id)).cloned().collect();
            history.mark_redone_partly(Change::RemoveNetworks(again), Change::RemoveNetworks(left));
        }
        return Err(AppError::new(ErrorCode::Refused, message, None));
    }
    history.replace_redo(Change::RemoveNetworks(again));
    Ok((plan.commands().join("\n"), None))
}
