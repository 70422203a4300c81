//! The engine's own JSON for a network, for the inspector's raw tab.
//!
//! Owns only the check that the ID from the UI is one the view shows: the ID becomes part of the engine's URL
//! (`/networks/{id}`), so a `../` or an unknown ID must never reach it. It changes nothing and must not know
//! about Tauri.

use crate::error::AppError;
use crate::state::AppState;
use netlens_core::endpoints::known_network;

/// The network as the engine's inspect returns it, pretty-printed; asked by the topology's own ID.
pub async fn network_json(state: &AppState, network_id: &str) -> Result<String, AppError> {
    let id = known_network(&state.topology()?, network_id).map_err(|r| AppError::refused(&[r]))?.id.clone();
    let (_, engine) = state.current()?;
    Ok(engine.network_json(&id).await?)
}
