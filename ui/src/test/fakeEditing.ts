// TODO(golden): re-implements Rust's connect validation, refusal texts and CLI rendering; to be replaced by
// replayed golden answers (golden/CASES.md), then deleted.
// A small believable model of the Rust side's endpoint editing, for tests and the demo: drop targets,
// connect plans with their problems, connect/disconnect on a TopologyDto, and a history with undo and
// redo. It mimics the contract, not the engine: IPv4 /24-style subnets only, no IPv6 allocation.
// Never imported by the shipped app.
import type {
  AppError,
  ConnectPlanDto,
  DisconnectPlanDto,
  DropTargetDto,
  EdgeDto,
  EndpointConfigDto,
  HistoryDto,
  HistoryEntryDto,
  NodeDto,
  OutcomeDto,
  ProblemCode,
  ProblemDto,
  ProblemField,
  Result,
  TopologyDto,
} from "../lib/backend";

interface Step {
  /** What the forward operation does, e.g. "Connect api to backend". */
  describe: string;
  /** What undoing it does. */
  inverse: string;
  command: string;
  when: string;
  state: HistoryEntryDto["state"];
  kind: "connect" | "disconnect";
  containerId: string;
  networkId: string;
  /** The endpoint as it was made (connect) or let go (disconnect), so both directions restore it. */
  ipv4: string | null;
  aliases: string[];
}

const ok = <T>(data: T): Result<T, AppError> => ({ status: "ok", data });
const err = <T>(error: AppError): Result<T, AppError> => ({ status: "error", error });

function problem(code: ProblemCode, field: ProblemField | null, message: string, hint: string): ProblemDto {
  return { code, field, message, hint };
}

/** "10.214.10.0/24" → ["10.214.10.", 24]; only the /24-ish shapes the fixtures use. */
function prefixOf(subnet: string | null | undefined): string | null {
  const m = /^(\d+\.\d+\.\d+\.)\d+\/\d+$/.exec(subnet ?? "");
  return m?.[1] ?? null;
}

function isIpv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

const bare = (ip: string | null | undefined) => (ip ? ip.split("/")[0] ?? null : null);

export class FakeEditing {
  private steps: Step[] = [];
  /** Fixed clock so tests see stable times. */
  now: () => Date = () => new Date("2026-11-26T09:30:00Z");

  constructor(private readonly topology: () => TopologyDto | null, private readonly publish: (t: TopologyDto) => void) {}

  private current(): TopologyDto {
    const t = this.topology();
    if (!t) throw new Error("fake editing before the first topology");
    return t;
  }

  private container(id: string): NodeDto | undefined {
    return this.current().nodes.find((n) => n.container?.id === id);
  }

  private network(id: string): NodeDto | undefined {
    return this.current().nodes.find((n) => n.network?.id === id);
  }

  private endpoint(containerId: string, networkId: string): EdgeDto | undefined {
    return this.current().edges.find((e) => e.id === `endpoint:${networkId}:${containerId}`);
  }

  private usedAddresses(networkId: string): Set<string> {
    const used = new Set<string>();
    for (const e of this.current().edges) {
      if (e.endpoint?.networkId === networkId) {
        const ip = bare(e.endpoint.ipv4);
        if (ip) used.add(ip);
      }
    }
    return used;
  }

  private suggestIpv4(networkId: string): string | null {
    const net = this.network(networkId)?.network;
    const prefix = prefixOf(net?.ipam[0]?.subnet);
    if (!prefix) return null;
    const used = this.usedAddresses(networkId);
    for (let i = 2; i < 255; i++) if (!used.has(prefix + i)) return prefix + i;
    return null;
  }

