//! The app's one managed state: what the window shows, the engine it follows, and the undo history.
//!
//! Locking: `view` and `dialogs` are `std::sync::Mutex`es held only to copy plain data in or out, never across an
//! `.await`. `history` is a `tokio::sync::Mutex` held for the whole of an operation (plan, engine call,
//! record), on purpose: it serializes operations, so two drops or an undo racing a connect cannot both plan
//! against the same graph. Nothing here knows about Tauri.

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::watch;

use crate::dto::diff::TopologyDiffDto;
use crate::dto::{EngineState, EngineStatusDto, TopologyDto};
use crate::error::AppError;
use netlens_core::history::History;
use netlens_core::layout::Layout;
use netlens_core::model::Snapshot;
use netlens_core::networks::{CreateContext, PreviewItem};
use netlens_core::topology::Topology;
use netlens_engine::events::LiveUpdate;
use netlens_engine::target::{resolve, Environment, Target, TargetError};
use netlens_engine::Engine;

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

/// What the window shows; replaced as a whole on every live update.
#[derive(Debug)]
pub struct View {
    pub status: EngineStatusDto,
    pub topology: Option<TopologyDto>,
    /// The engine's state as last read, patched by targeted re-reads between full snapshots.
    snapshot: Option<Snapshot>,
    /// The topology the DTO was built from: operations are planned against it.
    pub model: Option<Topology>,
    /// The engine while it answers; `None` while connecting or unreachable.
    pub engine: Option<Engine>,
    layout: Layout,
    revision: u32,
}

impl View {
    pub fn new(config: &LiveConfig) -> Self {
        Self {
            status: EngineStatusDto {
                state: EngineState::Connecting,
                context: config.target.context.clone(),
                endpoint: config.target.host.clone(),
                source: config.target.source.into(),
                engine_version: None,
                api_version: None,
                sandbox: config.sandbox,
                sandbox_reason: config.sandbox_reason.clone(),
                message: None,
                retry_in_seconds: None,
                limits: vec![],
            },
            topology: None,
            snapshot: None,
            model: None,
            engine: None,
            layout: Layout::default(),
            revision: 0,
        }
    }

    /// Starts over on another engine (`engines` switches): nothing of the old engine's view is kept but the
    /// revision count, which goes on so the UI never takes the new engine's first topology for an old one.
    /// `layout` is the new engine's own from an earlier visit; the old engine's is handed back to be kept.
    pub fn start_over(&mut self, config: &LiveConfig, layout: Layout) -> Layout {
        let revision = self.revision;
        let old = std::mem::replace(self, View::new(config));
        self.revision = revision;
        self.layout = layout;
        old.layout
    }

    /// The revision of the topology the UI was last given.
    pub fn revision(&self) -> u32 {
        self.revision
    }

    /// The next network named `name` appears at `at` (layout coordinates), e.g. where the person right-clicked.
    pub fn pin_network(&mut self, name: &str, at: (f64, f64)) {
        self.layout.pin_network(name, at);
    }

    /// Applies one live update; returns what the UI must be told. A full snapshot goes whole; a patch goes
    /// as the diff from the topology the UI last got, and not at all when nothing drawn changed.
    pub fn apply(&mut self, update: &LiveUpdate) -> (Option<EngineStatusDto>, Option<TopologyUpdate>) {
        match update {
            LiveUpdate::Snapshot(snapshot) => {
                self.snapshot = Some(snapshot.clone());
                let dto = self.rebuild(snapshot.clone());
                return (None, Some(TopologyUpdate::Full(dto)));
            }
            LiveUpdate::Patch(patch) => {
                let Some(mut snapshot) = self.snapshot.take() else { return (None, None) };
                snapshot.apply(patch);
                self.snapshot = Some(snapshot.clone());
                let Some(prev) = self.topology.clone() else {
                    return (None, Some(TopologyUpdate::Full(self.rebuild(snapshot))));
                };
                let next = self.rebuild(snapshot);
                let diff = TopologyDiffDto::between(&prev, &next);
                if diff.is_empty() {
                    // Nothing drawn changed: keep the revision the UI holds, so its next diff still applies.
                    self.revision -= 1;
                    self.topology = Some(prev);
                    return (None, None);
                }
                return (None, Some(TopologyUpdate::Diff(diff)));
            }
            LiveUpdate::Connected(engine) => self.engine = Some((**engine).clone()),
            LiveUpdate::Connecting | LiveUpdate::Unreachable { .. } => self.engine = None,
        }
        let status = crate::status::after(&self.status, update);
        if let Some(s) = &status {
            self.status = s.clone();
        }
        (status, None)
    }

    /// The next numbered topology from a snapshot: laid out incrementally, kept for planning and for the UI.
    fn rebuild(&mut self, snapshot: Snapshot) -> TopologyDto {
        let topology = Topology::from_snapshot(&snapshot);
        self.layout = self.layout.update(&topology);
        self.revision += 1;
        let dto = TopologyDto::build(self.revision, &topology, &self.layout);
        self.topology = Some(dto.clone());
        self.model = Some(topology);
        dto
    }
}

