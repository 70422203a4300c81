//! Whether a network change recorded in the history can still be taken back exactly.
//!
//! Owns the checks and their wording for undoing a create (re-creating removed networks is checked by
//! `recreate::check_recreate`). Pure: the app's service runs the undo once these pass.

use crate::problem::{Code, Problem};
use crate::topology::Topology;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoRefusal {
    /// The network was removed elsewhere: there is nothing left to undo.
    NetworkGone { name: String },
    /// Containers joined it since it was created; removing it would cut them off.
    NetworkInUse { network: String, joined: Vec<String> },
}

impl Problem for UndoRefusal {
    fn code(&self) -> Code {
        match self {
            Self::NetworkGone { .. } => Code::NetworkGone,
            Self::NetworkInUse { .. } => Code::NetworkInUse,
        }
    }

    fn fact(&self) -> String {
        match self {
            Self::NetworkGone { name } => format!("{name} no longer exists"),
            Self::NetworkInUse { network, joined } => {
                format!("{} joined {network} after it was created", joined.join(", "))
            }
        }
    }

    fn hint(&self) -> String {
        match self {
            Self::NetworkGone { .. } => "It was removed elsewhere; there is nothing to undo.".into(),
            Self::NetworkInUse { .. } => {
                "Disconnect them first (or remove the network with \"disconnect all and remove\").".into()
            }
        }
    }
}

/// Undoing "create network `name`" removes it again: only while it exists and nobody joined it.
pub fn check_undo_create(topology: &Topology, name: &str, network_id: &str) -> Result<(), UndoRefusal> {
    let Some(network) = topology.network(network_id) else {
        return Err(UndoRefusal::NetworkGone { name: name.into() });
    };
    let joined: Vec<String> = topology.containers_on(network_id).iter().map(|(c, _)| c.name.clone()).collect();
    if joined.is_empty() {
        Ok(())
    } else {
        Err(UndoRefusal::NetworkInUse { network: network.name.clone(), joined })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{container, endpoint, network};
    use crate::model::{ContainerState, Snapshot};

    fn made() -> Snapshot {
        Snapshot {
            networks: vec![network("n-made", "made", "bridge", Some("10.9.0.0/24"))],
            containers: vec![],
            services: vec![],
        }
    }

    #[test]
    fn an_unused_new_network_can_be_removed_again() {
        assert_eq!(check_undo_create(&Topology::from_snapshot(&made()), "made", "n-made"), Ok(()));
    }

    #[test]
    fn undoing_a_create_is_refused_once_a_container_joined() {
        let mut snap = made();
        let ep = endpoint(&snap.networks[0], Some("10.9.0.2"));
        snap.containers.push(container("c-web", "web", ContainerState::Running, "default", vec![ep]));
        let refusal = check_undo_create(&Topology::from_snapshot(&snap), "made", "n-made").unwrap_err();
        assert_eq!(refusal.code(), Code::NetworkInUse);
        assert_eq!(refusal.fact(), "web joined made after it was created");
    }

    #[test]
    fn undoing_a_create_of_a_vanished_network_says_there_is_nothing_to_undo() {
        let t = Topology::from_snapshot(&Snapshot::default());
        assert_eq!(check_undo_create(&t, "made", "n-made").unwrap_err().code(), Code::NetworkGone);
    }
}
