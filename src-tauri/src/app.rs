//! The Tauri wiring: managed state, commands, events, and the task that keeps the view live.
//!
//! Commands are a few lines each: they call `workbench` (or read the managed `AppState`, whose locking
//! `state` documents) and map to the contract. Engine IO lives in `engine`; this module only routes its
//! updates to the UI.

use std::sync::Arc;

use tauri::Runtime;
use tauri_specta::{collect_commands, collect_events, Event};

use crate::dto::lifecycle::{
    CreateOptionsDto, CreatePlanDto, NetworkSpecDto, PruneFiltersDto, PrunePreviewDto, RemovePlanDto, ReportDto,
};
use crate::dto::ops::{
    AliasesDto, ConnectPlanDto, DisconnectPlanDto, DropTargetDto, EndpointConfigDto, HistoryDto, OutcomeDto,
};
use crate::dto::reach::{ReachItemDto, VerdictDto};
use crate::dto::{EngineStatusChanged, EngineStatusDto, TopologyChanged, TopologyDto, TopologyPatched};
use crate::error::AppError;
use crate::service::{endpoints, history, inspect, networks, reach};
use crate::state::TopologyUpdate;
pub use crate::state::{AppState, LiveConfig};
use netlens_engine::events::follow;

type State<'a> = tauri::State<'a, Arc<AppState>>;

#[tauri::command]
#[specta::specta]
fn get_topology(state: State<'_>) -> Result<TopologyDto, AppError> {
    state.view().topology.clone().ok_or_else(AppError::not_ready)
}

#[tauri::command]
#[specta::specta]
fn get_engine_status(state: State<'_>) -> EngineStatusDto {
    state.view().status.clone()
}

/// Every network, and whether the dragged container may be dropped there (and why not).
#[tauri::command]
#[specta::specta]
fn drop_targets(state: State<'_>, container_id: String) -> Result<Vec<DropTargetDto>, AppError> {
    endpoints::drop_targets(&state, &container_id)
}

/// Checks the connect form as it is now; changes nothing.
#[tauri::command]
#[specta::specta]
fn plan_connect(
    state: State<'_>,
    container_id: String,
    network_id: String,
    config: EndpointConfigDto,
) -> Result<ConnectPlanDto, AppError> {
    endpoints::plan_connect_form(&state, &container_id, &network_id, &config)
}

#[tauri::command]
#[specta::specta]
async fn connect(
    state: State<'_>,
    container_id: String,
    network_id: String,
    config: EndpointConfigDto,
) -> Result<OutcomeDto, AppError> {
    endpoints::connect(&state, &container_id, &network_id, &config).await
}

/// Checks a disconnect; changes nothing.
#[tauri::command]
#[specta::specta]
fn plan_disconnect(state: State<'_>, container_id: String, network_id: String) -> Result<DisconnectPlanDto, AppError> {
    endpoints::plan_disconnect_form(&state, &container_id, &network_id)
}

#[tauri::command]
#[specta::specta]
async fn disconnect(state: State<'_>, container_id: String, network_id: String) -> Result<OutcomeDto, AppError> {
    endpoints::disconnect(&state, &container_id, &network_id).await
}

#[tauri::command]
#[specta::specta]
async fn undo(state: State<'_>) -> Result<OutcomeDto, AppError> {
    history::undo(&state).await
}

#[tauri::command]
#[specta::specta]
async fn redo(state: State<'_>) -> Result<OutcomeDto, AppError> {
    history::redo(&state).await
}

#[tauri::command]
#[specta::specta]
async fn get_history(state: State<'_>) -> Result<HistoryDto, AppError> {
    Ok(history::history(&state).await)
}

/// The drivers this engine can create networks with, and whether it is a swarm manager.
#[tauri::command]
#[specta::specta]
async fn create_options(state: State<'_>) -> Result<CreateOptionsDto, AppError> {
    networks::create_options(&state).await
}

/// Checks the create form as it is now; changes nothing.
#[tauri::command]
#[specta::specta]
fn plan_create(state: State<'_>, spec: NetworkSpecDto) -> Result<CreatePlanDto, AppError> {
    networks::plan_create(&state, &spec)
}

#[tauri::command]
#[specta::specta]
async fn create_network(state: State<'_>, spec: NetworkSpecDto) -> Result<OutcomeDto, AppError> {
    networks::create(&state, &spec).await
}

