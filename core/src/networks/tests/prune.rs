//! Prune preview (dangling, until, label filters) and the confirm's re-check.

use chrono::{DateTime, Duration, Utc};

use super::*;
use crate::fixtures::{network, running_on};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-29T12:00:00Z").map(|t| t.with_timezone(&Utc)).expect("valid time")
}

fn aged(id: &str, name: &str, created: &str, labels: &[(&str, &str)]) -> Network {
    let mut n = network(id, name, "bridge", None);
    n.created = Some(created.into());
    n.labels = labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    n
}

/// Three unused networks: `old` (5 days, env=dev), `keepme` (3 days, env=dev, keep), `fresh` (1 hour).
fn idle() -> Topology {
    demo_with(
        vec![
            aged("n-old", "old", "2026-11-24T12:00:00Z", &[("env", "dev")]),
            aged("n-keep", "keepme", "2026-11-26T12:00:00Z", &[("env", "dev"), ("keep", "")]),
            aged("n-fresh", "fresh", "2026-11-29T11:00:00Z", &[("env", "prod")]),
        ],
        vec![],
    )
}

const DANGLING: [&str; 3] = ["n-old", "n-keep", "n-fresh"];

fn names(items: &[PreviewItem]) -> Vec<&str> {
    items.iter().map(|i| i.name.as_str()).collect()
}

fn label(s: &str) -> LabelFilter {
    LabelFilter::parse(s).expect("a label filter")
}

#[test]
fn preview_lists_the_dangling_networks_by_name_with_their_age() {
    let items = prune_preview(&idle(), &DANGLING, &PruneFilters::default(), now());
    assert_eq!(names(&items), ["fresh", "keepme", "old"]);
    assert_eq!(items.iter().map(|i| i.age.as_str()).collect::<Vec<_>>(), ["1 hour ago", "3 days ago", "5 days ago"]);
    assert_eq!(items[2].labels.get("env").map(String::as_str), Some("dev"));
    assert_eq!(items[2].driver, "bridge");
}

#[test]
fn preview_leaves_out_predefined_networks_and_ones_the_topology_shows_in_use() {
    // Whatever the engine's filter said: the demo's `bridge` and `backend` are in use or predefined.
    let items = prune_preview(
        &idle(),
        &["n-bridge", "n-backend", "n-none", "n-old", "n-missing"],
        &PruneFilters::default(),
        now(),
    );
    assert_eq!(names(&items), ["old"]);
}

#[test]
fn preview_with_until_keeps_only_networks_created_at_least_that_long_ago() {
    let filters = PruneFilters { until: Some(Duration::hours(72)), labels: vec![] };
    assert_eq!(names(&prune_preview(&idle(), &DANGLING, &filters, now())), ["keepme", "old"]);
    let filters = PruneFilters { until: Some(Duration::hours(73)), labels: vec![] };
    assert_eq!(names(&prune_preview(&idle(), &DANGLING, &filters, now())), ["old"]);
}

#[test]
fn preview_with_until_leaves_out_networks_of_unknown_age() {
    let mut n = network("n-ageless", "ageless", "bridge", None);
    n.created = None;
    let t = demo_with(vec![n], vec![]);
    let filters = PruneFilters { until: Some(Duration::hours(1)), labels: vec![] };
    assert_eq!(prune_preview(&t, &["n-ageless"], &filters, now()), []);
    assert_eq!(names(&prune_preview(&t, &["n-ageless"], &PruneFilters::default(), now())), ["ageless"]);
}

#[test]
fn preview_with_label_filters_keeps_matching_networks() {
    let with = |labels: &[&str]| {
        let filters = PruneFilters { until: None, labels: labels.iter().map(|s| label(s)).collect() };
        let items = prune_preview(&idle(), &DANGLING, &filters, now());
        names(&items).into_iter().map(String::from).collect::<Vec<_>>()
    };
    assert_eq!(with(&["label=env"]), ["fresh", "keepme", "old"]);
    assert_eq!(with(&["label=env=dev"]), ["keepme", "old"]);
    assert_eq!(with(&["label=env=dev", "label=keep"]), ["keepme"]);
    assert_eq!(with(&["label!=keep"]), ["fresh", "old"]);
    assert_eq!(with(&["label!=env=dev"]), ["fresh"]);
    // Several `label!` filters keep a network only when all of them match it (the engine's rule).
    assert_eq!(with(&["label!=env=dev", "label!=keep"]), ["fresh", "old"]);
}

