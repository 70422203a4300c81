//! A headless Netlens for integration tests: the same `AppState` the window uses, kept live by the same
//! `follow` task, so the workbench can be driven against the sandbox engine without Tauri.

use std::sync::Arc;
use std::time::Duration;

use netlens::state::{AppState, LiveConfig};
use netlens_core::topology::Topology;
use netlens_engine::events::follow;
use netlens_engine::Target;

pub struct Live {
    pub state: Arc<AppState>,
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
        let follower = tokio::spawn(follow(target, tx));
        let apply = tokio::spawn(async move {
            while let Some(update) = rx.recv().await {
                applier.apply(&update);
            }
        });
        let live = Self { state, tasks: [follower, apply] };
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
