//! When the engine has moved past the view a change was planned on: the container or network was removed,
//! or a container joined a network about to be removed, after the view was drawn (a click that beats the
//! event stream). Says so with the names the view knew, instead of an engine error about a 64-character ID
//! or a hint to "disconnect all" that the person already asked for.
//!
//! Pure: the engine side hands in what the engine answered (status and message) or listed. It must not
//! decide whether anything runs; the planners did, and the engine side stops and rolls back on these.

use crate::problem::{Code, Problem};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    ContainerGone {
        container: String,
    },
    NetworkGone {
        network: String,
    },
    /// Containers the engine lists on a network about to be removed that the plan did not know of, by name.
    Joined {
        network: String,
        containers: Vec<String>,
    },
}

impl Stale {
    /// What an engine refusal of a change to `container` on `network` means, when it says one of them is
    /// gone: 404 with "No such container" or "network … not found" (stable across engine versions and
    /// Podman's compatible API). `None` for any other answer.
    pub fn from_engine(status: u16, engine_says: &str, container: &str, network: &str) -> Option<Self> {
        if status != 404 {
            return None;
        }
        let m = engine_says.to_ascii_lowercase();
        if m.contains("no such container") {
            Some(Self::ContainerGone { container: container.into() })
        } else if m.contains("network") && (m.contains("not found") || m.contains("no such network")) {
            Some(Self::NetworkGone { network: network.into() })
        } else {
            None
        }
    }

    /// The containers listed on `network` right before removing it, less those the plan disconnected:
    /// anyone left joined after the view was drawn. `None` when nobody did.
    pub fn joined<S: AsRef<str>>(network: &str, listed: &[S]) -> Option<Self> {
        let mut containers: Vec<String> = listed.iter().map(|s| s.as_ref().to_string()).collect();
        containers.sort();
        containers.dedup();
        (!containers.is_empty()).then(|| Self::Joined { network: network.into(), containers })
    }
}

impl Problem for Stale {
    fn code(&self) -> Code {
        crate::codes_by_name!(self; ContainerGone, NetworkGone; Joined => NetworkInUse)
    }

    fn fact(&self) -> String {
        match self {
            Self::ContainerGone { container } => {
                format!("{container} no longer exists: it was removed after the view was drawn")
            }
            Self::NetworkGone { network } => {
                format!("{network} no longer exists: it was removed after the view was drawn")
            }
            Self::Joined { network, containers } => {
                let names = match containers.as_slice() {
                    [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
                    [one] => one.clone(),
                    _ => "a container".into(),
                };
                format!("{names} joined {network} after the view was drawn")
            }
        }
    }

    fn hint(&self) -> String {
        match self {
            Self::ContainerGone { .. } | Self::NetworkGone { .. } => {
                "Nothing was changed. The graph catches up by itself; look at it again before retrying.".into()
            }
            Self::Joined { .. } => "Nothing was removed and the containers that were disconnected for it are back. \
                                    The graph shows who joined in a moment; decide again then."
                .into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_404_about_the_container_names_the_container() {
        let s = Stale::from_engine(404, "No such container: 0dfa988c1193ad09", "api", "backend").unwrap();
        assert_eq!(s, Stale::ContainerGone { container: "api".into() });
        assert_eq!(s.fact(), "api no longer exists: it was removed after the view was drawn");
        assert_eq!(s.code(), Code::ContainerGone);
    }

    #[test]
    fn a_404_about_the_network_names_the_network() {
        let s = Stale::from_engine(404, "network backend not found", "api", "backend").unwrap();
        assert_eq!(s, Stale::NetworkGone { network: "backend".into() });
        assert!(Stale::from_engine(404, "No such network: 4f2c", "api", "backend").is_some());
    }

    #[test]
    fn other_answers_are_not_read_as_a_stale_view() {
        assert_eq!(Stale::from_engine(403, "No such container: x", "api", "backend"), None);
        assert_eq!(Stale::from_engine(404, "page not found", "api", "backend"), None);
        assert_eq!(Stale::from_engine(409, "network backend not found", "api", "backend"), None);
    }

    #[test]
    fn joined_names_each_newcomer_once_in_order() {
        assert_eq!(Stale::joined::<&str>("web", &[]), None);
        let s = Stale::joined("web", &["worker", "cache", "worker"]).unwrap();
        assert_eq!(s.fact(), "cache and worker joined web after the view was drawn");
        assert_eq!(Stale::joined("web", &["cache"]).unwrap().fact(), "cache joined web after the view was drawn");
        assert_eq!(s.code(), Code::NetworkInUse);
        assert!(s.hint().starts_with("Nothing was removed"));
    }
}
