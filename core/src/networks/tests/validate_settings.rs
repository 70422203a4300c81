//! `validate_create` on the settings of one driver (parent, mode, MTU), labels and options, and on a form
//! with every problem at once: one test per rule, each failing if the rule broke.

use super::*;
use crate::fixtures::network;

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
    let s = NetworkSpec { labels: pairs(&[("", "x"), ("a=b", "c")]), options: pairs(&[("=x", "y")]), ..spec("x") };
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
        labels: pairs(&[("team\nname", "web"), ("my team", "web"), ("team", "web\u{7}"), ("note", "  spaced value  ")]),
        options: pairs(&[("opt", "a\tb")]),
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
        options: pairs(&[("com.docker.network.driver.mtu", "1400"), ("com.docker.network.bridge.enable_icc", "false")]),
        ..spec("x")
    };
    let p = problems(&s);
    assert_eq!(codes(&p), ["optionHasField", "optionHasField"]);
    // Sorted by key: the ICC option comes first.
    assert!(p[1].hint().contains("set the MTU in its own field"), "{}", p[1].hint());
    // `parent` means nothing special to a bridge, so it passes through as any option would.
    let s = NetworkSpec { options: pairs(&[("parent", "eth0")]), ..spec("x") };
    assert_eq!(problems(&s), []);
    let s = NetworkSpec {
        driver: "macvlan".into(),
        parent: "eth0".into(),
        options: pairs(&[("macvlan_mode", "vepa")]),
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
