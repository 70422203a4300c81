//! Keeps a view of the engine current: one long-lived task that connects, snapshots, follows the event
//! stream and reconnects by itself when the engine goes away.
//!
//! Owns the retry policy and when to read. The first event of a burst is answered at once with a read of
//! just what it names (`netlens_core::events` decides what); events that arrive during that read are
//! gathered and answered by one more read, so a burst costs a few small reads and a single change is not
//! held back by a debounce. The engine announces some changes a moment before it lists them. A container
//! that only a `connect` or `disconnect` names is read with an inspect, which waits for Docker to save the
//! change and walks no other container (`Engine::reread_attachments`, applied to what was last read of it);
//! any other read of a container such an event names first waits for the save (`Engine::settled`). A read
//! that still came early is sent again as soon as it returns, until the container shows what was
//! announced (`expect`), and each targeted read is repeated shortly after anyway, with a list (`Rechecks`;
//! an inspected container only after 300 ms, so that no list walks the engine while the window draws).
//! A quiet stream is checked with a ping every two seconds, so an engine that froze with the connection
//! open is noticed, and is read whole every ten seconds (`RESYNC_EVERY`), because some changes send no
//! event at all. Re-reading the engine's current state (never applying an event's claim) keeps this
//! idempotent: the stream can deliver the same disconnect twice. A new stream starts with a full snapshot,
//! because anything may have changed while it was down.

mod expect;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Duration;

use futures_util::{FutureExt, StreamExt};
use tokio::sync::mpsc::UnboundedSender;
use tokio::time::Instant;

use super::{Engine, EngineError, Target};
use expect::Expected;
use netlens_core::events::{Patch, Rereads};
use netlens_core::model::{Container, Snapshot};

/// Retry delays while the engine does not answer: every second at first, then every two, so an engine that
/// comes back is seen within about two seconds.
const RETRY: [u64; 4] = [1, 1, 2, 2];
/// An event stream can go quiet because nothing happens, or because the engine froze (a stopped process,
/// a half-open connection) and never says so: after this long without events, ask it whether it is alive.
const LIVENESS_IDLE: Duration = Duration::from_secs(2);
/// A quiet stream is also read whole this often: some changes send no event at all. Docker 20.10 says
/// nothing when `docker network connect` joins a container that is not running (measured: no `connect`
/// event until it starts, while the container's record already lists the network), so without this the
/// line would never be drawn until something else re-read that container. On 2,000 containers the two list
/// requests take ~110 ms of the engine's time; a read that finds nothing new sends the UI nothing.
const RESYNC_EVERY: Duration = Duration::from_secs(10);
/// How long a liveness ping may take before the engine counts as gone.
const LIVENESS_TIMEOUT: Duration = Duration::from_millis(1500);
/// Subscribe this far in the past so nothing that happens while the snapshot is read is missed; the
/// replayed events only cause one more (identical) read.
const EVENT_OVERLAP_SECS: i64 = 2;

#[derive(Debug, Clone)]
pub enum LiveUpdate {
    Connecting,
    Connected(Box<Engine>),
    Unreachable {
        reason: String,
        retry_in: Duration,
    },
    /// The whole topology, read afresh.
    Snapshot(Snapshot),
    /// What changed since the last update: the re-read containers and networks.
    Patch(Patch),
}

/// Runs until the receiver is dropped.
pub async fn follow(target: Target, tx: UnboundedSender<LiveUpdate>) {
    let mut failures = 0usize;
    loop {
        if tx.send(LiveUpdate::Connecting).is_err() {
            return;
        }
        let outcome = match Engine::connect(&target).await {
            Ok(engine) => {
                failures = 0;
                if tx.send(LiveUpdate::Connected(Box::new(engine.clone()))).is_err() {
                    return;
                }
                watch(&engine, &tx).await
            }
            Err(e) => Err(e),
        };
        if tx.is_closed() {
            return;
        }
        let reason = match outcome {
            Ok(()) => "the engine closed the event stream".to_string(),
            Err(e) => e.to_string(),
        };
        let retry_in = Duration::from_secs(RETRY[failures.min(RETRY.len() - 1)]);
        failures += 1;
        if tx.send(LiveUpdate::Unreachable { reason, retry_in }).is_err() {
            return;
        }
        tokio::time::sleep(retry_in).await;
    }
}

type Event = Result<bollard::models::EventMessage, EngineError>;

