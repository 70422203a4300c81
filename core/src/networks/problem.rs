//! Why a network cannot be created as specified: one `SpecProblem` per broken rule, with a stable code, the form
//! field it sits next to, a fact and a hint.
//!
//! Owns the wording (and how each `Field` of the create dialog reads in a sentence); the rules themselves
//! live in `validate`, the codes and fields in `crate::problem`.

use crate::address::Reserved as ReservedAddress;
pub use crate::problem::Field;
use crate::problem::{Code, Problem};

use super::wording;

/// Why a label or option key is unusable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyProblem {
    Empty,
    /// The CLI splits `key=value` at the first `=`, so such a key cannot be written back.
    HasEquals,
    /// The CLI refuses a label key with whitespace, so the command line would not work.
    Whitespace,
    /// Line breaks and other control characters are invisible in the form and break the command line.
    ControlCharacter,
    /// Longer than `MAX_KEY_BYTES`.
    TooLong {
        bytes: usize,
    },
}

/// Why a label or option value is unusable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueProblem {
    ControlCharacter,
    /// Longer than `MAX_VALUE_BYTES`.
    TooLong {
        bytes: usize,
    },
}

/// The longest label or option key the create dialog takes, in bytes. The engine sets no limit; every key
/// is drawn in the details panel and carried in each update, so a runaway paste must stop here. Real keys
/// (`com.example.team`) are far shorter.
pub const MAX_KEY_BYTES: usize = 1024;
/// The longest label or option value, in bytes (4 KiB): room for a certificate fingerprint or a short
/// JSON document, not for a file.
pub const MAX_VALUE_BYTES: usize = 4096;

/// One reason a network cannot be created (or re-created) as specified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecProblem {
    NameEmpty,
    NameInvalid {
        name: String,
    },
    NameTaken {
        name: String,
        driver: String,
    },
    /// `host` and `null` (and `none`, the predefined network using `null`) exist once per engine.
    DriverNotCreatable {
        driver: String,
    },
    DriverUnavailable {
        driver: String,
        available: Vec<String>,
    },
    OverlayNeedsSwarm,
    BadCidr {
        field: Field,
        value: String,
    },
    BadAddress {
        field: Field,
        value: String,
    },
    WrongFamily {
        field: Field,
        value: String,
        want_v6: bool,
    },
    HostBits {
        field: Field,
        value: String,
        suggested: String,
    },
    NeedsSubnet {
        field: Field,
        subnet_field: Field,
    },
    OutsideSubnet {
        field: Field,
        value: String,
        subnet: String,
    },
    ReservedGateway {
        field: Field,
        value: String,
        subnet: String,
        reserved: ReservedAddress,
    },
    SubnetOverlap {
        field: Field,
        subnet: String,
        network: String,
        existing: String,
    },
    Ipv6SubnetRequired,
    Ipv6Off {
        field: Field,
    },
    ParentRequired {
        driver: String,
    },
    ParentInvalid {
        value: String,
    },
    ParentLoopback {
        driver: String,
    },
    /// Passthru mode gives one macvlan network the whole parent, so it cannot share it either way.
    ParentPassthru {
        parent: String,
        network: String,
    },
    BadMode {
        driver: String,
        value: String,
        allowed: &'static [&'static str],
    },
    NotForDriver {
        field: Field,
        driver: String,
    },
    MtuNotNumber {
        value: String,
    },
    MtuOutOfRange {
        value: u64,
    },
    BadKey {
        field: Field,
        key: String,
        problem: KeyProblem,
    },
    BadValue {
        field: Field,
        key: String,
        problem: ValueProblem,
    },
    /// An extra driver option that a dedicated field sets: two places for one value would disagree.
    OptionHasField {
        key: String,
        dedicated: Field,
    },
    /// Re-creating only: a container to reconnect was removed meanwhile.
    ContainerGone {
        container: String,
    },
}

pub const MTU_MIN: u64 = 68;
pub const MTU_MAX: u64 = 65535;

impl Problem for SpecProblem {
    /// Stable, for the UI to switch on: every variant is named for its code.
    fn code(&self) -> Code {
        crate::codes_by_name!(self;
            NameEmpty, NameInvalid, NameTaken, DriverNotCreatable, DriverUnavailable, OverlayNeedsSwarm, BadCidr,
            BadAddress, WrongFamily, HostBits, NeedsSubnet, OutsideSubnet, ReservedGateway, SubnetOverlap,
            Ipv6SubnetRequired, Ipv6Off, ParentRequired, ParentInvalid, ParentLoopback, ParentPassthru, BadMode,
            NotForDriver, MtuNotNumber, MtuOutOfRange, BadKey, BadValue, OptionHasField, ContainerGone)
    }
    /// The form field the problem is shown next to; `None` for problems about the whole network.
    fn field(&self) -> Option<Field> {
        match self {
            Self::NameEmpty | Self::NameInvalid { .. } | Self::NameTaken { .. } => Some(Field::Name),
            Self::DriverNotCreatable { .. } | Self::DriverUnavailable { .. } | Self::OverlayNeedsSwarm => {
                Some(Field::Driver)
            }
            Self::BadCidr { field, .. }
            | Self::BadAddress { field, .. }
            | Self::WrongFamily { field, .. }
            | Self::HostBits { field, .. }
            | Self::NeedsSubnet { field, .. }
            | Self::OutsideSubnet { field, .. }
            | Self::ReservedGateway { field, .. }
            | Self::SubnetOverlap { field, .. }
            | Self::Ipv6Off { field }
            | Self::NotForDriver { field, .. }
            | Self::BadKey { field, .. }
            | Self::BadValue { field, .. } => Some(*field),
            Self::Ipv6SubnetRequired => Some(Field::SubnetV6),
            Self::ParentRequired { .. }
            | Self::ParentInvalid { .. }
            | Self::ParentLoopback { .. }
            | Self::ParentPassthru { .. } => Some(Field::Parent),
            Self::BadMode { .. } => Some(Field::Mode),
            Self::MtuNotNumber { .. } | Self::MtuOutOfRange { .. } => Some(Field::Mtu),
            Self::OptionHasField { .. } => Some(Field::Options),
            Self::ContainerGone { .. } => None,
        }
    }
    /// What is wrong, as one clause without advice.
    fn fact(&self) -> String {
        wording::fact(self)
    }
    /// What the user can do about it.
    fn hint(&self) -> String {
        wording::hint(self)
    }
}

crate::display_as_message!(SpecProblem);
