//! Issue 11's engine switcher end to end: in the real window, a second engine (a private Podman service's
//! socket) is added through the switcher's form, saved in the app's config folder (a temporary
//! XDG_CONFIG_HOME), shown instead of the sandbox, and the sandbox shown again. Changes nothing on the sandbox.

use std::time::Duration;

use netlens_tests::podman::PodmanService;
use netlens_tests::window::{assert_ui_built, Window};
use netlens_tests::{docker, ensure_demo};

const LONG: Duration = Duration::from_secs(20);

#[tokio::test(flavor = "multi_thread")]
async fn an_engine_added_in_the_window_is_saved_shown_and_left_again() {
    assert_ui_built();
    ensure_demo();
    let Some(service) = PodmanService::start() else { return };
    let pod_net = format!("nlw-pod-{}", std::process::id());
    service.podman(&["network", "create", "--subnet", "10.216.70.0/24", &pod_net]);
    let socket = service.host.trim_start_matches("unix://").to_string();
    let backend = docker(&["network", "inspect", "-f", "{{.Id}}", "backend"]);

    let dir = tempfile::tempdir().unwrap();
    let (config, docker_config) = (dir.path().join("config"), dir.path().join("docker"));
    let w =
        Window::open_with_env(&[("XDG_CONFIG_HOME", config.as_os_str()), ("DOCKER_CONFIG", docker_config.as_os_str())])
            .await;
    w.wait_css(&format!("[data-testid=outline] [data-node-id='network:{backend}']"), LONG).await;

    // The switcher lists the docker contexts (only `default` here) and the sandbox, which is shown.
    w.wait_css("[data-testid=engine-button]", LONG).await.click().await.unwrap();
    w.wait_css("[data-testid=engine-choice][data-engine-id='sandbox'][data-current=true]", LONG).await;
    w.wait_css("[data-testid=engine-choice][data-engine-id='context:default']", LONG).await;

    // Add the Podman socket through the form: Rust's check answers with the address it will save.
    w.wait_css("[data-testid=engine-add]", LONG).await.click().await.unwrap();
    w.wait_css("[data-testid=engine-name]", LONG).await.send_keys("podman").await.unwrap();
    w.wait_css("[data-testid=engine-address]", LONG).await.send_keys(&socket).await.unwrap();
    w.until_text("[data-testid=engine-host]", &format!("unix://{socket}")).await;
    w.wait_css("[data-testid=engine-save]:not([disabled])", LONG).await.click().await.unwrap();
    let saved = "[data-testid=engine-choice][data-engine-id='saved:podman']";
    w.wait_css(saved, LONG).await;
    let file = config.join("dev.netlens.app").join("engines.json");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{} was not written: {e}", file.display()));
    assert!(text.contains(&format!("unix://{socket}")), "{text}");
    w.screenshot("window-engines-added").await;

    // Show it: Podman's network appears, the sandbox's demo goes, the status bar names Podman.
    w.wait_css(&format!("{saved} [data-testid=engine-switch]"), LONG).await.click().await.unwrap();
    w.wait_gone("[data-testid=engines]", LONG).await;
    w.until_text("[data-testid=outline]", &pod_net).await;
    w.wait_gone(&format!("[data-testid=outline] [data-node-id='network:{backend}']"), LONG).await;
    w.until_text("[data-testid=status] [data-field=engine-version]", "Podman").await;
    w.until_text("[data-testid=status] [data-field=context]", "podman").await;
    w.screenshot("window-engines-podman").await;

    // And back to the sandbox.
    w.wait_css("[data-testid=engine-button]", LONG).await.click().await.unwrap();
    w.wait_css(&format!("{saved}[data-current=true]"), LONG).await;
    w.wait_css("[data-testid=engine-choice][data-engine-id='sandbox'] [data-testid=engine-switch]", LONG)
        .await
        .click()
        .await
        .unwrap();
    w.wait_css(&format!("[data-testid=outline] [data-node-id='network:{backend}']"), LONG).await;
    let outline = w.text_of("[data-testid=outline]").await;
    assert!(!outline.contains(&pod_net), "nothing of Podman's is left: {outline}");
    w.close().await;
}