/// What the follow task keeps between reads.
#[derive(Default)]
struct Between {
    asked: Rereads,
    expected: Expected,
    /// Containers that network `connect` and `disconnect` events named since the last read.
    attachments: BTreeSet<String>,
    /// Containers that container events (start, stop, die, …) named since the last read: their state
    /// changed, so they are listed, not just inspected for their attachments.
    lifecycle: BTreeSet<String>,
    /// Every container as last read, so one whose attachments alone changed can be read with an inspect
    /// (`Engine::reread_attachments`).
    known: HashMap<String, Container>,
}

impl Between {
    /// Adds what one event calls for, and what it announces (`expect`); `false` when the stream has ended.
    fn note(&mut self, event: Option<Event>) -> Result<bool, EngineError> {
        let Some(event) = event else { return Ok(false) };
        let event = event?;
        let kind = event.typ.map(|t| t.to_string()).unwrap_or_default();
        let action = event.action.unwrap_or_default();
        let actor = event.actor.unwrap_or_default();
        let attributes: BTreeMap<String, String> = actor.attributes.unwrap_or_default().into_iter().collect();
        let actor = actor.id.as_deref().unwrap_or_default();
        let container = attributes.get("container").map(String::as_str);
        match (kind.as_str(), action.as_str(), container) {
            ("network", "connect" | "disconnect", Some(c)) if !c.is_empty() => _ = self.attachments.insert(c.into()),
            ("container", _, _) if !actor.is_empty() => _ = self.lifecycle.insert(actor.into()),
            _ => {}
        }
        self.asked.add(&kind, &action, actor, &attributes);
        self.expected.note(&kind, &action, actor, container, tokio::time::Instant::now());
        Ok(true)
    }

    fn remember(&mut self, update: &LiveUpdate) {
        match update {
            LiveUpdate::Snapshot(s) => self.known = s.containers.iter().map(|c| (c.id.clone(), c.clone())).collect(),
            LiveUpdate::Patch(p) => {
                for (id, found) in &p.containers {
                    match found {
                        Some(c) => self.known.insert(id.clone(), c.clone()),
                        None => self.known.remove(id),
                    };
                }
            }
            _ => {}
        }
    }

    /// The containers of `now` whose attachments alone network events said changed (`named`: the
    /// `attachments` and `lifecycle` taken for this read), as last read: an inspect each answers them
    /// (Docker only; at most `SETTLE_AT_MOST`).
    fn only_attachments(
        &self,
        now: &Rereads,
        named: &(BTreeSet<String>, BTreeSet<String>),
        podman: bool,
    ) -> Vec<Container> {
        let (attachments, lifecycle) = named;
        if podman {
            return vec![];
        }
        attachments
            .iter()
            .filter(|id| now.containers.contains(*id) && !lifecycle.contains(*id))
            .filter_map(|id| self.known.get(id).cloned())
            .take(crate::SETTLE_AT_MOST)
            .collect()
    }
}

