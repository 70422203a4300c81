//! What each network driver is for, written for people learning Docker networking, and which drivers the
//! create dialog may offer on this engine.

use super::spec::CreateContext;

/// One paragraph about a driver: what it is for, what it connects to, when to use it. Unknown names get
/// the paragraph about plugins.
pub fn explain_driver(driver: &str) -> &'static str {
    match driver {
        "bridge" => {
            "A bridge network is a private switch inside this host. Containers on it get their own addresses, \
             reach each other directly (by name, on networks you create), and reach the outside world through \
             the host, which translates their addresses (NAT); the outside reaches them only through published \
             ports. It is the default and the right choice for containers that work together on one machine. \
             Tick Internal to cut it off from the outside world entirely."
        }
        "host" => {
            "The host driver gives a container no network of its own: it shares the host's network stack, its \
             interfaces, addresses and ports. That makes it fast and needs no port publishing, but the container \
             can clash with the host's own ports and is not isolated from it. There is exactly one host network, \
             chosen when a container is created (--network host); no further ones can be made."
        }
        "macvlan" => {
            "A macvlan network puts containers directly on a physical network, each with its own MAC address, \
             as if each were a separate machine plugged into the host's interface (the parent). Other machines on \
             that LAN see and reach them without port publishing. Use it for software that must appear on the \
             LAN itself, such as a printer server or a legacy app; note that, by the kernel's design, the host \
             itself cannot talk to its own macvlan containers through the parent, and Wi-Fi interfaces usually \
             refuse it."
        }
        "ipvlan" => {
            "An ipvlan network also puts containers on a physical network through a parent interface, but they \
             share the parent's MAC address. In l2 mode containers sit on the parent's LAN like macvlan ones; in \
             l3 mode the host routes for them, so the LAN needs routes to their subnet. Use it where a switch or \
             provider limits MAC addresses per port, or where you want routing rather than bridging."
        }
        "overlay" => {
            "An overlay network spans several Docker hosts joined in a swarm, tunnelling traffic between them \
             (VXLAN) so containers on different machines talk as if on one switch; it can be encrypted. It \
             needs swarm mode, and is created on a manager. Use it for swarm services, or with Attachable for \
             plain containers spread over several hosts (only an attachable overlay takes `docker network \
             connect`). `docker swarm init` makes one overlay itself, `ingress`: the routing mesh, which carries \
             a service's published ports from every node of the swarm to a task on any node; only services join \
             it. A manager lists every service of the swarm, but each node lists only its own containers, so \
             Netlens shows this node's tasks."
        }
        "null" | "none" => {
            "The none network (driver null) gives a container no networking at all apart from its own loopback \
             interface. Use it for jobs that must not talk to anything, such as processing untrusted files. There \
             is exactly one, chosen when a container is created (--network none)."
        }
        _ => {
            "This driver comes from a plugin installed on the engine, not from Docker itself. What it connects \
             to, and which options it takes, depends on the plugin: typically it joins containers to a cloud \
             provider's network, a software-defined network or a special fabric. See the plugin's documentation \
             for its options (pass them as driver options)."
        }
    }
}

/// A driver as the create dialog lists it, sent to the UI as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "contract", derive(serde::Serialize, specta::Type))]
#[cfg_attr(feature = "contract", serde(rename_all = "camelCase"))]
pub struct DriverChoice {
    pub name: String,
    /// Whether a network can be created with it on this engine now.
    pub creatable: bool,
    /// Why it cannot be chosen here (e.g. overlay outside swarm mode).
    pub reason: Option<String>,
    /// One paragraph on what the driver is for.
    pub explanation: &'static str,
}

/// The engine's drivers, built-in ones first in the order people need them, then plugins by name; `host`
/// and `null` are listed (so people learn why) but not creatable.
pub fn driver_choices(ctx: &CreateContext) -> Vec<DriverChoice> {
    const BUILT_IN: [&str; 6] = ["bridge", "overlay", "macvlan", "ipvlan", "host", "null"];
    let mut names: Vec<&str> = BUILT_IN.iter().copied().filter(|b| ctx.drivers.iter().any(|d| d == b)).collect();
    let mut plugins: Vec<&str> = ctx.drivers.iter().map(String::as_str).filter(|d| !BUILT_IN.contains(d)).collect();
    plugins.sort_unstable();
    plugins.dedup();
    names.extend(plugins);
    names
        .into_iter()
        .map(|name| {
            let reason = match name {
                "host" | "null" => Some("exists only as the predefined network of that name".to_string()),
                "overlay" if !ctx.swarm_manager => Some("needs swarm mode: run `docker swarm init` first".into()),
                _ => None,
            };
            DriverChoice { name: name.into(), creatable: reason.is_none(), reason, explanation: explain_driver(name) }
        })
        .collect()
}
