//! Integration tests of a network's lifecycle against the sandbox engine: create with each driver the
//! sandbox supports, remove with "disconnect all" and its exact undo, prune of exactly the previewed set,
//! and refusals that change nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use netlens::dto::lifecycle::PruneFiltersDto;
use netlens::dto::ops::EndpointConfigDto;
use netlens::error::{AppError, ErrorCode};
use netlens::service::{endpoints, history, networks};
use netlens_core::networks::{NetworkSpec, OutcomeKind};
use netlens_core::problem::{Code, Field};
use netlens_tests::live::Live;
use netlens_tests::{docker, docker_host, docker_json, docker_output, run_idle, Cleanup};
use serde_json::Value;

fn spec(name: &str) -> NetworkSpec {
    NetworkSpec { name: name.into(), ..NetworkSpec::default() }
}

fn kv(key: &str, value: &str) -> (String, String) {
    (key.into(), value.into())
}

fn inspect(name: &str) -> Value {
    docker_json(&["network", "inspect", name])[0].clone()
}

fn exists(name: &str) -> bool {
    docker_output(&["network", "inspect", name]).status.success()
}

/// A veth pair for one macvlan/ipvlan test: engine 20.10 takes one such network per parent interface, and
/// the demo's `lan` already holds the sandbox's own.
struct Veth(String);

impl Veth {
    fn new(name: &str) -> Self {
        let _ = Command::new("ip").args(["link", "del", name]).output();
        let peer = format!("{name}p");
        let ok = Command::new("ip")
            .args(["link", "add", name, "type", "veth", "peer", "name", &peer])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "could not create veth {name}");
        let _ = Command::new("ip").args(["link", "set", name, "up"]).status();
        Self(name.into())
    }
}

impl Drop for Veth {
    fn drop(&mut self) {
        let _ = Command::new("ip").args(["link", "del", &self.0]).status();
    }
}

/// A macvlan or ipvlan network labelled for `create_with_each_driver…` on a parent interface of its own.
fn on_parent(name: &str, driver: &str, parent: &Veth, mode: &str, subnet: &str) -> NetworkSpec {
    NetworkSpec {
        driver: driver.into(),
        parent: parent.0.clone(),
        mode: mode.into(),
        subnet: subnet.into(),
        labels: [kv("netlens.test", "life-create")].into(),
        ..spec(name)
    }
}

async fn created(live: &Live, form: &NetworkSpec) -> Value {
    let done = networks::create(&live.state, form).await.unwrap_or_else(|e| panic!("create {}: {e:?}", form.name));
    assert!(done.command.starts_with("docker network create"), "{}", done.command);
    assert!(live.state.topology().unwrap().network_by_name(&form.name).is_some(), "the view shows it on return");
    inspect(&form.name)
}

