//! The bad-input table: one row a refusal, each with the command the window would send and the `Code` that
//! must lead the answer. Built against the fixture of `bad_input`: `holder` sits on `nlt-bad-net`
//! (10.214.150.0/24) at .10, `web` only on the default bridge.

use std::collections::BTreeMap;

use netlens::dto::lifecycle::PruneFiltersDto;
use netlens::dto::ops::EndpointConfigDto;
use netlens_core::networks::{NetworkSpec, MAX_KEY_BYTES, MAX_VALUE_BYTES};
use netlens_core::problem::Code;
use netlens_tests::live::Live;

use super::{Call, Row};

fn form(aliases: &[&str], ipv4: Option<&str>, ipv6: Option<&str>) -> EndpointConfigDto {
    EndpointConfigDto {
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        ipv4: ipv4.map(Into::into),
        ipv6: ipv6.map(Into::into),
    }
}

fn connect(container: &str, network: &str, form: EndpointConfigDto) -> Call {
    Call::Connect { container: container.into(), network: network.into(), form }
}

/// The create form named `nlt-bad-x` with these fields set, by the names the dialog gives them.
fn create(fields: &[(&str, &str)]) -> Call {
    let mut s = bad_x();
    for &(field, value) in fields {
        let text = value.to_string();
        match field {
            "name" => s.name = text,
            "driver" => s.driver = text,
            "subnet" => s.subnet = text,
            "gateway" => s.gateway = text,
            "ip_range" => s.ip_range = text,
            "ipv6" => s.ipv6 = value == "on",
            "subnet_v6" => s.subnet_v6 = text,
            "parent" => s.parent = text,
            "mode" => s.mode = text,
            "internal" => s.internal = value == "on",
            "attachable" => s.attachable = value == "on",
            "mtu" => s.mtu = text,
            other => panic!("the create form has no field {other}"),
        }
    }
    Call::Create(Box::new(s))
}

/// The create form named `nlt-bad-x` with nothing else set.
fn bad_x() -> NetworkSpec {
    NetworkSpec { name: "nlt-bad-x".into(), ..NetworkSpec::default() }
}

fn one(key: &str, value: &str) -> BTreeMap<String, String> {
    [(key.into(), value.into())].into()
}

/// The create form with one label.
fn labelled(key: &str, value: &str) -> Call {
    Call::Create(Box::new(NetworkSpec { labels: one(key, value), ..bad_x() }))
}

/// The create form with one extra driver option.
fn optioned(key: &str, value: &str) -> Call {
    Call::Create(Box::new(NetworkSpec { options: one(key, value), ..bad_x() }))
}

fn prune(until: &str, labels: &[&str]) -> Call {
    Call::PrunePreview(PruneFiltersDto { until: until.into(), labels: labels.iter().map(|l| l.to_string()).collect() })
}

