//! Converts bollard's models into our plain data.
//!
//! Owns every decision about missing or empty engine fields (older engines leave newer fields out, and
//! the engine writes "" where it means "none"). It must not make requests.

use std::collections::{BTreeMap, HashMap};

use bollard::models::{ContainerInspectResponse, ContainerSummary, EndpointSettings, Network as EngineNetwork};

use netlens_core::model::{Container, ContainerState, Endpoint, IpamConfig, Network, Port};

/// The engine writes empty strings for absent values; we carry `None`.
fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|v| !v.is_empty())
}

fn sorted(map: Option<HashMap<String, String>>) -> BTreeMap<String, String> {
    map.unwrap_or_default().into_iter().collect()
}

pub fn network(n: EngineNetwork) -> Network {
    let ipam = n.ipam.unwrap_or_default();
    Network {
        id: n.id.unwrap_or_default(),
        name: n.name.unwrap_or_default(),
        driver: n.driver.unwrap_or_default(),
        scope: n.scope.unwrap_or_default(),
        created: non_empty(n.created),
        internal: n.internal.unwrap_or(false),
        attachable: n.attachable.unwrap_or(false),
        ingress: n.ingress.unwrap_or(false),
        enable_ipv6: n.enable_ipv6.unwrap_or(false),
        config_only: n.config_only.unwrap_or(false),
        config_from: n.config_from.and_then(|c| non_empty(c.network)),
        ipam_driver: non_empty(ipam.driver).unwrap_or_else(|| "default".into()),
        aux_addresses: ipam
            .config
            .iter()
            .flatten()
            .flat_map(|c| c.auxiliary_addresses.clone().unwrap_or_default())
            .collect(),
        ipam_options: sorted(ipam.options),
        ipam: ipam
            .config
            .unwrap_or_default()
            .into_iter()
            .map(|c| IpamConfig {
                subnet: non_empty(c.subnet),
                ip_range: non_empty(c.ip_range),
                gateway: non_empty(c.gateway),
            })
            .collect(),
        options: sorted(n.options),
        labels: sorted(n.labels),
    }
}

fn prefix(len: Option<i64>) -> Option<u8> {
    len.and_then(|l| u8::try_from(l).ok()).filter(|l| *l > 0)
}

/// A container's endpoints from its `NetworkSettings.Networks` (a list's or an inspect's), by network name.
pub fn endpoints(networks: Option<HashMap<String, EndpointSettings>>) -> Vec<Endpoint> {
    let mut endpoints: Vec<Endpoint> =
        networks.unwrap_or_default().into_iter().map(|(net, e)| endpoint(net, e)).collect();
    endpoints.sort_by(|a, b| a.network_name.cmp(&b.network_name));
    endpoints
}

pub fn endpoint(network_name: String, e: EndpointSettings) -> Endpoint {
    let ipam = e.ipam_config.unwrap_or_default();
    Endpoint {
        network_id: e.network_id.unwrap_or_default(),
        network_name,
        endpoint_id: non_empty(e.endpoint_id),
        ipv4: non_empty(e.ip_address),
        ipv4_prefix: prefix(e.ip_prefix_len),
        ipv6: non_empty(e.global_ipv6_address),
        ipv6_prefix: prefix(e.global_ipv6_prefix_len),
        mac: non_empty(e.mac_address),
        gateway: non_empty(e.gateway),
        static_ipv4: non_empty(ipam.ipv4_address),
        static_ipv6: non_empty(ipam.ipv6_address),
        aliases: e.aliases.unwrap_or_default(),
    }
}

/// `known` (a container as last listed) with the attachments an inspect shows now; `None` when the inspect
/// shows another state, whose status line only a list gives. The endpoints lose their aliases, which the
/// list leaves out, so that this and the next list of the container agree.
pub fn attached(known: &Container, found: ContainerInspectResponse) -> Option<Container> {
    let state = found.state.and_then(|s| s.status).map(|s| ContainerState::parse(s.as_ref()))?;
    if state != known.state {
        return None;
    }
    let endpoints = endpoints(found.network_settings.and_then(|s| s.networks));
    let endpoints = endpoints.into_iter().map(|e| Endpoint { aliases: vec![], ..e }).collect();
    Some(Container { endpoints, ..known.clone() })
}

