//! The docker CLI line equivalent to an operation, for the history list and for copying into a terminal.
//!
//! Owns rendering and POSIX shell quoting only; it must not decide whether the operation is valid.

use super::{EndpointConfig, EndpointRef, Operation};

/// `docker network connect|disconnect …` with names (as people type them), every unsafe word quoted.
pub fn render(op: &Operation) -> String {
    let mut words: Vec<String> = vec!["docker".into(), "network".into()];
    let mut note = None;
    match op {
        Operation::Connect { endpoint: EndpointRef { network_name, container_name, .. }, config } => {
            words.push("connect".into());
            connect_flags(config, &mut words);
            words.push(quote(network_name));
            words.push(quote(container_name));
            // `docker network connect` has no flag for a MAC address; only the API call sets one.
            note = config.mac.as_deref().map(|m| format!("  # MAC address {m} is set through the API only"));
        }
        Operation::Disconnect { endpoint: EndpointRef { network_name, container_name, .. }, force, .. } => {
            words.push("disconnect".into());
            if *force {
                words.push("--force".into());
            }
            words.push(quote(network_name));
            words.push(quote(container_name));
        }
    }
    let mut line = words.join(" ");
    if let Some(note) = note {
        line.push_str(&note);
    }
    line
}

fn connect_flags(config: &EndpointConfig, words: &mut Vec<String>) {
    for alias in &config.aliases {
        words.extend(["--alias".into(), quote(alias)]);
    }
    if let Some(ip) = &config.ipv4 {
        words.extend(["--ip".into(), quote(ip)]);
    }
    if let Some(ip) = &config.ipv6 {
        words.extend(["--ip6".into(), quote(ip)]);
    }
    for ip in &config.link_local {
        words.extend(["--link-local-ip".into(), quote(ip)]);
    }
    for (k, v) in &config.driver_opts {
        words.extend(["--driver-opt".into(), quote(&format!("{k}={v}"))]);
    }
}

/// A word as a POSIX shell reads it back unchanged: bare when every character is inert, else in single
/// quotes, with each `'` written as `'\''` (close, escaped quote, reopen).
pub fn quote(word: &str) -> String {
    let inert =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '@' | '%' | '+' | '=' | ':' | ',' | '.' | '/' | '_' | '-');
    if !word.is_empty() && word.chars().all(inert) {
        return word.to_string();
    }
    format!("'{}'", word.replace('\'', r"'\''"))
}
