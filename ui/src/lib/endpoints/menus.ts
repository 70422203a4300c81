// The context menu's items for a node or edge: on a container, "Connect to ▸" (every network, the
// refused ones disabled with their reason) and "Disconnect from …" per network; on an endpoint edge,
// "Disconnect … from …". Each operation shows its docker command as the subtitle. Pure: the caller
// supplies the drop targets and what each item does.
import type { DropTargetDto } from "../backend";
import type { TopologyIndex } from "../topologyIndex";

export interface MenuItem {
  id: string;
  label: string;
  /** A second line: the docker command, or why the item is disabled. */
  subtitle: string | null;
  disabled: boolean;
  /** A submenu instead of an action. */
  items: MenuItem[] | null;
  run: (() => void) | null;
}

export interface MenuActions {
  /** Opens the connect popover for this container and network node. */
  connect(containerNodeId: string, networkNodeId: string): void;
  disconnect(edgeId: string): void;
  select(id: string): void;
}

const item = (id: string, label: string, run: () => void, subtitle: string | null = null): MenuItem => ({ id, label, subtitle, disabled: false, items: null, run });

export function menuFor(id: string, index: TopologyIndex, targets: DropTargetDto[] | null, act: MenuActions): MenuItem[] {
  const node = index.node(id);
  if (node?.kind === "container" && node.container) {
    const name = node.container.name;
    const connect: MenuItem = {
      id: "connect",
      label: "Connect to",
      subtitle: targets ? null : "checking which networks can take it…",
      disabled: !targets || targets.length === 0,
      items: (targets ?? [])
        .slice()
        .sort((a, b) => Number(a.refusal !== null) - Number(b.refusal !== null) || a.networkName.localeCompare(b.networkName))
        .map((t) =>
          t.refusal
            ? { id: `connect:${t.nodeId}`, label: t.networkName, subtitle: t.refusal.message, disabled: true, items: null, run: null }
            : item(`connect:${t.nodeId}`, t.networkName, () => act.connect(id, t.nodeId), `docker network connect ${t.networkName} ${name}`),
        ),
      run: null,
    };
    const disconnects = index
      .endpointsOfContainer(id)
      .map((e) => {
        const net = e.endpoint?.networkName ?? index.node(e.source)?.label ?? e.source;
        return item(`disconnect:${e.id}`, `Disconnect from ${net}`, () => act.disconnect(e.id), `docker network disconnect ${net} ${name}`);
      });
    return [connect, ...disconnects, item("details", "Show details", () => act.select(id))];
  }
  const edge = index.edge(id);
  if (edge?.kind === "endpoint" && edge.endpoint) {
    const { containerName, networkName } = edge.endpoint;
    return [
      item(`disconnect:${id}`, `Disconnect ${containerName} from ${networkName}`, () => act.disconnect(id), `docker network disconnect ${networkName} ${containerName}`),
      item("details", "Show details", () => act.select(id)),
    ];
  }
  if (node || edge) return [item("details", "Show details", () => act.select(id))];
  return [];
}
