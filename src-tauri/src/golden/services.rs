//! The services' steps for the commands that need an engine, run against the simulated sandbox (`World`).
//!
//! `service::{endpoints, networks, history}` hold an `Engine`, which only a live engine can give, and read
//! the real clock; so these functions take the same steps in the same order, with the engine's calls made
//! on the `World` and the clock fixed. They call the same core planners, DTO conversions and `AppError`
//! constructors, and must hold no rule or wording of their own — except the few sentences the services
//! write inline (marked `service wording`), which must be kept equal to the service by hand.
//!
//! Only the paths the golden cases take are here: the sandbox accepts every call, so the services'
//! failure and rollback branches never run.

use crate::dto::lifecycle::{CreateOptionsDto, PruneFiltersDto, PrunePreviewDto, ReportDto};
use crate::dto::ops::{problems, AliasesDto, EndpointConfigDto, HistoryDto, OutcomeDto};
use crate::error::AppError;
use crate::golden::sandbox::{clock, when, World};
use crate::service::networks::{
    preview_dto, prune_commands, prune_plan, prune_removals, read_filters, removal_report, skip_refused,
};
use netlens_core::endpoints::{
    inverse, known_network, plan_connect, plan_disconnect, recheck, user_aliases, Operation,
};
use netlens_core::history::{Change, History};
use netlens_core::networks::{
    create_command, driver_choices, plan_remove, prune_preview, recreate_plan, validate_create, CreateContext,
    NetworkRemoval, NetworkSpec, Recreate, Report,
};

/// `service::run::outcome`.
fn outcome(command: &str, done: &str, history: &History) -> OutcomeDto {
    OutcomeDto { done: done.into(), command: command.into(), history: HistoryDto::from(history), notice: None }
}

/// `service::endpoints::connect`.
pub fn connect(
    w: &mut World,
    container_id: &str,
    network_id: &str,
    form: &EndpointConfigDto,
) -> Result<OutcomeDto, AppError> {
    let topology = w.state.topology()?;
    let op = plan_connect(&topology, container_id, network_id, &form.to_config()).map_err(|r| AppError::refused(&r))?;
    w.run(&op);
    let mut history = w.state.history.blocking_lock();
    history.record(Change::Endpoint(op.clone()), when());
    Ok(outcome(&op.command(), &op.done(), &history))
}

/// `service::endpoints::disconnect`.
pub fn disconnect(w: &mut World, container_id: &str, network_id: &str) -> Result<OutcomeDto, AppError> {
    let topology = w.state.topology()?;
    let op = plan_disconnect(&topology, container_id, network_id, false).map_err(|r| AppError::refused(&[r]))?;
    let op = w.capture(op);
    w.run(&op);
    let mut history = w.state.history.blocking_lock();
    history.record(Change::Endpoint(op.clone()), when());
    Ok(outcome(&op.command(), &op.done(), &history))
}

/// `service::history::undo`, for endpoint changes.
pub fn undo(w: &mut World) -> Result<OutcomeDto, AppError> {
    let change = w.state.history.blocking_lock().undo_candidate().cloned().ok_or_else(AppError::nothing_to_undo)?;
    let done = format!("Undid “{}”", change.describe()); // service wording
    let Change::Endpoint(op) = &change else { panic!("the golden cases undo endpoint changes only") };
    let op = inverse(op);
    replay(w, &op)?;
    let mut history = w.state.history.blocking_lock();
    history.mark_undone();
    Ok(outcome(&op.command(), &done, &history))
}

/// `service::history::redo`, for endpoint changes.
pub fn redo(w: &mut World) -> Result<OutcomeDto, AppError> {
    let change = w.state.history.blocking_lock().redo_candidate().cloned().ok_or_else(AppError::nothing_to_redo)?;
    let done = format!("Redid “{}”", change.describe()); // service wording
    let Change::Endpoint(op) = &change else { panic!("the golden cases redo endpoint changes only") };
    replay(w, op)?;
    let mut history = w.state.history.blocking_lock();
    history.mark_redone();
    Ok(outcome(&op.command(), &done, &history))
}

/// `service::history::replay`.
fn replay(w: &mut World, op: &Operation) -> Result<(), AppError> {
    let topology = w.state.topology()?;
    recheck(&topology, op).map_err(|r| AppError::cannot_restore(&r))?;
    w.run(op);
    Ok(())
}

