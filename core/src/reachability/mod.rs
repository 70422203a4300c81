//! Who a container can reach and how (by name, by IP only, through the host, in a shared stack), what it
//! cannot reach and why, and the one `docker network connect` that would turn a "no" into a "yes".
//!
//! Owns the rules Docker applies by default between containers (embedded DNS on user-defined networks only,
//! no routing between networks, `--internal`, `host` / `none` / `container:` modes, macvlan and ipvlan kept
//! apart from the host), their wording (`wording`) and the choice of a fix, planned with
//! `endpoints::plan_connect` so it is one the planner accepts. Pure over a `Topology`: it must not do IO, read
//! the engine's firewall (it states what Docker sets up by default) nor change the topology or the planners.

mod codes;
mod fix;
mod graph;
mod render;
mod rules;
#[cfg(test)]
mod tests;
mod wording;

use crate::endpoints::{Operation, Refusal};
use crate::model::ContainerState;
use crate::topology::Topology;

pub use codes::{wire_name, FixCode, TargetKind, WayCode, WhyNotCode};
use graph::World;

/// A network as the answers name it: its ID for the UI to light up, its name for people.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Net {
    pub id: String,
    pub name: String,
}

/// What a container may try to reach.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// The machine the engine runs on.
    Host,
    /// Anything beyond the host: the LAN, the internet.
    Outside,
    Container {
        id: String,
        name: String,
    },
}

/// One target and whether the container reaches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    pub target: Target,
    /// When the target runs in another container's network stack (`container:` mode): that container's
    /// name. The target is reached wherever that stack is, by that container's names.
    pub in_stack_of: Option<String>,
    pub answer: Answer,
}

impl Reach {
    pub fn reachable(&self) -> bool {
        matches!(self.answer, Answer::Yes(_))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Every way there, the most direct first.
    Yes(Vec<Way>),
    No(Reason),
}

/// How a container reaches a target. Worded in `wording`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Way {
    /// A container asked about itself: its own loopback.
    Itself,
    /// Both run in one network stack (`--network container:<id>`): localhost and every port.
    SharedStack { owner: String },
    /// Both use the host's own stack (`host` mode), or a `host`-mode container reaching the host or beyond.
    HostStack,
    /// A shared user-defined network: by name through the engine's DNS.
    ByName { network: Net, names: Vec<String>, address: Option<String> },
    /// A shared macvlan or ipvlan network: directly on the parent interface's LAN, by name too.
    OnLan { network: Net, driver: String, names: Vec<String>, address: Option<String> },
    /// The default `bridge`: by IP address only, it has no DNS.
    IpOnly { network: Net, address: Option<String> },
    /// Through a bridge's gateway, which is the host (`host.docker.internal`).
    Gateway { network: Net, address: Option<String> },
    /// To a container in `host` mode: it listens on the host's stack, reached through a bridge's gateway.
    ViaHost { network: Net, address: Option<String> },
    /// Out through the host's default route with source NAT.
    Nat { network: Net },
    /// Out directly on the parent interface's LAN (macvlan, ipvlan).
    Direct { network: Net, driver: String },
    /// From the host's stack (`host` mode) to a container on a bridge: by its IP, Docker's DNS is not there.
    FromHost { network: Net, address: Option<String> },
    /// The target's published ports, on the host, through a gateway.
    PublishedPorts { network: Net, gateway: Option<String>, ports: Vec<String> },
}

/// Why a container does not reach a target. Worded in `wording`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Not running: it has no live endpoints (the engine keeps its entries, without addresses).
    NotRunning { container: String, state: ContainerState },
    /// Runs in the stack of a container that is not running.
    StackOwnerNotRunning { container: String, owner: String, state: ContainerState },
    /// Runs in the stack of a container that no longer exists (`reference` as its network mode names it).
    StackOwnerGone { container: String, reference: String },
    /// `none` mode: only a loopback interface.
    NetworkingDisabled { container: String },
    /// Attached to no network at all.
    NoNetworks { container: String },
    /// The two have no network in common, and no chain of containers links them either.
    NoSharedNetwork { from: String, from_networks: Vec<Net>, to: String, to_networks: Vec<Net> },
    /// They meet only through containers on several networks; Docker does not route between networks.
    /// `through[i]` sits on `networks[i]` and `networks[i + 1]`.
    NotRouted { from: String, to: String, networks: Vec<Net>, through: Vec<String> },
    /// Every network they share is a bridge with inter-container communication turned off.
    IccDisabled { networks: Vec<Net> },
    /// None of the container's networks leads to the host. `listener`: a `host`-mode container that was
    /// the real target, listening on the host's stack.
    NoWayToHost { container: String, networks: Vec<(Net, Blocked)>, listener: Option<String> },
    /// None of the container's networks leads outside.
    NoWayOut { container: String, networks: Vec<(Net, Blocked)> },
    /// The asking container is in `host` mode, and the host reaches none of the target's networks.
    NotFromHost { container: String, networks: Vec<(Net, Blocked)> },
}

/// Why one network leads neither to the host nor outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    /// Created with `--internal`.
    Internal,
    /// macvlan / ipvlan: the host and its containers do not talk over the parent interface by default.
    Lan { driver: String },
    /// A driver that gives no path there that Netlens can vouch for (overlay to the host, plugins).
    Driver { driver: String },
}

/// The answer to "can A reach B?", with the fix when it is no.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// A's name.
    pub from: String,
    pub reach: Reach,
    /// Only when the answer is no.
    pub fix: Option<Fix>,
}

