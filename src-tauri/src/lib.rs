//! Netlens: a Docker engine's networks and containers as a live graph.
//!
//! `engine` is the only module doing IO; `topology`, `layout` and `export` are pure; `dto` and `error`
//! are the contract with the UI; `app` wires it into Tauri; `cli` is the command line.

pub mod app;
pub mod cli;
pub mod dto;
pub mod engine;
pub mod error;
pub mod export;
#[cfg(test)]
mod fixtures;
pub mod history;
pub mod layout;
pub mod lifecycle;
pub mod model;
pub mod netbench;
pub mod ops;
pub mod state;
pub mod topology;
pub mod workbench;
