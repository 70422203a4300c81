//! The world the golden answers are computed in: the sandbox fixture in an `AppState`, the fixed clock, and
//! the sandbox engine's part of each answer, simulated over the fixture.
//!
//! Owns what the sandbox engine would say or do (its drivers, its `dangling` list, what a container inspect
//! shows, the address or subnet it assigns, the network a create makes) and nothing else: every rule, plan
//! and wording comes from the real code. What the engine does is written down here once, from
//! `tests/sandbox/demo.sh` and `engine.sh` and checked against a running sandbox engine (20.10).

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};

use crate::dto::{EngineState, EngineStatusDto, TopologyDto};
use crate::state::{AppState, LiveConfig, View};
use netlens_core::address::{overlaps, parse_net, subnets_of};
use netlens_core::endpoints::{next_free_ipv4, restore_config, EndpointRef, Operation};
use netlens_core::fixtures::{self, demo};
use netlens_core::model::{Container, ContainerState, Network, Snapshot};
use netlens_core::networks::{CreateContext, NetworkSpec};
use netlens_core::topology::Topology;
use netlens_engine::events::LiveUpdate;
use netlens_engine::target::DEFAULT_HOST;
use netlens_engine::{EngineError, Target};

/// `engine.sh host` on this machine kind, and what the sandbox engine reports about itself.
const SANDBOX_HOST: &str = "unix:///root/.cache/netlens/sandbox/docker.sock";
const ENGINE_VERSION: &str = "20.10.24+dfsg1";
const API_VERSION: &str = "1.41";
/// `Plugins.Network` of `docker info` on the sandbox engine; it is not a swarm manager.
const DRIVERS: [&str; 6] = ["bridge", "host", "ipvlan", "macvlan", "null", "overlay"];
/// `dockerd --default-address-pool base=10.214.0.0/16,size=24` (engine.sh): where new networks' subnets come from.
const POOL_SECOND_OCTET: u8 = 214;

/// The moment every golden answer is computed at (history `when`, prune ages).
pub fn clock() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 30, 0).single().unwrap_or_default()
}

