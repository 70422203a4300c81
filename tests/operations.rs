//! Integration tests of changing the graph by hand, against the sandbox engine: connect with aliases and a
//! static address, disconnect, undo and redo restore exactly (checked with `docker inspect`), stopped
//! containers, and every refusal leaves the engine as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use netlens::dto::ops::EndpointConfigDto;
use netlens::error::{AppError, ErrorCode};
use netlens::service::{endpoints, history};
use netlens_tests::live::Live;
use netlens_tests::{docker, docker_host, docker_json, run_idle, Cleanup};
use serde_json::Value;

/// The container's endpoint on `network` as `docker inspect` shows it, or `None`.
fn endpoint(container: &str, network: &str) -> Option<Value> {
    let v = docker_json(&["inspect", container]);
    v[0]["NetworkSettings"]["Networks"].get(network).cloned()
}

fn aliases(e: &Value) -> Vec<String> {
    e["Aliases"].as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect()).unwrap_or_default()
}

/// What a refusal must not change: the container's networks with their settings, and the network list.
fn engine_state(containers: &[&str]) -> String {
    let mut out = docker(&["network", "ls", "-q", "--no-trunc"]);
    for c in containers {
        out.push('\n');
        out.push_str(&docker(&["inspect", "-f", "{{json .NetworkSettings.Networks}}", c]));
    }
    out
}

fn form(aliases: &[&str], ipv4: Option<&str>) -> EndpointConfigDto {
    EndpointConfigDto {
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        ipv4: ipv4.map(Into::into),
        ipv6: None,
    }
}

