//! Whether a network may be created as specified: every problem at once, each next to its field.
//!
//! Pure: it reads the topology and the engine facts it is given and must not call the engine. Some rules
//! are the engine's own refusals predicted; others (a duplicate name, a parentless macvlan) are ours,
//! because what the engine would accept there only confuses later. `engine_rules` keeps the first kind
//! apart, for re-creating a removed network exactly as it was.

use ipnet::IpNet;

use super::problem::{Field, KeyProblem, SpecProblem, ValueProblem, MAX_KEY_BYTES, MAX_VALUE_BYTES, MTU_MAX, MTU_MIN};
use super::spec::{mode_key, CreateContext, NetworkSpec, OPT_ENCRYPTED, OPT_ICC, OPT_MTU, OPT_PARENT};
use crate::address::{overlaps, parse_ip, parse_net, subnets_of, truncated, Reserved as ReservedAddress};
use crate::model::Network;
use crate::topology::Topology;

pub const MACVLAN_MODES: &[&str] = &["bridge", "vepa", "private", "passthru"];
pub const IPVLAN_MODES: &[&str] = &["l2", "l3", "l3s"];

/// Linux keeps interface names below IFNAMSIZ (16 bytes, the terminating NUL included).
const MAX_IFNAME_LEN: usize = 15;

/// Every problem with the spec, in form order; empty when the network can be created.
pub fn validate_create(topology: &Topology, spec: &NetworkSpec, ctx: &CreateContext) -> Vec<SpecProblem> {
    let s = spec.normalized();
    let mut out = Vec::new();
    check_name_syntax(&s, &mut out);
    check_name_free(topology, &s, &mut out);
    check_driver(&s, ctx, &mut out);
    let v4 = check_ipv4(&s, &mut out);
    let v6 = check_ipv6(&s, &mut out);
    check_overlaps(topology, [(Field::Subnet, v4), (Field::SubnetV6, v6)], &mut out);
    check_driver_settings(topology, &s, &mut out);
    check_keys(&s, &mut out);
    out
}

/// The rules for putting a removed network back: the name is free, the driver exists, the subnets are free.
/// The network once passed the engine's checks, so the dialog's own opinions (a parent for macvlan,
/// attachable only on overlay) must not stop its return; a taken name or an overlap would, though, make the
/// result something other than the network that was removed.
pub(crate) fn engine_rules(topology: &Topology, spec: &NetworkSpec, ctx: &CreateContext) -> Vec<SpecProblem> {
    let s = spec.normalized();
    let mut out = Vec::new();
    check_name_free(topology, &s, &mut out);
    check_driver(&s, ctx, &mut out);
    let v4 = parse_net(&s.subnet).map(|n| n.trunc());
    let v6 = if s.ipv6 { parse_net(&s.subnet_v6).map(|n| n.trunc()) } else { None };
    check_overlaps(topology, [(Field::Subnet, v4), (Field::SubnetV6, v6)], &mut out);
    out
}

/// Docker's rule: `^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`.
pub fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

fn check_name_syntax(s: &NetworkSpec, out: &mut Vec<SpecProblem>) {
    if s.name.is_empty() {
        out.push(SpecProblem::NameEmpty);
    } else if !is_valid_name(&s.name) {
        out.push(SpecProblem::NameInvalid { name: s.name.clone() });
    }
}

fn check_name_free(topology: &Topology, s: &NetworkSpec, out: &mut Vec<SpecProblem>) {
    if let Some(existing) = topology.network_by_name(&s.name).filter(|_| !s.name.is_empty()) {
        out.push(SpecProblem::NameTaken { name: s.name.clone(), driver: existing.driver.clone() });
    }
}

fn check_driver(s: &NetworkSpec, ctx: &CreateContext, out: &mut Vec<SpecProblem>) {
    let driver = s.driver();
    match driver {
        "host" | "null" | "none" => out.push(SpecProblem::DriverNotCreatable { driver: driver.into() }),
        "overlay" if !ctx.swarm_manager => out.push(SpecProblem::OverlayNeedsSwarm),
        _ if !ctx.drivers.is_empty() && !ctx.drivers.iter().any(|d| d == driver) => {
            let mut available: Vec<String> =
                ctx.drivers.iter().filter(|d| !matches!(d.as_str(), "host" | "null")).cloned().collect();
            available.sort();
            available.dedup();
            out.push(SpecProblem::DriverUnavailable { driver: driver.into(), available });
        }
        _ => {}
    }
}

/// A subnet field: the network it names (truncated, so later checks do not repeat a host-bits problem).
fn check_subnet(field: Field, value: &str, want_v6: bool, out: &mut Vec<SpecProblem>) -> Option<IpNet> {
    if value.is_empty() {
        return None;
    }
    let Some(net) = parse_net(value) else {
        out.push(SpecProblem::BadCidr { field, value: value.into() });
        return None;
    };
    if matches!(net, IpNet::V6(_)) != want_v6 {
        out.push(SpecProblem::WrongFamily { field, value: value.into(), want_v6 });
        return None;
    }
    if let Some(t) = truncated(net) {
        out.push(SpecProblem::HostBits { field, value: value.into(), suggested: t.to_string() });
    }
    Some(net.trunc())
}

