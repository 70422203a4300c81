//! What one attachment of a container to a network is made of, as far as undo needs to ask for it again.
//!
//! Owns the rules for which aliases a user chose (as opposed to the ones the engine adds) and the config a
//! disconnect must remember. Pure; the engine crate fills it from a container inspect.

use super::EndpointConfig;
use crate::model::{Container, Endpoint};

/// The attachment as the topology knows it: user aliases (when filled) and the static addresses.
///
/// The container list leaves aliases, link-local IPs and driver options empty, so for an exact undo the
/// engine side should build the config from a container inspect (with `user_aliases`) and use
/// `Operation::with_restore`. The MAC address is left out: inspect does not tell a chosen one from a
/// generated one, and asking for a generated one again could clash.
pub fn restore_config(container: &Container, endpoint: &Endpoint) -> EndpointConfig {
    EndpointConfig {
        aliases: user_aliases(container, &endpoint.aliases),
        ipv4: endpoint.static_ipv4.clone(),
        ipv6: endpoint.static_ipv6.clone(),
        ..EndpointConfig::default()
    }
}

/// The aliases a user (or compose) chose, without those the engine adds by itself (the short ID; the
/// name, which resolves anyway), so a restore does not pin them as user aliases. Order kept, duplicates
/// dropped.
pub fn user_aliases(container: &Container, aliases: &[String]) -> Vec<String> {
    let short_id = container.id.get(..12).unwrap_or(&container.id);
    let name = container.name.trim_start_matches('/');
    let mut out: Vec<String> = Vec::new();
    for a in aliases {
        let engine_added = a == short_id || *a == container.id || a.trim_start_matches('/') == name;
        if !engine_added && !out.contains(a) {
            out.push(a.clone());
        }
    }
    out
}