fn problem_codes(e: &AppError) -> Vec<String> {
    match e {
        AppError { code: ErrorCode::Refused | ErrorCode::CannotRestore, problems, .. } => {
            problems.iter().map(|p| p.code.name()).collect()
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn attached(live: &Live, container: &str, network: &str) -> bool {
    live.state.topology().map(|t| t.endpoints_of(container).iter().any(|(n, _)| n.id == network)).unwrap_or(false)
}

#[tokio::test(flavor = "multi_thread")]
async fn connect_disconnect_undo_redo_restore_aliases_and_static_ip() {
    let cleanup = Cleanup::new("ops-roundtrip");
    docker(&["network", "create", "--label", &cleanup.label, "--subnet", "10.214.110.0/24", "nlt-ops-a"]);
    let web = run_idle("nlt-ops-web", &cleanup, &[]);
    let live = Live::start(&docker_host()).await;
    live.until("the new network and container", |t| {
        t.network_by_name("nlt-ops-a").is_some() && t.container(&web).is_some()
    })
    .await;
    let net = live.network_id("nlt-ops-a");

    let done =
        endpoints::connect(&live.state, &web, &net, &form(&["api", "edge"], Some("10.214.110.10"))).await.unwrap();
    assert_eq!(
        done.command,
        "docker network connect --alias api --alias edge --ip 10.214.110.10 nlt-ops-a nlt-ops-web"
    );
    assert_eq!(done.notice, None, "the view showed the connect before the command returned");
    assert!(attached(&live, &web, &net), "returned only once the view had it");
    let e = endpoint(&web, "nlt-ops-a").expect("connected");
    assert_eq!(e["IPAddress"], "10.214.110.10");
    assert_eq!(e["IPAMConfig"]["IPv4Address"], "10.214.110.10");
    assert!(aliases(&e).contains(&"api".into()) && aliases(&e).contains(&"edge".into()), "{e}");
    // The details panel reads them by inspect: the user's aliases, without the engine's own (the short ID).
    let on = endpoints::aliases_on(&live.state, &net).await.unwrap();
    assert_eq!(on.len(), 1);
    assert_eq!(
        (on[0].container_id.as_str(), on[0].aliases.clone()),
        (web.as_str(), vec!["api".to_string(), "edge".to_string()])
    );

    let done = endpoints::disconnect(&live.state, &web, &net).await.unwrap();
    assert_eq!(done.command, "docker network disconnect nlt-ops-a nlt-ops-web");
    assert!(endpoint(&web, "nlt-ops-a").is_none());
    assert_eq!(done.history.entries.len(), 2);
    assert_eq!(done.history.undo.as_deref(), Some("Connect nlt-ops-web to nlt-ops-a"));

    // Undo the disconnect: the same aliases and the same static address, read back from the engine.
    let undone = history::undo(&live.state).await.unwrap();
    assert_eq!(
        undone.command,
        "docker network connect --alias api --alias edge --ip 10.214.110.10 nlt-ops-a nlt-ops-web"
    );
    let e = endpoint(&web, "nlt-ops-a").expect("reconnected by undo");
    assert_eq!(e["IPAddress"], "10.214.110.10");
    assert_eq!(e["IPAMConfig"]["IPv4Address"], "10.214.110.10");
    let restored = aliases(&e);
    assert!(restored.contains(&"api".into()) && restored.contains(&"edge".into()), "{restored:?}");

    // Redo disconnects again; a second undo brings it back once more; undo of the connect empties it.
    history::redo(&live.state).await.unwrap();
    assert!(endpoint(&web, "nlt-ops-a").is_none());
    history::undo(&live.state).await.unwrap();
    assert_eq!(endpoint(&web, "nlt-ops-a").unwrap()["IPAddress"], "10.214.110.10");
    let last = history::undo(&live.state).await.unwrap();
    assert!(endpoint(&web, "nlt-ops-a").is_none(), "undoing the first connect disconnects");
    assert_eq!(last.history.undo, None);
    assert_eq!(last.history.redo.as_deref(), Some("Connect nlt-ops-web to nlt-ops-a"));
    assert!(matches!(history::undo(&live.state).await.unwrap_err(), AppError { code: ErrorCode::NothingToUndo, .. }));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stopped_container_connects_and_takes_its_address_on_start() {
    let cleanup = Cleanup::new("ops-stopped");
    docker(&["network", "create", "--label", &cleanup.label, "--subnet", "10.214.111.0/24", "nlt-ops-b"]);
    let job = run_idle("nlt-ops-job", &cleanup, &[]);
    docker(&["stop", "-t", "1", &job]);
    let live = Live::start(&docker_host()).await;
    live.until("the stopped container", |t| t.container(&job).is_some_and(|c| !c.state.is_live())).await;
    let net = live.network_id("nlt-ops-b");

    let plan = endpoints::plan_connect_form(&live.state, &job, &net, &form(&[], Some("10.214.111.7"))).unwrap();
    assert_eq!(plan.problems, vec![]);
    assert_eq!(
        plan.notice.as_deref(),
        Some("nlt-ops-job is stopped: it takes 10.214.111.7 on nlt-ops-b when it starts.")
    );
    endpoints::connect(&live.state, &job, &net, &form(&[], Some("10.214.111.7"))).await.unwrap();
    let e = endpoint(&job, "nlt-ops-b").expect("a stopped container keeps the new entry");
    assert_eq!(e["IPAMConfig"]["IPv4Address"], "10.214.111.7");
    assert_eq!(e["IPAddress"], "", "no address until it starts");
    docker(&["start", &job]);
    assert_eq!(endpoint(&job, "nlt-ops-b").unwrap()["IPAddress"], "10.214.111.7");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_refusal_leaves_the_engine_unchanged() {
    let cleanup = Cleanup::new("ops-refusals");
    docker(&["network", "create", "--label", &cleanup.label, "--subnet", "10.214.112.0/24", "nlt-ops-c"]);
    docker(&["network", "create", "--label", &cleanup.label, "--subnet", "10.214.113.0/24", "nlt-ops-gone"]);
    let web = run_idle("nlt-ops-web2", &cleanup, &["--network", "nlt-ops-c", "--ip", "10.214.112.5"]);
    let other = run_idle("nlt-ops-other", &cleanup, &[]);
    let sealed = run_idle("nlt-ops-sealed", &cleanup, &["--network", "none"]);
    let live = Live::start(&docker_host()).await;
    live.until("the test containers", |t| [&web, &other, &sealed].iter().all(|c| t.container(c).is_some())).await;
    let (net, gone) = (live.network_id("nlt-ops-c"), live.network_id("nlt-ops-gone"));
    let bridge = live.network_id("bridge");
    let host = live.network_id("host");
    let before = engine_state(&[&web, &other, &sealed]);

    let cases: Vec<(&str, &str, String, EndpointConfigDto, &str)> = vec![
        ("already connected", web.as_str(), net.clone(), form(&[], None), "alreadyConnected"),
        ("address outside the subnet", other.as_str(), net.clone(), form(&[], Some("10.9.9.9")), "outsideSubnet"),
        ("address held by another", other.as_str(), net.clone(), form(&[], Some("10.214.112.5")), "addressInUse"),
        ("gateway address", other.as_str(), net.clone(), form(&[], Some("10.214.112.1")), "reservedAddress"),
        ("not an address", other.as_str(), net.clone(), form(&[], Some("10.214.112.300")), "badAddress"),
        ("bad alias", other.as_str(), net.clone(), form(&["no spaces allowed"], None), "badAlias"),
        ("networking disabled", sealed.as_str(), net.clone(), form(&[], None), "sharedStack"),
        ("host network", other.as_str(), host.clone(), form(&[], None), "fixedNetwork"),
        ("alias on the default bridge", web.as_str(), bridge.clone(), form(&["api"], None), "aliasOnDefaultBridge"),
    ];
    for (what, container, network, config, code) in cases {
        let err = endpoints::connect(&live.state, container, &network, &config).await.unwrap_err();
        assert!(problem_codes(&err).contains(&code.to_string()), "{what}: {err:?}");
        assert_eq!(engine_state(&[&web, &other, &sealed]), before, "{what} changed the engine");
    }
    let err = endpoints::disconnect(&live.state, &other, &net).await.unwrap_err();
    assert_eq!(problem_codes(&err), vec!["notConnected"]);

    // A network removed by the CLI after the view was read: the drop is planned against the current graph.
    docker(&["network", "rm", "nlt-ops-gone"]);
    live.until("the network to vanish", |t| t.network(&gone).is_none()).await;
    let before = engine_state(&[&web, &other, &sealed]);
    let err = endpoints::connect(&live.state, &other, &gone, &form(&[], None)).await.unwrap_err();
    assert_eq!(problem_codes(&err), vec!["networkGone"]);
    assert_eq!(engine_state(&[&web, &other, &sealed]), before);
    assert_eq!(history::history(&live.state).await.entries.len(), 0, "nothing was recorded");
}

#[tokio::test(flavor = "multi_thread")]
async fn undo_refuses_to_guess_when_the_address_was_taken() {
    let cleanup = Cleanup::new("ops-taken");
    docker(&["network", "create", "--label", &cleanup.label, "--subnet", "10.214.114.0/24", "nlt-ops-d"]);
    let a = run_idle("nlt-ops-first", &cleanup, &["--network", "nlt-ops-d", "--ip", "10.214.114.20"]);
    let b = run_idle("nlt-ops-second", &cleanup, &[]);
    let live = Live::start(&docker_host()).await;
    live.until("both containers", |t| t.container(&a).is_some() && t.container(&b).is_some()).await;
    let net = live.network_id("nlt-ops-d");

    endpoints::disconnect(&live.state, &a, &net).await.unwrap();
    docker(&["network", "connect", "--ip", "10.214.114.20", "nlt-ops-d", &b]);
    live.until("the CLI connect", |t| t.endpoints_of(&b).iter().any(|(n, _)| n.id == net)).await;
    let before = engine_state(&[&a, &b]);
    let err = history::undo(&live.state).await.unwrap_err();
    assert!(matches!(err, AppError { code: ErrorCode::CannotRestore, .. }), "{err:?}");
    assert!(err.to_string().starts_with("cannot restore exactly: 10.214.114.20 is held by nlt-ops-second"), "{err}");
    assert_eq!(problem_codes(&err), vec!["addressInUse"]);
    assert_eq!(engine_state(&[&a, &b]), before, "a refused undo changes nothing");
    let history = history::history(&live.state).await;
    assert_eq!(history.undo.as_deref(), Some("Connect nlt-ops-first to nlt-ops-d"), "still there to retry");
}

/// Docker 20.10 sends no event when the CLI connects a container that is not running; the live view's
/// periodic whole read (engine/src/events.rs `RESYNC_EVERY`) still shows the new line.
#[tokio::test(flavor = "multi_thread")]
async fn a_cli_connect_of_a_container_that_is_not_running_shows_without_an_event() {
    let cleanup = Cleanup::new("ops-quiet");
    docker(&["network", "create", "--label", &cleanup.label, "nlt-ops-quiet"]);
    let image = "netlens/busybox:latest";
    let job = docker(&["create", "--name", "nlt-ops-quiet-job", "--label", &cleanup.label, image, "true"]);
    let live = Live::start(&docker_host()).await;
    live.until("the created container", |t| t.container(&job).is_some()).await;
    let net = live.network_id("nlt-ops-quiet");
    // Past the re-reads that the create's event (replayed when the stream opened) set off, so nothing but
    // the periodic read can bring the connect in.
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let began = std::time::Instant::now();
    docker(&["network", "connect", "nlt-ops-quiet", &job]);
    let on = |t: &netlens_core::topology::Topology| t.endpoints_of(&job).iter().any(|(n, _)| n.id == net);
    let shown = live.state.wait_for_view(std::time::Duration::from_secs(15), on).await;
    assert!(shown, "a CLI connect of a created container was never shown (15 s)");
    eprintln!("a quiet connect shown after {:?}", began.elapsed());
}
