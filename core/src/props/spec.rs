//! `validate_create` on arbitrary text in every field of the create dialog.

use std::collections::BTreeMap;

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;

use super::{config, text};
use crate::fixtures::demo;
use crate::networks::{create_command, validate_create, CreateContext, NetworkSpec};
use crate::problem::Problem;
use crate::topology::Topology;

fn driver() -> BoxedStrategy<String> {
    const KNOWN: [&str; 9] = ["", "bridge", "macvlan", "ipvlan", "overlay", "host", "null", "none", " bridge "];
    prop_oneof![3 => proptest::sample::select(&KNOWN[..]).prop_map(String::from), 1 => text()].boxed()
}

fn pairs() -> impl Strategy<Value = BTreeMap<String, String>> {
    let key = prop_oneof![
        2 => text(),
        1 => proptest::sample::select(&["com.docker.network.driver.mtu", "parent", "macvlan_mode", "encrypted"][..])
            .prop_map(String::from),
    ];
    btree_map(key, text(), 0..3)
}

prop_compose! {
    fn spec()(
        name in text(),
        driver in driver(),
        fields in vec(text(), 9),
        flags in any::<(bool, bool, bool, bool, bool)>(),
        labels in pairs(),
        options in pairs(),
    ) -> NetworkSpec {
        let (ipv6, internal, attachable, encrypted, icc) = flags;
        let f = |i: usize| fields[i].clone();
        NetworkSpec {
            name,
            driver,
            subnet: f(0),
            ip_range: f(1),
            gateway: f(2),
            ipv6,
            subnet_v6: f(3),
            gateway_v6: f(4),
            internal,
            attachable,
            encrypted,
            mtu: f(5),
            icc,
            parent: f(6),
            mode: f(7),
            labels,
            // Carried from an engine's network, never typed: the create checks do not read them.
            aux_addresses: Default::default(),
            ipam_options: Default::default(),
            options,
        }
    }
}

fn context() -> impl Strategy<Value = CreateContext> {
    let drivers = vec(proptest::sample::select(&["bridge", "host", "null", "macvlan", "ipvlan", "overlay"][..]), 0..6);
    (drivers, any::<bool>()).prop_map(|(d, swarm_manager)| CreateContext {
        drivers: d.into_iter().map(String::from).collect(),
        swarm_manager,
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_create_form_is_accepted_or_refused_field_by_field_with_a_hint(spec in spec(), ctx in context()) {
        let topology = Topology::from_snapshot(&demo());
        let problems = validate_create(&topology, &spec, &ctx);
        for p in &problems {
            prop_assert!(!p.fact().is_empty() && !p.hint().is_empty(), "{:?}", p);
            prop_assert!(p.field().is_some(), "a create problem sits next to a field: {:?}", p);
        }
        // Blanks around the text are invisible in a form, so they must not change the verdict.
        prop_assert_eq!(&problems, &validate_create(&topology, &spec.normalized(), &ctx));
        let command = create_command(&spec);
        prop_assert!(command.starts_with("docker network create"));
        let (_, _) = (spec.ipam(), spec.driver_options());
    }
}
