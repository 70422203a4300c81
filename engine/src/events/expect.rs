//! What a `connect` or `disconnect` event says the engine is about to list, so the follow task
//! (`events.rs`) reads that container again at once until it does, instead of waiting for the next timed
//! recheck.
//!
//! Docker logs a network event before it saves the container's record (moby `daemon/container_operations.go`),
//! so a list answering the event at once usually came back a moment early: 3–5 ms early on an idle engine,
//! 20–30 ms on a loaded one with 2,000 containers (measured on the bench engine). The read now waits for
//! the save first (`Engine::settled`, Docker only), which made it right 20 times in 20 there; this stays
//! for an engine where that wait is not enough, and for Podman. A read that still shows
//! the old state keeps the container here and the next read goes out as soon as it returns; one that shows
//! what the event announced, the container gone, or a newer event about the same attachment settles it.
//! Nothing is ever drawn from an event's claim: this only decides *when* to read, never what is shown.
//!
//! Pure bookkeeping (no IO, no clock of its own): the follow task passes the time in.

use std::collections::BTreeMap;
use std::time::Duration;

use tokio::time::Instant;

use netlens_core::events::Rereads;
use netlens_core::model::{Container, ContainerState};

/// How long an announced change is waited for with back-to-back reads. The timed rechecks (10, 40 and
/// 300 ms after the first read) still follow, so a change listed later than this is drawn all the same.
pub const WAIT_AT_MOST: Duration = Duration::from_millis(250);
/// The pause between two reads for an announced change: a breath for the engine, which answers a
/// filtered list of 2,000 containers in ~5 ms.
pub const GAP: Duration = Duration::from_millis(2);

/// One attachment an event announced, by (container ID, network ID).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Announced {
    joined: bool,
    until: Instant,
}

/// The attachments announced and not yet listed as announced.
#[derive(Debug, Default)]
pub struct Expected {
    pending: BTreeMap<(String, String), Announced>,
}

impl Expected {
    /// Notes what one event announces: only a network `connect` or `disconnect` naming its container does.
    /// A later event about the same attachment replaces an earlier one (a connect undone at once).
    pub fn note(&mut self, kind: &str, action: &str, network: &str, container: Option<&str>, now: Instant) {
        let joined = match (kind, action) {
            ("network", "connect") => true,
            ("network", "disconnect") => false,
            _ => return,
        };
        let Some(container) = container.filter(|c| !c.is_empty()) else { return };
        if network.is_empty() {
            return;
        }
        self.pending
            .insert((container.to_string(), network.to_string()), Announced { joined, until: now + WAIT_AT_MOST });
    }

    /// Settles what a read shows. `read` answers, for a container ID, `None` when the read did not ask
    /// for it, `Some(None)` when the engine no longer lists it, `Some(Some(c))` with what it lists. Waits
    /// that ran out are dropped too.
    pub fn settle<'a>(&mut self, read: impl Fn(&str) -> Option<Option<&'a Container>>, now: Instant) {
        self.pending.retain(|(container, network), a| {
            if a.until <= now {
                return false;
            }
            match read(container) {
                None => true,
                Some(None) => false,
                Some(Some(c)) => !shows(c, network, a.joined),
            }
        });
    }

    /// When to read again for what is still awaited: `GAP` after the last read answered.
    pub fn next_at(&self, last_read: Instant) -> Option<Instant> {
        (!self.pending.is_empty()).then_some(last_read + GAP)
    }

    /// The containers still awaited, as a read.
    pub fn rereads(&self) -> Rereads {
        Rereads { containers: self.pending.keys().map(|(c, _)| c.clone()).collect(), ..Rereads::default() }
    }
}

