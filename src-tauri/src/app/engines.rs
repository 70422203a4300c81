//! The engine switcher's commands and its wiring to the window: the sink that turns the followed engine's
//! updates into events, mounting the switcher at start-up, and ending it (and any ssh forward) on quit.
//! Each command is one call into `crate::engines`.

use std::sync::Arc;

use tauri::{Manager, Runtime};
use tauri_specta::Event;

use crate::dto::engines::{EngineFormDto, EnginePlanDto, EnginesDto, SwitchedDto};
use crate::dto::{EngineStatusChanged, EngineStatusDto, TopologyChanged, TopologyPatched};
use crate::engines::{Engines, Sink};
use crate::error::AppError;
use crate::state::{AppState, LiveConfig, TopologyUpdate};
use netlens_engine::Environment;

type Switcher<'a> = tauri::State<'a, Arc<Engines>>;

/// Every engine to choose from: docker contexts, saved engines, the sandbox; which one the window follows.
#[tauri::command]
#[specta::specta]
pub fn list_engines(engines: Switcher<'_>) -> EnginesDto {
    engines.list()
}

/// Checks the add-engine form as it is now; changes nothing.
#[tauri::command]
#[specta::specta]
pub fn plan_engine(engines: Switcher<'_>, form: EngineFormDto) -> EnginePlanDto {
    engines.plan(&form)
}

/// Saves a new engine in the app's config folder.
#[tauri::command]
#[specta::specta]
pub fn add_engine(engines: Switcher<'_>, form: EngineFormDto) -> Result<EnginesDto, AppError> {
    engines.add(&form)
}

/// Forgets a saved engine (not the one shown).
#[tauri::command]
#[specta::specta]
pub fn remove_engine(engines: Switcher<'_>, name: String) -> Result<EnginesDto, AppError> {
    engines.remove(&name)
}

/// Follows another engine; resolves once the old one is let go (the new one's graph follows as events).
#[tauri::command]
#[specta::specta]
pub async fn switch_engine(engines: Switcher<'_>, id: String) -> Result<SwitchedDto, AppError> {
    engines.switch(&id).await
}

/// The followed engine's updates, as the window's events. A window that is gone cannot be told; the next
/// update tries again.
struct WindowSink<R: Runtime>(tauri::AppHandle<R>);

impl<R: Runtime> Sink for WindowSink<R> {
    fn status(&self, status: EngineStatusDto) {
        let _ = EngineStatusChanged(status).emit(&self.0);
    }

    fn topology(&self, update: TopologyUpdate) {
        let _ = match update {
            TopologyUpdate::Full(t) => TopologyChanged(t).emit(&self.0),
            TopologyUpdate::Diff(d) => TopologyPatched(d).emit(&self.0),
        };
    }
}

/// Mounts the switcher and starts following the engine the window began with.
pub fn mount<R: Runtime>(app: &tauri::App<R>, state: Arc<AppState>, config: &LiveConfig) {
    let engines = Arc::new(Engines::new(
        state,
        config,
        Environment::from_process(),
        app.path().app_config_dir().ok(),
        tauri::async_runtime::handle().inner().clone(),
        Arc::new(WindowSink(app.handle().clone())),
    ));
    app.manage(engines.clone());
    tauri::async_runtime::spawn(async move { engines.start().await });
}

/// On quit: the follow task and any ssh forward end before the process does.
pub fn shut_down<R: Runtime>(app: &tauri::AppHandle<R>) {
    if let Some(engines) = app.try_state::<Arc<Engines>>() {
        let engines = engines.inner().clone();
        tauri::async_runtime::block_on(async move { engines.stop().await });
    }
}
