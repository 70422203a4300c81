//! What an engine event asks Netlens to read again, so one change costs one small request instead of a
//! whole snapshot.
//!
//! Owns the mapping from (type, action, actor, attributes) to the containers, networks and services to
//! re-read, and how a batch of such reads is folded into a `Snapshot`. Pure: the engine crate reads, this decides what.
//! When an event does not say enough (a `prune` carries no IDs) the answer is "everything".

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Container, Network, Service, Snapshot};

/// The reads a burst of events calls for; merged as events arrive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rereads {
    pub containers: BTreeSet<String>,
    pub networks: BTreeSet<String>,
    /// Re-read the swarm's services (all of them: a manager lists a handful, and one list request answers
    /// a service's creation, update and removal alike).
    pub services: bool,
    /// Re-read the whole topology (a prune, an event we cannot place, a stream that was interrupted).
    pub everything: bool,
}

impl Rereads {
    pub fn is_empty(&self) -> bool {
        !self.everything && self.containers.is_empty() && self.networks.is_empty() && !self.services
    }

    /// Folds another batch of reads into this one.
    pub fn merge(&mut self, other: Rereads) {
        self.containers.extend(other.containers);
        self.networks.extend(other.networks);
        self.services |= other.services;
        self.everything |= other.everything;
    }

    /// Adds what one event calls for. `kind` is the event's `Type` (`network`, `container`), `action` its
    /// `Action`, `actor` its `Actor.ID`.
    pub fn add(&mut self, kind: &str, action: &str, actor: &str, attributes: &BTreeMap<String, String>) {
        // Health checks and execs (a `docker exec … ping`) change nothing that is drawn.
        let action = action.split(':').next().unwrap_or(action).trim();
        match (kind, action) {
            ("network", "connect" | "disconnect") => match attributes.get("container") {
                Some(container) if !container.is_empty() => {
                    self.containers.insert(container.clone());
                }
                _ => self.everything = true,
            },
            ("network", "create" | "update" | "destroy" | "remove") if !actor.is_empty() => {
                self.networks.insert(actor.to_string());
                // `swarm init` creates the `ingress` overlay and `swarm leave` removes it: services appear
                // or go with them, and no service event says so.
                if attributes.get("type").is_some_and(|d| d == "overlay") {
                    self.services = true;
                }
            }
            // Services exist only on managers, which send these; a task's container sends its own events.
            ("service", _) => self.services = true,
            ("network", "prune") => self.everything = true,
            ("container", "exec_create" | "exec_start" | "exec_die" | "exec_detach" | "attach" | "detach")
            | ("container", "health_status" | "top" | "resize" | "commit" | "copy" | "archive-path")
            | ("container", "export" | "extract-to-dir") => {}
            ("container", _) if !actor.is_empty() => {
                self.containers.insert(actor.to_string());
            }
            ("container", "prune") => self.everything = true,
            _ => self.everything = true,
        }
    }
}

/// What a batch of re-reads found: each asked-for ID with its current state, `None` when it is gone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Patch {
    pub networks: Vec<(String, Option<Network>)>,
    pub containers: Vec<(String, Option<Container>)>,
    /// Every service, read again; `None` when services were not asked for.
    pub services: Option<Vec<Service>>,
}

impl Patch {
    /// Pairs every asked-for ID with what the engine listed for it (list filters match ID prefixes, so
    /// the answer is matched by full ID here).
    pub fn from_reads(asked: &Rereads, networks: Vec<Network>, containers: Vec<Container>) -> Self {
        let networks =
            asked.networks.iter().map(|id| (id.clone(), networks.iter().find(|n| n.id == *id).cloned())).collect();
        let containers =
            asked.containers.iter().map(|id| (id.clone(), containers.iter().find(|c| c.id == *id).cloned())).collect();
        Self { networks, containers, services: None }
    }
}

/// What a patch changed in a snapshot, by ID: what the topology built from it may draw differently.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changed {
    pub networks: BTreeSet<String>,
    pub containers: BTreeSet<String>,
    pub services: bool,
}

impl Changed {
    pub fn is_empty(&self) -> bool {
        self.networks.is_empty() && self.containers.is_empty() && !self.services
    }
}