#[tokio::test(flavor = "multi_thread")]
async fn create_with_each_driver_the_sandbox_supports_and_undo_removes_it() {
    let cleanup = Cleanup::new("life-create");
    let live = Live::start(&docker_host()).await;
    let label = || kv("netlens.test", "life-create");

    let mut bridge = spec("nlt-life-bridge");
    bridge.subnet = "10.214.130.0/24".into();
    bridge.ip_range = "10.214.130.128/25".into();
    bridge.gateway = "10.214.130.254".into();
    bridge.icc = false;
    bridge.mtu = "1400".into();
    bridge.labels = [label(), kv("team", "web")].into();
    let n = created(&live, &bridge).await;
    assert_eq!(n["Driver"], "bridge");
    assert_eq!(n["IPAM"]["Config"][0]["Subnet"], "10.214.130.0/24");
    assert_eq!(n["IPAM"]["Config"][0]["IPRange"], "10.214.130.128/25");
    assert_eq!(n["IPAM"]["Config"][0]["Gateway"], "10.214.130.254");
    assert_eq!(n["Options"]["com.docker.network.bridge.enable_icc"], "false");
    assert_eq!(n["Options"]["com.docker.network.driver.mtu"], "1400");
    assert_eq!(n["Labels"]["team"], "web");

    let mut internal = spec("nlt-life-internal");
    internal.internal = true;
    internal.labels = [label()].into();
    assert_eq!(created(&live, &internal).await["Internal"], true);

    let mut v6 = spec("nlt-life-v6");
    v6.ipv6 = true;
    v6.subnet = "10.214.131.0/24".into();
    v6.subnet_v6 = "fd00:214:131::/64".into();
    v6.labels = [label()].into();
    let n = created(&live, &v6).await;
    assert_eq!(n["EnableIPv6"], true);
    let subnets: Vec<&str> =
        n["IPAM"]["Config"].as_array().unwrap().iter().filter_map(|c| c["Subnet"].as_str()).collect();
    assert!(subnets.contains(&"fd00:214:131::/64"), "{subnets:?}");

    let mv_parent = Veth::new("nlt-mv0");
    let n = created(&live, &on_parent("nlt-life-macvlan", "macvlan", &mv_parent, "bridge", "10.214.132.0/24")).await;
    assert_eq!(n["Driver"], "macvlan");
    assert_eq!(n["Options"]["parent"], "nlt-mv0");
    assert_eq!(n["Options"]["macvlan_mode"], "bridge");

    let iv_parent = Veth::new("nlt-iv0");
    let n = created(&live, &on_parent("nlt-life-ipvlan", "ipvlan", &iv_parent, "l2", "10.214.133.0/24")).await;
    assert_eq!(n["Driver"], "ipvlan");
    assert_eq!(n["Options"]["ipvlan_mode"], "l2");

    // Undo takes the last create back; redo makes it again (with a new ID).
    let undone = history::undo(&live.state).await.unwrap();
    assert_eq!(undone.command, "docker network rm nlt-life-ipvlan");
    assert!(!exists("nlt-life-ipvlan"));
    history::redo(&live.state).await.unwrap();
    assert!(exists("nlt-life-ipvlan"));
    history::undo(&live.state).await.unwrap();
    assert!(!exists("nlt-life-ipvlan"));
    drop(cleanup);
}

#[tokio::test(flavor = "multi_thread")]
async fn overlay_is_offered_and_created_once_the_engine_is_a_swarm_manager() {
    struct Swarm;
    impl Drop for Swarm {
        fn drop(&mut self) {
            let _ = docker_output(&["swarm", "leave", "--force"]);
            // Swarm mode leaves its bridge behind; the other tests and the demo should not see it.
            let _ = docker_output(&["network", "rm", "docker_gwbridge"]);
        }
    }
    let cleanup = Cleanup::new("life-overlay");
    let live = Live::start(&docker_host()).await;
    let before = networks::create_options(&live.state).await.unwrap();
    let overlay = before.drivers.iter().find(|d| d.name == "overlay").unwrap();
    assert!(!overlay.creatable, "not a swarm manager yet");
    assert!(overlay.reason.as_deref().unwrap().contains("docker swarm init"));
    let mut form = spec("nlt-life-overlay");
    form.driver = "overlay".into();
    form.attachable = true;
    form.labels = [kv("netlens.test", "life-overlay")].into();
    let err = networks::create(&live.state, &form).await.unwrap_err();
    assert!(
        matches!(&err, AppError { code: ErrorCode::Refused, problems, .. } if problems[0].code == Code::OverlayNeedsSwarm),
        "{err:?}"
    );
    assert!(!exists("nlt-life-overlay"), "a refusal creates nothing");

    let _swarm = Swarm;
    docker(&["swarm", "init", "--advertise-addr", "10.213.0.1"]);
    let after = networks::create_options(&live.state).await.unwrap();
    assert!(after.swarm_manager);
    assert!(after.drivers.iter().any(|d| d.name == "overlay" && d.creatable));
    let n = created(&live, &form).await;
    assert_eq!(n["Driver"], "overlay");
    assert_eq!(n["Scope"], "swarm");
    assert_eq!(n["Attachable"], true);
    docker(&["network", "rm", "nlt-life-overlay"]);
    drop(cleanup);
}

