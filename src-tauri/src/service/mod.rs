//! Running the core's plans against the engine: plan against the current topology → run → settle (wait
//! until the view shows it) → record in the history.
//!
//! Owns the order of those steps and the one-operation-at-a-time rule (every change holds the history's
//! lock from planning to recording). `endpoints` connects and disconnects, `networks` creates, removes and
//! prunes (`network_undo` takes each back and makes it again), `history` undoes and redoes any of them
//! through one path, `run` holds the steps they share, and `reach` and `inspect` only read (reachability
//! answers, a network's raw JSON); `export` renders the topology as text and writes exports where the
//! person chose. The plans come from `netlens_core`, the calls from `netlens_engine`; nothing here knows
//! about Tauri.

pub mod endpoints;
pub mod export;
pub mod history;
pub mod inspect;
pub mod network_undo;
pub mod networks;
pub mod reach;
mod run;

pub use run::shows;
