//! The wiring, smoke-tested on Tauri's mock runtime: the contract is fresh, the capabilities grant what the
//! window calls, and the shell opens only web links.
use super::*;
use crate::dto::EngineState;
use netlens_engine::events::LiveUpdate;
use tauri::Manager;

use crate::state::test_support::config;

#[test]
fn bindings_are_fresh() {
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
    if std::env::var("NETLENS_WRITE_BINDINGS").is_ok_and(|v| v == "1") {
        export_bindings(&committed).unwrap();
    }
    let fresh = std::env::temp_dir().join(format!("netlens-bindings-{}.ts", std::process::id()));
    export_bindings(&fresh).unwrap();
    let want = std::fs::read_to_string(&fresh).unwrap();
    let _ = std::fs::remove_file(&fresh);
    assert!(want.contains("getTopology"), "export produced the commands");
    let have = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(have == want, "ui/src/lib/bindings.ts is stale: run `make bindings` and commit it");
}

fn invoke(
    webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
) -> Result<tauri::ipc::InvokeResponseBody, serde_json::Value> {
    invoke_with(webview, cmd, serde_json::json!({}))
}

fn invoke_with(
    webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: serde_json::Value,
) -> Result<tauri::ipc::InvokeResponseBody, serde_json::Value> {
    tauri::test::get_ipc_response(
        webview,
        tauri::webview::InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        },
    )
}

#[test]
fn commands_answer_through_the_mock_runtime() {
    let app = build(tauri::test::mock_builder(), config())
        .build(tauri::test::mock_context(tauri::test::noop_assets()))
        .unwrap();
    let state = app.state::<Arc<AppState>>();
    assert_eq!(state.view().status.state, EngineState::Connecting);
    assert!(state.view().status.sandbox);
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let status: EngineStatusDto = invoke(&webview, "get_engine_status").unwrap().deserialize().unwrap();
    assert_eq!(status.endpoint, "unix:///nonexistent/netlens-test.sock");
    let res = invoke(&webview, "get_topology");
    let err = res.unwrap_err();
    assert_eq!(err["code"], "notReady");

    // The editing commands are wired too, and refuse cleanly before the first snapshot.
    let ids = serde_json::json!({ "containerId": "c", "networkId": "n", "config": { "aliases": [], "ipv4": null, "ipv6": null } });
    for cmd in ["drop_targets", "plan_connect", "plan_disconnect", "connect", "disconnect"] {
        let err = invoke_with(&webview, cmd, ids.clone()).unwrap_err();
        assert_eq!(err["code"], "notReady", "{cmd}: {err}");
    }
    assert_eq!(invoke(&webview, "undo").unwrap_err()["code"], "nothingToUndo");
    assert_eq!(invoke(&webview, "redo").unwrap_err()["code"], "nothingToRedo");
    let history: HistoryDto = invoke(&webview, "get_history").unwrap().deserialize().unwrap();
    assert_eq!(history, HistoryDto::default());
}

#[test]
fn network_json_asks_the_engine_only_about_networks_the_view_shows() {
    let app = build(tauri::test::mock_builder(), config())
        .build(tauri::test::mock_context(tauri::test::noop_assets()))
        .unwrap();
    app.state::<Arc<AppState>>().apply(&LiveUpdate::Snapshot(netlens_core::fixtures::demo()));
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let ask = |id: &str| invoke_with(&webview, "network_json", serde_json::json!({ "networkId": id }));
    // The ID goes into the engine's URL (`/networks/{id}`): a `../` would reach any GET of the engine.
    for id in ["../containers/json", "../../info", "n-backend/../../version", "n-missing", ""] {
        let err = ask(id).unwrap_err();
        assert_eq!(err["code"], "refused", "{id:?}: {err}");
        assert_eq!(err["problems"][0]["code"], "networkGone", "{id:?}: {err}");
    }
    // A network the view shows goes on to the engine (none answers here).
    let err = ask("n-backend").unwrap_err();
    assert_ne!(err["code"], "refused", "{err}");
}

