//! A generated engine the size of a busy host (300 networks, 2,000 containers), and the layout's promises
//! checked on it.

use std::time::Instant;

use super::super::*;
use super::dist;
use crate::fixtures::{container, endpoint, network, running_on};
use crate::model::{ContainerState, Snapshot};

/// A small deterministic generator (an LCG), so the topology is the same on every run and machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A network index skewed towards the first ones, so sizes range from empty to over a hundred like on
    /// a real host.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((u * u * n as f64) as usize).min(n - 1)
    }
}

/// `networks` networks on subnets 10.X.Y.0/24 and `containers` containers, a fifth of them on two networks
/// that sit close in the list (so shared containers form neighbourhoods, as compose projects do).
pub(super) fn large(networks: usize, containers: usize) -> Snapshot {
    let nets: Vec<_> = (0..networks)
        .map(|k| {
            let subnet = format!("10.{}.{}.0/24", 1 + k / 250, k % 250);
            network(&format!("n-{k:03}"), &format!("net-{k:03}"), "bridge", Some(&subnet))
        })
        .collect();
    let mut next_ip = vec![2usize; networks];
    let mut rng = Lcg(9);
    let mut pick = |k: usize| {
        // A /24 holds 253 containers: a full network passes the container on to the next one.
        let mut k = k;
        while next_ip[k] > 254 {
            k = (k + 1) % networks;
        }
        let (net, host) = (&nets[k], next_ip[k]);
        next_ip[k] += 1;
        endpoint(net, Some(&format!("10.{}.{}.{host}", 1 + k / 250, k % 250)))
    };
    let multi = containers / 5;
    let out = (0..containers)
        .map(|i| {
            let a = rng.skewed(networks);
            let mut eps = vec![pick(a)];
            if i < multi {
                let b = (a + 1 + (rng.next() % 5) as usize) % networks;
                eps.push(pick(b));
                eps.dedup_by(|x, y| x.network_id == y.network_id);
            }
            let state = if i % 30 == 0 { ContainerState::Running } else { ContainerState::Exited };
            container(&format!("c-{i:04}"), &format!("svc-{i:04}"), state, "bridge", eps)
        })
        .collect();
    Snapshot { networks: nets, containers: out, services: vec![] }
}

#[test]
#[ignore = "prints timings: cargo test --release -p netlens-core -- --ignored --nocapture layout_time"]
fn prints_the_layout_time_of_a_300_network_topology() {
    let snap = large(300, 2_000);
    let t = Topology::from_snapshot(&snap);
    // The fastest and the median of several runs: a busy machine only ever adds time.
    let runs = |f: &dyn Fn() -> Layout| {
        let mut times: Vec<_> = (0..9)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect();
        times.sort();
        (times[0], times[times.len() / 2])
    };
    let first = Layout::default().update(&t);
    let (fresh, fresh_median) = runs(&|| Layout::default().update(&t));
    let (again, again_median) = runs(&|| first.update(&t));
    println!(
        "layout_time: fresh {fresh:?} (median {fresh_median:?}), unchanged update {again:?} (median {again_median:?})"
    );
    // One container connected to another network, placed alone (`update_one_container`) and by the whole pass.
    let mut joined = snap.clone();
    let far = joined.networks[150].clone();
    joined.containers[7].endpoints.push(endpoint(&far, Some("10.250.0.9")));
    let t2 = Topology::from_snapshot(&joined);
    let (alone, alone_median) = runs(&|| {
        let mut l = first.clone();
        assert!(l.update_one_container(&t2, "c-0007"));
        l
    });
    let (clone, _) = runs(&|| first.clone());
    let (whole, whole_median) = runs(&|| first.update(&t2));
    println!(
        "layout_time: one container alone {alone:?} (median {alone_median:?}, of which the clone {clone:?}), whole pass {whole:?} (median {whole_median:?})"
    );
}

