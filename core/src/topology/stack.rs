//! `container:` mode: which container's network stack another one runs in.
//!
//! Owns reading a `--network container:<ref>` reference the way the engine keeps it (a full ID, a name or
//! an ID prefix) and following a chain of them to the container that owns the stack. Pure over the
//! containers it is given; it must not decide what sharing a stack means for reachability (that is
//! `reachability`) nor where a sharer is drawn (that is `layout`).

use crate::model::Container;

/// The reference of a container in `container:` mode, as its network mode holds it.
pub fn shared_reference(c: &Container) -> Option<&str> {
    c.network_mode.strip_prefix("container:").filter(|r| !r.is_empty())
}

/// The container a `container:` reference names: exactly by ID or name, else by a unique ID prefix.
pub fn find<'a>(containers: &[&'a Container], reference: &str) -> Option<&'a Container> {
    let name = reference.trim_start_matches('/');
    if let Some(c) = containers.iter().find(|c| c.id == reference || c.name == name) {
        return Some(c);
    }
    let mut prefixed = containers.iter().filter(|c| c.id.starts_with(reference));
    match (prefixed.next(), prefixed.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// The container whose stack `c` runs in: `c` itself unless it is in `container:` mode, else the end of the
/// chain of references. Err with the reference that names no container (it was removed), or that loops
/// (the engine forbids it, so only a half-read snapshot can show one).
pub fn owner<'a>(containers: &[&'a Container], c: &'a Container) -> Result<&'a Container, String> {
    let mut current = c;
    // A chain visits each container at most once; anything longer is a loop.
    for _ in 0..=containers.len() {
        let Some(reference) = shared_reference(current) else { return Ok(current) };
        current = find(containers, reference).ok_or_else(|| reference.to_string())?;
    }
    Err(shared_reference(current).unwrap_or_default().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::container;
    use crate::model::ContainerState;

    fn c(id: &str, name: &str, mode: &str) -> Container {
        container(id, name, ContainerState::Running, mode, vec![])
    }

    #[test]
    fn a_reference_is_found_by_id_name_or_unique_prefix() {
        let (web, worker) = (c("abc123", "web", "default"), c("abd999", "worker", "default"));
        let all = [&web, &worker];
        assert_eq!(find(&all, "abc123").map(|c| &c.name[..]), Some("web"));
        assert_eq!(find(&all, "web").map(|c| &c.name[..]), Some("web"));
        assert_eq!(find(&all, "/worker").map(|c| &c.name[..]), Some("worker"));
        assert_eq!(find(&all, "abd").map(|c| &c.name[..]), Some("worker"));
        assert_eq!(find(&all, "ab").map(|c| &c.name[..]), None, "an ambiguous prefix names nobody");
    }

    #[test]
    fn a_chain_of_sharers_ends_at_the_stack_owner_and_a_gone_owner_is_reported() {
        let web = c("c-web", "web", "default");
        let side = c("c-side", "side", "container:c-web");
        let probe = c("c-probe", "probe", "container:side");
        let lost = c("c-lost", "lost", "container:c-gone");
        let all = [&web, &side, &probe, &lost];
        assert_eq!(owner(&all, &probe).map(|o| &o.id[..]), Ok("c-web"));
        assert_eq!(owner(&all, &web).map(|o| &o.id[..]), Ok("c-web"));
        assert_eq!(owner(&all, &lost).map(|o| &o.id[..]), Err("c-gone".to_string()));
        let (a, b) = (c("c-a", "a", "container:c-b"), c("c-b", "b", "container:c-a"));
        assert!(owner(&[&a, &b], &a).is_err(), "a loop ends nowhere");
    }
}