pub(super) fn table(live: &Live, holder: &str, web: &str) -> Vec<Row> {
    let net = live.network_id("nlt-bad-net");
    let (bridge, host, none) = (live.network_id("bridge"), live.network_id("host"), live.network_id("none"));
    let ipv4 = |ip: &str| connect(web, &net, form(&[], Some(ip), None));
    let alias = |alias: &str| connect(web, &net, form(&[alias], None, None));
    let in_151 = |field: &str, value: &str| create(&[("subnet", "10.214.151.0/24"), (field, value)]);
    let macvlan = |field: &str, value: &str| create(&[("driver", "macvlan"), (field, value)]);
    let (long_alias, unknown) = ("a".repeat(300), "0".repeat(64));
    let rows: Vec<(&str, Call, Code)> = vec![
        // Connect: addresses and aliases.
        ("connect with an IPv4 address that is not one", ipv4("10.214.150.300"), Code::BadAddress),
        ("connect with the unspecified address", ipv4("0.0.0.0"), Code::BadAddress),
        ("connect with an address outside the subnet", ipv4("192.168.77.5"), Code::OutsideSubnet),
        ("connect with an address another container holds", ipv4("10.214.150.10"), Code::AddressInUse),
        ("connect with the subnet's network address", ipv4("10.214.150.0"), Code::ReservedAddress),
        ("connect with the gateway's address", ipv4("10.214.150.1"), Code::ReservedAddress),
        ("connect with the broadcast address", ipv4("10.214.150.255"), Code::ReservedAddress),
        (
            "connect with an IPv6 address to an IPv4-only network",
            connect(web, &net, form(&[], None, Some("fd00:150::5"))),
            Code::NoIpv6,
        ),
        ("connect with an alias holding a space", alias("bad alias"), Code::BadAlias),
        ("connect with an alias starting with -", alias("-rf"), Code::BadAlias),
        ("connect with an alias of 300 characters", alias(&long_alias), Code::BadAlias),
        ("connect with an alias holding a control character", alias("db\u{7}"), Code::BadAlias),
        ("connect with an alias holding an empty DNS label", alias("db..local"), Code::BadAlias),
        ("connect with an alias holding a path", alias("../etc"), Code::BadAlias),
        (
            "connect to the default bridge with an alias",
            connect(holder, &bridge, form(&["db"], None, None)),
            Code::AliasOnDefaultBridge,
        ),
        (
            "connect to the default bridge with an address",
            connect(holder, &bridge, form(&[], Some("10.213.0.50"), None)),
            Code::StaticOnDefaultBridge,
        ),
        ("connect to the predefined host network", connect(web, &host, form(&[], None, None)), Code::FixedNetwork),
        ("connect to the network it is on", connect(holder, &net, form(&[], None, None)), Code::AlreadyConnected),
        ("connect an unknown container", connect(&unknown, &net, form(&[], None, None)), Code::ContainerGone),
        (
            "connect to a `../` network ID",
            connect(web, "../../containers/json", form(&[], None, None)),
            Code::NetworkGone,
        ),
        (
            "disconnect from a network it is not on",
            Call::Disconnect { container: web.into(), network: net.clone() },
            Code::NotConnected,
        ),
        (
            "disconnect a `../` container ID",
            Call::Disconnect { container: "../../../info".into(), network: net.clone() },
            Code::ContainerGone,
        ),
        // Create: names, addresses, drivers, labels.
        ("create without a name", create(&[("name", "  ")]), Code::NameEmpty),
        ("create with a name starting with -", create(&[("name", "-net")]), Code::NameInvalid),
        ("create with a space in the name", create(&[("name", "my net")]), Code::NameInvalid),
        ("create with a control character in the name", create(&[("name", "net\u{1b}[2J")]), Code::NameInvalid),
        ("create with a path as the name", create(&[("name", "../etc")]), Code::NameInvalid),
        ("create with a taken name", create(&[("name", "nlt-bad-net")]), Code::NameTaken),
        ("create with a subnet that is not a CIDR", create(&[("subnet", "10.214.300.0/24")]), Code::BadCidr),
        ("create with a prefix over 32", create(&[("subnet", "10.214.151.0/33")]), Code::BadCidr),
        ("create with host bits in the subnet", create(&[("subnet", "10.214.151.5/24")]), Code::HostBits),
        ("create with an IPv6 subnet in the IPv4 field", create(&[("subnet", "fd00:151::/64")]), Code::WrongFamily),
        (
            "create with a subnet overlapping nlt-bad-net",
            create(&[("subnet", "10.214.150.128/25")]),
            Code::SubnetOverlap,
        ),
        ("create with a subnet holding nlt-bad-net", create(&[("subnet", "10.214.0.0/16")]), Code::SubnetOverlap),
        ("create with a gateway outside the subnet", in_151("gateway", "10.214.152.1"), Code::OutsideSubnet),
        ("create with an IP range outside the subnet", in_151("ip_range", "10.214.152.0/25"), Code::OutsideSubnet),
        ("create with the network address as gateway", in_151("gateway", "10.214.151.0"), Code::ReservedGateway),
        ("create with a gateway and no subnet", create(&[("gateway", "10.214.151.1")]), Code::NeedsSubnet),
        ("create with IPv6 on and no IPv6 subnet", create(&[("ipv6", "on")]), Code::Ipv6SubnetRequired),
        ("create with an IPv6 subnet and IPv6 off", create(&[("subnet_v6", "fd00:151::/64")]), Code::Ipv6Off),
        ("create macvlan without a parent", create(&[("driver", "macvlan")]), Code::ParentRequired),
        ("create macvlan on the loopback", macvlan("parent", "lo"), Code::ParentLoopback),
        ("create macvlan on a parent with a control character", macvlan("parent", "eth0\u{1}"), Code::ParentInvalid),
        (
            "create macvlan with a mode it does not have",
            create(&[("driver", "macvlan"), ("parent", "netlens-lan0"), ("internal", "on"), ("mode", "l3")]),
            Code::BadMode,
        ),
        (
            "create overlay on an engine that is no swarm manager",
            create(&[("driver", "overlay"), ("attachable", "on")]),
            Code::OverlayNeedsSwarm,
        ),
        ("create with the host driver", create(&[("driver", "host")]), Code::DriverNotCreatable),
        ("create with a driver the engine lacks", create(&[("driver", "weave")]), Code::DriverUnavailable),
        ("create with an MTU that is not a number", create(&[("mtu", "1500 bytes")]), Code::MtuNotNumber),
        ("create with a huge MTU", create(&[("mtu", &"9".repeat(40))]), Code::MtuOutOfRange),
        ("create with a label key holding =", labelled("a=b", "c"), Code::BadKey),
        ("create with an empty label key", labelled(" ", "c"), Code::BadKey),
        ("create with a label key over 1 KiB", labelled(&"k".repeat(MAX_KEY_BYTES + 1), "v"), Code::BadKey),
        ("create with a label value over 4 KiB", labelled("note", &"v".repeat(MAX_VALUE_BYTES + 1)), Code::BadValue),
        ("create with a line break in a label key", labelled("team\nname", "web"), Code::BadKey),
        ("create with a control character in a label value", labelled("team", "web\u{0}"), Code::BadValue),
        (
            "create with an option the MTU field sets",
            optioned("com.docker.network.driver.mtu", "1400"),
            Code::OptionHasField,
        ),
        // Remove: predefined, unknown and `../` IDs.
        ("remove the predefined bridge", Call::Remove(bridge), Code::Predefined),
        ("remove the predefined host", Call::Remove(host), Code::Predefined),
        ("remove the predefined none", Call::Remove(none), Code::Predefined),
        ("remove an unknown network ID", Call::Remove("f".repeat(64)), Code::NetworkGone),
        ("remove a `../` network ID", Call::Remove("../../containers/prune".into()), Code::NetworkGone),
        // Reads that put an ID into an engine URL, or look one up.
        ("network JSON of a `../` ID", Call::NetworkJson("../../info".into()), Code::NetworkGone),
        ("network JSON asked by name instead of ID", Call::NetworkJson("nlt-bad-net".into()), Code::NetworkGone),
        ("aliases on a `../` network ID", Call::NetworkAliases("../../containers/json".into()), Code::NetworkGone),
        ("drop targets asked by name instead of ID", Call::DropTargets("nlt-bad-web".into()), Code::ContainerGone),
        ("reachability of a `../` container ID", Call::ReachFrom("../..".into()), Code::ContainerGone),
        ("can-reach to an unknown container", Call::CanReach(web.into(), unknown.clone()), Code::ContainerGone),
        // Prune filters.
        ("prune older than 10^20 hours", prune("99999999999999999999h", &[]), Code::BadUntil),
        ("prune older than i64::MAX seconds", prune("9223372036854775807s", &[]), Code::BadUntil),
        ("prune older than an age the clock cannot reach", prune("2562047788015216h", &[]), Code::BadUntil),
        ("prune with a negative age", prune("-3h", &[]), Code::BadUntil),
        ("prune with a fractional age", prune("1.5h", &[]), Code::BadUntil),
        ("prune with a label filter without a key", prune("", &["=prod"]), Code::BadLabelFilter),
        ("prune with an empty negated label filter", prune("", &["label!="]), Code::BadLabelFilter),
    ];
    rows.into_iter().map(|(what, call, code)| Row { what: what.into(), call, code }).collect()
}
