//! A network's lifecycle by hand: create, remove (with "disconnect all"), prune exactly what was previewed
//! (their undo and redo are `network_undo`'s).
//!
//! Owns the order of the steps and the rollback when a step fails half way; what may run is
//! `netlens_core::networks`' decision and the engine calls are `netlens_engine`'s. It must not know about
//! Tauri, so integration tests drive it against the sandbox engine.

use crate::dto::lifecycle::{
    CreateOptionsDto, CreatePlanDto, PruneFiltersDto, PrunePreviewDto, RemovePlanDto, ReportDto,
};
use crate::dto::ops::{problems, HistoryDto, OutcomeDto};
use crate::error::{AppError, ErrorCode};
use crate::service::run::{against_view, capture, network_against_view, nobody_joined, now, outcome, rollback, settle};
use crate::state::AppState;
use netlens_core::endpoints::Operation;
use netlens_core::history::{Change, History};
use netlens_core::networks::{
    create_command, driver_choices, explain_driver, parse_filters, plan_remove, prune_command, prune_confirm,
    prune_preview, recreate_plan, rm_command, validate_create, CreateContext, NetworkRemoval, NetworkSpec, PreviewItem,
    PruneFilters, Recreate, RemovePlan, Report,
};
use netlens_core::problem::Problem;
use netlens_core::topology::Topology;
use netlens_engine::networks::create_request;
use netlens_engine::Engine;

/// What a step reports: the docker CLI lines it ran (or the ID it made), and a notice for the person.
pub(crate) type Ran = (String, Option<String>);

/// The engine's drivers and swarm role, read afresh (a `docker swarm init` changes what may be created).
async fn context(state: &AppState, engine: &Engine) -> Result<CreateContext, AppError> {
    let facts = engine.facts().await?;
    let ctx = CreateContext { drivers: facts.network_drivers, swarm_manager: facts.swarm_manager };
    state.set_create_context(ctx.clone());
    Ok(ctx)
}

/// The topology and engine to act on, with what the engine can create read afresh.
pub(crate) async fn current_with_context(state: &AppState) -> Result<(Topology, Engine, CreateContext), AppError> {
    let (topology, engine) = state.current()?;
    let ctx = context(state, &engine).await?;
    Ok((topology, engine, ctx))
}

/// What the create dialog offers; also refreshes the facts its live validation uses.
pub async fn create_options(state: &AppState) -> Result<CreateOptionsDto, AppError> {
    let (_, engine) = state.current()?;
    let ctx = context(state, &engine).await?;
    Ok(CreateOptionsDto { drivers: driver_choices(&ctx), swarm_manager: ctx.swarm_manager })
}

/// Checks the create form as it is now (on every keystroke: no engine request); changes nothing.
pub fn plan_create(state: &AppState, spec: &NetworkSpec) -> Result<CreatePlanDto, AppError> {
    let topology = state.topology()?;
    let found = validate_create(&topology, spec, &state.create_context());
    Ok(CreatePlanDto {
        problems: problems(&found),
        command: create_command(spec),
        explanation: explain_driver(spec.normalized().driver()).into(),
    })
}

pub async fn create(state: &AppState, form: &NetworkSpec) -> Result<OutcomeDto, AppError> {
    let mut history = state.history.lock().await;
    let (topology, engine, ctx) = current_with_context(state).await?;
    let spec = form.normalized();
    let found = validate_create(&topology, &spec, &ctx);
    if !found.is_empty() {
        return Err(AppError::refused_problems(problems(&found)));
    }
    let (id, notice) = make(state, &engine, &spec).await?;
    history.record(Change::CreateNetwork { spec: spec.clone(), network_id: id }, now());
    Ok(outcome(&create_command(&spec), &format!("Created network {}", spec.name), &history, notice))
}

/// Creates the network and waits for the view to show it; its ID and the engine's warning or a lag notice.
pub(crate) async fn make(state: &AppState, engine: &Engine, spec: &NetworkSpec) -> Result<Ran, AppError> {
    let (id, warning) = engine.create_network(create_request(spec)).await?;
    let lag = settle(state, |t| t.network(&id).is_some()).await;
    Ok((id, warning.or(lag)))
}

