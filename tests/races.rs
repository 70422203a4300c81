//! Races against the sandbox engine: the docker CLI changes something after the view was drawn and before
//! Netlens acts on it, and Netlens acts while the view is held back (`Live::hold_view`), as a click that
//! beats the event stream does. Each must end with a clear message, nothing else changed, and nothing
//! removed that the person was not shown.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use netlens::dto::lifecycle::{PruneFiltersDto, ReportDto};
use netlens::service::{endpoints, history, networks};
use netlens_core::networks::{NetworkSpec, OutcomeKind};
use netlens_tests::live::Live;
use netlens_tests::{docker, docker_host, docker_json, docker_ok, docker_output, labelled_network, run_idle, Cleanup};

/// What a network looks like to the engine: its ID and the containers on it, by name.
fn on_network(name: &str) -> Option<(String, Vec<String>)> {
    if !docker_ok(&["network", "inspect", name]) {
        return None;
    }
    let n = docker_json(&["network", "inspect", name])[0].clone();
    let mut names: Vec<String> = n["Containers"]
        .as_object()
        .map(|m| m.values().filter_map(|c| c["Name"].as_str().map(String::from)).collect())
        .unwrap_or_default();
    names.sort();
    Some((n["Id"].as_str().unwrap().to_string(), names))
}

/// Every network and container of this test's label with its attachments: the engine's side of "nothing
/// else changed".
fn engine_state(cleanup: &Cleanup) -> String {
    let filter = format!("label={}", cleanup.label);
    let nets = docker(&["network", "ls", "-q", "--no-trunc", "--filter", &filter]);
    let boxes = docker(&["ps", "-aq", "--no-trunc", "--filter", &filter]);
    let mut lines: Vec<String> = nets.lines().map(|id| format!("network {id}")).collect();
    for id in boxes.lines() {
        let nets = docker(&[
            "inspect",
            "-f",
            "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}",
            id,
        ]);
        lines.push(format!("container {id} {nets}"));
    }
    lines.sort();
    lines.join("\n")
}

/// A container created on `network` and never started: on the network as far as the engine lists it.
fn created_on(name: &str, cleanup: &Cleanup, network: &str) {
    docker(&[
        "create",
        "--name",
        name,
        "--label",
        &cleanup.label,
        "--network",
        network,
        "netlens/busybox:latest",
        "sleep",
        "1",
    ]);
}

/// The headless app once its view shows `containers`, and the ID of `network` in it.
async fn live_showing(containers: &[&str], network: &str) -> (Live, String) {
    let live = Live::start(&docker_host()).await;
    live.until("the containers", |t| containers.iter().all(|c| t.container(c).is_some())).await;
    let net = live.network_id(network);
    (live, net)
}

/// Holds the view, then changes the engine with the docker CLI behind it: the engine's state after the
/// change, for "nothing else changed" once Netlens has acted.
fn behind_the_view(live: &Live, cli: &[&str], cleanup: &Cleanup) -> String {
    live.hold_view();
    docker(cli);
    engine_state(cleanup)
}

/// The engine is as `before` (`why` it must be) and nothing was recorded to undo.
fn changed_nothing(cleanup: &Cleanup, before: &str, report: &ReportDto, why: &str) {
    assert_eq!(engine_state(cleanup), before, "{why}");
    assert!(report.history.entries.is_empty(), "nothing to undo");
}

