//! The engine calls of a network's lifecycle: what the engine can create, create, remove, the prune
//! preview's `dangling` test, and the raw inspect for the inspector's JSON tab.
//!
//! Runs what `lifecycle` planned, as planned; it must not decide what may be created or removed.

use std::collections::HashMap;

use bollard::models::{Ipam, IpamConfig, NetworkCreateRequest};
use bollard::query_parameters::{InspectNetworkOptions, ListContainersOptions, ListNetworksOptions};
use netlens_core::address::{parse_ip, parse_net};

use super::{Engine, EngineError};
use netlens_core::networks::NetworkSpec;

/// What the engine says about itself that the create dialog needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EngineFacts {
    /// Network drivers the engine has (built in and plugins), as `docker info` lists them.
    pub network_drivers: Vec<String>,
    /// Overlay networks can only be created on a swarm manager.
    pub swarm_manager: bool,
}

impl Engine {
    pub async fn facts(&self) -> Result<EngineFacts, EngineError> {
        let info = self.docker().info().await.map_err(|e| self.err(e))?;
        let mut network_drivers = info.plugins.and_then(|p| p.network).unwrap_or_default();
        network_drivers.sort();
        network_drivers.dedup();
        let swarm_manager = info.swarm.and_then(|s| s.control_available).unwrap_or(false);
        Ok(EngineFacts { network_drivers, swarm_manager })
    }

    /// Creates a network; returns its ID and the engine's warning, if any.
    pub async fn create_network(&self, request: NetworkCreateRequest) -> Result<(String, Option<String>), EngineError> {
        let created = self.docker().create_network(request).await.map_err(|e| self.err(e))?;
        Ok((created.id, Some(created.warning).filter(|w| !w.is_empty())))
    }

    pub async fn remove_network(&self, network_id: &str) -> Result<(), EngineError> {
        self.docker().remove_network(network_id).await.map_err(|e| self.err(e))
    }

    /// Every container the engine has on the network now, whatever its state, as (ID, name). A created
    /// container that never ran has no endpoint yet, so the engine would let its network go and leave it
    /// unable to start: this list is what a removal asks right before it runs, not the view. Such a
    /// container names the network but has no network ID yet, so the filter asks for either.
    pub async fn containers_on(&self, network_id: &str, name: &str) -> Result<Vec<(String, String)>, EngineError> {
        let filters = HashMap::from([("network".to_string(), vec![network_id.to_string(), name.to_string()])]);
        let options = ListContainersOptions { all: true, filters: Some(filters), ..Default::default() };
        let listed = self.docker().list_containers(Some(options)).await.map_err(|e| self.err(e))?;
        Ok(listed
            .into_iter()
            .filter_map(|c| {
                let name = c.names.and_then(|n| n.first().map(|n| n.trim_start_matches('/').to_string()));
                c.id.map(|id| (id.clone(), name.unwrap_or(id)))
            })
            .collect())
    }

    /// IDs of the networks a prune would remove now (API 1.40+): no endpoints, no services, not predefined.
    pub async fn dangling_networks(&self) -> Result<Vec<String>, EngineError> {
        let filters = HashMap::from([("dangling".to_string(), vec!["true".to_string()])]);
        let networks = self
            .docker()
            .list_networks(Some(ListNetworksOptions { filters: Some(filters) }))
            .await
            .map_err(|e| self.err(e))?;
        Ok(networks.into_iter().filter_map(|n| n.id).collect())
    }

    /// The network as `docker network inspect` prints it, for people who want every field.
    pub async fn network_json(&self, network_id: &str) -> Result<String, EngineError> {
        let inspected = self
            .docker()
            .inspect_network(network_id, Some(InspectNetworkOptions { verbose: false, scope: None }))
            .await
            .map_err(|e| self.err(e))?;
        serde_json::to_string_pretty(&inspected)
            .map_err(|e| EngineError::Rejected { status: 0, message: format!("the inspect could not be shown: {e}") })
    }
}