pub fn container(c: ContainerSummary) -> Container {
    let name = c
        .names
        .unwrap_or_default()
        .into_iter()
        .next()
        .map(|n| n.trim_start_matches('/').to_string())
        .unwrap_or_default();
    let endpoints = endpoints(c.network_settings.and_then(|s| s.networks));
    let mut ports: Vec<Port> = c
        .ports
        .unwrap_or_default()
        .into_iter()
        .map(|p| Port {
            private_port: p.private_port,
            public_port: p.public_port,
            protocol: p.typ.map(|t| t.to_string()).filter(|t| !t.is_empty()).unwrap_or_else(|| "tcp".into()),
            ip: non_empty(p.ip),
        })
        .collect();
    ports.sort_by(|a, b| (a.private_port, &a.protocol, &a.ip).cmp(&(b.private_port, &b.protocol, &b.ip)));
    ports.dedup();
    Container {
        id: c.id.unwrap_or_default(),
        name,
        image: c.image.unwrap_or_default(),
        state: c.state.map(|s| ContainerState::parse(s.as_ref())).unwrap_or(ContainerState::Unknown),
        status: c.status.unwrap_or_default(),
        network_mode: c.host_config.and_then(|h| non_empty(h.network_mode)).unwrap_or_else(|| "default".into()),
        labels: sorted(c.labels),
        ports,
        endpoints,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bollard::models::{ContainerSummaryNetworkSettings, EndpointIpamConfig};

    #[test]
    fn empty_engine_strings_become_none() {
        let e = endpoint(
            "backend".into(),
            EndpointSettings {
                network_id: Some("n1".into()),
                ip_address: Some(String::new()),
                ip_prefix_len: Some(0),
                mac_address: Some(String::new()),
                ipam_config: Some(EndpointIpamConfig { ipv4_address: Some("10.0.0.9".into()), ..Default::default() }),
                ..Default::default()
            },
        );
        assert_eq!(e.ipv4, None);
        assert_eq!(e.ipv4_prefix, None);
        assert_eq!(e.mac, None);
        assert_eq!(e.static_ipv4.as_deref(), Some("10.0.0.9"));
    }

    #[test]
    fn container_name_loses_its_slash_and_endpoints_are_sorted() {
        let mut networks = HashMap::new();
        networks.insert("zeta".to_string(), EndpointSettings::default());
        networks.insert("alpha".to_string(), EndpointSettings::default());
        let c = container(ContainerSummary {
            id: Some("c1".into()),
            names: Some(vec!["/web".into()]),
            network_settings: Some(ContainerSummaryNetworkSettings { networks: Some(networks) }),
            ..Default::default()
        });
        assert_eq!(c.name, "web");
        assert_eq!(c.state, ContainerState::Unknown);
        let names: Vec<_> = c.endpoints.iter().map(|e| e.network_name.as_str()).collect();
        assert_eq!(names, ["alpha", "zeta"]);
    }

    #[test]
    fn an_inspect_gives_a_listed_container_its_attachments_without_aliases_and_only_in_the_same_state() {
        use bollard::models::{ContainerInspectResponse, ContainerStateStatusEnum, NetworkSettings};
        let known = Container {
            id: "c1".into(),
            name: "web".into(),
            image: "nginx".into(),
            state: ContainerState::Running,
            status: "Up 5 minutes".into(),
            network_mode: "default".into(),
            labels: BTreeMap::from([("a".to_string(), "b".to_string())]),
            ports: vec![],
            endpoints: vec![endpoint("old".into(), EndpointSettings::default())],
        };
        let mut networks = HashMap::new();
        let joined = EndpointSettings {
            network_id: Some("n-zeta".into()),
            ip_address: Some("10.0.0.5".into()),
            aliases: Some(vec!["web".into(), "c1".into()]),
            ..Default::default()
        };
        networks.insert("zeta".to_string(), joined);
        networks
            .insert("alpha".to_string(), EndpointSettings { network_id: Some("n-alpha".into()), ..Default::default() });
        let found = |status| ContainerInspectResponse {
            state: Some(bollard::models::ContainerState { status: Some(status), ..Default::default() }),
            network_settings: Some(NetworkSettings { networks: Some(networks.clone()), ..Default::default() }),
            ..Default::default()
        };
        let now = attached(&known, found(ContainerStateStatusEnum::RUNNING)).expect("same state");
        let names: Vec<_> = now.endpoints.iter().map(|e| e.network_name.as_str()).collect();
        assert_eq!(names, ["alpha", "zeta"]);
        assert_eq!(now.endpoints[1].ipv4.as_deref(), Some("10.0.0.5"));
        assert!(now.endpoints.iter().all(|e| e.aliases.is_empty()), "the list has no aliases: neither does this");
        assert_eq!(Container { endpoints: vec![], ..now }, Container { endpoints: vec![], ..known.clone() });
        assert_eq!(attached(&known, found(ContainerStateStatusEnum::EXITED)), None, "a new state is listed");
        assert_eq!(attached(&known, ContainerInspectResponse::default()), None);
    }
}
