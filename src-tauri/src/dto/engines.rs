//! Contract types of the engine switcher: the list of engines, the add-engine form and its check, and what a
//! switch answers. Converted from `netlens_engine::catalog` and `form`; no rule lives here.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::dto::ops::ProblemDto;
use netlens_engine::catalog::{Choice, ChoiceKind};
use netlens_engine::form::{EngineForm, Kind};

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EngineChoiceDto {
    /// Stable: `context:<name>`, `saved:<name>` or `sandbox`.
    pub id: String,
    pub name: String,
    pub kind: ChoiceKind,
    pub endpoint: String,
    pub description: String,
    /// Whether the window follows this engine now.
    pub current: bool,
    /// Why it cannot be switched to (an unreadable context); `null` when it can.
    pub unusable: Option<String>,
}

impl EngineChoiceDto {
    pub fn of(choice: &Choice, current: &str) -> Self {
        Self {
            id: choice.id.clone(),
            name: choice.name.clone(),
            kind: choice.kind,
            endpoint: choice.endpoint.clone(),
            description: choice.description.clone(),
            current: choice.id == current,
            unusable: choice.target.as_ref().err().cloned(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EnginesDto {
    pub choices: Vec<EngineChoiceDto>,
    /// The id of the engine the window follows.
    pub current: String,
    /// What could not be read (a corrupt `engines.json` kept aside, an unreadable docker `config.json`).
    pub problems: Vec<String>,
    /// Where added engines are saved; `null` when there is no config folder (they are then refused).
    pub saved_in: Option<String>,
}

/// What a switch answers: the list with its new current engine, and the last revision of the old engine's
/// view (the UI drops a topology at or below it: it belongs to the engine left).
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SwitchedDto {
    pub engines: EnginesDto,
    pub left_revision: u32,
}

/// The add-engine form as the person filled it in.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EngineFormDto {
    pub kind: Kind,
    /// The fields as the engine crate checks them (name, address, and for TLS the CA, certificate and key).
    #[serde(flatten)]
    pub form: EngineForm,
}

/// The form checked as it is now: the address Netlens would save, or every problem by field.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EnginePlanDto {
    /// `unix:///…`, `tcp://host:port` or `ssh://…`; `null` while the form has problems.
    pub host: Option<String>,
    pub problems: Vec<ProblemDto>,
    /// What the connection means for safety (plain TCP is not encrypted), in words for the form.
    pub notes: Vec<String>,
}
