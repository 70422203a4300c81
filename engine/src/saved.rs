//! The engines a person added in the window, kept in `engines.json` in the app's config folder.
//!
//! Owns the file's format (versioned: `{"version": 1, "engines": [...]}`), reading it (a file that cannot be
//! read is moved aside to `engines.json.corrupt-<seconds>`, never overwritten, and reported), and writing it
//! atomically (a temporary file in the same folder, flushed to disk, then renamed over the old one). It knows
//! nothing of the window; `form` checks what a person types before anything is saved.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::target::{Target, TlsFiles};

pub const FILE: &str = "engines.json";
/// The format this Netlens writes and reads. A file of another version is kept aside, not guessed at.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedTls {
    pub ca: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// One engine a person added: a name, an address (`unix://`, `tcp://`, `ssh://`) and, for TLS, its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedEngine {
    pub name: String,
    pub host: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<SavedTls>,
}

impl SavedEngine {
    /// The engine to connect to. Saved TLS always verifies the engine against the CA it names.
    pub fn target(&self) -> Target {
        let tls = self.tls.as_ref().map(|t| TlsFiles {
            ca: t.ca.clone(),
            cert: t.cert.clone(),
            key: t.key.clone(),
            verify: true,
        });
        Target { context: self.name.clone(), host: self.host.clone(), tls, source: "saved in Netlens" }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    version: u32,
    engines: Vec<SavedEngine>,
}

/// The file's text for these engines.
pub fn render(engines: &[SavedEngine]) -> String {
    let file = FileFormat { version: VERSION, engines: engines.to_vec() };
    // Plain data with string keys: serializing it cannot fail.
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

/// The engines in a file's text, or why the text is not a file this Netlens wrote.
pub fn parse(text: &str) -> Result<Vec<SavedEngine>, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("it is not JSON ({e})"))?;
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) => return Err(format!("it is version {v} of the format; this Netlens reads version {VERSION}")),
        None => return Err("it has no format version".into()),
    }
    let file: FileFormat = serde_json::from_value(value).map_err(|e| format!("it is not a list of engines ({e})"))?;
    let mut seen = std::collections::BTreeSet::new();
    for e in &file.engines {
        if !seen.insert(e.name.as_str()) {
            return Err(format!("it names the engine `{}` twice", e.name));
        }
    }
    Ok(file.engines)
}

/// What was read, and what went wrong reading it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loaded {
    pub engines: Vec<SavedEngine>,
    /// Said in the window: the file could not be read, and where it was kept.
    pub problem: Option<String>,
}

/// Reads `dir/engines.json`. No file means no saved engines; a file that cannot be used is moved aside
/// (so the next save cannot overwrite what the person had) and reported.
pub fn load(dir: &Path) -> Loaded {
    let path = dir.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::default(),
        Err(e) => return aside(&path, &format!("it could not be read ({e})")),
    };
    match parse(&text) {
        Ok(engines) => Loaded { engines, problem: None },
        Err(why) => aside(&path, &why),
    }
}

fn aside(path: &Path, why: &str) -> Loaded {
    let seconds =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default();
    let kept = path.with_file_name(format!("{FILE}.corrupt-{seconds}"));
    let problem = match std::fs::rename(path, &kept) {
        Ok(()) => format!(
            "The saved engines in {} could not be used: {why}. The file was kept as {}; engines added now are \
             saved in a new file.",
            path.display(),
            kept.display()
        ),
        Err(e) => format!(
            "The saved engines in {} could not be used: {why}; it could not be moved aside either ({e}), so \
             Netlens will not write over it. Fix or remove it and restart Netlens.",
            path.display()
        ),
    };
    Loaded { engines: vec![], problem: Some(problem) }
}

/// Writes `dir/engines.json` atomically: a crash leaves the old file or the new one, never half of either.
pub fn save(dir: &Path, engines: &[SavedEngine]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(FILE);
    let temp = dir.join(format!(".{FILE}.tmp-{}", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(render(engines).as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temp, &path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::names_in;

    fn temp_dir(tag: &str) -> crate::testing::Scratch {
        crate::testing::scratch(&format!("netlens-saved-{tag}")).unwrap()
    }

    fn engines() -> Vec<SavedEngine> {
        vec![
            SavedEngine { name: "lab".into(), host: "ssh://me@lab".into(), tls: None },
            SavedEngine {
                name: "prod".into(),
                host: "tcp://prod:2376".into(),
                tls: Some(SavedTls { ca: "/c/ca.pem".into(), cert: "/c/cert.pem".into(), key: "/c/key.pem".into() }),
            },
        ]
    }

    #[test]
    fn saved_engines_come_back_as_they_were_written() {
        let dir = temp_dir("roundtrip");
        save(&dir, &engines()).unwrap();
        assert_eq!(load(&dir), Loaded { engines: engines(), problem: None });
        assert_eq!(names_in(&dir).unwrap(), [FILE], "no temporary file is left");
        let text = std::fs::read_to_string(dir.join(FILE)).unwrap();
        assert!(text.starts_with("{\n  \"version\": 1,"), "{text}");
    }

    #[test]
    fn no_file_means_no_saved_engines_and_no_problem() {
        assert_eq!(load(&temp_dir("none").join("not-yet")), Loaded::default());
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_reported_and_never_overwritten() {
        let dir = temp_dir("corrupt");
        std::fs::write(dir.join(FILE), "{\"version\": 1, \"engines\": [{\"name\": ").unwrap();
        let loaded = load(&dir);
        assert!(loaded.engines.is_empty());
        let problem = loaded.problem.unwrap();
        assert!(problem.contains("not JSON") && problem.contains("corrupt-"), "{problem}");
        let names = names_in(&dir).unwrap();
        assert_eq!(names.len(), 1);
        assert!(names[0].starts_with("engines.json.corrupt-"), "{names:?}");
        assert_eq!(
            std::fs::read_to_string(dir.join(&names[0])).unwrap(),
            "{\"version\": 1, \"engines\": [{\"name\": ",
            "the person's bytes are kept as they were"
        );
        save(&dir, &engines()).unwrap();
        assert_eq!(names_in(&dir).unwrap().len(), 2, "a new file beside the kept one");
    }

    #[test]
    fn files_of_another_version_or_shape_are_refused_with_a_reason() {
        for (text, says) in [
            (r#"{"version": 2, "engines": []}"#, "version 2"),
            (r#"{"engines": []}"#, "no format version"),
            (r#"{"version": 1, "engines": [{"name": "a"}]}"#, "not a list of engines"),
            (r#"{"version": 1, "engines": [], "extra": 1}"#, "not a list of engines"),
            (
                r#"{"version": 1, "engines": [{"name": "a", "host": "unix:///a"}, {"name": "a", "host": "unix:///b"}]}"#,
                "twice",
            ),
        ] {
            let err = parse(text).unwrap_err();
            assert!(err.contains(says), "{text}: {err}");
        }
    }

    #[test]
    fn saved_tls_always_verifies_the_engine() {
        let t = engines()[1].target();
        assert!(t.tls.unwrap().verify);
        assert_eq!((t.context.as_str(), t.source), ("prod", "saved in Netlens"));
    }
}