  /** Why the container can never join this network, whatever the form says. */
  private refusal(containerId: string, networkId: string): ProblemDto | null {
    const c = this.container(containerId);
    const n = this.network(networkId);
    if (!c?.container || !n?.network) return problem("containerGone", null, "That container or network is gone.", "Wait for the graph to update.");
    const [cname, nname] = [c.container.name, n.network.name];
    if (this.endpoint(containerId, networkId)) {
      return problem("alreadyConnected", null, `${cname} is already connected to ${nname}. Disconnect it first to change its address or aliases.`, "Pull its line away to disconnect it.");
    }
    if (n.network.driver === "host" || n.network.driver === "null") {
      return problem("fixedNetwork", null, `${nname} is predefined: a container joins it only when it is created (--network ${nname}).`, "Re-create the container with that network.");
    }
    const mode = c.container.networkMode;
    if (mode === "host" || mode === "none" || mode.startsWith("container:")) {
      return problem("sharedStack", null, `${cname} uses --network ${mode}: it cannot join other networks.`, "Re-create the container on a bridge network.");
    }
    return null;
  }

  private commandFor(containerId: string, networkId: string, config: EndpointConfigDto): string {
    const parts = ["docker network connect"];
    for (const a of config.aliases) parts.push(`--alias ${a}`);
    if (config.ipv4) parts.push(`--ip ${config.ipv4}`);
    if (config.ipv6) parts.push(`--ip6 ${config.ipv6}`);
    parts.push(this.network(networkId)?.network?.name ?? networkId, this.container(containerId)?.container?.name ?? containerId);
    return parts.join(" ");
  }

  async dropTargets(containerId: string): Promise<Result<DropTargetDto[], AppError>> {
    return ok(
      this.current()
        .nodes.filter((n) => n.network)
        .map((n) => ({ networkId: n.network!.id, nodeId: n.id, networkName: n.label, refusal: this.refusal(containerId, n.network!.id) })),
    );
  }

