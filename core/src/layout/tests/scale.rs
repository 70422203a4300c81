//! A generated engine the size of a busy host (300 networks, 2,000 containers), and the layout's promises
//! checked on it.

use std::time::Instant;

use super::super::*;
use crate::fixtures::{container, endpoint, network};
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
    Snapshot { networks: nets, containers: out }
}

#[test]
#[ignore = "prints timings: cargo test --release -p netlens-core -- --ignored --nocapture layout_time"]
fn prints_the_layout_time_of_a_300_network_topology() {
    let snap = large(300, 2_000);
    let t = Topology::from_snapshot(&snap);
    let start = Instant::now();
    let first = Layout::default().update(&t);
    let fresh = start.elapsed();
    let start = Instant::now();
    let again = first.update(&t);
    let incremental = start.elapsed();
    assert_eq!(first, again);
    println!("layout_time: fresh {fresh:?}, incremental (nothing changed) {incremental:?}");
}