/// Whether `c` as listed shows the attachment as announced. A container's record keeps its networks
/// when it stops (Docker sends a `disconnect` per network then), so a stop shows as "not running"; a start
/// sends a `connect` per network it already lists, so a connect shows once it runs on that network.
fn shows(c: &Container, network: &str, joined: bool) -> bool {
    let on = c.endpoints.iter().any(|e| e.network_id == network);
    let running = c.state == ContainerState::Running;
    match joined {
        true => on && running,
        false => !on || !running,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlens_core::fixtures::{container, endpoint, network};

    fn on(id: &str, state: ContainerState, networks: &[&netlens_core::model::Network]) -> Container {
        let endpoints = networks.iter().map(|n| endpoint(n, Some("10.214.1.2"))).collect();
        container(id, id, state, "default", endpoints)
    }

    #[test]
    fn a_connect_is_awaited_until_a_read_lists_the_running_container_on_that_network() {
        let t0 = Instant::now();
        let net = network("n-a", "a", "bridge", Some("10.214.1.0/24"));
        let mut e = Expected::default();
        e.note("network", "connect", "n-a", Some("c-1"), t0);
        assert_eq!(e.rereads().containers.iter().collect::<Vec<_>>(), ["c-1"]);
        assert_eq!(e.next_at(t0), Some(t0 + GAP));
        let early = on("c-1", ContainerState::Running, &[]);
        e.settle(|id| (id == "c-1").then_some(Some(&early)), t0);
        assert!(!e.rereads().is_empty(), "the read came early: read again");
        e.settle(|_| None, t0);
        assert!(!e.rereads().is_empty(), "a read that did not ask for the container settles nothing");
        let started = on("c-1", ContainerState::Exited, &[&net]);
        e.settle(|_| Some(Some(&started)), t0);
        assert!(!e.rereads().is_empty(), "listed on the network but not yet running (a start's connect)");
        let joined = on("c-1", ContainerState::Running, &[&net]);
        e.settle(|_| Some(Some(&joined)), t0);
        assert!(e.rereads().is_empty() && e.next_at(t0).is_none());
    }

    #[test]
    fn a_disconnect_is_settled_by_the_network_gone_from_the_record_the_container_stopped_or_gone() {
        let t0 = Instant::now();
        let net = network("n-a", "a", "bridge", Some("10.214.1.0/24"));
        let still = on("c-1", ContainerState::Running, &[&net]);
        let left = on("c-1", ContainerState::Running, &[]);
        let stopped = on("c-1", ContainerState::Exited, &[&net]);
        for (after, settled) in [(Some(&still), false), (Some(&left), true), (Some(&stopped), true), (None, true)] {
            let mut e = Expected::default();
            e.note("network", "disconnect", "n-a", Some("c-1"), t0);
            e.settle(|_| Some(after), t0);
            assert_eq!(e.rereads().is_empty(), settled, "{after:?}");
        }
    }

    #[test]
    fn only_connects_and_disconnects_that_name_a_container_are_awaited_and_never_past_the_limit() {
        let t0 = Instant::now();
        let mut e = Expected::default();
        e.note("network", "create", "n-a", None, t0);
        e.note("container", "start", "c-1", Some("c-1"), t0);
        e.note("network", "connect", "n-a", None, t0);
        e.note("network", "connect", "n-a", Some(""), t0);
        assert!(e.rereads().is_empty());
        e.note("network", "connect", "n-a", Some("c-1"), t0);
        let early = on("c-1", ContainerState::Running, &[]);
        e.settle(|_| Some(Some(&early)), t0 + WAIT_AT_MOST - Duration::from_millis(1));
        assert!(!e.rereads().is_empty());
        e.settle(|_| Some(Some(&early)), t0 + WAIT_AT_MOST);
        assert!(e.rereads().is_empty(), "the timed rechecks take over");
    }

    #[test]
    fn a_later_event_about_the_same_attachment_replaces_the_earlier_one() {
        let t0 = Instant::now();
        let mut e = Expected::default();
        e.note("network", "connect", "n-a", Some("c-1"), t0);
        e.note("network", "disconnect", "n-a", Some("c-1"), t0);
        let never_joined = on("c-1", ContainerState::Running, &[]);
        e.settle(|_| Some(Some(&never_joined)), t0);
        assert!(e.rereads().is_empty(), "connected and disconnected again: the record without it is the answer");
    }
}
