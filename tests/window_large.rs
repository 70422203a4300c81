//! Issue 9 end to end: a busy engine in the real window. 100 networks and 2,000 containers (a few running,
//! some on two networks) are made on the sandbox engine through its API, the window shows them all with every
//! line between its own two nodes, a CLI connect of a running container is drawn, and the outline
//! (virtualized: only the rows in view are in the DOM) scrolls to a container far down, which a click selects.
//!
//! Everything is named `nlw-big-…`, labelled with this test's `Cleanup` label, and removed at the end, pass or
//! fail (`Big`'s drop, in a few batched CLI calls; the `Cleanup` sweep after it is the backstop). Nothing is
//! kept between runs: other sessions run tests on the same engine, and every network has a container, so a
//! prune never sees these. Subnets 10.230.0.0/24 – 10.230.99.0/24: no other test, the demo or the bench use
//! 10.230.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bollard::models::{
    ContainerCreateBody, EndpointSettings, HostConfig, Ipam, IpamConfig, NetworkConnectRequest, NetworkCreateRequest,
    NetworkingConfig,
};
use bollard::query_parameters::CreateContainerOptions;
use bollard::Docker;
use futures_util::{stream, StreamExt, TryStreamExt};
use netlens_tests::window::{assert_ui_built, Window, ARROW_RIGHT, END, ENTER, ESCAPE};
use netlens_tests::{docker, docker_host, docker_output, ensure_demo, Cleanup};
use serde_json::{json, Value};

const NETWORKS: usize = 100;
/// Past 2,048 nodes: sigma keeps node indices as floats in a texture, and a shader reading them at low
/// precision drew every line of an odd-numbered node beyond 2,048 to its neighbour (containers come first,
/// so networks are numbered from ~2,000 up).
const CONTAINERS: usize = 2000;
/// The first `DUAL` containers are on a second network too.
const DUAL: usize = 60;
/// Every `RUNNING_EVERY`-th container runs (21 of 2,000); the rest are only created.
const RUNNING_EVERY: usize = 97;
/// Requests in flight at once while building (the engine serialises much of it; more does not help).
const PARALLEL: usize = 6;
const IMAGE: &str = "netlens/busybox:latest";

fn net_name(i: usize) -> String {
    format!("nlw-big-net-{i:03}")
}

fn ctr_name(i: usize) -> String {
    format!("nlw-big-c-{i:03}")
}

/// The network container `i` is created on.
fn home(i: usize) -> usize {
    i % NETWORKS
}

/// The second network of a dual-homed container.
fn second(i: usize) -> Option<usize> {
    (i < DUAL).then(|| {
        let s = (i * 7 + 3) % NETWORKS;
        if s == home(i) {
            (s + 1) % NETWORKS
        } else {
            s
        }
    })
}

/// The large topology on the engine: removed (containers, then networks) when dropped.
struct Big {
    cleanup: Cleanup,
    /// Network and container IDs by index.
    nets: Vec<String>,
    ctrs: Vec<String>,
}

impl Big {
    /// Removes anything a previous, interrupted run left, then builds the topology; logs how long it took.
    async fn create() -> Big {
        sweep(LABEL);
        let cleanup = Cleanup::new(LABEL_NAME);
        let mut big = Big { cleanup, nets: Vec::new(), ctrs: Vec::new() };
        let engine = engine().await;
        assert_eq!(big.cleanup.label, LABEL);
        let labels = HashMap::from([("netlens.test".to_string(), LABEL_NAME.to_string())]);
        let started = Instant::now();

        big.nets = stream::iter(0..NETWORKS)
            .map(|i| {
                let (engine, labels) = (engine.clone(), labels.clone());
                async move {
                    let request = NetworkCreateRequest {
                        name: net_name(i),
                        driver: Some("bridge".into()),
                        ipam: Some(Ipam {
                            driver: Some("default".into()),
                            config: Some(vec![IpamConfig {
                                subnet: Some(format!("10.230.{i}.0/24")),
                                ..IpamConfig::default()
                            }]),
                            options: None,
                        }),
                        labels: Some(labels),
                        ..NetworkCreateRequest::default()
                    };
                    engine.create_network(request).await.map(|r| r.id)
                }
            })
            .buffered(PARALLEL)
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("create the networks: {e}"));
        let networks_took = started.elapsed();

