//! One model for every reason Netlens refuses something: a stable `Code`, the form `Field` it sits next to,
//! a fact (what is wrong) and a hint (what to do).
//!
//! Owns the codes and fields as closed enums, so the UI gets them as literal unions and a new refusal cannot
//! be invented as a loose string. Each planner keeps its own refusal enum (their data differ) and implements
//! `Problem`; this module must not hold any rule or wording of its own.

/// Every refusal's code. The UI switches on these, never on message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub enum Code {
    // Targets that changed or cannot take the change.
    ContainerGone,
    NetworkGone,
    AlreadyConnected,
    NotConnected,
    SharedStack,
    FixedNetwork,
    NotAttachable,
    ConfigOnly,
    Predefined,
    ConfigInUse,
    CannotDisconnect,
    NetworkInUse,
    NotRepresentable,
    JoinedAfterPreview,
    NotPreviewed,
    // Endpoint settings.
    BadAlias,
    AliasOnDefaultBridge,
    StaticOnDefaultBridge,
    StaticNeedsSubnet,
    ReservedAddress,
    AddressInUse,
    NoIpv6,
    // Network settings.
    NameEmpty,
    NameInvalid,
    NameTaken,
    DriverNotCreatable,
    DriverUnavailable,
    OverlayNeedsSwarm,
    BadCidr,
    BadAddress,
    WrongFamily,
    HostBits,
    NeedsSubnet,
    OutsideSubnet,
    ReservedGateway,
    SubnetOverlap,
    Ipv6SubnetRequired,
    Ipv6Off,
    ParentRequired,
    ParentInvalid,
    ParentLoopback,
    ParentPassthru,
    BadMode,
    NotForDriver,
    MtuNotNumber,
    MtuOutOfRange,
    BadKey,
    BadValue,
    OptionHasField,
    // Prune filters.
    BadUntil,
    BadLabelFilter,
    // Engines a person adds or switches to.
    BadEngineAddress,
    SocketMissing,
    SocketUnusable,
    TlsFileMissing,
    UnknownEngine,
    EngineInUse,
}

/// A field of a form (the connect popover, the create dialog, the prune dialog) a problem is shown next to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub enum Field {
    Name,
    Driver,
    Subnet,
    IpRange,
    Gateway,
    // The IPv6 switch of the create dialog, or the IPv6 address of the connect popover.
    Ipv6,
    SubnetV6,
    GatewayV6,
    Internal,
    Attachable,
    Encrypted,
    Mtu,
    Icc,
    Parent,
    Mode,
    Labels,
    Options,
    Aliases,
    Ipv4,
    LinkLocal,
    Until,
    // The add-engine form.
    Address,
    Ca,
    Cert,
    Key,
}

/// A reason to refuse, whichever planner found it.
pub trait Problem {
    fn code(&self) -> Code;
    /// The form field it belongs next to; `None` when it is about the target itself.
    fn field(&self) -> Option<Field> {
        None
    }
    /// What is wrong, as one clause without advice.
    fn fact(&self) -> String;
    /// What to do about it.
    fn hint(&self) -> String;
    /// Fact and hint together, as shown next to a field or on a refused drop. Facts that open with a name
    /// keep its case (`api`, not `Api`): names are case-sensitive.
    fn message(&self) -> String {
        format!("{}. {}", self.fact(), self.hint())
    }
}

/// The body of `Problem::code` for a refusal enum whose variants are mostly named for their codes: each such
/// variant is written once, the others after a `;` as `A | B => Code`. It expands to a plain `match`, so a new
/// variant without a code still does not compile.
#[macro_export]
macro_rules! codes_by_name {
    ($value:expr; $($same:ident),* $(; $($($variant:ident)|+ => $code:ident),+)? $(,)?) => {
        match $value {
            $(Self::$same { .. } => $crate::problem::Code::$same,)*
            $($($(Self::$variant { .. })|+ => $crate::problem::Code::$code,)+)?
        }
    };
}

/// `Display` (the message) and `Error` for refusal types, so what a log or `?` shows is what the person sees.
#[macro_export]
macro_rules! display_as_message {
    ($($problem:ty),+ $(,)?) => {$(
        impl ::std::fmt::Display for $problem {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&$crate::problem::Problem::message(self))
            }
        }

        impl ::std::error::Error for $problem {}
    )+};
}

/// The name a code or field has on the wire (`containerGone`, `ipRange`): the variant's name with a small
/// first letter, exactly as the contract's serde renames it (the app's tests pin the two together).
pub(crate) fn wire_name(debug: String) -> String {
    let mut chars = debug.chars();
    chars.next().map(|first| first.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}

impl Code {
    pub fn name(self) -> String {
        wire_name(format!("{self:?}"))
    }
}

impl Field {
    pub fn name(self) -> String {
        wire_name(format!("{self:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_start_small_and_keep_the_rest() {
        assert_eq!(Code::ContainerGone.name(), "containerGone");
        assert_eq!(Code::Ipv6SubnetRequired.name(), "ipv6SubnetRequired");
        assert_eq!(Field::IpRange.name(), "ipRange");
        assert_eq!(Field::SubnetV6.name(), "subnetV6");
    }
}
