//! Netlens' only door to a Docker engine (through bollard).
//!
//! Owns choosing the engine (`target`), connecting (with version negotiation and TLS), the two snapshot requests
//! (a third, `swarm`, on a swarm manager), the event stream and,
//! in `write` and `networks`, the calls that change the engine. It hands plain `netlens_core::model` data to
//! the core and must not hold topology, layout or UI state, nor know about Tauri.

pub mod catalog;
mod client;
pub mod contexts;
pub mod convert;
pub mod events;
pub mod form;
pub mod networks;
pub mod podman;
pub mod saved;
pub mod ssh;
pub mod swarm;
pub mod target;
pub mod testing;
pub mod tls;
pub mod write;

use std::collections::HashMap;

use bollard::models::SystemVersion;
use bollard::query_parameters::{EventsOptions, ListContainersOptions, ListNetworksOptions};
use bollard::Docker;
use futures_util::Stream;

pub use client::connection_notes;
use client::{docker_at, negotiated, open, through};
use netlens_core::events::{Patch, Rereads};
use netlens_core::model::{Container, Endpoint, Snapshot};
pub use target::{Environment, Target};

/// Requests that take longer than this are treated as an unreachable engine.
const TIMEOUT_SECS: u64 = 30;
/// How many containers `Engine::settled` waits for at once, and one read inspects for their attachments
/// (`events::Between::only_attachments`).
pub(crate) const SETTLE_AT_MOST: usize = 8;

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum EngineError {
    #[error("no Docker engine answers at {endpoint}: {reason}")]
    Unreachable { endpoint: String, reason: String },
    #[error("the engine refused the request ({status}): {message}")]
    Rejected { status: u16, message: String },
    #[error("the engine address `{endpoint}` cannot be used: {reason}")]
    BadConfig { endpoint: String, reason: String },
}

impl EngineError {
    fn from_bollard(endpoint: &str, e: bollard::errors::Error) -> Self {
        use bollard::errors::Error as B;
        match e {
            B::DockerResponseServerError { status_code, message } => Self::Rejected { status: status_code, message },
            B::UnsupportedURISchemeError { uri } => Self::BadConfig {
                endpoint: endpoint.into(),
                reason: format!("unsupported scheme in {uri}; use unix://, tcp:// or https://"),
            },
            B::CertPathError { .. } | B::CertParseError { .. } | B::CertMultipleKeys { .. } => {
                Self::BadConfig { endpoint: endpoint.into(), reason: e.to_string() }
            }
            other => Self::Unreachable { endpoint: endpoint.into(), reason: with_causes(&other) },
        }
    }
}

/// An error with its causes: hyper says only "client error (Connect)" where rustls knows the engine's
/// certificate was signed by an unknown issuer.
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        cause = c.source();
    }
    text
}

/// Who answered: shown in the status bar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EngineInfo {
    pub version: Option<String>,
    pub api_version: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Engine {
    docker: Docker,
    target: Target,
    info: EngineInfo,
    /// Set when the engine is Podman's Docker-compatible service, whose answers `podman` makes up for.
    podman: Option<std::sync::Arc<podman::Podman>>,
    /// The ssh forward an `ssh://` engine is reached through; it ends when the last clone is dropped.
    tunnel: Option<std::sync::Arc<ssh::Forward>>,
}

impl Engine {
    /// Connects and negotiates the API version, so newer engines and Debian's 20.10 (API 1.41) both work.
    pub async fn connect(target: &Target) -> Result<Self, EngineError> {
        let (docker, tunnel) = open(target).await?;
        // One request for both the negotiation and the status bar's versions (bollard's `negotiate_version`
        // would ask `/version` a second time): a round trip fewer before the first read of the engine.
        let version = docker.version().await;
        Self::settle(target, docker, tunnel, version).await
    }

    /// `connect` then `snapshot` for a read that needs nothing else (`netlens export`), one round trip
    /// shorter: `/version` goes out with the two lists instead of before them. The lists need no negotiated
    /// version (bollard 0.21 sends every path without a `/vX.Y` prefix, so the engine answers in its own API
    /// version either way); should an engine refuse them, they are asked again once the version is settled,
    /// exactly as `snapshot` asks them.
    pub async fn connect_and_snapshot(target: &Target) -> Result<(Self, Snapshot), EngineError> {
        let (docker, tunnel) = open(target).await?;
        let networks = docker.list_networks(None::<ListNetworksOptions>);
        let containers = docker.list_containers(Some(ListContainersOptions { all: true, ..Default::default() }));
        let (version, networks, containers) = tokio::join!(docker.version(), networks, containers);
        let engine = Self::settle(target, docker, tunnel, version).await?;
        let snapshot = match (networks, containers) {
            (Ok(networks), Ok(containers)) => engine.snapshot_of(networks, containers).await?,
            _ => engine.snapshot().await?,
        };
        Ok((engine, snapshot))
    }

