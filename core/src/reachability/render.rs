//! A deterministic text rendering of a container's reach list and of a verdict, so tests assert on the whole
//! picture at once and a failing test shows it.
//!
//! Owns the layout of the text only; every sentence comes from `wording`.

use std::fmt::Write;

use super::graph::{Mode, World};
use super::{reach_from, Answer, Reach, Verdict};
use crate::endpoints::Refusal;
use crate::model::Container;
use crate::topology::Topology;

/// The container, then what it can reach and what it cannot, each with how or why, one target a line.
pub fn render_reach(topology: &Topology, container_id: &str) -> Result<String, Refusal> {
    let reaches = reach_from(topology, container_id)?;
    let world = World::new(topology);
    let from = world.container(container_id)?;
    let mut out = format!("{} [{}] {}\n", from.name, from.state.as_str(), whereabouts(&world, from));
    let (yes, no): (Vec<&Reach>, Vec<&Reach>) = reaches.iter().partition(|r| r.reachable());
    for (title, list) in [("can reach:", yes), ("cannot reach:", no)] {
        out.push_str(title);
        out.push('\n');
        if list.is_empty() {
            out.push_str("  nothing\n");
        }
        for r in list {
            let _ = writeln!(out, "  {}: {}", target(r), answer(&r.answer, "; "));
        }
    }
    Ok(out)
}

/// `A → B: yes` with each way, or `no` with the reason and the fix (and its docker CLI line).
pub fn render_verdict(verdict: &Verdict) -> String {
    let yes = if verdict.reachable() { "yes" } else { "no" };
    let mut out = format!("{} → {}: {yes}\n", verdict.from, target(&verdict.reach));
    match &verdict.reach.answer {
        Answer::Yes(ways) => {
            for way in ways {
                let _ = writeln!(out, "  {}", way.describe());
            }
        }
        Answer::No(reason) => {
            let _ = writeln!(out, "  why: {}", reason.describe());
        }
    }
    if let Some(fix) = &verdict.fix {
        let _ = writeln!(out, "  fix: {}", fix.describe());
        if let Some(command) = fix.command() {
            let _ = writeln!(out, "  run: {command}");
        }
    }
    out
}

fn target(r: &Reach) -> String {
    match &r.in_stack_of {
        Some(owner) => format!("{} (in {owner}'s stack)", r.target.label()),
        None => r.target.label().to_string(),
    }
}

fn answer(a: &Answer, separator: &str) -> String {
    match a {
        Answer::Yes(ways) => ways.iter().map(|w| w.describe()).collect::<Vec<_>>().join(separator),
        Answer::No(reason) => reason.describe(),
    }
}

/// Where a container's traffic starts from.
fn whereabouts(world: &World, c: &Container) -> String {
    let owner = match world.owner(c) {
        Ok(owner) => owner,
        Err(reference) => return format!("in the network stack of `{reference}`, which no longer exists"),
    };
    if owner.id != c.id {
        return format!("in {}'s network stack", owner.name);
    }
    match world.mode(owner) {
        Mode::Host => "on the host's network stack".into(),
        Mode::Disabled => "with networking disabled".into(),
        Mode::Networks => {
            let names: Vec<&str> = world.carried(owner).into_iter().map(|(n, _)| n.name.as_str()).collect();
            if names.is_empty() {
                "on no network".into()
            } else {
                format!("on {}", names.join(", "))
            }
        }
    }
}
