//! The words of a `SpecProblem`: the fact (what is wrong, one clause) and the hint (what to do), and how a
//! key or a `Field` reads inside a sentence. Owns nothing but wording: which problem applies is decided in
//! `validate`, codes and fields live in `crate::problem`.

use crate::address::Reserved as ReservedAddress;
use crate::problem::Field;

use super::problem::{KeyProblem, SpecProblem, ValueProblem, MAX_KEY_BYTES, MAX_VALUE_BYTES, MTU_MAX, MTU_MIN};

/// What is wrong, as one clause without advice.
pub(super) fn fact(problem: &SpecProblem) -> String {
    match problem {
        SpecProblem::NameEmpty => "The network needs a name".into(),
        SpecProblem::NameInvalid { name } => format!("`{name}` is not a valid network name"),
        SpecProblem::NameTaken { name, driver } => format!("A {driver} network named `{name}` already exists"),
        SpecProblem::DriverNotCreatable { driver } => match driver.as_str() {
            "host" => "The `host` driver exists only as the predefined `host` network: containers on it use \
                       the host's own network stack, and there is only one of those"
                .into(),
            _ => format!(
                "`{driver}` cannot create networks: the `null` driver exists only as the predefined `none` \
                 network, which gives containers no networking at all"
            ),
        },
        SpecProblem::DriverUnavailable { driver, available } => {
            format!("This engine has no network driver `{driver}` (it has {})", available.join(", "))
        }
        SpecProblem::OverlayNeedsSwarm => {
            "Overlay networks span the nodes of a swarm, and this engine is not a swarm manager".into()
        }
        SpecProblem::BadCidr { field, value } => format!("`{value}` is not a valid {} in CIDR form", field.label()),
        SpecProblem::BadAddress { field, value } => format!("`{value}` is not a valid {}", field.label()),
        SpecProblem::WrongFamily { field, value, want_v6: true } => {
            format!("`{value}` is an IPv4 value in the {} field", field.label())
        }
        SpecProblem::WrongFamily { field, value, want_v6: false } => {
            format!("`{value}` is an IPv6 value in the {} field", field.label())
        }
        SpecProblem::HostBits { value, suggested, .. } => {
            format!("{value} has host bits set; did you mean {suggested}?")
        }
        SpecProblem::NeedsSubnet { field, subnet_field } => {
            format!("A {} needs a {} to belong to", field.label(), subnet_field.label())
        }
        SpecProblem::OutsideSubnet { field, value, subnet } => {
            format!("The {} {value} is outside the subnet {subnet}", field.label())
        }
        SpecProblem::ReservedGateway { value, subnet, reserved, .. } => match reserved {
            ReservedAddress::NetworkAddress => format!("{value} is the network address of {subnet}"),
            ReservedAddress::Broadcast => format!("{value} is the broadcast address of {subnet}"),
            ReservedAddress::Gateway => format!("{value} is already the gateway of {subnet}"),
        },
        SpecProblem::SubnetOverlap { subnet, network, existing, .. } => {
            format!("{subnet} overlaps network `{network}` ({existing})")
        }
        SpecProblem::Ipv6SubnetRequired => {
            "IPv6 is on but no IPv6 subnet is given, and engines before 27 have no default IPv6 pool to pick \
             one from"
                .into()
        }
        SpecProblem::Ipv6Off { field } => format!("A {} is given but IPv6 is off", field.label()),
        SpecProblem::ParentRequired { driver } => format!(
            "A {driver} network without a parent interface sits on a dummy interface, so it cannot leave the host"
        ),
        SpecProblem::ParentInvalid { value } => format!("`{value}` is not a valid interface name"),
        SpecProblem::ParentLoopback { driver } => format!("The loopback interface cannot be a {driver} parent"),
        SpecProblem::ParentPassthru { parent, network } => {
            format!("`{network}` already uses {parent}, and passthru mode needs the interface for one network alone")
        }
        SpecProblem::BadMode { driver, value, allowed } => {
            format!("`{value}` is not a {driver} mode (it takes {})", allowed.join(", "))
        }
        SpecProblem::NotForDriver { field, driver } => not_for_driver(*field, driver),
        SpecProblem::MtuNotNumber { value } => format!("MTU `{value}` is not a whole number"),
        SpecProblem::MtuOutOfRange { value } => format!("MTU {value} is outside {MTU_MIN} to {MTU_MAX}"),
        SpecProblem::BadKey { field, key: _, problem: KeyProblem::Empty } => {
            format!("A {} has an empty key", field.label())
        }
        SpecProblem::BadKey { field, key, problem: KeyProblem::HasEquals } => {
            format!("The {} key `{key}` contains `=`", field.label())
        }
        SpecProblem::BadKey { field, key, problem: KeyProblem::Whitespace } => {
            format!("The {} key `{}` contains whitespace", field.label(), shown(key))
        }
        SpecProblem::BadKey { field, key, problem: KeyProblem::ControlCharacter } => {
            format!("The {} key `{}` contains a control character", field.label(), shown(key))
        }
        SpecProblem::BadKey { field, key, problem: KeyProblem::TooLong { bytes } } => {
            format!("The {} key `{}` is {bytes} bytes long, over {MAX_KEY_BYTES}", field.label(), shown(key))
        }
        SpecProblem::BadValue { field, key, problem: ValueProblem::ControlCharacter } => {
            format!(
                "The value of {} `{}` contains a line break or another control character",
                field.label(),
                shown(key)
            )
        }
        SpecProblem::BadValue { field, key, problem: ValueProblem::TooLong { bytes } } => format!(
            "The value of {} `{}` is {bytes} bytes long, over {MAX_VALUE_BYTES} (4 KiB)",
            field.label(),
            shown(key)
        ),
        SpecProblem::OptionHasField { key, dedicated } => {
            format!("Option `{key}` is the {} field's job", dedicated.label())
        }
        SpecProblem::ContainerGone { container } => {
            format!("{container} no longer exists, so it cannot be reconnected")
        }
    }
}
/// What the user can do about it.
pub(super) fn hint(problem: &SpecProblem) -> String {
    match problem {
        SpecProblem::NameEmpty | SpecProblem::NameInvalid { .. } => {
            "Start with a letter or digit, then use letters, digits, `_`, `.` and `-`.".into()
        }
        SpecProblem::NameTaken { .. } => {
            "Choose another name: the engine may allow a second network of the same name, but every command \
             that names it would then be ambiguous."
                .into()
        }
        SpecProblem::DriverNotCreatable { driver } if driver == "host" => {
            "Run a container with --network host to use the host's stack; for a network of your own, use bridge.".into()
        }
        SpecProblem::DriverNotCreatable { .. } => {
            "Run a container with --network none to isolate it; for a network of your own, use bridge or an \
             internal bridge."
                .into()
        }
        SpecProblem::DriverUnavailable { .. } => {
            "Pick one of the listed drivers, or install the plugin first (docker plugin install).".into()
        }
        SpecProblem::OverlayNeedsSwarm => {
            "Run `docker swarm init` to make this engine a one-node swarm (or join it to a swarm as a manager), \
             or use bridge for a network on this host only."
                .into()
        }
        SpecProblem::BadCidr { field, .. } | SpecProblem::BadAddress { field, .. } => {
            format!("Write it like {}.", field.example())
        }
        SpecProblem::WrongFamily { want_v6: true, .. } => "Put IPv4 values in the IPv4 fields.".into(),
        SpecProblem::WrongFamily { want_v6: false, field, .. } => match field {
            Field::Subnet => "Put an IPv6 subnet in the IPv6 subnet field, with IPv6 on.".into(),
            _ => "Put IPv6 values in the IPv6 fields.".into(),
        },
        SpecProblem::HostBits { suggested, .. } => format!("Use {suggested}, the network the address belongs to."),
        SpecProblem::NeedsSubnet { subnet_field, .. } => {
            format!("Give a {} as well, or leave this empty for the engine to choose.", subnet_field.label())
        }
        SpecProblem::OutsideSubnet { .. } => "Choose a value inside the subnet, or widen the subnet.".into(),
        SpecProblem::ReservedGateway { .. } => "Choose a host address, usually the first one (.1).".into(),
        SpecProblem::SubnetOverlap { .. } => {
            "Choose a subnet that no other network uses: overlapping ones make routes ambiguous.".into()
        }
        SpecProblem::Ipv6SubnetRequired => "Give an IPv6 subnet such as fd00:1::/64, or turn IPv6 off.".into(),
        SpecProblem::Ipv6Off { .. } => "Turn IPv6 on, or clear the IPv6 fields.".into(),
        SpecProblem::ParentRequired { .. } => {
            "Enter the host interface to attach to (e.g. eth0, or eth0.10 for VLAN 10), or tick Internal for a \
             network that stays on this host."
                .into()
        }
        SpecProblem::ParentInvalid { .. } => {
            "Use the interface's name as `ip link` shows it: up to 15 characters, without spaces, `/` or `:`.".into()
        }
        SpecProblem::ParentLoopback { .. } => {
            "Use a physical interface or a VLAN sub-interface such as eth0.10.".into()
        }
        SpecProblem::ParentPassthru { .. } => {
            "Use another mode, another interface, or a VLAN sub-interface (e.g. eth0.10).".into()
        }
        SpecProblem::BadMode { .. } => "Pick one of the listed modes, or leave it empty for the default.".into(),
        SpecProblem::NotForDriver { .. } => "Clear it, or pick a driver that uses it.".into(),
        SpecProblem::MtuNotNumber { .. } | SpecProblem::MtuOutOfRange { .. } => {
            format!("Give a number from {MTU_MIN} to {MTU_MAX} (1500 on most Ethernet), or leave it empty.")
        }
        SpecProblem::BadKey { problem: KeyProblem::Empty | KeyProblem::HasEquals, .. } => {
            "Give every key a name without `=`; the value goes after it.".into()
        }
        SpecProblem::BadKey { problem: KeyProblem::Whitespace | KeyProblem::ControlCharacter, .. } => {
            "Write the key without spaces, tabs or line breaks, e.g. com.example.team.".into()
        }
        SpecProblem::BadKey { problem: KeyProblem::TooLong { .. }, .. } => {
            format!("Use a key of at most {MAX_KEY_BYTES} bytes, e.g. com.example.team.")
        }
        SpecProblem::BadValue { problem: ValueProblem::ControlCharacter, .. } => {
            "Write the value on one line, without tabs or other control characters.".into()
        }
        SpecProblem::BadValue { problem: ValueProblem::TooLong { .. }, .. } => format!(
            "Keep the value to at most {MAX_VALUE_BYTES} bytes: labels are for short facts, so store a longer \
             text elsewhere and put its name or address in the label."
        ),
        SpecProblem::OptionHasField { dedicated, .. } => {
            format!("Remove the option and set the {} in its own field instead.", dedicated.label())
        }
        SpecProblem::ContainerGone { .. } => {
            "Re-create the network by hand from its command, without that container.".into()
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
