//! Issue 10's filters and focus end to end in the real window: a filter that hides stopped containers holds
//! through live updates (a container stopped with the docker CLI disappears, a new stopped one never
//! appears, the status bar's count follows), and a focus on a network fades the rest until Escape.
//! Containers made here carry this file's label and go with it; the filter is cleared before the window
//! closes (it is kept in the webview's localStorage).

use std::time::Duration;

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use netlens_tests::window::{assert_ui_built, on_the_demo, Window, ESCAPE};
use netlens_tests::{docker, ensure_demo, run_idle};
use serde_json::{json, Value};

/// Waits (up to 10 s) until `id` is drawn the way `want` says.
async fn until_look(w: &Window, id: &str, want: &str) {
    let mut seen = String::new();
    for _ in 0..100 {
        seen = w.item_look(id).await;
        if seen == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{id} is {seen:?}, not {want:?}, after 10 s");
}

/// The number of containers the status bar says the filters hide.
async fn hidden_containers(w: &Window) -> u32 {
    let text = w.text_of("[data-testid=filter-summary]").await;
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .find(|p| p[1].starts_with("container"))
        .and_then(|p| p[0].parse().ok())
        .unwrap_or_else(|| panic!("the status bar does not count hidden containers: {text:?}"))
}

/// Shows everything again through the status bar's Clear, as a person would.
#[allow(clippy::unwrap_used)] // a test helper: failing loudly is the point
async fn clear_filters(w: &Window) {
    w.wait_css("[data-testid=filter-summary-clear]", Duration::from_secs(1)).await.click().await.unwrap();
    w.wait_gone("[data-testid=filter-summary]", Duration::from_secs(2)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_filter_hiding_stopped_containers_survives_live_updates() {
    let cleanup = on_the_demo("window-filters");
    let running = run_idle("nl-filter-live", &cleanup, &["--network", "backend"]);
    let running_node = format!("container:{running}");
    let nightly = format!("container:{}", docker(&["inspect", "-f", "{{.Id}}", "nightly-job"]));
    let w = Window::open().await;
    w.until_drawn(&running_node).await;
    assert_eq!(w.item_look(&nightly).await, "drawn");

    w.wait_css("[data-testid=filters-button]", Duration::from_secs(2)).await.click().await.unwrap();
    w.wait_css("[data-testid=filter-hide-stopped]", Duration::from_secs(2)).await.click().await.unwrap();
    w.chord(&[ESCAPE]).await;
    w.wait_gone("[data-testid=filters-panel]", Duration::from_secs(2)).await;
    until_look(&w, &nightly, "hidden").await;
    let outline_row = format!("[data-testid=outline] [data-node-id='{nightly}']");
    w.wait_gone(&outline_row, Duration::from_secs(2)).await;
    assert_eq!(w.item_look(&running_node).await, "drawn");
    let before = hidden_containers(&w).await;
    assert!(before >= 1, "nightly-job at least");

    // Stopped with the docker CLI while the filter is on: it goes, and the count follows.
    docker(&["stop", "-t", "1", "nl-filter-live"]);
    until_look(&w, &running_node, "hidden").await;
    let after_stop = hidden_containers(&w).await;
    assert!(after_stop > before, "the status bar counted the stopped container: {before} then {after_stop}");

    // A container created (never started) on backend arrives stopped: watched from its creation, it is
    // never drawn in any revision the window shows.
    let created = docker(&[
        "create",
        "--name",
        "nl-filter-new",
        "--label",
        &cleanup.label,
        "--network",
        "backend",
        "netlens/busybox:latest",
        "true",
    ]);
    let created_node = format!("container:{created}");
    w.js("window.__NETLENS_TEST__.watch(arguments[0]);", vec![json!(created_node)]).await;
    until_look(&w, &created_node, "hidden").await;
    let seen = w.js("return window.__NETLENS_TEST__.seen(arguments[0]);", vec![json!(created_node)]).await;
    let sightings = seen.as_array().cloned().unwrap_or_default();
    assert!(sightings.iter().all(|s| s["present"] == Value::Bool(false)), "never drawn: {seen}");
    let after_create = hidden_containers(&w).await;
    assert!(after_create > after_stop, "counted too: {after_stop} then {after_create}");
    w.screenshot("window-filters-hide-stopped").await;

    clear_filters(&w).await;
    until_look(&w, &created_node, "drawn").await;
    w.close().await;
}

/// Two real clicks on a node, close enough in time for a double-click.
#[allow(clippy::expect_used)] // a test helper: failing loudly is the point
async fn double_click_node(w: &Window, node_id: &str) {
    let (x, y) = w.node_position(node_id).await;
    let click = |m: MouseActions| {
        m.then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Pause { duration: Duration::from_millis(40) })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })
    };
    let mouse = MouseActions::new("mouse".into()).then(PointerAction::MoveTo {
        duration: Some(Duration::from_millis(50)),
        x: x.round(),
        y: y.round(),
    });
    let mouse = click(click(mouse).then(PointerAction::Pause { duration: Duration::from_millis(60) }));
    w.client.perform_actions(mouse).await.expect("pointer actions");
    let _ = w.client.release_actions().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn focus_on_a_network_fades_the_rest_and_escape_restores_it() {
    assert_ui_built();
    ensure_demo();
    let id = |name: &str, what: &str| docker(&[what, "inspect", "-f", "{{.Id}}", name]);
    let frontend = format!("network:{}", id("frontend", "network"));
    let backend = format!("network:{}", id("backend", "network"));
    let gateway = format!("container:{}", id("gateway", "container"));
    let api = format!("container:{}", id("api", "container"));
    let w = Window::open().await;

    double_click_node(&w, &frontend).await;
    let chip = w.wait_css("[data-testid=focus-chip]", Duration::from_secs(3)).await;
    assert_eq!(chip.attr("data-focus").await.unwrap().as_deref(), Some(frontend.as_str()));
    assert_eq!(w.item_look(&gateway).await, "drawn", "gateway is on frontend");
    assert_eq!(w.item_look(&frontend).await, "drawn");
    assert_eq!(w.item_look(&api).await, "faded");
    assert_eq!(w.item_look(&backend).await, "faded");
    w.screenshot("window-focus-frontend").await;

    // Two hops reach gateway's other networks.
    w.wait_css("[data-testid=focus-chip] button[data-hops='2']", Duration::from_secs(1)).await.click().await.unwrap();
    until_look(&w, &backend, "drawn").await;
    assert_eq!(w.item_look(&api).await, "faded", "api is three hops away");

    w.chord(&[ESCAPE]).await;
    w.wait_gone("[data-testid=focus-chip]", Duration::from_secs(2)).await;
    for node in [&api, &backend, &gateway, &frontend] {
        assert_eq!(w.item_look(node).await, "drawn", "{node} after Escape");
    }

    // The details' Focus button does the same as a double-click.
    w.click_node(&backend).await;
    w.wait_css("[data-testid=details] [data-testid=focus-button]", Duration::from_secs(2)).await.click().await.unwrap();
    until_look(&w, &frontend, "faded").await;
    assert_eq!(w.item_look(&api).await, "drawn");
    w.wait_css("[data-testid=leave-focus]", Duration::from_secs(1)).await.click().await.unwrap();
    until_look(&w, &frontend, "drawn").await;
    w.close().await;
}
