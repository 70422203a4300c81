//! The DOT and Mermaid exports read back: a small reader of each format's statements (what Graphviz and
//! Mermaid would parse) recovers exactly the topology's nodes and edges, with their names and addresses,
//! for the demo, the demo with a swarm, and a shared network stack.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::fixtures::{container, demo, swarm_demo};
use crate::model::{ContainerState, Snapshot};

fn with_a_sharer() -> Snapshot {
    let mut s = demo();
    s.containers.push(container("c-side", "api-side", ContainerState::Running, "container:c-api", vec![]));
    s
}

fn topologies() -> Vec<Topology> {
    [demo(), swarm_demo(), with_a_sharer()].iter().map(Topology::from_snapshot).collect()
}

/// Every edge of the topology as an unordered pair of node ids.
fn edge_pairs(t: &Topology) -> BTreeSet<(String, String)> {
    t.edges().map(|e| pair(e.id_source.id(), e.id_target.id())).collect()
}

fn pair(a: String, b: String) -> (String, String) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// A DOT double-quoted string at the start of `s`: its text (escapes undone) and the rest of `s`.
fn dot_string(s: &str) -> (String, &str) {
    let body = s.strip_prefix('"').unwrap_or_else(|| panic!("a quoted id: {s}"));
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next().map(|(_, c)| c) {
                Some('n') => out.push('\n'),
                Some(c) => out.push(c),
                None => out.push('\\'),
            },
            '"' => return (out, &body[i + 1..]),
            c => out.push(c),
        }
    }
    panic!("an unterminated string: {s}");
}

/// `[key=value, key="value", …]`: the attributes by key.
fn dot_attributes(s: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = s.trim().strip_prefix('[').and_then(|r| r.strip_suffix(']')).unwrap_or_else(|| panic!("attrs: {s}"));
    while !rest.trim().is_empty() {
        let (key, after) = rest.trim_start().split_once('=').unwrap_or_else(|| panic!("key=value: {rest}"));
        let (value, after) = if after.starts_with('"') {
            dot_string(after)
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].to_string(), &after[end..])
        };
        out.insert(key.trim().to_string(), value);
        rest = after.trim_start().strip_prefix(',').unwrap_or(after);
    }
    out
}

struct Dot {
    nodes: BTreeMap<String, BTreeMap<String, String>>,
    edges: Vec<(String, String, BTreeMap<String, String>)>,
}

fn read_dot(text: &str) -> Dot {
    let body = text.strip_prefix("digraph netlens {\n").and_then(|b| b.strip_suffix("}\n")).expect("one digraph");
    let mut dot = Dot { nodes: BTreeMap::new(), edges: vec![] };
    for line in body.lines() {
        let stmt = line.trim().strip_suffix(';').unwrap_or_else(|| panic!("a statement ends with ';': {line}"));
        if !stmt.starts_with('"') {
            continue; // graph-wide settings: rankdir, node defaults
        }
        let (a, rest) = dot_string(stmt);
        match rest.trim_start().strip_prefix("->") {
            Some(rest) => {
                let (b, attrs) = dot_string(rest.trim_start());
                dot.edges.push((a, b, dot_attributes(attrs)));
            }
            None => assert!(dot.nodes.insert(a, dot_attributes(rest)).is_none(), "a node declared twice: {line}"),
        }
    }
    dot
}

