//! A deterministic text rendering of the topology, so tests can assert on the whole picture at once
//! and a failing test shows it. Also used by `netlens export` for nothing: export has its own formats.

use std::fmt::Write;

use super::{ReachTarget, Topology};
use crate::model::Network;

impl Topology {
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut networks: Vec<_> = self.networks().collect();
        networks.sort_by(|a, b| Network::by_name(a, b));
        for n in networks {
            let mut flags = vec![n.driver.clone(), n.scope.clone()];
            for (on, name) in [
                (n.is_predefined(), "predefined"),
                (n.internal, "internal"),
                (n.attachable, "attachable"),
                (n.ingress, "ingress"),
                (n.enable_ipv6, "ipv6"),
                (n.config_only, "config-only"),
            ] {
                if on {
                    flags.push(name.into());
                }
            }
            let subnets: Vec<String> = n
                .ipam
                .iter()
                .filter_map(|c| {
                    c.subnet.as_ref().map(|s| match &c.gateway {
                        Some(g) => format!("{s} gw {g}"),
                        None => s.clone(),
                    })
                })
                .collect();
            let _ = write!(out, "network {} [{}]", n.name, flags.join(" "));
            if !subnets.is_empty() {
                let _ = write!(out, " {}", subnets.join(", "));
            }
            out.push('\n');
            for (target, kind) in self.reaches_of(&n.id) {
                let t = if target == ReachTarget::Host { "host" } else { "external" };
                let _ = writeln!(out, "  -> {t} ({})", kind.as_str());
            }
            for (c, e) in self.containers_on(&n.id) {
                let _ = write!(out, "  {} [{}]", c.name, c.state.as_str());
                match (&e.ipv4, e.ipv4_prefix) {
                    (Some(ip), Some(p)) => {
                        let _ = write!(out, " {ip}/{p}");
                    }
                    (Some(ip), None) => {
                        let _ = write!(out, " {ip}");
                    }
                    _ => {}
                }
                if let Some(ip6) = &e.ipv6 {
                    let _ = write!(out, " {ip6}");
                }
                for s in [&e.static_ipv4, &e.static_ipv6].into_iter().flatten() {
                    let _ = write!(out, " static {s}");
                }
                if !e.aliases.is_empty() {
                    let _ = write!(out, " aliases {}", e.aliases.join(","));
                }
                out.push('\n');
            }
        }
        let mut loose: Vec<_> = self.containers().filter(|c| self.endpoints_of(&c.id).is_empty()).collect();
        loose.sort_by(|a, b| a.name.cmp(&b.name));
        for c in loose {
            let _ = write!(out, "container {} [{}] no networks ({})", c.name, c.state.as_str(), c.network_mode);
            if let Some(owner) = self.stack_owner(&c.id) {
                let _ = write!(out, " shares the stack of {}", owner.name);
            }
            out.push('\n');
        }
        self.render_services(&mut out);
        out
    }
}
