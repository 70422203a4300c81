//! Contract types for reachability: what a container reaches and how, what it cannot and why, and "can A
//! reach B?" with the `docker network connect` that would make a no a yes, converted from
//! `netlens_core::reachability`.
//!
//! Owns only shapes and their conversion. Every rule, code and sentence is the core's (`code()`,
//! `describe()`; the codes travel as they are, as literal unions). It must not decide anything itself.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::dto::ops::ProblemDto;
use netlens_core::endpoints::{EndpointRef, Operation};
use netlens_core::reachability::{
    Answer, Fix, FixCode, Net, NoFix, Reach, Reason, Target, TargetKind, Verdict, Way, WayCode, WhyNotCode,
};
use netlens_core::topology::{container_node_id, network_node_id, EXTERNAL_ID, HOST_ID};

/// A network an answer goes through or names.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct NetRefDto {
    pub id: String,
    pub name: String,
    /// The network's graph node id (`network:<id>`).
    pub node_id: String,
}

/// One way a container reaches a target.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WayDto {
    pub code: WayCode,
    /// The network it goes through; `null` for loopback, a shared stack and the host's own stack.
    pub network: Option<NetRefDto>,
    /// The target's names that resolve this way (container name, aliases, short ID); empty where the
    /// engine's DNS does not serve (the default bridge, the host's stack).
    pub names: Vec<String>,
    /// The address to use this way (the target's, or the gateway's), when known.
    pub address: Option<String>,
    /// The published ports, for `publishedPorts`.
    pub ports: Vec<String>,
    /// The way in the core's words.
    pub text: String,
}

/// Why a target is not reached.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WhyNotDto {
    pub code: WhyNotCode,
    pub text: String,
}

/// One target and whether the container reaches it: how (every way, the most direct first) or why not.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReachItemDto {
    pub kind: TargetKind,
    /// The target's graph node id: `host`, `external` or `container:<id>`.
    pub node_id: String,
    /// The container's ID; `null` for the host and the outside world.
    pub container_id: Option<String>,
    /// The container's name, `the host` or `the outside world`.
    pub label: String,
    /// When the target runs in another container's network stack (`container:` mode): that container's name.
    pub in_stack_of: Option<String>,
    pub reachable: bool,
    /// Empty when not reachable.
    pub ways: Vec<WayDto>,
    /// `null` when reachable.
    pub why_not: Option<WhyNotDto>,
}

/// What would make a no a yes.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct FixDto {
    pub code: FixCode,
    /// "Connect legacy-web to backend", or why no connect helps.
    pub text: String,
    /// The docker CLI line, e.g. `docker network connect backend legacy-web`; `null` when no connect helps.
    pub command: Option<String>,
    /// The one connect to run, through the `connect` command with an empty config so it is recorded and undone
    /// like any other connect; `null` when no connect helps.
    pub connect: Option<EndpointRef>,
    /// For `nothingJoinable`: the planner's first refusal, when one explains it.
    pub refusal: Option<ProblemDto>,
}

/// The answer to "can A reach B?".
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct VerdictDto {
    pub from_id: String,
    pub from_name: String,
    /// B, and whether A reaches it: the ways or the reason.
    pub to: ReachItemDto,
    /// The networks the answer goes through, in the order of the ways, without repeats.
    pub networks: Vec<NetRefDto>,
    /// B's names that resolve from A, in the order of the ways, without repeats.
    pub names: Vec<String>,
    /// Only when the answer is no.
    pub fix: Option<FixDto>,
}

impl From<&Net> for NetRefDto {
    fn from(n: &Net) -> Self {
        Self { id: n.id.clone(), name: n.name.clone(), node_id: network_node_id(&n.id) }
    }
}

impl From<&Way> for WayDto {
    fn from(w: &Way) -> Self {
        let (address, ports) = match w {
            Way::ByName { address, .. }
            | Way::OnLan { address, .. }
            | Way::IpOnly { address, .. }
            | Way::Gateway { address, .. }
            | Way::ViaHost { address, .. }
            | Way::FromHost { address, .. } => (address.clone(), Vec::new()),
            Way::PublishedPorts { gateway, ports, .. } => (gateway.clone(), ports.clone()),
            Way::Itself | Way::SharedStack { .. } | Way::HostStack | Way::Nat { .. } | Way::Direct { .. } => {
                (None, Vec::new())
            }
        };
        Self {
            code: w.code(),
            network: w.network().map(NetRefDto::from),
            names: w.names().to_vec(),
            address,
            ports,
            text: w.describe(),
        }
    }
}

impl From<&Reason> for WhyNotDto {
    fn from(r: &Reason) -> Self {
        Self { code: r.code(), text: r.describe() }
    }
}

