//! What a view filter shows: the one definition of the window's Filters, `netlens export`'s filter flags
//! and the window's export.
//!
//! Owns the rule that decides which networks, containers, places (Host, External) and edges stay visible
//! under a `ViewFilter`, and the counts the status bar reports. Pure, over a `Topology`; it must not know
//! the UI's contract beyond the filter itself (which travels as it is with the `contract` feature) nor how
//! hidden items are drawn. The window applies the same rule in TypeScript, item by item as live changes
//! arrive (`ui/src/lib/filters/rule.ts`); golden answers written from this module pin the two together.
//!
//! The rule, in the order it is decided (each step only looks at the steps before it, so it has one answer):
//! 1. A network passes its own tests unless it is predefined (`bridge`, `host`, `none`) while predefined
//!    networks are hidden, or its driver is not among the chosen drivers (no driver chosen: every driver).
//! 2. A container passes its own tests unless it is stopped (not running, paused or restarting: created,
//!    exited, dead, being removed) while stopped containers are hidden, or it belongs to no chosen compose
//!    project (the `com.docker.compose.project` label; no project chosen: every container, labelled or not).
//! 3. A container is visible when it passes its own tests and, if it is attached to any network, at least
//!    one of its networks passes its own tests: a container is never drawn cut off from every network it
//!    has. A container on no network at all (`--network container:…`) follows its own tests only.
//! 4. A network is visible when it passes its own tests and, with projects chosen, it carries a chosen
//!    project's label or has a visible container; and, with "only networks with containers", it has a
//!    visible container (a network whose containers are all hidden counts as unused).
//! 5. Host and External are visible when a visible network reaches them (with an inactive filter they are
//!    always shown, like everything else).
//! 6. A swarm service is visible when one of its networks or task containers is visible, or when it has none
//!    on this node at all (it follows no one's tests, like a container on no network).
//! 7. An edge is visible when both its ends are.
//!
//! An empty filter (`ViewFilter::default()`) hides nothing.

use std::collections::HashSet;

use crate::model::{Container, Network, Service, Snapshot};
use crate::topology::{container_node_id, network_node_id, service_node_id, Node, ReachTarget, Topology};

/// The label Docker Compose puts on the containers and networks of one project.
pub const COMPOSE_PROJECT_LABEL: &str = "com.docker.compose.project";

/// What a person asked to hide. Every field's default shows everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub struct ViewFilter {
    /// Hide `bridge`, `host` and `none`, the networks every engine creates itself.
    pub hide_predefined: bool,
    /// Hide containers that are not running, paused or restarting.
    pub hide_stopped: bool,
    /// Show only networks of these drivers (exact driver names, e.g. `bridge`, `macvlan`); empty shows all.
    pub drivers: Vec<String>,
    /// Show only containers of these compose projects, and the networks they or the project use; empty
    /// shows all.
    pub projects: Vec<String>,
    /// Show only networks that have a visible container.
    pub only_used: bool,
}

/// Which items a filter leaves visible in one topology, and how many networks and containers it hides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visibility {
    hidden_nodes: HashSet<String>,
    hidden_edges: HashSet<String>,
    pub hidden_networks: u32,
    pub hidden_containers: u32,
}

impl Visibility {
    /// Whether node `id` (`network:…`, `container:…`, `host`, `external`) stays visible; an id the
    /// topology does not hold is not hidden by the filter.
    pub fn shows_node(&self, id: &str) -> bool {
        !self.hidden_nodes.contains(id)
    }

    /// Whether edge `id` (`endpoint:…`, `reach:…`, …) stays visible.
    pub fn shows_edge(&self, id: &str) -> bool {
        !self.hidden_edges.contains(id)
    }

    /// Whether anything is hidden at all.
    pub fn hides_anything(&self) -> bool {
        !self.hidden_nodes.is_empty() || !self.hidden_edges.is_empty()
    }
}

fn network_project(n: &Network) -> Option<&str> {
    n.labels.get(COMPOSE_PROJECT_LABEL).map(String::as_str).filter(|p| !p.is_empty())
}

