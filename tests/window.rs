//! End-to-end tests of the real window under Xvfb, driven through tauri-driver and WebKitWebDriver.

use std::time::Duration;

use fantoccini::Locator;
use netlens_tests::window::{assert_ui_built, on_the_demo, Window, CONTROL, DELETE};
use netlens_tests::{docker, docker_json, ensure_demo, labelled_network};

/// A busy engine (issue 9): 100 networks, 2,000 containers.
#[path = "window_large.rs"]
mod window_large;

/// Search (issue 10): an IP found, selected and centred.
#[path = "window_search.rs"]
mod window_search;

/// The engine switcher (issue 11): an engine added in the window, shown, and left again.
#[path = "window_engines.rs"]
mod window_engines;

/// Filters and focus (issue 10): stopped containers hidden through live updates; a network's neighbourhood.
#[path = "window_filters.rs"]
mod window_filters;

/// Export (issue 10): PNG, SVG and DOT of what the window shows.
#[path = "window_export.rs"]
mod window_export;

/// Groups (issue 10): a shared network stack drawn as its own line, a Compose project collapsed and expanded.
#[path = "window_groups.rs"]
mod window_groups;

/// Live: what the docker CLI changes is drawn and taken away.
#[path = "window_live.rs"]
mod window_live;

/// Network dialogs: create, prune, remove.
#[path = "window_networks.rs"]
mod window_networks;

#[tokio::test(flavor = "multi_thread")]
async fn outline_lists_every_network_and_container_and_a_click_shows_details() {
    assert_ui_built();
    ensure_demo();
    let w = Window::open().await;
    let networks = docker(&["network", "ls", "-q", "--no-trunc"]);
    let containers = docker(&["ps", "-aq", "--no-trunc"]);
    for id in networks.lines() {
        w.wait_css(&format!("[data-testid=outline] [data-node-id='network:{id}']"), Duration::from_secs(5)).await;
    }
    for id in containers.lines() {
        w.wait_css(&format!("[data-testid=outline] [data-node-id='container:{id}']"), Duration::from_secs(5)).await;
    }
    for id in ["host", "external"] {
        w.wait_css(&format!("[data-testid=outline] [data-node-id='{id}']"), Duration::from_secs(5)).await;
    }
    let status = w.wait_css("[data-testid=status]", Duration::from_secs(5)).await.text().await.unwrap();
    assert!(status.to_lowercase().contains("connected"), "status bar: {status}");
    w.wait_css("[data-field=sandbox]", Duration::from_secs(5)).await;

    // A real pointer click on the backend hub in the WebGL graph.
    let backend = &docker_json(&["network", "inspect", "backend"])[0];
    let id = backend["Id"].as_str().unwrap();
    w.click_node(&format!("network:{id}")).await;
    let details = w.wait_css("[data-testid=details] [data-field=driver]", Duration::from_secs(5)).await;
    assert!(details.text().await.unwrap().contains("bridge"));
    let shot = w.screenshot("window-backend-selected").await;
    let panel = w.wait_css("[data-testid=details]", Duration::from_secs(1)).await;
    assert_eq!(panel.attr("data-selected").await.unwrap().as_deref(), Some(format!("network:{id}").as_str()));
    // WebKitWebDriver's rendered-text algorithm skips this heading; its DOM text is what a person reads.
    let title = w.js("return document.querySelector('[data-testid=details] h2').textContent.trim();", vec![]).await;
    assert_eq!(title, "backend", "details show the clicked network");
    let time = w.wait_css("[data-testid=details] [data-field=created] time", Duration::from_secs(1)).await;
    let datetime = time.attr("datetime").await.unwrap().unwrap();
    let want = chrono::DateTime::parse_from_rfc3339(backend["Created"].as_str().unwrap()).unwrap();
    let have = chrono::DateTime::parse_from_rfc3339(&datetime).unwrap();
    assert_eq!(have.timestamp(), want.timestamp(), "created date of backend");
    assert!(
        std::fs::metadata(&shot).map(|m| m.len() > 10_000).unwrap_or(false),
        "screenshot written: {}",
        shot.display()
    );

    // The Raw JSON tab shows the engine's own inspect of the network.
    w.wait_css("[data-testid=tab-raw]", Duration::from_secs(1)).await.click().await.unwrap();
    w.wait_css("[data-testid=raw-json][data-state=ready]", Duration::from_secs(5)).await;
    w.until_text("[data-testid=raw-json]", id).await;
    w.wait_css("[data-testid=tab-details]", Duration::from_secs(1)).await.click().await.unwrap();

    // The outline is a second way in: the macvlan network by keyboard-reachable button.
    let lan = docker(&["network", "inspect", "-f", "{{.Id}}", "lan"]);
    w.client.find(Locator::Css(&format!("[data-node-id='network:{lan}']"))).await.unwrap().click().await.unwrap();
    let driver = w.wait_css("[data-testid=details] [data-field=driver]", Duration::from_secs(5)).await;
    assert!(driver.text().await.unwrap().contains("macvlan"));
    w.close().await;
}

