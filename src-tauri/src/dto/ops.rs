//! Contract types for changing the graph by hand: drop targets, connect/disconnect plans, outcomes and the
//! undo history, converted from `netlens_core::endpoints` and `history`.
//!
//! Owns only shapes and their conversion; whether something may run is decided in the core, and running it in
//! `service`.

use serde::{Deserialize, Serialize};
use specta::Type;

use netlens_core::endpoints::{EndpointConfig, EndpointRef};
use netlens_core::history::{EntryView, History};
use netlens_core::problem::{Code, Field, Problem};

/// What the connect form sends: the fields a person can set on a drop.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EndpointConfigDto {
    pub aliases: Vec<String>,
    /// Empty or absent: the engine assigns one.
    pub ipv4: Option<String>,
    pub ipv6: Option<String>,
}

impl EndpointConfigDto {
    /// Blank fields mean "let the engine choose", as an untouched form field does.
    pub fn to_config(&self) -> EndpointConfig {
        let filled = |s: &Option<String>| s.as_ref().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        EndpointConfig {
            aliases: self.aliases.iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect(),
            ipv4: filled(&self.ipv4),
            ipv6: filled(&self.ipv6),
            ..EndpointConfig::default()
        }
    }
}

/// One reason an operation cannot run, placed next to the form field it concerns.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ProblemDto {
    /// Stable (`alreadyConnected`, `addressInUse`, …): the UI switches on it.
    pub code: Code,
    /// The form field it belongs next to, or `null` when it is about the target itself.
    pub field: Option<Field>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl ProblemDto {
    /// Any planner's refusal, in the one shape the UI knows.
    pub fn of(p: &impl Problem) -> Self {
        Self { code: p.code(), field: p.field(), message: p.fact(), hint: p.hint() }
    }
}

pub fn problems<P: Problem>(found: &[P]) -> Vec<ProblemDto> {
    found.iter().map(ProblemDto::of).collect()
}

/// Whether a container being dragged may be dropped on one network, and if not, why.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DropTargetDto {
    pub network_id: String,
    /// The network's graph node id (`network:<id>`).
    pub node_id: String,
    pub network_name: String,
    /// `null` when the drop is allowed.
    pub refusal: Option<ProblemDto>,
}

/// A connect as the form currently describes it: its problems, its CLI equivalent, and what to suggest.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ConnectPlanDto {
    #[serde(flatten)]
    pub endpoint: EndpointRef,
    /// Empty when the connect can run as described.
    pub problems: Vec<ProblemDto>,
    /// The docker CLI line for the form as it is, e.g. `docker network connect --alias api backend web-1`.
    pub command: String,
    /// The next free address on the network, offered as a placeholder; `null` when it has no such subnet.
    pub suggested_ipv4: Option<String>,
    pub suggested_ipv6: Option<String>,
    /// The network's configured subnets, to say which addresses fit.
    pub subnets: Vec<String>,
    /// Whether the network accepts chosen addresses and aliases (the default `bridge` takes neither).
    pub user_defined: bool,
    pub ipv6_enabled: bool,
    pub container_running: bool,
    /// Something worth knowing that does not stop the connect (a stopped container gets its address later).
    pub notice: Option<String>,
}

/// A disconnect: whether it may run, its CLI equivalent, and whether to ask first.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DisconnectPlanDto {
    #[serde(flatten)]
    pub endpoint: EndpointRef,
    pub problem: Option<ProblemDto>,
    pub command: String,
    /// A running container loses live connections: the UI asks before it disconnects.
    pub container_running: bool,
    /// The endpoint's address on the network now (with prefix), to say what will be let go.
    pub ipv4: Option<String>,
    pub warning: Option<String>,
}

/// The visible history, oldest first, and what Ctrl+Z and Ctrl+Shift+Z would do now.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct HistoryDto {
    /// Each entry as the core's `EntryView` has it: what, the command, when, done or undone.
    pub entries: Vec<EntryView>,
    /// e.g. "Disconnect api from backend" (undoing a connect); `null` when there is nothing to undo.
    pub undo: Option<String>,
    pub redo: Option<String>,
}

impl From<&History> for HistoryDto {
    fn from(h: &History) -> Self {
        Self {
            entries: h.entries(),
            undo: h.undo_candidate().map(|c| c.undo_describe()),
            redo: h.redo_candidate().map(|c| c.describe()),
        }
    }
}

/// What an operation, undo or redo did.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeDto {
    /// "Connected api to backend", in the past tense, for a toast.
    pub done: String,
    /// The docker CLI line that did the same.
    pub command: String,
    pub history: HistoryDto,
    /// E.g. the view did not show the change within the wait (the event stream lags); the change was made.
    pub notice: Option<String>,
}

/// One container's user-chosen aliases on a network (the container list does not carry them; an inspect does).
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AliasesDto {
    pub container_id: String,
    pub aliases: Vec<String>,
}
