//! Running the core's plans against the engine: plan against the current topology → run → wait until the
//! view shows it (settle) → record in the history.
//!
//! Owns the order of those steps and the one-operation-at-a-time rule; the plans come from
//! `netlens_core`, the calls from `netlens_engine`.

pub mod endpoints;
pub mod networks;