/// A gateway field, against the subnet it belongs to.
fn check_gateway(
    field: Field,
    subnet_field: Field,
    value: &str,
    subnet: Option<IpNet>,
    subnet_given: bool,
    want_v6: bool,
    out: &mut Vec<SpecProblem>,
) {
    if value.is_empty() {
        return;
    }
    let Some(addr) = parse_ip(value) else {
        out.push(SpecProblem::BadAddress { field, value: value.into() });
        return;
    };
    if addr.is_ipv6() != want_v6 {
        out.push(SpecProblem::WrongFamily { field, value: value.into(), want_v6 });
        return;
    }
    let Some(subnet) = subnet else {
        // A subnet that was given but is broken has its own problem already.
        if !subnet_given {
            out.push(SpecProblem::NeedsSubnet { field, subnet_field });
        }
        return;
    };
    if !subnet.contains(&addr) {
        out.push(SpecProblem::OutsideSubnet { field, value: value.into(), subnet: subnet.to_string() });
    } else if addr == subnet.network() {
        // The engine's IPAM keeps the first address (and an IPv4 subnet's last) out of every allocation.
        let reserved = ReservedAddress::NetworkAddress;
        out.push(SpecProblem::ReservedGateway { field, value: value.into(), subnet: subnet.to_string(), reserved });
    } else if !want_v6 && addr == subnet.broadcast() {
        let reserved = ReservedAddress::Broadcast;
        out.push(SpecProblem::ReservedGateway { field, value: value.into(), subnet: subnet.to_string(), reserved });
    }
}

fn check_ipv4(s: &NetworkSpec, out: &mut Vec<SpecProblem>) -> Option<IpNet> {
    let subnet = check_subnet(Field::Subnet, &s.subnet, false, out);
    let given = !s.subnet.is_empty();
    if !s.ip_range.is_empty() {
        match check_subnet(Field::IpRange, &s.ip_range, false, out) {
            Some(_) if !given => {
                out.push(SpecProblem::NeedsSubnet { field: Field::IpRange, subnet_field: Field::Subnet })
            }
            Some(range) => {
                if let Some(subnet) = subnet.filter(|sub| !sub.contains(&range)) {
                    let (field, value, subnet) = (Field::IpRange, s.ip_range.clone(), subnet.to_string());
                    out.push(SpecProblem::OutsideSubnet { field, value, subnet });
                }
            }
            None => {}
        }
    }
    check_gateway(Field::Gateway, Field::Subnet, &s.gateway, subnet, given, false, out);
    subnet
}

fn check_ipv6(s: &NetworkSpec, out: &mut Vec<SpecProblem>) -> Option<IpNet> {
    if !s.ipv6 {
        for (field, value) in [(Field::SubnetV6, &s.subnet_v6), (Field::GatewayV6, &s.gateway_v6)] {
            if !value.is_empty() {
                out.push(SpecProblem::Ipv6Off { field });
            }
        }
        return None;
    }
    if s.subnet_v6.is_empty() {
        out.push(SpecProblem::Ipv6SubnetRequired);
    }
    let subnet = check_subnet(Field::SubnetV6, &s.subnet_v6, true, out);
    // Without a subnet the gateway has nowhere to go, but `Ipv6SubnetRequired` already says so.
    let given = true;
    check_gateway(Field::GatewayV6, Field::SubnetV6, &s.gateway_v6, subnet, given, true, out);
    subnet
}

fn check_overlaps(topology: &Topology, ours: [(Field, Option<IpNet>); 2], out: &mut Vec<SpecProblem>) {
    let mut networks: Vec<&Network> = topology.networks().collect();
    networks.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    for (field, subnet) in ours {
        let Some(subnet) = subnet else { continue };
        for n in &networks {
            if let Some(existing) = subnets_of(n).into_iter().find(|e| overlaps(e, &subnet)) {
                out.push(SpecProblem::SubnetOverlap {
                    field,
                    subnet: subnet.to_string(),
                    network: n.name.clone(),
                    existing: existing.to_string(),
                });
            }
        }
    }
}

fn check_driver_settings(topology: &Topology, s: &NetworkSpec, out: &mut Vec<SpecProblem>) {
    let driver = s.driver();
    let vlan = matches!(driver, "macvlan" | "ipvlan");
    let not_for = |field| SpecProblem::NotForDriver { field, driver: driver.into() };
    if vlan {
        check_parent(topology, s, out);
    } else if !s.parent.is_empty() {
        out.push(not_for(Field::Parent));
    }
    if !s.mode.is_empty() {
        match driver {
            "macvlan" | "ipvlan" => {
                let allowed = if driver == "macvlan" { MACVLAN_MODES } else { IPVLAN_MODES };
                if !allowed.contains(&s.mode.as_str()) {
                    out.push(SpecProblem::BadMode { driver: driver.into(), value: s.mode.clone(), allowed });
                }
            }
            _ => out.push(not_for(Field::Mode)),
        }
    }
    if !s.mtu.is_empty() {
        // macvlan and ipvlan links inherit the parent's MTU; the bridge and overlay drivers read the option,
        // and a plugin gets it passed on.
        if vlan {
            out.push(not_for(Field::Mtu));
        } else {
            check_mtu(&s.mtu, out);
        }
    }
    if !s.icc && driver != "bridge" {
        out.push(not_for(Field::Icc));
    }
    if s.encrypted && driver != "overlay" {
        out.push(not_for(Field::Encrypted));
    }
    // The engine stores `Attachable` on any network, but only swarm-scoped ones consult it; offering it
    // elsewhere would suggest a local network is closed without it.
    if s.attachable && driver != "overlay" {
        out.push(not_for(Field::Attachable));
    }
}

