//! Planning a network's lifecycle (create, remove, undo of a remove, prune) as pure functions over a
//! `Topology`.
//!
//! Owns what the create dialog sends (`NetworkSpec`), every reason to refuse it (`SpecProblem`), the docker CLI
//! lines, remove plans and their undo, the prune preview and its confirmation, and the driver explanations.
//! It must not call the engine nor know about Tauri: the engine module runs these plans as planned, and the
//! app maps them to the contract.

pub mod command;
pub mod drivers;
mod fields;
pub mod filters;
pub mod problem;
pub mod prune;
pub mod recreate;
pub mod remove;
pub mod report;
pub mod spec;
pub mod undo;
pub mod validate;
mod wording;

#[cfg(test)]
mod tests;

pub use crate::address::Reserved as ReservedAddress;
pub use command::{create_command, prune_command, rm_command};
pub use drivers::{driver_choices, explain_driver, DriverChoice};
pub use filters::{parse_duration, parse_filters, FilterProblem};
pub use problem::{Field, KeyProblem, SpecProblem, ValueProblem, MAX_KEY_BYTES, MAX_VALUE_BYTES};
pub use prune::{
    age_text, prune_confirm, prune_preview, LabelFilter, PreviewItem, PruneDecision, PruneFilters, PruneTarget,
    SkipReason, Skipped,
};
pub use recreate::{check_recreate, recreate_plan, spec_of, Reconnect, Recreate, RecreateRefusal};
pub use remove::{plan_remove, Attached, NetworkRemoval, RemoveItem, RemovePlan, RemoveRefusal};
pub use report::{Outcome, OutcomeKind, Report, ReportItem};
pub use spec::{CreateContext, NetworkSpec};
pub use undo::{check_undo_create, UndoRefusal};
pub use validate::validate_create;
