//! Bad input, table-driven, through the same service functions the window's commands call: every row is
//! refused with a typed problem (its `Code`) whose hint says what to do, and the engine is exactly as it was
//! after the whole table (a snapshot before equals a snapshot after). The table itself is `bad_input_rows.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "bad_input_rows.rs"]
mod rows;

use netlens::dto::lifecycle::PruneFiltersDto;
use netlens::dto::ops::{EndpointConfigDto, ProblemDto};
use netlens::error::{AppError, ErrorCode};
use netlens::service::{endpoints, inspect, networks, reach};
use netlens_core::model::{Container, Network, Snapshot};
use netlens_core::networks::{NetworkSpec, OutcomeKind};
use netlens_core::problem::Code;
use netlens_engine::{Engine, Target};
use netlens_tests::live::Live;
use netlens_tests::{docker, docker_host, run_idle, Cleanup};

/// One command the window sends, with what the person (or a broken UI) put in it.
enum Call {
    Connect {
        container: String,
        network: String,
        form: EndpointConfigDto,
    },
    Disconnect {
        container: String,
        network: String,
    },
    /// Boxed: the form is much larger than the other calls.
    Create(Box<NetworkSpec>),
    /// The remove dialog's plan, then the remove itself (which reports the network as skipped).
    Remove(String),
    NetworkJson(String),
    NetworkAliases(String),
    PrunePreview(PruneFiltersDto),
    DropTargets(String),
    ReachFrom(String),
    CanReach(String, String),
}

struct Row {
    what: String,
    call: Call,
    code: Code,
}

/// What came back: the problem the row expects to lead, the message the window shows and its hint.
struct Refusal {
    problems: Vec<ProblemDto>,
    message: String,
    hint: Option<String>,
}

fn refusal(e: AppError) -> Result<Refusal, String> {
    match e {
        AppError { code: ErrorCode::Refused | ErrorCode::CannotRestore, message, hint, problems } => {
            Ok(Refusal { problems, message, hint })
        }
        other => Err(format!("not a refusal: {other:?}")),
    }
}

/// Runs one call; `Err` with what happened instead when it was not refused.
async fn run(live: &Live, call: &Call) -> Result<Refusal, String> {
    let state = &live.state;
    let answer = match call {
        Call::Connect { container, network, form } => {
            endpoints::connect(state, container, network, form).await.map(|o| o.command)
        }
        Call::Disconnect { container, network } => {
            endpoints::disconnect(state, container, network).await.map(|o| o.command)
        }
        Call::Create(spec) => networks::create(state, spec).await.map(|o| o.command),
        Call::Remove(id) => {
            let plan = networks::plan_remove_dto(state, std::slice::from_ref(id)).map_err(|e| format!("{e:?}"))?;
            let report = networks::remove(state, std::slice::from_ref(id)).await.map_err(|e| format!("{e:?}"))?;
            let item = &report.items[0];
            if item.outcome != OutcomeKind::Skipped || item.reason.as_deref().unwrap_or_default().is_empty() {
                return Err(format!("remove did not skip it with a reason: {report:?}"));
            }
            return match plan.items[0].refusal.clone() {
                Some(p) => Ok(Refusal { message: p.message.clone(), hint: Some(p.hint.clone()), problems: vec![p] }),
                None => Err(format!("the plan lets it go: {plan:?}")),
            };
        }
        Call::NetworkJson(id) => inspect::network_json(state, id).await,
        Call::NetworkAliases(id) => endpoints::aliases_on(state, id).await.map(|a| format!("{} aliases", a.len())),
        Call::PrunePreview(filters) => {
            networks::prune_preview_dto(state, filters).await.map(|p| format!("{} to prune", p.items.len()))
        }
        Call::DropTargets(id) => endpoints::drop_targets(state, id).map(|t| format!("{} targets", t.len())),
        Call::ReachFrom(id) => reach::reach_from(state, id).map(|r| format!("{} answers", r.len())),
        Call::CanReach(a, b) => reach::can_reach(state, a, b).map(|_| "a verdict".to_string()),
    };
    match answer {
        Ok(done) => Err(format!("accepted: {done}")),
        Err(e) => refusal(e),
    }
}