#[test]
fn dot_reads_back_to_the_topology_s_nodes_edges_names_and_addresses() {
    for t in topologies() {
        let dot = read_dot(&dot(&t));
        let nodes: BTreeSet<String> = t.nodes().map(Node::id).collect();
        assert_eq!(dot.nodes.keys().cloned().collect::<BTreeSet<_>>(), nodes, "every node declared once");
        for e in &dot.edges {
            assert!(
                dot.nodes.contains_key(&e.0) && dot.nodes.contains_key(&e.1),
                "an edge between declared nodes: {e:?}"
            );
        }
        let pairs: BTreeSet<_> = dot.edges.iter().map(|(a, b, _)| pair(a.clone(), b.clone())).collect();
        assert_eq!(pairs, edge_pairs(&t));
        assert_eq!(dot.edges.len(), t.edges().count(), "no edge twice");
        for n in t.networks() {
            let label = &dot.nodes[&Node::Network(n.clone()).id()]["label"];
            assert_eq!(label, &format!("{}\n({})", n.name, n.driver));
            for (c, e) in t.containers_on(&n.id) {
                let (from, to) = (Node::Network(n.clone()).id(), Node::Container(c.clone()).id());
                let edge = dot.edges.iter().find(|(a, b, _)| *a == from && *b == to).expect("the endpoint edge");
                assert_eq!(edge.2["label"], e.ipv4.clone().unwrap_or_default(), "the address on the line");
            }
        }
        for c in t.containers() {
            assert!(dot.nodes[&Node::Container(c.clone()).id()]["label"].starts_with(&format!("{}\n", c.name)));
        }
    }
}

/// One Mermaid statement: a node `id<shape>"label"<shape>` or an edge `a <arrow>|label| b` / `a <arrow> b`.
enum Statement {
    Node { key: String, label: String },
    Edge { from: String, to: String, label: Option<String> },
}

fn read_mermaid_line(line: &str) -> Statement {
    let line = line.trim();
    for arrow in ["-.->", "---", "==="] {
        if let Some((from, rest)) = line.split_once(&format!(" {arrow}")) {
            let rest = rest.trim_start();
            let (label, to) = match rest.strip_prefix('|') {
                Some(r) => {
                    let (label, to) = r.split_once('|').unwrap_or_else(|| panic!("|label|: {line}"));
                    (Some(label.to_string()), to.trim())
                }
                None => (None, rest),
            };
            return Statement::Edge { from: from.into(), to: to.into(), label };
        }
    }
    let open = line.find(['(', '[', '{']).unwrap_or_else(|| panic!("a node with a shape: {line}"));
    let label = line[open..].split('"').nth(1).unwrap_or_else(|| panic!("a quoted label: {line}"));
    Statement::Node { key: line[..open].to_string(), label: label.replace("#quot;", "\"") }
}

#[test]
fn mermaid_reads_back_to_the_topology_s_nodes_edges_and_names() {
    for t in topologies() {
        let text = mermaid(&t);
        let body = text.strip_prefix("graph LR\n").expect("a left-to-right graph");
        let mut nodes: BTreeMap<String, String> = BTreeMap::new();
        let mut edges = vec![];
        for line in body.lines() {
            match read_mermaid_line(line) {
                Statement::Node { key, label } => assert!(nodes.insert(key, label).is_none(), "declared twice: {line}"),
                Statement::Edge { from, to, label } => edges.push((from, to, label)),
            }
        }
        assert_eq!(nodes.len(), t.nodes().count(), "one declaration per node");
        assert_eq!(edges.len(), t.edges().count(), "one line per edge");
        for (from, to, _) in &edges {
            assert!(nodes.contains_key(from) && nodes.contains_key(to), "a line between declared nodes: {from} {to}");
        }
        // Keys are stable words; the labels carry the names, so the edges read back by name.
        let by_label: BTreeSet<(String, String)> =
            edges.iter().map(|(a, b, _)| pair(nodes[a].clone(), nodes[b].clone())).collect();
        let label_of = |n: &Node| match n {
            Node::Network(n) => format!("{} ({})", n.name, n.driver),
            Node::Container(c) => format!("{} ({})", c.name, c.state.as_str()),
            Node::Service(s) => format!("{} (service, {})", s.name, s.mode.describe()),
            Node::Host => "Host".into(),
            Node::External => "External".into(),
        };
        let want: BTreeSet<(String, String)> =
            t.edges().map(|e| pair(label_of(e.id_source), label_of(e.id_target))).collect();
        assert_eq!(by_label, want);
        let addresses: usize = edges.iter().filter(|(_, _, l)| l.as_deref().is_some_and(|l| l.contains('.'))).count();
        assert!(addresses > 0, "the addresses are on the lines");
    }
}
