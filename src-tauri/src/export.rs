//! `netlens export`: the topology as JSON, Graphviz DOT or Mermaid, built from the same `Topology` the
//! window draws. Pure: it formats; reading the engine happens in `cli`.

use serde::Serialize;

use crate::dto::{ContainerDto, EndpointDto, NetworkDto, ReachKindDto};
use netlens_core::topology::{Node, ReachTarget, Topology};
use netlens_engine::EngineInfo;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Dot,
    Mermaid,
}

impl Format {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "json" => Some(Self::Json),
            "dot" => Some(Self::Dot),
            "mermaid" => Some(Self::Mermaid),
            _ => None,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EngineJson<'a> {
    context: &'a str,
    endpoint: &'a str,
    version: Option<&'a str>,
    api_version: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReachJson {
    network_id: String,
    network_name: String,
    target: &'static str,
    kind: ReachKindDto,
    explanation: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExportJson<'a> {
    engine: EngineJson<'a>,
    networks: Vec<NetworkDto>,
    containers: Vec<ContainerDto>,
    endpoints: Vec<EndpointDto>,
    reach: Vec<ReachJson>,
}

pub struct Source<'a> {
    pub context: &'a str,
    pub endpoint: &'a str,
    pub info: &'a EngineInfo,
}

pub fn render(t: &Topology, source: &Source<'_>, format: Format) -> Result<String, serde_json::Error> {
    match format {
        Format::Json => json(t, source),
        Format::Dot => Ok(dot(t)),
        Format::Mermaid => Ok(mermaid(t)),
    }
}

fn sorted_networks(t: &Topology) -> Vec<&netlens_core::model::Network> {
    let mut v: Vec<_> = t.networks().collect();
    v.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    v
}

fn sorted_containers(t: &Topology) -> Vec<&netlens_core::model::Container> {
    let mut v: Vec<_> = t.containers().collect();
    v.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    v
}

fn json(t: &Topology, source: &Source<'_>) -> Result<String, serde_json::Error> {
    let networks = sorted_networks(t);
    let mut endpoints = vec![];
    let mut reach = vec![];
    for n in &networks {
        for (c, e) in t.containers_on(&n.id) {
            endpoints.push(EndpointDto::new(n, c, e));
        }
        for (target, kind) in t.reaches_of(&n.id) {
            reach.push(ReachJson {
                network_id: n.id.clone(),
                network_name: n.name.clone(),
                target: if target == ReachTarget::Host { "host" } else { "external" },
                kind: kind.into(),
                explanation: kind.explanation(),
            });
        }
    }
    let doc = ExportJson {
        engine: EngineJson {
            context: source.context,
            endpoint: source.endpoint,
            version: source.info.version.as_deref(),
            api_version: source.info.api_version.as_deref(),
        },
        networks: networks.iter().map(|n| NetworkDto::from(*n)).collect(),
        containers: sorted_containers(t).into_iter().map(ContainerDto::from).collect(),
        endpoints,
        reach,
    };
    let mut s = serde_json::to_string_pretty(&doc)?;
    s.push('\n');
    Ok(s)
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn dot(t: &Topology) -> String {
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
    out.push_str("}\n");
    out
}

/// Mermaid ids must be plain words: number the nodes in a stable order.
fn mermaid(t: &Topology) -> String {
    let esc = |s: &str| s.replace('"', "#quot;");
    let mut out = String::from("graph LR\n  host[[\"Host\"]]\n  external((\"External\"))\n");
    let networks = sorted_networks(t);
    let containers = sorted_containers(t);
    let net_key: std::collections::HashMap<&str, String> =
        networks.iter().enumerate().map(|(i, n)| (n.id.as_str(), format!("n{i}"))).collect();
    let ctr_key: std::collections::HashMap<&str, String> =
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlens_core::fixtures::demo;

    fn source(info: &EngineInfo) -> Source<'_> {
        Source { context: "default", endpoint: "unix:///var/run/docker.sock", info }
    }

    #[test]
    fn json_lists_networks_endpoints_and_reach() {
        let t = Topology::from_snapshot(&demo());
        let info = EngineInfo { version: Some("20.10.24".into()), api_version: Some("1.41".into()) };
        let v: serde_json::Value = serde_json::from_str(&render(&t, &source(&info), Format::Json).unwrap()).unwrap();
        assert_eq!(v["engine"]["apiVersion"], "1.41");
        assert_eq!(v["networks"].as_array().unwrap().len(), 7);
        let gw: Vec<_> =
            v["endpoints"].as_array().unwrap().iter().filter(|e| e["containerName"] == "gateway").collect();
        assert_eq!(gw.len(), 3);
        assert!(v["reach"].as_array().unwrap().iter().any(|r| r["networkName"] == "backend" && r["kind"] == "nat"));
    }

    #[test]
    fn dot_and_mermaid_carry_every_edge() {
        let t = Topology::from_snapshot(&demo());
        let info = EngineInfo::default();
        let dot = render(&t, &source(&info), Format::Dot).unwrap();
        assert!(dot.starts_with("digraph netlens {"));
        assert!(dot.contains("\"network:n-backend\" -> \"container:c-api\" [label=\"10.214.10.2\", dir=none];"));
        assert!(dot.contains("\"network:n-backend\" -> \"external\" [label=\"NAT\", style=dashed];"));
        let mermaid = render(&t, &source(&info), Format::Mermaid).unwrap();
        assert!(mermaid.starts_with("graph LR\n"));
        assert!(mermaid.contains("n0((\"backend (bridge)\"))"));
        assert!(mermaid.contains("n0 ---|10.214.10.2| c0"));
        assert_eq!(mermaid.matches("---").count(), 10, "one line per endpoint");
    }
}
