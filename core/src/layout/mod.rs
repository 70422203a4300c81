//! Where every node goes on screen, computed in Rust and sent as coordinates.
//!
//! Owns placement only. Each network gets a room: a disc big enough for its ring of containers plus headroom,
//! and rooms never overlap (`networks`); containers sit in sunflower slots inside their network's room,
//! multi-homed ones in the free space between their networks (outside any other network's room), containers
//! on no network in a row below (`containers`), containers sharing another's network stack beside it
//! (`stacks`), swarm services like containers on the networks they have virtual IPs on (`services`); the host
//! and the outside world frame everything. The
//! free-space search itself is in `pack`.
//!
//! Deterministic: the same previous layout and topology give the same positions, whatever order the snapshot
//! lists things in. Incremental: what was placed stays. Adding a container moves nothing else unless its
//! network outgrows its room's headroom, and then only the rooms the grown one would overlap make way; a new
//! network goes into free space. Pure; y grows downwards; positions are whole pixels. It must not know about
//! the engine or the UI's drawing.

mod containers;
mod networks;
mod pack;
mod pins;
mod services;
mod stacks;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};

use crate::model::{Container, Network};
use crate::topology::{container_node_id, network_node_id, Topology, EXTERNAL_ID, HOST_ID};
use networks::Hubs;
use pins::Pins;
pub use pins::{MAX_PINS, PIN_LIMIT};

pub type Point = (f64, f64);

/// Distance from a hub to its first ring of containers, and how fast the sunflower spreads.
const RING: f64 = 70.0;
const SPREAD: f64 = 26.0;
const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;
/// Room a container dot needs around its centre.
const DOT: f64 = 16.0;
/// Space between a room's last ring slot and its edge: two neighbouring rooms leave a lane of twice this,
/// wide enough for the containers they share.
const MARGIN: f64 = 40.0;
/// The smallest room, in ring slots: a new network can take its first few containers without growing.
const MIN_ROOM: usize = 8;
/// Gap between the rooms and the host (left) or the outside world (right).
const FRAME_GAP: f64 = 120.0;
/// The row of containers on no network: how far below everything, and how far apart.
const LOOSE_GAP: f64 = 120.0;
const LOOSE_STEP: f64 = 90.0;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    positions: HashMap<String, Point>,
    /// The ring slot each single-homed container holds around its network, so a new one takes a free slot.
    slots: HashMap<String, usize>,
    /// The networks a container was placed for; a change means it moves (and only it).
    homes: HashMap<String, Vec<String>>,
    /// The owner (container node ID) a `container:`-mode container sits beside, and its place around it.
    satellites: HashMap<String, (String, usize)>,
    /// How many ring slots each network's room is sized for, by network node ID.
    rooms: HashMap<String, usize>,
    /// Where a network about to be created should appear (by name: its ID is not known yet), e.g. where the
    /// person right-clicked. Used once, when a network of that name first shows up; capped and clamped.
    pins: Pins,
}

impl Layout {
    pub fn position(&self, node_id: &str) -> Option<Point> {
        self.positions.get(node_id).copied()
    }

    /// The radius of a network's room around its hub: its containers' rings, headroom and margin. Rooms of
    /// two networks never overlap.
    pub fn room_radius(&self, network_node_id: &str) -> Option<f64> {
        self.rooms.get(network_node_id).map(|&cap| room_radius(cap))
    }

    /// Asks for the next network named `name` to be placed at `at` rather than where the layout would put it.
    /// If its room would overlap another there, it goes to the nearest spot where it does not. At most
    /// `MAX_PINS` wait at once (the oldest is dropped) and each is clamped to ±`PIN_LIMIT`.
    pub fn pin_network(&mut self, name: &str, at: Point) {
        self.pins.pin(name, at);
    }

    /// The next layout: previous positions kept where the node still has the same place to be.
    pub fn update(&self, topology: &Topology) -> Layout {
        let world = World::read(topology);
        let mut next = Layout { pins: self.pins.clone(), ..Layout::default() };
        let need = containers::assign_slots(self, &world, &mut next);
        let hubs = networks::place(self, &world, &need, &mut next);
        containers::place(self, &world, &hubs, &mut next);
        stacks::place(self, &world, &mut next);
        frame(&hubs, &mut next);
        next
    }

    /// `update` for a topology that differs from the one this layout was last made for in one container's
    /// networks alone (a connect or disconnect, a start or stop): the same layout, found without placing the
    /// other containers again. On 2,000 containers `update` takes ~2.5 ms, 6-8 ms with the window drawing
    /// beside it, for a change that moves one dot. False, changing nothing, when the change could move
    /// anything else or needs the whole pass to be sure: a room that must grow or shrink, a network added
    /// or gone, the container on no network before or after, a stack it shares or lends, swarm services.
    pub fn update_one_container(&mut self, topology: &Topology, container_id: &str) -> bool {
        containers::place_one(self, topology, container_id).is_some()
    }
}

