// The words Netlens uses to teach Docker networking: what each driver does, what each kind of
// connection means, and where Docker's own documentation explains more. Pure data and lookups.

export type DriverKey = "bridge" | "host" | "macvlan" | "ipvlan" | "overlay" | "none" | "other";

export const DRIVER_KEYS: readonly DriverKey[] = ["bridge", "host", "macvlan", "ipvlan", "overlay", "none", "other"];

/** Docker names the "none" driver `null`; plugin drivers (weave, calico, …) are "other". */
export function driverKey(driver: string): DriverKey {
  const d = driver.trim().toLowerCase();
  if (d === "null" || d === "none") return "none";
  if (d === "bridge" || d === "host" || d === "macvlan" || d === "ipvlan" || d === "overlay") return d;
  return "other";
}

export interface DriverInfo {
  title: string;
  /** One line for the legend. */
  short: string;
  /** One paragraph for the details panel. */
  long: string;
  docs: string | null;
}

const DOCS = "https://docs.docker.com/engine/network/drivers/";

export const DRIVERS: Record<DriverKey, DriverInfo> = {
  bridge: {
    title: "bridge",
    short: "A private switch on the host; containers get their own IPs and reach out through NAT.",
    long:
      "A bridge network is a virtual switch inside the host. Containers on it get addresses from its subnet " +
      "and talk to each other directly (by name on user-defined bridges). Traffic to the outside leaves " +
      "through the host with source NAT, and the outside reaches a container only through published ports.",
    docs: `${DOCS}bridge/`,
  },
  host: {
    title: "host",
    short: "No isolation: containers use the host's own network stack and ports.",
    long:
      "On the host network a container shares the host's interfaces, addresses and ports. There is no " +
      "separate IP, no NAT and no port publishing: a service listening on port 80 in the container listens " +
      "on port 80 of the host.",
    docs: `${DOCS}host/`,
  },
  macvlan: {
    title: "macvlan",
    short: "Containers appear on the physical LAN with their own MAC and IP address.",
    long:
      "A macvlan network gives every container its own MAC address on a parent interface of the host, so " +
      "it looks like a separate machine on the LAN and gets an address from the LAN's subnet. Traffic " +
      "bypasses the host's bridge and NAT; by default the host itself cannot talk to these containers " +
      "through the parent interface.",
    docs: `${DOCS}macvlan/`,
  },
  ipvlan: {
    title: "ipvlan",
    short: "Containers share the parent interface's MAC but get their own LAN IP address.",
    long:
      "An ipvlan network puts containers directly on a parent interface's network like macvlan, but they " +
      "all share the parent's MAC address. In L2 mode they sit in the LAN's subnet; in L3 mode the host " +
      "routes between subnets. It suits networks that limit the number of MAC addresses per port.",
    docs: `${DOCS}ipvlan/`,
  },
  overlay: {
    title: "overlay",
    short: "Spans several Docker hosts (Swarm), tunnelling container traffic between them.",
    long:
      "An overlay network stretches one subnet across several Docker hosts, tunnelling traffic between " +
      "them (VXLAN), so containers and Swarm services on different machines talk as if on one switch. " +
      "Outbound traffic leaves each host through NAT.",
    docs: `${DOCS}overlay/`,
  },
  none: {
    title: "none",
    short: "No networking at all besides the container's own loopback.",
    long:
      "A container on the none network has only a loopback interface: it cannot reach other containers, " +
      "the host or the outside world, and nothing can reach it over the network.",
    docs: `${DOCS}none/`,
  },
  other: {
    title: "other",
    short: "A plugin driver; it decides itself how containers connect.",
    long:
      "This network uses a driver that is not built into Docker (a network plugin). How its containers " +
      "reach each other, the host and the outside world depends on the plugin, so Netlens does not draw " +
      "paths it cannot know.",
    docs: "https://docs.docker.com/engine/extend/plugins_network/",
  },
};

export function driverInfo(driver: string): DriverInfo {
  return DRIVERS[driverKey(driver)];
}

/** The three kinds of connection the legend teaches. */
export const CONNECTIONS = [
  {
    key: "external",
    title: "External via NAT",
    text: "Bridge networks reach the internet through the host, which rewrites the source address (masquerade); macvlan/ipvlan sit on the LAN directly.",
  },
  {
    key: "host",
    title: "Host",
    text: "Containers reach the host at the bridge's gateway, named host.docker.internal when added; on the host network they simply are the host.",
  },
  {
    key: "container",
    title: "Container to container",
    text: "Containers on the same bridge talk directly by IP (and by name on user-defined bridges); a container on two networks joins both.",
  },
] as const;

/**
 * Short names for reach kinds. Keyed by plain string because the Rust side's set is still moving
 * (the draft has internal/isolated, the current code gateway): unknown kinds fall back to their name.
 */
const REACH_LABELS: Record<string, string> = {
  hostNetwork: "host network",
  gateway: "host.docker.internal",
  nat: "NAT",
  direct: "directly on the LAN",
  internal: "internal only",
  isolated: "isolated",
};

export function reachLabel(kind: string): string {
  return REACH_LABELS[kind] ?? kind;
}

export const PLACES = {
  host: {
    title: "Host",
    text:
      "The machine that runs the Docker engine. Containers reach it through a bridge's gateway address " +
      "(host.docker.internal when the container adds that name), or are part of it on the host network.",
  },
  external: {
    title: "External",
    text:
      "Everything beyond the host: the LAN and the internet. Bridge and overlay networks get there through " +
      "the host with NAT; macvlan and ipvlan networks sit on the LAN directly; internal networks never do.",
  },
} as const;