/// A history entry's `when`, as `service::run::now` writes it on a machine whose local time is UTC.
pub fn when() -> String {
    clock().to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// An engine timestamp (`Created`) this long before the clock.
fn created_ago(duration: chrono::Duration) -> String {
    (clock() - duration).to_rfc3339_opts(SecondsFormat::Nanos, true)
}

/// The demo plus three networks nobody uses, for the prune and remove dialogs. They are not in
/// `fixtures::demo()`, whose tests (and `core/src/events.rs`'s own `scratch`) count its networks.
pub fn sandbox() -> Snapshot {
    let mut s = demo();
    let mut old_ci = fixtures::network("n-old-ci", "old-ci", "bridge", Some("10.99.0.0/24"));
    old_ci.created = Some(created_ago(chrono::Duration::days(12)));
    old_ci.labels.insert("ci".into(), "true".into());
    let mut scratch = fixtures::network("n-scratch", "scratch", "bridge", Some("10.98.0.0/24"));
    scratch.created = Some(created_ago(chrono::Duration::hours(2)));
    let mut lab = fixtures::network("n-lab", "lab-vlan", "macvlan", Some("192.168.50.0/24"));
    lab.created = Some(created_ago(chrono::Duration::days(3)));
    lab.options.insert("parent".into(), "eth0".into());
    s.networks.extend([old_ci, scratch, lab]);
    s.networks.sort_by(Network::by_name);
    s
}

/// The aliases `demo.sh` gives (`--network-alias`, `--alias`), as a container inspect lists them.
fn demo_aliases() -> BTreeMap<(String, String), Vec<String>> {
    let gw = |net: &str, aliases: &[&str]| {
        (("c-gateway".to_string(), net.to_string()), aliases.iter().map(|a| a.to_string()).collect())
    };
    [gw("n-frontend", &["edge"]), gw("n-backend", &["gw"]), gw("n-vault", &["vault-gw", "keeper"])].into()
}

/// The status bar's answer once the sandbox engine answers, after `make run` fell back to it.
pub fn status() -> EngineStatusDto {
    let reason = EngineError::Unreachable {
        endpoint: DEFAULT_HOST.into(),
        reason: "Socket not found: /var/run/docker.sock".into(),
    };
    let config = LiveConfig {
        target: Target::sandbox(SANDBOX_HOST.into()),
        sandbox: true,
        sandbox_reason: Some(format!("netlens: {reason}")),
    };
    // `status::after` takes this step on `LiveUpdate::Connected(engine)`; an `Engine` exists only once a
    // live engine answered, so its arm is taken by hand.
    EngineStatusDto {
        state: EngineState::Connected,
        engine_version: Some(ENGINE_VERSION.into()),
        api_version: Some(API_VERSION.into()),
        ..View::new(&config).status
    }
}

/// The app's state over a simulated sandbox engine: every change the engine makes is shown to the state
/// as a fresh snapshot, as the event stream would.
pub struct World {
    pub state: AppState,
    engine: Snapshot,
    /// (container ID, network ID) → the aliases a container inspect lists (the container list has none).
    aliases: BTreeMap<(String, String), Vec<String>>,
}

/// The app's state on the sandbox before its first read of the engine.
pub fn unread() -> AppState {
    AppState::new(&LiveConfig { target: Target::sandbox(SANDBOX_HOST.into()), sandbox: true, sandbox_reason: None })
}

impl World {
    pub fn new() -> Self {
        let world = Self { state: unread(), engine: sandbox(), aliases: demo_aliases() };
        world.show();
        world
    }

    fn show(&self) {
        self.state.apply(&LiveUpdate::Snapshot(self.engine.clone()));
    }

    /// What the UI holds now: the last topology Rust emitted.
    pub fn view(&self) -> TopologyDto {
        self.state.view().topology.clone().expect("the world has a topology")
    }

    /// Someone else changes the engine (a test stages an outside change); the view follows.
    pub fn outside(&mut self, change: impl FnOnce(&mut Snapshot)) {
        change(&mut self.engine);
        self.show();
    }

    /// `docker info`: the drivers and swarm role the create dialog is checked against.
    pub fn facts(&self) -> CreateContext {
        CreateContext { drivers: DRIVERS.iter().map(|d| d.to_string()).collect(), swarm_manager: false }
    }

    /// The engine's `dangling=true` filter: no endpoints, not predefined.
    pub fn dangling(&self) -> Vec<String> {
        let used = |id: &str| self.engine.containers.iter().any(|c| c.endpoints.iter().any(|e| e.network_id == id));
        self.engine.networks.iter().filter(|n| !n.is_predefined() && !used(&n.id)).map(|n| n.id.clone()).collect()
    }

    /// The aliases a container inspect lists on a network: the user's, then the short ID the engine adds.
    pub fn inspect_aliases(&self, container: &Container, network_id: &str) -> Vec<String> {
        let mut out = self.aliases.get(&(container.id.clone(), network_id.to_string())).cloned().unwrap_or_default();
        out.push(container.id.chars().take(12).collect());
        out
    }

    /// `service::run::capture`: the disconnect with the attachment a container inspect shows.
    pub fn capture(&self, op: Operation) -> Operation {
        let topology = Topology::from_snapshot(&self.engine);
        let Some(container) = topology.container(op.container_id()) else { return op };
        let Some((_, endpoint)) =
            topology.endpoints_of(&container.id).into_iter().find(|(n, _)| n.id == op.network_id())
        else {
            return op;
        };
        let inspected = netlens_core::model::Endpoint {
            aliases: self.inspect_aliases(container, op.network_id()),
            ..endpoint.clone()
        };
        let config = restore_config(container, &inspected);
        op.with_restore(config)
    }

    /// Runs a connect or disconnect as the engine does it, and shows the result.
    pub fn run(&mut self, op: &Operation) {
        match op {
            Operation::Connect { endpoint: EndpointRef { network_id, container_id, .. }, config } => {
                let topology = Topology::from_snapshot(&self.engine);
                let network = topology.network(network_id).cloned().expect("connect to a known network");
                let live = topology.container(container_id).is_some_and(|c| c.state.is_live());
                // A running container gets the static address or the pool's lowest free one; a stopped one
                // gets its address when it starts, so the list shows none yet.
                let ip = live.then(|| config.ipv4.clone().or_else(|| next_free_ipv4(&topology, network_id))).flatten();
                let mut endpoint = fixtures::endpoint(&network, ip.as_deref());
                endpoint.static_ipv4 = config.ipv4.clone();
                endpoint.static_ipv6 = config.ipv6.clone();
                let container = self.container_mut(container_id);
                container.endpoints.push(endpoint);
                container.endpoints.sort_by(|a, b| a.network_name.cmp(&b.network_name));
                self.aliases.insert((container_id.clone(), network_id.clone()), config.aliases.clone());
            }
            Operation::Disconnect { endpoint: EndpointRef { network_id, container_id, .. }, .. } => {
                self.container_mut(container_id).endpoints.retain(|e| e.network_id != *network_id);
                self.aliases.remove(&(container_id.clone(), network_id.clone()));
            }
        }
        self.show();
    }

    fn container_mut(&mut self, id: &str) -> &mut Container {
        self.engine.containers.iter_mut().find(|c| c.id == id).expect("a container of the fixture")
    }

    /// `docker network create`: the spec's settings, a subnet from the default pool when it names none, and
    /// an ID in the fixture's style (the engine's would be 64 random hex digits).
    pub fn create_network(&mut self, spec: &NetworkSpec) -> String {
        let s = spec.normalized();
        let id = format!("n-{}", s.name);
        let mut ipam = s.ipam();
        let has_ipv4 = ipam.iter().any(|c| c.subnet.as_deref().is_some_and(|n| !n.contains(':')));
        if !has_ipv4 && !matches!(s.driver(), "null" | "host") {
            ipam.insert(0, self.next_pool_subnet());
        }
        let network = Network {
            id: id.clone(),
            name: s.name.clone(),
            driver: s.driver().into(),
            scope: "local".into(),
            created: Some(created_ago(chrono::Duration::zero())),
            internal: s.internal,
            attachable: s.attachable,
            enable_ipv6: s.ipv6,
            ipam_driver: "default".into(),
            ipam,
            options: s.driver_options(),
            labels: s.labels.clone(),
            ..Network::default()
        };
        self.engine.networks.push(network);
        self.engine.networks.sort_by(Network::by_name);
        self.show();
        id
    }

    /// The first /24 of the default address pool that no network's subnet overlaps, with its first address
    /// as the gateway: what a freshly started sandbox engine hands out. (A long-running one continues after
    /// the last subnet it gave, even once that was released, so its answer depends on its past.)
    fn next_pool_subnet(&self) -> netlens_core::model::IpamConfig {
        let taken: Vec<_> = self.engine.networks.iter().flat_map(subnets_of).collect();
        let free = (0..=u8::MAX)
            .map(|k| format!("10.{POOL_SECOND_OCTET}.{k}.0/24"))
            .find(|s| parse_net(s).is_some_and(|net| !taken.iter().any(|t| overlaps(t, &net))))
            .expect("the pool has a free /24");
        let gateway = free.replace(".0/24", ".1");
        netlens_core::model::IpamConfig { subnet: Some(free), ip_range: None, gateway: Some(gateway) }
    }

    /// `docker network rm`.
    pub fn remove_network(&mut self, network_id: &str) {
        self.engine.networks.retain(|n| n.id != network_id);
        self.show();
    }
}

/// A container that joined a network behind Netlens' back, for staged outside changes.
pub fn outsider(id: &str, name: &str, network: &Network, ip: &str) -> Container {
    fixtures::container(id, name, ContainerState::Running, &network.name, vec![fixtures::endpoint(network, Some(ip))])
}
