//! Issue 10's groups end to end: a `container:`-mode sidecar drawn tied to the container whose network stack it
//! shares, and a Compose project (containers and a network labelled `com.docker.compose.project=nlw-shop`, made
//! with `docker run --label`, no compose binary) collapsed into one node and expanded again through real clicks.
//! Everything it creates carries `netlens.test=groups` and is removed, pass or fail.

use std::time::Duration;

use netlens_tests::window::{assert_ui_built, Window};
use netlens_tests::{docker, run_idle, Cleanup};

const PROJECT: &str = "com.docker.compose.project=nlw-shop";
/// How far (CSS pixels) from its owner a sidecar may be drawn: the layout puts it on a small ring beside it.
const BESIDE: f64 = 60.0;

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_container_mode_sidecar_is_tied_to_its_owner_and_a_compose_project_collapses_and_expands() {
    assert_ui_built();
    let cleanup = Cleanup::new("groups");
    let net = docker(&[
        "network",
        "create",
        "--label",
        cleanup.label.as_str(),
        "--label",
        PROJECT,
        "--subnet",
        "10.231.7.0/24",
        "nlw-shop_default",
    ]);
    let web = run_idle("nlw-shop-web", &cleanup, &["--network", "nlw-shop_default", "--label", PROJECT]);
    let db = run_idle("nlw-shop-db", &cleanup, &["--network", "nlw-shop_default", "--label", PROJECT]);
    let side = run_idle("nlw-sidecar", &cleanup, &["--network", "container:nlw-shop-web"]);
    let (web_node, db_node, side_node) =
        (format!("container:{web}"), format!("container:{db}"), format!("container:{side}"));
    let tie = format!("stack:{side}:{web}");

    let w = Window::open().await;
    w.wait_css("main[data-ready=true]", Duration::from_secs(10)).await;

    // The sidecar has no endpoint of its own: it is drawn beside web, tied to it by the stack line.
    w.until_drawn(&tie).await;
    let (at_web, at_side) = (w.node_position(&web_node).await, w.node_position(&side_node).await);
    assert!(distance(at_web, at_side) < BESIDE, "sidecar drawn at {at_side:?}, web at {at_web:?}");
    w.click_node(&side_node).await;
    w.wait_css(&format!("[data-testid=details][data-selected='{side_node}']"), Duration::from_secs(3)).await;
    w.until_text("[data-testid=details] [data-field=stack]", "Shares the network stack of nlw-shop-web").await;
    w.screenshot("window-groups-sidecar").await;

    // Collapse the project from web's details: web, db and the project's network become one node; the
    // sidecar (not in the project) stays, its line now tied to the project.
    w.click_node(&web_node).await;
    w.wait_css(&format!("[data-testid=details][data-selected='{web_node}']"), Duration::from_secs(3)).await;
    w.wait_css("[data-testid=details] [data-testid=collapse-project]", Duration::from_secs(2))
        .await
        .click()
        .await
        .unwrap();
    w.until_drawn("project:nlw-shop").await;
    for (id, what) in [(&web_node, "web"), (&db_node, "db"), (&format!("network:{net}"), "the project's network")] {
        w.until_gone(id, what).await;
    }
    w.until_drawn(&format!("group:stack:{side_node}:project:nlw-shop")).await;
    assert!(w.node_position(&side_node).await.0.is_finite(), "the sidecar is still drawn");
    w.screenshot("window-groups-collapsed").await;

    // Expand it again from the project node's details, reached by a click on the node.
    w.click_node("project:nlw-shop").await;
    w.wait_css("[data-testid=details][data-selected='project:nlw-shop']", Duration::from_secs(3)).await;
    w.until_text("[data-testid=details]", "2 containers and 1 network").await;
    w.wait_css("[data-testid=expand-project]", Duration::from_secs(2)).await.click().await.unwrap();
    w.until_drawn(&web_node).await;
    w.until_drawn(&db_node).await;
    w.until_drawn(&tie).await;
    w.until_gone("project:nlw-shop", "the collapsed project").await;
    w.close().await;
    drop(cleanup);
}
