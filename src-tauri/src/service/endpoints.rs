//! Connecting and disconnecting containers by hand: drop targets, the live connect and disconnect forms,
//! and running a connect or disconnect (plan against the current topology → run → settle → record).
//!
//! Owns the order of those steps for endpoints; whether an operation may run is `netlens_core::endpoints`'
//! decision, the engine calls are `netlens_engine::write`'s, and the Tauri commands only call in here. It
//! must not know about Tauri, so it can be driven by tests against the sandbox engine.

use crate::dto::ops::{
    problems, AliasesDto, ConnectPlanDto, DisconnectPlanDto, DropTargetDto, EndpointConfigDto, OutcomeDto, ProblemDto,
};
use crate::error::AppError;
use crate::service::run::{capture, now, outcome, perform};
use crate::state::AppState;
use netlens_core::endpoints::{
    known_network, next_free_ipv4, next_free_ipv6, plan_connect, plan_disconnect, targets, user_aliases,
    EndpointConfig, EndpointRef, Operation, Refusal,
};
use netlens_core::history::Change;
use netlens_core::topology::{network_node_id, Topology};

/// Every network, and whether the container may be dropped there (and why not), for drag highlighting.
pub fn drop_targets(state: &AppState, container_id: &str) -> Result<Vec<DropTargetDto>, AppError> {
    let topology = state.topology()?;
    if topology.container(container_id).is_none() {
        return Err(AppError::refused(&[Refusal::ContainerGone { container_id: container_id.into() }]));
    }
    Ok(targets(&topology, container_id)
        .into_iter()
        .map(|(network_id, refusal)| DropTargetDto {
            node_id: network_node_id(&network_id),
            network_name: topology.network(&network_id).map(|n| n.name.clone()).unwrap_or_default(),
            network_id,
            refusal: refusal.as_ref().map(ProblemDto::of),
        })
        .collect())
}

/// The connect the form describes right now: every problem, the CLI line, and the addresses to suggest.
pub fn plan_connect_form(
    state: &AppState,
    container_id: &str,
    network_id: &str,
    form: &EndpointConfigDto,
) -> Result<ConnectPlanDto, AppError> {
    let topology = state.topology()?;
    let config = form.to_config();
    let (problems, op) = match plan_connect(&topology, container_id, network_id, &config) {
        Ok(op) => (Vec::new(), op),
        Err(refusals) => (problems(&refusals), unchecked_connect(&topology, container_id, network_id, config)),
    };
    let network = topology.network(network_id);
    let container = topology.container(container_id);
    let running = container.is_some_and(|c| c.state.is_live());
    let notice = match (container, &op) {
        (Some(c), Operation::Connect { endpoint: EndpointRef { network_name, .. }, config }) if !running => {
            Some(match &config.ipv4 {
                Some(ip) => format!("{} is stopped: it takes {ip} on {network_name} when it starts.", c.name),
                None => format!("{} is stopped: it gets its address on {network_name} when it starts.", c.name),
            })
        }
        _ => None,
    };
    Ok(ConnectPlanDto {
        endpoint: op.endpoint().clone(),
        problems,
        command: op.command(),
        suggested_ipv4: next_free_ipv4(&topology, network_id),
        suggested_ipv6: next_free_ipv6(&topology, network_id),
        subnets: network.map(|n| n.ipam.iter().filter_map(|c| c.subnet.clone()).collect()).unwrap_or_default(),
        user_defined: network.is_some_and(|n| n.name != "bridge"),
        ipv6_enabled: network.is_some_and(|n| n.enable_ipv6),
        container_running: running,
        notice,
    })
}

/// The disconnect a gesture asks for: whether it may run, the CLI line, and whether to ask first.
pub fn plan_disconnect_form(
    state: &AppState,
    container_id: &str,
    network_id: &str,
) -> Result<DisconnectPlanDto, AppError> {
    let topology = state.topology()?;
    let (problem, op) = match plan_disconnect(&topology, container_id, network_id, false) {
        Ok(op) => (None, op),
        Err(r) => (Some(ProblemDto::of(&r)), unchecked_disconnect(&topology, container_id, network_id)),
    };
    let container = topology.container(container_id);
    let running = container.is_some_and(|c| c.state.is_live());
    let ipv4 =
        topology.endpoints_of(container_id).into_iter().find(|(n, _)| n.id == network_id).and_then(|(_, e)| {
            e.ipv4.as_ref().map(|ip| e.ipv4_prefix.map_or_else(|| ip.clone(), |p| format!("{ip}/{p}")))
        });
    let warning = (running && problem.is_none()).then(|| {
        format!(
            "{} is running: connections it has open over {} break, and it stops resolving names there.",
            op.container_name(),
            op.network_name()
        )
    });
    Ok(DisconnectPlanDto {
        endpoint: op.endpoint().clone(),
        problem,
        command: op.command(),
        container_running: running,
        ipv4,
        warning,
    })
}

