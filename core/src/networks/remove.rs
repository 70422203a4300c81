//! Removing networks (one, or several selected at once): which may go, who must be disconnected first, and
//! the commands, as a plan the engine side runs as given.
//!
//! Pure: it must not call the engine. A network with attached containers is removed by "disconnect all and
//! remove", so the plan carries those disconnects, built by `ops` exactly as a hand-made disconnect would be.

use super::command::rm_command;
use crate::endpoints::{plan_disconnect, Operation, Refusal};
use crate::model::{ContainerState, Network};
use crate::problem::{Code, Problem};
use crate::topology::Topology;

/// A container attached to a network about to be removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    pub container_id: String,
    pub container_name: String,
    pub state: ContainerState,
}

impl Attached {
    pub fn running(&self) -> bool {
        self.state.is_live()
    }
}

/// One network that may be removed, with what goes first.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkRemoval {
    /// The network as it is now: what undo re-creates it from.
    pub network: Network,
    /// Running and stopped containers alike: a stopped one keeps its entry, which also blocks the removal.
    pub attached: Vec<Attached>,
    /// One per attached container, in the same order. A stopped container is disconnected with `force`.
    pub disconnects: Vec<Operation>,
}

impl NetworkRemoval {
    pub fn rm_command(&self) -> String {
        rm_command(&[&self.network.name])
    }

    /// What the confirmation says: "Remove backend? api, db and nightly-job will be disconnected first."
    pub fn confirm_text(&self) -> String {
        let name = &self.network.name;
        let names: Vec<&str> = self.attached.iter().map(|a| a.container_name.as_str()).collect();
        match names.as_slice() {
            [] => format!("Remove {name}? No container uses it."),
            [one] => format!("Remove {name}? {one} will be disconnected first."),
            [init @ .., last] => format!("Remove {name}? {} and {last} will be disconnected first.", init.join(", ")),
        }
    }

    /// The disconnect lines, then the `rm` line.
    pub fn commands(&self) -> Vec<String> {
        self.disconnects.iter().map(Operation::command).chain([self.rm_command()]).collect()
    }
}

/// Why one network of a remove cannot go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoveRefusal {
    Predefined {
        name: String,
    },
    Gone {
        network_id: String,
    },
    /// A config-only network that other networks were created from (`--config-from`): the engine keeps it
    /// while they exist.
    ConfigInUse {
        name: String,
        users: Vec<String>,
    },
    /// An attached container could not be planned for disconnecting (e.g. it is on `host` by creation).
    CannotDisconnect {
        network: String,
        refusal: Refusal,
    },
}

impl Problem for RemoveRefusal {
    /// Stable, for the UI to switch on.
    fn code(&self) -> Code {
        crate::codes_by_name!(self; Predefined, ConfigInUse, CannotDisconnect; Gone => NetworkGone)
    }
    fn fact(&self) -> String {
        match self {
            Self::Predefined { name } => match name.as_str() {
                "bridge" => "`bridge` is predefined: the engine creates it at start and keeps it, because every \
                             container started without --network joins it"
                    .into(),
                "host" => "`host` is predefined: it stands for the host's own network stack, which containers run \
                           with --network host share"
                    .into(),
                _ => format!(
                    "`{name}` is predefined: containers run with --network {name} join it to have no networking"
                ),
            },
            Self::Gone { network_id } => {
                format!("Network {} no longer exists", network_id.get(..12).unwrap_or(network_id))
            }
            Self::ConfigInUse { name, users } => {
                format!("`{name}` holds the settings of {}, created from it", users.join(", "))
            }
            Self::CannotDisconnect { network, refusal } => {
                format!("A container cannot be disconnected from {network}: {}", refusal.fact())
            }
        }
    }
    fn hint(&self) -> String {
        match self {
            Self::Predefined { .. } => {
                "The engine refuses to remove predefined networks; an unused one costs nothing.".into()
            }
            Self::Gone { .. } => "Nothing to do: it was removed elsewhere; the view will catch up.".into(),
            Self::ConfigInUse { .. } => "Remove the networks created from it first (they can go in the same \
                                         selection, listed before it)."
                .into(),
            Self::CannotDisconnect { refusal, .. } => refusal.hint(),
        }
    }
}

crate::display_as_message!(RemoveRefusal);

/// One network of a remove: planned, or refused with the reason.
#[derive(Debug, Clone, PartialEq)]
pub enum RemoveItem {
    Planned(NetworkRemoval),
    Refused { network_id: String, network_name: Option<String>, refusal: RemoveRefusal },
}

