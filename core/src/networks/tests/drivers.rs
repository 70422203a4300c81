//! Driver explanations and the dialog's driver list.

use super::*;

#[test]
fn every_built_in_driver_and_plugins_have_their_own_explanation() {
    let drivers = ["bridge", "host", "macvlan", "ipvlan", "overlay", "null", "some-plugin"];
    let texts: Vec<&str> = drivers.iter().map(|d| explain_driver(d)).collect();
    for (d, t) in drivers.iter().zip(&texts) {
        assert!(t.len() > 200, "{d}: {t}");
    }
    let mut distinct = texts.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), drivers.len());
    assert_eq!(explain_driver("none"), explain_driver("null"));
    assert!(explain_driver("weave").contains("plugin"));
}

#[test]
fn driver_choices_put_built_ins_first_and_mark_host_null_and_overlay_outside_swarm() {
    let mut c = ctx();
    c.drivers.push("weave".into());
    let choices = driver_choices(&c);
    let listed: Vec<(&str, bool)> = choices.iter().map(|d| (d.name.as_str(), d.creatable)).collect();
    assert_eq!(
        listed,
        [
            ("bridge", true),
            ("overlay", false),
            ("macvlan", true),
            ("ipvlan", true),
            ("host", false),
            ("null", false),
            ("weave", true)
        ]
    );
    assert!(choices[1].reason.as_deref().is_some_and(|r| r.contains("docker swarm init")));
    assert!(driver_choices(&swarm())[1].creatable);
}

#[test]
fn the_overlay_paragraph_explains_the_ingress_network_and_attachable() {
    let overlay = explain_driver("overlay");
    assert!(overlay.contains("`ingress`") && overlay.contains("routing mesh"), "{overlay}");
    assert!(overlay.contains("attachable overlay takes `docker network connect`"), "{overlay}");
}
