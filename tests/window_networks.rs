//! The network dialogs in the real window: create (and its refusal of a bad subnet), prune (exactly what was
//! ticked) and remove (two networks picked with Ctrl+click, one dialog).

use std::time::Duration;

use fantoccini::Locator;
use netlens_tests::window::{on_the_demo, Window, DELETE};
use netlens_tests::{docker, labelled_network, Cleanup};

/// The window on the demo once it draws two new labelled networks, and their IDs.
async fn with_two_networks(test: &str, names: [&str; 2]) -> (Cleanup, [String; 2], Window) {
    let cleanup = on_the_demo(test);
    let ids = names.map(|name| labelled_network(name, &cleanup));
    let w = Window::open().await;
    w.until_drawn(&format!("network:{}", ids[1])).await;
    (cleanup, ids, w)
}

#[tokio::test(flavor = "multi_thread")]
async fn create_dialog_makes_a_network_and_refuses_a_bad_subnet() {
    let cleanup = on_the_demo("window-create");
    let w = Window::open().await;
    let networks_before = docker(&["network", "ls", "-q"]);

    w.wait_css("[data-testid=new-network]", Duration::from_secs(5)).await.click().await.unwrap();
    w.wait_css("[data-testid=create-dialog]", Duration::from_secs(5)).await;
    w.wait_css("[data-testid=create-name]", Duration::from_secs(1)).await.send_keys("nlw-made").await.unwrap();
    let subnet = w.wait_css("[data-testid=create-subnet]", Duration::from_secs(1)).await;
    subnet.send_keys("10.214.300.0/24").await.unwrap();
    let problem = w.until_text("[data-testid=create-problem][data-field=subnet]", "10.214.300.0/24").await;
    assert!(!problem.is_empty(), "the bad subnet is explained next to its field");
    let confirm = w.wait_css("[data-testid=create-confirm]", Duration::from_secs(1)).await;
    assert!(confirm.attr("disabled").await.unwrap().is_some(), "nothing can be created while a problem stands");
    assert_eq!(docker(&["network", "ls", "-q"]), networks_before, "an invalid subnet creates nothing");

    subnet.clear().await.unwrap();
    subnet.send_keys("10.214.140.0/24").await.unwrap();
    w.until_text(
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
    w.until_drawn(&format!("network:{id}")).await;
    let subnet = docker(&["network", "inspect", "-f", "{{(index .IPAM.Config 0).Subnet}}", "nlw-made"]);
    assert_eq!(subnet, "10.214.140.0/24");
    docker(&["network", "rm", "nlw-made"]);
    drop(cleanup);
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn prune_dialog_removes_exactly_the_ticked_networks() {
    let (cleanup, [a, b], w) = with_two_networks("window-prune", ["nlw-prune-a", "nlw-prune-b"]).await;

    w.wait_css("[data-testid=prune-button]", Duration::from_secs(5)).await.click().await.unwrap();
    w.wait_css("[data-testid=prune-dialog]", Duration::from_secs(5)).await;
    w.wait_css("[data-testid=prune-label]", Duration::from_secs(1)).await.send_keys(&cleanup.label).await.unwrap();
    w.wait_css("[data-testid=prune-preview]", Duration::from_secs(1)).await.click().await.unwrap();
    // The dialog previews without filters as it opens; wait for the preview of the label filter.
    w.until_text("[data-testid=prune-command]", &format!("--filter label={}", cleanup.label)).await;
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
    assert!(!netlens_tests::docker_ok(&["network", "inspect", &a]), "the ticked network is gone");
    assert!(netlens_tests::docker_ok(&["network", "inspect", &b]), "the unticked one stays");
    drop(cleanup);
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_click_two_networks_then_delete_removes_both_with_one_dialog() {
    let (cleanup, [a, b], w) = with_two_networks("window-multi", ["nlw-multi-a", "nlw-multi-b"]).await;
    let (na, nb) = (format!("network:{a}"), format!("network:{b}"));
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
    assert!(
        !netlens_tests::docker_ok(&["network", "inspect", &a])
            && !netlens_tests::docker_ok(&["network", "inspect", &b])
    );
    drop(cleanup);
    w.close().await;
}
