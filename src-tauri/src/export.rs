//! `netlens export`: the topology as JSON, Graphviz DOT or Mermaid, built from the same `Topology` the
//! window draws. Pure: it formats; reading the engine happens in `cli`. The JSON is the UI's contract
//! (the DTOs), so it is written here; DOT and Mermaid are the core's (`netlens_core::export`).

use std::cell::Cell;

use serde::{Deserialize, Serialize};

use crate::dto::swarm::ServiceDto;
use crate::dto::{ContainerDto, EndpointDto, NetworkDto};
use netlens_core::export as text;
use netlens_core::topology::{stack, ReachKind, ReachTarget, Topology};
use netlens_engine::EngineInfo;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Dot,
    Mermaid,
}

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Dot => "dot",
            Self::Mermaid => "mermaid",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "json" => Some(Self::Json),
            "dot" => Some(Self::Dot),
            "mermaid" => Some(Self::Mermaid),
            _ => None,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct EngineJson<'a> {
    context: &'a str,
    endpoint: &'a str,
    version: Option<&'a str>,
    api_version: Option<&'a str>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReachJson {
    network_id: String,
    network_name: String,
    target: String,
    kind: ReachKind,
    explanation: String,
}

/// A container in `container:` mode and the container whose network stack it runs in.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StackJson {
    sharer_id: String,
    sharer_name: String,
    owner_id: String,
    owner_name: String,
}

/// The JSON document. Read back, its two long lists are `Vec`s; written, they are `Lazy` lists, each item made
/// as it is written, so one field list defines both.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExportJson<'a, Containers = Vec<ContainerDto>, Endpoints = Vec<EndpointDto>> {
    #[serde(borrow)]
    engine: EngineJson<'a>,
    networks: Vec<NetworkDto>,
    containers: Containers,
    endpoints: Endpoints,
    reach: Vec<ReachJson>,
    stacks: Vec<StackJson>,
    /// Swarm services as this node's manager lists them, with their VIPs and their tasks on this node.
    services: Vec<ServiceDto>,
}

/// A list written as the `Vec` of its items would be, each item made, written and dropped in turn: the DTOs
/// of 2,000 containers and their endpoints are never all held at once (nor freed one by one afterwards).
struct Lazy<I>(Cell<Option<I>>);

impl<I: Iterator<Item = T>, T: Serialize> Serialize for Lazy<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.take() {
            Some(items) => s.collect_seq(items),
            None => Err(serde::ser::Error::custom("a lazy list can be written only once")),
        }
    }
}

pub struct Source<'a> {
    pub context: &'a str,
    pub endpoint: &'a str,
    pub info: &'a EngineInfo,
}

pub fn render(t: &Topology, source: &Source<'_>, format: Format) -> Result<String, serde_json::Error> {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&document(t, source))?;
            s.push('\n');
            Ok(s)
        }
        Format::Dot => Ok(text::dot(t)),
        Format::Mermaid => Ok(text::mermaid(t)),
    }
}

/// `render`'s text written into `out` as it is made (`netlens export` to its standard output): the JSON of
/// a 2,000-container engine is 2.4 MB that need not be held whole before it goes out.
pub fn render_to(
    t: &Topology,
    source: &Source<'_>,
    format: Format,
    out: &mut impl std::io::Write,
) -> Result<(), serde_json::Error> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &document(t, source))?;
            out.write_all(b"\n").map_err(serde_json::Error::io)
        }
        Format::Dot => out.write_all(text::dot(t).as_bytes()).map_err(serde_json::Error::io),
        Format::Mermaid => out.write_all(text::mermaid(t).as_bytes()).map_err(serde_json::Error::io),
    }
}