/// One network as placement sees it.
struct Net {
    node: String,
    name: String,
}

/// One container as placement sees it: its networks as indices into `World::networks`, ascending, and as
/// node IDs in the same order (what `Layout::homes` remembers).
struct Member {
    node: String,
    homes: Vec<usize>,
    home_ids: Vec<String>,
    /// The node ID of the container whose network stack this one shares (`container:` mode).
    owner: Option<String>,
}

/// The topology reduced to what placement needs, in a fixed order (by name, then ID), so the order a snapshot
/// lists things in cannot reach the positions.
struct World {
    networks: Vec<Net>,
    containers: Vec<Member>,
    /// Per network, the networks it shares containers with and how many, ascending by network.
    partners: Vec<Vec<(usize, usize)>>,
}

impl World {
    fn read(t: &Topology) -> World {
        let mut nets: Vec<_> = t.networks().collect();
        nets.sort_by(|a, b| Network::by_name(a, b));
        let index: HashMap<&str, usize> = nets.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
        let networks: Vec<Net> =
            nets.iter().map(|n| Net { node: network_node_id(&n.id), name: n.name.clone() }).collect();
        let mut cs: Vec<_> = t.containers().collect();
        cs.sort_by(|a, b| Container::by_name(a, b));
        let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        let members = cs.iter().map(|c| {
            let nets: Vec<&str> = t.endpoints_of(&c.id).iter().map(|(n, _)| n.id.as_str()).collect();
            (container_node_id(&c.id), nets, t.stack_owner(&c.id).map(|o| container_node_id(&o.id)))
        });
        // Swarm services are placed like containers on the networks they have virtual IPs on; listed after the
        // containers, so new containers pick their places first in a read that brings both.
        let containers = members
            .chain(services::members(t))
            .map(|(node, nets, owner)| {
                let mut homes: Vec<usize> = nets.iter().filter_map(|n| index.get(n).copied()).collect();
                homes.sort_unstable();
                homes.dedup();
                for (k, &a) in homes.iter().enumerate() {
                    for &b in &homes[k + 1..] {
                        *shared.entry((a, b)).or_default() += 1;
                    }
                }
                let home_ids = homes.iter().map(|&h| networks[h].node.clone()).collect();
                Member { node, homes, home_ids, owner }
            })
            .collect();
        let mut partners = vec![Vec::new(); networks.len()];
        for (&(a, b), &w) in &shared {
            partners[a].push((b, w));
            partners[b].push((a, w));
        }
        for p in &mut partners {
            p.sort_unstable();
        }
        World { networks, containers, partners }
    }
}

/// Distance from a hub to ring slot `slot`.
fn ring_radius(slot: usize) -> f64 {
    RING + SPREAD * (slot as f64).sqrt()
}

/// Where ring slot `slot` sits relative to its hub: a sunflower, first slot straight up.
fn slot_offset(slot: usize) -> Point {
    let angle = slot as f64 * GOLDEN_ANGLE - std::f64::consts::FRAC_PI_2;
    let r = ring_radius(slot);
    (r * angle.cos(), r * angle.sin())
}

/// The outer edge of a room's ring when all `cap` slots are taken.
fn ring_reach(cap: usize) -> f64 {
    ring_radius(cap.max(1) - 1) + DOT
}

fn room_radius(cap: usize) -> f64 {
    ring_radius(cap.max(1) - 1) + MARGIN
}

/// How many slots a room holds for `need` slots in use. Powers of two, so a room has headroom and a network
/// that gains containers only rarely outgrows it (which moves its neighbours). It shrinks only once it is
/// four times too big, so a network hovering at a boundary does not make its neighbours flap.
fn capacity(need: usize, before: Option<usize>) -> usize {
    let fit = need.max(MIN_ROOM).next_power_of_two();
    match before {
        Some(cap) if need <= cap && cap <= 4 * fit => cap,
        _ => fit,
    }
}

/// The host sits left of the rooms and the outside world right of them, centred vertically on the rooms only,
/// so containers coming and going never move them.
fn frame(hubs: &Hubs, next: &mut Layout) {
    let bounds = (0..hubs.centre.len()).fold(None, |acc: Option<(f64, f64, f64, f64)>, i| {
        let ((x, y), r) = (hubs.centre[i], hubs.radius(i));
        let (x0, x1, y0, y1) = acc.unwrap_or((x - r, x + r, y - r, y + r));
        Some((x0.min(x - r), x1.max(x + r), y0.min(y - r), y1.max(y + r)))
    });
    let (min_x, max_x, min_y, max_y) = bounds.unwrap_or_default();
    let mid = ((min_y + max_y) / 2.0).round();
    next.positions.insert(HOST_ID.into(), ((min_x - FRAME_GAP).round(), mid));
    next.positions.insert(EXTERNAL_ID.into(), ((max_x + FRAME_GAP).round(), mid));
}
