//! Swarm services: read from a manager (`GET /services`) and converted into `netlens_core::model::Service`.
//!
//! Owns when services are worth a request and what a node that cannot list them answers. Only managers can
//! list services; a standalone engine is never asked (the snapshot stays at two requests), and a worker's
//! refusal (503, "not a swarm manager") means "no services to show", not an engine fault. Must not hold
//! state between reads nor decide how services are drawn.

use std::collections::HashMap;

use bollard::models::{EndpointPortConfig, Service as EngineService};
use bollard::query_parameters::ListServicesOptions;

use netlens_core::model::{Service, ServiceMode, ServiceNetwork, ServicePort};

use super::{Engine, EngineError};

impl Engine {
    /// Every service this node's manager lists, by name; empty when this node is not a manager (or left the
    /// swarm). One request; `status` adds the running and desired task counts across the swarm.
    pub async fn services(&self) -> Result<Vec<Service>, EngineError> {
        let options = ListServicesOptions { status: Some(true), ..Default::default() };
        match self.docker().list_services(Some(options)).await {
            Ok(list) => {
                let mut services: Vec<Service> = list.into_iter().map(service).collect();
                services.sort_by(Service::by_name);
                Ok(services)
            }
            Err(bollard::errors::Error::DockerResponseServerError { status_code: 503, .. }) => Ok(vec![]),
            Err(e) => Err(self.err(e)),
        }
    }
}

fn port(p: EndpointPortConfig) -> ServicePort {
    ServicePort {
        target: p.target_port.and_then(|t| u16::try_from(t).ok()).unwrap_or_default(),
        published: p.published_port.and_then(|t| u16::try_from(t).ok()).filter(|p| *p > 0),
        protocol: p.protocol.map(|t| t.to_string()).filter(|t| !t.is_empty()).unwrap_or_else(|| "tcp".into()),
        publish_mode: p
            .publish_mode
            .map(|m| m.to_string())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "ingress".into()),
    }
}