/// What removing these networks takes (containers to disconnect first) and which cannot go; changes nothing.
#[tauri::command]
#[specta::specta]
fn plan_remove(state: State<'_>, network_ids: Vec<String>) -> Result<RemovePlanDto, AppError> {
    networks::plan_remove_dto(&state, &network_ids)
}

#[tauri::command]
#[specta::specta]
async fn remove_networks(state: State<'_>, network_ids: Vec<String>) -> Result<ReportDto, AppError> {
    networks::remove(&state, &network_ids).await
}

/// Exactly which networks a prune with these filters would remove now; changes nothing.
#[tauri::command]
#[specta::specta]
async fn prune_preview(state: State<'_>, filters: PruneFiltersDto) -> Result<PrunePreviewDto, AppError> {
    networks::prune_preview_dto(&state, &filters).await
}

/// Removes the previewed networks that are still ticked, one by one.
#[tauri::command]
#[specta::specta]
async fn prune_networks(state: State<'_>, network_ids: Vec<String>) -> Result<ReportDto, AppError> {
    networks::prune(&state, &network_ids).await
}

/// The aliases of the containers on a network (one container inspect each); changes nothing.
#[tauri::command]
#[specta::specta]
async fn network_aliases(state: State<'_>, network_id: String) -> Result<Vec<AliasesDto>, AppError> {
    endpoints::aliases_on(&state, &network_id).await
}

/// Places the next network named `name` at (`x`, `y`) in layout coordinates (y grows downwards), where the
/// person asked for it; used once, when the network appears.
#[tauri::command]
#[specta::specta]
fn place_network(state: State<'_>, name: String, x: i32, y: i32) {
    state.view().pin_network(name.trim(), (f64::from(x), f64::from(y)));
}

/// The network as the engine's inspect returns it, pretty-printed, for the inspector's raw JSON tab.
#[tauri::command]
#[specta::specta]
async fn network_json(state: State<'_>, network_id: String) -> Result<String, AppError> {
    inspect::network_json(&state, &network_id).await
}

/// Everything the container can and cannot reach, each with how or why; changes nothing.
#[tauri::command]
#[specta::specta]
fn reach_from(state: State<'_>, container_id: String) -> Result<Vec<ReachItemDto>, AppError> {
    reach::reach_from(&state, &container_id)
}

/// Whether one container reaches another, and when not, the connect that would make it; changes nothing.
#[tauri::command]
#[specta::specta]
fn can_reach(state: State<'_>, from_id: String, to_id: String) -> Result<VerdictDto, AppError> {
    reach::can_reach(&state, &from_id, &to_id)
}

pub fn specta_builder<R: Runtime>() -> tauri_specta::Builder<R> {
    tauri_specta::Builder::<R>::new()
        .commands(collect_commands![
            get_topology,
            get_engine_status,
            drop_targets,
            plan_connect,
            connect,
            plan_disconnect,
            disconnect,
            undo,
            redo,
            get_history,
            create_options,
            plan_create,
            create_network,
            plan_remove,
            remove_networks,
            prune_preview,
            prune_networks,
            network_json,
            place_network,
            network_aliases,
            reach_from,
            can_reach
        ])
        .events(collect_events![TopologyChanged, TopologyPatched, EngineStatusChanged])
        // One shape per type: our DTOs serialize and deserialize alike.
        .disable_serde_phases()
}

pub const BINDINGS_HEADER: &str =
    "// Generated by tauri-specta from src-tauri (app.rs); do not edit. Regenerate: make bindings\n// @ts-nocheck";

pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder::<tauri::Wry>()
        .export(specta_typescript::Typescript::default().header(BINDINGS_HEADER), path)
        .map_err(|e| e.to_string())
}

