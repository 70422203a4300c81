//! `validate_create`: one test per rule, each failing if the rule broke.

use super::*;
use crate::fixtures::network;

fn problems(spec: &NetworkSpec) -> Vec<SpecProblem> {
    validate_create(&demo(), spec, &ctx())
}

fn fields(problems: &[SpecProblem]) -> Vec<Option<Field>> {
    problems.iter().map(|p| p.field()).collect()
}

#[test]
fn specs_using_every_field_of_their_driver_are_accepted() {
    assert_eq!(problems(&full_bridge()), []);
    let macvlan = NetworkSpec {
        driver: "macvlan".into(),
        subnet: "192.168.50.0/24".into(),
        gateway: "192.168.50.254".into(),
        parent: "eth0.50".into(),
        mode: "bridge".into(),
        ..spec("office")
    };
    assert_eq!(problems(&macvlan), []);
    let ipvlan = NetworkSpec { driver: "ipvlan".into(), internal: true, mode: "l3".into(), ..spec("routed") };
    assert_eq!(problems(&ipvlan), []);
    let overlay =
        NetworkSpec { driver: "overlay".into(), encrypted: true, attachable: true, mtu: "1450".into(), ..spec("mesh") };
    assert_eq!(validate_create(&demo(), &overlay, &swarm()), []);
}

#[test]
fn an_empty_name_is_refused() {
    for name in ["", "   "] {
        let p = problems(&spec(name));
        assert_eq!(p, [SpecProblem::NameEmpty], "{name:?}");
        assert_eq!(p[0].field(), Some(Field::Name));
    }
}

#[test]
fn names_outside_dockers_pattern_are_refused_and_inside_it_accepted() {
    for bad in ["-web", "_web", ".web", "web net", "wéb", "web/1", "web:1"] {
        assert_eq!(problems(&spec(bad)), [SpecProblem::NameInvalid { name: bad.into() }], "{bad:?}");
    }
    for good in ["web", "Web2", "0web", "a.b_c-d", "  padded  "] {
        assert_eq!(problems(&spec(good)), [], "{good:?}");
    }
}

#[test]
fn the_name_of_an_existing_network_is_refused_as_taken() {
    let p = problems(&spec("backend"));
    assert_eq!(p, [SpecProblem::NameTaken { name: "backend".into(), driver: "bridge".into() }]);
    assert!(p[0].message().starts_with("A bridge network named `backend` already exists."), "{}", p[0].message());
    assert!(p[0].hint().contains("ambiguous"), "{}", p[0].hint());
    // Names are case-sensitive to the engine.
    assert_eq!(problems(&spec("Backend")), []);
}

#[test]
fn host_and_null_drivers_are_refused_with_why() {
    for driver in ["host", "null", "none"] {
        let p = problems(&NetworkSpec { driver: driver.into(), ..spec("x") });
        assert_eq!(codes(&p), ["driverNotCreatable"], "{driver}");
        assert_eq!(p[0].field(), Some(Field::Driver));
        assert!(p[0].fact().contains("predefined"), "{}", p[0].fact());
    }
    let host = problems(&NetworkSpec { driver: "host".into(), ..spec("x") });
    assert!(host[0].fact().contains("host's own network stack"), "{}", host[0].fact());
}

#[test]
fn a_driver_the_engine_lacks_is_refused_naming_the_ones_it_has() {
    let p = problems(&NetworkSpec { driver: "weave".into(), ..spec("x") });
    let available = ["bridge", "ipvlan", "macvlan", "overlay"].map(String::from).to_vec();
    assert_eq!(p, [SpecProblem::DriverUnavailable { driver: "weave".into(), available }]);
    assert!(p[0].fact().ends_with("(it has bridge, ipvlan, macvlan, overlay)"), "{}", p[0].fact());
    // A plugin the engine lists is fine; unknown facts (an empty list) check nothing.
    let mut with_plugin = ctx();
    with_plugin.drivers.push("weave".into());
    assert_eq!(validate_create(&demo(), &NetworkSpec { driver: "weave".into(), ..spec("x") }, &with_plugin), []);
    let unknown = CreateContext::default();
    assert_eq!(validate_create(&demo(), &NetworkSpec { driver: "weave".into(), ..spec("x") }, &unknown), []);
}