        big.ctrs = stream::iter(0..CONTAINERS)
            .map(|i| {
                let (engine, labels) = (engine.clone(), labels.clone());
                async move {
                    let net = net_name(home(i));
                    let body = ContainerCreateBody {
                        image: Some(IMAGE.into()),
                        cmd: Some(
                            ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"].map(String::from).into(),
                        ),
                        labels: Some(labels),
                        host_config: Some(HostConfig { network_mode: Some(net.clone()), ..HostConfig::default() }),
                        networking_config: Some(NetworkingConfig {
                            endpoints_config: Some(HashMap::from([(net, EndpointSettings::default())])),
                        }),
                        ..ContainerCreateBody::default()
                    };
                    let options =
                        CreateContainerOptions { name: Some(ctr_name(i)), ..CreateContainerOptions::default() };
                    let id = engine.create_container(Some(options), body).await?.id;
                    if let Some(s) = second(i) {
                        let request = NetworkConnectRequest { container: id.clone(), endpoint_config: None };
                        engine.connect_network(&net_name(s), request).await?;
                    }
                    if i % RUNNING_EVERY == 0 {
                        engine.start_container(&id, None).await?;
                    }
                    Ok::<_, bollard::errors::Error>(id)
                }
            })
            .buffered(PARALLEL)
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("create the containers: {e}"));
        eprintln!(
            "window_large: {NETWORKS} networks in {:.1} s, then {CONTAINERS} containers ({} running, {DUAL} on two \
             networks) in {:.1} s; {:.1} s in all",
            networks_took.as_secs_f64(),
            CONTAINERS.div_ceil(RUNNING_EVERY),
            (started.elapsed() - networks_took).as_secs_f64(),
            started.elapsed().as_secs_f64(),
        );
        big
    }
}

impl Drop for Big {
    fn drop(&mut self) {
        let started = Instant::now();
        sweep(&self.cleanup.label);
        eprintln!("window_large: removed in {:.1} s", started.elapsed().as_secs_f64());
        // Then `cleanup` drops: its own sweep finds nothing left (or whatever a failed batch left behind).
    }
}

const LABEL_NAME: &str = "window-large";
const LABEL: &str = "netlens.test=window-large";

/// Removes every container, then every network, carrying `label`, a batch of IDs per CLI call (the CLI
/// removes a batch of containers concurrently; `Cleanup` takes one call per object, minutes for this many).
fn sweep(label: &str) {
    let filter = format!("label={label}");
    let ctrs = docker(&["ps", "-aq", "--no-trunc", "--filter", &filter]);
    let ctrs: Vec<&str> = ctrs.lines().filter(|l| !l.is_empty()).collect();
    for batch in ctrs.chunks(100) {
        let mut args = vec!["rm", "-f"];
        args.extend_from_slice(batch);
        let _ = docker_output(&args);
    }
    let nets = docker(&["network", "ls", "-q", "--no-trunc", "--filter", &filter]);
    let nets: Vec<&str> = nets.lines().filter(|l| !l.is_empty()).collect();
    for batch in nets.chunks(100) {
        let mut args = vec!["network", "rm"];
        args.extend_from_slice(batch);
        let _ = docker_output(&args);
    }
}

/// A client of the test engine's API, for building quickly (a CLI call costs a process start).
async fn engine() -> Docker {
    let host = docker_host();
    let docker = match host.strip_prefix("unix://") {
        Some(path) => Docker::connect_with_unix(path, 120, bollard::API_DEFAULT_VERSION),
        None => Docker::connect_with_http(&host, 120, bollard::API_DEFAULT_VERSION),
    };
    let docker = docker.unwrap_or_else(|e| panic!("no client for {host}: {e}"));
    docker.negotiate_version().await.unwrap_or_else(|e| panic!("{host} does not answer: {e}"))
}

fn now_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or_default()
}

