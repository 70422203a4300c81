//! `plan_remove`: predefined and gone networks refused, attached containers disconnected first.

use super::*;
use crate::endpoints::Operation;

fn refusal_codes(plan: &RemovePlan) -> Vec<String> {
    plan.refusals().map(|(_, _, r)| r.code().name()).collect()
}

#[test]
fn predefined_networks_are_refused_saying_why_the_engine_keeps_them() {
    let plan = plan_remove(&demo(), &["n-bridge", "n-host", "n-none"]);
    assert_eq!(refusal_codes(&plan), ["predefined"; 3]);
    assert_eq!(plan.removals().count(), 0);
    assert_eq!(plan.commands(), Vec::<String>::new());
    let facts: Vec<String> = plan.refusals().map(|(_, _, r)| r.fact()).collect();
    assert!(facts[0].contains("without --network"), "{}", facts[0]);
    assert!(facts[1].contains("host's own network stack"), "{}", facts[1]);
    assert!(facts[2].contains("--network none"), "{}", facts[2]);
    assert_eq!(plan.refusals().map(|(_, n, _)| n).collect::<Vec<_>>(), [Some("bridge"), Some("host"), Some("none")]);
}

#[test]
fn a_network_that_is_gone_is_refused_as_gone() {
    let plan = plan_remove(&demo(), &["n-gone"]);
    assert_eq!(refusal_codes(&plan), ["networkGone"]);
    assert_eq!(plan.refusals().next().map(|(id, name, _)| (id, name)), Some(("n-gone", None)));
}

#[test]
fn removing_a_network_in_use_disconnects_every_container_first_forcing_stopped_ones() {
    let plan = plan_remove(&demo(), &["n-backend"]);
    let removal = plan.removals().next().expect("backend is removable");
    let attached: Vec<(&str, bool)> =
        removal.attached.iter().map(|a| (a.container_name.as_str(), a.running())).collect();
    assert_eq!(attached, [("api", true), ("db", true), ("gateway", true), ("nightly-job", false)]);
    let forced: Vec<(&str, bool)> = removal
        .disconnects
        .iter()
        .map(|op| match op {
            Operation::Disconnect { endpoint, force, .. } => (endpoint.container_name.as_str(), *force),
            Operation::Connect { .. } => ("connect?", false),
        })
        .collect();
    assert_eq!(forced, [("api", false), ("db", false), ("gateway", false), ("nightly-job", true)]);
    assert_eq!(
        removal.commands(),
        [
            "docker network disconnect backend api",
            "docker network disconnect backend db",
            "docker network disconnect backend gateway",
            "docker network disconnect --force backend nightly-job",
            "docker network rm backend",
        ]
    );
    assert!(plan.disconnects_anything());
}

#[test]
fn remove_disconnects_keep_the_static_address_for_undo() {
    let plan = plan_remove(&demo(), &["n-backend"]);
    let gateway = plan.disconnects().into_iter().find(|op| op.container_name() == "gateway").cloned();
    let Some(Operation::Disconnect { restore, .. }) = gateway else { panic!("no disconnect of gateway: {plan:?}") };
    assert_eq!(restore.ipv4.as_deref(), Some("10.214.10.10"));
}

#[test]
fn an_unused_network_is_removed_without_disconnects() {
    let idle = crate::fixtures::network("n-idle", "idle", "bridge", Some("10.90.0.0/24"));
    let plan = plan_remove(&demo_with(vec![idle], vec![]), &["n-idle"]);
    assert!(!plan.disconnects_anything());
    assert_eq!(plan.commands(), ["docker network rm idle"]);
}

#[test]
fn a_multi_network_plan_removes_the_allowed_ones_in_one_rm_and_refuses_the_rest() {
    let plan = plan_remove(&demo(), &["n-frontend", "n-bridge", "n-vault", "n-frontend"]);
    assert_eq!(plan.items.len(), 3, "a repeated ID counts once");
    assert_eq!(refusal_codes(&plan), ["predefined"]);
    assert_eq!(
        plan.commands(),
        [
            "docker network disconnect frontend gateway",
            "docker network disconnect vault gateway",
            "docker network rm frontend vault",
        ]
    );
}

#[test]
fn the_confirmation_names_the_containers_to_disconnect() {
    let plan = plan_remove(&demo(), &["n-backend", "n-vault"]);
    let texts: Vec<String> = plan.removals().map(NetworkRemoval::confirm_text).collect();
    assert_eq!(
        texts,
        [
            "Remove backend? api, db, gateway and nightly-job will be disconnected first.",
            "Remove vault? gateway will be disconnected first.",
        ]
    );
}

#[test]
fn a_config_only_network_is_refused_while_networks_built_from_it_remain_unless_they_go_first() {
    let mut config = crate::fixtures::network("n-cfg", "lan-config", "null", Some("10.70.0.0/24"));
    config.config_only = true;
    let mut built = crate::fixtures::network("n-built", "lan2", "macvlan", None);
    built.config_from = Some("lan-config".into());
    let t = demo_with(vec![config, built], vec![]);
    let alone = plan_remove(&t, &["n-cfg"]);
    let refusal = alone.refusals().next().map(|(_, _, r)| r.clone());
    assert_eq!(refusal, Some(RemoveRefusal::ConfigInUse { name: "lan-config".into(), users: vec!["lan2".into()] }));
    // Selected together, in either order: the network built from it is removed first.
    let both = plan_remove(&t, &["n-cfg", "n-built"]);
    assert_eq!(refusal_codes(&both), Vec::<&str>::new());
    assert_eq!(both.commands(), ["docker network rm lan2 lan-config"]);
}
