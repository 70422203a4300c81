//! Contract types for exporting from the window: which text format of the topology, what to write, and what
//! was written.
//!
//! Owns only shapes. The formats are `crate::export`'s (the same as `netlens export`); the rules for writing
//! are `service::export`'s. It must not decide anything itself.

use serde::{Deserialize, Serialize};
use specta::Type;

/// A text rendering of the topology, as `netlens export --format …` prints it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormatDto {
    Json,
    Dot,
    Mermaid,
}

/// A text export and the command line that prints the same from a terminal (filters included), so the
/// window teaches the CLI with the exact flags instead of a guess.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ExportTextDto {
    pub text: String,
    /// e.g. `netlens export --format dot --hide-stopped`; the UI adds `--output FILE`.
    pub command: String,
}

/// What to write: text as it is (SVG, DOT, Mermaid, JSON), or bytes sent as base64 (a PNG, which the page
/// has as a data URL already; a JSON array of numbers would be four times the size).
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ExportContentsDto {
    Text { text: String },
    Base64 { data: String },
}

/// A file written: where, and how many bytes.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SavedDto {
    pub path: String,
    pub bytes: u32,
}
