//! The steps every change by hand shares: capture what undo needs, run on the engine, settle (wait until
//! the view shows it), roll back, and the outcome the UI gets.
//!
//! Owns those steps and how long settling waits; what to run is decided by the callers in `endpoints`,
//! `networks` and `history`, from the core's plans. It must not decide whether anything may run.

use std::time::Duration;

use crate::dto::ops::{HistoryDto, OutcomeDto};
use crate::error::AppError;
use crate::state::AppState;
use netlens_core::endpoints::{inverse, Operation, Refusal};
use netlens_core::events::Rereads;
use netlens_core::history::History;
use netlens_core::topology::Topology;
use netlens_engine::events::LiveUpdate;
use netlens_engine::Engine;

/// How long an operation waits for the event stream to bring its effect into the view before it returns.
/// The engine emits the event at once; this only bounds a lagging stream, and the change is made either way.
const VIEW_WAIT: Duration = Duration::from_secs(5);

/// Replaces what the topology knows of an attachment by what a container inspect says, so undo restores
/// aliases, link-local IPs and driver options too. The engine's answer wins: the list may lag it.
pub(crate) async fn capture(topology: &Topology, engine: &Engine, op: Operation) -> Result<Operation, AppError> {
    let Some(container) = topology.container(op.container_id()) else {
        return Ok(op);
    };
    match engine.attachment(container, op.network_id()).await? {
        Some(config) => Ok(op.with_restore(config)),
        None => Err(AppError::refused(&[Refusal::NotConnected {
            container: op.container_name().into(),
            network: op.network_name().into(),
        }])),
    }
}

/// Runs `op` and waits for the view to show it, so the next gesture (an undo right away) plans against a
/// graph that already has the change.
pub(crate) async fn perform(state: &AppState, engine: &Engine, op: &Operation) -> Result<Option<String>, AppError> {
    engine.run(op).await?;
    reread_container(state, engine, op.container_id()).await;
    Ok(settle(state, |t| shows(t, op)).await)
}

/// Reads one container again and hands it to the view: connecting or disconnecting a stopped container
/// raises no event, so without this the view would wait for an unrelated one. Best effort: the event
/// stream still brings whatever this misses.
pub(crate) async fn reread_container(state: &AppState, engine: &Engine, container_id: &str) {
    let asked = Rereads { containers: [container_id.to_string()].into_iter().collect(), ..Rereads::default() };
    if let Ok(patch) = engine.reread(&asked).await {
        state.push(LiveUpdate::Patch(patch));
    }
}

/// Waits until the view shows a change the engine accepted; a notice when the event stream lags.
pub(crate) async fn settle(state: &AppState, shows: impl Fn(&Topology) -> bool) -> Option<String> {
    let shown = state.wait_for_view(VIEW_WAIT, shows).await;
    (!shown).then(|| {
        "The engine made the change, but its event has not reached Netlens yet; the graph catches up when it does."
            .to_string()
    })
}

/// Whether `topology` reflects `op` having run.
pub fn shows(topology: &Topology, op: &Operation) -> bool {
    let attached = topology.endpoints_of(op.container_id()).iter().any(|(n, _)| n.id == op.network_id());
    match op {
        Operation::Connect { .. } => attached,
        Operation::Disconnect { .. } => !attached,
    }
}

/// Puts back what `ran` changed, newest first. Returns the operations that could not be taken back, with
/// the engine's reason, so the caller says so and keeps them undoable: nothing is lost silently.
pub(crate) async fn rollback(engine: &Engine, ran: &[Operation]) -> Vec<(Operation, String)> {
    let mut stuck = Vec::new();
    for op in ran.iter().rev() {
        if let Err(e) = engine.run(&inverse(op)).await {
            stuck.push((op.clone(), e.to_string()));
        }
    }
    stuck
}

pub(crate) fn outcome(command: &str, done: &str, history: &History, notice: Option<String>) -> OutcomeDto {
    OutcomeDto { done: done.into(), command: command.into(), history: HistoryDto::from(history), notice }
}

pub(crate) fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}
