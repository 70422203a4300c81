//! The stable codes of reachability's answers, which the UI switches on (never on the wording): what kind of
//! target it is, how it is reached, why not, and what would fix it. With the `contract` feature they travel
//! to the UI as they are, as literal unions.
//!
//! Owns the codes and which variant has which; the sentences are `wording`'s and the rules `rules`'.

use super::{Fix, NoFix, Reason, Target, Way};

/// What a container may try to reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub enum TargetKind {
    Host,
    Outside,
    Container,
}

/// How a target is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub enum WayCode {
    Itself,
    SharedStack,
    HostStack,
    ByName,
    OnLan,
    IpOnly,
    Gateway,
    ViaHost,
    Nat,
    Direct,
    FromHost,
    PublishedPorts,
}

/// Why a target is not reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub enum WhyNotCode {
    NotRunning,
    StackOwnerNotRunning,
    StackOwnerGone,
    NetworkingDisabled,
    NoNetworks,
    NoSharedNetwork,
    NotRouted,
    IccDisabled,
    NoWayToHost,
    NoWayOut,
    NotFromHost,
}

/// What would make a no a yes: `connect`, or why no connect does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub enum FixCode {
    Connect,
    NotRunning,
    NetworkingDisabled,
    StackOwnerGone,
    NothingJoinable,
}

/// A code as the UI receives it (`sharedStack`), for text and tests.
pub fn wire_name(code: impl std::fmt::Debug) -> String {
    crate::problem::wire_name(format!("{code:?}"))
}

impl Target {
    pub fn code(&self) -> TargetKind {
        match self {
            Self::Host => TargetKind::Host,
            Self::Outside => TargetKind::Outside,
            Self::Container { .. } => TargetKind::Container,
        }
    }
}

impl Way {
    pub fn code(&self) -> WayCode {
        match self {
            Self::Itself => WayCode::Itself,
            Self::SharedStack { .. } => WayCode::SharedStack,
            Self::HostStack => WayCode::HostStack,
            Self::ByName { .. } => WayCode::ByName,
            Self::OnLan { .. } => WayCode::OnLan,
            Self::IpOnly { .. } => WayCode::IpOnly,
            Self::Gateway { .. } => WayCode::Gateway,
            Self::ViaHost { .. } => WayCode::ViaHost,
            Self::Nat { .. } => WayCode::Nat,
            Self::Direct { .. } => WayCode::Direct,
            Self::FromHost { .. } => WayCode::FromHost,
            Self::PublishedPorts { .. } => WayCode::PublishedPorts,
        }
    }
}

impl Reason {
    pub fn code(&self) -> WhyNotCode {
        match self {
            Self::NotRunning { .. } => WhyNotCode::NotRunning,
            Self::StackOwnerNotRunning { .. } => WhyNotCode::StackOwnerNotRunning,
            Self::StackOwnerGone { .. } => WhyNotCode::StackOwnerGone,
            Self::NetworkingDisabled { .. } => WhyNotCode::NetworkingDisabled,
            Self::NoNetworks { .. } => WhyNotCode::NoNetworks,
            Self::NoSharedNetwork { .. } => WhyNotCode::NoSharedNetwork,
            Self::NotRouted { .. } => WhyNotCode::NotRouted,
            Self::IccDisabled { .. } => WhyNotCode::IccDisabled,
            Self::NoWayToHost { .. } => WhyNotCode::NoWayToHost,
            Self::NoWayOut { .. } => WhyNotCode::NoWayOut,
            Self::NotFromHost { .. } => WhyNotCode::NotFromHost,
        }
    }
}

impl Fix {
    pub fn code(&self) -> FixCode {
        match self {
            Self::Connect(_) => FixCode::Connect,
            Self::Impossible(NoFix::NotRunning { .. }) => FixCode::NotRunning,
            Self::Impossible(NoFix::NetworkingDisabled { .. }) => FixCode::NetworkingDisabled,
            Self::Impossible(NoFix::StackOwnerGone { .. }) => FixCode::StackOwnerGone,
            Self::Impossible(NoFix::NothingJoinable { .. }) => FixCode::NothingJoinable,
        }
    }
}
