//! The app's one managed state: what the window shows, the engine it follows, and the undo history.
//!
//! Locking: `view` and `dialogs` are `std::sync::Mutex`es held only to copy plain data in or out, never across an
//! `.await`. `history` is a `tokio::sync::Mutex` held for the whole of an operation (plan, engine call,
//! record), on purpose: it serializes operations, so two drops or an undo racing a connect cannot both plan
//! against the same graph. Nothing here knows about Tauri.
//!
//! `view` owns what the window shows and how each live update changes it.

mod view;

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::watch;

use crate::dto::{EngineState, EngineStatusDto};
use crate::error::{AppError, ErrorCode};
use netlens_core::history::History;
use netlens_core::networks::{CreateContext, PreviewItem};
use netlens_core::topology::Topology;
use netlens_engine::events::LiveUpdate;
use netlens_engine::target::{resolve, Environment, Target, TargetError};
use netlens_engine::Engine;
pub use view::{TopologyUpdate, View};

/// Which engine the window follows, and whether it is Netlens' own sandbox.
#[derive(Debug, Clone)]
pub struct LiveConfig {
    pub target: Target,
    pub sandbox: bool,
    /// Why `make run` fell back to the sandbox (the error from the user's engine), shown in the window.
    pub sandbox_reason: Option<String>,
}

impl LiveConfig {
    /// `NETLENS_SANDBOX=1` (set by `make run` after starting the sandbox) marks `DOCKER_HOST` as the
    /// sandbox so the window can say so; otherwise the engine is chosen as the docker CLI chooses it.
    pub fn from_env() -> Result<Self, TargetError> {
        let env = Environment::from_process();
        let sandbox = std::env::var("NETLENS_SANDBOX").is_ok_and(|v| v == "1");
        match (&env.docker_host, sandbox) {
            (Some(host), true) => Ok(Self {
                target: Target::sandbox(host.clone()),
                sandbox: true,
                sandbox_reason: std::env::var("NETLENS_SANDBOX_REASON").ok().filter(|r| !r.is_empty()),
            }),
            _ => Ok(Self { target: resolve(&env)?, sandbox: false, sandbox_reason: None }),
        }
    }
}

/// What the lifecycle dialogs remember between their requests.
#[derive(Debug, Default)]
struct Dialogs {
    /// The engine's drivers and swarm role as last read, for validating the create form on every keystroke.
    create_context: CreateContext,
    /// The prune preview last shown: a confirm removes only networks from it.
    prune_preview: Vec<PreviewItem>,
}

/// The one managed state.
pub struct AppState {
    view: Mutex<View>,
    /// Held only to copy in or out, like `view`.
    dialogs: Mutex<Dialogs>,
    pub history: tokio::sync::Mutex<History>,
    /// Bumped after every applied snapshot, so an operation can wait for the view to show its effect.
    drawn: watch::Sender<u32>,
    /// The live updates' channel, for re-reads made outside the follow task (see `push`).
    live: Mutex<Option<UnboundedSender<LiveUpdate>>>,
}

impl AppState {
    pub fn new(config: &LiveConfig) -> Self {
        Self {
            view: Mutex::new(View::new(config)),
            dialogs: Mutex::new(Dialogs::default()),
            history: tokio::sync::Mutex::new(History::new()),
            drawn: watch::Sender::new(0),
            live: Mutex::new(None),
        }
    }

    /// Where `push` sends updates: the channel the follow task feeds, so they reach the UI in order.
    pub fn set_live_sender(&self, tx: UnboundedSender<LiveUpdate>) {
        *self.live.lock().unwrap_or_else(|p| p.into_inner()) = Some(tx);
    }

    /// An update read by an operation itself (some changes raise no event, e.g. connecting a stopped
    /// container): it goes the way of the follow task's updates, or straight in when nothing follows.
    pub fn push(&self, update: LiveUpdate) {
        let tx = self.live.lock().unwrap_or_else(|p| p.into_inner()).clone();
        match tx {
            Some(tx) => {
                if let Err(unsent) = tx.send(update) {
                    self.apply(&unsent.0);
                }
            }
            None => {
                self.apply(&update);
            }
        }
    }

    /// A poisoned lock only means a panic happened while copying plain data; the data is still whole.
    pub fn view(&self) -> MutexGuard<'_, View> {
        self.view.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn dialogs(&self) -> MutexGuard<'_, Dialogs> {
        self.dialogs.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn create_context(&self) -> CreateContext {
        self.dialogs().create_context.clone()
    }