/// Every node's position as sorted lines, so two layouts compare with a readable first difference.
fn render(t: &Topology, l: &Layout) -> Vec<String> {
    let mut out: Vec<String> = t.nodes().map(|n| format!("{} {:?}", n.id(), l.position(&n.id()))).collect();
    out.sort();
    out
}

/// Nodes of `t` placed differently in `a` and `b`.
fn moved(t: &Topology, a: &Layout, b: &Layout) -> Vec<String> {
    t.nodes().map(crate::topology::Node::id).filter(|id| a.position(id) != b.position(id)).collect()
}

fn hub(l: &Layout, network: &str) -> (Point, f64) {
    let id = network_node_id(network);
    (l.position(&id).unwrap(), l.room_radius(&id).unwrap())
}

/// Pairs of rooms that overlap, by how much.
fn overlaps(t: &Topology, l: &Layout) -> Vec<String> {
    let rooms: Vec<(String, Point, f64)> =
        t.networks().map(|n| (n.id.clone(), hub(l, &n.id).0, hub(l, &n.id).1)).collect();
    let mut out = Vec::new();
    for (k, (a, pa, ra)) in rooms.iter().enumerate() {
        for (b, pb, rb) in &rooms[k + 1..] {
            let gap = dist(*pa, *pb) - ra - rb;
            if gap < 0.0 {
                out.push(format!("{a} and {b} overlap by {:.0}", -gap));
            }
        }
    }
    out
}

#[test]
fn no_two_rings_overlap_on_a_300_network_topology() {
    let t = Topology::from_snapshot(&large(300, 2_000));
    let l = Layout::default().update(&t);
    assert_eq!(overlaps(&t, &l), Vec::<String>::new());
    // The rooms hold their rings: every single-homed container sits inside its own network's room.
    for c in t.containers() {
        if let [(n, _)] = t.endpoints_of(&c.id)[..] {
            let (centre, room) = hub(&l, &n.id);
            let p = l.position(&container_node_id(&c.id)).unwrap();
            assert!(dist(p, centre) + DOT <= room, "{} is outside the room of {}", c.name, n.name);
        }
    }
}

#[test]
fn shared_containers_sit_outside_every_other_networks_room_and_off_their_rings() {
    let t = Topology::from_snapshot(&large(300, 2_000));
    let l = Layout::default().update(&t);
    let mut dots = Vec::new();
    for c in t.containers() {
        let homes: Vec<&str> = t.endpoints_of(&c.id).iter().map(|(n, _)| n.id.as_str()).collect();
        if homes.len() < 2 {
            continue;
        }
        let p = l.position(&container_node_id(&c.id)).unwrap();
        for n in t.networks() {
            let (centre, room) = hub(&l, &n.id);
            // In its own networks' rooms it may use the margin, never the slots the ring holds.
            let keep_off =
                if homes.contains(&n.id.as_str()) { ring_reach(l.rooms[&network_node_id(&n.id)]) } else { room };
            assert!(dist(p, centre) >= keep_off + DOT, "{} is inside {}'s room", c.name, n.name);
        }
        dots.push((c.name.clone(), p));
    }
    assert!(dots.len() >= 350, "the generator shares containers: {}", dots.len());
    for (k, (a, pa)) in dots.iter().enumerate() {
        for (b, pb) in &dots[k + 1..] {
            assert!(dist(*pa, *pb) >= 2.0 * DOT, "{a} and {b} overlap");
        }
    }
}

