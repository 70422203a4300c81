//! What the status bar says about the engine, and how it follows the live updates.
//!
//! Owns the small state machine from connection events to `EngineStatusDto` (connecting, connected,
//! unreachable with its retry countdown). It must not read the engine or hold other state: `state` feeds it.

use crate::dto::{EngineState, EngineStatusDto};
use netlens_engine::events::LiveUpdate;

/// The status that follows a live update, given the previous one; `None` when nothing a person sees changed.
pub fn after(prev: &EngineStatusDto, update: &LiveUpdate) -> Option<EngineStatusDto> {
    let mut next = prev.clone();
    match update {
        LiveUpdate::Connecting => {
            if prev.state == EngineState::Unreachable {
                // Keep saying "unreachable" while retrying: flickering to "connecting" every second helps nobody.
                return None;
            }
            next.state = EngineState::Connecting;
        }
        LiveUpdate::Connected(engine) => {
            next.state = EngineState::Connected;
            next.engine_version = engine.info().version.clone();
            next.api_version = engine.info().api_version.clone();
            next.limits = engine.limits();
            next.message = None;
            next.retry_in_seconds = None;
        }
        LiveUpdate::Unreachable { reason, retry_in } => {
            next.state = EngineState::Unreachable;
            next.message = Some(reason.clone());
            next.retry_in_seconds = Some(u32::try_from(retry_in.as_secs()).unwrap_or(u32::MAX));
        }
        LiveUpdate::Snapshot(_) | LiveUpdate::Patch(_) => return None,
    }
    (next != *prev).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_stays_unreachable_while_retrying() {
        let down = EngineStatusDto {
            state: EngineState::Unreachable,
            context: "default".into(),
            endpoint: "unix:///x".into(),
            source: "default socket".into(),
            engine_version: None,
            api_version: None,
            sandbox: false,
            sandbox_reason: None,
            message: Some("gone".into()),
            retry_in_seconds: Some(1),
            limits: vec![],
        };
        assert_eq!(after(&down, &LiveUpdate::Connecting), None);
        let again = after(
            &down,
            &LiveUpdate::Unreachable { reason: "still gone".into(), retry_in: std::time::Duration::from_secs(5) },
        )
        .unwrap();
        assert_eq!(again.retry_in_seconds, Some(5));
        assert_eq!(again.message.as_deref(), Some("still gone"));
    }
}
