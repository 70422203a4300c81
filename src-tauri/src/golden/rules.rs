//! Golden answers of rules the UI applies itself, not through a command: today the view filter
//! (`netlens_core::filter`), which the window must apply item by item as live changes arrive, without a
//! round trip per change. For a few filters over the sandbox topology (`getTopology.json`'s), the visible
//! nodes and edges and the hidden counts Rust decides, written to `ui/src/test/golden/rules/viewFilter.json`
//! and checked fresh like the command answers (`make golden` rewrites it). The UI's
//! `lib/filters/rule.test.ts` holds its TypeScript rule to exactly these answers.

use std::path::Path;

use serde_json::{json, Value};

use crate::dto::TopologyDto;
use crate::golden::sandbox::sandbox;
use netlens_core::filter::ViewFilter;
use netlens_core::fixtures;
use netlens_core::layout::Layout;
use netlens_core::topology::{service_node_id, Node, Topology};

fn cases() -> Vec<ViewFilter> {
    let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        ViewFilter::default(),
        ViewFilter { hide_stopped: true, ..Default::default() },
        ViewFilter { hide_predefined: true, ..Default::default() },
        ViewFilter { only_used: true, ..Default::default() },
        ViewFilter { drivers: names(&["macvlan"]), ..Default::default() },
        ViewFilter { drivers: names(&["null"]), ..Default::default() },
        ViewFilter { drivers: names(&["bridge"]), hide_predefined: true, only_used: true, ..Default::default() },
        ViewFilter { projects: names(&["shop"]), ..Default::default() },
        ViewFilter { projects: names(&["shop"]), only_used: true, hide_stopped: true, ..Default::default() },
        ViewFilter { hide_stopped: true, only_used: true, ..Default::default() },
    ]
}

/// The file's content: one case per filter, ids sorted.
pub fn render() -> String {
    serde_json::to_string_pretty(&answers(&Topology::from_snapshot(&sandbox()), cases()))
        .expect("the answers serialize")
        + "\n"
}

/// The swarm file: the demo with a swarm (an ingress and an attachable overlay, a service with a task here
/// and one whose network went away) as the UI receives it, and the filters whose service step it pins.
pub fn render_swarm() -> String {
    let t = Topology::from_snapshot(&fixtures::swarm_demo());
    let topology = TopologyDto::build(1, &t, &Layout::default().update(&t));
    let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let filters = vec![
        ViewFilter::default(),
        ViewFilter { drivers: names(&["overlay"]), ..Default::default() },
        ViewFilter { drivers: names(&["bridge"]), ..Default::default() },
        ViewFilter { hide_stopped: true, only_used: true, ..Default::default() },
        ViewFilter { projects: names(&["shop"]), ..Default::default() },
    ];
    let file = json!({ "topology": topology, "cases": answers(&t, filters) });
    serde_json::to_string_pretty(&file).expect("the answers serialize") + "\n"
}

fn answers(t: &Topology, filters: Vec<ViewFilter>) -> Vec<Value> {
    filters
        .into_iter()
        .map(|filter| {
            let v = filter.visibility(t);
            let mut nodes: Vec<String> = t.nodes().map(Node::id).filter(|id| v.shows_node(id)).collect();
            let mut edges: Vec<String> = t.edges().map(|e| e.id()).filter(|id| v.shows_edge(id)).collect();
            nodes.sort();
            edges.sort();
            json!({
                "filter": filter,
                "visibleNodes": nodes,
                "visibleEdges": edges,
                "hiddenNetworks": v.hidden_networks,
                "hiddenContainers": v.hidden_containers,
            })
        })
        .collect()
}

#[test]
fn golden_view_filter_answers_are_fresh() {
    for (name, want) in [("viewFilter.json", render()), ("viewFilterSwarm.json", render_swarm())] {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/test/golden/rules").join(name);
        if std::env::var("NETLENS_WRITE_GOLDEN").is_ok_and(|v| v == "1") {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, &want).unwrap();
        }
        assert!(
            std::fs::read_to_string(&file).ok().as_deref() == Some(want.as_str()),
            "ui/src/test/golden/rules/{name} is stale: run `make golden` and commit it"
        );
    }
}

#[test]
fn golden_swarm_filter_cases_pin_the_service_step() {
    let t = Topology::from_snapshot(&fixtures::swarm_demo());
    let hidden = |f: &ViewFilter| !f.visibility(&t).shows_node(&service_node_id("s-web"));
    let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(!hidden(&ViewFilter { drivers: names(&["overlay"]), ..Default::default() }), "web is on the overlays");
    assert!(hidden(&ViewFilter { drivers: names(&["bridge"]), ..Default::default() }), "web's networks and task go");
}

#[test]
fn golden_view_filter_cases_each_hide_something_but_the_first() {
    let t = Topology::from_snapshot(&sandbox());
    let hides: Vec<bool> = cases().iter().map(|f| f.visibility(&t).hides_anything()).collect();
    assert!(!hides[0], "the empty filter hides nothing");
    assert!(hides[1..].iter().all(|h| *h), "every other case pins something: {hides:?}");
}
