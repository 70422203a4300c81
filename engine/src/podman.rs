//! Podman's Docker-compatible API (`podman system service`), read so that it draws as Docker's does.
//!
//! Owns every difference from Docker's answers that Netlens makes up for, and the plain words for what it
//! cannot (`LIMITS`). Seen on Podman 4.3 (Debian 12) against a private service, `tests/podman.rs`:
//! - An endpoint's `NetworkID` is the network's *name* and its `EndpointID` is empty, so matching endpoints
//!   to networks by ID drew no edge at all. Names are resolved to IDs here.
//! - The default network is listed as `bridge`, but containers call it by its own name (`podman`): a name
//!   the list does not know is looked up with one network inspect (that accepts the real name).
//! - The container list has no `HostConfig.NetworkMode`, and a `container:<id>` container lists its owner's
//!   endpoints as its own: on Podman only, each container is inspected for its mode (one request each, in
//!   parallel; Docker keeps its two requests), and a shared stack's endpoints stay with their owner.
//! - No events for network create, remove or prune, and `connect`/`disconnect` name the container as the
//!   actor without a `container` attribute: the network list is checked every second for networks that
//!   came or went, and a connect's actor is passed on as its container.
//! - Static addresses (`IPAMConfig`), link-local IPs, driver options, IP ranges and auxiliary addresses are
//!   never reported, and there are no `host` and `none` networks: see `LIMITS`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bollard::models::{EventActor, EventMessage, EventMessageTypeEnum, SystemVersion};
use bollard::query_parameters::{
    InspectContainerOptions, InspectNetworkOptions, ListContainersOptions, ListNetworksOptions,
};
use bollard::Docker;
use futures_util::{Stream, StreamExt};

use super::{convert, Engine, EngineError};
use netlens_core::events::{Patch, Rereads};
use netlens_core::model::{Container, Network, Snapshot};

/// What Podman's Docker-compatible API does not tell or do, in words for the person using Netlens.
pub const LIMITS: [&str; 4] = [
    "Podman does not report static addresses, link-local IPs, driver options or endpoint IDs through the \
     Docker-compatible API: Netlens cannot show them, and undoing a disconnect gives the container a new address.",
    "Podman does not report a network's IP range or auxiliary addresses through the Docker-compatible API: \
     Netlens cannot show them, and re-creating a removed network (undo) does not bring them back.",
    "Podman sends no events when networks are created or removed: Netlens checks its network list every second.",
    "Podman has no host and none networks: a container in host or none mode is shown with that mode and no edge.",
];

/// How often the network list is compared with the last one, for the create and remove events Podman lacks.
const NETWORK_POLL: Duration = Duration::from_secs(1);
/// Containers inspected at once for their network mode.
const INSPECT_CONCURRENCY: usize = 8;

/// Whether the engine that answered `/version` is Podman (its components name it; Docker's say `Engine`).
pub fn is_podman(version: &SystemVersion) -> bool {
    let named = |s: &str| s.to_ascii_lowercase().contains("podman");
    version.components.iter().flatten().any(|c| named(&c.name))
        || version.platform.as_ref().is_some_and(|p| named(&p.name))
}

/// What Netlens keeps about a Podman engine between reads: the network IDs the view was last given.
#[derive(Debug, Default)]
pub struct Podman {
    networks: Mutex<Option<BTreeSet<String>>>,
}

impl Podman {
    fn remember(&self, networks: &[Network]) {
        if let Ok(mut known) = self.networks.lock() {
            *known = Some(networks.iter().map(|n| n.id.clone()).collect());
        }
    }

    fn knows_network(&self, id: &str) -> bool {
        self.networks.lock().map(|k| k.as_ref().is_some_and(|k| k.contains(id))).unwrap_or(false)
    }

    /// The networks that came and went since the last look, as `(created, gone)`; the first look only
    /// remembers.
    fn changes(&self, listed: &BTreeMap<String, String>) -> (Vec<(String, String)>, Vec<String>) {
        let Ok(mut known) = self.networks.lock() else { return (vec![], vec![]) };
        let now: BTreeSet<String> = listed.keys().cloned().collect();
        let changes = match known.as_ref() {
            Some(before) => (
                listed.iter().filter(|(id, _)| !before.contains(*id)).map(|(i, n)| (i.clone(), n.clone())).collect(),
                before.difference(&now).cloned().collect(),
            ),
            None => (vec![], vec![]),
        };
        *known = Some(now);
        changes
    }
}

