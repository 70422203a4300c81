//! The engines a person can switch between in the window, and which one the window follows.
//!
//! Owns the list (every docker context as `docker context ls` shows it, `default` being the `DOCKER_HOST`
//! one; then the engines saved in Netlens; then Netlens' own sandbox when the window started on it), each
//! choice's stable id (`context:<name>`, `saved:<name>`, `sandbox`), the id of the engine chosen at
//! start-up, and the refusals of a switch or a removal. Pure: it is handed what `contexts` and `saved` read.

use netlens_core::problem::{Code, Field, Problem};

use crate::contexts::Contexts;
use crate::saved::SavedEngine;
use crate::target::Target;

pub const SANDBOX: &str = "sandbox";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename = "EngineChoiceKind", rename_all = "camelCase"))]
pub enum ChoiceKind {
    /// A docker context (`docker context ls`); `default` is the `DOCKER_HOST` one.
    Context,
    /// An engine the person added in Netlens.
    Saved,
    /// Netlens' own sandbox engine (`make run`).
    Sandbox,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub name: String,
    pub kind: ChoiceKind,
    /// The address shown (`unix:///…`, `tcp://…`, `ssh://…`), empty when the context could not be read.
    pub endpoint: String,
    pub description: String,
    /// The engine it leads to, or why it cannot be used.
    pub target: Result<Target, String>,
}

pub fn context_id(name: &str) -> String {
    format!("context:{name}")
}

pub fn saved_id(name: &str) -> String {
    format!("saved:{name}")
}

/// Every choice, in the order the window lists them.
pub fn choices(contexts: &Contexts, saved: &[SavedEngine], sandbox: Option<&Target>) -> Vec<Choice> {
    let mut out: Vec<Choice> = contexts
        .entries
        .iter()
        .map(|c| Choice {
            id: context_id(&c.name),
            name: c.name.clone(),
            kind: ChoiceKind::Context,
            endpoint: c.target.as_ref().map(|t| t.host.clone()).unwrap_or_default(),
            description: c.description.clone(),
            target: c.target.clone(),
        })
        .collect();
    out.extend(saved.iter().map(|s| Choice {
        id: saved_id(&s.name),
        name: s.name.clone(),
        kind: ChoiceKind::Saved,
        endpoint: s.host.clone(),
        description: if s.tls.is_some() { "Saved in Netlens (TLS)".into() } else { "Saved in Netlens".into() },
        target: Ok(s.target()),
    }));
    if let Some(t) = sandbox {
        out.push(Choice {
            id: SANDBOX.into(),
            name: "Netlens sandbox".into(),
            kind: ChoiceKind::Sandbox,
            endpoint: t.host.clone(),
            description: "The private engine `make run` started".into(),
            target: Ok(t.clone()),
        });
    }
    out
}

/// The choice the window starts on: the engine the docker CLI would use (or the sandbox `make run` chose).
pub fn startup_id(target: &Target, sandbox: bool) -> String {
    if sandbox {
        SANDBOX.into()
    } else {
        context_id(&target.context)
    }
}

/// Why a switch or a removal is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceProblem {
    Unknown { id: String },
    Unusable { name: String, reason: String },
    RemoveCurrent { name: String },
    NotSaved { name: String },
}

impl Problem for ChoiceProblem {
    fn code(&self) -> Code {
        match self {
            Self::Unknown { .. } | Self::NotSaved { .. } => Code::UnknownEngine,
            Self::Unusable { .. } => Code::BadEngineAddress,
            Self::RemoveCurrent { .. } => Code::EngineInUse,
        }
    }

    fn field(&self) -> Option<Field> {
        None
    }

    fn fact(&self) -> String {
        match self {
            Self::Unknown { id } => format!("There is no engine `{id}` in the list any more"),
            Self::Unusable { name, reason } => format!("The engine `{name}` cannot be used: {reason}"),
            Self::RemoveCurrent { name } => format!("`{name}` is the engine the window shows"),
            Self::NotSaved { name } => format!("No engine named `{name}` is saved in Netlens"),
        }
    }

    fn hint(&self) -> String {
        match self {
            Self::Unknown { .. } | Self::NotSaved { .. } => {
                "Open the engine list again: it is read afresh each time (docker contexts may have changed).".into()
            }
            Self::Unusable { .. } => {
                "Fix the context with `docker context inspect` / `docker context update`, or choose another engine."
                    .into()
            }
            Self::RemoveCurrent { .. } => "Switch to another engine first, then remove this one.".into(),
        }
    }
}

