//! Containers: sunflower slots in their network's room, multi-homed ones in the free space between their
//! networks, those on no network in a row below everything.
//!
//! Owns container positions and ring slots. Reads the hubs and their rooms, never changes them. A container
//! keeps its place while its networks, and their hubs, stay where they were.

use std::collections::{BTreeSet, HashMap};

use super::networks::Hubs;
use super::pack::Discs;
use super::{capacity, ring_reach, slot_offset, Layout, Member, Point, World, DOT, LOOSE_GAP, LOOSE_STEP};
use crate::model::{Container, Network};
use crate::topology::{container_node_id, network_node_id, Topology};

/// Gives every single-homed container a ring slot (its old one if it stayed on the same network, else the
/// lowest free one) and returns, per network, how many slots its ring spans.
pub(super) fn assign_slots(prev: &Layout, world: &World, next: &mut Layout) -> Vec<usize> {
    let mut taken = vec![BTreeSet::new(); world.networks.len()];
    let mut fresh = Vec::new();
    for m in &world.containers {
        next.homes.insert(m.node.clone(), m.home_ids.clone());
        let [home] = m.homes[..] else { continue };
        let old = prev.slots.get(&m.node).filter(|_| prev.homes.get(&m.node) == Some(&m.home_ids));
        match old {
            Some(&slot) if taken[home].insert(slot) => {
                next.slots.insert(m.node.clone(), slot);
            }
            _ => fresh.push((m, home)),
        }
    }
    // Slots are handed out in ascending order per network, so a cursor finds each next free one.
    let mut cursor = vec![0usize; world.networks.len()];
    for (m, home) in fresh {
        while taken[home].contains(&cursor[home]) {
            cursor[home] += 1;
        }
        taken[home].insert(cursor[home]);
        next.slots.insert(m.node.clone(), cursor[home]);
    }
    taken.iter().map(|t| t.last().map_or(0, |s| s + 1)).collect()
}

pub(super) fn place(prev: &Layout, world: &World, hubs: &Hubs, next: &mut Layout) {
    let n = hubs.centre.len();
    let mut discs = Discs::default();
    // Disc i is network i's room; container dots follow.
    for i in 0..n {
        discs.push(hubs.centre[i], hubs.radius(i));
    }
    for m in &world.containers {
        if let ([home], Some(&slot)) = (&m.homes[..], next.slots.get(&m.node)) {
            let (hub, off) = (hubs.centre[*home], slot_offset(slot));
            next.positions.insert(m.node.clone(), ((hub.0 + off.0).round(), (hub.1 + off.1).round()));
        }
    }

    // Multi-homed containers stay while their networks and hubs do and no other room has grown over them.
    let mut fresh = Vec::new();
    for m in world.containers.iter().filter(|m| m.homes.len() > 1) {
        let others = |k: usize, r: f64| (k < n && m.homes.binary_search(&k).is_err()).then_some(r);
        let kept = prev
            .positions
            .get(&m.node)
            .copied()
            .filter(|_| prev.homes.get(&m.node) == Some(&m.home_ids) && m.homes.iter().all(|&h| !hubs.moved[h]))
            .filter(|&p| discs.is_free(p, DOT, &others));
        match kept {
            Some(p) => {
                discs.push(p, DOT);
                next.positions.insert(m.node.clone(), p);
            }
            None => fresh.push(m),
        }
    }
    for m in fresh {
        // Clear of other networks' rooms and of other dots; inside its own networks' rooms only past the
        // last slot their rooms hold, so later ring members never land on it.
        let view = |k: usize, r: f64| match k < n && m.homes.binary_search(&k).is_ok() {
            true => Some(ring_reach(hubs.cap[k])),
            false => Some(r),
        };
        let p = discs.nearest_free(between(m, hubs), DOT, &view, false);
        discs.push(p, DOT);
        next.positions.insert(m.node.clone(), p);
    }

    place_loose(prev, world, hubs, &discs, next);
}

