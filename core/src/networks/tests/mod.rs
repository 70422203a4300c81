//! Behaviour of the lifecycle planners over the demo snapshot and small hand-built ones.

mod command;
mod drivers;
mod prune;
mod recreate;
mod remove;
mod validate;
mod validate_settings;

use super::*;
use crate::fixtures::{demo_topology as demo, demo_topology_with as demo_with};
use crate::model::Network;
use crate::problem::{Field, Problem};
use crate::topology::Topology;

/// What a 20.10 engine outside swarm mode reports.
fn ctx() -> CreateContext {
    let drivers = ["bridge", "host", "ipvlan", "macvlan", "null", "overlay"];
    CreateContext { drivers: drivers.iter().map(|d| d.to_string()).collect(), swarm_manager: false }
}

fn swarm() -> CreateContext {
    CreateContext { swarm_manager: true, ..ctx() }
}

fn spec(name: &str) -> NetworkSpec {
    NetworkSpec { name: name.into(), ..NetworkSpec::default() }
}

fn codes(problems: &[SpecProblem]) -> Vec<String> {
    problems.iter().map(|p| p.code().name()).collect()
}

/// What `validate_create` finds in `spec` against the demo, on an engine outside swarm mode.
fn problems(spec: &NetworkSpec) -> Vec<SpecProblem> {
    validate_create(&demo(), spec, &ctx())
}

/// The problems of an IPv6 network on fd00:1::/64 with this IPv6 gateway.
fn with_v6_gateway(gateway: &str) -> Vec<SpecProblem> {
    problems(&NetworkSpec { ipv6: true, subnet_v6: "fd00:1::/64".into(), gateway_v6: gateway.into(), ..spec("x") })
}

fn fields(problems: &[SpecProblem]) -> Vec<Option<Field>> {
    problems.iter().map(|p| p.field()).collect()
}

/// Labels or driver options as the form holds them.
fn pairs(list: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// A bridge spec that uses every bridge field, valid against the demo.
fn full_bridge() -> NetworkSpec {
    NetworkSpec {
        name: "shop-net".into(),
        driver: "bridge".into(),
        subnet: "10.99.0.0/24".into(),
        ip_range: "10.99.0.128/25".into(),
        gateway: "10.99.0.1".into(),
        ipv6: true,
        subnet_v6: "fd00:99::/64".into(),
        gateway_v6: "fd00:99::1".into(),
        internal: true,
        mtu: "1400".into(),
        icc: false,
        labels: pairs(&[("owner", "shop"), ("env", "dev")]),
        options: pairs(&[("com.docker.network.bridge.name", "br-shop")]),
        ..NetworkSpec::default()
    }
}

/// The network an engine would report after creating `spec` (what `docker network inspect` shows).
fn created_from(spec: &NetworkSpec, id: &str) -> Network {
    let s = spec.normalized();
    Network {
        id: id.into(),
        name: s.name.clone(),
        driver: s.driver().into(),
        scope: if s.driver() == "overlay" { "swarm".into() } else { "local".into() },
        created: Some("2026-11-20T10:00:00Z".into()),
        internal: s.internal,
        attachable: s.attachable,
        enable_ipv6: s.ipv6,
        ipam_driver: "default".into(),
        ipam: s.ipam(),
        options: s.driver_options(),
        labels: s.labels.clone(),
        ..Network::default()
    }
}