/// The choice with this id, and the engine to connect to.
pub fn pick<'a>(choices: &'a [Choice], id: &str) -> Result<(&'a Choice, Target), ChoiceProblem> {
    let choice = choices.iter().find(|c| c.id == id).ok_or_else(|| ChoiceProblem::Unknown { id: id.into() })?;
    let target =
        choice.target.clone().map_err(|reason| ChoiceProblem::Unusable { name: choice.name.clone(), reason })?;
    Ok((choice, target))
}

/// The saved engines without `name`, unless it is the one the window follows.
pub fn without(saved: &[SavedEngine], name: &str, current_id: &str) -> Result<Vec<SavedEngine>, ChoiceProblem> {
    if !saved.iter().any(|s| s.name == name) {
        return Err(ChoiceProblem::NotSaved { name: name.into() });
    }
    if current_id == saved_id(name) {
        return Err(ChoiceProblem::RemoveCurrent { name: name.into() });
    }
    Ok(saved.iter().filter(|s| s.name != name).cloned().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contexts::ContextEntry;
    use crate::target::DEFAULT_HOST;

    fn target(context: &str, host: &str, source: &'static str) -> Target {
        Target { context: context.into(), host: host.into(), tls: None, source }
    }

    fn contexts() -> Contexts {
        Contexts {
            entries: vec![
                ContextEntry {
                    name: "default".into(),
                    description: "Current DOCKER_HOST based configuration".into(),
                    target: Ok(target("default", DEFAULT_HOST, "default socket")),
                },
                ContextEntry { name: "broken".into(), description: String::new(), target: Err("bad meta".into()) },
                ContextEntry {
                    name: "lab".into(),
                    description: "lab box".into(),
                    target: Ok(target("lab", "ssh://me@lab", "docker context")),
                },
            ],
            current: "lab".into(),
            problem: None,
        }
    }

    fn saved() -> Vec<SavedEngine> {
        vec![SavedEngine { name: "podman".into(), host: "unix:///run/podman/podman.sock".into(), tls: None }]
    }

    #[test]
    fn contexts_then_saved_engines_then_the_sandbox_each_with_a_stable_id() {
        let sandbox = target("sandbox", "unix:///tmp/sandbox.sock", "Netlens sandbox");
        let list = choices(&contexts(), &saved(), Some(&sandbox));
        let ids: Vec<&str> = list.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["context:default", "context:broken", "context:lab", "saved:podman", SANDBOX]);
        assert_eq!(list[3].endpoint, "unix:///run/podman/podman.sock");
        assert_eq!(list[3].target.as_ref().unwrap().source, "saved in Netlens");
        assert_eq!(list[1].endpoint, "", "an unreadable context has no address to show");
        assert!(choices(&contexts(), &[], None).iter().all(|c| c.kind == ChoiceKind::Context));
    }

    #[test]
    fn the_window_starts_on_the_engine_the_docker_cli_would_use() {
        assert_eq!(startup_id(&target("lab", "ssh://me@lab", "current docker context"), false), "context:lab");
        assert_eq!(startup_id(&target("default", "tcp://h:2375", "DOCKER_HOST"), false), "context:default");
        assert_eq!(startup_id(&target("sandbox", "unix:///s.sock", "Netlens sandbox"), true), SANDBOX);
    }

    #[test]
    fn switching_needs_a_known_and_usable_choice() {
        let list = choices(&contexts(), &saved(), None);
        let (choice, t) = pick(&list, "saved:podman").unwrap();
        assert_eq!((choice.name.as_str(), t.host.as_str()), ("podman", "unix:///run/podman/podman.sock"));
        let unknown = pick(&list, "saved:gone").unwrap_err();
        assert_eq!(unknown.code(), Code::UnknownEngine);
        let broken = pick(&list, "context:broken").unwrap_err();
        assert_eq!(broken, ChoiceProblem::Unusable { name: "broken".into(), reason: "bad meta".into() });
        assert!(broken.hint().contains("docker context"));
    }

    #[test]
    fn only_a_saved_engine_the_window_does_not_show_can_be_removed() {
        assert_eq!(without(&saved(), "podman", "context:default").unwrap(), []);
        assert_eq!(without(&saved(), "podman", "saved:podman").unwrap_err().code(), Code::EngineInUse);
        assert_eq!(without(&saved(), "lab", "context:default").unwrap_err().code(), Code::UnknownEngine);
    }
}
