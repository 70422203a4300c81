use super::*;
use crate::fixtures::{container, demo, endpoint, network_named, running_on};
use crate::model::ContainerState;

fn dist(a: Point, b: Point) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

#[test]
fn same_input_gives_the_same_layout() {
    let t = Topology::from_snapshot(&demo());
    let a = Layout::default().update(&t);
    let b = Layout::default().update(&t);
    assert_eq!(a, b);
    for n in t.nodes() {
        assert!(a.position(&n.id()).is_some(), "{} has a position", n.id());
    }
}

#[test]
fn adding_one_container_moves_nothing_else() {
    let mut snap = demo();
    let t1 = Topology::from_snapshot(&snap);
    let first = Layout::default().update(&t1);
    let backend = network_named(&snap, "backend");
    snap.containers.push(running_on("c-new", "cache", &[(&backend, "10.214.10.9")]));
    let t2 = Topology::from_snapshot(&snap);
    let second = first.update(&t2);
    for n in t1.nodes() {
        assert_eq!(first.position(&n.id()), second.position(&n.id()), "{} stayed", n.id());
    }
    let hub = second.position("network:n-backend").unwrap();
    let new = second.position("container:c-new").unwrap();
    assert!(dist(hub, new) < RING * 3.0, "the new container sits by its network");
}

#[test]
fn connecting_a_container_to_another_network_moves_only_that_container() {
    let snap = demo();
    let t1 = Topology::from_snapshot(&snap);
    let first = Layout::default().update(&t1);
    let mut wired = snap.clone();
    let frontend = network_named(&wired, "frontend");
    let db = wired.containers.iter_mut().find(|c| c.name == "db").unwrap();
    db.endpoints.push(endpoint(&frontend, Some("10.214.40.9")));
    let second = first.update(&Topology::from_snapshot(&wired));
    for n in t1.nodes().filter(|n| n.id() != "container:c-db") {
        assert_eq!(first.position(&n.id()), second.position(&n.id()), "{} stayed", n.id());
    }
    let (was, now) = (first.position("container:c-db").unwrap(), second.position("container:c-db").unwrap());
    assert_ne!(was, now, "db moved between its two networks");
    // Disconnecting again gives it a slot by its network, still without moving anyone else.
    let third = second.update(&Topology::from_snapshot(&snap));
    for n in t1.nodes().filter(|n| n.id() != "container:c-db") {
        assert_eq!(first.position(&n.id()), third.position(&n.id()), "{} stayed", n.id());
    }
    let hub = third.position("network:n-backend").unwrap();
    assert!(dist(hub, third.position("container:c-db").unwrap()) < RING * 3.0);
}

#[test]
fn a_pinned_new_network_appears_where_it_was_asked_for_and_moves_nothing_else() {
    let mut snap = demo();
    let t1 = Topology::from_snapshot(&snap);
    let mut first = Layout::default().update(&t1);
    // Left of every room, so the spot is free (a pin on a room is the next test).
    first.pin_network("made", (-1500.0, 420.0));
    snap.networks.push(crate::fixtures::network("n-made", "made", "bridge", Some("10.9.0.0/24")));
    let second = first.update(&Topology::from_snapshot(&snap));
    assert_eq!(second.position("network:n-made"), Some((-1500.0, 420.0)));
    // Host and External frame the networks, so they may shift; every network and container stays.
    for n in t1.nodes().filter(|n| !matches!(n.id().as_str(), HOST_ID | EXTERNAL_ID)) {
        assert_eq!(first.position(&n.id()), second.position(&n.id()), "{} stayed", n.id());
    }
    assert!(second.pins.is_empty(), "a pin is used once");
}