impl From<&Reach> for ReachItemDto {
    fn from(r: &Reach) -> Self {
        let (node_id, container_id) = match &r.target {
            Target::Host => (HOST_ID.to_string(), None),
            Target::Outside => (EXTERNAL_ID.to_string(), None),
            Target::Container { id, .. } => (container_node_id(id), Some(id.clone())),
        };
        let (ways, why_not) = match &r.answer {
            Answer::Yes(ways) => (ways.iter().map(WayDto::from).collect(), None),
            Answer::No(reason) => (Vec::new(), Some(reason.into())),
        };
        Self {
            kind: r.target.code(),
            node_id,
            container_id,
            label: r.target.label().to_string(),
            in_stack_of: r.in_stack_of.clone(),
            reachable: r.reachable(),
            ways,
            why_not,
        }
    }
}

impl From<&Fix> for FixDto {
    fn from(f: &Fix) -> Self {
        let connect = match f {
            Fix::Connect(op @ Operation::Connect { .. }) => Some(op.endpoint().clone()),
            _ => None,
        };
        let refusal = match f {
            Fix::Impossible(NoFix::NothingJoinable { refused: Some(r), .. }) => Some(ProblemDto::of(r)),
            _ => None,
        };
        Self { code: f.code(), text: f.describe(), command: f.command(), connect, refusal }
    }
}

impl VerdictDto {
    /// `from_id`: A's ID as asked (the core names A only by name).
    pub fn of(from_id: &str, v: &Verdict) -> Self {
        Self {
            from_id: from_id.into(),
            from_name: v.from.clone(),
            to: (&v.reach).into(),
            networks: v.networks().into_iter().map(NetRefDto::from).collect(),
            names: v.names().into_iter().map(String::from).collect(),
            fix: v.fix.as_ref().map(FixDto::from),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlens_core::fixtures::demo;
    use netlens_core::reachability::{can_reach, reach_from};
    use netlens_core::topology::Topology;

    #[test]
    fn a_verdict_carries_the_path_the_names_and_a_connect_to_run() {
        let t = Topology::from_snapshot(&demo());
        let yes = VerdictDto::of("c-api", &can_reach(&t, "c-api", "c-db").unwrap());
        assert!(yes.to.reachable);
        assert_eq!(yes.to.node_id, "container:c-db");
        assert_eq!(yes.networks.iter().map(|n| n.node_id.as_str()).collect::<Vec<_>>(), ["network:n-backend"]);
        assert_eq!(yes.names, ["db", "c-db"]);
        assert_eq!(yes.to.ways[0].code, WayCode::ByName);
        assert_eq!(yes.to.ways[0].address.as_deref(), Some("10.214.10.3"));
        assert_eq!(yes.fix, None);

        let no = VerdictDto::of("c-api", &can_reach(&t, "c-api", "c-legacy").unwrap());
        assert!(!no.to.reachable);
        assert!(no.to.ways.is_empty() && no.networks.is_empty() && no.names.is_empty());
        assert_eq!(no.to.why_not.as_ref().unwrap().code, WhyNotCode::NoSharedNetwork);
        let fix = no.fix.unwrap();
        assert_eq!(fix.code, FixCode::Connect);
        assert_eq!(fix.command.as_deref(), Some("docker network connect backend legacy-web"));
        let connect = fix.connect.unwrap();
        assert_eq!((connect.container_id.as_str(), connect.network_id.as_str()), ("c-legacy", "n-backend"));
        assert_eq!(fix.refusal, None);

        let stopped = VerdictDto::of("c-api", &can_reach(&t, "c-api", "c-nightly").unwrap());
        let fix = stopped.fix.unwrap();
        assert_eq!((fix.code, fix.command, fix.connect), (FixCode::NotRunning, None, None));
        assert!(fix.text.contains("docker start nightly-job"), "{}", fix.text);
    }

    #[test]
    fn the_host_and_the_outside_world_are_named_by_their_graph_nodes() {
        let t = Topology::from_snapshot(&demo());
        let list: Vec<ReachItemDto> = reach_from(&t, "c-api").unwrap().iter().map(ReachItemDto::from).collect();
        assert_eq!(
            (list[0].kind, list[0].node_id.as_str(), list[0].container_id.as_deref()),
            (TargetKind::Host, "host", None)
        );
        assert_eq!((list[1].kind, list[1].node_id.as_str()), (TargetKind::Outside, "external"));
        let gateway = &list[0].ways[0];
        assert_eq!((gateway.code, gateway.address.as_deref()), (WayCode::Gateway, Some("10.214.10.1")));
        let sealed = list.iter().find(|r| r.label == "sealed").unwrap();
        assert_eq!(sealed.why_not.as_ref().unwrap().code, WhyNotCode::NetworkingDisabled);
    }
}
