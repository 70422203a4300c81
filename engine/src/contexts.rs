//! Every docker context, as `docker context ls` lists them, and which one is current.
//!
//! Owns reading the context store (`<DOCKER_CONFIG or ~/.docker>/contexts/meta/*/meta.json`) into a list:
//! `default` first (the `DOCKER_HOST` based one when that is set, as the CLI describes it), then the others by
//! name. One unreadable context is listed with its reason rather than hiding the rest. Each context's engine
//! is read by `target` (the same code that picks the engine at start-up). It only reads files handed to it
//! through `Environment`; it never connects.

use std::path::Path;

use crate::target::{current_context, env_tls, read_context, Environment, Target, DEFAULT_HOST};

/// One context as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextEntry {
    pub name: String,
    pub description: String,
    /// The engine it leads to, or why it cannot be used.
    pub target: Result<Target, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contexts {
    pub entries: Vec<ContextEntry>,
    /// The name the docker CLI would use now: `default` while `DOCKER_HOST` is set, else `DOCKER_CONTEXT`,
    /// else `currentContext` in `config.json`, else `default`.
    pub current: String,
    /// Why `config.json` could not be read (the list is still given).
    pub problem: Option<String>,
}

/// Reads the context store named by `env`.
pub fn list(env: &Environment) -> Contexts {
    let mut problem = None;
    let chosen = match (&env.docker_host, &env.docker_context) {
        (Some(_), _) => None,
        (None, Some(name)) => Some(name.clone()),
        (None, None) => current_context(env.config_dir.as_deref()).unwrap_or_else(|e| {
            problem = Some(e.to_string());
            None
        }),
    };
    let mut entries = vec![default_entry(env)];
    if let Some(dir) = &env.config_dir {
        let mut others = stored(dir);
        others.sort_by(|a, b| a.name.cmp(&b.name));
        entries.extend(others);
    }
    Contexts { entries, current: chosen.unwrap_or_else(|| "default".into()), problem }
}

/// The context every docker CLI has: `DOCKER_HOST` (with the TLS environment) when set, else the local socket.
fn default_entry(env: &Environment) -> ContextEntry {
    let target = match &env.docker_host {
        Some(host) => {
            Target { context: "default".into(), host: host.clone(), tls: env_tls(env), source: "DOCKER_HOST" }
        }
        None => Target { context: "default".into(), host: DEFAULT_HOST.into(), tls: None, source: "default socket" },
    };
    let description = if env.docker_host.is_some() {
        "Current DOCKER_HOST based configuration"
    } else {
        "Current DOCKER_HOST based configuration (the local socket)"
    };
    ContextEntry { name: "default".into(), description: description.into(), target: Ok(target) }
}