#[test]
fn adding_one_container_moves_nothing_else_at_scale() {
    let mut snap = large(300, 2_000);
    let t1 = Topology::from_snapshot(&snap);
    let first = Layout::default().update(&t1);
    // On the biggest network (it has headroom: a room only grows when its ring is full), on two networks,
    // and on no network.
    let biggest = t1.networks().max_by_key(|n| (t1.containers_on(&n.id).len(), n.id.clone())).unwrap().clone();
    let need = t1.containers_on(&biggest.id).len();
    assert!(need < first.rooms[&network_node_id(&biggest.id)], "{} has headroom", biggest.name);
    let (a, b) = (snap.networks[10].clone(), snap.networks[200].clone());
    let ep = |n: &crate::model::Network| {
        endpoint(n, Some(&format!("{}.250", n.ipam[0].subnet.as_deref().unwrap().trim_end_matches(".0/24"))))
    };
    snap.containers.push(container("c-one", "one", ContainerState::Running, "bridge", vec![ep(&biggest)]));
    snap.containers.push(container("c-two", "two", ContainerState::Running, "bridge", vec![ep(&a), ep(&b)]));
    snap.containers.push(container("c-none", "none", ContainerState::Running, "container:c-0001", vec![]));
    const ADDED: [&str; 3] = ["c-one", "c-two", "c-none"];
    for added in ADDED {
        let mut one = snap.clone();
        one.containers.retain(|c| !ADDED.contains(&c.id.as_str()) || c.id == added);
        let t2 = Topology::from_snapshot(&one);
        let second = first.update(&t2);
        assert_eq!(moved(&t1, &first, &second), Vec::<String>::new(), "adding {added}");
        assert!(second.position(&container_node_id(added)).is_some());
        assert_eq!(overlaps(&t2, &second), Vec::<String>::new());
    }
    let t2 = Topology::from_snapshot(&snap);
    let second = first.update(&t2);
    let (centre, room) = hub(&second, &biggest.id);
    assert!(dist(second.position("container:c-one").unwrap(), centre) < room, "the new container is in its room");
}

#[test]
fn adding_one_network_moves_no_other_hub() {
    let mut snap = large(300, 2_000);
    let t1 = Topology::from_snapshot(&snap);
    let first = Layout::default().update(&t1);
    let fresh = network("n-new", "zz-new", "bridge", Some("10.9.9.0/24"));
    let old = snap.networks[42].clone();
    snap.containers.push(running_on("c-n1", "n1", &[(&fresh, "10.9.9.2")]));
    snap.containers.push(running_on("c-n2", "n2", &[(&fresh, "10.9.9.3"), (&old, "10.1.42.250")]));
    snap.networks.push(fresh);
    let t2 = Topology::from_snapshot(&snap);
    let second = first.update(&t2);
    // Host and External frame the rooms, so a new room at the edge may move them; nothing else moves.
    let moved = moved(&t1, &first, &second);
    assert!(moved.iter().all(|id| id == HOST_ID || id == EXTERNAL_ID), "{moved:?}");
    assert_eq!(overlaps(&t2, &second), Vec::<String>::new());
    // In the free spot nearest the network it shares a container with: no spot closer (sampled every 25
    // pixels) could hold its room.
    let (centre, room) = hub(&second, "n-new");
    let (partner, _) = hub(&second, &old.id);
    let reach = dist(centre, partner) - 40.0;
    let obstacles: Vec<(Point, f64)> = t1
        .networks()
        .map(|n| hub(&first, &n.id))
        .chain(
            t1.containers()
                .filter(|c| t1.endpoints_of(&c.id).len() != 1)
                .map(|c| (first.position(&container_node_id(&c.id)).unwrap(), DOT)),
        )
        .collect();
    let steps = (reach / 25.0) as i64;
    for (dx, dy) in (-steps..=steps).flat_map(|x| (-steps..=steps).map(move |y| (x as f64 * 25.0, y as f64 * 25.0))) {
        let p = (partner.0 + dx, partner.1 + dy);
        if dist(p, partner) < reach {
            assert!(obstacles.iter().any(|&(c, r)| dist(p, c) < r + room), "{p:?} was free and nearer than {centre:?}");
        }
    }
}