pub fn plan_remove_dto(state: &AppState, network_ids: &[String]) -> Result<RemovePlanDto, AppError> {
    Ok(RemovePlanDto::from(&plan_remove(&state.topology()?, network_ids)))
}

/// Removes the networks, disconnecting their containers first; each network stands alone, so one refusal
/// or failure does not hold back the others, and a failure half way through puts that network's
/// containers back.
pub async fn remove(state: &AppState, network_ids: &[String]) -> Result<ReportDto, AppError> {
    let mut history = state.history.lock().await;
    let (topology, engine) = state.current()?;
    let plan = plan_remove(&topology, network_ids);
    let mut report = Report::new();
    skip_refused(&plan, &mut report);
    let removed = run_removals(state, &engine, &topology, plan.removals(), &mut report, &mut history).await;
    finish(&mut history, removed, &report, plan.commands())
}

/// Re-reads what a prune would remove: the engine's `dangling` test, then age and labels by hand. The
/// preview is kept, so the confirm can remove exactly what was shown.
pub async fn prune_preview_dto(state: &AppState, filters: &PruneFiltersDto) -> Result<PrunePreviewDto, AppError> {
    let filters = read_filters(filters)?;
    let (topology, engine) = state.current()?;
    let dangling = engine.dangling_networks().await?;
    let items = prune_preview(&topology, &dangling, &filters, chrono::Utc::now());
    let dto = preview_dto(&items, &filters);
    state.set_prune_preview(items);
    Ok(dto)
}

/// The prune dialog's filters, read; what cannot be read is refused next to its field.
pub(crate) fn read_filters(filters: &PruneFiltersDto) -> Result<PruneFilters, AppError> {
    parse_filters(&filters.until, &filters.labels).map_err(|p| AppError::refused_problems(problems(&p)))
}

/// The preview as the dialog shows it: the networks and the equivalent `docker network prune` line.
pub(crate) fn preview_dto(items: &[PreviewItem], filters: &PruneFilters) -> PrunePreviewDto {
    PrunePreviewDto { items: items.to_vec(), command: prune_command(filters) }
}

/// Removes the previewed networks the person kept ticked, one by one; one that gained a container since
/// the preview is skipped and reported, never removed.
pub async fn prune(state: &AppState, selected_ids: &[String]) -> Result<ReportDto, AppError> {
    let mut history = state.history.lock().await;
    let (topology, engine) = state.current()?;
    let (mut report, plan) = prune_plan(&topology, &state.prune_preview(), selected_ids);
    let removals: Vec<&NetworkRemoval> = prune_removals(&plan);
    let removed = run_removals(state, &engine, &topology, removals.into_iter(), &mut report, &mut history).await;
    let commands = prune_commands(&removed);
    finish(&mut history, removed, &report, commands)
}

/// What confirming a prune of these previewed networks removes, re-checked against the topology now: the
/// report so far (what the confirm and the re-check skip, with why) and the removal plan.
pub(crate) fn prune_plan(
    topology: &Topology,
    preview: &[PreviewItem],
    selected_ids: &[String],
) -> (Report, RemovePlan) {
    let decision = prune_confirm(topology, preview, selected_ids);
    let mut report = Report::from_decision(&decision);
    let ids: Vec<&str> = decision.remove.iter().map(|t| t.id.as_str()).collect();
    let plan = plan_remove(topology, &ids);
    skip_refused(&plan, &mut report);
    (report, plan)
}

/// Puts the networks the plan refuses in the report as skipped, each with why.
pub(crate) fn skip_refused(plan: &RemovePlan, report: &mut Report) {
    for (id, name, refusal) in plan.refusals() {
        report.skipped(id, name.unwrap_or(id), refusal.fact());
    }
}

/// The removals a prune runs. Confirmed networks have no containers, so no disconnect runs; the plan only
/// re-checks.
pub(crate) fn prune_removals(plan: &RemovePlan) -> Vec<&NetworkRemoval> {
    plan.removals().filter(|r| r.disconnects.is_empty()).collect()
}

/// The one `docker network rm` line for what a prune removed, or none when it removed nothing.
pub(crate) fn prune_commands(removed: &[Recreate]) -> Vec<String> {
    let names: Vec<&str> = removed.iter().map(|r| r.spec.name.as_str()).collect();
    if names.is_empty() {
        vec![]
    } else {
        vec![rm_command(&names)]
    }
}

