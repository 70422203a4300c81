//! The steps every change by hand shares: capture what undo needs, run on the engine, settle (wait until
//! the view shows it), roll back, and the outcome the UI gets.
//!
//! Owns those steps and how long settling waits; what to run is decided by the callers in `endpoints`,
//! `networks` and `history`, from the core's plans. It must not decide whether anything may run.

use std::time::Duration;

use crate::dto::ops::{problems, HistoryDto, OutcomeDto};
use crate::error::AppError;
use crate::state::AppState;
use netlens_core::endpoints::{inverse, Operation, Refusal};
use netlens_core::events::Rereads;
use netlens_core::history::History;
use netlens_core::stale::Stale;
use netlens_core::topology::Topology;
use netlens_engine::events::LiveUpdate;
use netlens_engine::{Engine, EngineError};

/// How long an operation waits for the event stream to bring its effect into the view before it returns.
/// The engine emits the event at once; this only bounds a lagging stream, and the change is made either way.
const VIEW_WAIT: Duration = Duration::from_secs(5);

/// Replaces what the topology knows of an attachment by what a container inspect says, so undo restores
/// aliases, link-local IPs and driver options too. The engine's answer wins: the list may lag it.
pub(crate) async fn capture(topology: &Topology, engine: &Engine, op: Operation) -> Result<Operation, AppError> {
    let Some(container) = topology.container(op.container_id()) else {
        return Ok(op);
    };
    match engine.attachment(container, op.network_id()).await.map_err(|e| against_view(e, &op))? {
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
    engine.run(op).await.map_err(|e| against_view(e, op))?;
    reread_container(state, engine, op.container_id()).await;
    Ok(settle(state, |t| shows(t, op)).await)
}

/// An engine refusal of `op`, said with the names the view knew when the container or network was removed
/// after the view was drawn; any other refusal as the engine gave it.
pub(crate) fn against_view(e: EngineError, op: &Operation) -> AppError {
    if let EngineError::Rejected { status, message } = &e {
        if let Some(stale) = Stale::from_engine(*status, message, op.container_name(), op.network_name()) {
            return AppError::refused_problems(problems(&[stale]));
        }
    }
    e.into()
}

/// The same for a request about a whole network (its removal): only "the network is gone" is read.
pub(crate) fn network_against_view(e: EngineError, network: &str) -> AppError {
    if let EngineError::Rejected { status, message } = &e {
        if let Some(stale @ Stale::NetworkGone { .. }) = Stale::from_engine(*status, message, "", network) {
            return AppError::refused_problems(problems(&[stale]));
        }
    }
    e.into()
}

/// Fails when the engine has containers on the network that `planned` does not disconnect: they joined
/// after the view was drawn, so removing it now would act on what the person never saw (and the engine
/// drops a network even under a created container that never ran, which then cannot start).
pub(crate) async fn nobody_joined(
    engine: &Engine,
    network_id: &str,
    network_name: &str,
    planned: &[Operation],
) -> Result<(), AppError> {
    let listed =
        engine.containers_on(network_id, network_name).await.map_err(|e| network_against_view(e, network_name))?;
    let unplanned: Vec<String> = listed
        .into_iter()
        .filter(|(id, _)| !planned.iter().any(|op| op.container_id() == id))
        .map(|(_, name)| name)
        .collect();
    match Stale::joined(network_name, &unplanned) {
        Some(stale) => Err(AppError::refused_problems(problems(&[stale]))),
        None => Ok(()),
    }
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
