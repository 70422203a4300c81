//! The wire shapes core types share when they travel to the UI as they are (the `contract` feature): a
//! string map goes as a list of key/value pairs, the rows the UI shows and edits in order.
//!
//! Owns only that shape. It must not decide which types cross to the UI (the app does) nor hold rules.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One label or option, as the UI lists and edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

impl KeyValue {
    /// A map's entries as the UI lists them, sorted by key.
    pub fn list(map: &BTreeMap<String, String>) -> Vec<Self> {
        map.iter().map(|(key, value)| Self { key: key.clone(), value: value.clone() }).collect()
    }
}

/// `#[serde(with = "crate::contract::pairs")]` on a `BTreeMap<String, String>` field (with
/// `#[specta(type = Vec<KeyValue>)]`): it travels as `[{ key, value }]`. A key given twice keeps its last
/// value, as a form's later row overrides an earlier one.
pub mod pairs {
    use super::*;

    pub fn serialize<S: Serializer>(map: &BTreeMap<String, String>, s: S) -> Result<S::Ok, S::Error> {
        /// `KeyValue`'s shape over the map's own strings: the same text without a copy of every label.
        #[derive(Serialize)]
        struct Pair<'a> {
            key: &'a str,
            value: &'a str,
        }
        s.collect_seq(map.iter().map(|(key, value)| Pair { key, value }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
        Ok(Vec::<KeyValue>::deserialize(d)?.into_iter().map(|p| (p.key, p.value)).collect())
    }
}
