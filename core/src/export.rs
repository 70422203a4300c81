//! The topology as Graphviz DOT and Mermaid text, for `netlens export` and the window's export.
//!
//! Owns the text formats and the stable order (by name, then ID) every export uses, so two exports of the
//! same engine are identical. Pure; it must not read the engine or know the UI's contract (the JSON export
//! is the contract's, in the app).

use std::collections::HashMap;

use crate::model::{Container, Network};
use crate::topology::{Node, ReachTarget, Topology};

pub fn sorted_networks(t: &Topology) -> Vec<&Network> {
    let mut v: Vec<_> = t.networks().collect();
    v.sort_by(|a, b| Network::by_name(a, b));
    v
}

pub fn sorted_containers(t: &Topology) -> Vec<&Container> {
    let mut v: Vec<_> = t.containers().collect();
    v.sort_by(|a, b| Container::by_name(a, b));
    v
}

/// A DOT quoted string. A line break is written as DOT's `\n` escape (a centred line break in a label)
/// rather than a raw newline, so each statement stays on one line of the file.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"))
}

pub fn dot(t: &Topology) -> String {
    let mut out = String::from("digraph netlens {\n  rankdir=LR;\n  node [fontname=\"sans-serif\"];\n");
    out.push_str(
        "  \"host\" [label=\"Host\", shape=house];\n  \"external\" [label=\"External\", shape=doublecircle];\n",
    );
    for n in sorted_networks(t) {
        out.push_str(&format!(
            "  {} [label={}, shape=ellipse, style=filled, fillcolor=\"#dbeafe\"];\n",
            quote(&Node::Network(n.clone()).id()),
            quote(&format!("{}\n({})", n.name, n.driver))
        ));
    }
    for c in sorted_containers(t) {
        let style = if c.state.is_live() { "solid" } else { "dashed" };
        out.push_str(&format!(
            "  {} [label={}, shape=box, style={style}];\n",
            quote(&Node::Container(c.clone()).id()),
            quote(&format!("{}\n{}", c.name, c.state.as_str()))
        ));
    }
    for n in sorted_networks(t) {
        let from = quote(&Node::Network(n.clone()).id());
        for (target, kind) in t.reaches_of(&n.id) {
            let to = if target == ReachTarget::Host { "\"host\"" } else { "\"external\"" };
            out.push_str(&format!("  {from} -> {to} [label={}, style=dashed];\n", quote(kind.label())));
        }
        for (c, e) in t.containers_on(&n.id) {
            let label = e.ipv4.clone().unwrap_or_default();
            out.push_str(&format!(
                "  {from} -> {} [label={}, dir=none];\n",
                quote(&Node::Container(c.clone()).id()),
                quote(&label)
            ));
        }
    }
    for (sharer, owner) in stack_ties(t) {
        out.push_str(&format!(
            "  {} -> {} [label=\"shares stack\", style=dotted, color=\"#0d9488\"];\n",
            quote(&Node::Container(sharer.clone()).id()),
            quote(&Node::Container(owner.clone()).id())
        ));
    }
    for s in t.services_by_name() {
        let id = quote(&Node::Service(s.clone()).id());
        out.push_str(&format!(
            "  {id} [label={}, shape=hexagon, style=filled, fillcolor=\"#ede9fe\"];\n",
            quote(&format!("{}\n(service, {})", s.name, s.mode.describe()))
        ));
        for (n, a) in t.service_networks(&s.id) {
            let vip = a.virtual_ip.as_deref().unwrap_or("dnsrr");
            let to = quote(&Node::Network(n.clone()).id());
            out.push_str(&format!("  {id} -> {to} [label={}, dir=none, color=\"#7c3aed\"];\n", quote(vip)));
        }
        for c in t.tasks_of(&s.id) {
            let to = quote(&Node::Container(c.clone()).id());
            out.push_str(&format!("  {id} -> {to} [label=\"task\", style=dashed, color=\"#7c3aed\"];\n"));
        }
    }
    out.push_str("}\n");
    out
}

/// Every `container:`-mode container with the container whose network stack it shares, by sharer.
fn stack_ties(t: &Topology) -> Vec<(&Container, &Container)> {
    sorted_containers(t).into_iter().filter_map(|c| t.stack_owner(&c.id).map(|o| (c, o))).collect()
}

