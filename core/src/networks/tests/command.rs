//! CLI lines: flag order, quoting, and the prune and rm lines.

use super::*;
use crate::networks::command::go_duration;

#[test]
fn create_command_writes_flags_in_a_stable_order_with_options_and_labels_sorted() {
    assert_eq!(
        create_command(&full_bridge()),
        "docker network create --driver bridge --subnet 10.99.0.0/24 --ip-range 10.99.0.128/25 \
         --gateway 10.99.0.1 --ipv6 --subnet fd00:99::/64 --gateway fd00:99::1 --internal \
         --opt com.docker.network.bridge.enable_icc=false --opt com.docker.network.bridge.name=br-shop \
         --opt com.docker.network.driver.mtu=1400 --label env=dev --label owner=shop shop-net"
    );
}

#[test]
fn create_command_of_an_empty_form_is_a_plain_bridge() {
    assert_eq!(create_command(&spec("web")), "docker network create --driver bridge web");
}

#[test]
fn create_command_leaves_ipv6_values_out_while_ipv6_is_off() {
    let s = NetworkSpec { subnet_v6: "fd00::/64".into(), ..spec("web") };
    assert_eq!(create_command(&s), "docker network create --driver bridge web");
}

#[test]
fn create_command_quotes_words_the_shell_would_read_otherwise() {
    let s = NetworkSpec { labels: pairs(&[("owner", "Ann's team"), ("note", "a b")]), ..spec("web") };
    assert_eq!(
        create_command(&s),
        r"docker network create --driver bridge --label 'note=a b' --label 'owner=Ann'\''s team' web"
    );
}

#[test]
fn create_command_writes_driver_fields_as_options_and_empty_values_bare() {
    let overlay = NetworkSpec { driver: "overlay".into(), encrypted: true, attachable: true, ..spec("mesh") };
    assert_eq!(create_command(&overlay), "docker network create --driver overlay --attachable --opt encrypted mesh");
    let macvlan = NetworkSpec {
        driver: "macvlan".into(),
        parent: "eth0.10".into(),
        mode: "private".into(),
        subnet: "192.168.10.0/24".into(),
        ..spec("office")
    };
    assert_eq!(
        create_command(&macvlan),
        "docker network create --driver macvlan --subnet 192.168.10.0/24 --opt macvlan_mode=private \
         --opt parent=eth0.10 office"
    );
    let ipvlan = NetworkSpec { driver: "ipvlan".into(), internal: true, mode: "l3".into(), ..spec("routed") };
    assert_eq!(create_command(&ipvlan), "docker network create --driver ipvlan --internal --opt ipvlan_mode=l3 routed");
}

#[test]
fn create_command_trims_what_the_form_padded() {
    let s = NetworkSpec { name: " web ".into(), subnet: "10.1.0.0/24 ".into(), ..spec("") };
    assert_eq!(create_command(&s), "docker network create --driver bridge --subnet 10.1.0.0/24 web");
}

#[test]
fn rm_command_names_every_network_quoted() {
    assert_eq!(rm_command(&["backend", "odd name"]), "docker network rm backend 'odd name'");
}

#[test]
fn prune_command_carries_until_and_label_filters() {
    let filters = PruneFilters {
        until: Some(chrono::Duration::hours(24)),
        labels: vec![
            LabelFilter { key: "env".into(), value: Some("dev".into()), negate: false },
            LabelFilter { key: "keep".into(), value: None, negate: true },
        ],
    };
    assert_eq!(
        prune_command(&filters),
        "docker network prune --force --filter until=24h --filter label=env=dev --filter 'label!=keep'"
    );
    assert_eq!(prune_command(&PruneFilters::default()), "docker network prune --force");
}

#[test]
fn durations_are_written_in_their_largest_whole_go_unit() {
    assert_eq!(go_duration(chrono::Duration::hours(48)), "48h");
    assert_eq!(go_duration(chrono::Duration::minutes(90)), "90m");
    assert_eq!(go_duration(chrono::Duration::seconds(45)), "45s");
    assert_eq!(go_duration(chrono::Duration::seconds(0)), "0s");
}

#[test]
fn the_engine_request_gets_the_same_options_and_ipam_as_the_command() {
    let s = full_bridge();
    let ipam = s.ipam();
    assert_eq!(ipam.len(), 2);
    assert_eq!(ipam[0].subnet.as_deref(), Some("10.99.0.0/24"));
    assert_eq!(ipam[0].ip_range.as_deref(), Some("10.99.0.128/25"));
    assert_eq!(ipam[1].gateway.as_deref(), Some("fd00:99::1"));
    // IPv6 values typed while IPv6 is off are not sent.
    let off = NetworkSpec { ipv6: false, ..full_bridge() };
    assert_eq!(off.ipam().len(), 1);
    let opts = s.driver_options();
    assert_eq!(opts.get("com.docker.network.driver.mtu").map(String::as_str), Some("1400"));
    assert_eq!(opts.get("com.docker.network.bridge.enable_icc").map(String::as_str), Some("false"));
    assert_eq!(spec("x").driver_options(), Default::default(), "ICC on is the default and is not written");
}
