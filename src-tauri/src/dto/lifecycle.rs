//! Contract types for a network's lifecycle: the create form, its plan, remove plans, the prune preview and
//! the result report, converted from `lifecycle`.
//!
//! Owns only shapes and their conversion; what may run is decided in `lifecycle`, and running it in
//! `netbench`.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::ops::{HistoryDto, ProblemDto};
use super::KeyValueDto;
use netlens_core::networks::{
    DriverChoice, NetworkRemoval, NetworkSpec, OutcomeKind, PreviewItem, RemoveItem, RemovePlan, Report, ReportItem,
};

/// What the create dialog sends. Blank strings mean "not set".
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct NetworkSpecDto {
    pub name: String,
    /// Blank means `bridge`.
    pub driver: String,
    pub subnet: String,
    pub ip_range: String,
    pub gateway: String,
    pub ipv6: bool,
    pub subnet_v6: String,
    pub gateway_v6: String,
    pub internal: bool,
    pub attachable: bool,
    pub encrypted: bool,
    pub mtu: String,
    /// Inter-container communication on a bridge (on by default).
    pub icc: bool,
    pub parent: String,
    pub mode: String,
    pub labels: Vec<KeyValueDto>,
    pub options: Vec<KeyValueDto>,
}

impl From<&NetworkSpec> for NetworkSpecDto {
    fn from(s: &NetworkSpec) -> Self {
        let pairs = |m: &std::collections::BTreeMap<String, String>| {
            m.iter().map(|(k, v)| KeyValueDto { key: k.clone(), value: v.clone() }).collect()
        };
        Self {
            name: s.name.clone(),
            driver: s.driver.clone(),
            subnet: s.subnet.clone(),
            ip_range: s.ip_range.clone(),
            gateway: s.gateway.clone(),
            ipv6: s.ipv6,
            subnet_v6: s.subnet_v6.clone(),
            gateway_v6: s.gateway_v6.clone(),
            internal: s.internal,
            attachable: s.attachable,
            encrypted: s.encrypted,
            mtu: s.mtu.clone(),
            icc: s.icc,
            parent: s.parent.clone(),
            mode: s.mode.clone(),
            labels: pairs(&s.labels),
            options: pairs(&s.options),
        }
    }
}

/// An empty form, with the engine's defaults (inter-container communication on).
impl Default for NetworkSpecDto {
    fn default() -> Self {
        Self::from(&NetworkSpec::default())
    }
}

impl NetworkSpecDto {
    pub fn to_spec(&self) -> NetworkSpec {
        let map = |kv: &[KeyValueDto]| kv.iter().map(|p| (p.key.trim().to_string(), p.value.clone())).collect();
        NetworkSpec {
            name: self.name.clone(),
            driver: self.driver.clone(),
            subnet: self.subnet.clone(),
            ip_range: self.ip_range.clone(),
            gateway: self.gateway.clone(),
            ipv6: self.ipv6,
            subnet_v6: self.subnet_v6.clone(),
            gateway_v6: self.gateway_v6.clone(),
            internal: self.internal,
            attachable: self.attachable,
            encrypted: self.encrypted,
            mtu: self.mtu.clone(),
            icc: self.icc,
            parent: self.parent.clone(),
            mode: self.mode.clone(),
            labels: map(&self.labels),
            options: map(&self.options),
            // The dialog makes new networks; only a re-created one carries these.
            ..NetworkSpec::default()
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DriverChoiceDto {
    pub name: String,
    pub creatable: bool,
    /// Why it cannot be chosen here (e.g. overlay outside swarm mode).
    pub reason: Option<String>,
    /// One paragraph on what the driver is for.
    pub explanation: String,
}

impl From<DriverChoice> for DriverChoiceDto {
    fn from(d: DriverChoice) -> Self {
        Self { name: d.name, creatable: d.creatable, reason: d.reason, explanation: d.explanation.into() }
    }
}

/// What the create dialog offers on this engine.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CreateOptionsDto {
    pub drivers: Vec<DriverChoiceDto>,
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
pub struct PreviewItemDto {
    pub id: String,
    pub name: String,
    pub driver: String,
    pub created: Option<String>,
    /// "3 days ago".
    pub age: String,
    pub labels: Vec<KeyValueDto>,
}

impl From<&PreviewItem> for PreviewItemDto {
    fn from(p: &PreviewItem) -> Self {
        Self {
            id: p.id.clone(),
            name: p.name.clone(),
            driver: p.driver.clone(),
            created: p.created.clone(),
            age: p.age.clone(),
            labels: p.labels.iter().map(|(k, v)| KeyValueDto { key: k.clone(), value: v.clone() }).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PrunePreviewDto {
    pub items: Vec<PreviewItemDto>,
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
    use super::*;

    #[test]
    fn a_spec_survives_the_round_trip_through_the_contract() {
        let spec = NetworkSpec {
            name: "shop".into(),
            driver: "macvlan".into(),
            parent: "eth0".into(),
            mode: "bridge".into(),
            icc: false,
            labels: [("team".to_string(), "web".to_string())].into(),
            ..NetworkSpec::default()
        };
        assert_eq!(NetworkSpecDto::from(&spec).to_spec(), spec);
        assert!(NetworkSpecDto::default().icc, "the engine's default: containers may talk");
    }
}
