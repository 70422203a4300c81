//! Live updates in the real window: what the docker CLI changes while the window is open is drawn, and what
//! it takes away goes (networks, and the lines of containers joining and leaving them).

use std::time::Duration;

use netlens_tests::window::{assert_ui_built, on_the_demo, Window};
use netlens_tests::{docker, labelled_network, run_idle, Cleanup};

/// The docker CLI disconnects `ctr` from `network`, and its line (`edge`) goes; connects it again, and the
/// line comes back.
async fn disconnect_and_connect_again(w: &Window, network: &str, ctr: &str, edge: &str) {
    docker(&["network", "disconnect", network, ctr]);
    w.until_gone(edge, "the line of a container disconnected with the CLI").await;
    docker(&["network", "connect", network, ctr]);
    w.until_drawn(edge).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn networks_made_with_the_cli_appear_and_vanish_live() {
    let cleanup = on_the_demo("window-live");
    let w = Window::open().await;
    let id = labelled_network("nl-live", &cleanup);
    let css = format!("[data-testid=outline] [data-node-id='network:{id}']");
    w.wait_css(&css, Duration::from_secs(5)).await;
    docker(&["network", "rm", &id]);
    w.wait_gone(&css, Duration::from_secs(5)).await;
    w.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cli_disconnect_of_the_only_network_takes_the_line_away() {
    assert_ui_built();
    let cleanup = Cleanup::new("window-live-only");
    let net = labelled_network("nlw-live-only", &cleanup);
    let ctr = run_idle("nlw-live-only-box", &cleanup, &["--network", "nlw-live-only"]);
    let edge = format!("endpoint:{net}:{ctr}");
    let w = Window::open().await;
    w.until_drawn(&edge).await;
    disconnect_and_connect_again(&w, "nlw-live-only", &ctr, &edge).await;
    w.close().await;
}

// The edge added by a live connect is the first edge the graph gains after its first fill: sigma 4.0.4 looked
// it up in the graph it was constructed with and threw half way through the update (sigmaView.ts adoptGraph),
// so the disconnect that followed was diffed against a stale topology and never taken off the screen.
#[tokio::test(flavor = "multi_thread")]
async fn a_cli_disconnect_takes_the_line_away_and_a_cli_connect_brings_it_back() {
    assert_ui_built();
    let cleanup = Cleanup::new("window-live-edge");
    labelled_network("nlw-live-home", &cleanup);
    let net = labelled_network("nlw-live-edge", &cleanup);
    let ctr = run_idle("nlw-live-edge-box", &cleanup, &["--network", "nlw-live-home"]);
    let edge = format!("endpoint:{net}:{ctr}");
    let w = Window::open().await;
    w.until_drawn(&format!("container:{ctr}")).await;
    // As a person at a terminal would: connect a second network, and take it away a moment later.
    docker(&["network", "connect", "nlw-live-edge", &ctr]);
    w.until_drawn(&edge).await;
    disconnect_and_connect_again(&w, "nlw-live-edge", &ctr, &edge).await;
    w.close().await;
}
