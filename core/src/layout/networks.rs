//! Network hubs: the size of each network's room and where its hub goes.
//!
//! Owns hub positions and room sizes (`Layout::rooms`). A hub that was placed stays; it moves only when a
//! room that grew now overlaps its own, and then to the nearest free spot. New networks go biggest first,
//! each followed by the networks that share the most containers with what is already placed, each at the
//! free spot nearest the weighted centre of its placed partners (or its pin). Must not place containers.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::pack::{as_placed, Discs};
use super::{capacity, room_radius, Layout, Point, World, DOT};

/// How much of the way from its partners towards the middle a new network aims (on a generated 300-network
/// engine, 0.15 made the picture 20% smaller and round, at the cost of related rooms sitting a little apart).
const CENTRE_PULL: f64 = 0.15;

/// Where each network's hub went, indexed like `World::networks`.
pub(super) struct Hubs {
    pub centre: Vec<Point>,
    /// Ring slots each room holds.
    pub cap: Vec<usize>,
    /// Whether the hub is new or not where it was, so containers placed relative to it must be too.
    pub moved: Vec<bool>,
}

impl Hubs {
    pub fn radius(&self, i: usize) -> f64 {
        room_radius(self.cap[i])
    }
}

pub(super) fn place(prev: &Layout, world: &World, need: &[usize], next: &mut Layout) -> Hubs {
    let n = world.networks.len();
    let before: Vec<Option<Point>> = world.networks.iter().map(|w| prev.positions.get(&w.node).copied()).collect();
    let prev_cap: Vec<Option<usize>> = world.networks.iter().map(|w| prev.rooms.get(&w.node).copied()).collect();
    let cap: Vec<usize> = (0..n).map(|i| capacity(need[i], prev_cap[i])).collect();
    let radius: Vec<f64> = cap.iter().map(|&c| room_radius(c)).collect();
    let mut discs = Discs::default();
    let mut centre: Vec<Option<Point>> = vec![None; n];
    let put = |discs: &mut Discs, centre: &mut Vec<Option<Point>>, i: usize, p: Point| {
        discs.push(p, radius[i]);
        centre[i] = Some(p);
    };

    // Kept hubs stay where they were. Rooms that grew go first, so a kept room they now overlap is the one
    // that makes way (the person is looking at the network that changed); then bigger rooms before smaller.
    let grew = |i: usize| prev_cap[i].is_some_and(|c| cap[i] > c);
    let mut kept: Vec<usize> = (0..n).filter(|&i| before[i].is_some()).collect();
    kept.sort_by_key(|&i| (Reverse(grew(i)), Reverse(cap[i]), i));
    let mut displaced = Vec::new();
    for i in kept {
        match before[i] {
            Some(p) if discs.is_free(p, radius[i], &as_placed) => put(&mut discs, &mut centre, i, p),
            _ => displaced.push(i),
        }
    }
    // Containers drawn outside the rooms (multi-homed, or on no network) keep their place when their networks
    // do, so new rooms keep clear of them rather than cover them.
    for m in world.containers.iter().filter(|m| m.homes.len() != 1 && m.owner.is_none()) {
        if prev.homes.get(&m.node) == Some(&m.home_ids) {
            if let Some(&p) = prev.positions.get(&m.node) {
                discs.push(p, DOT);
            }
        }
    }
    for i in displaced {
        let p = discs.nearest_free(before[i].unwrap_or_default(), radius[i], &as_placed, true);
        put(&mut discs, &mut centre, i, p);
    }

    // A new network with a pin goes where it was asked for, or as near as its room allows.
    for (i, net) in world.networks.iter().enumerate() {
        if centre[i].is_none() {
            if let Some(pin) = next.pins.take(&net.name) {
                let p = discs.nearest_free(pin, radius[i], &as_placed, true);
                put(&mut discs, &mut centre, i, p);
            }
        }
    }

    // The rest: the network sharing the most containers with those placed comes next (ties: the bigger room,
    // then the list order), so related networks are placed one after another and end up side by side.
    let mut weight = vec![0usize; n];
    for i in (0..n).filter(|&i| centre[i].is_some()) {
        for &(j, w) in &world.partners[i] {
            weight[j] += w;
        }
    }
    // Aimed a little towards the middle (where the first room went) while the picture is being built:
    // without it, chains of related networks wander off as long arms and the picture no longer fits a
    // screen. Once there is a picture, a new network goes as near its partners as free space allows.
    let pull = if before.iter().any(Option::is_some) { 0.0 } else { CENTRE_PULL };
    let mut queue: BinaryHeap<(usize, usize, Reverse<usize>)> =
        (0..n).filter(|&i| centre[i].is_none()).map(|i| (weight[i], cap[i], Reverse(i))).collect();
    while let Some((w, _, Reverse(i))) = queue.pop() {
        // Entries are pushed again when a network's weight grows; older ones are stale.
        if centre[i].is_some() || w != weight[i] {
            continue;
        }
        let target = partners_centre(&world.partners[i], &centre)
            .map_or((0.0, 0.0), |p| (p.0 * (1.0 - pull), p.1 * (1.0 - pull)));
        let p = discs.nearest_free(target, radius[i], &as_placed, true);
        put(&mut discs, &mut centre, i, p);
        for &(j, wj) in &world.partners[i] {
            if centre[j].is_none() {
                weight[j] += wj;
                queue.push((weight[j], cap[j], Reverse(j)));
            }
        }
    }

    let centre: Vec<Point> = centre.into_iter().map(Option::unwrap_or_default).collect();
    for (i, net) in world.networks.iter().enumerate() {
        next.positions.insert(net.node.clone(), centre[i]);
        next.rooms.insert(net.node.clone(), cap[i]);
    }
    let moved = (0..n).map(|i| before[i] != Some(centre[i])).collect();
    Hubs { centre, cap, moved }
}

/// The centre of a network's placed partners, each weighted by the containers it shares.
fn partners_centre(partners: &[(usize, usize)], centre: &[Option<Point>]) -> Option<Point> {
    let (sx, sy, sw) = partners.iter().fold((0.0, 0.0, 0.0), |(sx, sy, sw), &(j, w)| match centre[j] {
        Some(p) => (sx + p.0 * w as f64, sy + p.1 * w as f64, sw + w as f64),
        None => (sx, sy, sw),
    });
    (sw > 0.0).then(|| (sx / sw, sy / sw))
}
