//! The engine switcher on real engines (issue 11): the app's own state, kept live by `Engines` exactly as the
//! window mounts it, switched between the sandbox Docker engine and a private Podman service added as a saved
//! engine. Each switch shows that engine's topology; a change planned against one engine's view is refused on
//! the other with nothing changed on either; each engine keeps its undo history and its layout pins.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use netlens::dto::engines::EngineFormDto;
use netlens::dto::ops::EndpointConfigDto;
use netlens::engines::{Engines, Silent};
use netlens::error::{AppError, ErrorCode};
use netlens::service::{endpoints, history};
use netlens::state::{AppState, LiveConfig};
use netlens_core::problem::Code;
use netlens_core::topology::Topology;
use netlens_engine::form::{EngineForm, Kind};
use netlens_engine::{Environment, Target};
use netlens_tests::podman::PodmanService;
use netlens_tests::{docker, docker_host, ensure_demo, Cleanup};

async fn until(state: &AppState, what: &str, pred: impl Fn(&Topology) -> bool) {
    assert!(state.wait_for_view(Duration::from_secs(20), pred).await, "the view never showed: {what}");
}

fn attached(t: &Topology, container: &str, network: &str) -> bool {
    t.endpoints_of(container).iter().any(|(n, _)| n.id == network)
}

fn position(state: &AppState, node: &str) -> (i32, i32) {
    let view = state.view();
    let n = view.topology.as_ref().and_then(|t| t.nodes.iter().find(|n| n.id == node)).expect("node drawn");
    (n.x, n.y)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_switches_between_docker_and_podman_and_no_change_crosses_engines() {
    ensure_demo();
    let Some(service) = PodmanService::start() else { return };
    let cleanup = Cleanup::new("engine-switch");
    let pid = std::process::id();
    let (pod_net, pinned) = (format!("nle-pod-{pid}"), format!("nle-pinned-{pid}"));
    service.podman(&["network", "create", "--subnet", "10.216.60.0/24", &pod_net]);
    let pod_box = service.run_idle("nle-box", "nle-switch-test", &[]);

    let dir = tempfile::tempdir().unwrap();
    let config = LiveConfig { target: Target::sandbox(docker_host()), sandbox: true, sandbox_reason: None };
    let env = Environment {
        docker_host: Some(docker_host()),
        config_dir: Some(dir.path().join("docker")),
        ..Environment::default()
    };
    let state = Arc::new(AppState::new(&config));
    let engines = Engines::new(
        state.clone(),
        &config,
        env,
        Some(dir.path().join("app")),
        tokio::runtime::Handle::current(),
        Arc::new(Silent),
    );
    engines.start().await;
    until(&state, "the sandbox's demo", |t| t.network_by_name("backend").is_some()).await;
    let backend = docker(&["network", "inspect", "-f", "{{.Id}}", "backend"]);
    let api = docker(&["inspect", "-f", "{{.Id}}", "api"]);
    let backend_at = position(&state, &format!("network:{backend}"));
    // A pin made on Docker's layout (the window's right-click "new network here").
    state.view().pin_network(&pinned, (4000.0, 4000.0));

    let form = EngineFormDto {
        kind: Kind::Socket,
        form: EngineForm { name: "podman".into(), address: service.host.clone(), ..EngineForm::default() },
    };
    assert!(engines.plan(&form).problems.is_empty(), "{:?}", engines.plan(&form));
    engines.add(&form).unwrap();
    let switched = engines.switch("saved:podman").await.unwrap();
    assert_eq!(switched.engines.current, "saved:podman");
    until(&state, "Podman's topology", |t| t.network_by_name(&pod_net).is_some() && t.container(&pod_box).is_some())
        .await;
    {
        let view = state.view();
        let t = view.model.as_ref().unwrap();
        assert!(t.network_by_name("backend").is_none() && t.container(&api).is_none(), "nothing of Docker's is left");
        assert!(view.status.engine_version.as_deref().unwrap_or_default().starts_with("Podman"), "{:?}", view.status);
    }

    // A disconnect the window planned against Docker's view (api on backend) is refused on Podman.
    let err = endpoints::disconnect(&state, &api, &backend).await.unwrap_err();
    assert!(
        matches!(&err, AppError { code: ErrorCode::Refused, problems, .. } if problems[0].code == Code::ContainerGone),
        "{err:?}"
    );
    let nets = docker(&["inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", "api"]);
    assert!(nets.split_whitespace().any(|n| n == "backend"), "Docker is untouched: api is on {nets}");
    assert!(
        matches!(history::undo(&state).await, Err(AppError { code: ErrorCode::NothingToUndo, .. })),
        "Docker's history stays"
    );

    // A change on Podman goes into Podman's history; Docker's pin is not Podman's.
    let pod_net_id = state.topology().unwrap().network_by_name(&pod_net).unwrap().id.clone();
    endpoints::connect(&state, &pod_box, &pod_net_id, &EndpointConfigDto::default()).await.unwrap();
    until(&state, "the Podman connect", |t| attached(t, &pod_box, &pod_net_id)).await;
    service.podman(&["network", "create", "--subnet", "10.216.61.0/24", &pinned]);
    until(&state, "a network named like Docker's pin", |t| t.network_by_name(&pinned).is_some()).await;
    let pod_pinned = state.topology().unwrap().network_by_name(&pinned).unwrap().id.clone();
    assert_ne!(position(&state, &format!("network:{pod_pinned}")), (4000, 4000), "the pin is Docker's");

    // Back on Docker: its graph where it was, its pin still waiting, Podman's change not undoable here.
    engines.switch("sandbox").await.unwrap();
    until(&state, "Docker's topology again", |t| t.network_by_name("backend").is_some()).await;
    assert!(state.topology().unwrap().container(&pod_box).is_none());
    assert_eq!(position(&state, &format!("network:{backend}")), backend_at, "Docker's layout is kept");
    assert!(matches!(history::undo(&state).await, Err(AppError { code: ErrorCode::NothingToUndo, .. })));
    assert!(
        matches!(
            endpoints::disconnect(&state, &pod_box, &pod_net_id).await,
            Err(AppError { code: ErrorCode::Refused, .. })
        ),
        "a Podman change is refused on Docker"
    );
    let id = docker(&["network", "create", "--label", &cleanup.label, &pinned]);
    until(&state, "Docker's pinned network", |t| t.network(&id).is_some()).await;
    assert_eq!(position(&state, &format!("network:{id}")), (4000, 4000), "Docker's pin placed Docker's network");

    // And on Podman again, its own history undoes its own change.
    engines.switch("saved:podman").await.unwrap();
    until(&state, "Podman's topology again", |t| attached(t, &pod_box, &pod_net_id)).await;
    let undone = history::undo(&state).await.unwrap();
    assert!(undone.done.contains("Undid"), "{undone:?}");
    let on =
        service.podman(&["inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", &pod_box]);
    assert!(!on.split_whitespace().any(|n| n == pod_net), "Podman's undo ran on Podman: {on}");
    engines.stop().await;
}
