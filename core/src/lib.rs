//! Netlens' core: everything about a Docker engine's networks that can be decided without talking to one.
//!
//! Owns the engine-independent model (`model`), the graph built from it (`topology`), where each node is
//! drawn (`layout`), the planning of endpoint changes (`endpoints`: connect, disconnect) and of network
//! changes (`networks`: create, remove, prune, re-create), the undo history of both (`history`), who can
//! reach whom and how (`reachability`), what a view filter shows (`filter`), what an engine refusal means
//! when the view was behind the engine (`stale`) and the text exports (`export`).
//! It must not do IO, spawn tasks or know about Tauri, bollard or tokio: the engine crate reads and writes
//! the engine, the app crate runs the plans made here and maps them to the UI's contract. Every function
//! here is tested with hand-built data (`fixtures`).

pub mod address;
#[cfg(feature = "contract")]
pub mod contract;
pub mod endpoints;
pub mod events;
pub mod export;
pub mod filter;
pub mod fixtures;
pub mod history;
pub mod layout;
pub mod model;
pub mod networks;
pub mod problem;
#[cfg(test)]
mod props;
pub mod reachability;
pub mod stale;
pub mod topology;