/// The contexts in the store, each read by name as `docker context use` would.
fn stored(config_dir: &Path) -> Vec<ContextEntry> {
    let Ok(folders) = std::fs::read_dir(config_dir.join("contexts").join("meta")) else { return vec![] };
    let mut out = Vec::new();
    for folder in folders.flatten() {
        let meta = folder.path().join("meta.json");
        let digest = folder.file_name().to_string_lossy().into_owned();
        let parsed = std::fs::read_to_string(&meta)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string()));
        let value = match parsed {
            Ok(v) => v,
            Err(e) => {
                out.push(ContextEntry {
                    name: format!("(unreadable {digest})"),
                    description: String::new(),
                    target: Err(format!("{} could not be read: {e}", meta.display())),
                });
                continue;
            }
        };
        let Some(name) = value.get("Name").and_then(|n| n.as_str()).filter(|n| !n.is_empty()) else {
            out.push(ContextEntry {
                name: format!("(unnamed {digest})"),
                description: String::new(),
                target: Err(format!("{} has no Name", meta.display())),
            });
            continue;
        };
        let description =
            value.pointer("/Metadata/Description").and_then(|d| d.as_str()).unwrap_or_default().to_string();
        let target = read_context(config_dir, name, "docker context").map_err(|e| e.to_string());
        out.push(ContextEntry { name: name.into(), description, target });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::context_digest;
    use crate::testing::Scratch;

    fn temp_dir(tag: &str) -> Scratch {
        crate::testing::scratch(&format!("netlens-contexts-{tag}")).unwrap()
    }

    fn write_meta(dir: &Path, folder: &str, body: &str) {
        let meta = dir.join("contexts/meta").join(folder);
        std::fs::create_dir_all(&meta).unwrap();
        std::fs::write(meta.join("meta.json"), body).unwrap();
    }

    fn context(dir: &Path, name: &str, host: &str, description: &str) {
        let body = serde_json::json!({
            "Name": name,
            "Metadata": {"Description": description},
            "Endpoints": {"docker": {"Host": host, "SkipTLSVerify": false}}
        });
        write_meta(dir, &context_digest(name), &body.to_string());
    }

    fn env_in(dir: &Path) -> Environment {
        Environment { config_dir: Some(dir.to_path_buf()), ..Default::default() }
    }

    fn names(c: &Contexts) -> Vec<&str> {
        c.entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn the_store_is_listed_default_first_then_by_name_with_the_current_one() {
        let dir = temp_dir("list");
        context(&dir, "zeta", "ssh://me@zeta", "");
        context(&dir, "lab", "tcp://lab:2376", "the lab box");
        std::fs::write(dir.join("config.json"), r#"{"currentContext":"lab"}"#).unwrap();
        let c = list(&env_in(&dir));
        assert_eq!(names(&c), ["default", "lab", "zeta"]);
        assert_eq!(c.current, "lab");
        let lab = &c.entries[1];
        assert_eq!(lab.description, "the lab box");
        assert_eq!(lab.target.as_ref().unwrap().host, "tcp://lab:2376");
        assert_eq!(c.entries[0].target.as_ref().unwrap().host, DEFAULT_HOST);
    }

    #[test]
    fn docker_context_wins_over_config_json_and_docker_host_makes_default_current() {
        let dir = temp_dir("current");
        context(&dir, "lab", "tcp://lab:2376", "");
        std::fs::write(dir.join("config.json"), r#"{"currentContext":"lab"}"#).unwrap();
        let c = list(&Environment { docker_context: Some("default".into()), ..env_in(&dir) });
        assert_eq!(c.current, "default");
        let c = list(&Environment { docker_host: Some("tcp://10.0.0.9:2375".into()), ..env_in(&dir) });
        assert_eq!(c.current, "default");
        let default = c.entries[0].target.as_ref().unwrap();
        assert_eq!((default.host.as_str(), default.source), ("tcp://10.0.0.9:2375", "DOCKER_HOST"));
        assert_eq!(c.entries[0].description, "Current DOCKER_HOST based configuration");
    }

    #[test]
    fn a_broken_context_is_listed_with_its_reason_and_the_others_still_work() {
        let dir = temp_dir("broken");
        context(&dir, "good", "unix:///good.sock", "");
        write_meta(&dir, "abc123", "{not json");
        write_meta(&dir, &context_digest("nohost"), r#"{"Name":"nohost","Endpoints":{}}"#);
        let c = list(&env_in(&dir));
        assert_eq!(names(&c), ["default", "(unreadable abc123)", "good", "nohost"]);
        assert!(c.entries[1].target.as_ref().unwrap_err().contains("could not be read"));
        assert!(c.entries[3].target.as_ref().unwrap_err().contains("no docker endpoint"));
        assert_eq!(c.entries[2].target.as_ref().unwrap().host, "unix:///good.sock");
    }

    #[test]
    fn no_store_means_only_default_and_a_bad_config_json_is_reported() {
        let dir = temp_dir("empty");
        std::fs::write(dir.join("config.json"), "{oops").unwrap();
        let c = list(&env_in(&dir));
        assert_eq!(names(&c), ["default"]);
        assert_eq!(c.current, "default");
        assert!(c.problem.as_deref().is_some_and(|p| p.contains("config.json")), "{:?}", c.problem);
    }
}