/// The container's endpoint on `network` as `docker inspect` shows it.
fn endpoint(container: &str, network: &str) -> Option<serde_json::Value> {
    docker_json(&["inspect", container])[0]["NetworkSettings"]["Networks"].get(network).cloned()
}

fn has_alias(e: &serde_json::Value, alias: &str) -> bool {
    e["Aliases"].as_array().is_some_and(|a| a.iter().any(|v| v == alias))
}

/// Polls `docker inspect` until `pred` holds for the endpoint (or its absence).
async fn until_endpoint(container: &str, network: &str, what: &str, pred: impl Fn(Option<&serde_json::Value>) -> bool) {
    for _ in 0..50 {
        if pred(endpoint(container, network).as_ref()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what}: endpoint of {container} on {network} is {:?}", endpoint(container, network));
}

#[tokio::test(flavor = "multi_thread")]
async fn drag_connects_pull_disconnects_and_ctrl_z_restores_ip_and_aliases() {
    let cleanup = on_the_demo("window-drag");
    let net = docker(&["network", "create", "--label", &cleanup.label, "--subnet", "10.214.120.0/24", "nlw-drag"]);
    let ctr = netlens_tests::run_idle("nlw-drag-box", &cleanup, &[]);
    let w = Window::open().await;
    let (net_node, ctr_node, edge) =
        (format!("network:{net}"), format!("container:{ctr}"), format!("endpoint:{net}:{ctr}"));
    w.until_drawn(&net_node).await;
    w.until_drawn(&ctr_node).await;

    // Drag the container onto the network hub; look at the drag in progress, then drop.
    let from = w.node_position(&ctr_node).await;
    let to = w.node_position(&net_node).await;
    w.press_and_move(from, to).await;
    w.wait_css("main[data-dragging='true']", Duration::from_secs(2)).await;
    w.wait_css("[data-testid=drop-hint]", Duration::from_secs(2)).await;
    w.screenshot("drag-in-progress").await;
    w.release(false).await;
    let popover = w.wait_css("[data-testid=connect-popover]", Duration::from_secs(5)).await;
    w.wait_css("[data-testid=connect-aliases]", Duration::from_secs(1)).await.send_keys("api2").await.unwrap();
    w.wait_css("[data-testid=connect-ipv4]", Duration::from_secs(1)).await.send_keys("10.214.120.10").await.unwrap();
    let want = "docker network connect --alias api2 --ip 10.214.120.10 nlw-drag nlw-drag-box";
    let mut command = String::new();
    for _ in 0..30 {
        command = w.wait_css("[data-testid=connect-command]", Duration::from_secs(1)).await.text().await.unwrap();
        if command.contains(want) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(command.contains(want), "the popover shows the CLI equivalent: {command}");
    w.screenshot("drop-popover").await;
    let _ = popover;
    w.wait_css("[data-testid=connect-confirm]", Duration::from_secs(1)).await.click().await.unwrap();
    until_endpoint(&ctr, "nlw-drag", "connected by the drop", |e| {
        e.is_some_and(|e| e["IPAddress"] == "10.214.120.10" && has_alias(e, "api2"))
    })
    .await;

    // Pull the new edge away from its line until it snaps: a running container asks first.
    w.until_drawn(&edge).await;
    let (x, y) = w.edge_position(&edge).await;
    let (cx, cy) = w.node_position(&ctr_node).await;
    // Perpendicular to the edge, 160 px away.
    let (dx, dy) = (cx - x, cy - y);
    let len = dx.hypot(dy).max(1.0);
    let away = (x - dy / len * 160.0, y + dx / len * 160.0);
    w.press_and_move((x, y), away).await;
    w.wait_css("[data-testid=pull-hint][data-snapped='true']", Duration::from_secs(2)).await;
    w.screenshot("pull-to-disconnect").await;
    w.release(false).await;
    let dialog = w.wait_css("[data-testid=disconnect-dialog]", Duration::from_secs(5)).await;
    let cmd = w.wait_css("[data-testid=disconnect-command]", Duration::from_secs(1)).await.text().await.unwrap();
    assert!(cmd.contains("docker network disconnect nlw-drag nlw-drag-box"), "{cmd}");
    let _ = dialog;
    w.wait_css("[data-testid=disconnect-confirm]", Duration::from_secs(1)).await.click().await.unwrap();
    until_endpoint(&ctr, "nlw-drag", "disconnected by the pull", |e| e.is_none()).await;

    // Ctrl+Z reconnects with the same address and alias.
    w.wait_gone("[data-testid=disconnect-dialog]", Duration::from_secs(2)).await;
    w.chord(&[CONTROL, 'z']).await;
    until_endpoint(&ctr, "nlw-drag", "reconnected by Ctrl+Z", |e| {
        e.is_some_and(|e| {
            e["IPAddress"] == "10.214.120.10"
                && e["IPAMConfig"]["IPv4Address"] == "10.214.120.10"
                && has_alias(e, "api2")
        })
    })
    .await;
    // The history shows both operations; the disconnect is now the one to redo.
    // The history updates when the undo command returns, a moment after the engine shows the change.
    let redo = w.wait_css("[data-testid=redo]:not([disabled])", Duration::from_secs(5)).await;
    let title = redo.attr("title").await.unwrap().unwrap_or_default();
    assert!(title.contains("Disconnect nlw-drag-box from nlw-drag"), "redo says what it does: {title}");
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_on_a_selected_line_disconnects_after_enter_confirms() {
    let cleanup = on_the_demo("window-delete");
    let net = labelled_network("nlw-key", &cleanup);
    let ctr = netlens_tests::run_idle("nlw-key-box", &cleanup, &["--network", "nlw-key"]);
    let w = Window::open().await;
    let edge = format!("endpoint:{net}:{ctr}");
    w.until_drawn(&edge).await;
    w.js("window.__NETLENS_TEST__.select(arguments[0]);", vec![serde_json::json!(edge)]).await;
    w.wait_css(&format!("[data-testid=details][data-selected='{edge}']"), Duration::from_secs(3)).await;
    w.chord(&[DELETE]).await;
    let cmd = w.until_text("[data-testid=disconnect-command]", "docker network disconnect nlw-key nlw-key-box").await;
    assert!(!cmd.is_empty());
    assert!(endpoint(&ctr, "nlw-key").is_some(), "nothing happens before the confirmation");
    w.chord(&['\u{E007}']).await; // Enter
    until_endpoint(&ctr, "nlw-key", "disconnected by Delete + Enter", |e| e.is_none()).await;
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_drop_on_a_refused_network_changes_nothing_and_says_why() {
    let cleanup = on_the_demo("window-refused");
    let ctr = netlens_tests::run_idle("nlw-refused-box", &cleanup, &[]);
    let host_net = docker(&["network", "inspect", "-f", "{{.Id}}", "host"]);
    let w = Window::open().await;
    let (net_node, ctr_node) = (format!("network:{host_net}"), format!("container:{ctr}"));
    w.until_drawn(&ctr_node).await;
    let before = docker(&["inspect", "-f", "{{json .NetworkSettings.Networks}}", &ctr]);

    let from = w.node_position(&ctr_node).await;
    let to = w.node_position(&net_node).await;
    w.press_and_move(from, to).await;
    let hint = w.wait_css("[data-testid=drop-refusal]", Duration::from_secs(3)).await.text().await.unwrap();
    assert!(hint.contains("predefined"), "the hovered target says why: {hint}");
    w.release(false).await;
    let toast = w.wait_css("[data-testid=toast]", Duration::from_secs(3)).await;
    assert!(toast.text().await.unwrap().contains("predefined"));
    assert!(w.client.find_all(Locator::Css("[data-testid=connect-popover]")).await.unwrap().is_empty());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(docker(&["inspect", "-f", "{{json .NetworkSettings.Networks}}", &ctr]), before, "engine unchanged");
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn can_a_reach_b_says_no_across_networks_and_its_fix_makes_ping_by_name_work() {
    let cleanup = on_the_demo("window-reach");
    labelled_network("nlw-reach-a", &cleanup);
    labelled_network("nlw-reach-b", &cleanup);
    let a = netlens_tests::run_idle("nlw-reach-a-box", &cleanup, &["--network", "nlw-reach-a"]);
    let b = netlens_tests::run_idle("nlw-reach-b-box", &cleanup, &["--network", "nlw-reach-b"]);
    let ping = || netlens_tests::docker_ok(&["exec", &a, "ping", "-c1", "-W2", "nlw-reach-b-box"]);
    assert!(!ping(), "two containers on different networks do not reach each other before the fix");

    let w = Window::open().await;
    let (node_a, node_b) = (format!("container:{a}"), format!("container:{b}"));
    w.until_drawn(&node_a).await;
    w.until_drawn(&node_b).await;
    w.js("window.__NETLENS_TEST__.select(arguments[0]);", vec![serde_json::json!(node_a)]).await;
    w.wait_css(&format!("[data-testid=details][data-selected='{node_a}']"), Duration::from_secs(3)).await;
    // The details already say B is out of reach, and why.
    let why = w.until_text(&format!("[data-testid=unreachable] [data-node-id='{node_b}']"), "no shared network").await;
    assert!(why.contains("nlw-reach-b-box"), "{why}");
    // The graph lights up what A reaches and dims B; the pointer on B says why.
    for _ in 0..50 {
        if w.item_look(&node_b).await == "faded" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(w.item_look(&node_b).await, "faded", "B is dimmed while A's reach is lit");
    assert_eq!(w.item_look(&node_a).await, "drawn");
    w.hover(w.node_position(&node_b).await).await;
    let tip = w.wait_css("[data-testid=reach-tooltip]", Duration::from_secs(3)).await.text().await.unwrap();
    assert!(tip.contains("no shared network"), "the dimmed node says why: {tip}");

    w.wait_css("[data-testid=can-reach-button]", Duration::from_secs(1)).await.click().await.unwrap();
    w.wait_css("[data-testid=reach-dialog]", Duration::from_secs(3)).await;
    let from = w.js("return document.querySelector('[data-testid=reach-from]').dataset.value;", vec![]).await;
    assert_eq!(from, serde_json::json!(a), "A is the selected container");
    // B is found by typing part of its name, and picked from the list with a click.
    w.wait_css("[data-testid=reach-to]", Duration::from_secs(1)).await.send_keys("reach-b-b").await.unwrap();
    w.wait_css(&format!("[data-testid=reach-to-list] [data-value='{b}']"), Duration::from_secs(2))
        .await
        .click()
        .await
        .unwrap();
    w.wait_css("[data-testid=reach-verdict][data-reachable='false']", Duration::from_secs(5)).await;
    let reason = w.text_of("[data-testid=reach-reason]").await;
    assert!(reason.contains("no shared network"), "{reason}");
    let fix = w.text_of("[data-testid=reach-fix-command]").await;
    assert_eq!(fix, "docker network connect nlw-reach-b nlw-reach-a-box", "A joins B's network");
    w.screenshot("can-a-reach-b-no").await;

    w.wait_css("[data-testid=reach-apply-fix]", Duration::from_secs(1)).await.click().await.unwrap();
    w.wait_css("[data-testid=reach-verdict][data-reachable='true']", Duration::from_secs(10)).await;
    let names = w.text_of("[data-testid=reach-names]").await;
    assert!(names.contains("nlw-reach-b-box"), "B's name resolves from A: {names}");
    assert_eq!(w.text_of("[data-testid=reach-networks]").await, "nlw-reach-b");
    w.screenshot("can-a-reach-b-yes").await;
    assert!(endpoint(&a, "nlw-reach-b").is_some(), "the fix connected A to B's network");
    assert!(ping(), "after the fix, `docker exec A ping -c1 B` reaches B by name");
    // Undoable like any connect.
    let undo = w.wait_css("[data-testid=undo]:not([disabled])", Duration::from_secs(5)).await;
    let title = undo.attr("title").await.unwrap().unwrap_or_default();
    assert!(title.contains("nlw-reach-a-box"), "undo names the fix: {title}");
    w.close().await;
    drop(cleanup);
}
