//! Undoing a remove: the spec that re-creates the network, the reconnects that put its containers back,
//! and a check that this is still exactly possible.
//!
//! Pure. It must not pick substitute values: when the name has been taken or the subnet overlaps since, it
//! refuses and says why. The re-created network gets a new ID, which the reconnects are given only once it
//! exists.

use std::collections::BTreeMap;

use super::command::create_command;
use super::problem::SpecProblem;
use super::spec::{CreateContext, NetworkSpec, OPT_ENCRYPTED, OPT_ICC, OPT_MTU, OPT_PARENT};
use super::validate::engine_rules;
use crate::address::parse_net;
use crate::endpoints::{EndpointConfig, EndpointRef, Operation};
use crate::model::Network;
use crate::problem::{Code, Problem};
use crate::topology::Topology;

/// Options the engine writes itself; passing them back would pin what it should choose again.
const OPT_VXLAN_IDS: &str = "com.docker.network.driver.overlay.vxlanid_list";
/// Newer engines mirror the IPv4/IPv6 switches into these options; the flags already carry them.
const OPT_ENABLE_IPV4: &str = "com.docker.network.enable_ipv4";
const OPT_ENABLE_IPV6: &str = "com.docker.network.enable_ipv6";

/// One container to connect again, with the attachment captured before its disconnect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconnect {
    pub container_id: String,
    pub container_name: String,
    pub config: EndpointConfig,
}

/// How to put a removed network back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recreate {
    pub spec: NetworkSpec,
    pub old_id: String,
    pub reconnects: Vec<Reconnect>,
}

impl Recreate {
    /// The connects to run once the network exists again, under its new ID.
    pub fn reconnect_ops(&self, new_network_id: &str) -> Vec<Operation> {
        self.reconnects
            .iter()
            .map(|r| Operation::Connect {
                endpoint: EndpointRef {
                    network_id: new_network_id.into(),
                    network_name: self.spec.name.clone(),
                    container_id: r.container_id.clone(),
                    container_name: r.container_name.clone(),
                },
                config: r.config.clone(),
            })
            .collect()
    }

    /// The create line, then the connect lines (by name, so the new ID does not matter).
    pub fn commands(&self) -> Vec<String> {
        let connects = self.reconnect_ops(&self.old_id);
        [create_command(&self.spec)].into_iter().chain(connects.iter().map(Operation::command)).collect()
    }

    /// What the UI says after the undo: the network is back, but it is not the same object to the engine.
    pub fn note(&self) -> String {
        let old = self.old_id.get(..12).unwrap_or(&self.old_id);
        format!(
            "{} was re-created with the same settings but a new ID (it was {old}); anything that referred to it \
             by ID must use the new one",
            self.spec.name
        )
    }
}

/// Why a removed network cannot be described by a create spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecreateRefusal {
    /// Something the create dialog (and so this undo) cannot express, e.g. a second IPv4 subnet.
    NotRepresentable { network: String, what: String },
}

impl Problem for RecreateRefusal {
    fn code(&self) -> Code {
        crate::codes_by_name!(self; NotRepresentable)
    }
    fn fact(&self) -> String {
        match self {
            Self::NotRepresentable { network, what } => format!("{network} cannot be re-created exactly: {what}"),
        }
    }
    fn hint(&self) -> String {
        match self {
            Self::NotRepresentable { .. } => {
                "Re-create it by hand with docker network create, from the settings shown in its inspector.".into()
            }
        }
    }
}

crate::display_as_message!(RecreateRefusal);

/// The re-create plan for a network removed by the given disconnects and remove.
///
/// `disconnects` are the disconnect operations that ran, with the attachment the caller captured (from a
/// container inspect, via `Operation::with_restore`) before each; those of other networks are ignored.
pub fn recreate_plan(network: &Network, disconnects: &[Operation]) -> Result<Recreate, RecreateRefusal> {
    let spec = spec_of(network)?;
    let reconnects = disconnects
        .iter()
        .filter_map(|op| match op {
            Operation::Disconnect {
                endpoint: EndpointRef { network_id, container_id, container_name, .. },
                restore,
                ..
            } if *network_id == network.id => Some(Reconnect {
                container_id: container_id.clone(),
                container_name: container_name.clone(),
                config: restore.clone(),
            }),
            _ => None,
        })
        .collect();
    Ok(Recreate { spec, old_id: network.id.clone(), reconnects })
}

