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

/// The body of a `code()` whose variants are named for their codes: `Self::ByName { .. } => WayCode::ByName`
/// for each one listed. It expands to a plain `match`, so a new variant without a code does not compile.
macro_rules! same_names {
    ($value:expr, $code:ident; $($variant:ident),+ $(,)?) => {
        match $value {
            $(Self::$variant { .. } => $code::$variant,)+
        }
    };
}

/// A code as the UI receives it (`sharedStack`), for text and tests.
pub fn wire_name(code: impl std::fmt::Debug) -> String {
    crate::problem::wire_name(format!("{code:?}"))
}

impl Target {
    pub fn code(&self) -> TargetKind {
        same_names!(self, TargetKind; Host, Outside, Container)
    }
}

impl Way {
    pub fn code(&self) -> WayCode {
        same_names!(self, WayCode;
            Itself, SharedStack, HostStack, ByName, OnLan, IpOnly, Gateway, ViaHost, Nat, Direct, FromHost,
            PublishedPorts)
    }
}

impl Reason {
    pub fn code(&self) -> WhyNotCode {
        same_names!(self, WhyNotCode;
            NotRunning, StackOwnerNotRunning, StackOwnerGone, NetworkingDisabled, NoNetworks, NoSharedNetwork,
            NotRouted, IccDisabled, NoWayToHost, NoWayOut, NotFromHost)
    }
}

impl Fix {
    pub fn code(&self) -> FixCode {
        match self {
            Self::Connect(_) => FixCode::Connect,
            Self::Impossible(why) => why.code(),
        }
    }
}

impl NoFix {
    pub fn code(&self) -> FixCode {
        same_names!(self, FixCode; NotRunning, NetworkingDisabled, StackOwnerGone, NothingJoinable)
    }
}
