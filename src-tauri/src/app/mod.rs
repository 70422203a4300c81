//! The Tauri wiring: managed state, commands, events, and the task that keeps the view live.
//!
//! Commands are a few lines each: they call `workbench` (or read the managed `AppState`, whose locking
//! `state` documents) and map to the contract. Engine IO lives in `engine`; this module only routes its
//! updates to the UI.

use std::sync::Arc;

use netlens_core::filter::ViewFilter;
use netlens_core::networks::NetworkSpec;
use tauri::Runtime;
use tauri_specta::{collect_commands, collect_events};

use crate::dto::export::{ExportContentsDto, ExportFormatDto, ExportTextDto, SavedDto};
use crate::dto::lifecycle::{
    CreateOptionsDto, CreatePlanDto, PruneFiltersDto, PrunePreviewDto, RemovePlanDto, ReportDto,
};
use crate::dto::ops::{
    AliasesDto, ConnectPlanDto, DisconnectPlanDto, DropTargetDto, EndpointConfigDto, HistoryDto, OutcomeDto,
};
use crate::dto::reach::{ReachItemDto, VerdictDto};
use crate::dto::{EngineStatusChanged, EngineStatusDto, TopologyChanged, TopologyDto, TopologyPatched};
use crate::error::AppError;
use crate::service::export::SavePaths;
use crate::service::{endpoints, export, history, inspect, networks, reach};
pub use crate::state::{AppState, LiveConfig};

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
fn plan_create(state: State<'_>, spec: NetworkSpec) -> Result<CreatePlanDto, AppError> {
    networks::plan_create(&state, &spec)
}

#[tauri::command]
#[specta::specta]
async fn create_network(state: State<'_>, spec: NetworkSpec) -> Result<OutcomeDto, AppError> {
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

/// The topology the window shows as `netlens export --format …` prints it; changes nothing.
#[tauri::command]
#[specta::specta]
fn export_topology(state: State<'_>, format: ExportFormatDto, filter: ViewFilter) -> Result<ExportTextDto, AppError> {
    export::render(&state, format, &filter)
}

/// Writes an export to a file the person chose in the save dialog (atomically); refuses any other path.
#[tauri::command]
#[specta::specta]
fn save_export(
    paths: tauri::State<'_, SavePaths>,
    path: String,
    contents: ExportContentsDto,
) -> Result<SavedDto, AppError> {
    export::save(&paths, &path, &contents)
}

pub fn specta_builder<R: Runtime>() -> tauri_specta::Builder<R> {
    tauri_specta::Builder::<R>::new()
        .commands(collect_commands![
            get_topology,
            get_engine_status,
            engines::list_engines,
            engines::plan_engine,
            engines::add_engine,
            engines::remove_engine,
            engines::switch_engine,
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
            can_reach,
            export_topology,
            save_export
        ])
        .events(collect_events![TopologyChanged, TopologyPatched, EngineStatusChanged])
        // The window's filters (core's one definition), which the UI applies and keeps in localStorage.
        .typ::<ViewFilter>()
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
    builder
        .plugin(tauri_plugin_shell::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_fs::init())
        .invoke_handler(specta.invoke_handler())
        .manage(state.clone())
        .manage(SavePaths::from_env())
        .setup(move |app| {
            specta.mount_events(app);
            remember_chosen_paths(app.handle());
            // The follow task and the engine switcher (`crate::engines`), started before the window: the
            // engine is read while GTK and WebKit build the window and load the page (~0.8 s), so the
            // topology is ready when the page first asks for it.
            engines::mount(app, state.clone(), &config);
            open_windows(app)?;
            Ok(())
        })
}

/// The windows of `tauri.conf.json`, which says `"create": false` so that Tauri does not build them before
/// `setup` (it would, and the engine read would start only once the webview exists).
fn open_windows<R: Runtime>(app: &tauri::App<R>) -> tauri::Result<()> {
    for window in app.config().app.windows.iter().filter(|w| !w.create) {
        tauri::WebviewWindowBuilder::from_config(app.handle(), window)?.build()?;
    }
    Ok(())
}

/// The save dialog (asked by the page through the dialog plugin) adds the path the person chose to the fs
/// plugin's scope; `save_export` writes only such paths (`service::export`), so the page alone cannot
/// write anywhere. No fs command is granted to the window: the scope is used for this record only.
fn remember_chosen_paths<R: Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::Manager;
    use tauri_plugin_fs::FsExt;
    let Some(scope) = app.try_fs_scope() else { return };
    let app = app.clone();
    scope.listen(move |event| {
        if let tauri::scope::fs::Event::PathAllowed(path) = event {
            app.state::<SavePaths>().chosen(path);
        }
    });
}

/// The app's context from `tauri.conf.json` and `capabilities/`: the window, the CSP, the plugins' config and
/// what each window may call. Generic so the tests run the same context on the mock runtime.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

pub fn run(config: LiveConfig) -> Result<(), String> {
    let app = build(tauri::Builder::default(), config)
        .build(context())
        .map_err(|e| format!("the window could not start: {e}"))?;
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            engines::shut_down(app);
        }
    });
    Ok(())
}

mod engines;
pub mod renderer;
#[cfg(test)]
mod tests;