#[test]
fn overlay_is_refused_unless_the_engine_is_a_swarm_manager() {
    let overlay = NetworkSpec { driver: "overlay".into(), ..spec("mesh") };
    let p = problems(&overlay);
    assert_eq!(p, [SpecProblem::OverlayNeedsSwarm]);
    assert!(p[0].hint().contains("docker swarm init"), "{}", p[0].hint());
    assert_eq!(validate_create(&demo(), &overlay, &swarm()), []);
}

#[test]
fn a_blank_driver_means_bridge() {
    let s = NetworkSpec { driver: "  ".into(), ..spec("x") };
    assert_eq!(s.driver(), "bridge");
    assert_eq!(s.normalized().driver, "bridge");
    // Bridge-only settings are therefore accepted.
    assert_eq!(problems(&NetworkSpec { icc: false, ..s }), []);
}

#[test]
fn subnets_that_are_not_cidrs_are_refused() {
    for bad in ["10.1.2.0", "10.1.2.0/33", "10.1.2/24", "nope"] {
        let p = problems(&NetworkSpec { subnet: bad.into(), ..spec("x") });
        assert_eq!(p, [SpecProblem::BadCidr { field: Field::Subnet, value: bad.into() }], "{bad:?}");
    }
    let p = problems(&NetworkSpec { ipv6: true, subnet_v6: "fd00::/129".into(), ..spec("x") });
    assert_eq!(p, [SpecProblem::BadCidr { field: Field::SubnetV6, value: "fd00::/129".into() }]);
}

#[test]
fn gateways_that_are_not_addresses_are_refused() {
    for bad in ["10.1.2", "10.1.2.1/24", "gw"] {
        let p = problems(&NetworkSpec { subnet: "10.1.2.0/24".into(), gateway: bad.into(), ..spec("x") });
        assert_eq!(p, [SpecProblem::BadAddress { field: Field::Gateway, value: bad.into() }], "{bad:?}");
    }
    let p = problems(&NetworkSpec {
        ipv6: true,
        subnet_v6: "fd00:1::/64".into(),
        gateway_v6: "fd00::zz".into(),
        ..spec("x")
    });
    assert_eq!(fields(&p), [Some(Field::GatewayV6)]);
    assert_eq!(codes(&p), ["badAddress"]);
}

#[test]
fn values_of_the_wrong_family_are_refused_per_field() {
    let p = problems(&NetworkSpec { subnet: "fd00:1::/64".into(), ..spec("x") });
    assert_eq!(p, [SpecProblem::WrongFamily { field: Field::Subnet, value: "fd00:1::/64".into(), want_v6: false }]);
    assert!(p[0].hint().contains("IPv6 subnet field"), "{}", p[0].hint());
    let p = problems(&NetworkSpec { ipv6: true, subnet_v6: "10.1.0.0/24".into(), ..spec("x") });
    assert_eq!(codes(&p), ["wrongFamily"]);
    assert_eq!(fields(&p), [Some(Field::SubnetV6)]);
    let p = problems(&NetworkSpec { subnet: "10.1.0.0/24".into(), gateway: "fd00::1".into(), ..spec("x") });
    assert_eq!(fields(&p), [Some(Field::Gateway)]);
    assert_eq!(codes(&p), ["wrongFamily"]);
    let p = problems(&NetworkSpec { subnet: "10.1.0.0/24".into(), ip_range: "fd00::/120".into(), ..spec("x") });
    assert_eq!(fields(&p), [Some(Field::IpRange)]);
}

