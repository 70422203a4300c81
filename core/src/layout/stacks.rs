//! Containers that run in another container's network stack (`--network container:<id>`): each sits beside
//! the container whose stack it shares (its owner), on a small ring of places around the owner's dot.
//!
//! Owns the sharers' positions and their places around their owners (`Layout::satellites`). Reads where
//! the owners went, never moves them. A sharer keeps its place while its owner keeps its own; a new sharer
//! takes the first free place, preferring one clear of every other dot. Must not place anything else.

use std::collections::{BTreeSet, HashMap};

use super::{Layout, Member, Point, World, DOT};

/// Distance from an owner's centre to its sharers' first ring of places, and between rings.
const SATELLITE: f64 = 24.0;
/// Places on one ring around an owner.
const PER_RING: usize = 6;

/// Where place `k` sits relative to the owner: first below-right, then round the ring; each further ring
/// turned half a step so its places fall between the inner ones.
fn offset(k: usize) -> Point {
    let (ring, i) = (k / PER_RING, k % PER_RING);
    let step = std::f64::consts::TAU / PER_RING as f64;
    let angle = std::f64::consts::FRAC_PI_4 + step * (i as f64 + 0.5 * ring as f64);
    let r = SATELLITE * (ring + 1) as f64;
    ((r * angle.cos()).round(), (r * angle.sin()).round())
}

pub(super) fn place(prev: &Layout, world: &World, next: &mut Layout) {
    let sharers: Vec<(&Member, &String)> =
        world.containers.iter().filter_map(|m| m.owner.as_ref().map(|o| (m, o))).collect();
    if sharers.is_empty() {
        return;
    }
    let mut taken: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    let mut fresh = Vec::new();
    for &(m, owner) in &sharers {
        let Some(at) = next.positions.get(owner).copied() else { continue };
        // Kept while the owner is the same and has not moved.
        let kept = prev
            .satellites
            .get(&m.node)
            .filter(|(o, _)| o == owner && prev.positions.get(owner) == Some(&at))
            .map(|&(_, k)| k);
        match kept {
            Some(k) if taken.entry(owner.as_str()).or_default().insert(k) => put(next, m, owner, at, k),
            _ => fresh.push((m, owner, at)),
        }
    }
    if fresh.is_empty() {
        return;
    }
    // Every dot placed so far: a new sharer's place should not cover one. Sharers are few, so a plain scan.
    let mut dots: Vec<Point> = world.containers.iter().filter_map(|m| next.positions.get(&m.node).copied()).collect();
    for (m, owner, at) in fresh {
        let used = taken.entry(owner.as_str()).or_default();
        let free: Vec<usize> = (0..).filter(|k| !used.contains(k)).take(2 * PER_RING).collect();
        let clear = |k: &&usize| {
            let p = (at.0 + offset(**k).0, at.1 + offset(**k).1);
            dots.iter().all(|d| (d.0 - p.0).hypot(d.1 - p.1) >= DOT)
        };
        let k = free.iter().find(clear).or(free.first()).copied().unwrap_or_default();
        used.insert(k);
        put(next, m, owner, at, k);
        if let Some(&p) = next.positions.get(&m.node) {
            dots.push(p);
        }
    }
}

fn put(next: &mut Layout, m: &Member, owner: &str, at: Point, k: usize) {
    let off = offset(k);
    next.positions.insert(m.node.clone(), (at.0 + off.0, at.1 + off.1));
    next.satellites.insert(m.node.clone(), (owner.to_string(), k));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_around_an_owner_are_apart_from_each_other_and_from_the_owner() {
        let places: Vec<Point> = (0..2 * PER_RING).map(offset).collect();
        for (i, a) in places.iter().enumerate() {
            assert!(a.0.hypot(a.1) >= SATELLITE - 1.0, "place {i} is off the owner's dot");
            for b in &places[i + 1..] {
                assert!((a.0 - b.0).hypot(a.1 - b.1) >= DOT, "{a:?} and {b:?} overlap");
            }
        }
    }
}