/// Builds the app on any runtime so the wiring can be smoke-tested with `tauri::test::mock_builder()`.
pub fn build<R: Runtime>(builder: tauri::Builder<R>, config: LiveConfig) -> tauri::Builder<R> {
    let specta = specta_builder::<R>();
    let state = Arc::new(AppState::new(&config));
    builder.plugin(tauri_plugin_shell::init()).invoke_handler(specta.invoke_handler()).manage(state.clone()).setup(
        move |app| {
            specta.mount_events(app);
            let handle = app.handle().clone();
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
            state.set_live_sender(tx.clone());
            tauri::async_runtime::spawn(follow(config.target.clone(), tx));
            tauri::async_runtime::spawn(async move {
                while let Some(update) = rx.recv().await {
                    let (status, topology) = state.apply(&update);
                    // A window that is gone cannot be told; the next update tries again.
                    if let Some(s) = status {
                        let _ = EngineStatusChanged(s).emit(&handle);
                    }
                    match topology {
                        Some(TopologyUpdate::Full(t)) => {
                            let _ = TopologyChanged(t).emit(&handle);
                        }
                        Some(TopologyUpdate::Diff(d)) => {
                            let _ = TopologyPatched(d).emit(&handle);
                        }
                        None => {}
                    }
                }
            });
            Ok(())
        },
    )
}

/// The app's context from `tauri.conf.json` and `capabilities/`: the window, the CSP, the plugins' config and
/// what each window may call. Generic so the tests run the same context on the mock runtime.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