/// Where a multi-homed container would sit with nothing in the way: for two networks, halfway across the
/// gap between their rooms; for more, the centre of their hubs.
fn between(m: &Member, hubs: &Hubs) -> Point {
    if let [a, b] = m.homes[..] {
        let (pa, pb) = (hubs.centre[a], hubs.centre[b]);
        let d = (pb.0 - pa.0).hypot(pb.1 - pa.1);
        if d > f64::EPSILON {
            let along = (hubs.radius(a) + (d - hubs.radius(a) - hubs.radius(b)) / 2.0) / d;
            return (pa.0 + (pb.0 - pa.0) * along, pa.1 + (pb.1 - pa.1) * along);
        }
    }
    let k = m.homes.len().max(1) as f64;
    let (sx, sy) = m.homes.iter().fold((0.0, 0.0), |(sx, sy), &h| (sx + hubs.centre[h].0, sy + hubs.centre[h].1));
    (sx / k, sy / k)
}

/// Containers on no network (and sharing no existing container's stack: `stacks` places those): a row under
/// everything. Those already in the row stay; new ones take the free places along it.
fn place_loose(prev: &Layout, world: &World, hubs: &Hubs, discs: &Discs, next: &mut Layout) {
    let loose: Vec<&Member> = world.containers.iter().filter(|m| is_loose(m)).collect();
    let mut fresh = Vec::new();
    let mut row: Option<f64> = None;
    for m in loose {
        // One that sat beside an owner until now (the owner was removed) joins the row afresh.
        let was_in_row = prev.homes.get(&m.node).is_some_and(Vec::is_empty) && !prev.satellites.contains_key(&m.node);
        match prev.positions.get(&m.node).filter(|_| was_in_row) {
            Some(&p) => {
                row = Some(row.map_or(p.1, |y: f64| y.max(p.1)));
                next.positions.insert(m.node.clone(), p);
            }
            None => fresh.push(m),
        }
    }
    if fresh.is_empty() {
        return;
    }
    let y = row.unwrap_or_else(|| {
        let rooms = (0..hubs.centre.len()).map(|i| hubs.centre[i].1 + hubs.radius(i));
        let dots = world.containers.iter().filter_map(|m| next.positions.get(&m.node).map(|p| p.1 + DOT));
        (rooms.chain(dots).fold(0.0, f64::max) + LOOSE_GAP).round()
    });
    let taken: BTreeSet<i64> = world
        .containers
        .iter()
        .filter(|m| is_loose(m))
        .filter_map(|m| next.positions.get(&m.node))
        .filter(|p| p.1 == y)
        .map(|p| (p.0 / LOOSE_STEP).round() as i64)
        .collect();
    // A room placed since the row began may reach into it: skip the places it covers.
    let mut places = (0i64..).filter(|k| !taken.contains(k)).map(|k| (k as f64 * LOOSE_STEP, y)).filter(|&p| {
        let rooms_only = |i: usize, r: f64| (i < hubs.centre.len()).then_some(r);
        discs.is_free(p, DOT, &rooms_only)
    });
    for m in fresh {
        if let Some(p) = places.next() {
            next.positions.insert(m.node.clone(), p);
        }
    }
}

fn is_loose(m: &Member) -> bool {
    m.homes.is_empty() && m.owner.is_none()
}

