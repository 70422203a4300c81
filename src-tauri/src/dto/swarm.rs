//! The contract for swarm services: what a service node carries to the UI, and the words that explain a
//! manager's listing (this node's view).
//!
//! Owns converting a `Service` (with its networks and its tasks on this node, from the topology) into
//! `ServiceDto`. Must not hold logic beyond conversion and the fixed wording the details panel shows.

use serde::{Deserialize, Serialize};
use specta::Type;

use netlens_core::contract::KeyValue;
use netlens_core::model::{ContainerState, Service, ServiceMode, ServicePort};
use netlens_core::topology::Topology;

/// Why a service can show fewer tasks than replicas: said wherever a service is explained.
pub const THIS_NODE_NOTE: &str =
    "Swarm lists tasks of every node; only this node's tasks are containers here. The manager answers for the \
     whole swarm (services, replicas, virtual IPs), but this engine lists only its own containers: tasks running \
     on other nodes are not drawn.";

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ServiceDto {
    pub id: String,
    pub name: String,
    /// As `docker service ls` writes it: `replicated 2`, `global`, `replicated job`, `global job`.
    pub mode: String,
    /// The replicas asked for (replicated mode only).
    pub replicas: Option<u32>,
    /// Tasks running and wanted across the whole swarm, when the engine reports them.
    pub running_tasks: Option<u32>,
    pub desired_tasks: Option<u32>,
    pub image: String,
    /// `vip` or `dnsrr`.
    pub endpoint_mode: String,
    pub networks: Vec<ServiceNetworkDto>,
    pub ports: Vec<ServicePort>,
    /// The service's tasks that run on this node (each a container in the graph), by name.
    pub tasks_here: Vec<TaskDto>,
    /// "Swarm lists tasks of every node; only this node's tasks are containers here …"
    pub note: String,
    pub labels: Vec<KeyValue>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ServiceNetworkDto {
    pub network_id: String,
    pub network_name: String,
    /// With its prefix (`10.0.1.2/24`); none in `dnsrr` mode.
    pub virtual_ip: Option<String>,
    /// The swarm's routing mesh (`ingress`), which carries published ports to the service on every node.
    pub ingress: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TaskDto {
    pub container_id: String,
    pub container_name: String,
    pub state: ContainerState,
}

fn small(n: Option<u64>) -> Option<u32> {
    n.map(|n| u32::try_from(n).unwrap_or(u32::MAX))
}

impl ServiceDto {
    pub fn new(s: &Service, t: &Topology) -> Self {
        let replicas = match s.mode {
            ServiceMode::Replicated(n) => small(Some(n)),
            _ => None,
        };
        Self {
            id: s.id.clone(),
            name: s.name.clone(),
            mode: s.mode.describe(),
            replicas,
            running_tasks: small(s.running_tasks),
            desired_tasks: small(s.desired_tasks),
            image: s.image.clone(),
            endpoint_mode: s.endpoint_mode.clone(),
            networks: t
                .service_networks(&s.id)
                .into_iter()
                .map(|(n, a)| ServiceNetworkDto {
                    network_id: n.id.clone(),
                    network_name: n.name.clone(),
                    virtual_ip: a.virtual_ip.clone(),
                    ingress: n.ingress,
                })
                .collect(),
            ports: s.ports.clone(),
            tasks_here: t
                .tasks_of(&s.id)
                .into_iter()
                .map(|c| TaskDto { container_id: c.id.clone(), container_name: c.name.clone(), state: c.state })
                .collect(),
            note: THIS_NODE_NOTE.into(),
            labels: KeyValue::list(&s.labels),
        }
    }
}