fn reason(report: &ReportDto, name: &str) -> (OutcomeKind, String) {
    let item = report.items.iter().find(|i| i.name == name).unwrap_or_else(|| panic!("{name} not in {report:?}"));
    (item.outcome, item.reason.clone().unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread")]
async fn disconnecting_a_container_removed_with_the_cli_before_the_view_caught_up_says_so_and_changes_nothing() {
    let cleanup = Cleanup::new("race-gone-box");
    labelled_network("nlt-race-gone", &cleanup);
    let doomed = run_idle("nlt-race-doomed", &cleanup, &["--network", "nlt-race-gone"]);
    let other = run_idle("nlt-race-other", &cleanup, &["--network", "nlt-race-gone"]);
    let (live, net) = live_showing(&[&doomed, &other], "nlt-race-gone").await;
    let before = behind_the_view(&live, &["rm", "-f", &doomed], &cleanup);
    let err = endpoints::disconnect(&live.state, &doomed, &net).await.unwrap_err();
    let text = format!("{err} {}", err.hint().unwrap_or_default());
    assert!(text.contains("nlt-race-doomed") && text.contains("no longer exists"), "{err:?}");
    assert_eq!(engine_state(&cleanup), before, "nothing else changed");
    assert_eq!(on_network("nlt-race-gone").unwrap().1, ["nlt-race-other"]);
    assert!(history::history(&live.state).await.entries.is_empty(), "nothing to undo");
    live.release_view();
}

#[tokio::test(flavor = "multi_thread")]
async fn removing_a_network_the_cli_removed_before_the_view_caught_up_says_it_is_gone() {
    let cleanup = Cleanup::new("race-gone-net");
    labelled_network("nlt-race-gone-net", &cleanup);
    labelled_network("nlt-race-kept-net", &cleanup);
    let live = Live::start(&docker_host()).await;
    live.until("the networks", |t| t.network_by_name("nlt-race-kept-net").is_some()).await;
    let gone = live.network_id("nlt-race-gone-net");

    let before = behind_the_view(&live, &["network", "rm", "nlt-race-gone-net"], &cleanup);
    let report = networks::remove(&live.state, std::slice::from_ref(&gone)).await.unwrap();
    let (outcome, why) = reason(&report, "nlt-race-gone-net");
    assert_ne!(outcome, OutcomeKind::Removed);
    assert!(why.contains("no longer exists"), "{why}");
    changed_nothing(&cleanup, &before, &report, "nothing else changed");
    live.release_view();
}

#[tokio::test(flavor = "multi_thread")]
async fn removing_a_network_whose_container_the_cli_removed_puts_the_other_back_and_says_which_is_gone() {
    let cleanup = Cleanup::new("race-rm-box");
    docker(&["network", "create", "--label", &cleanup.label, "--subnet", "10.214.140.0/24", "nlt-race-rm"]);
    let stays = run_idle("nlt-race-stays", &cleanup, &["--network", "nlt-race-rm", "--ip", "10.214.140.10"]);
    let doomed = run_idle("nlt-race-rm-doomed", &cleanup, &["--network", "nlt-race-rm"]);
    let (live, net) = live_showing(&[&stays, &doomed], "nlt-race-rm").await;
    let before = behind_the_view(&live, &["rm", "-f", &doomed], &cleanup);
    let report = networks::remove(&live.state, std::slice::from_ref(&net)).await.unwrap();
    let (outcome, why) = reason(&report, "nlt-race-rm");
    assert_ne!(outcome, OutcomeKind::Removed);
    assert!(why.contains("nlt-race-rm-doomed") && why.contains("no longer exists"), "{why}");
    changed_nothing(&cleanup, &before, &report, "nlt-race-stays is back on nlt-race-rm with its address");
    live.release_view();
}

#[tokio::test(flavor = "multi_thread")]
async fn removing_a_network_a_container_joined_before_the_view_caught_up_removes_nothing() {
    let cleanup = Cleanup::new("race-rm-join");
    labelled_network("nlt-race-join", &cleanup);
    let shown = run_idle("nlt-race-shown", &cleanup, &["--network", "nlt-race-join"]);
    let (live, net) = live_showing(&[&shown], "nlt-race-join").await;

    for (late, start) in [("nlt-race-late-run", true), ("nlt-race-late-created", false)] {
        live.hold_view();
        if start {
            run_idle(late, &cleanup, &["--network", "nlt-race-join"]);
        } else {
            created_on(late, &cleanup, "nlt-race-join");
        }
        let before = engine_state(&cleanup);
        let report = networks::remove(&live.state, std::slice::from_ref(&net)).await.unwrap();
        let (outcome, why) = reason(&report, "nlt-race-join");
        assert_ne!(outcome, OutcomeKind::Removed, "{late}: {why}");
        assert!(why.contains(late), "{late}: the message names who joined: {why}");
        changed_nothing(&cleanup, &before, &report, &format!("{late}: nothing changed, nlt-race-shown is back"));
        live.release_view();
        let _ = docker_output(&["rm", "-f", late]);
        live.until("the late container gone", |t| t.containers().all(|c| c.name != late)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn undoing_a_create_that_a_container_joined_before_the_view_caught_up_keeps_the_network() {
    let cleanup = Cleanup::new("race-undo-create");
    let live = Live::start(&docker_host()).await;
    let form = NetworkSpec {
        name: "nlt-race-made".into(),
        labels: [("netlens.test".into(), "race-undo-create".into())].into(),
        ..NetworkSpec::default()
    };
    networks::create(&live.state, &form).await.unwrap();

    live.hold_view();
    created_on("nlt-race-made-box", &cleanup, "nlt-race-made");
    let err = history::undo(&live.state).await.unwrap_err();
    let text = format!("{err} {}", err.hint().unwrap_or_default());
    assert!(text.contains("nlt-race-made-box joined nlt-race-made"), "{err:?}");
    live.release_view();
    assert!(on_network("nlt-race-made").is_some(), "the network stays under the container that joined it");
    assert!(docker_ok(&["start", "nlt-race-made-box"]), "and that container can start");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_prune_racing_docker_run_removes_only_previewed_networks_that_are_still_unused() {
    let cleanup = Cleanup::new("race-prune");
    for name in ["nlt-race-p-run", "nlt-race-p-created", "nlt-race-p-free"] {
        labelled_network(name, &cleanup);
    }
    let live = Live::start(&docker_host()).await;
    live.until("the networks", |t| t.network_by_name("nlt-race-p-free").is_some()).await;
    let filters = PruneFiltersDto { until: String::new(), labels: vec![cleanup.label.clone()] };
    let preview = networks::prune_preview_dto(&live.state, &filters).await.unwrap();
    assert_eq!(preview.items.len(), 3, "{preview:?}");
    let selected: Vec<String> = preview.items.iter().map(|i| i.id.clone()).collect();

    // Confirmed before the view has seen the containers that joined after the preview.
    live.hold_view();
    run_idle("nlt-race-p-box", &cleanup, &["--network", "nlt-race-p-run"]);
    created_on("nlt-race-p-new", &cleanup, "nlt-race-p-created");
    labelled_network("nlt-race-p-late", &cleanup);
    let report = networks::prune(&live.state, &selected).await.unwrap();
    live.release_view();

    assert_eq!(reason(&report, "nlt-race-p-free").0, OutcomeKind::Removed);
    for (net, late) in [("nlt-race-p-run", "nlt-race-p-box"), ("nlt-race-p-created", "nlt-race-p-new")] {
        let (outcome, why) = reason(&report, net);
        assert_ne!(outcome, OutcomeKind::Removed, "{net}: {why}");
        assert!(why.contains(late), "{net}: the message names {late}: {why}");
        assert!(on_network(net).is_some(), "{net} is still there");
    }
    assert!(on_network("nlt-race-p-free").is_none());
    assert!(on_network("nlt-race-p-late").is_some(), "not previewed, not removed");
    assert!(report.items.iter().all(|i| i.name != "nlt-race-p-late"));
    // The one that went is undoable; the others were never touched.
    let entries = &report.history.entries;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(entries[0].describe.contains("nlt-race-p-free") && !entries[0].describe.contains("nlt-race-p-run"));
    assert!(docker_ok(&["start", "nlt-race-p-new"]), "the created container can still start on its network");
}
