//! How each field of the create dialog reads in a sentence and what a valid value looks like, for the
//! wording of `problem`. The fields themselves are `crate::problem::Field`; this must hold no rule.

use crate::problem::Field;

impl Field {
    /// The field as a person reads it in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Driver => "driver",
            Self::Subnet => "IPv4 subnet",
            Self::IpRange => "IP range",
            Self::Gateway => "IPv4 gateway",
            Self::Ipv6 => "IPv6 setting",
            Self::SubnetV6 => "IPv6 subnet",
            Self::GatewayV6 => "IPv6 gateway",
            Self::Internal => "internal setting",
            Self::Attachable => "attachable setting",
            Self::Encrypted => "encryption",
            Self::Mtu => "MTU",
            Self::Icc => "inter-container communication setting",
            Self::Parent => "parent interface",
            Self::Mode => "mode",
            Self::Labels => "label",
            Self::Options => "driver option",
            Self::Aliases => "alias",
            Self::Ipv4 => "IPv4 address",
            Self::LinkLocal => "link-local address",
            Self::Until => "age filter",
            Self::Address => "engine address",
            Self::Ca => "CA certificate",
            Self::Cert => "client certificate",
            Self::Key => "client key",
        }
    }

    pub(crate) fn example(self) -> &'static str {
        match self {
            Self::SubnetV6 => "fd00:1::/64",
            Self::GatewayV6 => "fd00:1::1",
            Self::IpRange => "10.1.2.128/25",
            Self::Gateway => "10.1.2.1",
            _ => "10.1.2.0/24",
        }
    }
}
