//! A network's lifecycle by hand: create, remove (with "disconnect all"), prune exactly what was previewed,
//! and the undo and redo of each.
//!
//! Owns the order of the steps and the rollback when a step fails half way; what may run is `lifecycle`'s
//! decision and the engine calls are `engine::networks`' and `engine::write`'s. It must not know about
//! Tauri, so integration tests drive it against the sandbox engine.

use crate::dto::lifecycle::{
    problems_of, CreateOptionsDto, CreatePlanDto, NetworkSpecDto, PreviewItemDto, PruneFiltersDto, PrunePreviewDto,
    RemovePlanDto, ReportDto,
};
use crate::dto::ops::{HistoryDto, OutcomeDto, ProblemDto};
use netlens_engine::networks::create_request;
use netlens_engine::Engine;
use crate::error::AppError;
use netlens_core::history::{Change, History};
use netlens_core::networks::{
    check_recreate, create_command, driver_choices, explain_driver, plan_remove, prune_command, prune_confirm,
    prune_preview, recreate_plan, rm_command, validate_create, CreateContext, LabelFilter, NetworkRemoval, NetworkSpec,
    PruneFilters, Recreate, Report,
};
use netlens_core::endpoints::{inverse, Operation};
use crate::state::AppState;
use netlens_core::topology::Topology;
use crate::service::endpoints::{capture, now, outcome, settle};

/// The engine's drivers and swarm role, read afresh (a `docker swarm init` changes what may be created).
async fn context(state: &AppState, engine: &Engine) -> Result<CreateContext, AppError> {
    let facts = engine.facts().await?;
    let ctx = CreateContext { drivers: facts.network_drivers, swarm_manager: facts.swarm_manager };
    state.set_create_context(ctx.clone());
    Ok(ctx)
}

/// What the create dialog offers; also refreshes the facts its live validation uses.
pub async fn create_options(state: &AppState) -> Result<CreateOptionsDto, AppError> {
    let (_, engine) = state.current()?;
    let ctx = context(state, &engine).await?;
    Ok(CreateOptionsDto {
        drivers: driver_choices(&ctx).into_iter().map(Into::into).collect(),
        swarm_manager: ctx.swarm_manager,
    })
}

/// Checks the create form as it is now (on every keystroke: no engine request); changes nothing.
pub fn plan_create(state: &AppState, form: &NetworkSpecDto) -> Result<CreatePlanDto, AppError> {
    let topology = state.topology()?;
    let spec = form.to_spec();
    let problems = validate_create(&topology, &spec, &state.create_context());
    Ok(CreatePlanDto {
        problems: problems_of(&problems),
        command: create_command(&spec),
        explanation: explain_driver(spec.normalized().driver()).into(),
    })
}

pub async fn create(state: &AppState, form: &NetworkSpecDto) -> Result<OutcomeDto, AppError> {
    let mut history = state.history.lock().await;
    let (topology, engine) = state.current()?;
    let ctx = context(state, &engine).await?;
    let spec = form.to_spec().normalized();
    let problems = validate_create(&topology, &spec, &ctx);
    if !problems.is_empty() {
        return Err(AppError::refused_problems(problems_of(&problems)));
    }
    let (id, notice) = make(state, &engine, &spec).await?;
    history.record(Change::CreateNetwork { spec: spec.clone(), network_id: id }, now());
    Ok(outcome(&create_command(&spec), &format!("Created network {}", spec.name), &history, notice))
}

/// Creates the network and waits for the view to show it; its ID and the engine's warning or a lag notice.
async fn make(state: &AppState, engine: &Engine, spec: &NetworkSpec) -> Result<(String, Option<String>), AppError> {
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
    for (id, name, refusal) in plan.refusals() {
        report.skipped(id, name.unwrap_or(id), refusal.fact());
    }
    let removed = run_removals(state, &engine, &topology, plan.removals(), &mut report).await;
    finish(&mut history, removed, &report, plan.commands())
}

/// Re-reads what a prune would remove: the engine's `dangling` test, then age and labels by hand. The
/// preview is kept, so the confirm can remove exactly what was shown.
pub async fn prune_preview_dto(state: &AppState, filters: &PruneFiltersDto) -> Result<PrunePreviewDto, AppError> {
    let filters = parse_filters(filters)?;
    let (topology, engine) = state.current()?;
    let dangling = engine.dangling_networks().await?;
    let items = prune_preview(&topology, &dangling, &filters, chrono::Utc::now());
    let dto =
        PrunePreviewDto { items: items.iter().map(PreviewItemDto::from).collect(), command: prune_command(&filters) };
    state.set_prune_preview(items);
    Ok(dto)
}