/// The document `t` makes, its containers and endpoints made as they are written.
fn document<'a, 't>(
    t: &'t Topology,
    source: &Source<'a>,
) -> ExportJson<'a, Lazy<impl Iterator<Item = ContainerDto> + 't>, Lazy<impl Iterator<Item = EndpointDto> + 't>> {
    let networks = text::sorted_networks(t);
    let containers = text::sorted_containers(t);
    let mut reach = vec![];
    for n in &networks {
        for (target, kind) in t.reaches_of(&n.id) {
            reach.push(ReachJson {
                network_id: n.id.clone(),
                network_name: n.name.clone(),
                target: if target == ReachTarget::Host { "host" } else { "external" }.into(),
                kind,
                explanation: kind.explanation().into(),
            });
        }
    }
    // Only a container in `container:` mode has a stack owner: the others need no look-up.
    let stacks = containers
        .iter()
        .filter(|c| stack::shared_reference(c).is_some())
        .filter_map(|c| {
            t.stack_owner(&c.id).map(|o| StackJson {
                sharer_id: c.id.clone(),
                sharer_name: c.name.clone(),
                owner_id: o.id.clone(),
                owner_name: o.name.clone(),
            })
        })
        .collect();
    let endpoints = text::sorted_networks(t)
        .into_iter()
        .flat_map(move |n| t.containers_on(&n.id).into_iter().map(move |(c, e)| EndpointDto::new(n, c, e)));
    ExportJson {
        engine: EngineJson {
            context: source.context,
            endpoint: source.endpoint,
            version: source.info.version.as_deref(),
            api_version: source.info.api_version.as_deref(),
        },
        networks: networks.iter().map(|n| NetworkDto::from(*n)).collect(),
        containers: Lazy(Cell::new(Some(containers.into_iter().map(ContainerDto::from)))),
        endpoints: Lazy(Cell::new(Some(endpoints))),
        reach,
        stacks,
        services: t.services_by_name().into_iter().map(|s| ServiceDto::new(s, t)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlens_core::fixtures::{demo, swarm_demo};

    #[test]
    fn the_json_export_reads_back_into_its_types_and_writes_the_same_text() {
        let info = EngineInfo { version: Some("20.10.24".into()), api_version: Some("1.41".into()) };
        for snap in [demo(), swarm_demo()] {
            let t = Topology::from_snapshot(&snap);
            let text = render(&t, &source(&info), Format::Json).unwrap();
            let doc: ExportJson<'_> = serde_json::from_str(&text).unwrap();
            assert_eq!(doc.containers.len(), t.containers().count());
            assert_eq!(doc.services.len(), snap.services.len());
            assert_eq!(serde_json::to_string_pretty(&doc).unwrap() + "\n", text, "nothing lost or added on the way");
        }
    }

    #[test]
    fn the_text_written_as_it_is_made_is_the_text_rendered_whole() {
        let info = EngineInfo { version: Some("20.10.24".into()), api_version: Some("1.41".into()) };
        for snap in [demo(), swarm_demo()] {
            let t = Topology::from_snapshot(&snap);
            for format in [Format::Json, Format::Dot, Format::Mermaid] {
                let mut out = vec![];
                render_to(&t, &source(&info), format, &mut out).unwrap();
                assert_eq!(String::from_utf8(out).unwrap(), render(&t, &source(&info), format).unwrap(), "{format:?}");
            }
        }
    }

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
        assert_eq!(v["stacks"], serde_json::json!([]));
        assert_eq!(v["services"], serde_json::json!([]));
    }

    #[test]
    fn json_lists_a_service_with_its_vip_and_its_task_on_this_node() {
        use netlens_core::model::{Service, ServiceMode, ServiceNetwork, SERVICE_ID_LABEL};
        let mut snap = demo();
        let task = snap.containers.iter_mut().find(|c| c.name == "db").unwrap();
        task.labels.insert(SERVICE_ID_LABEL.into(), "s-db".into());
        snap.services.push(Service {
            id: "s-db".into(),
            name: "db-svc".into(),
            mode: ServiceMode::Replicated(3),
            image: "netlens/busybox:latest".into(),
            endpoint_mode: "vip".into(),
            networks: vec![ServiceNetwork {
                network_id: "n-backend".into(),
                virtual_ip: Some("10.214.10.50/24".into()),
            }],
            ports: vec![],
            running_tasks: Some(3),
            desired_tasks: Some(3),
            labels: Default::default(),
        });
        let info = EngineInfo { version: None, api_version: None };
        let text = render(&Topology::from_snapshot(&snap), &source(&info), Format::Json).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let s = &v["services"][0];
        assert_eq!(
            (s["name"].as_str(), s["mode"].as_str(), s["replicas"].as_u64()),
            (Some("db-svc"), Some("replicated 3"), Some(3))
        );
        assert_eq!(s["networks"][0]["virtualIp"], "10.214.10.50/24");
        assert_eq!(
            s["tasksHere"],
            serde_json::json!([{ "containerId": "c-db", "containerName": "db", "state": "running" }])
        );
    }

    #[test]
    fn json_ties_a_container_mode_sidecar_to_the_container_whose_stack_it_shares() {
        let info = EngineInfo { version: None, api_version: None };
        let text = render(&netlens_core::fixtures::demo_with_sidecar(), &source(&info), Format::Json).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            v["stacks"],
            serde_json::json!([{ "sharerId": "c-side", "sharerName": "api-side", "ownerId": "c-api", "ownerName": "api" }])
        );
    }
}
