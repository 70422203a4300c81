//! Reachability questions against the topology the window shows: what a container reaches, and "can A reach
//! B?" with its fix.
//!
//! Owns only reading the current topology and mapping to the contract; the answers are
//! `netlens_core::reachability`'s. It changes nothing: a fix is run by the UI through `endpoints::connect`,
//! so it is planned again, recorded and undone like any connect. It must not know about Tauri.

use crate::dto::reach::{ReachItemDto, VerdictDto};
use crate::error::AppError;
use crate::state::AppState;
use netlens_core::reachability;

/// Everything the container can and cannot reach: the host, the outside world, then every other container.
pub fn reach_from(state: &AppState, container_id: &str) -> Result<Vec<ReachItemDto>, AppError> {
    let topology = state.topology()?;
    let list = reachability::reach_from(&topology, container_id).map_err(|r| AppError::refused(&[r]))?;
    Ok(list.iter().map(ReachItemDto::from).collect())
}

/// Whether `from_id` reaches `to_id`: the ways, the networks and names, or the reason and the fix.
pub fn can_reach(state: &AppState, from_id: &str, to_id: &str) -> Result<VerdictDto, AppError> {
    let topology = state.topology()?;
    let verdict = reachability::can_reach(&topology, from_id, to_id).map_err(|r| AppError::refused(&[r]))?;
    Ok(VerdictDto::of(from_id, &verdict))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::state::test_support::{showing, unread};
    use netlens_core::endpoints::{plan_connect, EndpointConfig};
    use netlens_core::fixtures::demo;
    use netlens_core::problem::Code;
    use netlens_core::reachability::{FixCode, TargetKind, WayCode, WhyNotCode};

    fn state() -> AppState {
        showing(demo())
    }

    #[test]
    fn reach_from_lists_the_host_the_outside_and_every_other_container_with_how_or_why() {
        let s = state();
        let list = reach_from(&s, "c-api").unwrap();
        assert_eq!(list.len(), 2 + 7, "host, outside, and the seven other containers");
        assert_eq!((list[0].kind, list[1].kind), (TargetKind::Host, TargetKind::Outside));
        assert!(list.iter().all(|r| r.container_id.as_deref() != Some("c-api")), "not itself");
        let db = list.iter().find(|r| r.label == "db").unwrap();
        assert!(db.reachable && db.why_not.is_none());
        assert_eq!(db.ways[0].code, WayCode::ByName);
        assert_eq!(db.ways[0].names, ["db", "c-db"]);
        assert_eq!(db.ways[0].network.as_ref().unwrap().name, "backend");
        let legacy = list.iter().find(|r| r.label == "legacy-web").unwrap();
        assert!(!legacy.reachable && legacy.ways.is_empty());
        let why = legacy.why_not.as_ref().unwrap();
        assert_eq!(why.code, WhyNotCode::NoSharedNetwork);
        assert_eq!(why.text, "no shared network: api is on backend, legacy-web on bridge");
    }

    #[test]
    fn can_reach_says_no_with_the_connect_that_the_connect_command_accepts() {
        let s = state();
        let v = can_reach(&s, "c-api", "c-legacy").unwrap();
        assert!(!v.to.reachable);
        assert_eq!(v.from_name, "api");
        let fix = v.fix.unwrap();
        assert_eq!(fix.code, FixCode::Connect);
        let c = fix.connect.unwrap();
        // The UI runs the fix through `connect` with an empty form: the same plan must be accepted.
        let t = s.topology().unwrap();
        let op = plan_connect(&t, &c.container_id, &c.network_id, &EndpointConfig::default()).unwrap();
        assert_eq!(Some(op.command()), fix.command);
    }

    #[test]
    fn after_the_fix_the_answer_is_yes_by_name() {
        let mut snapshot = demo();
        let backend = snapshot.networks.iter().find(|n| n.id == "n-backend").cloned().unwrap();
        let legacy = snapshot.containers.iter_mut().find(|c| c.id == "c-legacy").unwrap();
        legacy.endpoints.push(netlens_core::fixtures::endpoint(&backend, Some("10.214.10.4")));
        let s = showing(snapshot);
        let v = can_reach(&s, "c-api", "c-legacy").unwrap();
        assert!(v.to.reachable, "{v:?}");
        assert_eq!(v.fix, None);
        assert_eq!(v.networks.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(), ["backend"]);
        assert_eq!(v.names, ["legacy-web", "c-legacy"]);
    }

    #[test]
    fn unknown_containers_are_refused_as_gone_and_nothing_is_answered_before_the_first_read() {
        let s = state();
        for err in [reach_from(&s, "c-missing").unwrap_err(), can_reach(&s, "c-api", "c-missing").unwrap_err()] {
            assert!(
                matches!(err, AppError { code: ErrorCode::Refused, ref problems, .. } if problems[0].code == Code::ContainerGone)
            );
        }
        let empty = unread();
        assert!(matches!(reach_from(&empty, "c-api").unwrap_err(), AppError { code: ErrorCode::NotReady, .. }));
        assert!(matches!(can_reach(&empty, "c-api", "c-db").unwrap_err(), AppError { code: ErrorCode::NotReady, .. }));
    }
}