#[test]
fn a_subnet_with_host_bits_is_refused_suggesting_its_network() {
    let p = problems(&NetworkSpec { subnet: "10.1.2.3/24".into(), ..spec("x") });
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].fact(), "10.1.2.3/24 has host bits set; did you mean 10.1.2.0/24?");
    assert_eq!(p[0].field(), Some(Field::Subnet));
    let p = problems(&NetworkSpec { ipv6: true, subnet_v6: "fd00:1::5/64".into(), ..spec("x") });
    assert_eq!(
        p,
        [SpecProblem::HostBits {
            field: Field::SubnetV6,
            value: "fd00:1::5/64".into(),
            suggested: "fd00:1::/64".into()
        }]
    );
    let p = problems(&NetworkSpec { subnet: "10.1.2.0/24".into(), ip_range: "10.1.2.130/25".into(), ..spec("x") });
    assert_eq!(codes(&p), ["hostBits"]);
    assert_eq!(fields(&p), [Some(Field::IpRange)]);
}

#[test]
fn gateway_and_range_outside_the_subnet_are_refused() {
    let p = problems(&NetworkSpec {
        subnet: "10.1.2.0/24".into(),
        ip_range: "10.1.0.0/23".into(),
        gateway: "10.1.3.1".into(),
        ..spec("x")
    });
    assert_eq!(codes(&p), ["outsideSubnet", "outsideSubnet"]);
    assert_eq!(fields(&p), [Some(Field::IpRange), Some(Field::Gateway)]);
    assert_eq!(p[1].fact(), "The IPv4 gateway 10.1.3.1 is outside the subnet 10.1.2.0/24");
    let p = problems(&NetworkSpec {
        ipv6: true,
        subnet_v6: "fd00:1::/64".into(),
        gateway_v6: "fd00:2::1".into(),
        ..spec("x")
    });
    assert_eq!(codes(&p), ["outsideSubnet"]);
    assert_eq!(fields(&p), [Some(Field::GatewayV6)]);
}

#[test]
fn a_gateway_on_the_network_or_broadcast_address_is_refused() {
    let at = |gw: &str| problems(&NetworkSpec { subnet: "10.1.2.0/24".into(), gateway: gw.into(), ..spec("x") });
    assert_eq!(codes(&at("10.1.2.0")), ["reservedGateway"]);
    assert_eq!(at("10.1.2.255")[0].fact(), "10.1.2.255 is the broadcast address of 10.1.2.0/24");
    assert_eq!(at("10.1.2.254"), []);
    let v6 = problems(&NetworkSpec {
        ipv6: true,
        subnet_v6: "fd00:1::/64".into(),
        gateway_v6: "fd00:1::".into(),
        ..spec("x")
    });
    assert_eq!(codes(&v6), ["reservedGateway"]);
}

#[test]
fn a_gateway_or_range_without_a_subnet_is_refused() {
    let p = problems(&NetworkSpec { ip_range: "10.1.2.0/25".into(), gateway: "10.1.2.1".into(), ..spec("x") });
    assert_eq!(codes(&p), ["needsSubnet", "needsSubnet"]);
    assert_eq!(fields(&p), [Some(Field::IpRange), Some(Field::Gateway)]);
    // A broken subnet already has its problem; the gateway does not add a second one about it.
    let p = problems(&NetworkSpec { subnet: "nope".into(), gateway: "10.1.2.1".into(), ..spec("x") });
    assert_eq!(codes(&p), ["badCidr"]);
}