/// A remove of one or more networks; each item stands alone, so one refused network does not hold back
/// the others.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RemovePlan {
    pub items: Vec<RemoveItem>,
}

impl RemovePlan {
    pub fn removals(&self) -> impl Iterator<Item = &NetworkRemoval> {
        self.items.iter().filter_map(|i| match i {
            RemoveItem::Planned(r) => Some(r),
            RemoveItem::Refused { .. } => None,
        })
    }

    pub fn refusals(&self) -> impl Iterator<Item = (&str, Option<&str>, &RemoveRefusal)> {
        self.items.iter().filter_map(|i| match i {
            RemoveItem::Refused { network_id, network_name, refusal } => {
                Some((network_id.as_str(), network_name.as_deref(), refusal))
            }
            RemoveItem::Planned(_) => None,
        })
    }

    /// Whether the confirmation must say that containers get disconnected.
    pub fn disconnects_anything(&self) -> bool {
        self.removals().any(|r| !r.disconnects.is_empty())
    }

    /// Every disconnect, network by network.
    pub fn disconnects(&self) -> Vec<&Operation> {
        self.removals().flat_map(|r| r.disconnects.iter()).collect()
    }

    /// The whole plan as CLI lines: every disconnect, then one `rm` naming all the planned networks.
    pub fn commands(&self) -> Vec<String> {
        let names: Vec<&str> = self.removals().map(|r| r.network.name.as_str()).collect();
        let mut out: Vec<String> = self.disconnects().into_iter().map(Operation::command).collect();
        if !names.is_empty() {
            out.push(rm_command(&names));
        }
        out
    }
}

/// Plans removing the given networks, in the order given (a repeated ID counts once), except that
/// config-only networks go last, so the networks created from them in the same selection go first.
pub fn plan_remove<S: AsRef<str>>(topology: &Topology, network_ids: &[S]) -> RemovePlan {
    let mut ids: Vec<&str> = network_ids.iter().map(AsRef::as_ref).collect();
    ids.sort_by_key(|id| topology.network(id).is_some_and(|n| n.config_only));
    let mut seen: Vec<&str> = Vec::new();
    let mut items = Vec::new();
    for id in ids {
        if seen.contains(&id) {
            continue;
        }
        let planned: Vec<&str> = items
            .iter()
            .filter_map(|i| match i {
                RemoveItem::Planned(r) => Some(r.network.id.as_str()),
                RemoveItem::Refused { .. } => None,
            })
            .collect();
        let item = plan_one(topology, id, &planned);
        seen.push(id);
        items.push(item);
    }
    RemovePlan { items }
}

/// `earlier`: the networks planned before this one in the same selection.
fn plan_one(topology: &Topology, network_id: &str, earlier: &[&str]) -> RemoveItem {
    let refused = |name: Option<&str>, refusal| RemoveItem::Refused {
        network_id: network_id.into(),
        network_name: name.map(String::from),
        refusal,
    };
    let Some(network) = topology.network(network_id) else {
        return refused(None, RemoveRefusal::Gone { network_id: network_id.into() });
    };
    if network.is_predefined() {
        return refused(Some(&network.name), RemoveRefusal::Predefined { name: network.name.clone() });
    }
    if network.config_only {
        // Networks planned earlier in the same selection will be gone by the time this one is removed.
        let mut users: Vec<String> = topology
            .networks()
            .filter(|n| n.config_from.as_deref() == Some(network.name.as_str()) && !earlier.contains(&n.id.as_str()))
            .map(|n| n.name.clone())
            .collect();
        users.sort();
        if !users.is_empty() {
            return refused(Some(&network.name), RemoveRefusal::ConfigInUse { name: network.name.clone(), users });
        }
    }
    let mut attached = Vec::new();
    let mut disconnects = Vec::new();
    for (container, _) in topology.containers_on(network_id) {
        // A stopped container has no live endpoint to tear down; force makes the engine drop its entry anyway.
        let force = !container.state.is_live();
        match plan_disconnect(topology, &container.id, network_id, force) {
            Ok(op) => disconnects.push(op),
            Err(refusal) => {
                let refusal = RemoveRefusal::CannotDisconnect { network: network.name.clone(), refusal };
                return refused(Some(&network.name), refusal);
            }
        }
        attached.push(Attached {
            container_id: container.id.clone(),
            container_name: container.name.clone(),
            state: container.state,
        });
    }
    RemoveItem::Planned(NetworkRemoval { network: network.clone(), attached, disconnects })
}