/// The ids among `ids` the graph does not draw (yet).
async fn undrawn(w: &Window, ids: &[String]) -> Vec<String> {
    let v = w
        .js(
            "const h = window.__NETLENS_TEST__;
             return arguments[0].filter((id) => !(h && (h.nodePosition(id) || h.edgePosition(id))));",
            vec![json!(ids)],
        )
        .await;
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("not a list of ids: {v}: {e}"))
}

/// The toolbar's "N networks · M containers".
async fn counts(w: &Window) -> (usize, usize) {
    let text = w.js("return document.querySelector('.toolbar .counts')?.textContent ?? '';", vec![]).await;
    let text = text.as_str().unwrap_or_default();
    let numbers: Vec<usize> = text.split(|c: char| !c.is_ascii_digit()).filter_map(|s| s.parse().ok()).collect();
    match numbers[..] {
        [n, c] => (n, c),
        _ => panic!("the toolbar summary reads {text:?}"),
    }
}

/// Every shown line runs between its own two nodes as the GPU drew it: the test hook reads back, per line, the
/// length sigma's frame pass computed from its data textures and compares it with the distance between the
/// line's nodes (ui/src/lib/graph/sigmaCheck.ts). The positions the hook gives tests are the graph's, so
/// without this a line drawn to the wrong node passes every other check.
async fn lines_run_between_their_nodes(w: &Window, when: &str) {
    let wrong = w.js("return window.__NETLENS_TEST__.misdrawnLines();", vec![]).await;
    let Some(wrong) = wrong.as_array() else { panic!("the lines could not be checked {when}: {wrong}") };
    assert!(wrong.is_empty(), "{} lines drawn to another node {when}, e.g. {:?}", wrong.len(), wrong.first());
}