    /// The engine as its `/version` answer describes it, spoken to in the negotiated API version.
    async fn settle(
        target: &Target,
        docker: Docker,
        tunnel: Option<std::sync::Arc<ssh::Forward>>,
        version: Result<SystemVersion, bollard::errors::Error>,
    ) -> Result<Self, EngineError> {
        let version = match version {
            Ok(v) => v,
            Err(e) => return Err(through(tunnel.as_deref(), EngineError::from_bollard(&target.host, e)).await),
        };
        let docker = match negotiated(version.api_version.as_deref()) {
            Some(v) => docker_at(target, tunnel.as_deref(), &v)?,
            None => docker,
        };
        let podman = podman::is_podman(&version).then(std::sync::Arc::default);
        // The status bar and the export say which engine it is: a Podman version is not a Docker version.
        let product = |v: String| if podman.is_some() { format!("Podman {v}") } else { v };
        let info = EngineInfo { version: version.version.map(product), api_version: version.api_version };
        Ok(Self { docker, target: target.clone(), info, podman, tunnel })
    }

    /// The ssh process an `ssh://` engine is reached through, while it runs.
    pub fn tunnel_pid(&self) -> Option<u32> {
        self.tunnel.as_ref().and_then(|t| t.pid())
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    pub fn info(&self) -> &EngineInfo {
        &self.info
    }

    pub fn docker(&self) -> &Docker {
        &self.docker
    }

    /// Whether the engine is Podman (its Docker-compatible API), detected from its version answer.
    pub fn is_podman(&self) -> bool {
        self.podman.is_some()
    }

    /// What a person should know about this engine that the picture cannot show, in words for the window:
    /// what its API cannot tell (Podman's compatible API) and how the connection is secured. Empty for a
    /// local Docker socket.
    pub fn limits(&self) -> Vec<String> {
        let mut out: Vec<String> =
            if self.is_podman() { podman::LIMITS.iter().map(|l| l.to_string()).collect() } else { vec![] };
        out.extend(connection_notes(&self.target));
        out
    }

    fn err(&self, e: bollard::errors::Error) -> EngineError {
        EngineError::from_bollard(&self.target.host, e)
    }

    /// The whole topology in exactly two requests: the network list and the container list. Network
    /// inspect would add the `Containers` map but costs one request per network; the container list
    /// already carries every endpoint. Where the two lists show a swarm (a swarm-scoped network, a task
    /// container), a third asks for the services, which only a manager answers (`swarm`).
    pub async fn snapshot(&self) -> Result<Snapshot, EngineError> {
        let networks = self.docker.list_networks(None::<ListNetworksOptions>);
        let containers = self.docker.list_containers(Some(ListContainersOptions { all: true, ..Default::default() }));
        let (networks, containers) = tokio::join!(networks, containers);
        self.snapshot_of(networks.map_err(|e| self.err(e))?, containers.map_err(|e| self.err(e))?).await
    }

    /// The snapshot the two lists make: converted and sorted, completed where the engine is Podman, with the
    /// services where the lists show a swarm.
    async fn snapshot_of(
        &self,
        networks: Vec<bollard::models::Network>,
        containers: Vec<bollard::models::ContainerSummary>,
    ) -> Result<Snapshot, EngineError> {
        if let Some(p) = &self.podman {
            return podman::snapshot_of(self, p, networks, containers).await;
        }
        let mut networks: Vec<_> = networks.into_iter().map(convert::network).collect();
        let mut containers: Vec<_> = containers.into_iter().map(convert::container).collect();
        // IDs are unique, so no two keys tie and the in-place unstable sort gives the stable sort's order
        // without its buffer (half of 2,000 containers, moved back and forth).
        networks.sort_unstable_by(netlens_core::model::Network::by_name);
        containers.sort_unstable_by(netlens_core::model::Container::by_name);
        // A third request only where services can exist: a standalone engine keeps its two.
        let services = match netlens_core::model::maybe_in_swarm(&networks, &containers) {
            true => self.services().await?,
            false => vec![],
        };
        Ok(Snapshot { networks, containers, services })
    }

    /// Reads again only what events named: the listed containers and networks, filtered by ID (one request
    /// each kind, the same list shapes a snapshot converts). Everything else keeps its last read.
    pub async fn reread(&self, asked: &Rereads) -> Result<Patch, EngineError> {
        if self.podman.is_some() {
            return podman::reread(self, asked).await;
        }
        let by_id = |ids: &std::collections::BTreeSet<String>| {
            Some(HashMap::from([("id".to_string(), ids.iter().cloned().collect::<Vec<_>>())]))
        };
        let networks = async {
            if asked.networks.is_empty() {
                return Ok(vec![]);
            }
            self.docker.list_networks(Some(ListNetworksOptions { filters: by_id(&asked.networks) })).await
        };
        let containers = async {
            if asked.containers.is_empty() {
                return Ok(vec![]);
            }
            let options = ListContainersOptions { all: true, filters: by_id(&asked.containers), ..Default::default() };
            self.docker.list_containers(Some(options)).await
        };
        let services = async {
            match asked.services {
                true => self.services().await.map(Some),
                false => Ok(None),
            }
        };
        let (networks, containers, services) = tokio::join!(networks, containers, services);
        let networks = networks.map_err(|e| self.err(e))?.into_iter().map(convert::network).collect();
        let containers = containers.map_err(|e| self.err(e))?.into_iter().map(convert::container).collect();
        Ok(Patch { services: services?, ..Patch::from_reads(asked, networks, containers) })
    }

    /// Returns once Docker has saved what it was doing to these containers, so that a list sent next shows
    /// it. Docker announces a `connect` or `disconnect` while it still holds the container's lock and before
    /// it saves the record that the container list reads (moby `daemon/container_operations.go`); an
    /// inspect takes that lock, so it answers only after the record is saved. Measured on the bench engine
    /// (2,000 containers), a filtered list sent on the event showed the change 2 times in 20; sent after
    /// an inspect (2-5 ms), 20 in 20. The answers are not used: a container that is gone, or an engine that
    /// fails, is for the list that follows to report. At most `SETTLE_AT_MOST` containers are waited for
    /// (a burst naming more is rare, and the follow task reads again for what is still awaited). Podman is
    /// not asked: this ordering was measured on Docker, and Podman's reads go their own way (`podman`).
    pub async fn settled(&self, containers: &std::collections::BTreeSet<String>) {
        if self.podman.is_some() {
            return;
        }
        let inspects = containers
            .iter()
            .take(SETTLE_AT_MOST)
            .map(|id| self.docker.inspect_container(id, None::<bollard::query_parameters::InspectContainerOptions>));
        futures_util::future::join_all(inspects).await;
    }

    /// Reads again where these containers (as last listed) are attached, with one inspect each instead of a
    /// list: a filtered list walks every container the engine holds (5-15 ms on 2,000, the cost of most of a
    /// targeted read), an inspect only the one. The inspect also waits for a change being saved, as
    /// `settled` does. Found containers come back with their endpoints as the inspect shows them and the rest
    /// as listed before (`convert::attached`), gone ones as `None`; the ones whose state changed, which only a
    /// list describes fully, come back in the second list, to be listed. Docker only: Podman is listed.
    #[allow(clippy::type_complexity)]
    pub async fn reread_attachments(
        &self,
        known: &[Container],
    ) -> Result<(Vec<(String, Option<Container>)>, Vec<String>), EngineError> {
        let reads = known.iter().map(|c| async move {
            let options = None::<bollard::query_parameters::InspectContainerOptions>;
            match self.docker.inspect_container(&c.id, options).await {
                Ok(found) => Ok((c, Some(found))),
                Err(bollard::errors::Error::DockerResponseServerError { status_code: 404, .. }) => Ok((c, None)),
                Err(e) => Err(self.err(e)),
            }
        });
        let mut found = vec![];
        let mut relist = vec![];
        for read in futures_util::future::join_all(reads).await {
            match read? {
                (c, None) => found.push((c.id.clone(), None)),
                (c, Some(now)) => match convert::attached(c, now) {
                    Some(attached) => found.push((c.id.clone(), Some(attached))),
                    None => relist.push(c.id.clone()),
                },
            }
        }
        Ok((found, relist))
    }

    /// Whether the engine still answers, within `limit`: an open event stream alone does not say (a frozen
    /// engine keeps the connection open and silent).
    pub async fn alive(&self, limit: std::time::Duration) -> Result<(), EngineError> {
        let unreachable = |reason: String| EngineError::Unreachable { endpoint: self.target.host.clone(), reason };
        match tokio::time::timeout(limit, self.docker.ping()).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(self.err(e)),
            Err(_) => {
                Err(unreachable(format!("the engine stopped answering (no reply within {} ms)", limit.as_millis())))
            }
        }
    }