/// The whole topology from the two lists, completed with each container's network mode and the names of
/// unlisted networks.
pub async fn snapshot_of(
    engine: &Engine,
    podman: &Podman,
    networks: Vec<bollard::models::Network>,
    containers: Vec<bollard::models::ContainerSummary>,
) -> Result<Snapshot, EngineError> {
    let mut networks: Vec<Network> = networks.into_iter().map(convert::network).collect();
    let mut containers: Vec<Container> = containers.into_iter().map(convert::container).collect();
    complete(engine, &networks, &mut containers).await?;
    podman.remember(&networks);
    networks.sort_by(Network::by_name);
    containers.sort_by(Container::by_name);
    Ok(Snapshot { networks, containers, services: vec![] })
}

/// Reads again what events named. The whole network list is read (one request) so the containers'
/// endpoints can be given their networks' IDs; only the asked-for networks go into the patch.
pub async fn reread(engine: &Engine, asked: &Rereads) -> Result<Patch, EngineError> {
    let docker = engine.docker();
    let by_id = |ids: &BTreeSet<String>| Some(HashMap::from([("id".to_string(), ids.iter().cloned().collect())]));
    let networks = docker.list_networks(None::<ListNetworksOptions>);
    let containers = async {
        if asked.containers.is_empty() {
            return Ok(vec![]);
        }
        let options = ListContainersOptions { all: true, filters: by_id(&asked.containers), ..Default::default() };
        docker.list_containers(Some(options)).await
    };
    let (networks, containers) = tokio::join!(networks, containers);
    let networks: Vec<Network> = networks.map_err(|e| engine.err(e))?.into_iter().map(convert::network).collect();
    let mut containers: Vec<Container> =
        containers.map_err(|e| engine.err(e))?.into_iter().map(convert::container).collect();
    complete(engine, &networks, &mut containers).await?;
    Ok(Patch::from_reads(asked, networks, containers))
}

/// Fills in what the container list lacks: network modes (an inspect per container) and the IDs of the
/// networks its endpoints name.
async fn complete(engine: &Engine, networks: &[Network], containers: &mut [Container]) -> Result<(), EngineError> {
    let ids: Vec<String> = containers.iter().map(|c| c.id.clone()).collect();
    let modes: Vec<Result<(String, Option<String>), EngineError>> = futures_util::stream::iter(ids)
        .map(|id| async move {
            match engine.docker().inspect_container(&id, None::<InspectContainerOptions>).await {
                Ok(c) => Ok((id, c.host_config.and_then(|h| h.network_mode))),
                // Removed since it was listed: the event of its removal settles it.
                Err(bollard::errors::Error::DockerResponseServerError { status_code: 404, .. }) => Ok((id, None)),
                Err(e) => Err(engine.err(e)),
            }
        })
        .buffer_unordered(INSPECT_CONCURRENCY)
        .collect()
        .await;
    let modes: HashMap<String, Option<String>> = modes.into_iter().collect::<Result<_, _>>()?;
    let unknown: BTreeSet<String> =
        containers.iter().flat_map(|c| &c.endpoints).filter_map(|e| unlisted(networks, e)).collect();
    let mut extra = HashMap::new();
    for name in unknown {
        match engine.docker().inspect_network(&name, None::<InspectNetworkOptions>).await {
            Ok(n) => {
                if let Some(id) = n.id {
                    extra.insert(name, id);
                }
            }
            Err(bollard::errors::Error::DockerResponseServerError { status_code: 404, .. }) => {}
            Err(e) => return Err(engine.err(e)),
        }
    }
    for c in containers.iter_mut() {
        if let Some(mode) = modes.get(&c.id).cloned().flatten() {
            apply_network_mode(c, &mode);
        }
        resolve_endpoints(c, networks, &extra);
    }
    Ok(())
}

/// The name an endpoint gives for its network when the list has no network by that ID or name.
fn unlisted(networks: &[Network], e: &netlens_core::model::Endpoint) -> Option<String> {
    let listed = networks.iter().any(|n| n.id == e.network_id || n.name == e.network_id || n.name == e.network_name);
    (!listed && !e.network_name.is_empty()).then(|| e.network_name.clone())
}