/// Whether the re-create can still run exactly as planned against the topology as it is now: the name is
/// free, the subnets overlap nothing, the driver is there, and every container to reconnect still exists.
pub fn check_recreate(topology: &Topology, plan: &Recreate, ctx: &CreateContext) -> Vec<SpecProblem> {
    let mut out = engine_rules(topology, &plan.spec, ctx);
    for r in &plan.reconnects {
        if topology.container(&r.container_id).is_none() {
            out.push(SpecProblem::ContainerGone { container: r.container_name.clone() });
        }
    }
    out
}

/// The create spec a network was (or could have been) made from.
pub fn spec_of(network: &Network) -> Result<NetworkSpec, RecreateRefusal> {
    let refuse = |what: String| RecreateRefusal::NotRepresentable { network: network.name.clone(), what };
    if network.ingress {
        return Err(refuse("it is the swarm's ingress network, made by swarm init".into()));
    }
    if network.config_only || network.config_from.is_some() {
        return Err(refuse("it is a config-only network or is built from one".into()));
    }
    if !matches!(network.ipam_driver.as_str(), "" | "default") {
        return Err(refuse(format!("it uses the IPAM driver `{}`", network.ipam_driver)));
    }
    let mut spec = NetworkSpec {
        name: network.name.clone(),
        driver: network.driver.clone(),
        ipv6: network.enable_ipv6,
        internal: network.internal,
        attachable: network.attachable,
        labels: network.labels.clone(),
        aux_addresses: network.aux_addresses.clone(),
        ipam_options: network.ipam_options.clone(),
        ..NetworkSpec::default()
    };
    let (mut v4, mut v6) = (0, 0);
    for c in &network.ipam {
        let is_v6 = c.subnet.as_deref().and_then(parse_net).is_some_and(|n| matches!(n, ipnet::IpNet::V6(_)));
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        if is_v6 {
            v6 += 1;
            if c.ip_range.as_deref().is_some_and(|r| !r.is_empty()) {
                return Err(refuse("it has an IPv6 IP range".into()));
            }
            spec.subnet_v6 = text(&c.subnet);
            spec.gateway_v6 = text(&c.gateway);
        } else {
            v4 += 1;
            spec.subnet = text(&c.subnet);
            spec.ip_range = text(&c.ip_range);
            spec.gateway = text(&c.gateway);
        }
    }
    if v4 > 1 || v6 > 1 {
        return Err(refuse(format!("it has {v4} IPv4 and {v6} IPv6 subnets, and the dialog holds one of each")));
    }
    spec.options = options_into(&mut spec, network);
    Ok(spec)
}

/// Moves the options that have a dialog field into it; returns the rest.
fn options_into(spec: &mut NetworkSpec, network: &Network) -> BTreeMap<String, String> {
    let driver = network.driver.as_str();
    let vlan = matches!(driver, "macvlan" | "ipvlan");
    let mut rest = BTreeMap::new();
    for (k, v) in &network.options {
        match k.as_str() {
            OPT_MTU => spec.mtu = v.clone(),
            OPT_ICC if driver == "bridge" && v == "false" => spec.icc = false,
            // "true" is the default: writing it back would only add noise to the command.
            OPT_ICC if driver == "bridge" && v == "true" => {}
            OPT_ENCRYPTED if driver == "overlay" => spec.encrypted = true,
            OPT_VXLAN_IDS if driver == "overlay" => {}
            OPT_ENABLE_IPV6 if v.parse::<bool>().ok() == Some(network.enable_ipv6) => {}
            // IPv4 is on unless turned off, and the dialog has no switch for turning it off: keep "false".
            OPT_ENABLE_IPV4 if v == "true" => {}
            OPT_PARENT if vlan && is_dummy_parent(network, v) => {}
            OPT_PARENT if vlan => spec.parent = v.clone(),
            k if Some(k) == spec.mode_key() => spec.mode = v.clone(),
            _ => {
                rest.insert(k.clone(), v.clone());
            }
        }
    }
    rest
}

/// The link the engine makes for a parentless macvlan (`dm-`) or ipvlan (`di-`) network, named after its
/// short ID: a re-create gets a new one by itself.
fn is_dummy_parent(network: &Network, parent: &str) -> bool {
    let short = network.id.get(..12).unwrap_or(&network.id);
    parent == format!("dm-{short}") || parent == format!("di-{short}")
}
