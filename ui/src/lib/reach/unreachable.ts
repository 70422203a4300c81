// The "Cannot reach" list of a container's details, grouped by Rust's reason code, so a stopped container on
// a host with 2,000 containers shows its one reason once instead of 2,000 times, and a running one shows
// "No shared network (1,200)" apart from "Not running (700)". Pure: Rust's `reachFrom` answer in, groups out,
// in the order Rust listed the targets. It must not judge reachability or reword Rust's reasons; the group
// titles only name the codes.
import type { ReachItemDto, WhyNotCode } from "../backend";

export interface UnreachableGroup {
  code: WhyNotCode | null;
  /** What the group's code means, in a few words. */
  title: string;
  /**
   * Rust's reason when every target of the group has the very same one (the container itself is stopped,
   * has no network, ...): the page says it once and lists the targets by name. `null` when they differ
   * (each target's own networks are named), or when the group holds only one target.
   */
  shared: string | null;
  items: ReachItemDto[];
}

const TITLES: Record<WhyNotCode, string> = {
  notRunning: "Not running",
  stackOwnerNotRunning: "Its stack's owner is not running",
  stackOwnerGone: "Its stack's owner is gone",
  networkingDisabled: "Networking disabled",
  noNetworks: "On no network",
  noSharedNetwork: "No shared network",
  notRouted: "Not routed between networks",
  iccDisabled: "Inter-container traffic off",
  noWayToHost: "No way to the host",
  noWayOut: "No way out",
  notFromHost: "Not reached from the host",
};

export function unreachableGroups(answer: readonly ReachItemDto[]): UnreachableGroup[] {
  const groups = new Map<WhyNotCode | null, ReachItemDto[]>();
  for (const item of answer) {
    if (item.reachable) continue;
    const code = item.whyNot?.code ?? null;
    const items = groups.get(code);
    if (items) items.push(item);
    else groups.set(code, [item]);
  }
  return [...groups].map(([code, items]) => {
    const first = items[0]?.whyNot?.text ?? null;
    const same = items.length > 1 && first !== null && items.every((i) => i.whyNot?.text === first);
    const title = code ? TITLES[code] : "No reason given";
    return { code, title, shared: same ? first : null, items };
  });
}