/// The create body for a spec: the same options and IPAM configs its `docker network create` line shows.
pub fn create_request(spec: &NetworkSpec) -> NetworkCreateRequest {
    let spec = spec.normalized();
    let options = spec.driver_options();
    let labels = &spec.labels;
    let configs: Vec<IpamConfig> = spec
        .ipam()
        .into_iter()
        .map(|c| {
            // As the CLI does: each auxiliary address goes with the subnet that contains it.
            let net = c.subnet.as_deref().and_then(parse_net);
            let aux: HashMap<String, String> = spec
                .aux_addresses
                .iter()
                .filter(|(_, ip)| net.zip(parse_ip(ip)).is_some_and(|(n, a)| n.contains(&a)))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let auxiliary_addresses = (!aux.is_empty()).then_some(aux);
            IpamConfig { subnet: c.subnet, ip_range: c.ip_range, gateway: c.gateway, auxiliary_addresses }
        })
        .collect();
    let ipam_options: HashMap<String, String> = spec.ipam_options.clone().into_iter().collect();
    NetworkCreateRequest {
        name: spec.name.clone(),
        driver: Some(spec.driver().to_string()),
        internal: spec.internal.then_some(true),
        attachable: spec.attachable.then_some(true),
        enable_ipv6: spec.ipv6.then_some(true),
        // IPAM options always present (empty as the CLI sends them), so an inspect reads as for a CLI-made network.
        ipam: Some(Ipam { driver: Some("default".into()), config: Some(configs), options: Some(ipam_options) }),
        options: (!options.is_empty()).then(|| options.into_iter().collect()),
        labels: (!labels.is_empty()).then(|| labels.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
        ..NetworkCreateRequest::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_body_carries_what_the_command_shows() {
        let spec = NetworkSpec {
            name: "shop".into(),
            subnet: "10.9.0.0/24".into(),
            gateway: "10.9.0.254".into(),
            icc: false,
            internal: true,
            labels: [("team".to_string(), "web".to_string())].into(),
            ..NetworkSpec::default()
        };
        let r = create_request(&spec);
        assert_eq!(r.name, "shop");
        assert_eq!(r.driver.as_deref(), Some("bridge"));
        assert_eq!(r.internal, Some(true));
        assert_eq!(r.enable_ipv6, None);
        let config = &r.ipam.unwrap().config.unwrap()[0];
        assert_eq!(config.subnet.as_deref(), Some("10.9.0.0/24"));
        assert_eq!(config.gateway.as_deref(), Some("10.9.0.254"));
        assert_eq!(r.options.unwrap().get("com.docker.network.bridge.enable_icc").map(String::as_str), Some("false"));
        assert_eq!(r.labels.unwrap().get("team").map(String::as_str), Some("web"));
    }

    #[test]
    fn a_recreated_network_keeps_its_auxiliary_addresses_in_their_subnets_and_its_ipam_options() {
        let spec = NetworkSpec {
            name: "dual".into(),
            subnet: "10.9.0.0/24".into(),
            ipv6: true,
            subnet_v6: "fd00:9::/64".into(),
            aux_addresses: [
                ("printer".to_string(), "10.9.0.7".to_string()),
                ("nas".to_string(), "fd00:9::7".to_string()),
            ]
            .into(),
            ipam_options: [("com.example.pool".to_string(), "blue".to_string())].into(),
            ..NetworkSpec::default()
        };
        let ipam = create_request(&spec).ipam.unwrap();
        let configs = ipam.config.unwrap();
        let aux = |i: usize| configs[i].auxiliary_addresses.clone().unwrap_or_default();
        assert_eq!(aux(0).get("printer").map(String::as_str), Some("10.9.0.7"));
        assert_eq!(aux(1).get("nas").map(String::as_str), Some("fd00:9::7"));
        assert!(!aux(0).contains_key("nas") && !aux(1).contains_key("printer"));
        assert_eq!(ipam.options.unwrap().get("com.example.pool").map(String::as_str), Some("blue"));
    }
}