    /// Endpoints with their aliases, which only a container inspect carries.
    pub async fn inspect_endpoints(&self, container: &str) -> Result<Vec<Endpoint>, EngineError> {
        let c = self
            .docker
            .inspect_container(container, None::<bollard::query_parameters::InspectContainerOptions>)
            .await
            .map_err(|e| self.err(e))?;
        Ok(convert::endpoints(c.network_settings.and_then(|s| s.networks)))
    }

    /// Network, container and service events from `since` (engine time, seconds) on.
    pub fn events(
        &self,
        since: Option<i64>,
    ) -> impl Stream<Item = Result<bollard::models::EventMessage, EngineError>> + use<> {
        use futures_util::StreamExt;
        let mut filters = HashMap::new();
        let mut types = vec!["network".to_string(), "container".to_string()];
        // Managers announce service changes; Podman has no swarm (and no such event type to filter on).
        if self.podman.is_none() {
            types.push("service".to_string());
        }
        filters.insert("type".to_string(), types);
        let options = EventsOptions { since: since.map(|s| s.to_string()), until: None, filters: Some(filters) };
        let host = self.target.host.clone();
        let err_host = host.clone();
        let stream =
            self.docker.events(Some(options)).map(move |r| r.map_err(|e| EngineError::from_bollard(&err_host, e)));
        match &self.podman {
            Some(p) => podman::events(p.clone(), self.docker.clone(), host, stream).left_stream(),
            None => stream.right_stream(),
        }
    }
}
