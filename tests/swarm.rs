//! Swarm on the sandbox engine: a manager's services in the snapshot and the topology (their VIP on an
//! overlay, their tasks on this node tied to them, the ingress network), the one extra request a manager
//! costs, and a standalone container joining an attachable overlay through the same service layer the
//! window calls, while a non-attachable overlay is refused before the engine is asked.
//!
//! Other tests share the engine, so the swarm lives as briefly as it can, and a guard takes everything down
//! (service, networks, container, swarm, the bridge swarm mode leaves behind) whether the test passes or not.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Duration;

use netlens::dto::ops::EndpointConfigDto;
use netlens::error::{AppError, ErrorCode};
use netlens::service::endpoints;
use netlens_core::problem::Code;
use netlens_core::topology::Topology;
use netlens_engine::{Engine, Target};
use netlens_tests::live::Live;
use netlens_tests::proxy::CountingProxy;
use netlens_tests::{docker, docker_host, docker_json, docker_output, run_idle, Cleanup};

const SERVICE: &str = "nl-svc";
const OPEN: &str = "nlt-swarm-open";
const CLOSED: &str = "nlt-swarm-closed";

/// Leaves the swarm and removes what the test made, pass or fail.
struct Swarm;

impl Drop for Swarm {
    fn drop(&mut self) {
        let _ = docker_output(&["service", "rm", SERVICE]);
        let _ = docker_output(&["rm", "-f", "nlt-swarm-box"]);
        // Task containers go a moment after the service; the networks cannot go before them.
        for _ in 0..50 {
            let left =
                docker_output(&["ps", "-aq", "--filter", &format!("label=com.docker.swarm.service.name={SERVICE}")]);
            if left.stdout.iter().all(u8::is_ascii_whitespace) {
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        let _ = docker_output(&["network", "rm", OPEN, CLOSED]);
        let _ = docker_output(&["swarm", "leave", "--force"]);
        let _ = docker_output(&["network", "rm", "docker_gwbridge"]);
    }
}

fn endpoint_networks(container: &str) -> Vec<String> {
    let c = docker_json(&["inspect", container]);
    let mut names: Vec<String> = c[0]["NetworkSettings"]["Networks"].as_object().unwrap().keys().cloned().collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread")]
async fn a_manager_shows_services_with_vips_and_tasks_here_and_a_container_joins_only_an_attachable_overlay() {
    let _swarm = Swarm;
    let cleanup = Cleanup::new("swarm");
    docker(&["swarm", "init", "--advertise-addr", "10.213.0.1"]);
    let label = cleanup.label.as_str();
    docker(&["network", "create", "--driver", "overlay", "--attachable", "--label", label, OPEN]);
    docker(&["network", "create", "--driver", "overlay", "--label", label, CLOSED]);
    docker(&[
        "service",
        "create",
        "--detach",
        "--no-resolve-image",
        "--name",
        SERVICE,
        "--replicas",
        "2",
        "--network",
        OPEN,
        "--label",
        label,
        "netlens/busybox:latest",
        "sh",
        "-c",
        "sleep 3600",
    ]);
    let live = Live::start(&docker_host()).await;
    let two_tasks = |t: &Topology| t.services().any(|s| s.name == SERVICE && t.tasks_of(&s.id).len() == 2);
    assert!(live.state.wait_for_view(Duration::from_secs(30), two_tasks).await, "the service's two tasks never showed");

    let t = live.state.topology().unwrap();
    let svc = t.services().find(|s| s.name == SERVICE).unwrap().clone();
    assert_eq!(svc.mode, netlens_core::model::ServiceMode::Replicated(2));
    assert_eq!(svc.image.split('@').next(), Some("netlens/busybox:latest"));
    let open_id = live.network_id(OPEN);
    let on: Vec<_> =
        t.service_networks(&svc.id).into_iter().map(|(n, a)| (n.name.clone(), a.virtual_ip.clone())).collect();
    let vip = on.iter().find(|(n, _)| n == OPEN).and_then(|(_, v)| v.clone()).expect("a VIP on the overlay");
    let inspected = docker_json(&["service", "inspect", SERVICE]);
    let vips = inspected[0]["Endpoint"]["VirtualIPs"].as_array().unwrap();
    assert!(
        vips.iter().any(|v| v["NetworkID"] == open_id.as_str() && v["Addr"] == vip.as_str()),
        "{vip} is the engine's"
    );
    for task in t.tasks_of(&svc.id) {
        assert_eq!(task.swarm_service_id(), Some(svc.id.as_str()));
        assert!(t.endpoints_of(&task.id).iter().any(|(n, _)| n.id == open_id), "{} is on the overlay", task.name);
    }
    let ingress = t.networks().find(|n| n.ingress).expect("the ingress network is drawn");
    assert_eq!((ingress.name.as_str(), ingress.driver.as_str()), ("ingress", "overlay"));
    let text = t.render();
    assert!(
        text.contains(&format!("service {SERVICE} [replicated 2]")) && text.contains(&format!("  on {OPEN} vip {vip}")),
        "{text}"
    );

    // A manager costs one more request than the two of a standalone engine: the service list.
    let dir = tempfile::tempdir().unwrap();
    let upstream = PathBuf::from(docker_host().trim_start_matches("unix://"));
    let proxy = CountingProxy::start(&dir.path().join("count.sock"), &upstream);
    let target = Target { context: "test".into(), host: proxy.host(), tls: None, source: "test" };
    let engine = Engine::connect(&target).await.unwrap();
    let before = proxy.requests();
    let snap = engine.snapshot().await.unwrap();
    assert_eq!(proxy.requests() - before, 3, "networks, containers, services");
    assert!(snap.services.iter().any(|s| s.name == SERVICE));

    // A standalone container joins the attachable overlay through the service layer, as a drop does.
    let boxed = run_idle("nlt-swarm-box", &cleanup, &[]);
    live.until("the standalone container", |t| t.container(&boxed).is_some()).await;
    let done = endpoints::connect(&live.state, &boxed, &open_id, &EndpointConfigDto::default()).await.unwrap();
    assert_eq!(done.command, format!("docker network connect {OPEN} nlt-swarm-box"));
    assert!(endpoint_networks(&boxed).contains(&OPEN.to_string()), "the engine has it on {OPEN}");

    // The overlay made without --attachable is refused before the engine is asked: nothing changes.
    let closed_id = live.network_id(CLOSED);
    let before = endpoint_networks(&boxed);
    let err = endpoints::connect(&live.state, &boxed, &closed_id, &EndpointConfigDto::default()).await.unwrap_err();
    match &err {
        AppError { code: ErrorCode::Refused, problems, .. } => {
            assert_eq!(problems[0].code, Code::NotAttachable);
            assert!(problems[0].hint.contains("docker network create --driver overlay --attachable"), "{err:?}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(endpoint_networks(&boxed), before, "the container is where it was");
    let closed = docker_json(&["network", "inspect", CLOSED]);
    assert!(closed[0]["Containers"].as_object().is_none_or(|c| c.is_empty()), "nobody joined {CLOSED}");
    drop(cleanup);
}
