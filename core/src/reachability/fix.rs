//! The one `docker network connect` that turns a "no" into a "yes", or why none does.
//!
//! Owns the order candidates are tried in; every candidate goes through `endpoints::plan_connect`, so a fix
//! is one the planner accepts (and the app can run and undo like any connect). It must not build an
//! `Operation` by hand nor decide reachability itself (`rules`).

use std::cmp::Reverse;

use super::graph::World;
use super::rules::leads;
use super::{Fix, NoFix, Reason};
use crate::endpoints::{plan_connect, EndpointConfig, Refusal};
use crate::model::{Container, Network};
use crate::topology::{ReachKind, ReachTarget};

/// A fix for `from` not reaching `to` for `reason`.
///
/// Candidates, first accepted wins: when the two are on networks that do not meet, `from` (its stack's owner)
/// joins one of `to`'s networks or `to` one of `from`'s, user-defined networks before the default `bridge`
/// (names resolve there, so a fix by name beats one by IP), `from` joining before `to`, busiest network first,
/// then by name. When the host stands between them, the side that cannot reach it (or be reached from it)
/// joins a bridge whose gateway is the host, in the same order.
pub(super) fn suggest(world: &World, from: &Container, to: &Container, reason: &Reason) -> Fix {
    let candidates = match reason {
        Reason::NotRunning { container, state } => {
            return Fix::Impossible(NoFix::NotRunning { container: container.clone(), state: *state })
        }
        Reason::StackOwnerNotRunning { owner, state, .. } => {
            return Fix::Impossible(NoFix::NotRunning { container: owner.clone(), state: *state })
        }
        Reason::StackOwnerGone { container, reference } => {
            return Fix::Impossible(NoFix::StackOwnerGone {
                container: container.clone(),
                reference: reference.clone(),
            })
        }
        Reason::NetworkingDisabled { container } => {
            return Fix::Impossible(NoFix::NetworkingDisabled { container: container.clone() })
        }
        _ => {
            let (Ok(a), Ok(b)) = (world.owner(from), world.owner(to)) else {
                return nothing(from, to, None);
            };
            match reason {
                Reason::NoWayToHost { .. } => to_gateways(world, a),
                Reason::NotFromHost { .. } => to_gateways(world, b),
                _ => joins(world, a, b),
            }
        }
    };
    let mut first_refusal = None;
    for (container, network) in candidates {
        match plan_connect(world.topology, &container.id, &network.id, &EndpointConfig::default()) {
            Ok(op) => return Fix::Connect(op),
            // Already being on a network is no news; a refusal of another kind explains the failure.
            Err(refusals) if first_refusal.is_none() => {
                first_refusal = refusals.into_iter().find(|r| !matches!(r, Refusal::AlreadyConnected { .. }));
            }
            Err(_) => {}
        }
    }
    nothing(from, to, first_refusal)
}

fn nothing(from: &Container, to: &Container, refused: Option<Refusal>) -> Fix {
    Fix::Impossible(NoFix::NothingJoinable { from: from.name.clone(), to: to.name.clone(), refused })
}

/// `a` joining one of `b`'s networks or `b` one of `a`'s: user-defined networks first (names resolve there),
/// `a` joining before `b`, busiest first, then by name and ID.
fn joins<'a>(world: &World<'a>, a: &'a Container, b: &'a Container) -> Vec<(&'a Container, &'a Network)> {
    let mut candidates: Vec<(&Container, &Network)> = world.carried(b).into_iter().map(|(n, _)| (a, n)).collect();
    candidates.extend(world.carried(a).into_iter().map(|(n, _)| (b, n)));
    candidates.sort_by_cached_key(|(joiner, n)| {
        (
            n.name == "bridge",
            joiner.id != a.id,
            Reverse(world.topology.containers_on(&n.id).len()),
            n.name.clone(),
            n.id.clone(),
        )
    });
    candidates
}

/// `joiner` joining each bridge whose gateway is the host: user-defined first, busiest first, then by name.
fn to_gateways<'a>(world: &World<'a>, joiner: &'a Container) -> Vec<(&'a Container, &'a Network)> {
    let mut networks: Vec<&Network> =
        world.topology.networks().filter(|n| leads(world, n, ReachTarget::Host) == Some(ReachKind::Gateway)).collect();
    networks.sort_by_cached_key(|n| {
        (n.name == "bridge", Reverse(world.topology.containers_on(&n.id).len()), n.name.clone(), n.id.clone())
    });
    networks.into_iter().map(|n| (joiner, n)).collect()
}