/// Snapshot, then answer every burst of events with targeted reads, until the stream ends or fails.
async fn watch(engine: &Engine, tx: &UnboundedSender<LiveUpdate>) -> Result<(), EngineError> {
    let since = chrono::Utc::now().timestamp() - EVENT_OVERLAP_SECS;
    let mut events = Box::pin(engine.events(Some(since)));
    let snapshot = LiveUpdate::Snapshot(engine.snapshot().await?);
    let mut b = Between::default();
    b.remember(&snapshot);
    if tx.send(snapshot).is_err() {
        return Ok(());
    }
    let mut rechecks = Rechecks::default();
    let mut last_read = tokio::time::Instant::now();
    let mut last_full = tokio::time::Instant::now();
    loop {
        let mut is_recheck = false;
        if b.asked.is_empty() {
            let idle = tokio::time::Instant::now() + LIVENESS_IDLE;
            let soon = b.expected.next_at(last_read).into_iter().chain(rechecks.next_at());
            let recheck = soon.fold(idle, Instant::min);
            tokio::select! {
                event = events.next() => if !b.note(event)? {
                    return Ok(());
                },
                () = tokio::time::sleep_until(recheck) => {
                    let now = tokio::time::Instant::now();
                    let due = |at: Option<Instant>| at.is_some_and(|at| at <= now);
                    if due(rechecks.next_at()) || due(b.expected.next_at(last_read)) {
                        if due(rechecks.next_at()) {
                            b.asked = rechecks.take_due();
                        }
                        b.asked.merge(b.expected.rereads());
                        is_recheck = true;
                    } else {
                        // The ping first: a frozen engine must fail within its timeout, not hang a read.
                        engine.alive(LIVENESS_TIMEOUT).await?;
                        if last_full.elapsed() < RESYNC_EVERY {
                            continue;
                        }
                        b.asked.everything = true;
                    }
                }
            }
        }
        // Whatever is queued already joins this read.
        while let Some(event) = events.next().now_or_never() {
            if !b.note(event)? {
                return Ok(());
            }
        }
        if b.asked.is_empty() {
            continue;
        }
        // A read going out anyway asks for what is still awaited too: one request either way.
        let awaited = b.expected.rereads();
        b.asked.merge(awaited.clone());
        let now = std::mem::take(&mut b.asked);
        let named = (std::mem::take(&mut b.attachments), std::mem::take(&mut b.lifecycle));
        if now.everything {
            last_full = tokio::time::Instant::now();
        }
        // Containers whose attachments alone events said changed are inspected; everything else is listed,
        // after Docker has saved what it announced (`Engine::settled`). A recheck lists: it is there for
        // what a list shows late.
        let inspected = match now.everything || is_recheck {
            true => vec![],
            false => b.only_attachments(&now, &named, engine.is_podman()),
        };
        let mut listed = now.clone();
        let mut settling = awaited.containers;
        for c in &inspected {
            listed.containers.remove(&c.id);
            settling.remove(&c.id);
        }
        let read = async {
            if now.everything {
                return engine.snapshot().await.map(|s| (LiveUpdate::Snapshot(s), vec![]));
            }
            let list = async {
                engine.settled(&settling).await;
                engine.reread(&listed).await
            };
            let (attached, patch) = tokio::join!(engine.reread_attachments(&inspected), list);
            let ((found, relist), mut patch) = (attached?, patch?);
            patch.containers.extend(found);
            Ok((LiveUpdate::Patch(patch), relist))
        };
        tokio::pin!(read);
        // Events that arrive while reading are gathered for the next read instead of waiting their turn. A
        // read has no deadline of its own (a busy engine may take seconds to list thousands of containers),
        // but one that froze mid-read (SIGSTOP: the socket still accepts, nobody answers) must not hang the
        // view: while the read waits, the engine is pinged as on a quiet stream.
        let (update, relist) = loop {
            tokio::select! {
                update = &mut read => break update?,
                event = events.next() => if !b.note(event)? {
                    return Ok(());
                },
                () = tokio::time::sleep(LIVENESS_IDLE) => engine.alive(LIVENESS_TIMEOUT).await?,
            }
        };
        last_read = tokio::time::Instant::now();
        settle(&mut b.expected, &update, last_read);
        b.remember(&update);
        // An inspect that found another state: the container is listed at once.
        b.asked.containers.extend(relist);
        if !is_recheck && !now.everything {
            rechecks.schedule(&listed, &RECHECK_AFTER);
            // An inspect waited for the save and read the record itself: only the late recheck is kept
            // for it, so no list walks the engine while the window draws the change.
            let inspected =
                Rereads { containers: inspected.iter().map(|c| c.id.clone()).collect(), ..Rereads::default() };
            rechecks.schedule(&inspected, &RECHECK_AFTER[2..]);
        }
        if tx.send(update).is_err() {
            return Ok(());
        }
    }
}

/// Settles what was awaited against what a read found (`expect`).
fn settle(expected: &mut Expected, update: &LiveUpdate, now: Instant) {
    match update {
        LiveUpdate::Patch(p) => {
            expected.settle(|id| p.containers.iter().find(|(c, _)| c == id).map(|(_, found)| found.as_ref()), now);
        }
        LiveUpdate::Snapshot(s) => expected.settle(|id| Some(s.containers.iter().find(|c| c.id == id)), now),
        _ => {}
    }
}

/// The engine announces some changes before the state it lists has caught up with them (a `connect` event
/// is sent before the container's record is saved), so a read right after an event can be a moment early.
/// Each targeted read is therefore repeated, shortly after; a repeat that finds nothing new costs one small
/// request and sends the UI nothing. Measured on Docker 20.10 (sandbox engine, idle): the `connect` event
/// comes 3–5 ms before `/containers/json` lists the new endpoint (20–30 ms on a loaded engine with 2,000
/// containers), and the CLI returns 1–2 ms after that. A connect or disconnect is read again back to back
/// until it is listed (`expect`); these repeats cover every other event, and a change listed later still.
/// A container read with an inspect (`Engine::reread_attachments`) is rechecked at 300 ms only.
const RECHECK_AFTER: [Duration; 3] = [Duration::from_millis(10), Duration::from_millis(40), Duration::from_millis(300)];

#[derive(Default)]
struct Rechecks {
    due: Vec<(tokio::time::Instant, Rereads)>,
}