/// The picture the last frame left, read while no frame is drawn between two counts of them, is a clipped
/// frame's and the same as a whole frame's (`what` names the change in messages and saved pictures).
async fn clipped_frame_is_whole_frame(w: &Window, what: &str) {
    let frames = "return window.__NETLENS_TEST__.frames();";
    let mut shown = None;
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let before = w.js(frames, vec![]).await;
        let png = w.js("return window.__NETLENS_TEST__.stagePng(false);", vec![]).await;
        if w.js(frames, vec![]).await == before {
            shown = Some((before, png));
            break;
        }
    }
    let (count, shown) = shown.unwrap_or_else(|| panic!("the graph stopped drawing frames after the {what}"));
    assert!(count["clipped"].as_u64() >= Some(1), "the {what} was drawn in a frame of its own region: {count}");
    assert_eq!(
        count["lastClipped"],
        json!(true),
        "the picture on screen after the {what} is the clipped frame's: {count}"
    );
    let whole = w.js("return window.__NETLENS_TEST__.stagePng(true);", vec![]).await;
    if shown != whole {
        let dir = netlens_tests::workspace_dir().join("artifacts");
        let _ = std::fs::create_dir_all(&dir);
        for (name, png) in
            [(format!("large-{what}-clipped.png.b64"), &shown), (format!("large-{what}-whole.png.b64"), &whole)]
        {
            let _ = std::fs::write(dir.join(name), png.as_str().unwrap_or_default());
        }
        panic!(
            "after the {what} the clipped frame's picture differs from a whole frame's (both saved in {})",
            dir.display()
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_busy_engine_is_drawn_follows_a_cli_connect_and_the_outline_reaches_its_last_container() {
    assert_ui_built();
    ensure_demo();
    let big = Big::create().await;

    // The window opens on the whole topology.
    let opening = Instant::now();
    let w = Window::open().await;
    let ready = opening.elapsed();
    let mut ours: Vec<String> = big.nets.iter().map(|id| format!("network:{id}")).collect();
    ours.extend(big.ctrs.iter().map(|id| format!("container:{id}")));
    let mut missing = undrawn(&w, &ours).await;
    while !missing.is_empty() && opening.elapsed() < Duration::from_secs(90) {
        tokio::time::sleep(Duration::from_millis(200)).await;
        missing = undrawn(&w, &ours).await;
    }
    let all_drawn = opening.elapsed();
    assert!(missing.is_empty(), "{} of the test's nodes never drawn, e.g. {:?}", missing.len(), &missing[..1]);
    let (networks, containers) = counts(&w).await;
    eprintln!(
        "window_large: window ready {:.1} s after it was opened, all {} nodes drawn at {:.1} s; toolbar: \
         {networks} networks · {containers} containers",
        ready.as_secs_f64(),
        ours.len(),
        all_drawn.as_secs_f64()
    );
    assert!(all_drawn < Duration::from_secs(60), "a generous bound, not a target: {all_drawn:?}");
    assert!(networks >= NETWORKS && containers >= CONTAINERS, "toolbar: {networks} networks · {containers} containers");
    w.screenshot("large-overview").await;
    lines_run_between_their_nodes(&w, "at the overview").await;

    // A CLI connect of a running container (a stopped one's connect raises no engine event) is drawn. An
    // animation-frame loop in the page notes the first frame the edge is in the graph: applying a diff need not
    // change <main data-revision>, so the hook's `seen` watcher (which looks when it changes) can miss it.
    let (ctr, net) = (RUNNING_EVERY, 50);
    assert_ne!(home(ctr), net);
    assert_ne!(second(ctr), Some(net));
    let edge = format!("endpoint:{}:{}", big.nets[net], big.ctrs[ctr]);
    let started = w
        .js(
            "const h = window.__NETLENS_TEST__, id = arguments[0];
             if (h.edgePosition(id)) return false;
             window.__nlwBigDrawn = null;
             const frame = () => {
               if (h.edgePosition(id)) window.__nlwBigDrawn = h.clock();
               else requestAnimationFrame(frame);
             };
             requestAnimationFrame(frame);
             return true;",
            vec![json!(edge)],
        )
        .await;
    assert_eq!(started, json!(true), "{edge} is not drawn before the connect");
    let called = now_ms();
    docker(&["network", "connect", &net_name(net), &ctr_name(ctr)]);
    let returned = now_ms();
    let mut drawn = Value::Null;
    let deadline = Instant::now() + Duration::from_secs(20);
    while drawn.is_null() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        drawn = w.js("return window.__nlwBigDrawn;", vec![]).await;
    }
    let Some(drawn) = drawn.as_f64() else {
        let inspect = docker(&["inspect", "-f", "{{json .NetworkSettings.Networks}}", &ctr_name(ctr)]);
        panic!("the CLI connect of {} to {} was never drawn; the engine says {inspect}", ctr_name(ctr), net_name(net));
    };
    eprintln!(
        "window_large: `docker network connect` took {:.0} ms; the edge was drawn {:.0} ms after it returned",
        returned - called,
        drawn - returned
    );
    let (x, y) = w.edge_position(&edge).await;
    assert!(x.is_finite() && y.is_finite(), "the new edge has a place on screen: {x}, {y}");

    // The frame that showed it was drawn only where the change was (ui/src/lib/graph/sigmaRegion.ts); the
    // picture it left is the one a whole frame draws.
    clipped_frame_is_whole_frame(&w, "connect").await;

    // The same for a disconnect: the line's place is kept from before sigma forgets how it drew it.
    docker(&["network", "disconnect", &net_name(net), &ctr_name(ctr)]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while w.js("return window.__NETLENS_TEST__.edgePosition(arguments[0]);", vec![json!(edge)]).await != Value::Null {
        assert!(Instant::now() < deadline, "the CLI disconnect of {edge} was never drawn");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    clipped_frame_is_whole_frame(&w, "disconnect").await;
    lines_run_between_their_nodes(&w, "after the CLI connect and disconnect").await;

    // The outline draws only the rows in view; it scrolls to a container far down, and a click selects it.
    let last = CONTAINERS - 1; // nlw-big-c-1999: the last one listed under nlw-big-net-099
    let node = format!("container:{}", big.ctrs[last]);
    let row = format!("[data-testid=outline] button[data-node-id='{node}']");
    let rows = w.js("return Number(document.querySelector('[data-testid=outline]').dataset.rows);", vec![]).await;
    let rows = rows.as_u64().unwrap_or_default();
    assert!(rows > (NETWORKS + CONTAINERS) as u64, "the outline lists everything: {rows} rows");
    let in_dom = w.js("return document.querySelectorAll('[data-testid=outline] li').length;", vec![]).await;
    assert!(in_dom.as_u64().unwrap_or(u64::MAX) < rows / 4, "only the rows in view are drawn: {in_dom} of {rows}");
    assert!(w.client.find_all(fantoccini::Locator::Css(&row)).await.unwrap().is_empty(), "{node} is not drawn yet");
    let found = w.js("return window.__NETLENS_TEST__.revealInOutline(arguments[0]);", vec![json!(node)]).await;
    assert_eq!(found, json!(true), "the outline has a row for {}", ctr_name(last));
    let scrolled = w.js("return document.querySelector('[data-testid=outline]').scrollTop;", vec![]).await;
    assert!(scrolled.as_f64().unwrap_or_default() > 10_000.0, "the outline scrolled far down: {scrolled}");
    w.wait_css(&row, Duration::from_secs(5)).await.click().await.unwrap();
    w.wait_css(&format!("{row}[aria-selected='true']"), Duration::from_secs(5)).await;
    w.wait_css(&format!("[data-testid=details][data-selected='{node}']"), Duration::from_secs(5)).await;
    let title = w.js("return document.querySelector('[data-testid=details] h2').textContent.trim();", vec![]).await;
    assert_eq!(title, json!(ctr_name(last)), "the details show the container picked in the outline");
    let in_dom = w.js("return document.querySelectorAll('[data-testid=outline] li').length;", vec![]).await;
    assert!(in_dom.as_u64().unwrap_or(u64::MAX) < rows / 4, "still only the rows in view: {in_dom} of {rows}");
    // The busy engine with the selection's lines lit and the outline far down (the README's picture,
    // docs/large.png, is the overview above: `large-overview`).
    let shot = w.screenshot("large").await;
    eprintln!("window_large: screenshot {}", shot.display());

    // End goes to the outline's last row, drawn although it was out of view.
    w.chord(&[END]).await;
    let focused = w
        .js(
            "const a = document.activeElement;
             return a && a.closest('[data-testid=outline]') ? (a.dataset.nodeId ?? a.dataset.edgeId) : null;",
            vec![],
        )
        .await;
    assert!(focused == json!("external") || focused == json!("host"), "End focuses the last row: {focused}");

    // "Connect to ▸" lists every network the container may join; among ~100 its filter field finds one by
    // typing, and Enter opens the connect dialog for it (cancelled: the connect itself is tested elsewhere).
    w.wait_css("[data-testid=details-connect]", Duration::from_secs(2)).await.click().await.unwrap();
    let connect = "[data-testid=context-menu] [data-item=connect][aria-disabled=false]";
    w.wait_css(connect, Duration::from_secs(5)).await;
    w.chord(&[ARROW_RIGHT]).await;
    let filter = w.wait_css("[data-testid=context-submenu] [data-testid=menu-filter]", Duration::from_secs(2)).await;
    let listed = "return document.querySelectorAll('[data-testid=context-submenu] [role=menuitem]').length;";
    let all = w.js(listed, vec![]).await.as_u64().unwrap_or_default();
    assert!(all >= NETWORKS as u64 - 1, "the submenu lists the networks it may join: {all}");
    let wanted = net_name(77);
    filter.send_keys(&wanted[4..]).await.unwrap();
    assert_eq!(w.js(listed, vec![]).await, json!(1), "typing {} keeps only {wanted}", &wanted[4..]);
    w.chord(&[ENTER]).await;
    let title = w.until_text("[data-testid=connect-popover] #connect-title", &wanted).await;
    assert!(title.contains(&ctr_name(last)), "{title}");
    w.chord(&[ESCAPE]).await;
    w.wait_gone("[data-testid=connect-popover]", Duration::from_secs(2)).await;

    w.close().await;
    drop(big);
}