/// Removes the previewed networks the person kept ticked, one by one; one that gained a container since
/// the preview is skipped and reported, never removed.
pub async fn prune(state: &AppState, selected_ids: &[String]) -> Result<ReportDto, AppError> {
    let mut history = state.history.lock().await;
    let (topology, engine) = state.current()?;
    let decision = prune_confirm(&topology, &state.prune_preview(), selected_ids);
    let mut report = Report::from_decision(&decision);
    let ids: Vec<&str> = decision.remove.iter().map(|t| t.id.as_str()).collect();
    let plan = plan_remove(&topology, &ids);
    for (id, name, refusal) in plan.refusals() {
        report.skipped(id, name.unwrap_or(id), refusal.fact());
    }
    // Confirmed networks have no containers, so no disconnect runs; the plan only re-checks.
    let removals: Vec<&NetworkRemoval> = plan.removals().filter(|r| r.disconnects.is_empty()).collect();
    let removed = run_removals(state, &engine, &topology, removals.into_iter(), &mut report).await;
    let names: Vec<&str> = removed.iter().map(|r| r.spec.name.as_str()).collect();
    let commands = if names.is_empty() { vec![] } else { vec![rm_command(&names)] };
    finish(&mut history, removed, &report, commands)
}

fn finish(
    history: &mut History,
    removed: Vec<Recreate>,
    report: &Report,
    commands: Vec<String>,
) -> Result<ReportDto, AppError> {
    let notice = (!removed.is_empty()).then(|| {
        "Undo re-creates them with the same name, driver, addresses, options and labels, and reconnects their \
         containers; the engine gives them new IDs."
            .to_string()
    });
    if !removed.is_empty() {
        history.record(Change::RemoveNetworks(removed), now());
    }
    Ok(ReportDto::new(report, commands, HistoryDto::from(&*history), notice))
}

async fn run_removals<'a>(
    state: &AppState,
    engine: &Engine,
    topology: &Topology,
    removals: impl Iterator<Item = &'a NetworkRemoval>,
    report: &mut Report,
) -> Vec<Recreate> {
    let mut removed = Vec::new();
    for r in removals {
        match remove_one(state, engine, topology, r).await {
            Ok(recreate) => {
                report.removed(&r.network.id, &r.network.name);
                removed.push(recreate);
            }
            Err(e) => report.failed(&r.network.id, &r.network.name, failure(&e)),
        }
    }
    removed
}

fn failure(e: &AppError) -> String {
    match e.hint() {
        Some(h) => format!("{e} {h}"),
        None => e.to_string(),
    }
}

/// Disconnects every container (capturing each attachment for undo), then removes the network. When a
/// step fails, the containers already disconnected are connected again as they were.
async fn remove_one(
    state: &AppState,
    engine: &Engine,
    topology: &Topology,
    r: &NetworkRemoval,
) -> Result<Recreate, AppError> {
    // Refuse before touching anything when undo could not bring it back: nothing is lost silently.
    recreate_plan(&r.network, &[]).map_err(|e| AppError::Refused {
        message: format!("Netlens would not be able to re-create it: {}", e.fact()),
        hint: Some(format!("Remove it with the CLI if you are sure: {}", r.rm_command())),
        problems: vec![],
    })?;
    let mut ran: Vec<Operation> = Vec::new();
    for op in &r.disconnects {
        let step = async {
            let op = capture(topology, engine, op.clone()).await?;
            engine.run(&op).await?;
            Ok::<_, AppError>(op)
        };
        match step.await {
            Ok(op) => ran.push(op),
            Err(e) => {
                rollback(engine, &ran).await;
                return Err(e);
            }
        }
    }
    if let Err(e) = engine.remove_network(&r.network.id).await {
        rollback(engine, &ran).await;
        return Err(e.into());
    }
    let id = r.network.id.clone();
    settle(state, |t| t.network(&id).is_none()).await;
    recreate_plan(&r.network, &ran).map_err(|e| AppError::Refused {
        message: e.fact(),
        hint: Some(e.hint()),
        problems: vec![],
    })
}

/// Best effort: reconnects what was disconnected, newest first. A failure here is left for the view to show.
async fn rollback(engine: &Engine, ran: &[Operation]) {
    for op in ran.iter().rev() {
        let _ = engine.run(&inverse(op)).await;
    }
}

