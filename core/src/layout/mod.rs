//! Where every node goes on screen, computed in Rust and sent as coordinates.
//!
//! Owns placement only: networks by a force layout weighted by how many containers they share,
//! containers in slots around their network (multi-homed ones between their networks), the host and
//! external nodes beside everything. Deterministic for the same input, and incremental: positions from
//! the previous layout are kept, so adding one container moves nothing else. Pure; y grows downwards.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::topology::{container_node_id, network_node_id, Topology, EXTERNAL_ID, HOST_ID};

pub type Point = (f64, f64);

/// Distance from a hub to its first ring of containers, and how fast the sunflower spreads.
const RING: f64 = 70.0;
const SPREAD: f64 = 26.0;
const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;
const ITERATIONS: usize = 300;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    positions: HashMap<String, Point>,
    /// Which slot each single-homed container holds around its network, so a new one takes a free slot.
    slots: HashMap<String, BTreeMap<usize, String>>,
    /// The networks a container was placed for; a change means it moves (and only it).
    homes: HashMap<String, Vec<String>>,
    /// Where a network about to be created should appear (by name: its ID is not known yet), e.g. where the
    /// person right-clicked. Used once, when a network of that name first shows up.
    pins: HashMap<String, Point>,
}

impl Layout {
    pub fn position(&self, node_id: &str) -> Option<Point> {
        self.positions.get(node_id).copied()
    }

    /// Asks for the next network named `name` to be placed at `at` rather than where the layout would put it.
    pub fn pin_network(&mut self, name: &str, at: Point) {
        self.pins.insert(name.to_string(), at);
    }

    /// The next layout: previous positions kept where the node still has the same place to be.
    pub fn update(&self, topology: &Topology) -> Layout {
        let mut next = Layout { pins: self.pins.clone(), ..Layout::default() };
        place_networks(self, topology, &mut next);
        place_containers(self, topology, &mut next);
        place_host_and_external(topology, &mut next);
        next
    }
}

fn radius_for(count: usize) -> f64 {
    RING + SPREAD * (count as f64).sqrt()
}

/// A deterministic pseudo-random angle for a name, so new networks start in a reproducible spot.
fn hash_unit(s: &str) -> f64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h % 10_000) as f64 / 10_000.0
}

fn place_networks(prev: &Layout, t: &Topology, next: &mut Layout) {
    let mut nets: Vec<_> = t.networks().collect();
    nets.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    let ids: Vec<String> = nets.iter().map(|n| network_node_id(&n.id)).collect();
    let sizes: Vec<f64> = nets.iter().map(|n| radius_for(t.containers_on(&n.id).len())).collect();
    // Weight between two networks: the containers they share.
    let index: HashMap<&str, usize> = nets.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let mut weights: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for c in t.containers() {
        let homes: Vec<usize> =
            t.endpoints_of(&c.id).iter().filter_map(|(n, _)| index.get(n.id.as_str()).copied()).collect();
        for (k, &a) in homes.iter().enumerate() {
            for &b in &homes[k + 1..] {
                *weights.entry((a.min(b), a.max(b))).or_default() += 1.0;
            }
        }
    }
    let n = nets.len();
    // A new network with a pin goes where it was asked for, and stays there while the others settle.
    let pinned: Vec<Option<Point>> = nets
        .iter()
        .zip(&ids)
        .map(|(n, id)| (!prev.positions.contains_key(id)).then(|| prev.pins.get(&n.name).copied()).flatten())
        .collect();
    for (n, pin) in nets.iter().zip(&pinned) {
        if pin.is_some() {
            next.pins.remove(&n.name);
        }
    }
    let fixed: Vec<bool> =
        ids.iter().zip(&pinned).map(|(id, pin)| prev.positions.contains_key(id) || pin.is_some()).collect();
    let spacing = sizes.iter().copied().fold(RING, f64::max) * 2.4;
    let mut pos: Vec<Point> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            prev.positions.get(id).copied().or(pinned[i]).unwrap_or_else(|| {
                // New networks start near the networks they share containers with, else on a circle.
                let partners: Vec<Point> = weights
                    .keys()
                    .filter_map(|&(a, b)| {
                        if a == i {
                            Some(b)
                        } else if b == i {
                            Some(a)
                        } else {
                            None
                        }
                    })
                    .filter_map(|j| prev.positions.get(&ids[j]).copied())
                    .collect();
                let angle = hash_unit(id) * std::f64::consts::TAU;
                if partners.is_empty() {
                    let r = spacing * (n as f64).sqrt() * 0.6;
                    let base = if prev.positions.is_empty() {
                        (i as f64 / n.max(1) as f64) * std::f64::consts::TAU
                    } else {
                        angle
                    };
                    (r * base.cos(), r * base.sin())
                } else {
                    let k = partners.len() as f64;
                    let (sx, sy) = partners.iter().fold((0.0, 0.0), |acc, p| (acc.0 + p.0, acc.1 + p.1));
                    (sx / k + spacing * 0.5 * angle.cos(), sy / k + spacing * 0.5 * angle.sin())
                }
            })
        })
        .collect();
    if fixed.iter().any(|f| !f) {
        let mut temperature = spacing;
        for _ in 0..ITERATIONS {
            let mut disp = vec![(0.0f64, 0.0f64); n];
            for i in 0..n {
                for j in (i + 1)..n {
                    let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                    let d = (dx * dx + dy * dy).sqrt().max(1.0);
                    let want = sizes[i] + sizes[j] + spacing * 0.35;
                    let w = weights.get(&(i, j)).copied().unwrap_or(0.0);
                    // Repulsion keeps hubs and their rings apart; attraction pulls sharing networks together.
                    let mut f = want * want / d;
                    if w > 0.0 {
                        f -= d * d / want * (1.0 + w).ln().max(0.5);
                    } else {
                        f -= d * d / (want * 8.0);
                    }
                    let (ux, uy) = (dx / d, dy / d);
                    disp[i].0 += ux * f;
                    disp[i].1 += uy * f;
                    disp[j].0 -= ux * f;
                    disp[j].1 -= uy * f;
                }
            }
            for i in 0..n {
                if fixed[i] {
                    continue;
                }
                let (dx, dy) = disp[i];
                let len = (dx * dx + dy * dy).sqrt();
                if len > 0.0 {
                    let step = len.min(temperature);
                    pos[i].0 += dx / len * step;
                    pos[i].1 += dy / len * step;
                }
            }
            temperature = (temperature * 0.97).max(1.0);
        }
    }
    for (id, p) in ids.into_iter().zip(pos) {
        next.positions.insert(id, (p.0.round(), p.1.round()));
    }
}