  async planConnect(containerId: string, networkId: string, config: EndpointConfigDto): Promise<Result<ConnectPlanDto, AppError>> {
    const c = this.container(containerId)?.container;
    const n = this.network(networkId)?.network;
    if (!c || !n) return err({ code: "refused", message: "That container or network is gone.", hint: null, problems: [] });
    const problems: ProblemDto[] = [];
    const refusal = this.refusal(containerId, networkId);
    if (refusal) problems.push(refusal);
    const userDefined = !n.predefined;
    if (!userDefined && config.aliases.length) {
      problems.push(problem("aliasOnDefaultBridge", "aliases", `${n.name} takes no aliases.`, "Only networks you create resolve names; connect to one of those."));
    }
    for (const a of config.aliases) {
      if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(a)) problems.push(problem("badAlias", "aliases", `“${a}” is not a valid alias.`, "Use letters, digits, dots, dashes and underscores."));
    }
    if (config.ipv4) {
      const prefix = prefixOf(n.ipam[0]?.subnet);
      if (!userDefined) problems.push(problem("staticOnDefaultBridge", "ipv4", `${n.name} does not take a chosen address.`, "Leave it empty: the engine assigns one."));
      else if (!isIpv4(config.ipv4)) problems.push(problem("badAddress", "ipv4", `“${config.ipv4}” is not an IPv4 address.`, "Write four numbers 0–255 separated by dots."));
      else if (!prefix || !config.ipv4.startsWith(prefix)) problems.push(problem("outsideSubnet", "ipv4", `${config.ipv4} is outside ${n.name}'s subnet ${n.ipam[0]?.subnet ?? "(none)"}.`, "Pick an address inside the subnet."));
      else if (this.usedAddresses(networkId).has(config.ipv4) || config.ipv4 === n.ipam[0]?.gateway) problems.push(problem("addressInUse", "ipv4", `${config.ipv4} is already in use on ${n.name}.`, "Leave it empty or pick the suggested address."));
    }
    if (config.ipv6 && !n.enableIpv6) problems.push(problem("noIpv6", "ipv6", `${n.name} has no IPv6.`, "Leave it empty."));
    const running = c.state === "running";
    return ok({
      containerId,
      containerName: c.name,
      networkId,
      networkName: n.name,
      problems,
      command: this.commandFor(containerId, networkId, config),
      suggestedIpv4: userDefined ? this.suggestIpv4(networkId) : null,
      suggestedIpv6: null,
      subnets: n.ipam.flatMap((i) => (i.subnet ? [i.subnet] : [])),
      userDefined,
      ipv6Enabled: n.enableIpv6,
      containerRunning: running,
      notice: running ? null : `${c.name} is not running: it gets its address on ${n.name} when it starts.`,
    });
  }

  async planDisconnect(containerId: string, networkId: string): Promise<Result<DisconnectPlanDto, AppError>> {
    const c = this.container(containerId)?.container;
    const n = this.network(networkId)?.network;
    const edge = this.endpoint(containerId, networkId);
    if (!c || !n) return err({ code: "refused", message: "That container or network is gone.", hint: null, problems: [] });
    const running = c.state === "running";
    return ok({
      containerId,
      containerName: c.name,
      networkId,
      networkName: n.name,
      problem: edge ? null : problem("notConnected", null, `${c.name} is not connected to ${n.name}.`, "Nothing to disconnect."),
      command: `docker network disconnect ${n.name} ${c.name}`,
      containerRunning: running,
      ipv4: edge?.endpoint?.ipv4 ?? null,
      warning: running ? `${c.name} is running: open connections over ${n.name} break at once.` : null,
    });
  }

  async connect(containerId: string, networkId: string, config: EndpointConfigDto): Promise<Result<OutcomeDto, AppError>> {
    const plan = await this.planConnect(containerId, networkId, config);
    if (plan.status === "error") return plan;
    if (plan.data.problems.length) {
      return err({ code: "refused", message: plan.data.problems[0]!.message, hint: plan.data.problems[0]!.hint, problems: plan.data.problems });
    }
    const ip = plan.data.containerRunning ? (config.ipv4 || plan.data.suggestedIpv4) : null;
    this.attach(containerId, networkId, ip, config.aliases);
    const [cn, nn] = [plan.data.containerName, plan.data.networkName];
    return ok(this.record({ kind: "connect", describe: `Connect ${cn} to ${nn}`, inverse: `Disconnect ${cn} from ${nn}`, command: plan.data.command, containerId, networkId, ipv4: config.ipv4 || null, aliases: config.aliases }, `Connected ${cn} to ${nn}`));
  }

  async disconnect(containerId: string, networkId: string): Promise<Result<OutcomeDto, AppError>> {
    const plan = await this.planDisconnect(containerId, networkId);
    if (plan.status === "error") return plan;
    if (plan.data.problem) return err({ code: "refused", message: plan.data.problem.message, hint: plan.data.problem.hint, problems: [plan.data.problem] });
    const ep = this.endpoint(containerId, networkId)?.endpoint;
    this.detach(containerId, networkId);
    const [cn, nn] = [plan.data.containerName, plan.data.networkName];
    return ok(this.record({ kind: "disconnect", describe: `Disconnect ${cn} from ${nn}`, inverse: `Connect ${cn} to ${nn}`, command: plan.data.command, containerId, networkId, ipv4: bare(ep?.ipv4), aliases: ep?.aliases ?? [] }, `Disconnected ${cn} from ${nn}`));
  }

  async undo(): Promise<Result<OutcomeDto, AppError>> {
    const step = [...this.steps].reverse().find((s) => s.state === "done");
    if (!step) return err({ code: "nothingToUndo", message: "Nothing to undo.", hint: null });
    const blocked = this.apply(step, step.kind === "connect" ? "disconnect" : "connect");
    if (blocked) return err(blocked);
    step.state = "undone";
    return ok(this.outcome(`Undid: ${step.describe}`, this.inverseCommand(step)));
  }

  async redo(): Promise<Result<OutcomeDto, AppError>> {
    const step = this.steps.find((s) => s.state === "undone");
    if (!step) return err({ code: "nothingToRedo", message: "Nothing to redo.", hint: null });
    const blocked = this.apply(step, step.kind);
    if (blocked) return err(blocked);
    step.state = "done";
    return ok(this.outcome(`Redid: ${step.describe}`, step.command));
  }

  async getHistory(): Promise<Result<HistoryDto, AppError>> {
    return ok(this.history());
  }

  private inverseCommand(step: Step): string {
    const n = this.network(step.networkId)?.network?.name ?? step.networkId;
    const c = this.container(step.containerId)?.container?.name ?? step.containerId;
    if (step.kind === "connect") return `docker network disconnect ${n} ${c}`;
    return this.commandFor(step.containerId, step.networkId, { aliases: step.aliases, ipv4: step.ipv4, ipv6: null });
  }

  /** Makes `step`'s endpoint exist (connect) or not (disconnect), refusing when its address was taken meanwhile. */
  private apply(step: Step, direction: "connect" | "disconnect"): AppError | null {
    if (direction === "disconnect") {
      this.detach(step.containerId, step.networkId);
      return null;
    }
    if (step.ipv4 && this.usedAddresses(step.networkId).has(step.ipv4)) {
      const p = problem("addressInUse", "ipv4", `${step.ipv4} is now used by another container.`, "Disconnect that container first, or connect again without a fixed address.");
      return { code: "cannotRestore", message: `Cannot restore the endpoint exactly: ${p.message}`, hint: p.hint, problems: [p] };
    }
    const running = this.container(step.containerId)?.container?.state === "running";
    this.attach(step.containerId, step.networkId, running ? (step.ipv4 ?? this.suggestIpv4(step.networkId)) : null, step.aliases);
    return null;
  }

  private record(step: Omit<Step, "when" | "state">, done: string): OutcomeDto {
    // A new operation forgets what was undone, as editors do.
    this.steps = this.steps.filter((s) => s.state === "done");
    this.steps.push({ ...step, when: this.now().toISOString(), state: "done" });
    return this.outcome(done, step.command);
  }

  private outcome(done: string, command: string): OutcomeDto {
    return { done, command, history: this.history(), notice: null };
  }

  private history(): HistoryDto {
    const lastDone = [...this.steps].reverse().find((s) => s.state === "done");
    const firstUndone = this.steps.find((s) => s.state === "undone");
    return {
      entries: this.steps.map((s) => ({ describe: s.describe, command: s.command, when: s.when, state: s.state })),
      undo: lastDone?.inverse ?? null,
      redo: firstUndone?.describe ?? null,
    };
  }

  private attach(containerId: string, networkId: string, ip: string | null, aliases: string[]): void {
    const t = this.current();
    const c = this.container(containerId)!;
    const n = this.network(networkId)!;
    const net = n.network!;
    const edge: EdgeDto = {
      id: `endpoint:${networkId}:${containerId}`,
      kind: "endpoint",
      source: n.id,
      target: c.id,
      label: ip ?? "",
      endpoint: {
        networkId,
        networkName: net.name,
        containerId,
        containerName: c.label,
        endpointId: ip ? `ep-${networkId}-${containerId}` : null,
        ipv4: ip ? `${ip}/24` : null,
        ipv6: null,
        mac: ip ? "02:42:0a:d6:0a:7f" : null,
        gateway: ip ? (net.ipam[0]?.gateway ?? null) : null,
        staticIpv4: null,
        staticIpv6: null,
        aliases,
      },
      reach: null,
    };
    this.publish({ ...t, revision: t.revision + 1, edges: [...t.edges, edge].sort((a, b) => a.id.localeCompare(b.id)) });
  }

  private detach(containerId: string, networkId: string): void {
    const t = this.current();
    const id = `endpoint:${networkId}:${containerId}`;
    this.publish({ ...t, revision: t.revision + 1, edges: t.edges.filter((e) => e.id !== id) });
  }
}