#[test]
fn label_filters_read_and_write_the_cli_form() {
    for s in ["label=env", "label=env=dev", "label!=keep", "label!=env=a=b"] {
        assert_eq!(label(s).filter_arg(), s);
    }
    assert_eq!(label("label=env=a=b").value.as_deref(), Some("a=b"));
    for bad in ["env=dev", "label=", "label!=", "until=24h"] {
        assert_eq!(LabelFilter::parse(bad), None, "{bad}");
    }
}

#[test]
fn ages_read_in_the_largest_unit_that_fits() {
    let ago = |secs: i64| age_text(now() - Duration::seconds(secs), now());
    assert_eq!(ago(-30), "just now");
    assert_eq!(ago(59), "just now");
    assert_eq!(ago(60), "1 minute ago");
    assert_eq!(ago(3 * 3600 + 5), "3 hours ago");
    assert_eq!(ago(86_400), "1 day ago");
    assert_eq!(ago(90 * 86_400), "3 months ago");
    assert_eq!(ago(800 * 86_400), "2 years ago");
}

#[test]
fn prune_skips_network_connected_after_preview() {
    let before = idle();
    let items = prune_preview(&before, &DANGLING, &PruneFilters::default(), now());
    let mut s = crate::fixtures::demo();
    s.networks.push(aged("n-old", "old", "2026-11-24T12:00:00Z", &[("env", "dev")]));
    s.networks.push(aged("n-fresh", "fresh", "2026-11-29T11:00:00Z", &[]));
    let old = network("n-old", "old", "bridge", None);
    s.containers.push(running_on("c-web", "web", &[(&old, "10.9.0.2")]));
    // `keepme` was removed elsewhere meanwhile.
    let after = Topology::from_snapshot(&s);
    let decision = prune_confirm(&after, &items, &DANGLING);
    let removed: Vec<&str> = decision.remove.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(removed, ["fresh"]);
    let skipped: Vec<(&str, String)> = decision.skipped.iter().map(|s| (s.name.as_str(), s.reason.message())).collect();
    assert_eq!(
        skipped,
        [
            ("keepme", "it was removed elsewhere after the preview".to_string()),
            ("old", "web joined it after the preview".to_string()),
        ]
    );
    assert_eq!(decision.skipped[1].reason.code(), "joinedAfterPreview");
}

#[test]
fn a_report_starts_with_the_confirms_skips_and_summarises_what_ran() {
    let decision = PruneDecision {
        remove: vec![],
        skipped: vec![Skipped {
            id: "n-old".into(),
            name: "old".into(),
            reason: SkipReason::Joined { containers: vec!["web".into(), "db".into(), "cache".into()] },
        }],
    };
    let mut report = Report::from_decision(&decision);
    assert_eq!(report.items[0].outcome, Outcome::Skipped("web, db and 1 more joined it after the preview".into()));
    report.removed("n-a", "a");
    report.removed("n-b", "b");
    report.failed("n-c", "c", "network c has active endpoints");
    assert_eq!(report.summary(), "Removed 2 networks, skipped 1, 1 failed");
    assert_eq!(Report::new().summary(), "Nothing to remove");
}

#[test]
fn prune_confirm_removes_only_networks_that_were_previewed() {
    let t = idle();
    let filters = PruneFilters { until: Some(Duration::hours(72)), labels: vec![] };
    let items = prune_preview(&t, &DANGLING, &filters, now());
    assert_eq!(names(&items), ["keepme", "old"]);
    // `fresh` is unused too, but the preview did not show it; `keepme` was unticked.
    let decision = prune_confirm(&t, &items, &["n-old", "n-fresh", "n-old"]);
    assert_eq!(decision.remove, [PruneTarget { id: "n-old".into(), name: "old".into() }]);
    assert_eq!(
        decision.skipped,
        [Skipped { id: "n-fresh".into(), name: "fresh".into(), reason: SkipReason::NotPreviewed }]
    );
}
