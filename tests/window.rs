//! End-to-end tests of the real window under Xvfb, driven through tauri-driver and WebKitWebDriver.

use std::time::Duration;

use fantoccini::Locator;
use netlens_tests::window::{assert_ui_built, Window};
use netlens_tests::{docker, docker_json, ensure_demo, Cleanup};

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
