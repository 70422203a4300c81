//! End-to-end tests of the real window under Xvfb, driven through tauri-driver and WebKitWebDriver.

use std::time::Duration;

use fantoccini::Locator;
use netlens_tests::window::{assert_ui_built, Window, CONTROL, DELETE};
use netlens_tests::{docker, docker_json, ensure_demo, Cleanup};

/// A busy engine (issue 9): 100 networks, 600 containers.
#[path = "window_large.rs"]
mod window_large;

/// Search (issue 10): an IP found, selected and centred.
#[path = "window_search.rs"]
mod window_search;

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
    until_text(&w, "[data-testid=raw-json]", id).await;
    w.wait_css("[data-testid=tab-details]", Duration::from_secs(1)).await.click().await.unwrap();

    // The outline is a second way in: the macvlan network by keyboard-reachable button.
    let lan = docker(&["network", "inspect", "-f", "{{.Id}}", "lan"]);
    w.client.find(Locator::Css(&format!("[data-node-id='network:{lan}']"))).await.unwrap().click().await.unwrap();
    let driver = w.wait_css("[data-testid=details] [data-field=driver]", Duration::from_secs(5)).await;
    assert!(driver.text().await.unwrap().contains("macvlan"));
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn networks_made_with_the_cli_appear_and_vanish_live() {
    assert_ui_built();
    ensure_demo();
    let cleanup = Cleanup::new("window-live");
    let w = Window::open().await;
    let id = docker(&["network", "create", "--label", &cleanup.label, "nl-live"]);
    let css = format!("[data-testid=outline] [data-node-id='network:{id}']");
    w.wait_css(&css, Duration::from_secs(5)).await;
    docker(&["network", "rm", &id]);
    w.wait_gone(&css, Duration::from_secs(5)).await;
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

/// Waits until the graph has drawn a topology in which `id` (a node or edge) is present.
async fn until_drawn(w: &Window, id: &str) {
    for _ in 0..50 {
        let v = w.js(
            "const h = window.__NETLENS_TEST__; return h.nodePosition(arguments[0]) || h.edgePosition(arguments[0]);",
            vec![serde_json::json!(id)],
        )
        .await;
        if !v.is_null() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{id} was never drawn");
}

/// Waits (up to 5 s) until a node or edge is no longer drawn.
async fn until_gone(w: &Window, id: &str, what: &str) {
    for _ in 0..50 {
        let v = w.js(
            "const h = window.__NETLENS_TEST__; return h.nodePosition(arguments[0]) || h.edgePosition(arguments[0]);",
            vec![serde_json::json!(id)],
        )
        .await;
        if v.is_null() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what} ({id}) is still drawn after 5 s");
}

#[tokio::test(flavor = "multi_thread")]
async fn drag_connects_pull_disconnects_and_ctrl_z_restores_ip_and_aliases() {
    assert_ui_built();
    ensure_demo();
    let cleanup = Cleanup::new("window-drag");
    let net = docker(&["network", "create", "--label", &cleanup.label, "--subnet", "10.214.120.0/24", "nlw-drag"]);
    let ctr = netlens_tests::run_idle("nlw-drag-box", &cleanup, &[]);
    let w = Window::open().await;
    let (net_node, ctr_node, edge) =
        (format!("network:{net}"), format!("container:{ctr}"), format!("endpoint:{net}:{ctr}"));
    until_drawn(&w, &net_node).await;
    until_drawn(&w, &ctr_node).await;

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
    until_drawn(&w, &edge).await;
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
    assert_ui_built();
    ensure_demo();
    let cleanup = Cleanup::new("window-delete");
    let net = docker(&["network", "create", "--label", &cleanup.label, "nlw-key"]);
    let ctr = netlens_tests::run_idle("nlw-key-box", &cleanup, &["--network", "nlw-key"]);
    let w = Window::open().await;
    let edge = format!("endpoint:{net}:{ctr}");
    until_drawn(&w, &edge).await;
    w.js("window.__NETLENS_TEST__.select(arguments[0]);", vec![serde_json::json!(edge)]).await;
    w.wait_css(&format!("[data-testid=details][data-selected='{edge}']"), Duration::from_secs(3)).await;
    w.chord(&[DELETE]).await;
    let cmd = until_text(&w, "[data-testid=disconnect-command]", "docker network disconnect nlw-key nlw-key-box").await;
    assert!(!cmd.is_empty());
    assert!(endpoint(&ctr, "nlw-key").is_some(), "nothing happens before the confirmation");
    w.chord(&['\u{E007}']).await; // Enter
    until_endpoint(&ctr, "nlw-key", "disconnected by Delete + Enter", |e| e.is_none()).await;
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cli_disconnect_of_the_only_network_takes_the_line_away() {
    assert_ui_built();
    let cleanup = Cleanup::new("window-live-only");
    docker(&["network", "create", "--label", &cleanup.label, "nlw-live-only"]);
    let ctr = netlens_tests::run_idle("nlw-live-only-box", &cleanup, &["--network", "nlw-live-only"]);
    let ctr = ctr.trim().to_string();
    let net = docker(&["network", "inspect", "-f", "{{.Id}}", "nlw-live-only"]).trim().to_string();
    let edge = format!("endpoint:{net}:{ctr}");
    let w = Window::open().await;
    until_drawn(&w, &edge).await;
    docker(&["network", "disconnect", "nlw-live-only", &ctr]);
    until_gone(&w, &edge, "the line of a container disconnected with the CLI").await;
    docker(&["network", "connect", "nlw-live-only", &ctr]);
    until_drawn(&w, &edge).await;
    w.close().await;
}

// The edge added by a live connect is the first edge the graph gains after its first fill: sigma 4.0.4 looked
// it up in the graph it was constructed with and threw half way through the update (sigmaView.ts adoptGraph),
// so the disconnect that followed was diffed against a stale topology and never taken off the screen.
#[tokio::test(flavor = "multi_thread")]
async fn a_cli_disconnect_takes_the_line_away_and_a_cli_connect_brings_it_back() {
    assert_ui_built();
    let cleanup = Cleanup::new("window-live-edge");
    docker(&["network", "create", "--label", &cleanup.label, "nlw-live-home"]);
    docker(&["network", "create", "--label", &cleanup.label, "nlw-live-edge"]);
    let ctr = netlens_tests::run_idle("nlw-live-edge-box", &cleanup, &["--network", "nlw-live-home"]);
    let ctr = ctr.trim().to_string();
    let net = docker(&["network", "inspect", "-f", "{{.Id}}", "nlw-live-edge"]).trim().to_string();
    let edge = format!("endpoint:{net}:{ctr}");
    let w = Window::open().await;
    until_drawn(&w, &format!("container:{ctr}")).await;
    // As a person at a terminal would: connect a second network, and take it away a moment later.
    docker(&["network", "connect", "nlw-live-edge", &ctr]);
    until_drawn(&w, &edge).await;
    docker(&["network", "disconnect", "nlw-live-edge", &ctr]);
    until_gone(&w, &edge, "the line of a container disconnected with the CLI").await;
    docker(&["network", "connect", "nlw-live-edge", &ctr]);
    until_drawn(&w, &edge).await;
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_drop_on_a_refused_network_changes_nothing_and_says_why() {
    assert_ui_built();
    ensure_demo();
    let cleanup = Cleanup::new("window-refused");
    let ctr = netlens_tests::run_idle("nlw-refused-box", &cleanup, &[]);
    let host_net = docker(&["network", "inspect", "-f", "{{.Id}}", "host"]);
    let w = Window::open().await;
    let (net_node, ctr_node) = (format!("network:{host_net}"), format!("container:{ctr}"));
    until_drawn(&w, &ctr_node).await;
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

async fn text_of(w: &Window, css: &str) -> String {
    w.js(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
        vec![serde_json::json!(css)],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Waits until the element's text contains `want`; returns the text seen last.
async fn until_text(w: &Window, css: &str, want: &str) -> String {
    let mut seen = String::new();
    for _ in 0..50 {
        seen = text_of(w, css).await;
        if seen.contains(want) {
            return seen;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} never said {want:?}; last: {seen:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn create_dialog_makes_a_network_and_refuses_a_bad_subnet() {
    assert_ui_built();
    ensure_demo();
    let cleanup = Cleanup::new("window-create");
    let w = Window::open().await;
    let networks_before = docker(&["network", "ls", "-q"]);

    w.wait_css("[data-testid=new-network]", Duration::from_secs(5)).await.click().await.unwrap();
    w.wait_css("[data-testid=create-dialog]", Duration::from_secs(5)).await;
    w.wait_css("[data-testid=create-name]", Duration::from_secs(1)).await.send_keys("nlw-made").await.unwrap();
    let subnet = w.wait_css("[data-testid=create-subnet]", Duration::from_secs(1)).await;
    subnet.send_keys("10.214.300.0/24").await.unwrap();
    let problem = until_text(&w, "[data-testid=create-problem][data-field=subnet]", "10.214.300.0/24").await;
    assert!(!problem.is_empty(), "the bad subnet is explained next to its field");
    let confirm = w.wait_css("[data-testid=create-confirm]", Duration::from_secs(1)).await;
    assert!(confirm.attr("disabled").await.unwrap().is_some(), "nothing can be created while a problem stands");
    assert_eq!(docker(&["network", "ls", "-q"]), networks_before, "an invalid subnet creates nothing");

    subnet.clear().await.unwrap();
    subnet.send_keys("10.214.140.0/24").await.unwrap();
    until_text(
        &w,
        "[data-testid=create-command]",
        "docker network create --driver bridge --subnet 10.214.140.0/24 nlw-made",
    )
    .await;
    w.wait_gone("[data-testid=create-problem]", Duration::from_secs(3)).await;
    w.screenshot("create-dialog").await;
    w.wait_css("[data-testid=create-confirm]", Duration::from_secs(1)).await.click().await.unwrap();
    w.wait_gone("[data-testid=create-dialog]", Duration::from_secs(10)).await;
    let id = docker(&["network", "inspect", "-f", "{{.Id}}", "nlw-made"]);
    w.wait_css(&format!("[data-testid=outline] [data-node-id='network:{id}']"), Duration::from_secs(5)).await;
    until_drawn(&w, &format!("network:{id}")).await;
    let subnet = docker(&["network", "inspect", "-f", "{{(index .IPAM.Config 0).Subnet}}", "nlw-made"]);
    assert_eq!(subnet, "10.214.140.0/24");
    docker(&["network", "rm", "nlw-made"]);
    drop(cleanup);
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn prune_dialog_removes_exactly_the_ticked_networks() {
    assert_ui_built();
    ensure_demo();
    let cleanup = Cleanup::new("window-prune");
    let a = docker(&["network", "create", "--label", &cleanup.label, "nlw-prune-a"]);
    let b = docker(&["network", "create", "--label", &cleanup.label, "nlw-prune-b"]);
    let w = Window::open().await;
    until_drawn(&w, &format!("network:{b}")).await;

    w.wait_css("[data-testid=prune-button]", Duration::from_secs(5)).await.click().await.unwrap();
    w.wait_css("[data-testid=prune-dialog]", Duration::from_secs(5)).await;
    w.wait_css("[data-testid=prune-label]", Duration::from_secs(1)).await.send_keys(&cleanup.label).await.unwrap();
    w.wait_css("[data-testid=prune-preview]", Duration::from_secs(1)).await.click().await.unwrap();
    // The dialog previews without filters as it opens; wait for the preview of the label filter.
    until_text(&w, "[data-testid=prune-command]", &format!("--filter label={}", cleanup.label)).await;
    w.wait_css(&format!("[data-testid=prune-item][data-network-id='{a}']"), Duration::from_secs(5)).await;
    let items = w.client.find_all(Locator::Css("[data-testid=prune-item]")).await.unwrap();
    assert_eq!(items.len(), 2, "exactly the two labelled, unused networks");
    w.screenshot("prune-preview").await;
    // Keep b: untick it.
    w.wait_css(
        &format!("[data-testid=prune-item][data-network-id='{b}'] input[type=checkbox]"),
        Duration::from_secs(1),
    )
    .await
    .click()
    .await
    .unwrap();
    w.wait_css("[data-testid=prune-confirm]", Duration::from_secs(1)).await.click().await.unwrap();
    w.wait_css("[data-testid=prune-report] [data-testid=report-item][data-outcome=removed]", Duration::from_secs(10))
        .await;
    assert!(!docker_output_ok(&["network", "inspect", &a]), "the ticked network is gone");
    assert!(docker_output_ok(&["network", "inspect", &b]), "the unticked one stays");
    drop(cleanup);
    w.close().await;
}

fn docker_output_ok(args: &[&str]) -> bool {
    netlens_tests::docker_output(args).status.success()
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_click_two_networks_then_delete_removes_both_with_one_dialog() {
    assert_ui_built();
    ensure_demo();
    let cleanup = Cleanup::new("window-multi");
    let a = docker(&["network", "create", "--label", &cleanup.label, "nlw-multi-a"]);
    let b = docker(&["network", "create", "--label", &cleanup.label, "nlw-multi-b"]);
    let w = Window::open().await;
    let (na, nb) = (format!("network:{a}"), format!("network:{b}"));
    until_drawn(&w, &nb).await;
    w.click_node(&na).await;
    w.ctrl_click_node(&nb).await;
    let ids = w.js("return window.__NETLENS_TEST__.selectedIds();", vec![]).await;
    assert_eq!(ids, serde_json::json!([na, nb]), "Ctrl+click adds to the selection");
    w.wait_css("[data-testid=multi-selection][data-count='2']", Duration::from_secs(3)).await;
    w.chord(&[DELETE]).await;
    w.wait_css("[data-testid=remove-dialog]", Duration::from_secs(3)).await;
    let items = w.client.find_all(Locator::Css("[data-testid=remove-item]")).await.unwrap();
    assert_eq!(items.len(), 2, "one dialog for both networks");
    w.wait_css("[data-testid=remove-confirm]", Duration::from_secs(1)).await.click().await.unwrap();
    w.wait_css("[data-testid=remove-report] [data-testid=report-item][data-outcome=removed]", Duration::from_secs(10))
        .await;
    assert!(!docker_output_ok(&["network", "inspect", &a]) && !docker_output_ok(&["network", "inspect", &b]));
    drop(cleanup);
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn can_a_reach_b_says_no_across_networks_and_its_fix_makes_ping_by_name_work() {
    assert_ui_built();
    ensure_demo();
    let cleanup = Cleanup::new("window-reach");
    docker(&["network", "create", "--label", &cleanup.label, "nlw-reach-a"]);
    docker(&["network", "create", "--label", &cleanup.label, "nlw-reach-b"]);
    let a = netlens_tests::run_idle("nlw-reach-a-box", &cleanup, &["--network", "nlw-reach-a"]);
    let b = netlens_tests::run_idle("nlw-reach-b-box", &cleanup, &["--network", "nlw-reach-b"]);
    let ping = || docker_output_ok(&["exec", &a, "ping", "-c1", "-W2", "nlw-reach-b-box"]);
    assert!(!ping(), "two containers on different networks do not reach each other before the fix");

    let w = Window::open().await;
    let (node_a, node_b) = (format!("container:{a}"), format!("container:{b}"));
    until_drawn(&w, &node_a).await;
    until_drawn(&w, &node_b).await;
    w.js("window.__NETLENS_TEST__.select(arguments[0]);", vec![serde_json::json!(node_a)]).await;
    w.wait_css(&format!("[data-testid=details][data-selected='{node_a}']"), Duration::from_secs(3)).await;
    // The details already say B is out of reach, and why.
    let why =
        until_text(&w, &format!("[data-testid=unreachable] [data-node-id='{node_b}']"), "no shared network").await;
    assert!(why.contains("nlw-reach-b-box"), "{why}");

    w.wait_css("[data-testid=can-reach-button]", Duration::from_secs(1)).await.click().await.unwrap();
    w.wait_css("[data-testid=reach-dialog]", Duration::from_secs(3)).await;
    let from = w.js("return document.querySelector('[data-testid=reach-from]').value;", vec![]).await;
    assert_eq!(from, serde_json::json!(a), "A is the selected container");
    w.wait_css(&format!("[data-testid=reach-to] option[value='{b}']"), Duration::from_secs(1))
        .await
        .click()
        .await
        .unwrap();
    w.wait_css("[data-testid=reach-verdict][data-reachable='false']", Duration::from_secs(5)).await;
    let reason = text_of(&w, "[data-testid=reach-reason]").await;
    assert!(reason.contains("no shared network"), "{reason}");
    let fix = text_of(&w, "[data-testid=reach-fix-command]").await;
    assert_eq!(fix, "docker network connect nlw-reach-b nlw-reach-a-box", "A joins B's network");
    w.screenshot("can-a-reach-b-no").await;

    w.wait_css("[data-testid=reach-apply-fix]", Duration::from_secs(1)).await.click().await.unwrap();
    w.wait_css("[data-testid=reach-verdict][data-reachable='true']", Duration::from_secs(10)).await;
    let names = text_of(&w, "[data-testid=reach-names]").await;
    assert!(names.contains("nlw-reach-b-box"), "B's name resolves from A: {names}");
    assert_eq!(text_of(&w, "[data-testid=reach-networks]").await, "nlw-reach-b");
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
