//! The switcher on hand-built engines (sockets nobody serves, a config folder in a temporary directory): the
//! list, adding and removing saved engines, and what a switch keeps and forgets. The real switch between a
//! Docker and a Podman engine is `tests/engines.rs`.

use super::*;
use netlens_core::endpoints::{EndpointConfig, EndpointRef, Operation};
use netlens_core::fixtures::demo;
use netlens_core::history::Change;
use netlens_core::problem::{Code, Field};
use netlens_engine::events::LiveUpdate;
use netlens_engine::form::{EngineForm, Kind};

fn temp_dir(tag: &str) -> netlens_engine::testing::Scratch {
    netlens_engine::testing::scratch(&format!("netlens-engines-{tag}")).unwrap()
}

/// A scratch folder holding `other.sock`, a socket somebody listens on (an engine that may be added) for as
/// long as the listener lives.
fn with_other_socket(tag: &str) -> (netlens_engine::testing::Scratch, std::os::unix::net::UnixListener) {
    let dir = temp_dir(tag);
    let listener = std::os::unix::net::UnixListener::bind(dir.join("other.sock")).unwrap();
    (dir, listener)
}

fn sandbox(host: &str) -> LiveConfig {
    LiveConfig { target: Target::sandbox(host.into()), sandbox: true, sandbox_reason: None }
}

/// A switcher whose docker config folder is empty (only `default`) and whose app folder is `dir/app`.
fn engines(dir: &std::path::Path) -> (Arc<AppState>, Engines) {
    let config = sandbox("unix:///nonexistent/netlens-sandbox.sock");
    let state = Arc::new(AppState::new(&config));
    let env = Environment {
        config_dir: Some(dir.join("docker")),
        docker_host: Some("unix:///nonexistent/netlens-sandbox.sock".into()),
        ..Environment::default()
    };
    let e = Engines::new(
        state.clone(),
        &config,
        env,
        Some(dir.join("app")),
        tokio::runtime::Handle::current(),
        Arc::new(Silent),
    );
    (state, e)
}

/// The same, following the sandbox engine it starts on.
async fn started(dir: &std::path::Path) -> (Arc<AppState>, Engines) {
    let (state, e) = engines(dir);
    e.start().await;
    (state, e)
}

fn socket_form(name: &str, path: &std::path::Path) -> EngineFormDto {
    EngineFormDto {
        kind: Kind::Socket,
        form: EngineForm { name: name.into(), address: path.display().to_string(), ..EngineForm::default() },
    }
}

fn ids(list: &EnginesDto) -> Vec<&str> {
    list.choices.iter().map(|c| c.id.as_str()).collect()
}

#[tokio::test]
async fn an_added_engine_is_checked_saved_to_the_file_and_listed() {
    let (dir, listener) = with_other_socket("add");
    let (_, e) = engines(&dir);
    assert_eq!(ids(&e.list()), ["context:default", "sandbox"]);
    assert_eq!(e.list().current, "sandbox");

    let bad = e.plan(&socket_form("", &dir.join("missing.sock")));
    let found: Vec<(Code, Option<Field>)> = bad.problems.iter().map(|p| (p.code, p.field)).collect();
    assert_eq!(found, [(Code::NameEmpty, Some(Field::Name)), (Code::SocketMissing, Some(Field::Address))]);
    assert!(matches!(
        e.add(&socket_form("", &dir.join("missing.sock"))),
        Err(AppError { code: ErrorCode::Refused, .. })
    ));
    assert!(!dir.join("app/engines.json").exists(), "a refused form writes nothing");

    let list = e.add(&socket_form("other", &dir.join("other.sock"))).unwrap();
    assert_eq!(ids(&list), ["context:default", "saved:other", "sandbox"]);
    let on_disk = saved::parse(&std::fs::read_to_string(dir.join("app/engines.json")).unwrap()).unwrap();
    assert_eq!(on_disk[0].host, format!("unix://{}", dir.join("other.sock").display()));
    let again = e.plan(&socket_form("other", &dir.join("other.sock")));
    assert_eq!(again.problems[0].code, Code::NameTaken);

    // A second start reads the same file.
    let (_, next) = engines(&dir);
    assert_eq!(ids(&next.list()), ["context:default", "saved:other", "sandbox"]);
    drop(listener);
}