impl Snapshot {
    /// The snapshot with a patch folded in: found items replace (or join) their namesakes by ID, gone ones
    /// leave. Kept sorted by name as the full read sorts, so a patched snapshot equals a fresh one. Returns
    /// what changed: most re-reads (the rechecks after each event) find what was already there, and the
    /// caller then skips rebuilding the topology, which on 2,000 containers costs tens of milliseconds and
    /// would hold up the read that does carry the change.
    pub fn apply(&mut self, patch: &Patch) -> Changed {
        let mut changed = Changed::default();
        for (id, found) in &patch.networks {
            if replace(&mut self.networks, id, found.as_ref(), |n| &n.id) {
                changed.networks.insert(id.clone());
            }
        }
        for (id, found) in &patch.containers {
            if replace(&mut self.containers, id, found.as_ref(), |c| &c.id) {
                changed.containers.insert(id.clone());
            }
        }
        if let Some(services) = &patch.services {
            let mut sorted = services.clone();
            sorted.sort_by(Service::by_name);
            if sorted != self.services {
                self.services = sorted;
                changed.services = true;
            }
        }
        // Only a new item or a new name breaks the order: a container that joined a network keeps its place.
        if self.networks.windows(2).any(|w| Network::by_name(&w[0], &w[1]).is_gt()) {
            self.networks.sort_by(Network::by_name);
        }
        if self.containers.windows(2).any(|w| Container::by_name(&w[0], &w[1]).is_gt()) {
            self.containers.sort_by(Container::by_name);
        }
        changed
    }
}