#[test]
fn pins_are_capped_at_the_newest_and_a_far_spot_is_clamped() {
    let mut snap = demo();
    let mut layout = Layout::default().update(&Topology::from_snapshot(&snap));
    layout.pin_network("made", (1e12, -1e12));
    for i in 0..(2 * super::MAX_PINS) {
        layout.pin_network(&format!("never-{i}"), (10.0, 0.0));
    }
    layout.pin_network("made", (1e12, -1e12));
    assert_eq!(layout.pins.len(), super::MAX_PINS, "the UI cannot grow the pending pins without bound");
    snap.networks.push(crate::fixtures::network("n-made", "made", "bridge", Some("10.9.0.0/24")));
    let next = layout.update(&Topology::from_snapshot(&snap));
    let (x, y) = next.position("network:n-made").unwrap();
    let reach = super::PIN_LIMIT + next.room_radius("network:n-made").unwrap();
    assert!(x.abs() <= reach && y.abs() <= reach, "placed at ({x}, {y}), beyond the clamped pin");
    assert!(x > 0.0 && y < 0.0, "still towards where it was asked for: ({x}, {y})");
}

#[test]
fn a_network_pinned_onto_another_room_goes_to_the_nearest_free_spot() {
    let mut snap = demo();
    let t1 = Topology::from_snapshot(&snap);
    let mut first = Layout::default().update(&t1);
    // On the outermost room, so free space is just beyond it.
    let outer = t1
        .networks()
        .map(|n| network_node_id(&n.id))
        .max_by(|a, b| {
            dist(first.position(a).unwrap(), (0.0, 0.0)).total_cmp(&dist(first.position(b).unwrap(), (0.0, 0.0)))
        })
        .unwrap();
    let pin = first.position(&outer).unwrap();
    first.pin_network("made", pin);
    snap.networks.push(crate::fixtures::network("n-made", "made", "bridge", Some("10.9.0.0/24")));
    let t = Topology::from_snapshot(&snap);
    let second = first.update(&t);
    let made = second.position("network:n-made").unwrap();
    let room = second.room_radius("network:n-made").unwrap();
    for n in t.networks().filter(|n| n.id != "n-made") {
        let id = network_node_id(&n.id);
        assert_eq!(first.position(&id), second.position(&id), "{id} stayed");
        let gap = dist(made, second.position(&id).unwrap()) - room - second.room_radius(&id).unwrap();
        assert!(gap >= 0.0, "the new room overlaps {id} by {}", -gap);
    }
    let reach = second.room_radius(&outer).unwrap() + room;
    assert!(dist(made, pin) < reach + 20.0, "{made:?} is next to the room it was pinned on, at {pin:?}");
}

#[test]
fn removing_a_container_frees_its_slot_without_moving_others() {
    let snap = demo();
    let first = Layout::default().update(&Topology::from_snapshot(&snap));
    let mut smaller = snap.clone();
    smaller.containers.retain(|c| c.name != "api");
    let second = first.update(&Topology::from_snapshot(&smaller));
    assert_eq!(first.position("container:c-db"), second.position("container:c-db"));
    assert_eq!(second.position("container:c-api"), None);
}

#[test]
fn containers_sit_around_their_network_and_multi_homed_between() {
    let t = Topology::from_snapshot(&demo());
    let l = Layout::default().update(&t);
    let backend = l.position("network:n-backend").unwrap();
    let api = l.position("container:c-api").unwrap();
    let db = l.position("container:c-db").unwrap();
    assert!(dist(backend, api) < RING * 2.0);
    assert!(dist(api, db) > 20.0, "siblings do not overlap");
    let gw = l.position("container:c-gateway").unwrap();
    let nets = ["network:n-backend", "network:n-frontend", "network:n-vault"].map(|n| l.position(n).unwrap());
    let centre = (nets.iter().map(|p| p.0).sum::<f64>() / 3.0, nets.iter().map(|p| p.1).sum::<f64>() / 3.0);
    assert!(dist(gw, centre) < 30.0, "gateway sits between its three networks");
}