pub fn service(s: EngineService) -> Service {
    let spec = s.spec.unwrap_or_default();
    let endpoint = s.endpoint.unwrap_or_default();
    let mode = match spec.mode {
        Some(m) if m.global.is_some() => ServiceMode::Global,
        Some(m) if m.replicated_job.is_some() => ServiceMode::ReplicatedJob,
        Some(m) if m.global_job.is_some() => ServiceMode::GlobalJob,
        Some(m) => ServiceMode::Replicated(
            m.replicated.and_then(|r| r.replicas).and_then(|r| u64::try_from(r).ok()).unwrap_or(1),
        ),
        None => ServiceMode::Replicated(1),
    };
    let task = spec.task_template.unwrap_or_default();
    let image = task.container_spec.and_then(|c| c.image).unwrap_or_default();
    // The VIPs name every network with an address (the ingress network included, which the spec does not
    // list); a `dnsrr` service has none, so its spec's networks are added without one.
    let mut networks: Vec<ServiceNetwork> = endpoint
        .virtual_ips
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| {
            let id = v.network_id.filter(|id| !id.is_empty())?;
            Some(ServiceNetwork { network_id: id, virtual_ip: v.addr.filter(|a| !a.is_empty()) })
        })
        .collect();
    for target in
        task.networks.into_iter().flatten().chain(spec.networks.into_iter().flatten()).filter_map(|n| n.target)
    {
        if !target.is_empty() && !networks.iter().any(|n| n.network_id == target) {
            networks.push(ServiceNetwork { network_id: target, virtual_ip: None });
        }
    }
    let mut ports: Vec<ServicePort> = endpoint.ports.unwrap_or_default().into_iter().map(port).collect();
    ports.sort_by(|a, b| (a.target, &a.protocol, a.published).cmp(&(b.target, &b.protocol, b.published)));
    let status = s.service_status.unwrap_or_default();
    let endpoint_mode = endpoint.spec.and_then(|e| e.mode).map(|m| m.to_string()).filter(|m| !m.is_empty());
    Service {
        id: s.id.unwrap_or_default(),
        name: spec.name.unwrap_or_default(),
        mode,
        image,
        endpoint_mode: endpoint_mode.unwrap_or_else(|| "vip".into()),
        networks,
        ports,
        running_tasks: status.running_tasks,
        desired_tasks: status.desired_tasks,
        labels: spec.labels.unwrap_or_default().into_iter().collect::<HashMap<_, _>>().into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bollard::models::{
        EndpointPortConfigPublishModeEnum, NetworkAttachmentConfig, ServiceEndpoint, ServiceEndpointVirtualIps,
        ServiceServiceStatus, ServiceSpec, ServiceSpecMode, ServiceSpecModeReplicated, TaskSpec, TaskSpecContainerSpec,
    };

    #[test]
    fn a_replicated_service_keeps_its_vips_by_network_its_ports_and_the_swarm_wide_task_counts() {
        let s = service(EngineService {
            id: Some("s1".into()),
            spec: Some(ServiceSpec {
                name: Some("web".into()),
                mode: Some(ServiceSpecMode {
                    replicated: Some(ServiceSpecModeReplicated { replicas: Some(2) }),
                    ..Default::default()
                }),
                task_template: Some(TaskSpec {
                    container_spec: Some(TaskSpecContainerSpec {
                        image: Some("netlens/busybox:latest".into()),
                        ..Default::default()
                    }),
                    networks: Some(vec![
                        NetworkAttachmentConfig { target: Some("n-apps".into()), ..Default::default() },
                        NetworkAttachmentConfig { target: Some("n-dns".into()), ..Default::default() },
                    ]),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            endpoint: Some(ServiceEndpoint {
                ports: Some(vec![EndpointPortConfig {
                    target_port: Some(80),
                    published_port: Some(8080),
                    publish_mode: Some(EndpointPortConfigPublishModeEnum::INGRESS),
                    ..Default::default()
                }]),
                virtual_ips: Some(vec![
                    ServiceEndpointVirtualIps {
                        network_id: Some("n-ingress".into()),
                        addr: Some("10.0.0.5/24".into()),
                    },
                    ServiceEndpointVirtualIps { network_id: Some("n-apps".into()), addr: Some("10.0.1.2/24".into()) },
                ]),
                ..Default::default()
            }),
            service_status: Some(ServiceServiceStatus {
                running_tasks: Some(2),
                desired_tasks: Some(2),
                ..Default::default()
            }),
            ..Default::default()
        });
        assert_eq!(
            (s.name.as_str(), s.mode, s.image.as_str()),
            ("web", ServiceMode::Replicated(2), "netlens/busybox:latest")
        );
        let nets: Vec<_> = s.networks.iter().map(|n| (n.network_id.as_str(), n.virtual_ip.as_deref())).collect();
        assert_eq!(nets, [("n-ingress", Some("10.0.0.5/24")), ("n-apps", Some("10.0.1.2/24")), ("n-dns", None)]);
        assert_eq!(
            s.ports,
            [ServicePort { target: 80, published: Some(8080), protocol: "tcp".into(), publish_mode: "ingress".into() }]
        );
        assert_eq!((s.running_tasks, s.desired_tasks, s.endpoint_mode.as_str()), (Some(2), Some(2), "vip"));
    }

    #[test]
    fn a_global_service_without_an_endpoint_reads_as_global_with_no_networks() {
        let s = service(EngineService {
            spec: Some(ServiceSpec {
                mode: Some(ServiceSpecMode { global: Some(HashMap::new()), ..Default::default() }),
                ..Default::default()
            }),
            ..Default::default()
        });
        assert_eq!(s.mode, ServiceMode::Global);
        assert!(s.networks.is_empty() && s.ports.is_empty());
    }
}
