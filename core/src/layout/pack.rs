//! Free space among discs: where a new disc can go, nearest to where it wants to be, without overlapping a
//! disc already placed.
//!
//! Owns the geometry only: a uniform grid over the placed discs and an exact nearest-free-point search. It
//! knows nothing about networks or containers, and never moves a disc once placed (callers rely on that for
//! incremental layouts).

use std::collections::HashMap;

use super::Point;

/// Grid cell edge: about one small network room across, so a query touches a handful of cells.
const CELL: f64 = 320.0;
/// Candidates sit this far beyond touching, so rounding to whole pixels cannot make them overlap.
const CLEARANCE: f64 = 2.0;

/// How the caller sees disc `i` (whose placed radius is given) for one query: `Some(radius)` to avoid it
/// at that radius (never larger than the placed one), `None` to ignore it.
pub(super) type View<'a> = &'a dyn Fn(usize, f64) -> Option<f64>;

/// Every disc at its own radius.
pub(super) fn as_placed(_: usize, r: f64) -> Option<f64> {
    Some(r)
}

#[derive(Debug, Default)]
pub(super) struct Discs {
    centres: Vec<Point>,
    radii: Vec<f64>,
    /// Cell → discs whose bounding box meets it. Only looked up, never iterated, so its order cannot leak
    /// into positions.
    grid: HashMap<(i64, i64), Vec<usize>>,
    /// Per disc, the smallest query radius for which no point touching it was free (infinite if none yet).
    /// A disc fully surrounded for radius r is surrounded for any larger radius too (move a free point of
    /// the larger circle inwards along its ray and it stays free), so the search can skip it. Only valid
    /// for queries that see every disc as placed, which are the only ones that record it.
    closed: Vec<f64>,
}

fn cell(v: f64) -> i64 {
    (v / CELL).floor() as i64
}

fn dist2(a: Point, b: Point) -> f64 {
    (a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)
}

// Not `hypot`: its care for overflow costs a libm call per distance, and coordinates here stay far from it.
fn dist(a: Point, b: Point) -> f64 {
    dist2(a, b).sqrt()
}

fn round(p: Point) -> Point {
    (p.0.round(), p.1.round())
}

/// Where two circles cross (none when they are apart, nested or concentric).
fn crossings(a: Point, ra: f64, b: Point, rb: f64) -> Option<[Point; 2]> {
    let d = dist(a, b);
    if d <= f64::EPSILON || d > ra + rb || d < (ra - rb).abs() {
        return None;
    }
    let along = (ra * ra - rb * rb + d * d) / (2.0 * d);
    let h = (ra * ra - along * along).max(0.0).sqrt();
    let (ux, uy) = ((b.0 - a.0) / d, (b.1 - a.1) / d);
    let mid = (a.0 + ux * along, a.1 + uy * along);
    Some([(mid.0 - uy * h, mid.1 + ux * h), (mid.0 + uy * h, mid.1 - ux * h)])
}

impl Discs {
    pub fn push(&mut self, centre: Point, radius: f64) -> usize {
        let i = self.centres.len();
        self.centres.push(centre);
        self.radii.push(radius);
        self.closed.push(f64::INFINITY);
        for cx in cell(centre.0 - radius)..=cell(centre.0 + radius) {
            for cy in cell(centre.1 - radius)..=cell(centre.1 + radius) {
                self.grid.entry((cx, cy)).or_default().push(i);
            }
        }
        i
    }

    /// Whether a disc of radius `r` at `p` overlaps no disc as the view sees them.
    pub fn is_free(&self, p: Point, r: f64, view: View) -> bool {
        // A disc that overlaps the query has its bounding box meet the query's, so these cells hold it.
        for cx in cell(p.0 - r)..=cell(p.0 + r) {
            for cy in cell(p.1 - r)..=cell(p.1 + r) {
                let Some(here) = self.grid.get(&(cx, cy)) else { continue };
                for &k in here {
                    if let Some(rk) = view(k, self.radii[k]) {
                        if dist2(p, self.centres[k]) < (rk + r) * (rk + r) {
                            return false;
                        }
                    }
                }
            }
        }
        true
    }

