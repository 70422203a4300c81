//! Netlens, the app: a Docker engine's networks and containers as a live graph.
//!
//! Owns the managed state (`state`), the services that run the core's plans against the engine
//! (`service`: plan → run → settle → record), the contract with the UI (`dto`, `error`), the Tauri wiring
//! (`app`) and the command line (`cli`, `export`, `output`, `launch`). The pure logic lives in `netlens_core` and every
//! engine call in `netlens_engine`; this crate must not grow rules of its own.

pub mod app;
pub mod cli;
pub mod dto;
pub mod engines;
pub mod error;
pub mod export;
#[cfg(test)]
mod golden;
pub mod launch;
pub mod output;
pub mod service;
pub mod state;
pub mod status;