/// On the app's real context, so `capabilities/default.json` must grant them for the window to ask.
#[test]
fn reachability_commands_answer_the_window_from_the_view() {
    let app = build(tauri::test::mock_builder(), config()).build(context()).unwrap();
    app.state::<Arc<AppState>>().apply(&LiveUpdate::Snapshot(netlens_core::fixtures::demo()));
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let list = invoke_with(&webview, "reach_from", serde_json::json!({ "containerId": "c-api" })).unwrap();
    let list: Vec<ReachItemDto> = list.deserialize().unwrap();
    assert!(list.iter().any(|r| r.label == "db" && r.reachable));
    let ask = serde_json::json!({ "fromId": "c-api", "toId": "c-legacy" });
    let verdict: VerdictDto = invoke_with(&webview, "can_reach", ask).unwrap().deserialize().unwrap();
    assert!(!verdict.to.reachable);
    assert_eq!(verdict.fix.and_then(|f| f.command).as_deref(), Some("docker network connect backend legacy-web"));
    let gone = invoke_with(&webview, "can_reach", serde_json::json!({ "fromId": "c-api", "toId": "x" }));
    assert_eq!(gone.unwrap_err()["problems"][0]["code"], "containerGone");
}

/// The shell plugin's own check (its `open` command), on the app's real context: the scope comes from
/// `tauri.conf.json` and the permission from `capabilities/`, exactly as the window gets them. The plugin
/// anchors the configured regex as `^…$`, so it must match a whole link (`^https?://` matched only the bare
/// `http://` and `https://`, and every real link was refused).
#[cfg(target_os = "linux")]
#[test]
fn the_shell_opens_web_links_and_nothing_else() {
    let app = build(tauri::test::mock_builder(), config()).build(context()).unwrap();
    // Named as `capabilities/default.json` grants it (the mock runtime does not open config windows).
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    // `with: safari` names a program Linux does not have: a link the scope lets through fails to spawn
    // instead of opening a browser on the machine running the tests.
    let open =
        |path: &str| invoke_with(&webview, "plugin:shell|open", serde_json::json!({ "path": path, "with": "safari" }));
    // Refused by the scope itself, i.e. the capability let the call through to it.
    let refused_by_scope = |path: &str| match open(path) {
        Ok(_) => false,
        Err(e) => e.as_str().is_some_and(|m| m.contains("failed regex validation")),
    };
    for link in [
        "https://docs.docker.com/engine/network/drivers/bridge/",
        "http://localhost:8080/path?q=1#top",
        "https://github.com/moby/moby/issues?q=is%3Aopen+network",
    ] {
        // Past the scope, only the spawn of the missing program fails.
        match open(link) {
            Ok(_) => {}
            Err(e) => assert!(e.as_str().is_some_and(|m| m.contains("os error")), "{link} must open: {e}"),
        }
    }
    for bad in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "sh -c id",
        "https://",
        "http://",
        "https://example.com/a b",
        "https://example.com/\nx",
        "ftp://example.com/",
        " https://example.com/",
        "--help",
    ] {
        assert!(refused_by_scope(bad), "{bad:?} must be refused by the scope: {:?}", open(bad));
    }
}

/// Export on the app's real context: `save_export` writes only a path the save dialog handed out (the dialog
/// plugin's `save` puts it in the fs plugin's scope, which `remember_chosen_paths` follows), and the window
/// may ask the dialog plugin for `save` alone and the fs plugin for nothing.
#[test]
fn save_export_writes_only_where_the_save_dialog_said_and_the_window_gets_no_other_file_access() {
    use tauri_plugin_fs::FsExt;
    let app = build(tauri::test::mock_builder(), config()).build(context()).unwrap();
    // `setup` registers this once the event loop starts, which the mock runtime never does.
    remember_chosen_paths(app.handle());
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.dot");
    let args = serde_json::json!({ "path": path, "contents": { "kind": "text", "text": "digraph {}\n" } });
    let err = invoke_with(&webview, "save_export", args.clone()).unwrap_err();
    assert_eq!(err["code"], "cannotSave", "{err}");
    assert!(!path.exists(), "nothing written before the dialog handed the path out");
    // What the dialog plugin's `save` command does with the path the person chose.
    app.fs_scope().allow_file(&path).unwrap();
    let saved: crate::dto::export::SavedDto =
        invoke_with(&webview, "save_export", args).unwrap().deserialize().unwrap();
    assert_eq!(saved.bytes, 11);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "digraph {}\n");
    for cmd in ["plugin:dialog|open", "plugin:dialog|message", "plugin:fs|read_text_file", "plugin:fs|write_file"] {
        let err = invoke_with(&webview, cmd, serde_json::json!({})).unwrap_err();
        assert!(err.as_str().is_some_and(|m| m.contains("not allowed")), "{cmd} must be refused by the ACL: {err}");
    }
}