    /// Discs whose bounding box comes within `reach` of `p`, ascending.
    fn near(&self, p: Point, reach: f64, out: &mut Vec<usize>) {
        out.clear();
        for cx in cell(p.0 - reach)..=cell(p.0 + reach) {
            for cy in cell(p.1 - reach)..=cell(p.1 + reach) {
                if let Some(here) = self.grid.get(&(cx, cy)) {
                    out.extend_from_slice(here);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// The free point nearest `target` (whole pixels) for a disc of radius `r`.
    ///
    /// Exact up to rounding: the nearest point of the free region is the target itself, the point of some
    /// disc's touching circle nearest the target, or where two touching circles cross. Touching circles are
    /// visited by how close they can come to the target, and the visit stops once none can beat the best.
    /// `record` says whether fully surrounded discs may be remembered (only with `as_placed`).
    pub fn nearest_free(&mut self, target: Point, r: f64, view: View, record: bool) -> Point {
        let start = round(target);
        if self.is_free(start, r, view) {
            return start;
        }
        let touching = |k: usize| view(k, self.radii[k]).map(|rk| rk + r + CLEARANCE);
        let mut order: Vec<(f64, usize)> = (0..self.centres.len())
            .filter(|&k| !(record && self.closed[k] <= r))
            .filter_map(|k| touching(k).map(|rt| ((dist(self.centres[k], target) - rt).abs(), k)))
            .collect();
        order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut best: Option<(f64, Point)> = None;
        let mut neighbours = Vec::new();
        let mut surrounded = Vec::new();
        for (bound, j) in order {
            // Rounding may bring a candidate up to a pixel closer than its circle allows.
            if best.is_some_and(|(d, _)| bound > d + 1.0) {
                break;
            }
            let (cj, rj) = (self.centres[j], touching(j).unwrap_or(0.0));
            let away = dist(target, cj);
            let mut candidates = vec![if away > f64::EPSILON {
                (cj.0 + (target.0 - cj.0) / away * rj, cj.1 + (target.1 - cj.1) / away * rj)
            } else {
                // The target is the disc's centre: straight up, a fixed choice so the result is repeatable.
                (cj.0, cj.1 - rj)
            }];
            self.near(cj, rj + r + CLEARANCE, &mut neighbours);
            for &k in neighbours.iter().filter(|&&k| k != j) {
                if let Some(rk) = touching(k) {
                    candidates.extend(crossings(cj, rj, self.centres[k], rk).into_iter().flatten());
                }
            }
            let mut open = false;
            for q in candidates.into_iter().map(round) {
                let d = dist(q, target);
                let better = best.map_or(true, |(bd, bq)| {
                    d.total_cmp(&bd).then(q.0.total_cmp(&bq.0)).then(q.1.total_cmp(&bq.1)).is_lt()
                });
                // Past the first free point, only a better one is worth a look.
                if (better || (record && !open)) && self.is_free(q, r, view) {
                    open = true;
                    if better {
                        best = Some((d, q));
                    }
                }
            }
            if record && !open {
                surrounded.push(j);
            }
        }
        for j in surrounded {
            self.closed[j] = self.closed[j].min(r);
        }
        // Some touching circle always has a free point (the outermost one's far side), so this only falls
        // back when there are no discs to touch at all.
        best.map_or(start, |(_, q)| q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a disc of radius `r` fits at `p` among `placed`, checked one by one.
    fn fits(placed: &[(Point, f64)], p: Point, r: f64) -> bool {
        placed.iter().all(|&(c, rc)| dist(p, c) >= rc + r)
    }

    #[test]
    fn nearest_free_finds_the_nearest_spot_a_brute_force_search_finds() {
        let mut seed = 7u64;
        let mut rnd = |range: f64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 11) as f64 / (1u64 << 53) as f64 * range
        };
        let mut discs = Discs::default();
        let mut placed: Vec<(Point, f64)> = Vec::new();
        for _ in 0..40 {
            let (target, r) = ((rnd(800.0) - 400.0, rnd(800.0) - 400.0), 20.0 + rnd(120.0));
            let p = discs.nearest_free(target, r, &as_placed, true);
            assert!(fits(&placed, p, r), "{p:?} overlaps a disc");
            // No sampled point nearer the target (by more than the sampling step) would have fitted.
            let d = dist(p, target);
            let step = (d / 40.0).max(3.0);
            let n = (d / step) as i64;
            for (i, j) in (-n..=n).flat_map(|i| (-n..=n).map(move |j| (i, j))) {
                let q = (target.0 + i as f64 * step, target.1 + j as f64 * step);
                if dist(q, target) < d - 2.0 * step {
                    assert!(!fits(&placed, q, r), "{q:?} fits and is nearer {target:?} than {p:?}");
                }
            }
            discs.push(p, r);
            placed.push((p, r));
        }
    }

    #[test]
    fn a_view_can_ignore_discs_or_see_them_smaller() {
        let mut discs = Discs::default();
        discs.push((0.0, 0.0), 100.0);
        assert!(!discs.is_free((0.0, 0.0), 10.0, &as_placed));
        assert!(discs.is_free((0.0, 0.0), 10.0, &|_, _| None));
        let smaller = |_: usize, _: f64| Some(40.0);
        assert!(discs.is_free((60.0, 0.0), 10.0, &smaller));
        assert_eq!(discs.nearest_free((10.0, 0.0), 10.0, &smaller, false), (52.0, 0.0));
    }
}