/// Gives each endpoint its network's ID: Podman writes the network's name where Docker writes the ID.
/// `extra` maps names the list does not show (the default network's own name) to IDs.
pub fn resolve_endpoints(c: &mut Container, networks: &[Network], extra: &HashMap<String, String>) {
    for e in &mut c.endpoints {
        if networks.iter().any(|n| n.id == e.network_id) {
            continue;
        }
        let by_name = |name: &str| networks.iter().find(|n| !name.is_empty() && n.name == name).map(|n| n.id.clone());
        if let Some(id) = by_name(&e.network_id).or_else(|| by_name(&e.network_name)) {
            e.network_id = id;
        } else if let Some(id) = extra.get(&e.network_name) {
            e.network_id = id.clone();
        }
    }
}

/// The container's network mode from its inspect. A container that shares another's stack
/// (`container:<id>`) is listed with its owner's endpoints; as on Docker, they are drawn on the owner only.
pub fn apply_network_mode(c: &mut Container, mode: &str) {
    if mode.is_empty() {
        return;
    }
    c.network_mode = mode.to_string();
    if mode.starts_with("container:") {
        c.endpoints.clear();
    }
}

type Event = Result<EventMessage, EngineError>;

/// Podman's event stream made to say what Docker's says: a connect or disconnect names its container, and
/// networks that came or went (for which Podman sends nothing) are announced from the network list.
pub fn events(
    podman: Arc<Podman>,
    docker: Docker,
    host: String,
    stream: impl Stream<Item = Event> + Send + 'static,
) -> impl Stream<Item = Event> + Send + 'static {
    let known = podman.clone();
    let stream = stream.map(move |event| event.map(|e| name_container(&known, e)));
    futures_util::stream::select(stream, network_changes(podman, docker, host))
}

/// Podman's connect and disconnect events carry the container as the actor and no `container` attribute;
/// an actor that is a known network is left alone (the event then asks for a full read).
fn name_container(podman: &Podman, mut event: EventMessage) -> EventMessage {
    let is_network = event.typ == Some(EventMessageTypeEnum::NETWORK);
    let is_endpoint = matches!(event.action.as_deref(), Some("connect" | "disconnect"));
    if let (true, true, Some(actor)) = (is_network, is_endpoint, event.actor.as_mut()) {
        let attributes = actor.attributes.get_or_insert_with(HashMap::new);
        let named = attributes.get("container").is_some_and(|c| !c.is_empty());
        if let Some(id) = actor.id.clone().filter(|id| !named && !id.is_empty() && !podman.knows_network(id)) {
            attributes.insert("container".into(), id);
        }
    }
    event
}

/// A `create` or `destroy` event for each network that came or went since the last look, every second.
fn network_changes(podman: Arc<Podman>, docker: Docker, host: String) -> impl Stream<Item = Event> + Send + 'static {
    futures_util::stream::unfold((podman, docker, host), |(podman, docker, host)| async move {
        tokio::time::sleep(NETWORK_POLL).await;
        let events: Vec<Event> = match docker.list_networks(None::<ListNetworksOptions>).await {
            Ok(list) => {
                let listed = list.into_iter().filter_map(|n| Some((n.id?, n.name.unwrap_or_default()))).collect();
                let (created, gone) = podman.changes(&listed);
                let created = created.into_iter().map(|(id, name)| Ok(network_event("create", id, Some(name))));
                created.chain(gone.into_iter().map(|id| Ok(network_event("destroy", id, None)))).collect()
            }
            Err(e) => vec![Err(EngineError::from_bollard(&host, e))],
        };
        Some((futures_util::stream::iter(events), (podman, docker, host)))
    })
    .flatten()
}