impl Verdict {
    pub fn reachable(&self) -> bool {
        self.reach.reachable()
    }

    /// The networks the answer goes through, in the order of the ways, without repeats.
    pub fn networks(&self) -> Vec<&Net> {
        let mut out: Vec<&Net> = Vec::new();
        if let Answer::Yes(ways) = &self.reach.answer {
            for n in ways.iter().filter_map(Way::network) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        out
    }

    /// The names of B that resolve from A, in the order of the ways, without repeats.
    pub fn names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        if let Answer::Yes(ways) = &self.reach.answer {
            for name in ways.iter().flat_map(Way::names) {
                if !out.contains(&name.as_str()) {
                    out.push(name);
                }
            }
        }
        out
    }
}

impl Way {
    /// The network this way goes through, if any.
    pub fn network(&self) -> Option<&Net> {
        match self {
            Self::ByName { network, .. }
            | Self::OnLan { network, .. }
            | Self::IpOnly { network, .. }
            | Self::Gateway { network, .. }
            | Self::ViaHost { network, .. }
            | Self::Nat { network }
            | Self::Direct { network, .. }
            | Self::FromHost { network, .. }
            | Self::PublishedPorts { network, .. } => Some(network),
            Self::Itself | Self::SharedStack { .. } | Self::HostStack => None,
        }
    }

    /// The names that resolve to the target this way (through the engine's DNS).
    pub fn names(&self) -> &[String] {
        match self {
            Self::ByName { names, .. } | Self::OnLan { names, .. } => names,
            _ => &[],
        }
    }
}

/// What would make a "no" a "yes".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// This one connect, planned and valid against the topology asked about.
    Connect(Operation),
    /// No single connect can; why.
    Impossible(NoFix),
}

impl Fix {
    /// The docker CLI line of the connect, when there is one.
    pub fn command(&self) -> Option<String> {
        match self {
            Self::Connect(op) => Some(op.command()),
            Self::Impossible(_) => None,
        }
    }
}

/// Why no single `docker network connect` turns the answer into a yes. Worded in `wording`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoFix {
    /// It must be started first.
    NotRunning { container: String, state: ContainerState },
    /// `none` mode takes no network; the container must be recreated.
    NetworkingDisabled { container: String },
    /// The stack it would share no longer exists.
    StackOwnerGone { container: String, reference: String },
    /// Every connect that could help was refused by the planner (`refused`: the first refusal).
    NothingJoinable { from: String, to: String, refused: Option<Refusal> },
}

/// Everything a container can and cannot reach: the host, the outside world, then every other container by
/// name. A container that is not running reaches nothing, each with that reason.
pub fn reach_from(topology: &Topology, container_id: &str) -> Result<Vec<Reach>, Refusal> {
    let world = World::new(topology);
    let from = world.container(container_id)?;
    let ready = rules::ready(&world, from).map(|r| {
        let links = world.links(r.owner);
        (r, links)
    });
    let answer = |decide: &dyn Fn(&rules::Ready, &graph::Links) -> Answer| match &ready {
        Ok((r, links)) => decide(r, links),
        Err(reason) => Answer::No(reason.clone()),
    };
    let mut out = vec![
        Reach { target: Target::Host, in_stack_of: None, answer: answer(&|r, _| rules::host(&world, r)) },
        Reach { target: Target::Outside, in_stack_of: None, answer: answer(&|r, _| rules::outside(&world, r)) },
    ];
    for to in world.containers().filter(|c| c.id != from.id) {
        out.push(Reach {
            target: Target::Container { id: to.id.clone(), name: to.name.clone() },
            in_stack_of: world.stack_of(to).map(|o| o.name.clone()),
            answer: answer(&|r, links| rules::container(&world, r, to, links)),
        });
    }
    Ok(out)
}

/// Can container `a` reach container `b`: the ways (networks, names that resolve) or the reason, and when
/// the answer is no, the one connect that would make it yes, or why none would.
pub fn can_reach(topology: &Topology, a: &str, b: &str) -> Result<Verdict, Refusal> {
    let world = World::new(topology);
    let from = world.container(a)?;
    let to = world.container(b)?;
    let answer = if from.id == to.id {
        Answer::Yes(vec![Way::Itself])
    } else {
        match rules::ready(&world, from) {
            Ok(r) => rules::container(&world, &r, to, &world.links(r.owner)),
            Err(reason) => Answer::No(reason),
        }
    };
    let fix = match &answer {
        Answer::Yes(_) => None,
        Answer::No(reason) => Some(fix::suggest(&world, from, to, reason)),
    };
    let reach = Reach {
        target: Target::Container { id: to.id.clone(), name: to.name.clone() },
        in_stack_of: world.stack_of(to).map(|o| o.name.clone()),
        answer,
    };
    Ok(Verdict { from: from.name.clone(), reach, fix })
}

/// One `container:`-mode container and the container whose stack it shares, as IDs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StackTie {
    pub sharer: String,
    pub owner: String,
}

/// Every container that runs in another's network stack, tied to that container (the end of the chain when
/// it shares a sharer's), sorted by sharer ID; for drawing the tie. Dangling references are left out.
pub fn shared_stacks(topology: &Topology) -> Vec<StackTie> {
    let mut out: Vec<StackTie> = topology
        .containers()
        .filter_map(|c| topology.stack_owner(&c.id).map(|o| StackTie { sharer: c.id.clone(), owner: o.id.clone() }))
        .collect();
    out.sort();
    out
}

pub use render::{render_reach, render_verdict};