/// `service::endpoints::aliases_on`, with the container inspects answered by the sandbox.
pub fn aliases_on(w: &World, network_id: &str) -> Result<Vec<AliasesDto>, AppError> {
    let topology = w.state.topology()?;
    Ok(topology
        .containers_on(network_id)
        .into_iter()
        .map(|(c, _)| AliasesDto {
            container_id: c.id.clone(),
            aliases: user_aliases(c, &w.inspect_aliases(c, network_id)),
        })
        .collect())
}

/// `app::network_json` for a network the view does not show: refused before the engine is asked.
pub fn network_json_missing(w: &World, network_id: &str) -> Result<String, AppError> {
    let topology = w.state.topology()?;
    match known_network(&topology, network_id) {
        Ok(_) => panic!("only a missing network's answer is recorded"),
        Err(r) => Err(AppError::refused(&[r])),
    }
}

/// `service::networks::context`: the engine's facts, kept for the create form's live checks.
fn context(w: &World) -> CreateContext {
    let ctx = w.facts();
    w.state.set_create_context(ctx.clone());
    ctx
}

/// `service::networks::create_options`.
pub fn create_options(w: &World) -> Result<CreateOptionsDto, AppError> {
    let ctx = context(w);
    Ok(CreateOptionsDto { drivers: driver_choices(&ctx), swarm_manager: false })
}

/// `service::networks::create`.
pub fn create(w: &mut World, form: &NetworkSpec) -> Result<OutcomeDto, AppError> {
    let topology = w.state.topology()?;
    let ctx = context(w);
    let spec = form.normalized();
    let found = validate_create(&topology, &spec, &ctx);
    if !found.is_empty() {
        return Err(AppError::refused_problems(problems(&found)));
    }
    let id = w.create_network(&spec);
    let done = format!("Created network {}", spec.name); // service wording
    let mut history = w.state.history.blocking_lock();
    history.record(Change::CreateNetwork { spec: spec.clone(), network_id: id }, when());
    Ok(outcome(&create_command(&spec), &done, &history))
}

/// `service::networks::remove`.
pub fn remove(w: &mut World, network_ids: &[String]) -> Result<ReportDto, AppError> {
    let topology = w.state.topology()?;
    let plan = plan_remove(&topology, network_ids);
    let mut report = Report::new();
    skip_refused(&plan, &mut report);
    let removed = run_removals(w, plan.removals(), &mut report);
    Ok(finish(w, removed, &report, plan.commands()))
}

/// `service::networks::prune_preview_dto`, with the sandbox's `dangling` list and the fixed clock.
pub fn preview(w: &World, filters: &PruneFiltersDto) -> Result<PrunePreviewDto, AppError> {
    let filters = read_filters(filters)?;
    let topology = w.state.topology()?;
    let items = prune_preview(&topology, &w.dangling(), &filters, clock());
    let dto = preview_dto(&items, &filters);
    w.state.set_prune_preview(items);
    Ok(dto)
}

/// `service::networks::prune`.
pub fn prune(w: &mut World, selected_ids: &[String]) -> Result<ReportDto, AppError> {
    let topology = w.state.topology()?;
    let (mut report, plan) = prune_plan(&topology, &w.state.prune_preview(), selected_ids);
    let removed = run_removals(w, prune_removals(&plan).into_iter(), &mut report);
    let commands = prune_commands(&removed);
    Ok(finish(w, removed, &report, commands))
}

/// `service::networks::run_removals` and `remove_one`: capture and disconnect each container, remove.
fn run_removals<'a>(
    w: &mut World,
    removals: impl Iterator<Item = &'a NetworkRemoval>,
    report: &mut Report,
) -> Vec<Recreate> {
    let mut removed = Vec::new();
    for r in removals {
        recreate_plan(&r.network, &[]).expect("the fixture's networks can be re-created");
        let mut ran = Vec::new();
        for op in &r.disconnects {
            let op = w.capture(op.clone());
            w.run(&op);
            ran.push(op);
        }
        w.remove_network(&r.network.id);
        removed.push(recreate_plan(&r.network, &ran).expect("the fixture's networks can be re-created"));
        report.removed(&r.network.id, &r.network.name);
    }
    removed
}

/// `service::networks::finish`.
fn finish(w: &World, removed: Vec<Recreate>, report: &Report, commands: Vec<String>) -> ReportDto {
    removal_report(&mut w.state.history.blocking_lock(), removed, report, commands, when())
}