impl Rechecks {
    fn schedule(&mut self, read: &Rereads, when: &[Duration]) {
        if read.is_empty() {
            return;
        }
        let now = tokio::time::Instant::now();
        for &after in when {
            self.due.push((now + after, read.clone()));
        }
        self.due.sort_by_key(|(at, _)| *at);
    }

    fn next_at(&self) -> Option<tokio::time::Instant> {
        self.due.first().map(|(at, _)| *at)
    }

    /// Every recheck whose time has come, merged into one read.
    fn take_due(&mut self) -> Rereads {
        let now = tokio::time::Instant::now();
        let mut merged = Rereads::default();
        while self.due.first().is_some_and(|(at, _)| *at <= now) {
            let (_, r) = self.due.remove(0);
            merged.merge(r);
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bollard::models::{EventActor, EventMessage, EventMessageTypeEnum};
    use netlens_core::fixtures::container;
    use netlens_core::model::ContainerState;

    fn event(typ: EventMessageTypeEnum, action: &str, actor: &str, container: Option<&str>) -> Option<Event> {
        let attributes = container.map(|c| HashMap::from([("container".to_string(), c.to_string())]));
        Some(Ok(EventMessage {
            typ: Some(typ),
            action: Some(action.into()),
            actor: Some(EventActor { id: Some(actor.into()), attributes }),
            ..Default::default()
        }))
    }

    #[test]
    fn only_a_known_container_that_network_events_alone_named_is_inspected_and_never_on_podman() {
        let mut b = Between::default();
        let snapshot = Snapshot {
            containers: ["a", "b", "c"].map(|id| container(id, id, ContainerState::Running, "default", vec![])).into(),
            ..Snapshot::default()
        };
        b.remember(&LiveUpdate::Snapshot(snapshot));
        for c in ["a", "b", "gone-before"] {
            assert!(b.note(event(EventMessageTypeEnum::NETWORK, "connect", "n-1", Some(c))).unwrap());
        }
        // `b` also started: its state changed, which only a list describes.
        assert!(b.note(event(EventMessageTypeEnum::CONTAINER, "start", "b", None)).unwrap());
        assert!(b.note(event(EventMessageTypeEnum::CONTAINER, "start", "c", None)).unwrap());
        let now = std::mem::take(&mut b.asked);
        let named = (std::mem::take(&mut b.attachments), std::mem::take(&mut b.lifecycle));
        let ids = |v: Vec<Container>| v.into_iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(ids(b.only_attachments(&now, &named, false)), ["a"]);
        assert!(b.only_attachments(&now, &named, true).is_empty(), "Podman is listed");
        assert!(now.containers.contains("gone-before") && now.containers.contains("c"), "the rest is listed: {now:?}");
    }

    #[test]
    fn a_listed_read_is_rechecked_three_times_an_inspected_one_late_only_and_nothing_for_nothing() {
        let read = |id: &str| Rereads { containers: [id.to_string()].into(), ..Rereads::default() };
        let mut r = Rechecks::default();
        let start = tokio::time::Instant::now();
        r.schedule(&read("listed"), &RECHECK_AFTER);
        r.schedule(&read("inspected"), &RECHECK_AFTER[2..]);
        r.schedule(&Rereads::default(), &RECHECK_AFTER);
        // Scheduled a moment after `start`: each at its delay, give or take that moment.
        let due: Vec<_> = r
            .due
            .iter()
            .map(|(at, what)| {
                ((*at - start).as_millis() / 10 * 10, what.containers.iter().cloned().collect::<Vec<_>>())
            })
            .collect();
        let l = |id: &str| vec![id.to_string()];
        assert_eq!(due, [(10, l("listed")), (40, l("listed")), (300, l("listed")), (300, l("inspected"))]);
    }

    #[test]
    fn what_was_read_is_remembered_and_what_is_gone_forgotten() {
        let mut b = Between::default();
        let a = container("a", "a", ContainerState::Running, "default", vec![]);
        b.remember(&LiveUpdate::Snapshot(Snapshot { containers: vec![a.clone()], ..Snapshot::default() }));
        let moved = Container { status: "Up 1 second".into(), ..a };
        let fresh = container("z", "z", ContainerState::Exited, "default", vec![]);
        let patch = Patch {
            containers: vec![("a".into(), Some(moved.clone())), ("z".into(), Some(fresh))],
            ..Patch::default()
        };
        b.remember(&LiveUpdate::Patch(patch));
        assert_eq!(b.known.get("a"), Some(&moved));
        b.remember(&LiveUpdate::Patch(Patch { containers: vec![("a".into(), None)], ..Patch::default() }));
        assert_eq!(b.known.keys().collect::<Vec<_>>(), ["z"]);
    }
}
