//! `validate_create` on names, drivers and addresses: one test per rule, each failing if the rule broke.

use super::*;
use crate::fixtures::network;

/// The fact of the one problem `spec` has, which must sit next to `field`.
fn only_fact(spec: &NetworkSpec, field: Field) -> String {
    let p = problems(spec);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].field(), Some(field));
    p[0].fact()
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
    let p = with_v6_gateway("fd00::zz");
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
    let fact = only_fact(&NetworkSpec { subnet: "10.1.2.3/24".into(), ..spec("x") }, Field::Subnet);
    assert_eq!(fact, "10.1.2.3/24 has host bits set; did you mean 10.1.2.0/24?");
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
    let p = with_v6_gateway("fd00:2::1");
    assert_eq!(codes(&p), ["outsideSubnet"]);
    assert_eq!(fields(&p), [Some(Field::GatewayV6)]);
}

#[test]
fn a_gateway_on_the_network_or_broadcast_address_is_refused() {
    let at = |gw: &str| problems(&NetworkSpec { subnet: "10.1.2.0/24".into(), gateway: gw.into(), ..spec("x") });
    assert_eq!(codes(&at("10.1.2.0")), ["reservedGateway"]);
    assert_eq!(at("10.1.2.255")[0].fact(), "10.1.2.255 is the broadcast address of 10.1.2.0/24");
    assert_eq!(at("10.1.2.254"), []);
    let v6 = with_v6_gateway("fd00:1::");
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
    let fact = only_fact(&NetworkSpec { subnet: "10.214.10.128/25".into(), ..spec("x") }, Field::Subnet);
    assert_eq!(fact, "10.214.10.128/25 overlaps network `backend` (10.214.10.0/24)");
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