/// Takes back a network change. Returns the commands that did it and a notice.
pub async fn undo(
    state: &AppState,
    history: &mut History,
    change: &Change,
) -> Result<(String, Option<String>), AppError> {
    let (topology, engine) = state.current()?;
    match change {
        Change::CreateNetwork { spec, network_id } => {
            let Some(network) = topology.network(network_id) else {
                return Err(AppError::cannot_restore_problems(vec![problem(
                    "networkGone",
                    format!("{} no longer exists", spec.name),
                    "It was removed elsewhere; there is nothing to undo.",
                )]));
            };
            let joined: Vec<String> = topology.containers_on(network_id).iter().map(|(c, _)| c.name.clone()).collect();
            if !joined.is_empty() {
                return Err(AppError::cannot_restore_problems(vec![problem(
                    "networkInUse",
                    format!("{} joined {} after it was created", joined.join(", "), network.name),
                    "Disconnect them first (or remove the network with \"disconnect all and remove\").",
                )]));
            }
            engine.remove_network(network_id).await?;
            let id = network_id.clone();
            let notice = settle(state, |t| t.network(&id).is_none()).await;
            Ok((rm_command(&[&spec.name]), notice))
        }
        Change::RemoveNetworks(removed) => {
            let ctx = context(state, &engine).await?;
            let problems: Vec<ProblemDto> =
                removed.iter().flat_map(|r| problems_of(&check_recreate(&topology, r, &ctx))).collect();
            if !problems.is_empty() {
                return Err(AppError::cannot_restore_problems(problems));
            }
            let mut commands = Vec::new();
            let mut notices = vec![
                "The re-created networks have new IDs; names, addresses, options and labels are as before.".into(),
            ];
            for (k, r) in removed.iter().enumerate() {
                match restore_one(state, &engine, r).await {
                    Ok((id, more)) => {
                        history.rename_network(&r.old_id, &id);
                        notices.extend(more);
                        commands.extend(r.commands());
                    }
                    Err(e) if k == 0 => return Err(e),
                    Err(e) => {
                        // The networks before this one are back; the entry keeps only the rest, so a retry
                        // of undo continues where this one stopped instead of tripping over their names.
                        history.replace_undo(Change::RemoveNetworks(removed[k..].to_vec()));
                        let back: Vec<&str> = removed[..k].iter().map(|r| r.spec.name.as_str()).collect();
                        return Err(AppError::Refused {
                            message: format!("Re-created {}, but not {}: {e}", back.join(", "), r.spec.name),
                            hint: Some("Undo again to retry the rest once the cause is fixed.".into()),
                            problems: vec![],
                        });
                    }
                }
            }
            notices.dedup();
            let notice = Some(notices.join(" "));
            Ok((commands.join("\n"), notice))
        }
        Change::Endpoint(_) => Err(AppError::nothing_to_undo()),
    }
}

/// Re-creates one removed network and reconnects its containers; if a reconnect fails, the network is taken
/// away again (after disconnecting those already back), so it is either wholly back or not at all.
async fn restore_one(state: &AppState, engine: &Engine, r: &Recreate) -> Result<(String, Vec<String>), AppError> {
    let (id, warning) = make(state, engine, &r.spec).await?;
    let mut notices: Vec<String> = warning.into_iter().collect();
    let mut ran: Vec<Operation> = Vec::new();
    for op in r.reconnect_ops(&id) {
        if let Err(e) = engine.run(&op).await {
            rollback(engine, &ran).await;
            let _ = engine.remove_network(&id).await;
            return Err(e.into());
        }
        notices.extend(settle(state, |t| crate::service::endpoints::shows(t, &op)).await);
        ran.push(op);
    }
    Ok((id, notices))
}

