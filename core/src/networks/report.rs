//! What a remove or prune did, network by network, for the result dialog. The engine side fills it as it
//! runs the plan; this module only holds and summarises it.

use super::prune::PruneDecision;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Removed,
    /// Not attempted, with the reason (e.g. "web joined it after the preview").
    Skipped(String),
    /// Attempted and refused by the engine, with its message.
    Failed(String),
}

/// What happened to one network, without the reason: what the UI switches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub enum OutcomeKind {
    Removed,
    Skipped,
    Failed,
}

impl Outcome {
    pub fn kind(&self) -> OutcomeKind {
        match self {
            Self::Removed => OutcomeKind::Removed,
            Self::Skipped(_) => OutcomeKind::Skipped,
            Self::Failed(_) => OutcomeKind::Failed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportItem {
    pub id: String,
    pub name: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub items: Vec<ReportItem>,
}

impl Report {
    pub fn new() -> Self {
        Self::default()
    }

    /// A report that starts with the confirm's skips, so the caller only adds what it ran.
    pub fn from_decision(decision: &PruneDecision) -> Self {
        let items = decision
            .skipped
            .iter()
            .map(|s| ReportItem {
                id: s.id.clone(),
                name: s.name.clone(),
                outcome: Outcome::Skipped(s.reason.message()),
            })
            .collect();
        Self { items }
    }

    pub fn removed(&mut self, id: impl Into<String>, name: impl Into<String>) {
        self.items.push(ReportItem { id: id.into(), name: name.into(), outcome: Outcome::Removed });
    }

    pub fn skipped(&mut self, id: impl Into<String>, name: impl Into<String>, reason: impl Into<String>) {
        self.items.push(ReportItem { id: id.into(), name: name.into(), outcome: Outcome::Skipped(reason.into()) });
    }

    pub fn failed(&mut self, id: impl Into<String>, name: impl Into<String>, message: impl Into<String>) {
        self.items.push(ReportItem { id: id.into(), name: name.into(), outcome: Outcome::Failed(message.into()) });
    }

    pub fn count(&self, kind: OutcomeKind) -> usize {
        self.items.iter().filter(|i| i.outcome.kind() == kind).count()
    }

    /// The first network the engine refused, with its message.
    pub fn first_failure(&self) -> Option<(&ReportItem, &str)> {
        self.items.iter().find_map(|i| match &i.outcome {
            Outcome::Failed(reason) => Some((i, reason.as_str())),
            _ => None,
        })
    }

    /// "Removed 3 networks, skipped 1, 1 failed"; "Nothing to remove" for an empty report.
    pub fn summary(&self) -> String {
        let (removed, skipped, failed) =
            (self.count(OutcomeKind::Removed), self.count(OutcomeKind::Skipped), self.count(OutcomeKind::Failed));
        if self.items.is_empty() {
            return "Nothing to remove".into();
        }
        let mut parts = vec![format!("Removed {removed} network{}", if removed == 1 { "" } else { "s" })];
        if skipped > 0 {
            parts.push(format!("skipped {skipped}"));
        }
        if failed > 0 {
            parts.push(format!("{failed} failed"));
        }
        parts.join(", ")
    }
}