#[tokio::test]
async fn a_corrupt_engine_file_is_said_in_the_list_and_kept_aside() {
    let dir = temp_dir("corrupt");
    std::fs::create_dir_all(dir.join("app")).unwrap();
    std::fs::write(dir.join("app/engines.json"), "not json").unwrap();
    let (_, e) = engines(&dir);
    let list = e.list();
    assert_eq!(list.problems.len(), 1);
    assert!(list.problems[0].contains("kept as"), "{}", list.problems[0]);
    let kept: Vec<_> = std::fs::read_dir(dir.join("app")).unwrap().flatten().map(|f| f.file_name()).collect();
    assert_eq!(kept.len(), 1);
    assert!(kept[0].to_string_lossy().starts_with("engines.json.corrupt-"));
}

fn connect_op() -> Change {
    Change::Endpoint(Operation::Connect {
        endpoint: EndpointRef {
            network_id: "n-backend".into(),
            network_name: "backend".into(),
            container_id: "c-api".into(),
            container_name: "api".into(),
        },
        config: EndpointConfig::default(),
    })
}

#[tokio::test]
async fn a_switch_starts_the_view_over_and_each_engine_keeps_its_history() {
    let (dir, _listener) = with_other_socket("switch");
    let (state, e) = started(&dir).await;
    state.apply(&LiveUpdate::Snapshot(demo()));
    state.history.lock().await.record(connect_op(), "10:00");
    state.set_prune_preview(vec![]);
    let before = state.view().revision();
    e.add(&socket_form("other", &dir.join("other.sock"))).unwrap();

    let switched = e.switch("saved:other").await.unwrap();
    assert_eq!(switched.engines.current, "saved:other");
    assert_eq!(switched.left_revision, before);
    {
        let view = state.view();
        assert!(view.topology.is_none() && view.model.is_none(), "nothing of the sandbox's view is left");
        assert_eq!(view.status.endpoint, format!("unix://{}", dir.join("other.sock").display()));
        assert!(!view.status.sandbox);
    }
    assert!(state.history.lock().await.undo_candidate().is_none(), "the other engine has no history yet");
    assert!(state.current().is_err(), "nothing can run until the new engine is read");
    // A snapshot of the new engine is numbered after the old engine's last one.
    state.apply(&LiveUpdate::Snapshot(demo()));
    assert_eq!(state.view().revision(), before + 1);

    let back = e.switch("sandbox").await.unwrap();
    assert_eq!(back.engines.current, "sandbox");
    assert!(state.view().status.sandbox);
    assert_eq!(state.history.lock().await.undo_candidate(), Some(&connect_op()), "the sandbox's history is back");
    e.stop().await;
}

#[tokio::test]
async fn switching_to_an_unknown_engine_or_removing_the_shown_one_is_refused_and_changes_nothing() {
    let (dir, _listener) = with_other_socket("refuse");
    let (state, e) = started(&dir).await;
    let code = |r: Result<_, AppError>| match r {
        Err(AppError { code: ErrorCode::Refused, problems, .. }) => problems[0].code,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(code(e.switch("saved:nope").await.map(|_| ())), Code::UnknownEngine);
    assert_eq!(e.list().current, "sandbox");
    e.add(&socket_form("other", &dir.join("other.sock"))).unwrap();
    e.switch("saved:other").await.unwrap();
    assert_eq!(code(e.remove("other").map(|_| ())), Code::EngineInUse);
    e.switch("sandbox").await.unwrap();
    assert_eq!(ids(&e.remove("other").unwrap()), ["context:default", "sandbox"]);
    let on_disk = saved::parse(&std::fs::read_to_string(dir.join("app/engines.json")).unwrap()).unwrap();
    assert!(on_disk.is_empty(), "the removal is saved");
    assert!(state.view().status.sandbox);
    e.stop().await;
}