/// Step 6, given which networks and containers are visible.
fn service_visible(t: &Topology, s: &Service, networks: &HashSet<&str>, containers: &HashSet<&str>) -> bool {
    let (on, tasks) = (t.service_networks(&s.id), t.tasks_of(&s.id));
    (on.is_empty() && tasks.is_empty())
        || on.iter().any(|(n, _)| networks.contains(n.id.as_str()))
        || tasks.iter().any(|c| containers.contains(c.id.as_str()))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ViewFilter {
    /// Whether the filter hides nothing whatever the topology.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Step 1 of the rule: the network's own tests.
    fn network_passes(&self, n: &Network) -> bool {
        !(self.hide_predefined && n.is_predefined()) && (self.drivers.is_empty() || self.drivers.contains(&n.driver))
    }

    /// Step 2 of the rule: the container's own tests.
    fn container_passes(&self, c: &Container) -> bool {
        let project_ok =
            self.projects.is_empty() || c.compose_project().is_some_and(|p| self.projects.iter().any(|x| x == p));
        (!self.hide_stopped || c.state.is_live()) && project_ok
    }

    /// Step 3: a container passing its own tests, with a network that passes its own (or none at all).
    fn container_visible(&self, t: &Topology, c: &Container) -> bool {
        if !self.container_passes(c) {
            return false;
        }
        let networks = t.endpoints_of(&c.id);
        networks.is_empty() || networks.iter().any(|(n, _)| self.network_passes(n))
    }

    /// Step 4, given which containers are visible.
    fn network_visible(&self, t: &Topology, n: &Network, visible_containers: &HashSet<&str>) -> bool {
        if !self.network_passes(n) {
            return false;
        }
        let used = || t.containers_on(&n.id).iter().any(|(c, _)| visible_containers.contains(c.id.as_str()));
        let project_ok = self.projects.is_empty()
            || network_project(n).is_some_and(|p| self.projects.iter().any(|x| x == p))
            || used();
        project_ok && (!self.only_used || used())
    }

    /// Which nodes and edges of `t` stay visible, and how many networks and containers are hidden.
    pub fn visibility(&self, t: &Topology) -> Visibility {
        if self.is_empty() {
            return Visibility::default();
        }
        let visible_containers: HashSet<&str> =
            t.containers().filter(|c| self.container_visible(t, c)).map(|c| c.id.as_str()).collect();
        let visible_networks: HashSet<&str> =
            t.networks().filter(|n| self.network_visible(t, n, &visible_containers)).map(|n| n.id.as_str()).collect();
        let reached = |place: ReachTarget| {
            t.networks().any(|n| {
                visible_networks.contains(n.id.as_str())
                    && t.reaches_of(&n.id).iter().any(|(target, _)| *target == place)
            })
        };
        let (host, external) = (reached(ReachTarget::Host), reached(ReachTarget::External));
        let mut out = Visibility::default();
        for node in t.nodes() {
            let shown = match node {
                Node::Network(n) => visible_networks.contains(n.id.as_str()),
                Node::Container(c) => visible_containers.contains(c.id.as_str()),
                Node::Service(sv) => service_visible(t, sv, &visible_networks, &visible_containers),
                Node::Host => host,
                Node::External => external,
            };
            if !shown {
                out.hidden_nodes.insert(node.id());
            }
        }
        out.hidden_networks = count(t.networks().count() - visible_networks.len());
        out.hidden_containers = count(t.containers().count() - visible_containers.len());
        for e in t.edges() {
            if !out.shows_node(&e.id_source.id()) || !out.shows_node(&e.id_target.id()) {
                out.hidden_edges.insert(e.id());
            }
        }
        out
    }

    /// The part of `t` the filter leaves visible, as a topology of its own: what `netlens export` and the
    /// window's export write. Host and External stay in the graph either way (a topology always has
    /// them); only reaches from visible networks lead there, which is what the exports show.
    pub fn apply(&self, t: &Topology) -> Topology {
        if self.is_empty() {
            return t.clone();
        }
        let shown = self.visibility(t);
        let networks: Vec<Network> =
            t.networks().filter(|n| shown.shows_node(&network_node_id(&n.id))).cloned().collect();
        let containers: Vec<Container> = t
            .containers()
            .filter(|c| shown.shows_node(&container_node_id(&c.id)))
            .map(|c| Container {
                // The endpoints as the topology resolved them (a network known only by name has its ID
                // here), without those on hidden networks.
                endpoints: t
                    .endpoints_of(&c.id)
                    .into_iter()
                    .filter(|(n, _)| shown.shows_node(&network_node_id(&n.id)))
                    .map(|(_, e)| e.clone())
                    .collect(),
                ..c.clone()
            })
            .collect();
        // Built up rather than written out whole: whatever else a snapshot holds has no place in a filtered view.
        let mut filtered = Snapshot::default();
        filtered.networks.extend(networks);
        filtered.containers.extend(containers);
        // A visible service keeps its ties to visible networks; its task edges come back from the labels.
        filtered.services.extend(t.services().filter(|s| shown.shows_node(&service_node_id(&s.id))).map(|s| {
            let networks = s.networks.iter().filter(|a| shown.shows_node(&network_node_id(&a.network_id)));
            Service { networks: networks.cloned().collect(), ..s.clone() }
        }));
        Topology::from_owned(filtered)
    }
}

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;