#[test]
fn a_subnet_overlapping_existing_networks_is_refused_naming_each() {
    let p = problems(&NetworkSpec { subnet: "10.214.10.128/25".into(), ..spec("x") });
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].fact(), "10.214.10.128/25 overlaps network `backend` (10.214.10.0/24)");
    assert_eq!(p[0].field(), Some(Field::Subnet));
    let wide = problems(&NetworkSpec { subnet: "10.214.0.0/16".into(), ..spec("x") });
    let names: Vec<String> = wide
        .iter()
        .filter_map(|p| match p {
            SpecProblem::SubnetOverlap { network, .. } => Some(network.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["backend", "frontend", "lan", "vault"]);
    assert_eq!(problems(&NetworkSpec { subnet: "10.215.0.0/16".into(), ..spec("x") }), []);
}

#[test]
fn an_ipv6_subnet_overlapping_an_existing_one_is_refused() {
    let mut dual = network("n-dual", "dual", "bridge", Some("10.50.0.0/24"));
    dual.enable_ipv6 = true;
    dual.ipam.push(crate::model::IpamConfig { subnet: Some("fd00:50::/64".into()), ip_range: None, gateway: None });
    let t = demo_with(vec![dual], vec![]);
    let p = validate_create(&t, &NetworkSpec { ipv6: true, subnet_v6: "fd00:50::/48".into(), ..spec("x") }, &ctx());
    assert_eq!(codes(&p), ["subnetOverlap"]);
    assert_eq!(fields(&p), [Some(Field::SubnetV6)]);
    assert!(p[0].fact().contains("`dual` (fd00:50::/64)"), "{}", p[0].fact());
}

#[test]
fn ipv6_without_an_ipv6_subnet_is_refused() {
    let p = problems(&NetworkSpec { ipv6: true, ..spec("x") });
    assert_eq!(p, [SpecProblem::Ipv6SubnetRequired]);
    assert_eq!(p[0].field(), Some(Field::SubnetV6));
}

#[test]
fn ipv6_values_with_ipv6_off_are_refused() {
    let p = problems(&NetworkSpec { subnet_v6: "fd00:1::/64".into(), gateway_v6: "fd00:1::1".into(), ..spec("x") });
    assert_eq!(p, [SpecProblem::Ipv6Off { field: Field::SubnetV6 }, SpecProblem::Ipv6Off { field: Field::GatewayV6 }]);
}

#[test]
fn macvlan_and_ipvlan_without_parent_are_refused_unless_internal() {
    for driver in ["macvlan", "ipvlan"] {
        let p = problems(&NetworkSpec { driver: driver.into(), ..spec("x") });
        assert_eq!(p, [SpecProblem::ParentRequired { driver: driver.into() }]);
        assert!(p[0].fact().contains("cannot leave the host"), "{}", p[0].fact());
        assert!(p[0].hint().contains("Internal"), "{}", p[0].hint());
        assert_eq!(problems(&NetworkSpec { driver: driver.into(), internal: true, ..spec("x") }), []);
    }
}

#[test]
fn parents_that_cannot_be_interface_names_or_are_loopback_are_refused() {
    for bad in ["eth 0", "eth0/1", "eth0:1", "a-very-long-interface", "eth0\u{1}", "\u{7f}"] {
        let p = problems(&NetworkSpec { driver: "macvlan".into(), parent: bad.into(), ..spec("x") });
        assert_eq!(p, [SpecProblem::ParentInvalid { value: bad.into() }], "{bad:?}");
    }
    let p = problems(&NetworkSpec { driver: "ipvlan".into(), parent: "lo".into(), ..spec("x") });
    assert_eq!(codes(&p), ["parentLoopback"]);
}

#[test]
fn passthru_on_a_parent_another_macvlan_network_uses_is_refused() {
    // The demo's `lan` uses netlens-lan0 in the default (bridge) mode.
    let on_lan = |mode: &str| NetworkSpec {
        driver: "macvlan".into(),
        parent: "netlens-lan0".into(),
        mode: mode.into(),
        ..spec("x")
    };
    let p = problems(&on_lan("passthru"));
    assert_eq!(p, [SpecProblem::ParentPassthru { parent: "netlens-lan0".into(), network: "lan".into() }]);
    // Sharing a parent otherwise is left to the engine: newer ones allow it.
    assert_eq!(problems(&on_lan("bridge")), []);
    let mut pt = network("n-pt", "direct", "macvlan", None);
    pt.options.insert("parent".into(), "eth1".into());
    pt.options.insert("macvlan_mode".into(), "passthru".into());
    let t = demo_with(vec![pt], vec![]);
    let p = validate_create(&t, &NetworkSpec { driver: "macvlan".into(), parent: "eth1".into(), ..spec("x") }, &ctx());
    assert_eq!(codes(&p), ["parentPassthru"]);
}

#[test]
fn modes_outside_the_drivers_list_are_refused() {
    let p = problems(&NetworkSpec { driver: "macvlan".into(), parent: "eth0".into(), mode: "l2".into(), ..spec("x") });
    assert_eq!(codes(&p), ["badMode"]);
    assert!(p[0].fact().contains("bridge, vepa, private, passthru"), "{}", p[0].fact());
    let p = problems(&NetworkSpec { driver: "ipvlan".into(), parent: "eth0".into(), mode: "vepa".into(), ..spec("x") });
    assert!(p[0].fact().contains("l2, l3, l3s"), "{}", p[0].fact());
    for mode in ["l2", "l3", "l3s"] {
        let ok = NetworkSpec { driver: "ipvlan".into(), parent: "eth0".into(), mode: mode.into(), ..spec("x") };
        assert_eq!(problems(&ok), [], "{mode}");
    }
}

#[test]
fn settings_of_other_drivers_are_refused_as_not_for_driver() {
    let p = problems(&NetworkSpec {
        parent: "eth0".into(),
        mode: "bridge".into(),
        encrypted: true,
        attachable: true,
        ..spec("x")
    });
    assert_eq!(codes(&p), ["notForDriver"; 4]);
    assert_eq!(fields(&p), [Some(Field::Parent), Some(Field::Mode), Some(Field::Encrypted), Some(Field::Attachable)]);
    assert!(p[3].fact().contains("swarm-scoped overlay"), "{}", p[3].fact());
    let p = problems(&NetworkSpec {
        driver: "macvlan".into(),
        parent: "eth0".into(),
        icc: false,
        mtu: "1400".into(),
        ..spec("x")
    });
    assert_eq!(fields(&p), [Some(Field::Mtu), Some(Field::Icc)]);
}

#[test]
fn an_mtu_that_is_not_a_number_or_out_of_range_is_refused() {
    let mtu = |v: &str| problems(&NetworkSpec { mtu: v.into(), ..spec("x") });
    assert_eq!(mtu("abc"), [SpecProblem::MtuNotNumber { value: "abc".into() }]);
    assert_eq!(mtu("+1500"), [SpecProblem::MtuNotNumber { value: "+1500".into() }]);
    assert_eq!(mtu("67"), [SpecProblem::MtuOutOfRange { value: 67 }]);
    assert_eq!(mtu("65536"), [SpecProblem::MtuOutOfRange { value: 65536 }]);
    assert_eq!(codes(&mtu("99999999999999999999999")), ["mtuOutOfRange"]);
    assert_eq!(mtu("68"), []);
    assert_eq!(mtu("65535"), []);
}

#[test]
fn label_and_option_keys_that_are_empty_or_hold_equals_are_refused() {
    let s = NetworkSpec {
        labels: [("".to_string(), "x".to_string()), ("a=b".into(), "c".into())].into(),
        options: [("=x".to_string(), "y".to_string())].into(),
        ..spec("x")
    };
    let p = problems(&s);
    assert_eq!(
        p,
        [
            SpecProblem::BadKey { field: Field::Labels, key: "".into(), problem: KeyProblem::Empty },
            SpecProblem::BadKey { field: Field::Labels, key: "a=b".into(), problem: KeyProblem::HasEquals },
            SpecProblem::BadKey { field: Field::Options, key: "=x".into(), problem: KeyProblem::HasEquals },
        ]
    );
}

#[test]
fn label_keys_and_values_with_control_characters_or_whitespace_in_the_key_are_refused() {
    let s = NetworkSpec {
        labels: [
            ("team\nname".to_string(), "web".to_string()),
            ("my team".into(), "web".into()),
            ("team".into(), "web\u{7}".into()),
            ("note".into(), "  spaced value  ".into()),
        ]
        .into(),
        options: [("opt".to_string(), "a\tb".to_string())].into(),
        ..spec("x")
    };
    let p = problems(&s);
    let key = |key: &str, problem| SpecProblem::BadKey { field: Field::Labels, key: key.into(), problem };
    let value =
        |field, key: &str| SpecProblem::BadValue { field, key: key.into(), problem: ValueProblem::ControlCharacter };
    assert_eq!(
        p,
        [
            key("my team", KeyProblem::Whitespace),
            value(Field::Labels, "team"),
            key("team\nname", KeyProblem::ControlCharacter),
            value(Field::Options, "opt"),
        ],
        "a value may keep its spaces"
    );
    assert_eq!(p[2].fact(), "The label key `team\\nname` contains a control character", "shown escaped");
    assert_eq!(p[1].code(), crate::problem::Code::BadValue);
    assert!(p.iter().all(|p| !p.hint().is_empty()));
}

#[test]
fn label_keys_over_1_kib_and_values_over_4_kib_are_refused_and_shown_cut() {
    let long_key = "k".repeat(MAX_KEY_BYTES + 1);
    let s = NetworkSpec {
        labels: [
            (long_key.clone(), "v".to_string()),
            ("fits".into(), "v".repeat(MAX_VALUE_BYTES)),
            ("big".into(), "v".repeat(MAX_VALUE_BYTES + 1)),
            ("k".repeat(MAX_KEY_BYTES), "fits too".into()),
        ]
        .into(),
        ..spec("x")
    };
    let p = problems(&s);
    assert_eq!(
        p,
        [
            SpecProblem::BadValue {
                field: Field::Labels,
                key: "big".into(),
                problem: ValueProblem::TooLong { bytes: MAX_VALUE_BYTES + 1 }
            },
            SpecProblem::BadKey {
                field: Field::Labels,
                key: long_key,
                problem: KeyProblem::TooLong { bytes: MAX_KEY_BYTES + 1 }
            },
        ]
    );
    assert_eq!(p[0].fact(), "The value of label `big` is 4097 bytes long, over 4096 (4 KiB)");
    assert!(p[0].hint().contains("at most 4096 bytes"), "{}", p[0].hint());
    assert!(p[1].fact().len() < 100, "the key is cut in the message: {}", p[1].fact());
    assert!(p[1].fact().contains(&format!("`{}…`", "k".repeat(32))), "{}", p[1].fact());
}

#[test]
fn an_option_that_a_field_sets_is_refused_pointing_to_the_field() {
    let s = NetworkSpec {
        options: [
            ("com.docker.network.driver.mtu".to_string(), "1400".to_string()),
            ("com.docker.network.bridge.enable_icc".into(), "false".into()),
        ]
        .into(),
        ..spec("x")
    };
    let p = problems(&s);
    assert_eq!(codes(&p), ["optionHasField", "optionHasField"]);
    // Sorted by key: the ICC option comes first.
    assert!(p[1].hint().contains("set the MTU in its own field"), "{}", p[1].hint());
    // `parent` means nothing special to a bridge, so it passes through as any option would.
    let s = NetworkSpec { options: [("parent".to_string(), "eth0".to_string())].into(), ..spec("x") };
    assert_eq!(problems(&s), []);
    let s = NetworkSpec {
        driver: "macvlan".into(),
        parent: "eth0".into(),
        options: [("macvlan_mode".to_string(), "vepa".to_string())].into(),
        ..spec("x")
    };
    assert_eq!(problems(&s), [SpecProblem::OptionHasField { key: "macvlan_mode".into(), dedicated: Field::Mode }]);
}

#[test]
fn every_problem_is_reported_at_once_in_form_order() {
    let s = NetworkSpec {
        name: "backend".into(),
        driver: "macvlan".into(),
        subnet: "10.1.2.3/24".into(),
        gateway: "10.9.9.9".into(),
        ipv6: true,
        mtu: "9".into(),
        ..NetworkSpec::default()
    };
    let p = problems(&s);
    assert_eq!(
        codes(&p),
        ["nameTaken", "hostBits", "outsideSubnet", "ipv6SubnetRequired", "parentRequired", "notForDriver"]
    );
    assert!(p.iter().all(|p| !p.hint().is_empty() && p.message().contains(&p.fact())));
}