pub async fn connect(
    state: &AppState,
    container_id: &str,
    network_id: &str,
    form: &EndpointConfigDto,
) -> Result<OutcomeDto, AppError> {
    let mut history = state.history.lock().await;
    // Planned against the graph as it is now, not as it was when the drag began.
    let (topology, engine) = state.current()?;
    let op = plan_connect(&topology, container_id, network_id, &form.to_config()).map_err(|r| AppError::refused(&r))?;
    let notice = perform(state, &engine, &op).await?;
    history.record(Change::Endpoint(op.clone()), now());
    Ok(outcome(&op.command(), &op.done(), &history, notice))
}

pub async fn disconnect(state: &AppState, container_id: &str, network_id: &str) -> Result<OutcomeDto, AppError> {
    let mut history = state.history.lock().await;
    let (topology, engine) = state.current()?;
    let op = plan_disconnect(&topology, container_id, network_id, false).map_err(|r| AppError::refused(&[r]))?;
    let op = capture(&topology, &engine, op).await?;
    let notice = perform(state, &engine, &op).await?;
    history.record(Change::Endpoint(op.clone()), now());
    Ok(outcome(&op.command(), &op.done(), &history, notice))
}

/// The aliases of every container on a network, read by one container inspect each (they run together).
pub async fn aliases_on(state: &AppState, network_id: &str) -> Result<Vec<AliasesDto>, AppError> {
    let (topology, engine) = state.current()?;
    // An unknown ID is said to be gone, as every other command says it, rather than answered with no aliases.
    known_network(&topology, network_id).map_err(|r| AppError::refused(&[r]))?;
    let on = topology.containers_on(network_id);
    let reads = on.iter().map(|(c, _)| engine.inspect_endpoints(&c.id));
    let answers = futures_util::future::join_all(reads).await;
    let mut out = Vec::new();
    for ((container, _), answer) in on.iter().zip(answers) {
        // A container removed since the view was read has no aliases to show; the view catches up.
        let Ok(endpoints) = answer else { continue };
        let network_name = topology.network(network_id).map(|n| n.name.as_str());
        let aliases = endpoints
            .iter()
            .find(|e| e.network_id == network_id || Some(e.network_name.as_str()) == network_name)
            .map(|e| user_aliases(container, &e.aliases))
            .unwrap_or_default();
        out.push(AliasesDto { container_id: container.id.clone(), aliases });
    }
    Ok(out)
}

/// The attachment for a preview when the plan was refused: the names the graph has, else the IDs.
fn unchecked_endpoint(topology: &Topology, container_id: &str, network_id: &str) -> EndpointRef {
    EndpointRef {
        network_id: network_id.into(),
        network_name: topology.network(network_id).map_or_else(|| network_id.to_string(), |n| n.name.clone()),
        container_id: container_id.into(),
        container_name: topology.container(container_id).map_or_else(|| container_id.to_string(), |c| c.name.clone()),
    }
}

/// A connect for showing its command while the form still has problems; never run.
fn unchecked_connect(topology: &Topology, container_id: &str, network_id: &str, config: EndpointConfig) -> Operation {
    Operation::Connect { endpoint: unchecked_endpoint(topology, container_id, network_id), config }
}