/// How a new topology reaches the UI.
#[derive(Debug, Clone, PartialEq)]
pub enum TopologyUpdate {
    Full(TopologyDto),
    Diff(TopologyDiffDto),
}

impl TopologyUpdate {
    pub fn revision(&self) -> u32 {
        match self {
            Self::Full(t) => t.revision,
            Self::Diff(d) => d.revision,
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
            (_, None) if view.status.state == EngineState::Unreachable => Err(AppError::EngineUnreachable {
                message: view.status.message.clone().unwrap_or_else(|| "The engine does not answer.".into()),
                hint: Some("Nothing was changed. Netlens reconnects by itself; try again once it has.".into()),
            }),
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
    fn view_turns_snapshots_into_numbered_topologies() {
        let mut view = View::new(&config());
        let (_, first) = view.apply(&LiveUpdate::Snapshot(demo()));
        let (_, second) = view.apply(&LiveUpdate::Snapshot(demo()));
        assert_eq!(first.unwrap().revision(), 1);
        let Some(TopologyUpdate::Full(second)) = second else { panic!("a snapshot goes whole") };
        assert_eq!(second.revision, 2);
        assert_eq!(view.topology.as_ref().unwrap().nodes.len(), second.nodes.len());
        assert!(view.model.is_some(), "operations plan against the same snapshot");
    }

    #[test]
    fn a_patch_goes_to_the_ui_as_a_diff_on_the_revision_it_holds() {
        use netlens_core::events::{Patch, Rereads};
        let mut view = View::new(&config());
        view.apply(&LiveUpdate::Snapshot(demo()));
        let asked = Rereads { containers: ["c-gateway".to_string()].into_iter().collect(), ..Rereads::default() };
        let (_, update) = view.apply(&LiveUpdate::Patch(Patch::from_reads(&asked, vec![], vec![])));
        let Some(TopologyUpdate::Diff(diff)) = update else { panic!("a patch goes as a diff: {update:?}") };
        assert_eq!((diff.base_revision, diff.revision), (1, 2));
        assert_eq!(diff.remove_nodes, ["container:c-gateway"]);
        assert!(view.model.as_ref().is_some_and(|t| t.container("c-gateway").is_none()), "planning sees it too");
    }

    #[test]
    fn a_patch_that_changes_nothing_drawn_keeps_the_revision() {
        use netlens_core::events::{Patch, Rereads};
        let mut view = View::new(&config());
        view.apply(&LiveUpdate::Snapshot(demo()));
        let api = demo().containers.into_iter().find(|c| c.name == "api").unwrap();
        let asked = Rereads { containers: [api.id.clone()].into_iter().collect(), ..Rereads::default() };
        let (_, update) = view.apply(&LiveUpdate::Patch(Patch::from_reads(&asked, vec![], vec![api])));
        assert_eq!(update, None);
        assert_eq!(view.topology.as_ref().map(|t| t.revision), Some(1));
    }

    #[test]
    fn a_second_network_joined_and_left_comes_and_goes_as_an_edge() {
        use netlens_core::events::{Patch, Rereads};
        let mut view = View::new(&config());
        let snap = demo();
        view.apply(&LiveUpdate::Snapshot(snap.clone()));
        let db = snap.containers.iter().find(|c| c.name == "db").cloned().unwrap();
        let vault = snap.networks.iter().find(|n| n.name == "vault").cloned().unwrap();
        let mut joined = db.clone();
        joined.endpoints.push(netlens_core::fixtures::endpoint(&vault, Some("10.214.20.7")));
        let asked = Rereads { containers: [db.id.clone()].into_iter().collect(), ..Rereads::default() };
        let edge = format!("endpoint:{}:{}", vault.id, db.id);
        // A stale read, the connect, its recheck, the disconnect, its recheck: one edge comes and goes.
        let reads = [db.clone(), joined.clone(), joined, db.clone(), db];
        let mut seen = Vec::new();
        for c in reads {
            let (_, update) = view.apply(&LiveUpdate::Patch(Patch::from_reads(&asked, vec![], vec![c])));
            if let Some(TopologyUpdate::Diff(d)) = update {
                let added = d.upsert_edges.iter().any(|e| e.id == edge);
                let removed = d.remove_edges.contains(&edge);
                seen.push((d.base_revision, d.revision, added, removed));
            }
        }
        assert_eq!(seen, [(1, 2, true, false), (2, 3, false, true)], "{seen:?}");
        assert!(view.topology.as_ref().is_some_and(|t| t.edges.iter().all(|e| e.id != edge)));
    }

    #[test]
    fn operations_wait_for_an_engine() {
        let state = AppState::new(&config());
        state.apply(&LiveUpdate::Snapshot(demo()));
        let err = state.current().err().unwrap();
        assert!(matches!(err, AppError::NotReady { .. }), "{err:?}");
        state.apply(&LiveUpdate::Unreachable { reason: "gone".into(), retry_in: Duration::from_secs(1) });
        let err = state.current().err().unwrap();
        assert!(matches!(err, AppError::EngineUnreachable { ref message, .. } if message == "gone"), "{err:?}");
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
