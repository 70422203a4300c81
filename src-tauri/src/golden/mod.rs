//! The golden answers the UI's tests and demo replay (`ui/src/test/replayBackend.ts`): every case listed in
//! `ui/src/test/golden/CASES.md`, computed by the real Rust code and written as
//! `ui/src/test/golden/<command>.json`, so TypeScript never re-implements a rule, a wording or a command line.
//!
//! Owns the list of cases and the files. Questions that only read the topology go through the very
//! functions the Tauri commands call (`service::endpoints::drop_targets`, `service::networks::plan_create`,
//! …) over the sandbox fixture loaded into an `AppState`. What needs an engine (drivers, the `dangling`
//! list, container inspects, and every change: connect, disconnect, undo, redo, create, remove, prune)
//! cannot run here: an `Engine` exists only once a live engine answered, and the services read the real
//! clock. So the engine's part is simulated in `sandbox` (what the sandbox engine would answer, written down
//! once and checked against it) and `services` takes the services' steps around it with the same core
//! planners and conversions. Like `bindings.ts`, the files are checked fresh by a test; `make golden`
//! rewrites them.

mod engines;
mod questions;
mod rules;
mod sandbox;
mod sequences;
mod services;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_json::{json, Value};

use crate::dto::TopologyDto;
use crate::error::AppError;

/// Every recorded case, by command (the camelCase name `bindings.ts` gives it), in the order written.
#[derive(Default)]
pub struct Book {
    files: BTreeMap<&'static str, Vec<Value>>,
}

fn result_of<T: Serialize>(result: &Result<T, AppError>) -> Value {
    match result {
        Ok(ok) => json!({ "ok": ok }),
        Err(error) => json!({ "error": error }),
    }
}

impl Book {
    /// A question answered alike in every replay state.
    pub fn answer<T: Serialize>(&mut self, command: &'static str, args: Value, result: &Result<T, AppError>) {
        self.files.entry(command).or_default().push(json!({ "args": args, "result": result_of(result) }));
    }

    /// A question asked again in a replay state: recorded only where the answer differs from the one every
    /// state gets, as the replay looks in the state first.
    pub fn answer_in<T: Serialize>(
        &mut self,
        command: &'static str,
        state: &str,
        args: Value,
        result: &Result<T, AppError>,
    ) {
        let result = result_of(result);
        let cases = self.files.entry(command).or_default();
        let stateless = cases.iter().find(|c| c["args"] == args && c.get("state").is_none());
        if stateless.is_some_and(|c| c["result"] == result) {
            return;
        }
        cases.push(json!({ "args": args, "result": result, "state": state }));
    }

    /// One step of a recorded sequence: in `state`, the command answers `result`, the UI has seen `emits`
    /// before it resolves, and the replay moves to `next`.
    pub fn step<T: Serialize>(
        &mut self,
        command: &'static str,
        (state, next): (&str, &str),
        args: Value,
        result: &Result<T, AppError>,
        emits: Option<TopologyDto>,
    ) {
        let mut case = json!({ "args": args, "result": result_of(result), "state": state, "next": next });
        if let Some(t) = emits {
            case["emits"] = json!(t);
        }
        self.files.entry(command).or_default().push(case);
    }

    /// File name → content: pretty JSON (serde_json's map keeps keys sorted), with a trailing newline.
    fn render(&self) -> BTreeMap<String, String> {
        self.files
            .iter()
            .map(|(command, cases)| {
                let text = serde_json::to_string_pretty(cases).expect("golden cases serialize");
                (format!("{command}.json"), text + "\n")
            })
            .collect()
    }
}

/// Every case of CASES.md: the questions first, then the recorded sequences.
pub fn record() -> Book {
    let mut book = Book::default();
    questions::record(&mut book);
    engines::record(&mut book);
    sequences::record(&mut book);
    book
}

#[test]
fn golden_answers_are_fresh() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/test/golden");
    let want = record().render();
    assert!(want.contains_key("getTopology.json") && want.contains_key("connect.json"), "the cases were recorded");
    let on_disk = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|entries| entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
            .unwrap_or_default();
        names.retain(|n| n.ends_with(".json"));
        names
    };
    if std::env::var("NETLENS_WRITE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(&dir).unwrap();
        for gone in on_disk(&dir).into_iter().filter(|n| !want.contains_key(n)) {
            std::fs::remove_file(dir.join(gone)).unwrap();
        }
        for (name, text) in &want {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut stale: Vec<String> = on_disk(&dir).into_iter().filter(|n| !want.contains_key(n)).collect();
    stale.extend(
        want.iter()
            .filter(|(name, text)| std::fs::read_to_string(dir.join(name)).ok().as_ref() != Some(text))
            .map(|(name, _)| name.clone()),
    );
    assert!(
        stale.is_empty(),
        "golden answers are stale ({}): run `make golden` and commit ui/src/test/golden",
        stale.join(", ")
    );
}

#[test]
fn golden_answers_do_not_depend_on_the_run() {
    assert_eq!(record().render(), record().render(), "layout, IDs and the clock are deterministic");
}