/// Mermaid ids must be plain words: number the nodes in a stable order.
pub fn mermaid(t: &Topology) -> String {
    let esc = |s: &str| s.replace('"', "#quot;");
    let mut out = String::from("graph LR\n  host[[\"Host\"]]\n  external((\"External\"))\n");
    let networks = sorted_networks(t);
    let containers = sorted_containers(t);
    let net_key: HashMap<&str, String> =
        networks.iter().enumerate().map(|(i, n)| (n.id.as_str(), format!("n{i}"))).collect();
    let ctr_key: HashMap<&str, String> =
        containers.iter().enumerate().map(|(i, c)| (c.id.as_str(), format!("c{i}"))).collect();
    for n in &networks {
        out.push_str(&format!("  {}((\"{} ({})\"))\n", net_key[n.id.as_str()], esc(&n.name), esc(&n.driver)));
    }
    for c in &containers {
        out.push_str(&format!("  {}[\"{} ({})\"]\n", ctr_key[c.id.as_str()], esc(&c.name), c.state.as_str()));
    }
    for n in &networks {
        let from = &net_key[n.id.as_str()];
        for (target, kind) in t.reaches_of(&n.id) {
            let to = if target == ReachTarget::Host { "host" } else { "external" };
            out.push_str(&format!("  {from} -.->|{}| {to}\n", esc(kind.label())));
        }
        for (c, e) in t.containers_on(&n.id) {
            let to = &ctr_key[c.id.as_str()];
            match &e.ipv4 {
                Some(ip) => out.push_str(&format!("  {from} ---|{ip}| {to}\n")),
                None => out.push_str(&format!("  {from} --- {to}\n")),
            }
        }
    }
    for (sharer, owner) in stack_ties(t) {
        out.push_str(&format!("  {} -.->|shares stack| {}\n", ctr_key[sharer.id.as_str()], ctr_key[owner.id.as_str()]));
    }
    for (i, s) in t.services_by_name().into_iter().enumerate() {
        out.push_str(&format!("  s{i}{{{{\"{} (service, {})\"}}}}\n", esc(&s.name), s.mode.describe()));
        for (n, a) in t.service_networks(&s.id) {
            let vip = a.virtual_ip.as_deref().unwrap_or("dnsrr");
            out.push_str(&format!("  s{i} ===|{vip}| {}\n", net_key[n.id.as_str()]));
        }
        for c in t.tasks_of(&s.id) {
            out.push_str(&format!("  s{i} -.->|task| {}\n", ctr_key[c.id.as_str()]));
        }
    }
    out
}

#[cfg(test)]
#[path = "export_parse_tests.rs"]
mod parse_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::demo;

    #[test]
    fn dot_and_mermaid_carry_every_edge() {
        let t = Topology::from_snapshot(&demo());
        let dot = dot(&t);
        assert!(dot.starts_with("digraph netlens {"));
        assert!(dot.contains("\"network:n-backend\" -> \"container:c-api\" [label=\"10.214.10.2\", dir=none];"));
        assert!(dot.contains("\"network:n-backend\" -> \"external\" [label=\"NAT\", style=dashed];"));
        let mermaid = mermaid(&t);
        assert!(mermaid.starts_with("graph LR\n"));
        assert!(mermaid.contains("n0((\"backend (bridge)\"))"));
        assert!(mermaid.contains("n0 ---|10.214.10.2| c0"));
        assert_eq!(mermaid.matches("---").count(), 10, "one line per endpoint");
    }

    #[test]
    fn dot_and_mermaid_draw_services_with_their_vips_and_their_tasks_here() {
        let t = Topology::from_snapshot(&crate::topology::swarm::tests::swarm_demo());
        let dot = dot(&t);
        assert!(dot.contains(
            "  \"service:s-web\" [label=\"web\\n(service, replicated 2)\", shape=hexagon, style=filled, fillcolor=\"#ede9fe\"];\n"
        ), "{dot}");
        assert!(dot.contains(
            "  \"service:s-web\" -> \"network:n-apps\" [label=\"10.0.1.2/24\", dir=none, color=\"#7c3aed\"];\n"
        ));
        assert!(dot.contains(
            "  \"service:s-web\" -> \"container:c-web1\" [label=\"task\", style=dashed, color=\"#7c3aed\"];\n"
        ));
        // Mermaid numbers services by name (ghost s0, web s1) and networks by name (apps n0, ingress n5).
        let mermaid = mermaid(&t);
        assert!(mermaid.contains("  s1{{\"web (service, replicated 2)\"}}\n"), "{mermaid}");
        assert!(mermaid.contains("  s1 ===|10.0.1.2/24| n0\n"), "{mermaid}");
        assert!(mermaid.contains("  s1 ===|10.0.0.5/24| n5\n"), "{mermaid}");
        assert_eq!(mermaid.matches("-.->|task|").count(), 1, "one task on this node");
    }

    #[test]
    fn dot_and_mermaid_draw_a_shared_stack_as_its_own_kind_of_line() {
        let t = crate::fixtures::demo_with_sidecar();
        let dot = dot(&t);
        assert!(dot.contains(
            "  \"container:c-side\" -> \"container:c-api\" [label=\"shares stack\", style=dotted, color=\"#0d9488\"];\n"
        ));
        // Mermaid numbers containers by name: api c0, api-side c1.
        let mermaid = mermaid(&t);
        assert!(mermaid.contains("  c1[\"api-side (running)\"]\n"), "{mermaid}");
        assert!(mermaid.contains("  c1 -.->|shares stack| c0\n"), "{mermaid}");
        assert_eq!(mermaid.matches("shares stack").count(), 1);
    }
}
