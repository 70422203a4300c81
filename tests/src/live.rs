//! A headless Netlens for integration tests: the same `AppState` the window uses, kept live by the same
//! `follow` task, so the workbench can be driven against the sandbox engine without Tauri. `hold_view`
//! keeps the view where it is (updates wait) to act on it before it caught up, as a click can.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use netlens::state::{AppState, LiveConfig};
use netlens_core::topology::Topology;
use netlens_engine::events::{follow, LiveUpdate};
use netlens_engine::Target;
use tokio::sync::mpsc::UnboundedReceiver;

pub struct Live {
    pub state: Arc<AppState>,
    /// `Some` while the view is held: the updates that arrived meanwhile, in order.
    held: Arc<Mutex<Option<Vec<LiveUpdate>>>>,
    tasks: [tokio::task::JoinHandle<()>; 2],
}

impl Live {
    /// Follows `host` until the state has an engine and a first topology.
    pub async fn start(host: &str) -> Self {
        let target = Target { context: "test".into(), host: host.into(), tls: None, source: "test" };
        let config = LiveConfig { target: target.clone(), sandbox: true, sandbox_reason: None };
        let state = Arc::new(AppState::new(&config));
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        state.set_live_sender(tx.clone());
        let applier = state.clone();
        let held: Arc<Mutex<Option<Vec<LiveUpdate>>>> = Arc::default();
        let hold = held.clone();
        let follower = tokio::spawn(follow(target, tx));
        let apply = tokio::spawn(async move {
            while let Some(update) = rx.recv().await {
                let mut held = hold.lock().unwrap();
                match held.as_mut() {
                    Some(waiting) => waiting.push(update),
                    None => {
                        applier.apply(&update);
                    }
                }
            }
        });
        let live = Self { state, held, tasks: [follower, apply] };
        for _ in 0..200 {
            if live.state.current().is_ok() {
                return live;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the sandbox engine did not give a first topology within 10 s");
    }

    /// Waits (up to 10 s) until the view satisfies `pred`, e.g. after a docker CLI change.
    pub async fn until(&self, what: &str, pred: impl Fn(&Topology) -> bool) {
        assert!(self.state.wait_for_view(Duration::from_secs(10), pred).await, "the view never showed: {what}");
    }

    /// From now on the view stays as it is: what the engine reports waits until `release_view`. The
    /// services still reach the engine, so they act on a view that has not caught up.
    pub fn hold_view(&self) {
        self.held.lock().unwrap().get_or_insert_with(Vec::new);
    }

    /// Applies what waited, in order, and lets updates through again.
    pub fn release_view(&self) {
        let mut held = self.held.lock().unwrap();
        for update in held.take().unwrap_or_default() {
            self.state.apply(&update);
        }
    }

    pub fn network_id(&self, name: &str) -> String {
        self.state.topology().unwrap().network_by_name(name).map(|n| n.id.clone()).unwrap()
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// How long after `since` the follow task said the engine is gone, and why; `None` when it fell silent for
/// 10 s before saying so.
pub async fn noticed_gone(rx: &mut UnboundedReceiver<LiveUpdate>, since: Instant) -> Option<(Duration, String)> {
    while let Ok(Some(u)) = tokio::time::timeout(Duration::from_secs(10), rx.recv()).await {
        if let LiveUpdate::Unreachable { reason, .. } = u {
            return Some((since.elapsed(), reason));
        }
    }
    None
}