/// Makes a network change again, re-checked against the graph as it is now.
pub async fn redo(
    state: &AppState,
    history: &mut History,
    change: &Change,
) -> Result<(String, Option<String>), AppError> {
    let (topology, engine) = state.current()?;
    match change {
        Change::CreateNetwork { spec, network_id } => {
            let ctx = context(state, &engine).await?;
            let problems = validate_create(&topology, spec, &ctx);
            if !problems.is_empty() {
                return Err(AppError::cannot_restore_problems(problems_of(&problems)));
            }
            let (id, notice) = make(state, &engine, spec).await?;
            history.rename_network(network_id, &id);
            Ok((create_command(spec), notice))
        }
        Change::RemoveNetworks(removed) => {
            let ids: Vec<&str> = removed.iter().map(|r| r.old_id.as_str()).collect();
            let plan = plan_remove(&topology, &ids);
            if let Some((_, _, refusal)) = plan.refusals().next() {
                return Err(AppError::cannot_restore_problems(vec![problem(
                    refusal.code(),
                    refusal.fact(),
                    &refusal.hint(),
                )]));
            }
            let mut report = Report::new();
            let again = run_removals(state, &engine, &topology, plan.removals(), &mut report).await;
            if let Some(item) = report.items.iter().find(|i| i.outcome.code() == "failed") {
                let reason = match &item.outcome {
                    netlens_core::networks::Outcome::Failed(r) => r.clone(),
                    _ => String::new(),
                };
                // What did go is recorded, so it can be undone.
                if !again.is_empty() {
                    history.replace_redo(Change::RemoveNetworks(again));
                }
                return Err(AppError::Refused {
                    message: format!("{} could not be removed again: {reason}", item.name),
                    hint: None,
                    problems: vec![],
                });
            }
            let commands = plan.commands().join("\n");
            history.replace_redo(Change::RemoveNetworks(again));
            Ok((commands, None))
        }
        Change::Endpoint(_) => Err(AppError::nothing_to_redo()),
    }
}

fn problem(code: &str, message: String, hint: &str) -> ProblemDto {
    ProblemDto { code: code.into(), field: None, message, hint: hint.into() }
}

/// Reads the dialog's filters; a duration or label the CLI would not take is refused next to its field.
fn parse_filters(dto: &PruneFiltersDto) -> Result<PruneFilters, AppError> {
    let mut problems = Vec::new();
    let until = match dto.until.trim() {
        "" => None,
        text => match parse_duration(text) {
            Some(d) => Some(d),
            None => {
                problems.push(ProblemDto {
                    code: "badUntil".into(),
                    field: Some("until".into()),
                    message: format!("`{text}` is not a duration"),
                    hint: "Write a number with h, m or s, e.g. 24h, 90m or 3600s.".into(),
                });
                None
            }
        },
    };
    let mut labels = Vec::new();
    for raw in dto.labels.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        let written = if raw.starts_with("label=") || raw.starts_with("label!=") {
            raw.to_string()
        } else {
            format!("label={raw}")
        };
        match LabelFilter::parse(&written) {
            Some(f) => labels.push(f),
            None => problems.push(ProblemDto {
                code: "badLabelFilter".into(),
                field: Some("labels".into()),
                message: format!("`{raw}` is not a label filter"),
                hint: "Write key, key=value, or label!=key to keep networks with that label.".into(),
            }),
        }
    }
    if problems.is_empty() {
        Ok(PruneFilters { until, labels })
    } else {
        Err(AppError::refused_problems(problems))
    }
}

/// A Go duration of whole units as the CLI's `until` takes it: `24h`, `1h30m`, `90m`, `45s`.
pub fn parse_duration(text: &str) -> Option<chrono::Duration> {
    let mut total = 0i64;
    let mut number = String::new();
    let mut any = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        let n: i64 = number.parse().ok()?;
        total = total.checked_add(n.checked_mul(unit)?)?;
        number.clear();
        any = true;
    }
    (any && number.is_empty()).then(|| chrono::Duration::seconds(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn until_reads_go_durations_and_refuses_the_rest() {
        assert_eq!(parse_duration("24h"), Some(chrono::Duration::hours(24)));
        assert_eq!(parse_duration("1h30m"), Some(chrono::Duration::minutes(90)));
        assert_eq!(parse_duration("45s"), Some(chrono::Duration::seconds(45)));
        for bad in ["", "24", "h", "3d", "1.5h", "-1h"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn prune_filters_accept_bare_labels_and_point_at_bad_fields() {
        let f = parse_filters(&PruneFiltersDto {
            until: "48h".into(),
            labels: vec!["team=web".into(), "label!=keep".into()],
        })
        .unwrap();
        assert_eq!(f.until, Some(chrono::Duration::hours(48)));
        assert_eq!(f.labels.iter().map(LabelFilter::filter_arg).collect::<Vec<_>>(), ["label=team=web", "label!=keep"]);
        let err = parse_filters(&PruneFiltersDto { until: "two days".into(), labels: vec!["=x".into()] }).unwrap_err();
        let AppError::Refused { problems, .. } = err else { panic!("refused") };
        let fields: Vec<_> = problems.iter().map(|p| p.field.clone().unwrap()).collect();
        assert_eq!(fields, ["until", "labels"]);
    }
}
