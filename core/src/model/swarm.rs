//! Swarm services as a manager lists them (`GET /services`), and how a task container on this node says
//! which service it runs for.
//!
//! Owns the engine-independent shape of a service: its mode, image, the networks it is attached to with its
//! virtual IP on each, and its published ports. It must not know about bollard (the engine converts into it)
//! nor decide how services are drawn (that is `topology::swarm` and `layout`).

use std::collections::BTreeMap;

use super::{Container, Network};

/// The label the engine puts on every task container: the ID of the service the task runs for.
pub const SERVICE_ID_LABEL: &str = "com.docker.swarm.service.id";
/// The label with the task's name (`<service>.<slot>.<task id>`).
pub const TASK_NAME_LABEL: &str = "com.docker.swarm.task.name";

/// How many tasks the swarm keeps running for a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceMode {
    /// `--replicas N`: N tasks across the swarm.
    Replicated(u64),
    /// `--mode global`: one task on every node that may run it.
    Global,
    /// `--mode replicated-job`: tasks that run to completion.
    ReplicatedJob,
    /// `--mode global-job`.
    GlobalJob,
}

impl Service {
    /// The one order services are listed in: as a read leaves them, in the graph's text, the layout and the
    /// exports. By name, then ID.
    pub fn by_name(a: &Service, b: &Service) -> std::cmp::Ordering {
        (&a.name, &a.id).cmp(&(&b.name, &b.id))
    }
}

impl ServiceMode {
    /// As `docker service ls` writes it (`replicated 2`, `global`).
    pub fn describe(self) -> String {
        match self {
            Self::Replicated(n) => format!("replicated {n}"),
            Self::Global => "global".into(),
            Self::ReplicatedJob => "replicated job".into(),
            Self::GlobalJob => "global job".into(),
        }
    }
}

/// One network a service is attached to. Every task of the service has an endpoint on it (on whichever
/// node it runs); the virtual IP is the service's own address there, balanced across its tasks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceNetwork {
    pub network_id: String,
    /// With its prefix, as the engine writes it (`10.0.1.2/24`); none in `dnsrr` endpoint mode.
    pub virtual_ip: Option<String>,
}

/// A published port: `published` on every node of the swarm (ingress mode, through the `ingress` network's
/// routing mesh) or only on the nodes running a task (host mode), forwarded to `target` in the task.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub struct ServicePort {
    pub target: u16,
    pub published: Option<u16>,
    pub protocol: String,
    /// `ingress` or `host`.
    pub publish_mode: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub mode: ServiceMode,
    pub image: String,
    /// `vip` (one address per network, balanced) or `dnsrr` (DNS answers with the tasks' addresses).
    pub endpoint_mode: String,
    /// By network ID.
    pub networks: Vec<ServiceNetwork>,
    pub ports: Vec<ServicePort>,
    /// Tasks running and wanted across the whole swarm, when the engine reports them (API 1.41+).
    pub running_tasks: Option<u64>,
    pub desired_tasks: Option<u64>,
    pub labels: BTreeMap<String, String>,
}

impl Container {
    /// The service this container is a task of, when the swarm made it.
    pub fn swarm_service_id(&self) -> Option<&str> {
        self.labels.get(SERVICE_ID_LABEL).map(String::as_str).filter(|s| !s.is_empty())
    }

    /// The task's name (`web.1.x3k…`), when the swarm made it.
    pub fn swarm_task_name(&self) -> Option<&str> {
        self.labels.get(TASK_NAME_LABEL).map(String::as_str).filter(|s| !s.is_empty())
    }
}

/// Whether this node may be part of a swarm, judged from what the two snapshot requests already returned: a
/// swarm-scoped network (swarm init makes `ingress`; a manager lists every overlay) or a task container. Only
/// then is asking for services worth a request; a standalone engine keeps its two-request snapshot.
pub fn maybe_in_swarm(networks: &[Network], containers: &[Container]) -> bool {
    networks.iter().any(|n| n.scope == "swarm") || containers.iter().any(|c| c.swarm_service_id().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{container, demo, network};
    use crate::model::ContainerState;

    #[test]
    fn a_standalone_engine_is_not_asked_for_services_and_a_swarm_network_or_task_makes_it_worth_asking() {
        let snap = demo();
        assert!(!maybe_in_swarm(&snap.networks, &snap.containers));
        let mut ingress = network("n-ingress", "ingress", "overlay", Some("10.0.0.0/24"));
        ingress.scope = "swarm".into();
        assert!(maybe_in_swarm(&[ingress], &[]));
        let mut task = container("c-t", "web.1.abc", ContainerState::Running, "default", vec![]);
        task.labels.insert(SERVICE_ID_LABEL.into(), "s-web".into());
        assert_eq!(task.swarm_service_id(), Some("s-web"));
        assert!(maybe_in_swarm(&[], &[task]));
    }

    #[test]
    fn modes_read_as_docker_service_ls_writes_them() {
        assert_eq!(ServiceMode::Replicated(2).describe(), "replicated 2");
        assert_eq!(ServiceMode::Global.describe(), "global");
    }
}