/// `Layout::update_one_container`: what `update` does for a topology whose only change is container
/// `container_id`'s networks, done for that container alone. Exact because everything else stays put in
/// `update` then: no room changes size (checked), so no hub moves; the other single-homed containers keep
/// their slots; the other multi-homed ones keep their places (each was placed clear of the rest, and the
/// rooms are the same); the loose row, the stacks and the host and outside world depend on none of it.
/// The container itself takes the lowest free slot of its one network, or is placed by the same
/// `nearest_free` search against the same discs pushed in the same order. `None`, with `layout`
/// untouched, whenever that reasoning does not hold.
pub(super) fn place_one(layout: &mut Layout, t: &Topology, container_id: &str) -> Option<()> {
    let node = container_node_id(container_id);
    let old_homes = layout.homes.get(&node)?;
    let stacked = t.stack_owner(container_id).is_some() || !t.stack_sharers(container_id).is_empty();
    if stacked || layout.satellites.contains_key(&node) || t.has_services() {
        return None;
    }
    // The networks in `World`'s order, every one of them placed before and none gone.
    let mut nets: Vec<&Network> = t.networks().collect();
    if nets.len() != layout.rooms.len() {
        return None;
    }
    nets.sort_by(|a, b| Network::by_name(a, b));
    let ids: Vec<String> = nets.iter().map(|n| network_node_id(&n.id)).collect();
    let centre: Vec<Point> = ids.iter().map(|id| layout.positions.get(id).copied()).collect::<Option<_>>()?;
    let cap: Vec<usize> = ids.iter().map(|id| layout.rooms.get(id).copied()).collect::<Option<_>>()?;
    let by_node: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let mut homes: Vec<usize> = t
        .endpoints_of(container_id)
        .iter()
        .filter_map(|(n, _)| by_node.get(network_node_id(&n.id).as_str()).copied())
        .collect();
    homes.sort_unstable();
    homes.dedup();
    let home_ids: Vec<String> = homes.iter().map(|&h| ids[h].clone()).collect();
    if &home_ids == old_homes {
        return Some(());
    }
    if homes.is_empty() || old_homes.is_empty() {
        return None;
    }

    // The slots the others hold on each network the change touches, and the container's own new one.
    let touched: BTreeSet<usize> =
        homes.iter().copied().chain(old_homes.iter().filter_map(|id| by_node.get(id.as_str()).copied())).collect();
    let mut taken: HashMap<usize, BTreeSet<usize>> = touched.iter().map(|&k| (k, BTreeSet::new())).collect();
    for (&k, slots) in &mut taken {
        // Its members but the container itself: the others' networks, so their slots, are as before.
        for (c, _) in t.containers_on(&nets[k].id) {
            let other = container_node_id(&c.id);
            if other != node && layout.homes.get(&other).is_some_and(|their| their[..] == ids[k..=k]) {
                slots.insert(*layout.slots.get(&other)?);
            }
        }
    }
    let slot = match homes[..] {
        [home] => Some((0..).find(|s| !taken[&home].contains(s)).unwrap_or_default()),
        _ => None,
    };
    if let (Some(s), [home]) = (slot, &homes[..]) {
        taken.get_mut(home)?.insert(s);
    }
    for (&k, slots) in &taken {
        let need = slots.last().map_or(0, |s| s + 1);
        if capacity(need, Some(cap[k])) != cap[k] {
            return None;
        }
    }

    let hubs = Hubs { centre, cap, moved: vec![false; ids.len()] };
    let p = match slot {
        Some(s) => {
            let (hub, off) = (hubs.centre[homes[0]], slot_offset(s));
            ((hub.0 + off.0).round(), (hub.1 + off.1).round())
        }
        None => {
            let mut discs = Discs::default();
            for i in 0..ids.len() {
                discs.push(hubs.centre[i], hubs.radius(i));
            }
            // The other multi-homed containers' dots, in `World`'s order (by name), as `place` pushes them.
            let mut others: Vec<(&Container, Point)> = layout
                .homes
                .iter()
                .filter(|(other, their)| their.len() > 1 && **other != node)
                .map(|(other, _)| {
                    let c = other.strip_prefix("container:").and_then(|id| t.container(id))?;
                    Some((c, *layout.positions.get(other)?))
                })
                .collect::<Option<_>>()?;
            others.sort_by(|a, b| Container::by_name(a.0, b.0));
            for (_, p) in others {
                discs.push(p, DOT);
            }
            let m = Member { node: node.clone(), homes: homes.clone(), home_ids: home_ids.clone(), owner: None };
            let n = ids.len();
            let view = |k: usize, r: f64| match k < n && m.homes.binary_search(&k).is_ok() {
                true => Some(ring_reach(hubs.cap[k])),
                false => Some(r),
            };
            discs.nearest_free(between(&m, &hubs), DOT, &view, false)
        }
    };
    match slot {
        Some(s) => layout.slots.insert(node.clone(), s),
        None => layout.slots.remove(&node),
    };
    layout.positions.insert(node.clone(), p);
    layout.homes.insert(node, home_ids);
    Some(())
}