fn place_containers(prev: &Layout, t: &Topology, next: &mut Layout) {
    let mut containers: Vec<_> = t.containers().collect();
    containers.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    let mut loose = 0usize;
    // Slots still held by containers that stay where they were.
    for c in &containers {
        let node = container_node_id(&c.id);
        let homes: Vec<String> = t.endpoints_of(&c.id).iter().map(|(n, _)| network_node_id(&n.id)).collect();
        if homes.len() == 1 && prev.homes.get(&node) == Some(&homes) {
            if let Some(slot) =
                prev.slots.get(&homes[0]).and_then(|s| s.iter().find(|(_, v)| **v == node).map(|(k, _)| *k))
            {
                next.slots.entry(homes[0].clone()).or_default().insert(slot, node.clone());
            }
        }
    }
    for c in &containers {
        let node = container_node_id(&c.id);
        let homes: Vec<String> = t.endpoints_of(&c.id).iter().map(|(n, _)| network_node_id(&n.id)).collect();
        let kept = prev.homes.get(&node) == Some(&homes) && prev.positions.contains_key(&node);
        let point = match homes.len() {
            0 => {
                // Containers sharing another's stack (`container:<id>`) or on no network: a row below.
                loose += 1;
                prev.positions.get(&node).copied().filter(|_| kept).unwrap_or((loose as f64 * 90.0, 0.0))
            }
            1 => {
                let hub = next.positions.get(&homes[0]).copied().unwrap_or((0.0, 0.0));
                let taken = next.slots.entry(homes[0].clone()).or_default();
                let slot = match taken.iter().find(|(_, v)| **v == node) {
                    Some((k, _)) => *k,
                    None => {
                        let free = (0..).find(|k| !taken.contains_key(k)).unwrap_or(0);
                        taken.insert(free, node.clone());
                        free
                    }
                };
                let angle = slot as f64 * GOLDEN_ANGLE - std::f64::consts::FRAC_PI_2;
                let r = RING + SPREAD * (slot as f64).sqrt();
                (hub.0 + r * angle.cos(), hub.1 + r * angle.sin())
            }
            _ => {
                if kept {
                    prev.positions[&node]
                } else {
                    // Between its networks, nudged off the straight line so two such containers do not stack.
                    let pts: Vec<Point> = homes.iter().filter_map(|h| next.positions.get(h).copied()).collect();
                    let k = pts.len().max(1) as f64;
                    let (sx, sy) = pts.iter().fold((0.0, 0.0), |acc, p| (acc.0 + p.0, acc.1 + p.1));
                    let angle = hash_unit(&node) * std::f64::consts::TAU;
                    (sx / k + 24.0 * angle.cos(), sy / k + 24.0 * angle.sin())
                }
            }
        };
        next.positions.insert(node.clone(), (point.0.round(), point.1.round()));
        next.homes.insert(node, homes);
    }
    // The loose row sits under everything else.
    if loose > 0 {
        let bottom = next.positions.values().map(|p| p.1).fold(f64::MIN, f64::max) + 120.0;
        let loose_ids: Vec<String> = containers
            .iter()
            .filter(|c| next.homes.get(&container_node_id(&c.id)).is_some_and(Vec::is_empty))
            .map(|c| container_node_id(&c.id))
            .collect();
        for (i, id) in loose_ids.iter().enumerate() {
            if prev.positions.contains_key(id) && prev.homes.get(id).is_some_and(Vec::is_empty) {
                next.positions.insert(id.clone(), prev.positions[id]);
            } else {
                next.positions.insert(id.clone(), (i as f64 * 90.0, bottom));
            }
        }
    }
}

/// The host sits left of the networks and the outside world right of them, centred vertically on the
/// networks only, so containers coming and going never move them.
fn place_host_and_external(t: &Topology, next: &mut Layout) {
    let nets: BTreeSet<String> = t.networks().map(|n| network_node_id(&n.id)).collect();
    let pts: Vec<Point> = nets.iter().filter_map(|id| next.positions.get(id).copied()).collect();
    let (min_x, max_x, min_y, max_y) = pts.iter().fold((0.0f64, 0.0f64, 0.0f64, 0.0f64), |acc, p| {
        (acc.0.min(p.0), acc.1.max(p.0), acc.2.min(p.1), acc.3.max(p.1))
    });
    let mid = ((min_y + max_y) / 2.0).round();
    let margin = RING * 3.5;
    next.positions.insert(HOST_ID.into(), ((min_x - margin).round(), mid));
    next.positions.insert(EXTERNAL_ID.into(), ((max_x + margin).round(), mid));
}

#[cfg(test)]
mod tests;