fn finish(
    history: &mut History,
    removed: Vec<Recreate>,
    report: &Report,
    commands: Vec<String>,
) -> Result<ReportDto, AppError> {
    Ok(removal_report(history, removed, report, commands, now()))
}

/// A removal's report (remove or prune), recording what it removed in the history at `when` so it can be
/// undone.
pub(crate) fn removal_report(
    history: &mut History,
    removed: Vec<Recreate>,
    report: &Report,
    commands: Vec<String>,
    when: String,
) -> ReportDto {
    let notice = (!removed.is_empty()).then(|| {
        "Undo re-creates them with the same name, driver, addresses, options and labels, and reconnects their \
         containers; the engine gives them new IDs."
            .to_string()
    });
    if !removed.is_empty() {
        history.record(Change::RemoveNetworks(removed), when);
    }
    ReportDto::new(report, commands, HistoryDto::from(&*history), notice)
}

pub(crate) async fn run_removals<'a>(
    state: &AppState,
    engine: &Engine,
    topology: &Topology,
    removals: impl Iterator<Item = &'a NetworkRemoval>,
    report: &mut Report,
    history: &mut History,
) -> Vec<Recreate> {
    let mut removed = Vec::new();
    for r in removals {
        match remove_one(state, engine, topology, r).await {
            Ok(recreate) => {
                report.removed(&r.network.id, &r.network.name);
                removed.push(recreate);
            }
            Err(Failure { error, stuck }) => {
                let mut reason = match error.hint() {
                    Some(h) => format!("{error} {h}"),
                    None => error.to_string(),
                };
                // A disconnect that could not be put back stays undoable on its own, and is said out loud.
                for (op, why) in stuck {
                    reason.push_str(&format!(
                        " {} stays disconnected from {} (reconnecting failed: {why}); Undo reconnects it.",
                        op.container_name(),
                        op.network_name()
                    ));
                    history.record(Change::Endpoint(op), now());
                }
                report.failed(&r.network.id, &r.network.name, reason);
            }
        }
    }
    removed
}

/// Why removing one network failed, and the disconnects made on the way that could not be taken back.
struct Failure {
    error: AppError,
    stuck: Vec<(Operation, String)>,
}

impl From<AppError> for Failure {
    fn from(error: AppError) -> Self {
        Self { error, stuck: vec![] }
    }
}

/// Disconnects every container (capturing each attachment for undo), then removes the network. When a
/// step fails, the containers already disconnected are connected again as they were.
async fn remove_one(
    state: &AppState,
    engine: &Engine,
    topology: &Topology,
    r: &NetworkRemoval,
) -> Result<Recreate, Failure> {
    // Refuse before touching anything when undo could not bring it back: nothing is lost silently.
    recreate_plan(&r.network, &[]).map_err(|e| {
        AppError::new(
            ErrorCode::Refused,
            format!("Netlens would not be able to re-create it: {}", e.fact()),
            Some(format!("Remove it with the CLI if you are sure: {}", r.rm_command())),
        )
    })?;
    let mut ran: Vec<Operation> = Vec::new();
    for op in &r.disconnects {
        let step = async {
            let op = capture(topology, engine, op.clone()).await?;
            engine.run(&op).await.map_err(|e| against_view(e, &op))?;
            Ok::<_, AppError>(op)
        };
        match step.await {
            Ok(op) => ran.push(op),
            Err(error) => return Err(Failure { error, stuck: rollback(engine, &ran).await }),
        }
    }
    // The plan was made on the view, which may be behind the engine: ask the engine who is on it now.
    if let Err(error) = nobody_joined(engine, &r.network.id, &r.network.name, &ran).await {
        return Err(Failure { error, stuck: rollback(engine, &ran).await });
    }
    if let Err(e) = engine.remove_network(&r.network.id).await {
        return Err(Failure { error: network_against_view(e, &r.network.name), stuck: rollback(engine, &ran).await });
    }
    let id = r.network.id.clone();
    settle(state, |t| t.network(&id).is_none()).await;
    recreate_plan(&r.network, &ran).map_err(|e| AppError::new(ErrorCode::Refused, e.fact(), Some(e.hint())).into())
}
