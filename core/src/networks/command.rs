//! The docker CLI lines of a network's lifecycle, for the confirmation dialogs and for copying.
//!
//! Owns rendering only, with `ops::command::quote` for every word; it must not decide whether a plan may run.

use std::collections::BTreeMap;

use super::prune::PruneFilters;
use super::spec::NetworkSpec;
use crate::endpoints::command::quote;

/// `docker network create …` in a stable flag order: driver, IPv4 subnet, range and gateway, IPv6 and its
/// subnet and gateway, internal, attachable, auxiliary addresses and IPAM options (carried from a removed
/// network), options and labels (each sorted by key), the name last.
pub fn create_command(spec: &NetworkSpec) -> String {
    let s = spec.normalized();
    let mut words: Vec<String> = vec!["docker".into(), "network".into(), "create".into()];
    flag(&mut words, "--driver", s.driver());
    flag(&mut words, "--subnet", &s.subnet);
    flag(&mut words, "--ip-range", &s.ip_range);
    flag(&mut words, "--gateway", &s.gateway);
    if s.ipv6 {
        words.push("--ipv6".into());
        // The CLI pairs each gateway with the subnet containing it, so a second --subnet/--gateway is safe.
        flag(&mut words, "--subnet", &s.subnet_v6);
        flag(&mut words, "--gateway", &s.gateway_v6);
    }
    if s.internal {
        words.push("--internal".into());
    }
    if s.attachable {
        words.push("--attachable".into());
    }
    key_values(&mut words, "--aux-address", &s.aux_addresses);
    key_values(&mut words, "--ipam-opt", &s.ipam_options);
    key_values(&mut words, "--opt", &s.driver_options());
    key_values(&mut words, "--label", &s.labels);
    words.push(quote(&s.name));
    words.join(" ")
}

/// `name value`, or nothing for a blank value.
fn flag(words: &mut Vec<String>, name: &str, value: &str) {
    if !value.is_empty() {
        words.push(name.into());
        words.push(quote(value));
    }
}

/// `--opt k=v` per entry; a bare `k` when the value is empty (the CLI reads both as an empty value, and the
/// bare form is how people write `--opt encrypted`).
fn key_values(words: &mut Vec<String>, flag: &str, map: &BTreeMap<String, String>) {
    for (k, v) in map {
        words.push(flag.into());
        words.push(if v.is_empty() { quote(k) } else { quote(&format!("{k}={v}")) });
    }
}

/// `docker network rm a b …` by name, in the order given.
pub fn rm_command<S: AsRef<str>>(names: &[S]) -> String {
    let mut words: Vec<String> = vec!["docker".into(), "network".into(), "rm".into()];
    words.extend(names.iter().map(|n| quote(n.as_ref())));
    words.join(" ")
}

/// `docker network prune --force` with the preview's filters: `until` first, then the label filters in
/// the order given.
pub fn prune_command(filters: &PruneFilters) -> String {
    let mut words: Vec<String> = vec!["docker".into(), "network".into(), "prune".into(), "--force".into()];
    if let Some(until) = filters.until {
        words.push("--filter".into());
        words.push(quote(&format!("until={}", go_duration(until))));
    }
    for label in &filters.labels {
        words.push("--filter".into());
        words.push(quote(&label.filter_arg()));
    }
    words.join(" ")
}

/// A duration as Go's `time.ParseDuration` reads it, in the largest whole unit: "24h", "90m", "45s".
pub fn go_duration(d: chrono::Duration) -> String {
    let secs = d.num_seconds().max(0);
    if secs > 0 && secs % 3600 == 0 {
        format!("{}h", secs / 3600)
    } else if secs > 0 && secs % 60 == 0 {
        format!("{}m", secs / 60)
    } else {
        format!("{secs}s")
    }
}
