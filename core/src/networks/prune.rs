//! Pruning unused networks as a preview the person confirms, then a re-check that removes exactly what was
//! shown and nothing that changed since.
//!
//! Pure. The engine's `dangling` filter says which networks are unused (no endpoints, no services, not
//! predefined); `until` and the label filters are applied here, as the engine's prune would apply them.
//! The engine side then removes the confirmed networks one by one rather than calling prune, which would
//! decide again at its own moment.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

#[cfg(feature = "contract")]
use crate::contract::KeyValue;
use crate::model::Network;
use crate::topology::Topology;

/// One `label` (or `label!`) filter of a prune: `label=k`, `label=k=v`, `label!=k`, `label!=k=v`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelFilter {
    pub key: String,
    /// `None` matches any value.
    pub value: Option<String>,
    /// `label!`: keep the networks this matches.
    pub negate: bool,
}

impl LabelFilter {
    /// Reads a filter as the CLI writes it after `--filter`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        let (negate, rest) =
            if let Some(rest) = s.strip_prefix("label!=") { (true, rest) } else { (false, s.strip_prefix("label=")?) };
        let (key, value) = match rest.split_once('=') {
            Some((k, v)) => (k, Some(v.to_string())),
            None => (rest, None),
        };
        (!key.is_empty()).then(|| Self { key: key.into(), value, negate })
    }

    /// The filter as written after `--filter`.
    pub fn filter_arg(&self) -> String {
        let op = if self.negate { "label!" } else { "label" };
        match &self.value {
            Some(v) => format!("{op}={}={v}", self.key),
            None => format!("{op}={}", self.key),
        }
    }

    fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        match (labels.get(&self.key), &self.value) {
            (Some(_), None) => true,
            (Some(have), Some(want)) => have == want,
            (None, _) => false,
        }
    }
}

/// The filters of a prune preview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PruneFilters {
    /// Only networks created at least this long ago.
    pub until: Option<chrono::Duration>,
    pub labels: Vec<LabelFilter>,
}

impl PruneFilters {
    /// The engine's rule: every `label` filter must match, and the network is kept when every `label!`
    /// filter matches (moby's `matchLabels` over `MatchKVList`).
    pub fn labels_match(&self, labels: &BTreeMap<String, String>) -> bool {
        let (neg, pos): (Vec<&LabelFilter>, Vec<&LabelFilter>) = self.labels.iter().partition(|f| f.negate);
        pos.iter().all(|f| f.matches(labels)) && (neg.is_empty() || !neg.iter().all(|f| f.matches(labels)))
    }

    /// Whether a network is old enough. A network whose creation time is unknown is left out when `until`
    /// is set: the preview promises an age it could not show.
    pub fn old_enough(&self, network: &Network, now: DateTime<Utc>) -> bool {
        let Some(until) = self.until else { return true };
        // The engine prunes a network created at or before the cutoff, and keeps one created after it.
        // A cutoff before the first representable instant means nothing can be that old.
        let Some(cutoff) = now.checked_sub_signed(until) else { return false };
        created_at(network).is_some_and(|created| created <= cutoff)
    }
}

/// One network the prune would remove, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub struct PreviewItem {
    pub id: String,
    pub name: String,
    pub driver: String,
    /// RFC 3339, as the engine wrote it.
    pub created: Option<String>,
    /// "3 days ago"; empty when the creation time is unknown.
    pub age: String,
    #[cfg_attr(feature = "contract", serde(with = "crate::contract::pairs"), specta(type = Vec<KeyValue>))]
    pub labels: BTreeMap<String, String>,
}