/// The engine as the refusals must leave it: networks whole, containers by ID, name, state, mode, labels
/// and endpoints. `status` ("Up 3 minutes") changes on its own and is left out.
#[derive(Debug, PartialEq)]
struct Seen {
    networks: Vec<Network>,
    containers: Vec<Container>,
}

fn seen(s: Snapshot) -> Seen {
    let container = |mut c: Container| {
        c.status = String::new();
        c.endpoints.sort_by(|a, b| a.network_id.cmp(&b.network_id));
        c
    };
    Seen { networks: s.networks, containers: s.containers.into_iter().map(container).collect() }
}

async fn engine_now() -> Seen {
    let target = Target { context: "test".into(), host: docker_host(), tls: None, source: "test" };
    let engine = Engine::connect(&target).await.expect("the sandbox engine answers");
    seen(engine.snapshot().await.expect("a snapshot"))
}

#[tokio::test(flavor = "multi_thread")]
async fn every_bad_input_is_refused_with_a_hint_and_changes_nothing() {
    let cleanup = Cleanup::new("bad-input");
    docker(&[
        "network",
        "create",
        "--label",
        &cleanup.label,
        "--subnet",
        "10.214.150.0/24",
        "--gateway",
        "10.214.150.1",
        "nlt-bad-net",
    ]);
    let holder = run_idle("nlt-bad-holder", &cleanup, &["--network", "nlt-bad-net", "--ip", "10.214.150.10"]);
    let web = run_idle("nlt-bad-web", &cleanup, &[]);
    let live = Live::start(&docker_host()).await;
    live.until("the fixture", |t| {
        t.network_by_name("nlt-bad-net").is_some()
            && t.endpoints_of(&holder).iter().any(|(n, _)| n.name == "nlt-bad-net")
            && t.container(&web).is_some_and(|c| !c.endpoints.is_empty())
    })
    .await;
    let swarm = networks::create_options(&live.state).await.unwrap().swarm_manager;
    assert!(!swarm, "the overlay row needs an engine outside swarm mode");

    let rows = rows::table(&live, &holder, &web);
    assert!(rows.len() >= 30, "{} rows", rows.len());
    let before = engine_now().await;
    let mut failures = Vec::new();
    for row in &rows {
        let got = match run(&live, &row.call).await {
            Ok(r) => r,
            Err(what) => {
                failures.push(format!("{}: {what}", row.what));
                continue;
            }
        };
        let codes: Vec<Code> = got.problems.iter().map(|p| p.code).collect();
        let hint = got.hint.as_deref().unwrap_or_default();
        if codes.first() != Some(&row.code) {
            failures.push(format!("{}: expected {:?} first, got {codes:?} ({})", row.what, row.code, got.message));
        } else if hint.trim().is_empty() || got.problems.iter().any(|p| p.hint.trim().is_empty()) {
            failures.push(format!("{}: no hint on what to do ({})", row.what, got.message));
        } else if got.message.trim().is_empty() || got.message.len() > 600 {
            failures.push(format!("{}: a message of {} bytes", row.what, got.message.len()));
        }
    }
    let after = engine_now().await;
    assert!(failures.is_empty(), "{} of {} rows:\n{}", failures.len(), rows.len(), failures.join("\n"));
    if before != after {
        let gone: Vec<&str> =
            before.networks.iter().filter(|n| !after.networks.contains(n)).map(|n| n.name.as_str()).collect();
        let new: Vec<&str> =
            after.networks.iter().filter(|n| !before.networks.contains(n)).map(|n| n.name.as_str()).collect();
        let changed: Vec<&str> =
            after.containers.iter().filter(|c| !before.containers.contains(c)).map(|c| c.name.as_str()).collect();
        panic!(
            "the engine changed: networks gone {gone:?}, new or changed {new:?}; containers new or changed {changed:?}"
        );
    }
    assert!(live.state.history.lock().await.undo_candidate().is_none(), "nothing was recorded in the history");
}