#[test]
fn networks_do_not_overlap() {
    let t = Topology::from_snapshot(&demo());
    let l = Layout::default().update(&t);
    let nets: Vec<Point> = t.networks().map(|n| l.position(&network_node_id(&n.id)).unwrap()).collect();
    for (i, a) in nets.iter().enumerate() {
        for b in &nets[i + 1..] {
            assert!(dist(*a, *b) > RING * 1.5, "{a:?} vs {b:?}");
        }
    }
}

#[test]
fn host_left_external_right() {
    let t = Topology::from_snapshot(&demo());
    let l = Layout::default().update(&t);
    let host = l.position(HOST_ID).unwrap();
    let ext = l.position(EXTERNAL_ID).unwrap();
    for n in t.networks() {
        let p = l.position(&network_node_id(&n.id)).unwrap();
        assert!(host.0 < p.0 && p.0 < ext.0);
    }
}

#[test]
fn a_container_mode_sidecar_sits_beside_its_owner_and_moves_nothing_else() {
    let mut snap = demo();
    let t1 = Topology::from_snapshot(&snap);
    let first = Layout::default().update(&t1);
    snap.containers.push(container("c-side", "api-side", ContainerState::Running, "container:c-api", vec![]));
    snap.containers.push(container("c-side2", "api-probe", ContainerState::Running, "container:api", vec![]));
    let second = first.update(&Topology::from_snapshot(&snap));
    for n in t1.nodes() {
        assert_eq!(first.position(&n.id()), second.position(&n.id()), "{} stayed", n.id());
    }
    let api = second.position("container:c-api").unwrap();
    let (side, probe) = (second.position("container:c-side").unwrap(), second.position("container:c-side2").unwrap());
    assert!(dist(api, side) < 2.0 * DOT && dist(api, probe) < 2.0 * DOT, "{side:?} and {probe:?} beside {api:?}");
    assert!(dist(side, probe) >= DOT, "two sharers of one owner do not overlap");
    // The same again, listed in another order: the same places.
    let mut shuffled = snap.clone();
    shuffled.containers.reverse();
    assert_eq!(
        Layout::default().update(&Topology::from_snapshot(&shuffled)),
        Layout::default().update(&Topology::from_snapshot(&snap))
    );
}

#[test]
fn a_sidecar_follows_its_owner_and_joins_the_loose_row_when_the_owner_goes() {
    let mut snap = demo();
    snap.containers.push(container("c-side", "db-side", ContainerState::Running, "container:c-db", vec![]));
    let first = Layout::default().update(&Topology::from_snapshot(&snap));
    let before = dist(first.position("container:c-db").unwrap(), first.position("container:c-side").unwrap());
    // db joins frontend: it moves between its two networks, and its sidecar with it, nobody else.
    let mut wired = snap.clone();
    let frontend = network_named(&wired, "frontend");
    wired
        .containers
        .iter_mut()
        .find(|c| c.name == "db")
        .unwrap()
        .endpoints
        .push(endpoint(&frontend, Some("10.214.40.9")));
    let t2 = Topology::from_snapshot(&wired);
    let second = first.update(&t2);
    for n in t2.nodes().filter(|n| !["container:c-db", "container:c-side"].contains(&n.id().as_str())) {
        assert_eq!(first.position(&n.id()), second.position(&n.id()), "{} stayed", n.id());
    }
    let (db, side) = (second.position("container:c-db").unwrap(), second.position("container:c-side").unwrap());
    assert_ne!(first.position("container:c-side"), Some(side), "the sidecar moved with db");
    assert!(dist(db, side) <= before.max(2.0 * DOT), "still beside db");
    // db removed: the sidecar's tie dangles and it goes to the row under everything.
    wired.containers.retain(|c| c.name != "db");
    let third = second.update(&Topology::from_snapshot(&wired));
    let lowest_hub = t2.networks().map(|n| third.position(&network_node_id(&n.id)).unwrap().1).fold(f64::MIN, f64::max);
    assert!(third.position("container:c-side").unwrap().1 > lowest_hub + RING, "in the row below");
}

mod scale;