/// Puts `found` in the place of the items with ID `id` (none when it is gone): in place when there was
/// one, else at the end (the caller sorts). False when `items` held exactly that already.
fn replace<T: Clone + PartialEq>(
    items: &mut Vec<T>,
    id: &str,
    found: Option<&T>,
    id_of: impl Fn(&T) -> &String,
) -> bool {
    let mut held = items.iter().enumerate().filter(|(_, x)| id_of(x) == id).map(|(i, _)| i);
    match (held.next(), held.next(), found) {
        (None, _, None) => false,
        (Some(i), None, Some(new)) => {
            if items[i] == *new {
                return false;
            }
            items[i] = new.clone();
            true
        }
        _ => {
            items.retain(|x| id_of(x) != id);
            items.extend(found.cloned());
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{container, demo, endpoint, network};
    use crate::model::ContainerState;

    fn attrs(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_connect_rereads_only_the_container_it_names() {
        let mut r = Rereads::default();
        r.add("network", "connect", "n-backend", &attrs(&[("container", "c-api"), ("name", "backend")]));
        assert_eq!(r.containers.iter().collect::<Vec<_>>(), ["c-api"]);
        assert!(r.networks.is_empty() && !r.everything);
    }

    #[test]
    fn network_lifecycle_events_reread_that_network_and_prune_rereads_everything() {
        let mut r = Rereads::default();
        r.add("network", "create", "n-new", &attrs(&[]));
        r.add("network", "destroy", "n-old", &attrs(&[]));
        assert_eq!(r.networks.iter().collect::<Vec<_>>(), ["n-new", "n-old"]);
        assert!(!r.everything);
        r.add("network", "prune", "", &attrs(&[]));
        assert!(r.everything);
    }

    #[test]
    fn execs_and_health_checks_change_nothing_drawn() {
        let mut r = Rereads::default();
        for action in ["exec_create", "exec_start: sh -c ping", "exec_die", "health_status: healthy", "attach"] {
            r.add("container", action, "c-api", &attrs(&[]));
        }
        assert!(r.is_empty(), "{r:?}");
        r.add("container", "die", "c-api", &attrs(&[]));
        assert_eq!(r.containers.iter().collect::<Vec<_>>(), ["c-api"]);
    }

    #[test]
    fn service_events_and_overlay_lifecycle_reread_the_services_and_a_patch_replaces_them_all() {
        let mut r = Rereads::default();
        r.add("network", "create", "n-new", &attrs(&[("type", "bridge")]));
        assert!(!r.services, "a bridge network has nothing to do with services");
        r.add("network", "create", "n-ingress", &attrs(&[("type", "overlay"), ("name", "ingress")]));
        assert!(r.services && !r.everything, "swarm init makes ingress: services may have appeared");
        let mut r = Rereads::default();
        r.add("service", "update", "s-web", &attrs(&[("name", "web")]));
        assert!(r.services && !r.is_empty() && !r.everything);
        let mut snap = demo();
        let web = crate::topology::swarm::tests::service("s-web", "web", &[]);
        let mut patch = Patch::from_reads(&r, vec![], vec![]);
        patch.services = Some(vec![web.clone()]);
        snap.apply(&patch);
        assert_eq!(snap.services, [web]);
        snap.apply(&Patch::default());
        assert_eq!(snap.services.len(), 1, "a patch that did not read services keeps them");
        patch.services = Some(vec![]);
        snap.apply(&patch);
        assert!(snap.services.is_empty(), "a read that found none (swarm left) clears them");
    }

    #[test]
    fn an_event_that_says_too_little_rereads_everything() {
        let mut r = Rereads::default();
        r.add("network", "disconnect", "n-backend", &attrs(&[]));
        assert!(r.everything);
        let mut r = Rereads::default();
        r.add("volume", "mount", "v", &attrs(&[]));
        assert!(r.everything);
    }

    #[test]
    fn a_patched_snapshot_equals_a_fresh_read_of_the_same_engine() {
        let before = demo();
        // The engine after: api joined vault, nightly-job was removed, network scratch was created.
        let mut after = before.clone();
        let vault = crate::fixtures::network_named(&after, "vault");
        let api = after.containers.iter_mut().find(|c| c.name == "api").unwrap();
        api.endpoints.push(endpoint(&vault, Some("10.214.30.9")));
        let api = api.clone();
        let nightly = after.containers.iter().find(|c| c.name == "nightly-job").map(|c| c.id.clone()).unwrap();
        after.containers.retain(|c| c.id != nightly);
        let scratch = network("n-scratch", "scratch", "bridge", Some("10.98.0.0/24"));
        after.networks.push(scratch.clone());
        after.networks.sort_by(Network::by_name);
        after.containers.sort_by(Container::by_name);

        let asked = Rereads {
            containers: [api.id.clone(), nightly].into_iter().collect(),
            networks: ["n-scratch".to_string()].into_iter().collect(),
            ..Rereads::default()
        };
        let patch = Patch::from_reads(&asked, vec![scratch], vec![api]);
        let mut patched = before;
        patched.apply(&patch);
        assert_eq!(patched, after);
    }

    #[test]
    fn a_sidecar_whose_owner_restarts_or_goes_is_drawn_from_rereading_the_owner_alone() {
        // The tie is worked out from the whole snapshot each time, so the owner's events (the only ones an
        // owner's restart or removal emits) are enough: the sharer's own listing does not change.
        let mut snap = demo();
        snap.containers.push(container("c-side", "api-side", ContainerState::Running, "container:c-api", vec![]));
        snap.apply(&Patch::default());
        let ties = |s: &Snapshot| {
            let t = crate::topology::Topology::from_snapshot(s);
            t.edges().filter(|e| matches!(e.edge, crate::topology::Edge::Stack)).map(|e| e.id()).collect::<Vec<_>>()
        };
        assert_eq!(ties(&snap), ["stack:c-side:c-api"]);
        let mut asked = Rereads::default();
        for action in ["kill", "die", "stop", "start", "restart"] {
            asked.add("container", action, "c-api", &attrs(&[]));
        }
        assert_eq!(asked.containers.iter().collect::<Vec<_>>(), ["c-api"]);
        let mut api = snap.containers.iter().find(|c| c.id == "c-api").cloned().unwrap();
        api.state = ContainerState::Running;
        api.endpoints[0].ipv4 = Some("10.214.10.5".into());
        let mut restarted = snap.clone();
        restarted.apply(&Patch::from_reads(&asked, vec![], vec![api]));
        assert_eq!(ties(&restarted), ["stack:c-side:c-api"], "still tied after the owner restarted");
        let mut removed = snap.clone();
        removed.apply(&Patch::from_reads(&asked, vec![], vec![]));
        assert_eq!(ties(&removed), Vec::<String>::new(), "no tie to an owner that is gone");
        assert!(removed.containers.iter().any(|c| c.id == "c-side"), "the sidecar stays");
    }

    #[test]
    fn a_re_read_that_finds_what_was_there_says_nothing_changed_and_a_real_change_says_so() {
        let mut snap = demo();
        snap.apply(&Patch::default());
        let before = snap.clone();
        let api = snap.containers.iter().find(|c| c.name == "api").cloned().unwrap();
        let backend = crate::fixtures::network_named(&snap, "backend");
        let asked = Rereads {
            containers: [api.id.clone(), "c-never-there".to_string()].into_iter().collect(),
            networks: [backend.id.clone()].into_iter().collect(),
            ..Rereads::default()
        };
        let same = Patch::from_reads(&asked, vec![backend.clone()], vec![api.clone()]);
        assert!(snap.apply(&same).is_empty(), "the same container, the same network, and one still gone");
        assert_eq!(snap, before);
        let mut moved = api.clone();
        moved.endpoints.pop();
        let changed = snap.apply(&Patch::from_reads(&asked, vec![backend.clone()], vec![moved.clone()]));
        assert_eq!(changed, Changed { containers: [api.id.clone()].into_iter().collect(), ..Changed::default() });
        assert!(snap.containers.contains(&moved));
        assert!(!snap.apply(&Patch::from_reads(&asked, vec![backend], vec![])).is_empty(), "the container went");
        assert!(!snap.containers.iter().any(|c| c.id == api.id));
    }

    #[test]
    fn a_new_container_joins_in_name_order() {
        let mut snap = demo();
        let web = container("c-zz", "aaa-first", ContainerState::Created, "default", vec![]);
        let asked = Rereads { containers: ["c-zz".to_string()].into_iter().collect(), ..Rereads::default() };
        snap.apply(&Patch::from_reads(&asked, vec![], vec![web]));
        assert_eq!(snap.containers[0].name, "aaa-first");
    }
}