#[tokio::test(flavor = "multi_thread")]
async fn remove_disconnects_all_and_undo_restores_ipam_labels_and_endpoints() {
    let cleanup = Cleanup::new("life-remove");
    docker(&[
        "network",
        "create",
        "--label",
        &cleanup.label,
        "--label",
        "tier=data",
        "--subnet",
        "10.214.134.0/24",
        "--gateway",
        "10.214.134.1",
        "--aux-address",
        "printer=10.214.134.250",
        "--ipam-opt",
        "com.example.pool=blue",
        "--opt",
        "com.docker.network.driver.mtu=1450",
        "nlt-life-rm",
    ]);
    let web = run_idle(
        "nlt-life-web",
        &cleanup,
        &["--network", "nlt-life-rm", "--ip", "10.214.134.20", "--network-alias", "store"],
    );
    let job = run_idle("nlt-life-job", &cleanup, &[]);
    let live = Live::start(&docker_host()).await;
    live.until("the containers", |t| t.container(&web).is_some() && t.container(&job).is_some()).await;
    let net = live.network_id("nlt-life-rm");
    endpoints::connect(
        &live.state,
        &job,
        &net,
        &EndpointConfigDto { aliases: vec!["batch".into()], ipv4: Some("10.214.134.30".into()), ipv6: None },
    )
    .await
    .unwrap();
    docker(&["stop", "-t", "1", &job]);
    live.until("the stopped job", |t| t.container(&job).is_some_and(|c| !c.state.is_live())).await;
    let before = inspect("nlt-life-rm");

    let plan = networks::plan_remove_dto(&live.state, std::slice::from_ref(&net)).unwrap();
    assert!(plan.disconnects_anything);
    assert_eq!(plan.items[0].attached.len(), 2);
    assert_eq!(plan.commands.last().unwrap(), "docker network rm nlt-life-rm");
    let report = networks::remove(&live.state, std::slice::from_ref(&net)).await.unwrap();
    assert_eq!(report.items[0].outcome, OutcomeKind::Removed, "{report:?}");
    assert!(!exists("nlt-life-rm"));

    let undone = history::undo(&live.state).await.unwrap();
    assert!(undone.notice.unwrap_or_default().contains("new IDs"));
    let after = inspect("nlt-life-rm");
    assert_ne!(after["Id"], before["Id"], "the engine gives a new ID");
    for field in ["Driver", "IPAM", "Options", "Labels", "Internal", "EnableIPv6"] {
        assert_eq!(after[field], before[field], "{field} restored");
    }
    let ep = |c: &str| docker_json(&["inspect", c])[0]["NetworkSettings"]["Networks"]["nlt-life-rm"].clone();
    let web_ep = ep(&web);
    assert_eq!(web_ep["IPAddress"], "10.214.134.20");
    assert!(web_ep["Aliases"].as_array().unwrap().iter().any(|a| a == "store"), "{web_ep}");
    let job_ep = ep(&job);
    assert_eq!(job_ep["IPAMConfig"]["IPv4Address"], "10.214.134.30", "the stopped container's static address");
    assert!(job_ep["Aliases"].as_array().unwrap().iter().any(|a| a == "batch"), "{job_ep}");

    // An undo of the earlier connect still finds the network under its new ID.
    let history = history::history(&live.state).await;
    assert_eq!(history.undo.as_deref(), Some("Disconnect nlt-life-job from nlt-life-rm"));
    history::undo(&live.state).await.unwrap();
    assert!(ep(&job).is_null());
}

