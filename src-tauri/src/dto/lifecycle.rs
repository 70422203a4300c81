//! Contract types for a network's lifecycle: the create form's plan, remove plans, the prune preview and the
//! result report, converted from `netlens_core::networks` (the form itself is the core's `NetworkSpec`, and
//! a previewed network its `PreviewItem`, as they are).
//!
//! Owns only shapes and their conversion; what may run is decided in the core, and running it in
//! `service::networks`.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::ops::{HistoryDto, ProblemDto};
use netlens_core::networks::{
    DriverChoice, NetworkRemoval, OutcomeKind, PreviewItem, RemoveItem, RemovePlan, Report, ReportItem,
};

/// What the create dialog offers on this engine. Only sent, never read back (the drivers' explanations are
/// the core's own text).
#[derive(Debug, Clone, Serialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CreateOptionsDto {
    pub drivers: Vec<DriverChoice>,
    pub swarm_manager: bool,
}

/// The create form as it is now: every problem next to its field, and the command.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CreatePlanDto {
    pub problems: Vec<ProblemDto>,
    pub command: String,
    /// What the chosen driver is for.
    pub explanation: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AttachedDto {
    pub container_id: String,
    pub container_name: String,
    pub running: bool,
}

/// One network of a remove plan: refused with a reason, or removable after disconnecting `attached`.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RemoveItemDto {
    pub network_id: String,
    pub network_name: String,
    pub refusal: Option<ProblemDto>,
    pub attached: Vec<AttachedDto>,
    /// "Remove backend? api and db will be disconnected first."
    pub confirm_text: Option<String>,
    pub commands: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RemovePlanDto {
    pub items: Vec<RemoveItemDto>,
    /// Every command of the removable networks, in order: disconnects, then one `rm`.
    pub commands: Vec<String>,
    /// Whether any container is disconnected on the way ("disconnect all and remove").
    pub disconnects_anything: bool,
}

impl From<&RemovePlan> for RemovePlanDto {
    fn from(plan: &RemovePlan) -> Self {
        let items = plan
            .items
            .iter()
            .map(|item| match item {
                RemoveItem::Planned(r) => planned(r),
                RemoveItem::Refused { network_id, network_name, refusal } => RemoveItemDto {
                    network_id: network_id.clone(),
                    network_name: network_name.clone().unwrap_or_else(|| network_id.clone()),
                    refusal: Some(ProblemDto::of(refusal)),
                    attached: vec![],
                    confirm_text: None,
                    commands: vec![],
                },
            })
            .collect();
        Self { items, commands: plan.commands(), disconnects_anything: plan.disconnects_anything() }
    }
}

fn planned(r: &NetworkRemoval) -> RemoveItemDto {
    RemoveItemDto {
        network_id: r.network.id.clone(),
        network_name: r.network.name.clone(),
        refusal: None,
        attached: r
            .attached
            .iter()
            .map(|a| AttachedDto {
                container_id: a.container_id.clone(),
                container_name: a.container_name.clone(),
                running: a.running(),
            })
            .collect(),
        confirm_text: Some(r.confirm_text()),
        commands: r.commands(),
    }
}

/// The prune preview's filters as the dialog writes them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PruneFiltersDto {
    /// Go duration as the CLI takes it: `24h`, `90m`, `3600s`; blank for no age limit.
    pub until: String,
    /// `label=k`, `label=k=v`, `label!=k`, `label!=k=v`, or just `k` / `k=v` (taken as `label=`).
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PrunePreviewDto {
    pub items: Vec<PreviewItem>,
    /// The `docker network prune` line with these filters (which decides again when it runs; Netlens
    /// removes exactly the previewed networks instead).
    pub command: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReportItemDto {
    pub id: String,
    pub name: String,
    pub outcome: OutcomeKind,
    /// Why it was skipped or failed.
    pub reason: Option<String>,
}

impl From<&ReportItem> for ReportItemDto {
    fn from(i: &ReportItem) -> Self {
        use netlens_core::networks::Outcome;
        let reason = match &i.outcome {
            Outcome::Removed => None,
            Outcome::Skipped(r) | Outcome::Failed(r) => Some(r.clone()),
        };
        Self { id: i.id.clone(), name: i.name.clone(), outcome: i.outcome.kind(), reason }
    }
}

/// What a remove or prune did, network by network.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReportDto {
    pub items: Vec<ReportItemDto>,
    /// "Removed 2 networks, skipped 1".
    pub summary: String,
    pub commands: Vec<String>,
    pub history: HistoryDto,
    /// E.g. that undo re-creates the networks under new IDs.
    pub notice: Option<String>,
}

impl ReportDto {
    pub fn new(report: &Report, commands: Vec<String>, history: HistoryDto, notice: Option<String>) -> Self {
        Self {
            items: report.items.iter().map(ReportItemDto::from).collect(),
            summary: report.summary(),
            commands,
            history,
            notice,
        }
    }
}

#[cfg(test)]
mod tests {
    use netlens_core::networks::NetworkSpec;

    #[test]
    fn a_spec_survives_the_round_trip_through_the_contract_with_its_labels_as_rows() {
        let spec = NetworkSpec {
            name: "shop".into(),
            driver: "macvlan".into(),
            parent: "eth0".into(),
            mode: "bridge".into(),
            icc: false,
            labels: [("team".to_string(), "web".to_string())].into(),
            ..NetworkSpec::default()
        };
        let json = serde_json::to_value(&spec).unwrap();
        assert_eq!(json["labels"], serde_json::json!([{ "key": "team", "value": "web" }]));
        assert_eq!(json["subnetV6"], "");
        assert_eq!(serde_json::from_value::<NetworkSpec>(json).unwrap(), spec);
    }

    #[test]
    fn what_a_re_created_network_carries_beyond_the_form_does_not_travel() {
        let spec = NetworkSpec {
            aux_addresses: [("router".to_string(), "10.0.0.5".to_string())].into(),
            ipam_options: [("k".to_string(), "v".to_string())].into(),
            ..NetworkSpec::default()
        };
        let json = serde_json::to_value(&spec).unwrap();
        assert!(json.get("auxAddresses").is_none() && json.get("ipamOptions").is_none(), "{json}");
        assert_eq!(serde_json::from_value::<NetworkSpec>(json).unwrap(), NetworkSpec::default());
    }

    #[test]
    fn a_label_given_twice_in_the_form_keeps_its_last_value() {
        let mut json = serde_json::to_value(NetworkSpec::default()).unwrap();
        json["labels"] = serde_json::json!([{ "key": "a", "value": "1" }, { "key": "a", "value": "2" }]);
        let spec: NetworkSpec = serde_json::from_value(json).unwrap();
        assert_eq!(spec.labels.get("a").map(String::as_str), Some("2"));
    }
}
