//! Keeps a view of the engine current: one long-lived task that connects, snapshots, follows the event
//! stream and reconnects by itself when the engine goes away.
//!
//! Owns the retry policy and when to re-read. It does not interpret events beyond "something changed":
//! every batch of events triggers a fresh two-request snapshot, which makes applying an event idempotent
//! (the stream can deliver the same disconnect twice) and covers events that carry no IDs (`prune`) or
//! do not say enough (`disconnect` does not tell a stop from an explicit disconnect).

use std::time::Duration;

use futures_util::StreamExt;
use tokio::sync::mpsc::UnboundedSender;

use super::{Engine, EngineError, Target};
use netlens_core::model::Snapshot;

/// Events that arrive this close together are answered with one snapshot.
const DEBOUNCE: Duration = Duration::from_millis(60);
/// Retry delays while the engine does not answer: quick at first, then every few seconds.
const RETRY: [u64; 4] = [1, 2, 3, 5];
/// Subscribe this far in the past so nothing that happens while the snapshot is read is missed; the
/// replayed events only cause one more (identical) snapshot.
const EVENT_OVERLAP_SECS: i64 = 2;

#[derive(Debug, Clone)]
pub enum LiveUpdate {
    Connecting,
    Connected(Box<Engine>),
    Unreachable { reason: String, retry_in: Duration },
    Snapshot(Snapshot),
}

/// Runs until the receiver is dropped.
pub async fn follow(target: Target, tx: UnboundedSender<LiveUpdate>) {
    let mut failures = 0usize;
    loop {
        if tx.send(LiveUpdate::Connecting).is_err() {
            return;
        }
        let outcome = match Engine::connect(&target).await {
            Ok(engine) => {
                failures = 0;
                if tx.send(LiveUpdate::Connected(Box::new(engine.clone()))).is_err() {
                    return;
                }
                watch(&engine, &tx).await
            }
            Err(e) => Err(e),
        };
        if tx.is_closed() {
            return;
        }
        let reason = match outcome {
            Ok(()) => "the engine closed the event stream".to_string(),
            Err(e) => e.to_string(),
        };
        let retry_in = Duration::from_secs(RETRY[failures.min(RETRY.len() - 1)]);
        failures += 1;
        if tx.send(LiveUpdate::Unreachable { reason, retry_in }).is_err() {
            return;
        }
        tokio::time::sleep(retry_in).await;
    }
}

/// Snapshot, then re-snapshot after every batch of events, until the stream ends or fails.
async fn watch(engine: &Engine, tx: &UnboundedSender<LiveUpdate>) -> Result<(), EngineError> {
    let since = chrono::Utc::now().timestamp() - EVENT_OVERLAP_SECS;
    let mut events = Box::pin(engine.events(Some(since)));
    let snapshot = engine.snapshot().await?;
    if tx.send(LiveUpdate::Snapshot(snapshot)).is_err() {
        return Ok(());
    }
    loop {
        match events.next().await {
            None => return Ok(()),
            Some(Err(e)) => return Err(e),
            Some(Ok(_)) => {}
        }
        // Drain the rest of the burst (a compose up or a prune emits many events at once).
        loop {
            match tokio::time::timeout(DEBOUNCE, events.next()).await {
                Err(_) => break,
                Ok(None) => return Ok(()),
                Ok(Some(Err(e))) => return Err(e),
                Ok(Some(Ok(_))) => {}
            }
        }
        let snapshot = engine.snapshot().await?;
        if tx.send(LiveUpdate::Snapshot(snapshot)).is_err() {
            return Ok(());
        }
    }
}