#[tokio::test(flavor = "multi_thread")]
async fn prune_removes_exactly_the_preview_and_skips_a_network_that_gained_a_container() {
    let cleanup = Cleanup::new("life-prune");
    for name in ["nlt-prune-a", "nlt-prune-b", "nlt-prune-c"] {
        docker(&["network", "create", "--label", &cleanup.label, name]);
    }
    let box_id = run_idle("nlt-prune-box", &cleanup, &[]);
    let live = Live::start(&docker_host()).await;
    live.until("the three networks", |t| t.network_by_name("nlt-prune-c").is_some() && t.container(&box_id).is_some())
        .await;
    let filters = PruneFiltersDto { until: String::new(), labels: vec![cleanup.label.clone()] };
    let preview = networks::prune_preview_dto(&live.state, &filters).await.unwrap();
    let names: Vec<&str> = preview.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["nlt-prune-a", "nlt-prune-b", "nlt-prune-c"]);
    assert_eq!(preview.command, format!("docker network prune --force --filter label={}", cleanup.label));

    // Between preview and confirm: one network gains a container, and a new unused one appears.
    docker(&["network", "connect", "nlt-prune-b", &box_id]);
    docker(&["network", "create", "--label", &cleanup.label, "nlt-prune-late"]);
    live.until("the CLI changes", |t| {
        t.network_by_name("nlt-prune-late").is_some()
            && t.endpoints_of(&box_id).iter().any(|(n, _)| n.name == "nlt-prune-b")
    })
    .await;
    let selected: Vec<String> = preview.items.iter().map(|i| i.id.clone()).collect();
    let report = networks::prune(&live.state, &selected).await.unwrap();
    let outcome = |name: &str| report.items.iter().find(|i| i.name == name).map(|i| i.outcome);
    assert_eq!(outcome("nlt-prune-a"), Some(OutcomeKind::Removed));
    assert_eq!(outcome("nlt-prune-c"), Some(OutcomeKind::Removed));
    assert_eq!(outcome("nlt-prune-b"), Some(OutcomeKind::Skipped));
    let reason = report.items.iter().find(|i| i.name == "nlt-prune-b").unwrap().reason.clone().unwrap();
    assert!(reason.contains("nlt-prune-box joined it after the preview"), "{reason}");
    assert!(!exists("nlt-prune-a") && !exists("nlt-prune-c"));
    assert!(exists("nlt-prune-b"), "never removed once in use");
    assert!(exists("nlt-prune-late"), "not previewed, not removed");
    assert_eq!(report.summary, "Removed 2 networks, skipped 1");

    // Undo re-creates what the prune removed.
    history::undo(&live.state).await.unwrap();
    assert!(exists("nlt-prune-a") && exists("nlt-prune-c"));
    assert_eq!(inspect("nlt-prune-a")["Labels"]["netlens.test"], "life-prune");
}

#[tokio::test(flavor = "multi_thread")]
async fn refusals_change_nothing() {
    let _cleanup = Cleanup::new("life-refusals");
    let live = Live::start(&docker_host()).await;
    let networks = || docker(&["network", "ls", "-q", "--no-trunc"]);
    let before = networks();

    let mut bad = spec("nlt-life-bad");
    bad.subnet = "10.214.300.0/24".into();
    let err = networks::create(&live.state, &bad).await.unwrap_err();
    let AppError { code: ErrorCode::Refused, problems, .. } = &err else { panic!("{err:?}") };
    assert_eq!(problems[0].field, Some(Field::Subnet));
    let mut overlap = spec("nlt-life-overlap");
    overlap.subnet = "10.214.10.0/25".into();
    netlens_tests::ensure_demo();
    live.until("the demo", |t| t.network_by_name("backend").is_some()).await;
    let before_demo = networks();
    let err = networks::create(&live.state, &overlap).await.unwrap_err();
    let AppError { code: ErrorCode::Refused, problems, .. } = &err else { panic!("{err:?}") };
    assert!(problems.iter().any(|p| p.code == Code::SubnetOverlap && p.message.contains("backend")), "{problems:?}");
    assert_eq!(networks(), before_demo, "invalid creates change nothing");
    assert!(before.lines().all(|id| before_demo.contains(id)));

    let bridge = live.network_id("bridge");
    let plan = networks::plan_remove_dto(&live.state, std::slice::from_ref(&bridge)).unwrap();
    assert_eq!(plan.items[0].refusal.as_ref().unwrap().code, Code::Predefined);
    let report = networks::remove(&live.state, &[bridge]).await.unwrap();
    assert_eq!(report.items[0].outcome, OutcomeKind::Skipped);
    assert_eq!(networks(), before_demo, "the predefined bridge stays");
}