fn unchecked_disconnect(topology: &Topology, container_id: &str, network_id: &str) -> Operation {
    Operation::Disconnect {
        endpoint: unchecked_endpoint(topology, container_id, network_id),
        force: false,
        restore: EndpointConfig::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::ops::HistoryDto;
    use crate::error::ErrorCode;
    use crate::service::history::{history, redo, undo};
    use crate::service::shows;
    use crate::state::test_support::showing;
    use netlens_core::endpoints::inverse;
    use netlens_core::fixtures::demo;
    use netlens_core::problem::{Code, Field};

    fn state() -> AppState {
        showing(demo())
    }

    fn id_of(state: &AppState, name: &str) -> String {
        let t = state.topology().unwrap();
        t.network_by_name(name)
            .map(|n| n.id.clone())
            .or_else(|| t.containers().find(|c| c.name == name).map(|c| c.id.clone()))
            .unwrap()
    }

    #[test]
    fn drop_targets_mark_joined_networks_with_their_reason() {
        let s = state();
        let api = id_of(&s, "api");
        let targets = drop_targets(&s, &api).unwrap();
        let backend = targets.iter().find(|t| t.network_name == "backend").unwrap();
        assert_eq!(backend.refusal.as_ref().unwrap().code, Code::AlreadyConnected);
        assert_eq!(backend.node_id, format!("network:{}", backend.network_id));
        let frontend = targets.iter().find(|t| t.network_name == "frontend").unwrap();
        assert_eq!(frontend.refusal, None);
        let host = targets.iter().find(|t| t.network_name == "host").unwrap();
        assert_eq!(host.refusal.as_ref().unwrap().code, Code::FixedNetwork);
        let err = drop_targets(&s, "no-such-container").unwrap_err();
        assert!(
            matches!(err, AppError { code: ErrorCode::Refused, ref problems, .. } if problems[0].code == Code::ContainerGone)
        );
    }

    #[test]
    fn connect_form_shows_command_problems_and_a_suggestion() {
        let s = state();
        let (api, frontend) = (id_of(&s, "api"), id_of(&s, "frontend"));
        let form = EndpointConfigDto { aliases: vec!["web".into(), " ".into()], ipv4: Some(" ".into()), ipv6: None };
        let plan = plan_connect_form(&s, &api, &frontend, &form).unwrap();
        assert_eq!(plan.problems, vec![], "blank fields are left to the engine");
        assert_eq!(plan.command, "docker network connect --alias web frontend api");
        assert!(plan.suggested_ipv4.is_some());
        assert!(plan.user_defined);

        let form = EndpointConfigDto { aliases: vec![], ipv4: Some("192.168.99.5".into()), ipv6: None };
        let plan = plan_connect_form(&s, &api, &frontend, &form).unwrap();
        assert_eq!(plan.problems.len(), 1);
        assert_eq!(plan.problems[0].code, Code::OutsideSubnet);
        assert_eq!(plan.problems[0].field, Some(Field::Ipv4));
        assert_eq!(plan.command, "docker network connect --ip 192.168.99.5 frontend api", "shown even while refused");
    }

    #[test]
    fn connect_form_says_a_stopped_container_gets_its_address_on_start() {
        let s = state();
        let (job, frontend) = (id_of(&s, "nightly-job"), id_of(&s, "frontend"));
        let plan = plan_connect_form(&s, &job, &frontend, &EndpointConfigDto::default()).unwrap();
        assert!(!plan.container_running);
        assert_eq!(
            plan.notice.as_deref(),
            Some("nightly-job is stopped: it gets its address on frontend when it starts.")
        );
    }

    #[test]
    fn disconnect_form_warns_for_running_containers_and_refuses_unattached() {
        let s = state();
        let (api, backend, frontend) = (id_of(&s, "api"), id_of(&s, "backend"), id_of(&s, "frontend"));
        let plan = plan_disconnect_form(&s, &api, &backend).unwrap();
        assert_eq!(plan.problem, None);
        assert_eq!(plan.command, "docker network disconnect backend api");
        assert!(plan.container_running);
        assert!(plan.warning.unwrap().contains("api is running"));
        let plan = plan_disconnect_form(&s, &api, &frontend).unwrap();
        assert_eq!(plan.problem.unwrap().code, Code::NotConnected);
        assert_eq!(plan.warning, None);
    }

    #[tokio::test]
    async fn operations_refuse_before_touching_a_missing_engine() {
        let s = state();
        let (api, backend) = (id_of(&s, "api"), id_of(&s, "backend"));
        // No engine has connected: nothing may be sent, and the history stays empty.
        let err = connect(&s, &api, &backend, &EndpointConfigDto::default()).await.unwrap_err();
        assert!(matches!(err, AppError { code: ErrorCode::NotReady, .. }), "{err:?}");
        assert!(matches!(undo(&s).await.unwrap_err(), AppError { code: ErrorCode::NothingToUndo, .. }));
        assert!(matches!(redo(&s).await.unwrap_err(), AppError { code: ErrorCode::NothingToRedo, .. }));
        assert_eq!(history(&s).await, HistoryDto::default());
    }

    #[test]
    fn the_view_shows_an_operation_by_its_endpoint() {
        let s = state();
        let t = s.topology().unwrap();
        let (api, backend, frontend) = (id_of(&s, "api"), id_of(&s, "backend"), id_of(&s, "frontend"));
        let on_backend = plan_disconnect(&t, &api, &backend, false).unwrap();
        assert!(!shows(&t, &on_backend), "api is still on backend");
        assert!(shows(&t, &inverse(&on_backend)));
        let to_frontend = plan_connect(&t, &api, &frontend, &EndpointConfig::default()).unwrap();
        assert!(!shows(&t, &to_frontend));
    }
}
