//! What the create dialog sends, and the engine facts it is checked against.
//!
//! Owns `NetworkSpec` and how its form fields become the engine's driver options and IPAM configs, so the
//! CLI line and the API request are made from one source. It must not judge whether a spec is valid
//! (`validate` does).

use std::collections::BTreeMap;

#[cfg(feature = "contract")]
use crate::contract::KeyValue;
use crate::model::IpamConfig;

/// The driver a blank driver field means: the engine's own default.
pub const DEFAULT_DRIVER: &str = "bridge";

/// The driver option keys the dialog has a field of its own for.
pub const OPT_MTU: &str = "com.docker.network.driver.mtu";
pub const OPT_ICC: &str = "com.docker.network.bridge.enable_icc";
pub const OPT_PARENT: &str = "parent";
pub const OPT_MACVLAN_MODE: &str = "macvlan_mode";
pub const OPT_IPVLAN_MODE: &str = "ipvlan_mode";
/// The overlay driver tests only that the key is present; its value is ignored.
pub const OPT_ENCRYPTED: &str = "encrypted";

/// The create dialog's fields, as it sends them. Blank strings mean "not set", as in the form.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, serde::Deserialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub struct NetworkSpec {
    pub name: String,
    /// Blank means `bridge`.
    pub driver: String,
    pub subnet: String,
    pub ip_range: String,
    pub gateway: String,
    pub ipv6: bool,
    pub subnet_v6: String,
    pub gateway_v6: String,
    pub internal: bool,
    pub attachable: bool,
    /// Overlay only: IPsec between the swarm's nodes.
    pub encrypted: bool,
    /// Text as typed, so a non-number can be shown back next to the field.
    pub mtu: String,
    /// Inter-container communication on a bridge; on by default, as in the engine.
    pub icc: bool,
    /// Host interface for macvlan and ipvlan.
    pub parent: String,
    /// `macvlan_mode` or `ipvlan_mode`, depending on the driver.
    pub mode: String,
    #[cfg_attr(feature = "contract", serde(with = "crate::contract::pairs"), specta(type = Vec<KeyValue>))]
    pub labels: BTreeMap<String, String>,
    /// Driver options without a field of their own.
    #[cfg_attr(feature = "contract", serde(with = "crate::contract::pairs"), specta(type = Vec<KeyValue>))]
    pub options: BTreeMap<String, String>,
    /// Not in the dialog: carried from an existing network so that re-creating it (undo of a remove) is
    /// exact. `--aux-address name=ip`, each placed in the subnet of its family.
    #[cfg_attr(feature = "contract", serde(skip))]
    pub aux_addresses: BTreeMap<String, String>,
    /// Not in the dialog, carried like `aux_addresses`: `--ipam-opt key=value`.
    #[cfg_attr(feature = "contract", serde(skip))]
    pub ipam_options: BTreeMap<String, String>,
}

impl Default for NetworkSpec {
    /// An empty form: a bridge with the engine's defaults. Written by hand because `icc` defaults to on.
    fn default() -> Self {
        Self {
            name: String::new(),
            driver: String::new(),
            subnet: String::new(),
            ip_range: String::new(),
            gateway: String::new(),
            ipv6: false,
            subnet_v6: String::new(),
            gateway_v6: String::new(),
            internal: false,
            attachable: false,
            encrypted: false,
            mtu: String::new(),
            icc: true,
            parent: String::new(),
            mode: String::new(),
            labels: BTreeMap::new(),
            options: BTreeMap::new(),
            aux_addresses: BTreeMap::new(),
            ipam_options: BTreeMap::new(),
        }
    }
}

impl NetworkSpec {
    /// The spec with surrounding whitespace dropped from every text field and the driver defaulted.
    ///
    /// Trailing spaces are invisible in a form, so they must not make a subnet "invalid"; the name is
    /// trimmed too, so the network gets the name the person sees. Label and option values are kept as typed
    /// (a value may mean its spaces).
    pub fn normalized(&self) -> Self {
        let t = |s: &String| s.trim().to_string();
        let driver = match self.driver.trim() {
            "" => DEFAULT_DRIVER.to_string(),
            d => d.to_string(),
        };
        let keys = |m: &BTreeMap<String, String>| m.iter().map(|(k, v)| (k.trim().to_string(), v.clone())).collect();
        Self {
            name: t(&self.name),
            driver,
            subnet: t(&self.subnet),
            ip_range: t(&self.ip_range),
            gateway: t(&self.gateway),
            subnet_v6: t(&self.subnet_v6),
            gateway_v6: t(&self.gateway_v6),
            mtu: t(&self.mtu),
            parent: t(&self.parent),
            mode: t(&self.mode),
            labels: keys(&self.labels),
            options: keys(&self.options),
            ..self.clone()
        }
    }

    /// The driver, `bridge` when the field is blank.
    pub fn driver(&self) -> &str {
        match self.driver.trim() {
            "" => DEFAULT_DRIVER,
            d => d,
        }
    }

    /// The option key the mode field sets for this driver; `None` for drivers without modes.
    pub fn mode_key(&self) -> Option<&'static str> {
        mode_key(self.driver())
    }

    /// Every driver option the engine receives: the extra options, then the dedicated fields on top.
    pub fn driver_options(&self) -> BTreeMap<String, String> {
        let s = self.normalized();
        let mut out = s.options.clone();
        if !s.mtu.is_empty() {
            out.insert(OPT_MTU.into(), s.mtu.clone());
        }
        // The engine's default is on: only "off" is worth writing.
        if !s.icc {
            out.insert(OPT_ICC.into(), "false".into());
        }
        if !s.parent.is_empty() {
            out.insert(OPT_PARENT.into(), s.parent.clone());
        }
        if let (false, Some(key)) = (s.mode.is_empty(), s.mode_key()) {
            out.insert(key.into(), s.mode.clone());
        }
        if s.encrypted {
            out.insert(OPT_ENCRYPTED.into(), String::new());
        }
        out
    }

    /// The IPAM configs the engine receives: IPv4 first, then IPv6 when it is on.
    pub fn ipam(&self) -> Vec<IpamConfig> {
        let s = self.normalized();
        let some = |v: &str| Some(v.to_string()).filter(|v| !v.is_empty());
        let mut out = Vec::new();
        if !(s.subnet.is_empty() && s.ip_range.is_empty() && s.gateway.is_empty()) {
            out.push(IpamConfig { subnet: some(&s.subnet), ip_range: some(&s.ip_range), gateway: some(&s.gateway) });
        }
        if s.ipv6 && !(s.subnet_v6.is_empty() && s.gateway_v6.is_empty()) {
            out.push(IpamConfig { subnet: some(&s.subnet_v6), ip_range: None, gateway: some(&s.gateway_v6) });
        }
        out
    }
}

pub(crate) fn mode_key(driver: &str) -> Option<&'static str> {
    match driver {
        "macvlan" => Some(OPT_MACVLAN_MODE),
        "ipvlan" => Some(OPT_IPVLAN_MODE),
        _ => None,
    }
}

/// What the engine says about itself, supplied by the engine side (`docker info`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateContext {
    /// `Plugins.Network`: built-in drivers and installed plugins alike. Empty means "not known yet", and
    /// then availability is not checked (an engine always lists at least `bridge`).
    pub drivers: Vec<String>,
    /// Whether this engine is a swarm manager (`Swarm.ControlAvailable`): only managers create overlays.
    pub swarm_manager: bool,
}
