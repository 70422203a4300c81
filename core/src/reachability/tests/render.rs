//! The reach list and the verdict as text: the whole picture, asserted line by line.

use super::*;

/// The end of every demo container's "cannot reach" list when it is on one bridge network: the containers on
/// other networks, the stopped one and the one without networking read the same from each.
fn unreachable_from(container: &str, network: &str) -> String {
    format!(
        "  legacy-web: no shared network: {container} is on {network}, legacy-web on bridge
  nightly-job: nightly-job is exited: a container that is not running has no live endpoints
  printer: no shared network: {container} is on {network}, printer on lan
  sealed: sealed has networking disabled (network mode `none`): it has only a loopback
"
    )
}

#[test]
fn the_reach_list_of_api_renders_the_whole_picture() {
    let reached = "\
api [running] on backend
can reach:
  the host: through backend's gateway 10.214.10.1, which is the host (`host.docker.internal` with `--add-host host.docker.internal:host-gateway`)
  the outside world: through backend, with NAT
  db: by name on backend through the engine's DNS (db, c-db) at 10.214.10.3
  gateway: by name on backend through the engine's DNS (gateway, c-gateway) at 10.214.10.10
  host-agent: on the host's stack (network mode `host`), through backend's gateway 10.214.10.1 (`host.docker.internal`), on the ports it listens on
cannot reach:
";
    let expected = reached.to_string() + &unreachable_from("api", "backend");
    assert_eq!(render_reach(&demo(), "c-api").expect("api exists"), expected);
}

#[test]
fn the_reach_list_of_a_multi_homed_container_and_of_a_sidecar_render_their_stacks() {
    let reached = "\
sidecar [running] in web's network stack
can reach:
  the host: through frontend's gateway 10.214.40.1, which is the host (`host.docker.internal` with `--add-host host.docker.internal:host-gateway`)
  the outside world: through frontend, with NAT
  gateway: by name on frontend through the engine's DNS (gateway, c-gateway) at 10.214.40.10
  host-agent: on the host's stack (network mode `host`), through frontend's gateway 10.214.40.1 (`host.docker.internal`), on the ports it listens on
  metrics (in web's stack): in one network stack (web's, network mode `container:`): localhost and every port
  web: in one network stack (web's, network mode `container:`): localhost and every port
cannot reach:
  api: no shared network: web and api meet only through gateway (frontend → gateway → backend), and Docker does not route between networks, not even through a container on both
  db: no shared network: web and db meet only through gateway (frontend → gateway → backend), and Docker does not route between networks, not even through a container on both
";
    let expected = reached.to_string() + &unreachable_from("web", "frontend");
    assert_eq!(render_reach(&with_sidecars(), "c-side").expect("sidecar exists"), expected);
}

#[test]
fn a_verdict_renders_the_answer_the_reason_and_the_fix_with_its_command() {
    let t = demo();
    assert_eq!(
        render_verdict(&verdict(&t, "c-api", "c-gateway")),
        "\
api → gateway: yes
  by name on backend through the engine's DNS (gateway, c-gateway) at 10.214.10.10
"
    );
    // legacy-web is on the default bridge only: it joining backend (names resolve) beats api joining bridge.
    assert_eq!(
        render_verdict(&verdict(&t, "c-api", "c-legacy")),
        "\
api → legacy-web: no
  why: no shared network: api is on backend, legacy-web on bridge
  fix: Connect legacy-web to backend
  run: docker network connect backend legacy-web
"
    );
    assert_eq!(
        render_verdict(&verdict(&t, "c-api", "c-nightly")),
        "\
api → nightly-job: no
  why: nightly-job is exited: a container that is not running has no live endpoints
  fix: no connect helps while nightly-job is exited: start it (`docker start nightly-job`)
"
    );
}
