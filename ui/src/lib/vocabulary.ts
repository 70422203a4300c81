// The words the UI itself uses to teach Docker networking, and only those Rust does not send: the legend's
// one line per driver, the kinds of connection, the Host and External places, short names for reach kinds,
// and where Docker's own documentation explains more. What a driver is for, in a paragraph, is Rust's
// (networks/drivers.rs, sent by `createOptions`; see networks/drivers.ts), as are reach explanations (on
// each reach edge): never write those here. Pure data and lookups.

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
  /** One line for the legend (and the details panel until the backend's paragraph arrives). */
  short: string;
  docs: string | null;
}

/** The legend's one line per driver; each is titled by its key. */
const SHORT: Record<DriverKey, string> = {
  bridge: "A private switch on the host; containers get their own IPs and reach out through NAT.",
  host: "No isolation: containers use the host's own network stack and ports.",
  macvlan: "Containers appear on the physical LAN with their own MAC and IP address.",
  ipvlan: "Containers share the parent interface's MAC but get their own LAN IP address.",
  overlay: "Spans several Docker hosts (Swarm), tunnelling container traffic between them.",
  none: "No networking at all besides the container's own loopback.",
  other: "A plugin driver; it decides itself how containers connect.",
};

/** Docker documents each built-in driver on a page named after it, and plugin drivers on one page. */
const docsOf = (key: DriverKey): string =>
  key === "other" ? "https://docs.docker.com/engine/extend/plugins_network/" : `https://docs.docker.com/engine/network/drivers/${key}/`;

export const DRIVERS = Object.fromEntries(DRIVER_KEYS.map((key) => [key, { title: key, short: SHORT[key], docs: docsOf(key) }])) as Record<
  DriverKey,
  DriverInfo
>;

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