pub fn run(config: LiveConfig) -> Result<(), String> {
    build(tauri::Builder::default(), config).run(context()).map_err(|e| format!("the window could not start: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::EngineState;
    use netlens_engine::events::LiveUpdate;
    use netlens_engine::Target;
    use tauri::Manager;

    fn config() -> LiveConfig {
        LiveConfig {
            target: Target::sandbox("unix:///nonexistent/netlens-test.sock".into()),
            sandbox: true,
            sandbox_reason: None,
        }
    }

    #[test]
    fn bindings_are_fresh() {
        let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
        if std::env::var("NETLENS_WRITE_BINDINGS").is_ok_and(|v| v == "1") {
            export_bindings(&committed).unwrap();
        }
        let fresh = std::env::temp_dir().join(format!("netlens-bindings-{}.ts", std::process::id()));
        export_bindings(&fresh).unwrap();
        let want = std::fs::read_to_string(&fresh).unwrap();
        let _ = std::fs::remove_file(&fresh);
        assert!(want.contains("getTopology"), "export produced the commands");
        let have = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(have == want, "ui/src/lib/bindings.ts is stale: run `make bindings` and commit it");
    }

    fn invoke(
        webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
        cmd: &str,
    ) -> Result<tauri::ipc::InvokeResponseBody, serde_json::Value> {
        invoke_with(webview, cmd, serde_json::json!({}))
    }

    fn invoke_with(
        webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
        cmd: &str,
        args: serde_json::Value,
    ) -> Result<tauri::ipc::InvokeResponseBody, serde_json::Value> {
        tauri::test::get_ipc_response(
            webview,
            tauri::webview::InvokeRequest {
                cmd: cmd.into(),
                callback: tauri::ipc::CallbackFn(0),
                error: tauri::ipc::CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: tauri::ipc::InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: tauri::test::INVOKE_KEY.to_string(),
            },
        )
    }

    #[test]
    fn commands_answer_through_the_mock_runtime() {
        let app = build(tauri::test::mock_builder(), config())
            .build(tauri::test::mock_context(tauri::test::noop_assets()))
            .unwrap();
        let state = app.state::<Arc<AppState>>();
        assert_eq!(state.view().status.state, EngineState::Connecting);
        assert!(state.view().status.sandbox);
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        let status: EngineStatusDto = invoke(&webview, "get_engine_status").unwrap().deserialize().unwrap();
        assert_eq!(status.endpoint, "unix:///nonexistent/netlens-test.sock");
        let res = invoke(&webview, "get_topology");
        let err = res.unwrap_err();
        assert_eq!(err["code"], "notReady");

        // The editing commands are wired too, and refuse cleanly before the first snapshot.
        let ids = serde_json::json!({ "containerId": "c", "networkId": "n", "config": { "aliases": [], "ipv4": null, "ipv6": null } });
        for cmd in ["drop_targets", "plan_connect", "plan_disconnect", "connect", "disconnect"] {
            let err = invoke_with(&webview, cmd, ids.clone()).unwrap_err();
            assert_eq!(err["code"], "notReady", "{cmd}: {err}");
        }
        assert_eq!(invoke(&webview, "undo").unwrap_err()["code"], "nothingToUndo");
        assert_eq!(invoke(&webview, "redo").unwrap_err()["code"], "nothingToRedo");
        let history: HistoryDto = invoke(&webview, "get_history").unwrap().deserialize().unwrap();
        assert_eq!(history, HistoryDto::default());
    }

    #[test]
    fn network_json_asks_the_engine_only_about_networks_the_view_shows() {
        let app = build(tauri::test::mock_builder(), config())
            .build(tauri::test::mock_context(tauri::test::noop_assets()))
            .unwrap();
        app.state::<Arc<AppState>>().apply(&LiveUpdate::Snapshot(netlens_core::fixtures::demo()));
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        let ask = |id: &str| invoke_with(&webview, "network_json", serde_json::json!({ "networkId": id }));
        // The ID goes into the engine's URL (`/networks/{id}`): a `../` would reach any GET of the engine.
        for id in ["../containers/json", "../../info", "n-backend/../../version", "n-missing", ""] {
            let err = ask(id).unwrap_err();
            assert_eq!(err["code"], "refused", "{id:?}: {err}");
            assert_eq!(err["problems"][0]["code"], "networkGone", "{id:?}: {err}");
        }
        // A network the view shows goes on to the engine (none answers here).
        let err = ask("n-backend").unwrap_err();
        assert_ne!(err["code"], "refused", "{err}");
    }

    /// On the app's real context, so `capabilities/default.json` must grant them for the window to ask.
    #[test]
    fn reachability_commands_answer_the_window_from_the_view() {
        let app = build(tauri::test::mock_builder(), config()).build(context()).unwrap();
        app.state::<Arc<AppState>>().apply(&LiveUpdate::Snapshot(netlens_core::fixtures::demo()));
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        let list = invoke_with(&webview, "reach_from", serde_json::json!({ "containerId": "c-api" })).unwrap();
        let list: Vec<ReachItemDto> = list.deserialize().unwrap();
        assert!(list.iter().any(|r| r.label == "db" && r.reachable));
        let ask = serde_json::json!({ "fromId": "c-api", "toId": "c-legacy" });
        let verdict: VerdictDto = invoke_with(&webview, "can_reach", ask).unwrap().deserialize().unwrap();
        assert!(!verdict.to.reachable);
        assert_eq!(verdict.fix.and_then(|f| f.command).as_deref(), Some("docker network connect backend legacy-web"));
        let gone = invoke_with(&webview, "can_reach", serde_json::json!({ "fromId": "c-api", "toId": "x" }));
        assert_eq!(gone.unwrap_err()["problems"][0]["code"], "containerGone");
    }

    /// The shell plugin's own check (its `open` command), on the app's real context: the scope comes from
    /// `tauri.conf.json` and the permission from `capabilities/`, exactly as the window gets them. The plugin
    /// anchors the configured regex as `^…$`, so it must match a whole link (`^https?://` matched only the bare
    /// `http://` and `https://`, and every real link was refused).
    #[cfg(target_os = "linux")]
    #[test]
    fn the_shell_opens_web_links_and_nothing_else() {
        let app = build(tauri::test::mock_builder(), config()).build(context()).unwrap();
        // Named as `capabilities/default.json` grants it (the mock runtime does not open config windows).
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        // `with: safari` names a program Linux does not have: a link the scope lets through fails to spawn
        // instead of opening a browser on the machine running the tests.
        let open = |path: &str| {
            invoke_with(&webview, "plugin:shell|open", serde_json::json!({ "path": path, "with": "safari" }))
        };
        // Refused by the scope itself, i.e. the capability let the call through to it.
        let refused_by_scope = |path: &str| match open(path) {
            Ok(_) => false,
            Err(e) => e.as_str().is_some_and(|m| m.contains("failed regex validation")),
        };
        for link in [
            "https://docs.docker.com/engine/network/drivers/bridge/",
            "http://localhost:8080/path?q=1#top",
            "https://github.com/moby/moby/issues?q=is%3Aopen+network",
        ] {
            // Past the scope, only the spawn of the missing program fails.
            match open(link) {
                Ok(_) => {}
                Err(e) => assert!(e.as_str().is_some_and(|m| m.contains("os error")), "{link} must open: {e}"),
            }
        }
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "sh -c id",
            "https://",
            "http://",
            "https://example.com/a b",
            "https://example.com/\nx",
            "ftp://example.com/",
            " https://example.com/",
            "--help",
        ] {
            assert!(refused_by_scope(bad), "{bad:?} must be refused by the scope: {:?}", open(bad));
        }
    }
}