fn check_parent(topology: &Topology, s: &NetworkSpec, out: &mut Vec<SpecProblem>) {
    let driver = s.driver();
    if s.parent.is_empty() {
        // Without a parent the engine makes a dummy link: fine for a host-only network, a trap otherwise.
        if !s.internal {
            out.push(SpecProblem::ParentRequired { driver: driver.into() });
        }
        return;
    }
    let bad_char = |c: char| c.is_whitespace() || c.is_control() || c == '/' || c == ':';
    if s.parent.len() > MAX_IFNAME_LEN || s.parent.chars().any(bad_char) || matches!(s.parent.as_str(), "." | "..") {
        out.push(SpecProblem::ParentInvalid { value: s.parent.clone() });
        return;
    }
    if s.parent == "lo" {
        out.push(SpecProblem::ParentLoopback { driver: driver.into() });
        return;
    }
    if driver == "macvlan" {
        let passthru = |mode: Option<&String>| mode.is_some_and(|m| m == "passthru");
        let mine = passthru(Some(&s.mode));
        let mut sharing: Vec<&Network> = topology
            .networks()
            .filter(|n| n.driver == "macvlan" && n.options.get(OPT_PARENT) == Some(&s.parent))
            .filter(|n| mine || passthru(n.options.get("macvlan_mode")))
            .collect();
        sharing.sort_by(|a, b| a.name.cmp(&b.name));
        if let Some(n) = sharing.first() {
            out.push(SpecProblem::ParentPassthru { parent: s.parent.clone(), network: n.name.clone() });
        }
    }
}

fn check_mtu(value: &str, out: &mut Vec<SpecProblem>) {
    // Digits only: the engine's Atoi would take "+1500", but a form should not.
    if value.is_empty() || !value.chars().all(|c| c.is_ascii_digit()) {
        out.push(SpecProblem::MtuNotNumber { value: value.into() });
        return;
    }
    // Longer than any u64: certainly out of range, so report the largest value instead of failing to parse.
    let n = value.parse::<u64>().unwrap_or(u64::MAX);
    if !(MTU_MIN..=MTU_MAX).contains(&n) {
        out.push(SpecProblem::MtuOutOfRange { value: n });
    }
}

fn check_keys(s: &NetworkSpec, out: &mut Vec<SpecProblem>) {
    for (field, map) in [(Field::Labels, &s.labels), (Field::Options, &s.options)] {
        for (key, value) in map {
            if let Some(problem) = key_problem(key) {
                out.push(SpecProblem::BadKey { field, key: key.clone(), problem });
            }
            if let Some(problem) = value_problem(value) {
                out.push(SpecProblem::BadValue { field, key: key.clone(), problem });
            }
        }
    }
    for key in s.options.keys() {
        if let Some(dedicated) = dedicated_field(s.driver(), key) {
            out.push(SpecProblem::OptionHasField { key: key.clone(), dedicated });
        }
    }
}

fn key_problem(key: &str) -> Option<KeyProblem> {
    if key.is_empty() {
        Some(KeyProblem::Empty)
    } else if key.len() > MAX_KEY_BYTES {
        Some(KeyProblem::TooLong { bytes: key.len() })
    } else if key.chars().any(char::is_control) {
        Some(KeyProblem::ControlCharacter)
    } else if key.chars().any(char::is_whitespace) {
        Some(KeyProblem::Whitespace)
    } else if key.contains('=') {
        Some(KeyProblem::HasEquals)
    } else {
        None
    }
}

/// Values are kept as typed (spaces may mean something), but not past the size limit nor with characters
/// the form cannot show.
fn value_problem(value: &str) -> Option<ValueProblem> {
    if value.len() > MAX_VALUE_BYTES {
        Some(ValueProblem::TooLong { bytes: value.len() })
    } else if value.chars().any(char::is_control) {
        Some(ValueProblem::ControlCharacter)
    } else {
        None
    }
}

/// The dialog field that sets this driver option, for the drivers that read it.
pub(crate) fn dedicated_field(driver: &str, key: &str) -> Option<Field> {
    match key {
        OPT_MTU => Some(Field::Mtu),
        OPT_ICC if driver == "bridge" => Some(Field::Icc),
        OPT_PARENT if matches!(driver, "macvlan" | "ipvlan") => Some(Field::Parent),
        OPT_ENCRYPTED if driver == "overlay" => Some(Field::Encrypted),
        k if Some(k) == mode_key(driver) => Some(Field::Mode),
        _ => None,
    }
}