#[test]
fn layout_is_deterministic_across_runs() {
    let snap = large(300, 2_000);
    // The same engine listed the other way round, endpoints too.
    let mut reversed = snap.clone();
    reversed.networks.reverse();
    reversed.containers.reverse();
    for c in &mut reversed.containers {
        c.endpoints.reverse();
    }
    let (t1, t2) = (Topology::from_snapshot(&snap), Topology::from_snapshot(&reversed));
    let (a, b) = (Layout::default().update(&t1), Layout::default().update(&t2));
    assert_eq!(render(&t1, &a), render(&t2, &b));
    assert_eq!(a, Layout::default().update(&t1), "a second run");
    assert_eq!(a, b, "slots, rooms and homes too");
    // Incremental updates from equal layouts agree as well.
    let mut grown = snap.clone();
    grown.containers.truncate(1_500);
    let tg = Topology::from_snapshot(&grown);
    let start = Layout::default().update(&tg);
    assert_eq!(render(&t1, &start.update(&t1)), render(&t2, &start.update(&t2)));
}

#[test]
fn a_network_outgrowing_its_room_moves_only_the_rooms_it_would_overlap() {
    let mut snap = large(300, 2_000);
    let t1 = Topology::from_snapshot(&snap);
    let first = Layout::default().update(&t1);
    // A small network near the middle, filled one container past its room.
    let net = snap.networks[150].clone();
    let (centre, room) = hub(&first, &net.id);
    let cap = first.rooms[&network_node_id(&net.id)];
    let have = t1.containers_on(&net.id).iter().filter(|(c, _)| t1.endpoints_of(&c.id).len() == 1).count();
    for k in have..=cap {
        let ip = format!("10.1.150.{}", 100 + k);
        snap.containers.push(container(
            &format!("c-grow{k}"),
            &format!("grow{k}"),
            ContainerState::Running,
            "bridge",
            vec![endpoint(&net, Some(&ip))],
        ));
    }
    let t2 = Topology::from_snapshot(&snap);
    let second = first.update(&t2);
    let (after, bigger) = hub(&second, &net.id);
    assert_eq!(after, centre, "the network that grew stays where the person is looking");
    assert!(bigger > room);
    assert_eq!(overlaps(&t2, &second), Vec::<String>::new());
    let mut pushed = 0;
    for n in t1.networks().filter(|n| n.id != net.id) {
        let (was, r) = hub(&first, &n.id);
        if hub(&second, &n.id).0 != was {
            pushed += 1;
            assert!(dist(was, centre) < r + bigger, "{} moved though the grown room did not reach it", n.name);
        }
    }
    assert!(pushed > 0, "a room in the middle has neighbours to push");
}

#[test]
fn one_containers_change_placed_alone_is_what_the_whole_pass_gives() {
    let mut snap = large(300, 2_000);
    let mut layout = Layout::default().update(&Topology::from_snapshot(&snap));
    let mut rng = Lcg(7);
    let (mut alone, mut whole) = (0, 0);
    for round in 0..150 {
        let i = (rng.next() % snap.containers.len() as u64) as usize;
        let k = rng.skewed(snap.networks.len());
        let net = snap.networks[k].clone();
        let c = &mut snap.containers[i];
        // Connects (one in three to a network it is on already: nothing moves), disconnects, and now and
        // then a container left on no network (never placed alone).
        match round % 4 {
            0 | 1 => c.endpoints.retain(|e| e.network_id != net.id),
            _ => {}
        }
        match round % 4 {
            0 | 2 => c.endpoints.push(endpoint(&net, Some("10.250.0.9"))),
            3 if c.endpoints.len() > 1 || round % 8 == 7 => {
                c.endpoints.remove(0);
            }
            _ => {}
        }
        let id = c.id.clone();
        let t = Topology::from_snapshot(&snap);
        let expected = layout.update(&t);
        let mut fast = layout.clone();
        if fast.update_one_container(&t, &id) {
            assert_eq!(fast, expected, "round {round}: {id} placed alone differs from the whole pass");
            alone += 1;
        } else {
            assert_eq!(fast, layout, "round {round}: a refused change leaves the layout as it was");
            whole += 1;
        }
        layout = expected;
    }
    assert!(alone >= 120, "only {alone} of 150 changes were placed alone ({whole} took the whole pass)");
}
