//! Issue 10's search end to end: Ctrl+F in the real window, the IPv4 of a demo container typed, Enter selects
//! it and the camera centres on it. Reads the demo (`ensure_demo()`), changes nothing on the engine.

use std::time::{Duration, Instant};

use netlens_tests::window::{assert_ui_built, Window, CONTROL, ENTER};
use netlens_tests::{docker, ensure_demo};
use serde_json::Value;

/// How far (CSS pixels) from the graph pane's middle the centred node may be drawn.
const NEAR_CENTRE: f64 = 40.0;

#[tokio::test(flavor = "multi_thread")]
async fn search_for_an_ip_centres_and_selects_its_container() {
    assert_ui_built();
    ensure_demo();
    let ip = docker(&["inspect", "-f", "{{(index .NetworkSettings.Networks \"backend\").IPAddress}}", "api"]);
    assert!(ip.starts_with("10."), "api's IPv4 on backend: {ip:?}");
    let id = docker(&["inspect", "-f", "{{.Id}}", "api"]);
    let node = format!("container:{id}");
    let w = Window::open().await;
    w.wait_css("main[data-ready=true]", Duration::from_secs(10)).await;

    w.chord(&[CONTROL, 'f']).await;
    let focused = w.js("return document.activeElement?.dataset?.testid ?? null;", vec![]).await;
    assert_eq!(focused, Value::from("search-input"), "Ctrl+F focuses the search box");
    w.wait_css("[data-testid=search-input]", Duration::from_secs(1)).await.send_keys(&ip).await.unwrap();
    let first = w.wait_css("[data-testid=search-results] [role=option]", Duration::from_secs(2)).await;
    assert_eq!(first.attr("data-result-id").await.unwrap().as_deref(), Some(node.as_str()), "the best match is api");
    w.chord(&[ENTER]).await;

    let selected = w.js("return window.__NETLENS_TEST__.selectedIds();", vec![]).await;
    assert_eq!(selected, Value::from(vec![node.clone()]), "Enter selects the match alone");
    w.wait_css(&format!("[data-testid=details][data-selected='{node}']"), Duration::from_secs(2)).await;
    // WebKitWebDriver's rendered-text algorithm skips this heading; its DOM text is what a person reads.
    let title = w.js("return document.querySelector('[data-testid=details] h2').textContent.trim();", vec![]).await;
    assert_eq!(title, "api", "details show the container found by its IP");

    // The camera animates (300 ms) to the node: it ends up in the middle of the graph pane.
    let pane = w
        .js("const r = document.querySelector('[data-testid=graph]').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];", vec![])
        .await;
    let centre = (pane[0].as_f64().unwrap(), pane[1].as_f64().unwrap());
    let deadline = Instant::now() + Duration::from_secs(3);
    let mut at = w.node_position(&node).await;
    while ((at.0 - centre.0).hypot(at.1 - centre.1) > NEAR_CENTRE) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        at = w.node_position(&node).await;
    }
    assert!(
        (at.0 - centre.0).hypot(at.1 - centre.1) <= NEAR_CENTRE,
        "api drawn at {at:?}, the graph pane's middle is {centre:?}"
    );
    w.screenshot("window-search-ip").await;
    w.close().await;
}
