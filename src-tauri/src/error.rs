//! The one error type that crosses to the UI: a tagged union with a stable `code`, a human message and,
//! where it helps, a hint on what to do. The UI switches on `code`, never on the message.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::engine::EngineError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type, thiserror::Error)]
#[serde(tag = "code", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum AppError {
    #[error("{message}")]
    EngineUnreachable { message: String, hint: Option<String> },
    #[error("{message}")]
    EngineRejected { message: String, hint: Option<String> },
    #[error("{message}")]
    BadEngineConfig { message: String, hint: Option<String> },
    #[error("{message}")]
    NotReady { message: String, hint: Option<String> },
}

impl AppError {
    pub fn not_ready() -> Self {
        Self::NotReady {
            message: "Netlens has not read the engine yet.".into(),
            hint: Some("Wait a moment: the view appears as soon as the engine answers.".into()),
        }
    }
}

impl From<EngineError> for AppError {
    fn from(e: EngineError) -> Self {
        let message = e.to_string();
        match e {
            EngineError::Unreachable { .. } => Self::EngineUnreachable {
                message,
                hint: Some(
                    "Start Docker, or point Netlens at another engine with DOCKER_HOST or `docker context use`.".into(),
                ),
            },
            EngineError::Rejected { status, .. } => Self::EngineRejected { message, hint: engine_hint(status) },
            EngineError::BadConfig { .. } => Self::BadEngineConfig {
                message,
                hint: Some("Check DOCKER_HOST, DOCKER_CONTEXT and `docker context ls`.".into()),
            },
        }
    }
}

/// Plain-language hints for the engine's status codes.
pub fn engine_hint(status: u16) -> Option<String> {
    match status {
        403 => Some("The engine forbids this: predefined networks and networks with active endpoints cannot be changed this way.".into()),
        404 => Some("It no longer exists: someone removed it a moment ago. The view updates by itself.".into()),
        409 => Some("It conflicts with the current state (already connected, or the name or address is taken).".into()),
        500 => Some("The engine failed internally; its message above says why.".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_tagged_union_with_stable_code() {
        let e = AppError::from(EngineError::Unreachable {
            endpoint: "unix:///x.sock".into(),
            reason: "no such file".into(),
        });
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "engineUnreachable");
        assert_eq!(json["message"], "no Docker engine answers at unix:///x.sock: no such file");
        assert!(json["hint"].as_str().unwrap().contains("DOCKER_HOST"));
    }

    #[test]
    fn engine_refusals_carry_a_hint() {
        let e =
            AppError::from(EngineError::Rejected { status: 403, message: "bridge is a pre-defined network".into() });
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "engineRejected");
        assert!(json["hint"].as_str().unwrap().contains("predefined"));
    }
}
