//! Undo of a remove: the re-create spec, the reconnects, and the re-check.

use super::*;
use crate::endpoints::{EndpointConfig, EndpointRef, Operation};
use crate::fixtures::network;
use crate::networks::recreate::spec_of;

fn disconnect(network: &Network, container_id: &str, name: &str, restore: EndpointConfig) -> Operation {
    Operation::Disconnect {
        endpoint: EndpointRef {
            network_id: network.id.clone(),
            network_name: network.name.clone(),
            container_id: container_id.into(),
            container_name: name.into(),
        },
        force: false,
        restore,
    }
}

#[test]
fn the_spec_recovered_from_a_created_network_renders_the_original_command() {
    let macvlan = NetworkSpec {
        driver: "macvlan".into(),
        parent: "eth0.10".into(),
        mode: "vepa".into(),
        subnet: "192.168.10.0/24".into(),
        ip_range: "192.168.10.64/26".into(),
        gateway: "192.168.10.1".into(),
        labels: pairs(&[("site", "office")]),
        ..spec("office")
    };
    let ipvlan = NetworkSpec { driver: "ipvlan".into(), internal: true, mode: "l3s".into(), ..spec("routed") };
    let overlay = NetworkSpec { driver: "overlay".into(), encrypted: true, attachable: true, ..spec("mesh") };
    for original in [full_bridge(), macvlan, ipvlan, overlay, spec("plain")] {
        let network = created_from(&original, "0123456789abcdef");
        let recovered = spec_of(&network).expect("representable");
        assert_eq!(create_command(&recovered), create_command(&original));
    }
}

#[test]
fn options_the_engine_chose_itself_are_not_pinned_on_re_create() {
    let overlay = NetworkSpec { driver: "overlay".into(), ..spec("mesh") };
    let mut created = created_from(&overlay, "0123456789abcdef");
    created.options.insert("com.docker.network.driver.overlay.vxlanid_list".into(), "4097".into());
    let recovered = spec_of(&created).expect("representable");
    assert_eq!(create_command(&recovered), "docker network create --driver overlay mesh");
    let mut v6 = created_from(&full_bridge(), "0123456789abcdef");
    v6.options.insert("com.docker.network.enable_ipv6".into(), "true".into());
    v6.options.insert("com.docker.network.enable_ipv4".into(), "true".into());
    assert_eq!(create_command(&spec_of(&v6).expect("representable")), create_command(&full_bridge()));
    let mut dummy = network("0123456789abcdef", "hostonly", "macvlan", None);
    dummy.internal = true;
    dummy.options.insert("parent".into(), "dm-0123456789ab".into());
    let recovered = spec_of(&dummy).expect("representable");
    assert_eq!(recovered.parent, "");
}

#[test]
fn undo_of_a_remove_reconnects_each_container_with_its_aliases_and_addresses_under_the_new_id() {
    let t = demo();
    let plan = plan_remove(&t, &["n-backend"]);
    let removal = plan.removals().next().expect("backend is removable");
    // The engine side replaces each restore with the one read from a container inspect before running.
    let ran: Vec<Operation> = removal
        .disconnects
        .iter()
        .cloned()
        .map(|op| match op.container_name() {
            "api" => op.with_restore(EndpointConfig { aliases: vec!["api.shop".into()], ..Default::default() }),
            _ => op,
        })
        .collect();
    let undo = recreate_plan(&removal.network, &ran).expect("representable");
    assert_eq!(undo.spec.name, "backend");
    assert_eq!(undo.spec.subnet, "10.214.10.0/24");
    assert_eq!(undo.spec.gateway, "10.214.10.1");
    let ops = undo.reconnect_ops("n-new");
    assert!(ops.iter().all(|op| op.network_id() == "n-new"));
    let lines: Vec<String> = ops.iter().map(Operation::command).collect();
    assert_eq!(
        lines,
        [
            "docker network connect --alias api.shop backend api",
            "docker network connect backend db",
            "docker network connect --ip 10.214.10.10 backend gateway",
            "docker network connect backend nightly-job",
        ]
    );
    assert_eq!(
        undo.commands()[0],
        "docker network create --driver bridge --subnet 10.214.10.0/24 --gateway 10.214.10.1 backend"
    );
    assert!(undo.note().contains("new ID (it was n-backend)"), "{}", undo.note());
}

#[test]
fn recreate_ignores_disconnects_from_other_networks() {
    let backend = network("n-backend", "backend", "bridge", Some("10.214.10.0/24"));
    let other = network("n-other", "other", "bridge", None);
    let ops = [disconnect(&other, "c-api", "api", EndpointConfig::default())];
    let undo = recreate_plan(&backend, &ops).expect("representable");
    assert_eq!(undo.reconnects, []);
}

#[test]
fn re_create_is_refused_exactly_when_the_name_was_taken_or_the_subnet_overlaps_since() {
    let gone = network("n-old", "backend", "bridge", Some("10.214.10.0/24"));
    let undo = recreate_plan(&gone, &[]).expect("representable");
    // The demo still has a `backend` on that very subnet.
    let p = check_recreate(&demo(), &undo, &ctx());
    assert_eq!(codes(&p), ["nameTaken", "subnetOverlap"]);
    let renamed = network("n-old", "old-backend", "bridge", Some("10.214.99.0/24"));
    let undo = recreate_plan(&renamed, &[]).expect("representable");
    assert_eq!(check_recreate(&demo(), &undo, &ctx()), []);
}

#[test]
fn re_create_is_refused_when_a_container_to_reconnect_was_removed() {
    let old = network("n-old", "old", "bridge", Some("10.214.99.0/24"));
    let ops = [
        disconnect(&old, "c-api", "api", EndpointConfig::default()),
        disconnect(&old, "c-gone", "ghost", EndpointConfig::default()),
    ];
    let undo = recreate_plan(&old, &ops).expect("representable");
    assert_eq!(check_recreate(&demo(), &undo, &ctx()), [SpecProblem::ContainerGone { container: "ghost".into() }]);
}

#[test]
fn re_create_does_not_apply_the_dialogs_own_opinions() {
    // Made by hand without a parent and not internal: the dialog would refuse it, but it existed.
    let mut dummy = network("0123456789abcdef", "hostonly", "macvlan", None);
    dummy.attachable = true;
    let undo = recreate_plan(&dummy, &[]).expect("representable");
    assert_eq!(check_recreate(&demo(), &undo, &ctx()), []);
    assert_eq!(codes(&validate_create(&demo(), &undo.spec, &ctx())), ["parentRequired", "notForDriver"]);
}

#[test]
fn networks_the_dialog_cannot_express_are_refused_as_not_representable() {
    let mut two = network("n-two", "two", "bridge", Some("10.1.0.0/24"));
    two.ipam.push(crate::model::IpamConfig { subnet: Some("10.2.0.0/24".into()), ip_range: None, gateway: None });
    let err = recreate_plan(&two, &[]).expect_err("two IPv4 subnets");
    assert_eq!(err.code().name(), "notRepresentable");
    assert!(err.fact().contains("2 IPv4"), "{}", err.fact());
    let mut ingress = network("n-ing", "ingress", "overlay", Some("10.0.0.0/24"));
    ingress.ingress = true;
    assert!(recreate_plan(&ingress, &[]).is_err());
    let mut custom = network("n-ipam", "custom", "bridge", None);
    custom.ipam_driver = "infoblox".into();
    assert!(recreate_plan(&custom, &[]).unwrap_err().fact().contains("infoblox"));
}