    pub fn set_create_context(&self, ctx: CreateContext) {
        self.dialogs().create_context = ctx;
    }

    /// Forgets what the dialogs read from the engine the window followed before a switch: a prune preview of
    /// one engine must never be confirmed on another.
    pub fn reset_dialogs(&self) {
        *self.dialogs() = Dialogs::default();
    }

    pub fn prune_preview(&self) -> Vec<PreviewItem> {
        self.dialogs().prune_preview.clone()
    }

    pub fn set_prune_preview(&self, items: Vec<PreviewItem>) {
        self.dialogs().prune_preview = items;
    }

    /// Applies a live update and wakes whoever waits for the view to change.
    pub fn apply(&self, update: &LiveUpdate) -> (Option<EngineStatusDto>, Option<TopologyUpdate>) {
        let (status, topology) = self.view().apply(update);
        if let Some(t) = &topology {
            self.drawn.send_replace(t.revision());
        }
        (status, topology)
    }

    /// The topology to plan against and the engine to run on, copied out of the lock.
    pub fn current(&self) -> Result<(Topology, Engine), AppError> {
        let view = self.view();
        match (&view.model, &view.engine) {
            (Some(t), Some(e)) => Ok((t.clone(), e.clone())),
            (_, None) if view.status.state == EngineState::Unreachable => Err(AppError::new(
                ErrorCode::EngineUnreachable,
                view.status.message.clone().unwrap_or_else(|| "The engine does not answer.".into()),
                Some("Nothing was changed. Netlens reconnects by itself; try again once it has.".into()),
            )),
            _ => Err(AppError::not_ready()),
        }
    }

    /// The current topology, for plans that only read it.
    pub fn topology(&self) -> Result<Topology, AppError> {
        self.view().model.clone().ok_or_else(AppError::not_ready)
    }

    /// Waits until `shows` holds for the view's topology, or `timeout` passes; true when it held.
    pub async fn wait_for_view(&self, timeout: Duration, shows: impl Fn(&Topology) -> bool) -> bool {
        let mut changes = self.drawn.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if self.view().model.as_ref().is_some_and(&shows) {
                return true;
            }
            match tokio::time::timeout_at(deadline, changes.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) | Err(_) => return false,
            }
        }
    }
}

/// App state for the crate's unit tests: on an engine that never answers, so nothing reaches a real one.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use netlens_core::model::Snapshot;

    /// The live configuration of a test: the sandbox at a socket that does not exist.
    pub(crate) fn config() -> LiveConfig {
        LiveConfig {
            target: Target::sandbox("unix:///nonexistent/netlens-test.sock".into()),
            sandbox: true,
            sandbox_reason: None,
        }
    }

    /// State before the first read: every command that needs the topology says "not ready".
    pub(crate) fn unread() -> AppState {
        AppState::new(&config())
    }

    /// State showing `snapshot`, as if the engine had just been read.
    pub(crate) fn showing(snapshot: Snapshot) -> AppState {
        let state = unread();
        state.apply(&LiveUpdate::Snapshot(snapshot));
        state
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::config;
    use super::*;
    use netlens_core::fixtures::demo;

    #[test]
    fn operations_wait_for_an_engine() {
        let state = AppState::new(&config());
        state.apply(&LiveUpdate::Snapshot(demo()));
        let err = state.current().err().unwrap();
        assert!(matches!(err, AppError { code: ErrorCode::NotReady, .. }), "{err:?}");
        state.apply(&LiveUpdate::Unreachable { reason: "gone".into(), retry_in: Duration::from_secs(1) });
        let err = state.current().err().unwrap();
        assert!(
            matches!(err, AppError { code: ErrorCode::EngineUnreachable, ref message, .. } if message == "gone"),
            "{err:?}"
        );
    }

    #[tokio::test]
    async fn waiting_for_the_view_ends_when_a_snapshot_shows_the_change() {
        let state = std::sync::Arc::new(AppState::new(&config()));
        let waiter = {
            let state = state.clone();
            tokio::spawn(async move {
                state.wait_for_view(Duration::from_secs(5), |t| t.network_by_name("backend").is_some()).await
            })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        state.apply(&LiveUpdate::Snapshot(demo()));
        assert!(waiter.await.unwrap());
        let missing = state.wait_for_view(Duration::from_millis(30), |t| t.network_by_name("nope").is_some()).await;
        assert!(!missing, "gives up after the timeout");
    }
}
