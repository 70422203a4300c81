//! The one error type that crosses to the UI: a stable `code` (an enum, a literal union in TypeScript), a human
//! message and, where it helps, a hint on what to do. The UI switches on `code`, never on the message.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::dto::ops::{problems, ProblemDto};
use netlens_core::endpoints::{restore_message, Refusal};
use netlens_core::problem::Problem;
use netlens_engine::EngineError;

/// What kind of failure it is: the stable code the UI switches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    EngineUnreachable,
    EngineRejected,
    BadEngineConfig,
    NotReady,
    /// Planned against the current topology and refused before anything was sent; each problem names its field.
    Refused,
    NothingToUndo,
    NothingToRedo,
    /// Undo or redo would not put things back exactly as they were (an address was taken meanwhile).
    CannotRestore,
    /// An export could not be written where the person asked (see `service::export`); nothing was written.
    CannotSave,
}

/// Every failure has the same parts; a refusal (`Refused`, `CannotRestore`) adds its problems, each naming its
/// field. An empty list is left out of the JSON, so the other codes travel as `{code, message, hint}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// What to do about it, where that helps.
    pub hint: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[specta(optional)]
    pub problems: Vec<ProblemDto>,
}

const CANNOT_RESTORE_HINT: &str =
    "Nothing was changed. Free what is in the way (or make the change by hand) and try again.";

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>, hint: Option<String>) -> Self {
        Self { code, message: message.into(), hint, problems: Vec::new() }
    }

    pub fn not_ready() -> Self {
        Self::new(
            ErrorCode::NotReady,
            "Netlens has not read the engine yet.",
            Some("Wait a moment: the view appears as soon as the engine answers.".into()),
        )
    }

    /// The first refusal leads the message; all of them travel in `problems` for the form.
    pub fn refused(refusals: &[Refusal]) -> Self {
        let (message, hint) = match refusals {
            [] => ("The operation was refused.".to_string(), None),
            [one] => (one.fact(), Some(one.hint())),
            [first, rest @ ..] => {
                (format!("{} (and {} more problem(s))", first.fact(), rest.len()), Some(first.hint()))
            }
        };
        Self { problems: problems(refusals), ..Self::new(ErrorCode::Refused, message, hint) }
    }

    /// Problems found by any planner (connect form, create form, re-create), first one leading.
    pub fn refused_problems(problems: Vec<ProblemDto>) -> Self {
        let (message, hint) = lead(&problems, "The operation was refused.");
        Self { problems, ..Self::new(ErrorCode::Refused, message, hint) }
    }

    /// Undo or redo of a network change that can no longer run exactly as recorded.
    pub fn cannot_restore_problems(problems: Vec<ProblemDto>) -> Self {
        let (message, _) = lead(&problems, "");
        let message = format!("cannot restore exactly: {message}");
        Self { problems, ..Self::new(ErrorCode::CannotRestore, message, Some(CANNOT_RESTORE_HINT.into())) }
    }

    pub fn cannot_restore(refusals: &[Refusal]) -> Self {
        let message = refusals.first().map_or_else(|| "cannot restore exactly".to_string(), restore_message);
        Self {
            problems: problems(refusals),
            ..Self::new(ErrorCode::CannotRestore, message, Some(CANNOT_RESTORE_HINT.into()))
        }
    }

    /// What to do about it, whichever the code.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    pub fn nothing_to_undo() -> Self {
        Self::new(ErrorCode::NothingToUndo, "There is nothing to undo.", None)
    }

    pub fn nothing_to_redo() -> Self {
        Self::new(ErrorCode::NothingToRedo, "There is nothing to redo.", None)
    }
}

fn lead(problems: &[ProblemDto], fallback: &str) -> (String, Option<String>) {
    match problems {
        [] => (fallback.to_string(), None),
        [one] => (one.message.clone(), Some(one.hint.clone())),
        [first, rest @ ..] => {
            (format!("{} (and {} more problem(s))", first.message, rest.len()), Some(first.hint.clone()))
        }
    }
}

impl From<EngineError> for AppError {
    fn from(e: EngineError) -> Self {
        let message = e.to_string();
        match e {
            EngineError::Unreachable { .. } => Self::new(
                ErrorCode::EngineUnreachable,
                message,
                Some(
                    "Start Docker, or point Netlens at another engine with DOCKER_HOST or `docker context use`.".into(),
                ),
            ),
            EngineError::Rejected { status, message: ref engine_says } => {
                let hint = engine_hint(status, engine_says);
                Self::new(ErrorCode::EngineRejected, message, hint)
            }
            EngineError::BadConfig { .. } => Self::new(
                ErrorCode::BadEngineConfig,
                message,
                Some("Check DOCKER_HOST, DOCKER_CONTEXT and `docker context ls`.".into()),
            ),
        }
    }
}

/// Plain-language hints for what the engine answered: its message when it is one we know (they are stable
/// across engine versions), else its status code.
pub fn engine_hint(status: u16, message: &str) -> Option<String> {
    let m = message.to_ascii_lowercase();
    let known = if m.contains("address already in use") {
        Some("Another endpoint (or the network's gateway) holds that address. Choose another, or leave the field empty to have one assigned.")
    } else if m.contains("already exists in network") {
        Some("The container is already on that network. Disconnect it first to change its settings there.")
    } else if m.contains("user specified ip address is supported only") || m.contains("user configured subnets") {
        Some("Chosen addresses work only on networks created with --subnet. Leave the field empty.")
    } else if m.contains("has active endpoints") {
        Some("Containers are still attached. Disconnect them first, or use \"disconnect all and remove\".")
    } else if m.contains("pre-defined network") || m.contains("predefined network") {
        Some("bridge, host and none are predefined: they come with the engine and cannot be removed or rewired this way.")
    } else if m.contains("is not connected to") {
        Some("It is not attached there any more; the view catches up by itself.")
    } else {
        None
    };
    if let Some(hint) = known {
        return Some(hint.into());
    }
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

    #[test]
    fn known_engine_messages_get_their_own_hint() {
        let e = AppError::from(EngineError::Rejected { status: 403, message: "Address already in use".into() });
        assert!(e.hint().unwrap().starts_with("Another endpoint"), "{e:?}");
        let e = AppError::from(EngineError::Rejected {
            status: 403,
            message: "error while removing network: network web id 1234 has active endpoints".into(),
        });
        assert!(e.hint().unwrap().contains("disconnect all and remove"), "{e:?}");
    }
}