/// The networks a prune with these filters would remove now, sorted by name.
///
/// `dangling_ids` come from the engine's `dangling` filter. Networks missing from the topology (it lags
/// behind the engine for a moment) are left out, and predefined ones or ones the topology shows in use
/// are left out too, whatever the engine said: a preview must not offer what the person can see is busy.
pub fn prune_preview<S: AsRef<str>>(
    topology: &Topology,
    dangling_ids: &[S],
    filters: &PruneFilters,
    now: DateTime<Utc>,
) -> Vec<PreviewItem> {
    let mut out: Vec<PreviewItem> = Vec::new();
    for id in dangling_ids.iter().map(AsRef::as_ref) {
        let Some(n) = topology.network(id) else { continue };
        let unused = !n.is_predefined() && topology.containers_on(id).is_empty();
        if unused && filters.old_enough(n, now) && filters.labels_match(&n.labels) && !out.iter().any(|p| p.id == id) {
            out.push(PreviewItem {
                id: n.id.clone(),
                name: n.name.clone(),
                driver: n.driver.clone(),
                created: n.created.clone(),
                age: created_at(n).map(|c| age_text(c, now)).unwrap_or_default(),
                labels: n.labels.clone(),
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    out
}

fn created_at(network: &Network) -> Option<DateTime<Utc>> {
    let created = network.created.as_deref()?;
    DateTime::parse_from_rfc3339(created).ok().map(|t| t.with_timezone(&Utc))
}

/// How long ago, in the largest unit that fits: "just now", "1 minute ago", "3 days ago", "2 years ago".
pub fn age_text(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds();
    // A clock a little behind the engine's would give a negative age; it is new either way.
    if secs < 60 {
        return "just now".into();
    }
    let (n, unit) = match secs {
        s if s < 3600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3600, "hour"),
        s if s < 60 * 86_400 => (s / 86_400, "day"),
        s if s < 730 * 86_400 => (s / (30 * 86_400), "month"),
        s => (s / (365 * 86_400), "year"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

/// A previewed network the confirm will remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PruneTarget {
    pub id: String,
    pub name: String,
}

/// Why a selected network is not removed after all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Removed by someone else since the preview.
    Gone,
    Predefined,
    /// Containers joined it after the preview, by name.
    Joined {
        containers: Vec<String>,
    },
    /// Selected without having been previewed (a stale or forged selection).
    NotPreviewed,
}

impl SkipReason {
    /// Stable, for the UI to switch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Gone => "networkGone",
            Self::Predefined => "predefined",
            Self::Joined { .. } => "joinedAfterPreview",
            Self::NotPreviewed => "notPreviewed",
        }
    }

    /// "web joined it after the preview".
    pub fn message(&self) -> String {
        match self {
            Self::Gone => "it was removed elsewhere after the preview".into(),
            Self::Predefined => "it is a predefined network, which the engine keeps".into(),
            Self::Joined { containers } => format!("{} joined it after the preview", names(containers)),
            Self::NotPreviewed => "it was not in the preview".into(),
        }
    }
}

/// "web", "web and db", "web, db and 3 more".
fn names(containers: &[String]) -> String {
    match containers {
        [] => "a container".into(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [a, b, rest @ ..] => format!("{a}, {b} and {} more", rest.len()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub id: String,
    pub name: String,
    pub reason: SkipReason,
}

/// What the confirm does with the previewed networks the person kept selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PruneDecision {
    pub remove: Vec<PruneTarget>,
    pub skipped: Vec<Skipped>,
}

/// Re-checks the networks the person kept selected in the preview against the topology as it is now. A
/// network that gained a container, became predefined or is gone is skipped with the reason, never removed;
/// so is an ID that was not in the preview, since only what was shown may be removed.
///
/// Takes the preview as well as the IDs so a network that is gone can still be named.
pub fn prune_confirm<S: AsRef<str>>(topology: &Topology, preview: &[PreviewItem], selected_ids: &[S]) -> PruneDecision {
    let selected: Vec<&str> = selected_ids.iter().map(AsRef::as_ref).collect();
    let mut decision = PruneDecision::default();
    // In preview order, so the result reads like the list the person confirmed.
    for item in preview.iter().filter(|p| selected.contains(&p.id.as_str())) {
        if decision.remove.iter().any(|t| t.id == item.id) || decision.skipped.iter().any(|s| s.id == item.id) {
            continue;
        }
        let reason = match topology.network(&item.id) {
            None => Some(SkipReason::Gone),
            Some(n) if n.is_predefined() => Some(SkipReason::Predefined),
            Some(_) => {
                let containers: Vec<String> =
                    topology.containers_on(&item.id).into_iter().map(|(c, _)| c.name.clone()).collect();
                (!containers.is_empty()).then_some(SkipReason::Joined { containers })
            }
        };
        match reason {
            Some(reason) => decision.skipped.push(Skipped { id: item.id.clone(), name: item.name.clone(), reason }),
            None => decision.remove.push(PruneTarget { id: item.id.clone(), name: item.name.clone() }),
        }
    }
    for id in selected {
        if !preview.iter().any(|p| p.id == id) && !decision.skipped.iter().any(|s| s.id == id) {
            let name = topology.network(id).map(|n| n.name.clone()).unwrap_or_else(|| id.to_string());
            decision.skipped.push(Skipped { id: id.into(), name, reason: SkipReason::NotPreviewed });
        }
    }
    decision
}