fn network_event(action: &str, id: String, name: Option<String>) -> EventMessage {
    EventMessage {
        typ: Some(EventMessageTypeEnum::NETWORK),
        action: Some(action.into()),
        actor: Some(EventActor {
            id: Some(id),
            attributes: Some(name.map(|n| HashMap::from([("name".to_string(), n)])).unwrap_or_default()),
        }),
        ..EventMessage::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bollard::models::{SystemVersionComponents, SystemVersionPlatform};
    use netlens_core::model::{ContainerState, Endpoint};

    fn network(id: &str, name: &str) -> Network {
        Network { id: id.into(), name: name.into(), driver: "bridge".into(), ..Network::default() }
    }

    fn container(endpoints: &[(&str, &str)]) -> Container {
        Container {
            id: "c1".into(),
            name: "box".into(),
            image: "busybox".into(),
            state: ContainerState::Running,
            status: "Up".into(),
            network_mode: "default".into(),
            labels: Default::default(),
            ports: vec![],
            endpoints: endpoints
                .iter()
                .map(|(key, id)| Endpoint {
                    network_id: id.to_string(),
                    network_name: key.to_string(),
                    ..Endpoint::default()
                })
                .collect(),
        }
    }

    #[test]
    fn podman_is_told_by_its_version_components() {
        let component = |name: &str| SystemVersionComponents { name: name.into(), ..Default::default() };
        let podman = SystemVersion { components: Some(vec![component("Podman Engine")]), ..Default::default() };
        assert!(is_podman(&podman));
        let docker = SystemVersion {
            platform: Some(SystemVersionPlatform { name: "Docker Engine - Community".into() }),
            components: Some(vec![component("Engine"), component("containerd")]),
            ..Default::default()
        };
        assert!(!is_podman(&docker));
        assert!(!is_podman(&SystemVersion::default()));
    }

    #[test]
    fn endpoints_named_by_network_name_get_the_network_id() {
        // As Podman 4.3 lists them: NetworkID is the name; the default network is "bridge" in the network
        // list but "podman" on its containers.
        let networks = [network("n-app", "app"), network("n-default", "bridge")];
        let extra = HashMap::from([("podman".to_string(), "n-default".to_string())]);
        let mut c = container(&[("app", "app"), ("podman", "podman"), ("gone", "gone")]);
        resolve_endpoints(&mut c, &networks, &extra);
        let ids: Vec<_> = c.endpoints.iter().map(|e| (e.network_name.as_str(), e.network_id.as_str())).collect();
        assert_eq!(ids, [("app", "n-app"), ("podman", "n-default"), ("gone", "gone")]);
        // Docker's answers (already IDs) are left as they are.
        let mut d = container(&[("app", "n-app")]);
        resolve_endpoints(&mut d, &networks, &HashMap::new());
        assert_eq!(d.endpoints[0].network_id, "n-app");
        assert_eq!(unlisted(&networks, &c.endpoints[1]), None);
        let podman_default = container(&[("podman", "podman")]);
        assert_eq!(unlisted(&networks, &podman_default.endpoints[0]).as_deref(), Some("podman"));
    }

    #[test]
    fn a_shared_stack_keeps_its_endpoints_on_the_owner_only() {
        let mut c = container(&[("app", "app")]);
        apply_network_mode(&mut c, "container:c0");
        assert_eq!(c.network_mode, "container:c0");
        assert!(c.endpoints.is_empty());
        let mut h = container(&[]);
        apply_network_mode(&mut h, "host");
        assert_eq!(h.network_mode, "host");
        let mut b = container(&[("app", "app")]);
        apply_network_mode(&mut b, "");
        assert_eq!((b.network_mode.as_str(), b.endpoints.len()), ("default", 1));
    }

    #[test]
    fn networks_that_came_and_went_are_found_after_the_first_look() {
        let podman = Podman::default();
        let listed = |ids: &[&str]| ids.iter().map(|i| (i.to_string(), format!("net-{i}"))).collect();
        assert_eq!(podman.changes(&listed(&["a", "b"])), (vec![], vec![]), "the first look only remembers");
        let (created, gone) = podman.changes(&listed(&["b", "c"]));
        assert_eq!(created, [("c".to_string(), "net-c".to_string())]);
        assert_eq!(gone, ["a"]);
        podman.remember(&[network("x", "x")]);
        assert!(podman.knows_network("x") && !podman.knows_network("b"));
    }

    #[test]
    fn a_connect_names_its_container_unless_the_actor_is_a_network() {
        let podman = Podman::default();
        podman.remember(&[network("n1", "app")]);
        let event = |actor: &str| EventMessage {
            typ: Some(EventMessageTypeEnum::NETWORK),
            action: Some("connect".into()),
            actor: Some(EventActor {
                id: Some(actor.into()),
                attributes: Some(HashMap::from([("name".into(), "box".into())])),
            }),
            ..EventMessage::default()
        };
        let named = name_container(&podman, event("c1"));
        let attributes = named.actor.and_then(|a| a.attributes).unwrap_or_default();
        assert_eq!(attributes.get("container").map(String::as_str), Some("c1"));
        let docker_like = name_container(&podman, event("n1"));
        assert!(!docker_like.actor.and_then(|a| a.attributes).unwrap_or_default().contains_key("container"));
    }
}
