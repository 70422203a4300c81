//! The engine calls that change endpoints: connect, disconnect, and the container inspect that captures an
//! attachment exactly before it is let go.
//!
//! Runs operations planned by `ops` as they are; it must not decide whether they may run, nor retry them.

use std::collections::BTreeMap;

use bollard::models::{EndpointIpamConfig, EndpointSettings, NetworkConnectRequest, NetworkDisconnectRequest};
use bollard::query_parameters::InspectContainerOptions;

use super::{Engine, EngineError};
use netlens_core::endpoints::{user_aliases, EndpointConfig, EndpointRef, Operation};
use netlens_core::model::Container;

impl Engine {
    /// Runs one planned operation.
    pub async fn run(&self, op: &Operation) -> Result<(), EngineError> {
        match op {
            Operation::Connect { endpoint: EndpointRef { network_id, container_id, .. }, config } => {
                let request = NetworkConnectRequest {
                    container: container_id.clone(),
                    endpoint_config: Some(endpoint_settings(config)),
                };
                self.docker().connect_network(network_id, request).await.map_err(|e| self.err(e))
            }
            Operation::Disconnect { endpoint: EndpointRef { network_id, container_id, .. }, force, .. } => {
                let request = NetworkDisconnectRequest { container: container_id.clone(), force: Some(*force) };
                self.docker().disconnect_network(network_id, request).await.map_err(|e| self.err(e))
            }
        }
    }

    /// The attachment of `container` to `network_id` as a connect would recreate it: the user's aliases
    /// (without those the engine adds itself), static IPv4/IPv6, link-local IPs and driver options. The
    /// container list carries none of the aliases, link-local IPs or options, hence the inspect.
    /// `None` when the container is not attached there (any more).
    pub async fn attachment(
        &self,
        container: &Container,
        network_id: &str,
    ) -> Result<Option<EndpointConfig>, EngineError> {
        let inspected = self
            .docker()
            .inspect_container(&container.id, None::<InspectContainerOptions>)
            .await
            .map_err(|e| self.err(e))?;
        let mut networks = inspected.network_settings.and_then(|s| s.networks).unwrap_or_default();
        // Podman writes the network's name where Docker writes its ID: then the key the view read it under.
        let key =
            networks.iter().find(|(_, e)| e.network_id.as_deref() == Some(network_id)).map(|(k, _)| k.clone()).or_else(
                || container.endpoints.iter().find(|e| e.network_id == network_id).map(|e| e.network_name.clone()),
            );
        let settings = key.and_then(|k| networks.remove(&k));
        Ok(settings.map(|s| attachment_config(container, s)))
    }
}

/// The connect body for one endpoint; absent fields let the engine choose.
pub fn endpoint_settings(config: &EndpointConfig) -> EndpointSettings {
    let has_ipam = config.ipv4.is_some() || config.ipv6.is_some() || !config.link_local.is_empty();
    EndpointSettings {
        ipam_config: has_ipam.then(|| EndpointIpamConfig {
            ipv4_address: config.ipv4.clone(),
            ipv6_address: config.ipv6.clone(),
            link_local_ips: (!config.link_local.is_empty()).then(|| config.link_local.clone()),
        }),
        aliases: (!config.aliases.is_empty()).then(|| config.aliases.clone()),
        driver_opts: (!config.driver_opts.is_empty())
            .then(|| config.driver_opts.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
        mac_address: config.mac.clone(),
        ..EndpointSettings::default()
    }
}

/// What an inspected endpoint says the user chose. The MAC address is left out: inspect does not tell a
/// chosen one from a generated one, and asking for a generated one again could clash.
pub fn attachment_config(container: &Container, settings: EndpointSettings) -> EndpointConfig {
    let ipam = settings.ipam_config.unwrap_or_default();
    let non_empty = |s: Option<String>| s.filter(|v| !v.is_empty());
    EndpointConfig {
        aliases: user_aliases(container, &settings.aliases.unwrap_or_default()),
        ipv4: non_empty(ipam.ipv4_address),
        ipv6: non_empty(ipam.ipv6_address),
        link_local: ipam.link_local_ips.unwrap_or_default(),
        driver_opts: settings.driver_opts.unwrap_or_default().into_iter().collect::<BTreeMap<_, _>>(),
        mac: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlens_core::model::ContainerState;

    fn container() -> Container {
        Container {
            id: "0123456789abcdef0123".into(),
            name: "api".into(),
            image: "busybox".into(),
            state: ContainerState::Running,
            status: "Up".into(),
            network_mode: "backend".into(),
            labels: Default::default(),
            ports: vec![],
            endpoints: vec![],
        }
    }

    #[test]
    fn connect_body_leaves_unset_fields_to_the_engine() {
        let s = endpoint_settings(&EndpointConfig::default());
        assert_eq!(s, EndpointSettings::default());
        let s = endpoint_settings(&EndpointConfig {
            aliases: vec!["edge".into()],
            ipv4: Some("10.0.0.10".into()),
            ..EndpointConfig::default()
        });
        assert_eq!(s.aliases, Some(vec!["edge".to_string()]));
        let ipam = s.ipam_config.unwrap();
        assert_eq!(ipam.ipv4_address.as_deref(), Some("10.0.0.10"));
        assert_eq!(ipam.ipv6_address, None);
        assert_eq!(ipam.link_local_ips, None);
    }

    #[test]
    fn inspected_attachment_keeps_user_choices_and_drops_engine_aliases() {
        let settings = EndpointSettings {
            aliases: Some(vec!["edge".into(), "0123456789ab".into(), "api".into(), "gw".into()]),
            ipam_config: Some(EndpointIpamConfig {
                ipv4_address: Some("10.0.0.10".into()),
                ipv6_address: Some(String::new()),
                link_local_ips: Some(vec!["169.254.1.1".into()]),
            }),
            driver_opts: Some([("com.example.opt".to_string(), "1".to_string())].into()),
            mac_address: Some("02:42:0a:00:00:0a".into()),
            ..EndpointSettings::default()
        };
        let config = attachment_config(&container(), settings);
        assert_eq!(config.aliases, vec!["edge", "gw"]);
        assert_eq!(config.ipv4.as_deref(), Some("10.0.0.10"));
        assert_eq!(config.ipv6, None, "an empty string from the engine is no address");
        assert_eq!(config.link_local, vec!["169.254.1.1"]);
        assert_eq!(config.driver_opts.get("com.example.opt").map(String::as_str), Some("1"));
        assert_eq!(config.mac, None);
        // Round trip: what is captured is sent back the same way.
        let body = endpoint_settings(&config);
        assert_eq!(body.aliases, Some(vec!["edge".to_string(), "gw".to_string()]));
    }
}
