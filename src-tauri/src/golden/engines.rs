//! The engine switcher's answers (CASES.md, "Engines"): the list, the add form's checks, a save, a removal
//! and switches, over a hand-built set of engines (the sandbox shown; the `default` context being its
//! `DOCKER_HOST`; a `lab` context over ssh; a saved Podman socket), through `engines::listing` and
//! `engines::plan`, the functions `Engines` answers with. The steps that need files or an engine (saving,
//! switching) are taken around them as `Engines` takes them; `src/engines_tests.rs` and `tests/engines.rs`
//! run the real ones.

use serde_json::{json, Value};

use crate::dto::engines::{EngineFormDto, EnginesDto, SwitchedDto};
use crate::engines::{listing, plan, refused};
use crate::error::AppError;
use crate::golden::Book;
use netlens_engine::catalog::{self, ChoiceProblem};
use netlens_engine::contexts::{ContextEntry, Contexts};
use netlens_engine::saved::SavedEngine;
use netlens_engine::Target;

const SANDBOX_HOST: &str = "unix:///root/.cache/netlens/sandbox/docker.sock";
const SAVED_IN: &str = "/root/.config/dev.netlens.app/engines.json";

fn contexts() -> Contexts {
    let target =
        |context: &str, host: &str, source| Target { context: context.into(), host: host.into(), tls: None, source };
    Contexts {
        entries: vec![
            ContextEntry {
                name: "default".into(),
                description: "Current DOCKER_HOST based configuration".into(),
                target: Ok(target("default", SANDBOX_HOST, "DOCKER_HOST")),
            },
            ContextEntry {
                name: "lab".into(),
                description: "the lab box".into(),
                target: Ok(target("lab", "ssh://me@lab.example", "docker context")),
            },
        ],
        current: "default".into(),
        problem: None,
    }
}

fn podman() -> SavedEngine {
    SavedEngine { name: "podman".into(), host: "unix:///run/podman/podman.sock".into(), tls: None }
}

fn list(saved: &[SavedEngine], current: &str) -> EnginesDto {
    let sandbox = Target::sandbox(SANDBOX_HOST.into());
    listing(&contexts(), saved, Some(&sandbox), current, None, Some(SAVED_IN.into()))
}

/// The add form as the UI sends it (`emptyEngineForm(kind)` with `fields` set).
pub fn form(kind: &str, fields: Value) -> Value {
    let mut form = json!({ "kind": kind, "name": "", "address": "", "ca": "", "cert": "", "key": "" });
    for (k, v) in fields.as_object().expect("form fields are an object") {
        form[k] = v.clone();
    }
    json!({ "form": form })
}

fn parsed(args: &Value) -> EngineFormDto {
    serde_json::from_value(args["form"].clone()).expect("the form parses as EngineFormDto")
}

pub fn record(book: &mut Book) {
    let saved = vec![podman()];
    let taken = vec!["podman".to_string()];
    book.answer("listEngines", json!({}), &Ok::<_, AppError>(list(&saved, catalog::SANDBOX)));

    for args in [
        form("socket", json!({})),
        form("ssh", json!({ "name": "lab2", "address": "me@lab2.example" })),
        form("ssh", json!({ "name": "podman", "address": "-oProxyCommand=x" })),
        form("tcp", json!({ "name": "ci", "address": "10.0.0.5" })),
        form("tls", json!({ "name": "prod", "address": "prod.example" })),
    ] {
        book.answer("planEngine", args.clone(), &Ok::<_, AppError>(plan(&parsed(&args), &taken)));
    }

    // Saving: what `Engines::add` answers once the file is written.
    let args = form("ssh", json!({ "name": "lab2", "address": "me@lab2.example" }));
    let lab2 = SavedEngine { name: "lab2".into(), host: "ssh://me@lab2.example".into(), tls: None };
    book.answer("addEngine", args, &Ok::<_, AppError>(list(&[podman(), lab2], catalog::SANDBOX)));
    let args = form("socket", json!({}));
    let problems = plan(&parsed(&args), &taken).problems;
    book.answer("addEngine", args, &Err::<EnginesDto, _>(AppError::refused_problems(problems)));

    book.answer("removeEngine", json!({ "name": "podman" }), &Ok::<_, AppError>(list(&[], catalog::SANDBOX)));

    // Switching: the sandbox's last topology was revision 1 (getTopology's).
    let to_lab = SwitchedDto { engines: list(&saved, &catalog::context_id("lab")), left_revision: 1 };
    book.answer("switchEngine", json!({ "id": "context:lab" }), &Ok::<_, AppError>(to_lab));
    let gone = refused(&ChoiceProblem::Unknown { id: "saved:gone".into() });
    book.answer("switchEngine", json!({ "id": "saved:gone" }), &Err::<SwitchedDto, _>(gone));
}
