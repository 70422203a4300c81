//! Swarm services as placement sees them: a member like a container, homed on the networks the service has
//! virtual IPs on. One network puts it in that network's room (a ring slot, near its tasks there); several
//! put it in the free space between them, as a multi-homed container; none (`dnsrr` without networks here)
//! in the row of containers on no network.
//!
//! Owns only what a service is for placement, in a fixed order (by name, then ID); `containers` and
//! `networks` place members whatever they are, so a service is kept, and new ones placed, by the same
//! rules: adding one moves nothing else unless its network outgrows its room. Must not place anything.

use crate::topology::{service_node_id, Topology};

/// (node ID, network IDs, stack owner) per service, as `World::read` takes members.
pub(super) fn members(t: &Topology) -> Vec<(String, Vec<&str>, Option<String>)> {
    t.services_by_name()
        .into_iter()
        .map(|s| {
            let nets = t.service_networks(&s.id).into_iter().map(|(n, _)| n.id.as_str()).collect();
            (service_node_id(&s.id), nets, None)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::layout::Layout;
    use crate::topology::swarm::tests::{service, swarm_demo};
    use crate::topology::Topology;

    fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
        (a.0 - b.0).hypot(a.1 - b.1)
    }

    #[test]
    fn a_service_on_two_networks_sits_between_them_and_the_same_input_places_it_the_same() {
        let t = Topology::from_snapshot(&swarm_demo());
        let (a, b) = (Layout::default().update(&t), Layout::default().update(&t));
        assert_eq!(a, b);
        let web = a.position("service:s-web").unwrap_or_default();
        let (apps, ingress) = (a.position("network:n-apps").unwrap(), a.position("network:n-ingress").unwrap());
        let span = dist(apps, ingress);
        assert!(dist(web, apps) < span && dist(web, ingress) < span, "{web:?} lies between {apps:?} and {ingress:?}");
        let backend = a.position("network:n-backend").unwrap();
        assert!(dist(web, backend) > a.room_radius("network:n-backend").unwrap(), "clear of other rooms");
        assert!(a.position("service:s-ghost").is_some(), "a service with no network here is placed too");
    }

    #[test]
    fn adding_a_service_moves_nothing_else_and_it_sits_in_its_networks_room() {
        let mut snap = swarm_demo();
        let t1 = Topology::from_snapshot(&snap);
        let first = Layout::default().update(&t1);
        snap.services.push(service("s-api", "api-svc", &[("n-apps", "10.0.1.9/24")]));
        let t2 = Topology::from_snapshot(&snap);
        let second = first.update(&t2);
        for n in t1.nodes() {
            assert_eq!(first.position(&n.id()), second.position(&n.id()), "{} stayed", n.id());
        }
        let (hub, at) = (second.position("network:n-apps").unwrap(), second.position("service:s-api").unwrap());
        assert!(dist(hub, at) <= second.room_radius("network:n-apps").unwrap(), "inside the apps room");
        // And removing it again gives back the first picture.
        snap.services.pop();
        let third = second.update(&Topology::from_snapshot(&snap));
        for n in t1.nodes() {
            assert_eq!(first.position(&n.id()), third.position(&n.id()), "{} stayed", n.id());
        }
    }
}
