//! Why a network cannot be created as specified: one `SpecProblem` per broken rule, with a stable code, the form
//! field it sits next to, a fact and a hint.
//!
//! Owns the wording (and how each `Field` of the create dialog reads in a sentence); the rules themselves
//! live in `validate`, the codes and fields in `crate::problem`.

use std::fmt;

use crate::address::Reserved as ReservedAddress;
pub use crate::problem::Field;
use crate::problem::{Code, Problem};

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

impl SpecProblem {
    /// Fact and hint together, as shown next to a field.
    pub fn message(&self) -> String {
        format!("{}. {}", self.fact(), self.hint())
    }
}

impl Problem for SpecProblem {
    /// Stable, for the UI to switch on.
    fn code(&self) -> Code {
        match self {
            Self::NameEmpty => Code::NameEmpty,
            Self::NameInvalid { .. } => Code::NameInvalid,
            Self::NameTaken { .. } => Code::NameTaken,
            Self::DriverNotCreatable { .. } => Code::DriverNotCreatable,
            Self::DriverUnavailable { .. } => Code::DriverUnavailable,
            Self::OverlayNeedsSwarm => Code::OverlayNeedsSwarm,
            Self::BadCidr { .. } => Code::BadCidr,
            Self::BadAddress { .. } => Code::BadAddress,
            Self::WrongFamily { .. } => Code::WrongFamily,
            Self::HostBits { .. } => Code::HostBits,
            Self::NeedsSubnet { .. } => Code::NeedsSubnet,
            Self::OutsideSubnet { .. } => Code::OutsideSubnet,
            Self::ReservedGateway { .. } => Code::ReservedGateway,
            Self::SubnetOverlap { .. } => Code::SubnetOverlap,
            Self::Ipv6SubnetRequired => Code::Ipv6SubnetRequired,
            Self::Ipv6Off { .. } => Code::Ipv6Off,
            Self::ParentRequired { .. } => Code::ParentRequired,
            Self::ParentInvalid { .. } => Code::ParentInvalid,
            Self::ParentLoopback { .. } => Code::ParentLoopback,
            Self::ParentPassthru { .. } => Code::ParentPassthru,
            Self::BadMode { .. } => Code::BadMode,
            Self::NotForDriver { .. } => Code::NotForDriver,
            Self::MtuNotNumber { .. } => Code::MtuNotNumber,
            Self::MtuOutOfRange { .. } => Code::MtuOutOfRange,
            Self::BadKey { .. } => Code::BadKey,
            Self::BadValue { .. } => Code::BadValue,
            Self::OptionHasField { .. } => Code::OptionHasField,
            Self::ContainerGone { .. } => Code::ContainerGone,
        }
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
        match self {
            Self::NameEmpty => "The network needs a name".into(),
            Self::NameInvalid { name } => format!("`{name}` is not a valid network name"),
            Self::NameTaken { name, driver } => format!("A {driver} network named `{name}` already exists"),
            Self::DriverNotCreatable { driver } => match driver.as_str() {
                "host" => "The `host` driver exists only as the predefined `host` network: containers on it use \
                           the host's own network stack, and there is only one of those"
                    .into(),
                _ => format!(
                    "`{driver}` cannot create networks: the `null` driver exists only as the predefined `none` \
                     network, which gives containers no networking at all"
                ),
            },
            Self::DriverUnavailable { driver, available } => {
                format!("This engine has no network driver `{driver}` (it has {})", available.join(", "))
            }
            Self::OverlayNeedsSwarm => {
                "Overlay networks span the nodes of a swarm, and this engine is not a swarm manager".into()
            }
            Self::BadCidr { field, value } => format!("`{value}` is not a valid {} in CIDR form", field.label()),
            Self::BadAddress { field, value } => format!("`{value}` is not a valid {}", field.label()),
            Self::WrongFamily { field, value, want_v6: true } => {
                format!("`{value}` is an IPv4 value in the {} field", field.label())
            }
            Self::WrongFamily { field, value, want_v6: false } => {
                format!("`{value}` is an IPv6 value in the {} field", field.label())
            }
            Self::HostBits { value, suggested, .. } => {
                format!("{value} has host bits set; did you mean {suggested}?")
            }
            Self::NeedsSubnet { field, subnet_field } => {
                format!("A {} needs a {} to belong to", field.label(), subnet_field.label())
            }
            Self::OutsideSubnet { field, value, subnet } => {
                format!("The {} {value} is outside the subnet {subnet}", field.label())
            }
            Self::ReservedGateway { value, subnet, reserved, .. } => match reserved {
                ReservedAddress::NetworkAddress => format!("{value} is the network address of {subnet}"),
                ReservedAddress::Broadcast => format!("{value} is the broadcast address of {subnet}"),
                ReservedAddress::Gateway => format!("{value} is already the gateway of {subnet}"),
            },
            Self::SubnetOverlap { subnet, network, existing, .. } => {
                format!("{subnet} overlaps network `{network}` ({existing})")
            }
            Self::Ipv6SubnetRequired => {
                "IPv6 is on but no IPv6 subnet is given, and engines before 27 have no default IPv6 pool to pick \
                 one from"
                    .into()
            }
            Self::Ipv6Off { field } => format!("A {} is given but IPv6 is off", field.label()),
            Self::ParentRequired { driver } => format!(
                "A {driver} network without a parent interface sits on a dummy interface, so it cannot leave the host"
            ),
            Self::ParentInvalid { value } => format!("`{value}` is not a valid interface name"),
            Self::ParentLoopback { driver } => format!("The loopback interface cannot be a {driver} parent"),
            Self::ParentPassthru { parent, network } => format!(
                "`{network}` already uses {parent}, and passthru mode needs the interface for one network alone"
            ),
            Self::BadMode { driver, value, allowed } => {
                format!("`{value}` is not a {driver} mode (it takes {})", allowed.join(", "))
            }
            Self::NotForDriver { field, driver } => not_for_driver(*field, driver),
            Self::MtuNotNumber { value } => format!("MTU `{value}` is not a whole number"),
            Self::MtuOutOfRange { value } => format!("MTU {value} is outside {MTU_MIN} to {MTU_MAX}"),
            Self::BadKey { field, key: _, problem: KeyProblem::Empty } => {
                format!("A {} has an empty key", field.label())
            }
            Self::BadKey { field, key, problem: KeyProblem::HasEquals } => {
                format!("The {} key `{key}` contains `=`", field.label())
            }
            Self::BadKey { field, key, problem: KeyProblem::Whitespace } => {
                format!("The {} key `{}` contains whitespace", field.label(), shown(key))
            }
            Self::BadKey { field, key, problem: KeyProblem::ControlCharacter } => {
                format!("The {} key `{}` contains a control character", field.label(), shown(key))
            }
            Self::BadKey { field, key, problem: KeyProblem::TooLong { bytes } } => {
                format!("The {} key `{}` is {bytes} bytes long, over {MAX_KEY_BYTES}", field.label(), shown(key))
            }
            Self::BadValue { field, key, problem: ValueProblem::ControlCharacter } => {
                format!(
                    "The value of {} `{}` contains a line break or another control character",
                    field.label(),
                    shown(key)
                )
            }
            Self::BadValue { field, key, problem: ValueProblem::TooLong { bytes } } => format!(
                "The value of {} `{}` is {bytes} bytes long, over {MAX_VALUE_BYTES} (4 KiB)",
                field.label(),
                shown(key)
            ),
            Self::OptionHasField { key, dedicated } => {
                format!("Option `{key}` is the {} field's job", dedicated.label())
            }
            Self::ContainerGone { container } => format!("{container} no longer exists, so it cannot be reconnected"),
        }
    }
    /// What the user can do about it.
    fn hint(&self) -> String {
        match self {
            Self::NameEmpty | Self::NameInvalid { .. } => {
                "Start with a letter or digit, then use letters, digits, `_`, `.` and `-`.".into()
            }
            Self::NameTaken { .. } => {
                "Choose another name: the engine may allow a second network of the same name, but every command \
                 that names it would then be ambiguous."
                    .into()
            }
            Self::DriverNotCreatable { driver } if driver == "host" => {
                "Run a container with --network host to use the host's stack; for a network of your own, use bridge."
                    .into()
            }
            Self::DriverNotCreatable { .. } => {
                "Run a container with --network none to isolate it; for a network of your own, use bridge or an \
                 internal bridge."
                    .into()
            }
            Self::DriverUnavailable { .. } => {
                "Pick one of the listed drivers, or install the plugin first (docker plugin install).".into()
            }
            Self::OverlayNeedsSwarm => {
                "Run `docker swarm init` to make this engine a one-node swarm (or join it to a swarm as a manager), \
                 or use bridge for a network on this host only."
                    .into()
            }
            Self::BadCidr { field, .. } | Self::BadAddress { field, .. } => {
                format!("Write it like {}.", field.example())
            }
            Self::WrongFamily { want_v6: true, .. } => "Put IPv4 values in the IPv4 fields.".into(),
            Self::WrongFamily { want_v6: false, field, .. } => match field {
                Field::Subnet => "Put an IPv6 subnet in the IPv6 subnet field, with IPv6 on.".into(),
                _ => "Put IPv6 values in the IPv6 fields.".into(),
            },
            Self::HostBits { suggested, .. } => format!("Use {suggested}, the network the address belongs to."),
            Self::NeedsSubnet { subnet_field, .. } => {
                format!("Give a {} as well, or leave this empty for the engine to choose.", subnet_field.label())
            }
            Self::OutsideSubnet { .. } => "Choose a value inside the subnet, or widen the subnet.".into(),
            Self::ReservedGateway { .. } => "Choose a host address, usually the first one (.1).".into(),
            Self::SubnetOverlap { .. } => {
                "Choose a subnet that no other network uses: overlapping ones make routes ambiguous.".into()
            }
            Self::Ipv6SubnetRequired => "Give an IPv6 subnet such as fd00:1::/64, or turn IPv6 off.".into(),
            Self::Ipv6Off { .. } => "Turn IPv6 on, or clear the IPv6 fields.".into(),
            Self::ParentRequired { .. } => {
                "Enter the host interface to attach to (e.g. eth0, or eth0.10 for VLAN 10), or tick Internal for a \
                 network that stays on this host."
                    .into()
            }
            Self::ParentInvalid { .. } => {
                "Use the interface's name as `ip link` shows it: up to 15 characters, without spaces, `/` or `:`."
                    .into()
            }
            Self::ParentLoopback { .. } => "Use a physical interface or a VLAN sub-interface such as eth0.10.".into(),
            Self::ParentPassthru { .. } => {
                "Use another mode, another interface, or a VLAN sub-interface (e.g. eth0.10).".into()
            }
            Self::BadMode { .. } => "Pick one of the listed modes, or leave it empty for the default.".into(),
            Self::NotForDriver { .. } => "Clear it, or pick a driver that uses it.".into(),
            Self::MtuNotNumber { .. } | Self::MtuOutOfRange { .. } => {
                format!("Give a number from {MTU_MIN} to {MTU_MAX} (1500 on most Ethernet), or leave it empty.")
            }
            Self::BadKey { problem: KeyProblem::Empty | KeyProblem::HasEquals, .. } => {
                "Give every key a name without `=`; the value goes after it.".into()
            }
            Self::BadKey { problem: KeyProblem::Whitespace | KeyProblem::ControlCharacter, .. } => {
                "Write the key without spaces, tabs or line breaks, e.g. com.example.team.".into()
            }
            Self::BadKey { problem: KeyProblem::TooLong { .. }, .. } => {
                format!("Use a key of at most {MAX_KEY_BYTES} bytes, e.g. com.example.team.")
            }
            Self::BadValue { problem: ValueProblem::ControlCharacter, .. } => {
                "Write the value on one line, without tabs or other control characters.".into()
            }
            Self::BadValue { problem: ValueProblem::TooLong { .. }, .. } => format!(
                "Keep the value to at most {MAX_VALUE_BYTES} bytes: labels are for short facts, so store a longer \
                 text elsewhere and put its name or address in the label."
            ),
            Self::OptionHasField { dedicated, .. } => {
                format!("Remove the option and set the {} in its own field instead.", dedicated.label())
            }
            Self::ContainerGone { .. } => {
                "Re-create the network by hand from its command, without that container.".into()
            }
        }
    }
}

/// A key as a message shows it: control characters escaped, and cut after 32 characters, so neither a
/// runaway paste nor a line break in the key reaches the page whole.
fn shown(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars().take(32) {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if key.chars().nth(32).is_some() {
        out.push('…');
    }
    out
}

fn not_for_driver(field: Field, driver: &str) -> String {
    match field {
        Field::Encrypted => format!("Encryption is an overlay setting; {driver} networks do not use it"),
        Field::Attachable => format!(
            "--attachable matters only for swarm-scoped overlay networks; a {driver} network is open to containers \
             anyway"
        ),
        Field::Icc => format!("Inter-container communication is a bridge setting; {driver} networks do not use it"),
        Field::Parent => format!("A parent interface is for macvlan and ipvlan; {driver} networks do not use it"),
        Field::Mode => format!("A mode is for macvlan and ipvlan; {driver} networks do not use it"),
        Field::Mtu => format!("{driver} networks take the parent interface's MTU and ignore this option"),
        other => format!("The {} does not apply to {driver} networks", other.label()),
    }
}

impl fmt::Display for SpecProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for SpecProblem {}
