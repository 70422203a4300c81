// TODO(golden): re-implements Rust's network-spec validation, create/remove/prune wording and command
// rendering; to be replaced by replayed golden answers (golden/CASES.md), then deleted.
// A believable in-memory NetworksBackend for tests and the browser demo: a list of networks, create
// plans that check the rules people trip over most (name syntax and duplicates, CIDR shapes, gateways
// outside the subnet, overlapping subnets, a parentless macvlan, overlay outside a swarm), the docker
// commands rendered as the Rust side renders them, remove with disconnect-all, and prune of exactly the
// previewed networks. It mimics the contract, not the engine (IPv4 arithmetic only, IPv6 checked for
// shape). Never imported by the shipped app.
import type { ProblemCode, ProblemField, TopologyDto } from "../lib/backend";
import type {
  AppError,
  AttachedDto,
  CreateOptionsDto,
  CreatePlanDto,
  DriverChoiceDto,
  HistoryDto,
  HistoryEntryDto,
  KeyValueDto,
  NetworksBackend,
  NetworkSpecDto,
  OutcomeDto,
  PreviewItemDto,
  ProblemDto,
  PruneFiltersDto,
  PrunePreviewDto,
  RemoveItemDto,
  RemovePlanDto,
  ReportDto,
  ReportItemDto,
  Result,
} from "../lib/networks/types";

export interface FakeNetwork {
  id: string;
  name: string;
  driver: string;
  /** RFC 3339; `null` when unknown. */
  created: string | null;
  predefined: boolean;
  internal: boolean;
  attachable: boolean;
  ipv6: boolean;
  /** IPv4 subnets in CIDR form. */
  subnets: string[];
  labels: KeyValueDto[];
  options: KeyValueDto[];
  attached: AttachedDto[];
}

export interface FakeCall {
  method: keyof NetworksBackend;
  args: unknown[];
}

const ok = <T>(data: T): Result<T, AppError> => ({ status: "ok", data });
const fail = <T>(error: AppError): Result<T, AppError> => ({ status: "error", error });
const problem = (code: ProblemCode, field: ProblemField | null, message: string, hint: string): ProblemDto => ({
  code,
  field,
  message,
  hint,
});

const BUILT_IN = ["bridge", "overlay", "macvlan", "ipvlan", "host", "null"];
const EXPLAIN: Record<string, string> = {
  bridge:
    "A bridge network is a private switch inside this host. Containers on it get their own addresses, reach each other directly (by name, on networks you create), and reach the outside world through the host, which translates their addresses (NAT). It is the default and the right choice for containers that work together on one machine.",
  overlay:
    "An overlay network spans several Docker hosts joined in a swarm, tunnelling traffic between them (VXLAN) so containers on different machines talk as if on one switch; it can be encrypted. It needs swarm mode, and is created on a manager.",
  macvlan:
    "A macvlan network puts containers directly on a physical network, each with its own MAC address, as if each were a separate machine plugged into the host's interface (the parent).",
  ipvlan:
    "An ipvlan network also puts containers on a physical network through a parent interface, but they share the parent's MAC address. In l2 mode they sit on the parent's LAN; in l3 mode the host routes for them.",
  host: "The host driver gives a container no network of its own: it shares the host's network stack. There is exactly one host network.",
  null: "The none network (driver null) gives a container no networking at all apart from its own loopback interface. There is exactly one.",
};
const PLUGIN_EXPLAIN =
  "This driver comes from a plugin installed on the engine, not from Docker itself. What it connects to, and which options it takes, depends on the plugin.";

const MODES: Record<string, string[]> = {
  macvlan: ["bridge", "vepa", "private", "passthru"],
  ipvlan: ["l2", "l3", "l3s"],
};

const OPT_MTU = "com.docker.network.driver.mtu";
const OPT_ICC = "com.docker.network.bridge.enable_icc";

/** POSIX shell quoting, as the Rust side's `ops::command::quote`. */
export function quote(word: string): string {
  if (word !== "" && /^[A-Za-z0-9@%+=:,./_-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, "'\\''")}'`;
}

interface Cidr {
  base: number;
  prefix: number;
}

function parseIpv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function parseCidr(text: string): Cidr | null {
  const [ip, prefix, extra] = text.split("/");
  if (ip === undefined || prefix === undefined || extra !== undefined || !/^\d{1,2}$/.test(prefix)) return null;
  const base = parseIpv4(ip);
  const p = Number(prefix);
  return base === null || p > 32 ? null : { base, prefix: p };
}

const size = (c: Cidr) => 2 ** (32 - c.prefix);
const network = (c: Cidr) => c.base - (c.base % size(c));
const contains = (c: Cidr, addr: number) => addr >= network(c) && addr < network(c) + size(c);
const overlaps = (a: Cidr, b: Cidr) => contains(a, network(b)) || contains(b, network(a));
const ipText = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
const cidrText = (c: Cidr) => `${ipText(network(c))}/${c.prefix}`;

function names(list: string[]): string {
  if (list.length <= 1) return list[0] ?? "a container";
  if (list.length === 2) return `${list[0]} and ${list[1]}`;
  return `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

/** "3 days ago", as the Rust side's `age_text`. */
export function ageText(then: Date, now: Date): string {
  const secs = Math.floor((now.getTime() - then.getTime()) / 1000);
  if (secs < 60) return "just now";
  const [n, unit] =
    secs < 3600
      ? [Math.floor(secs / 60), "minute"]
      : secs < 86_400
        ? [Math.floor(secs / 3600), "hour"]
        : secs < 60 * 86_400
          ? [Math.floor(secs / 86_400), "day"]
          : secs < 730 * 86_400
            ? [Math.floor(secs / (30 * 86_400)), "month"]
            : [Math.floor(secs / (365 * 86_400)), "year"];
  return `${n} ${unit}${n === 1 ? "" : "s"} ago`;
}

/** Go durations of whole h/m/s units (`24h`, `1h30m`), in seconds; `null` for anything else. */
export function parseGoDuration(text: string): number | null {
  const m = text.match(/^(\d+[hms])+$/);
  if (!m) return null;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)([hms])/g)) {
    total += Number(n) * (unit === "h" ? 3600 : unit === "m" ? 60 : 1);
  }
  return total;
}

interface LabelFilter {
  key: string;
  value: string | null;
  negate: boolean;
  arg: string;
}

function parseLabelFilter(raw: string): LabelFilter | null {
  const written = raw.startsWith("label=") || raw.startsWith("label!=") ? raw : `label=${raw}`;
  const negate = written.startsWith("label!=");
  const rest = written.slice(negate ? 7 : 6);
  const eq = rest.indexOf("=");
  const key = eq < 0 ? rest : rest.slice(0, eq);
  const value = eq < 0 ? null : rest.slice(eq + 1);
  return key === "" ? null : { key, value, negate, arg: written };
}

function labelMatches(f: LabelFilter, labels: KeyValueDto[]): boolean {
  const have = labels.find((l) => l.key === f.key);
  return have !== undefined && (f.value === null || have.value === f.value);
}

export class FakeLifecycle implements NetworksBackend {
  networks: FakeNetwork[];
  swarmManager: boolean;
  drivers: string[];
  /** Every call, in order, with its arguments: tests assert on what the dialogs asked for. */
  readonly calls: FakeCall[] = [];
  /** Fixed clock so tests see stable ages. */
  now: () => Date = () => new Date("2026-11-26T09:30:00Z");
  /** Pretend latency in milliseconds, for the demo's spinners. */
  latency = 0;
  private history: HistoryEntryDto[] = [];
  private previewed: PreviewItemDto[] = [];
  private nextId = 1;

  constructor(networks: FakeNetwork[] = demoNetworks(), opts: { swarmManager?: boolean; drivers?: string[] } = {}) {
    this.networks = networks.map((n) => ({ ...n, attached: [...n.attached] }));
    this.swarmManager = opts.swarmManager ?? false;
    this.drivers = opts.drivers ?? [...BUILT_IN];
  }

  /** A container joins a network (e.g. between a prune preview and its confirm). */
  attach(networkId: string, container: AttachedDto): void {
    this.find(networkId)?.attached.push(container);
  }

  /** Someone else adds a network (e.g. between a create plan and the create). */
  addNetwork(partial: Partial<FakeNetwork> & { name: string }): FakeNetwork {
    const n: FakeNetwork = {
      id: `n-fake-${this.nextId++}`,
      driver: "bridge",
      created: this.now().toISOString(),
      predefined: false,
      internal: false,
      attachable: false,
      ipv6: false,
      subnets: [],
      labels: [],
      options: [],
      attached: [],
      ...partial,
    };
    this.networks.push(n);
    return n;
  }

  private find(id: string): FakeNetwork | undefined {
    return this.networks.find((n) => n.id === id);
  }

  private async settle<T>(method: keyof NetworksBackend, args: unknown[], run: () => T): Promise<T> {
    this.calls.push({ method, args: structuredClone(args) });
    if (this.latency > 0) await new Promise((r) => setTimeout(r, this.latency));
    return run();
  }

  private historyDto(): HistoryDto {
    const done = this.history.filter((e) => e.state === "done");
    const last = done[done.length - 1];
    return { entries: [...this.history], undo: last ? `Undo: ${last.describe}` : null, redo: null };
  }

  private record(describe: string, command: string): void {
    this.history.push({ describe, command, when: this.now().toISOString(), state: "done" });
  }

  createOptions(): Promise<Result<CreateOptionsDto, AppError>> {
    return this.settle("createOptions", [], () => {
      const plugins = this.drivers.filter((d) => !BUILT_IN.includes(d)).sort();
      const drivers: DriverChoiceDto[] = [...BUILT_IN.filter((d) => this.drivers.includes(d)), ...plugins].map((name) => {
        const reason =
          name === "host" || name === "null"
            ? "exists only as the predefined network of that name"
            : name === "overlay" && !this.swarmManager
              ? "needs swarm mode: run `docker swarm init` first"
              : null;
        return { name, creatable: reason === null, reason, explanation: EXPLAIN[name] ?? PLUGIN_EXPLAIN };
      });
      return ok({ drivers, swarmManager: this.swarmManager });
    });
  }

  planCreate(spec: NetworkSpecDto): Promise<Result<CreatePlanDto, AppError>> {
    return this.settle("planCreate", [spec], () => ok(this.plan(spec)));
  }

  createNetwork(spec: NetworkSpecDto): Promise<Result<OutcomeDto, AppError>> {
    return this.settle("createNetwork", [spec], () => {
      const plan = this.plan(spec);
      if (plan.problems.length > 0) {
        return fail<OutcomeDto>({
          code: "refused",
          message: "The network cannot be created as specified",
          hint: "Fix the fields marked below.",
          problems: plan.problems,
        });
      }
      const s = normalized(spec);
      const subnet = parseCidr(s.subnet);
      this.addNetwork({
        name: s.name,
        driver: s.driver,
        internal: s.internal,
        attachable: s.attachable,
        ipv6: s.ipv6,
        subnets: subnet ? [cidrText(subnet)] : [],
        labels: s.labels,
        options: driverOptions(s),
      });
      this.record(`Create network ${s.name}`, plan.command);
      return ok({ done: `Created network ${s.name}`, command: plan.command, history: this.historyDto(), notice: null });
    });
  }

  /** The create rules the dialog most needs to show; the real list lives in lifecycle/validate.rs. */
  private plan(raw: NetworkSpecDto): CreatePlanDto {
    const s = normalized(raw);
    const out: ProblemDto[] = [];
    const example: Record<string, string> = { gateway: "10.1.2.1", ipRange: "10.1.2.128/25", subnetV6: "fd00:1::/64" };
    const like = (field: string) => `Write it like ${example[field] ?? "10.1.2.0/24"}.`;
    if (s.name === "") out.push(problem("nameEmpty", "name", "The network needs a name", "Start with a letter or digit, then use letters, digits, `_`, `.` and `-`."));
    else if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(s.name))
      out.push(problem("nameInvalid", "name", `\`${s.name}\` is not a valid network name`, "Start with a letter or digit, then use letters, digits, `_`, `.` and `-`."));
    const taken = this.networks.find((n) => n.name === s.name && s.name !== "");
    if (taken)
      out.push(problem("nameTaken", "name", `A ${taken.driver} network named \`${s.name}\` already exists`, "Choose another name: every command that names it would otherwise be ambiguous."));

    const d = s.driver;
    if (d === "host" || d === "null" || d === "none")
      out.push(problem("driverNotCreatable", "driver", `\`${d}\` exists only as the predefined network of that name`, "For a network of your own, use bridge."));
    else if (d === "overlay" && !this.swarmManager)
      out.push(problem("overlayNeedsSwarm", "driver", "Overlay networks span the nodes of a swarm, and this engine is not a swarm manager", "Run `docker swarm init`, or use bridge for a network on this host only."));
    else if (!this.drivers.includes(d))
      out.push(problem("driverUnavailable", "driver", `This engine has no network driver \`${d}\``, "Pick one of the listed drivers, or install the plugin first."));

    let subnet: Cidr | null = null;
    if (s.subnet !== "") {
      subnet = parseCidr(s.subnet);
      if (s.subnet.includes(":")) {
        out.push(problem("wrongFamily", "subnet", `\`${s.subnet}\` is an IPv6 value in the IPv4 subnet field`, "Put an IPv6 subnet in the IPv6 subnet field, with IPv6 on."));
        subnet = null;
      } else if (!subnet) out.push(problem("badCidr", "subnet", `\`${s.subnet}\` is not a valid IPv4 subnet in CIDR form`, like("subnet")));
      else if (network(subnet) !== subnet.base)
        out.push(problem("hostBits", "subnet", `${s.subnet} has host bits set; did you mean ${cidrText(subnet)}?`, `Use ${cidrText(subnet)}, the network the address belongs to.`));
      if (subnet) {
        for (const n of [...this.networks].sort((a, b) => a.name.localeCompare(b.name))) {
          const clash = n.subnets.find((e) => {
            const c = parseCidr(e);
            return c !== null && overlaps(c, subnet as Cidr);
          });
          if (clash)
            out.push(problem("subnetOverlap", "subnet", `${cidrText(subnet)} overlaps network \`${n.name}\` (${clash})`, "Choose a subnet that no other network uses: overlapping ones make routes ambiguous."));
        }
      }
    }
    if (s.ipRange !== "") {
      const range = parseCidr(s.ipRange);
      if (!range) out.push(problem("badCidr", "ipRange", `\`${s.ipRange}\` is not a valid IP range in CIDR form`, like("ipRange")));
      else if (s.subnet === "") out.push(problem("needsSubnet", "ipRange", "A IP range needs a IPv4 subnet to belong to", "Give a IPv4 subnet as well, or leave this empty for the engine to choose."));
      else if (subnet && !(contains(subnet, network(range)) && range.prefix >= subnet.prefix))
        out.push(problem("outsideSubnet", "ipRange", `The IP range ${s.ipRange} is outside the subnet ${cidrText(subnet)}`, "Choose a value inside the subnet, or widen the subnet."));
    }
    if (s.gateway !== "") {
      const gw = parseIpv4(s.gateway);
      if (gw === null) out.push(problem("badAddress", "gateway", `\`${s.gateway}\` is not a valid IPv4 gateway`, like("gateway")));
      else if (s.subnet === "") out.push(problem("needsSubnet", "gateway", "A IPv4 gateway needs a IPv4 subnet to belong to", "Give a IPv4 subnet as well, or leave this empty for the engine to choose."));
      else if (subnet && !contains(subnet, gw))
        out.push(problem("outsideSubnet", "gateway", `The IPv4 gateway ${s.gateway} is outside the subnet ${cidrText(subnet)}`, "Choose a value inside the subnet, or widen the subnet."));
      else if (subnet && (gw === network(subnet) || gw === network(subnet) + size(subnet) - 1))
        out.push(problem("reservedGateway", "gateway", `${s.gateway} is the ${gw === network(subnet) ? "network" : "broadcast"} address of ${cidrText(subnet)}`, "Choose a host address, usually the first one (.1)."));
    }
    if (s.ipv6) {
      if (s.subnetV6 === "") out.push(problem("ipv6SubnetRequired", "subnetV6", "IPv6 is on but no IPv6 subnet is given", "Give an IPv6 subnet, e.g. fd00:1::/64."));
      else if (!/^[0-9a-fA-F:]+\/\d{1,3}$/.test(s.subnetV6) || !s.subnetV6.includes(":"))
        out.push(problem("badCidr", "subnetV6", `\`${s.subnetV6}\` is not a valid IPv6 subnet in CIDR form`, like("subnetV6")));
      if (s.gatewayV6 !== "" && !/^[0-9a-fA-F:]+$/.test(s.gatewayV6))
        out.push(problem("badAddress", "gatewayV6", `\`${s.gatewayV6}\` is not a valid IPv6 gateway`, "Write it like fd00:1::1."));
    } else {
      if (s.subnetV6 !== "") out.push(problem("ipv6Off", "subnetV6", "A IPv6 subnet is given but IPv6 is off", "Turn IPv6 on, or clear the field."));
      if (s.gatewayV6 !== "") out.push(problem("ipv6Off", "gatewayV6", "A IPv6 gateway is given but IPv6 is off", "Turn IPv6 on, or clear the field."));
    }

    const vlan = d === "macvlan" || d === "ipvlan";
    const notFor = (field: ProblemField, label: string) =>
      out.push(problem("notForDriver", field, `The ${d} driver does not take a ${label}`, "Clear it, or choose a driver that uses it."));
    if (vlan) {
      if (s.parent === "" && !s.internal)
        out.push(problem("parentRequired", "parent", `A ${d} network without a parent interface sits on a dummy interface, so it cannot leave the host`, "Name the host interface to attach to (e.g. eth0), or tick Internal for a host-only network."));
      else if (s.parent === "lo") out.push(problem("parentLoopback", "parent", `The loopback interface cannot be a ${d} parent`, "Choose a physical interface such as eth0."));
      else if (s.parent.length > 15 || /[\s/:]/.test(s.parent))
        out.push(problem("parentInvalid", "parent", `\`${s.parent}\` is not a valid interface name`, "Use the interface's name as `ip link` shows it, e.g. eth0 or eth0.10."));
    } else if (s.parent !== "") notFor("parent", "parent interface");
    if (s.mode !== "") {
      const allowed = MODES[d];
      if (!allowed) notFor("mode", "mode");
      else if (!allowed.includes(s.mode))
        out.push(problem("badMode", "mode", `\`${s.mode}\` is not a ${d} mode (it takes ${allowed.join(", ")})`, "Pick one of the listed modes."));
    }
    if (s.mtu !== "") {
      if (vlan) notFor("mtu", "MTU (it inherits the parent's)");
      else if (!/^\d+$/.test(s.mtu)) out.push(problem("mtuNotNumber", "mtu", `MTU \`${s.mtu}\` is not a whole number`, "Leave it empty for the engine's default, or write e.g. 1450."));
      else if (Number(s.mtu) < 68 || Number(s.mtu) > 65535)
        out.push(problem("mtuOutOfRange", "mtu", `MTU ${s.mtu} is outside 68 to 65535`, "Leave it empty for the engine's default, or write e.g. 1450."));
    }
    if (!s.icc && d !== "bridge") notFor("icc", "inter-container communication setting");
    if (s.encrypted && d !== "overlay") notFor("encrypted", "encryption setting");
    if (s.attachable && d !== "overlay") notFor("attachable", "attachable setting");
    for (const [field, label, pairs] of [["labels", "label", s.labels], ["options", "driver option", s.options]] as const) {
      for (const { key } of pairs) {
        if (key === "") out.push(problem("badKey", field, `A ${label} has an empty key`, "Give it a key, or remove the row."));
        else if (key.includes("=")) out.push(problem("badKey", field, `The ${label} key \`${key}\` contains \`=\``, "Put the value in the value column."));
      }
    }
    for (const { key } of s.options) {
      const dedicated = key === OPT_MTU ? "MTU" : key === OPT_ICC && d === "bridge" ? "inter-container communication" : key === "parent" && vlan ? "parent interface" : null;
      if (dedicated) out.push(problem("optionHasField", "options", `Option \`${key}\` is the ${dedicated} field's job`, "Use that field instead, and remove this row."));
    }
    return { problems: out, command: createCommand(s), explanation: EXPLAIN[d] ?? PLUGIN_EXPLAIN };
  }

  planRemove(networkIds: string[]): Promise<Result<RemovePlanDto, AppError>> {
    return this.settle("planRemove", [networkIds], () => ok(this.removePlan(networkIds)));
  }

  private removePlan(ids: string[]): RemovePlanDto {
    const items: RemoveItemDto[] = ids.map((id) => {
      const n = this.find(id);
      if (!n) {
        const refusal = problem("networkGone", null, `Network ${id.slice(0, 12)} no longer exists`, "Nothing to do: it was removed elsewhere; the view will catch up.");
        return { networkId: id, networkName: id, refusal, attached: [], confirmText: null, commands: [] };
      }
      if (n.predefined) {
        const why: Record<string, string> = {
          bridge: "`bridge` is predefined: the engine creates it at start and keeps it, because every container started without --network joins it",
          host: "`host` is predefined: it stands for the host's own network stack, which containers run with --network host share",
        };
        const refusal = problem("predefined", null, why[n.name] ?? `\`${n.name}\` is predefined: containers run with --network ${n.name} join it to have no networking`, "The engine refuses to remove predefined networks; an unused one costs nothing.");
        return { networkId: id, networkName: n.name, refusal, attached: [], confirmText: null, commands: [] };
      }
      const who = n.attached.map((a) => a.containerName);
      const confirmText = who.length === 0 ? `Remove ${n.name}? No container uses it.` : `Remove ${n.name}? ${names(who)} will be disconnected first.`;
      const commands = [
        ...n.attached.map((a) => ["docker network disconnect", ...(a.running ? [] : ["--force"]), quote(n.name), quote(a.containerName)].join(" ")),
        `docker network rm ${quote(n.name)}`,
      ];
      return { networkId: id, networkName: n.name, refusal: null, attached: [...n.attached], confirmText, commands };
    });
    const removable = items.filter((i) => i.refusal === null);
    return { items, commands: removable.flatMap((i) => i.commands), disconnectsAnything: removable.some((i) => i.attached.length > 0) };
  }

  removeNetworks(networkIds: string[]): Promise<Result<ReportDto, AppError>> {
    return this.settle("removeNetworks", [networkIds], () => {
      const plan = this.removePlan(networkIds);
      const items: ReportItemDto[] = [];
      const removed: string[] = [];
      for (const item of plan.items) {
        if (item.refusal) {
          items.push({ id: item.networkId, name: item.networkName, outcome: "skipped", reason: item.refusal.message });
        } else {
          this.networks = this.networks.filter((n) => n.id !== item.networkId);
          items.push({ id: item.networkId, name: item.networkName, outcome: "removed", reason: null });
          removed.push(item.networkName);
        }
      }
      if (removed.length > 0) this.record(`Remove network${removed.length === 1 ? "" : "s"} ${removed.join(", ")}`, `docker network rm ${removed.map(quote).join(" ")}`);
      return ok(this.report(items, plan.commands));
    });
  }

  private report(items: ReportItemDto[], commands: string[]): ReportDto {
    const count = (o: string) => items.filter((i) => i.outcome === o).length;
    const [removed, skipped, failed] = [count("removed"), count("skipped"), count("failed")];
    let summary = items.length === 0 ? "Nothing to remove" : `Removed ${removed} network${removed === 1 ? "" : "s"}`;
    if (items.length > 0 && skipped > 0) summary += `, skipped ${skipped}`;
    if (items.length > 0 && failed > 0) summary += `, ${failed} failed`;
    const notice =
      removed > 0
        ? "Undo re-creates them with the same name, driver, addresses, options and labels, and reconnects their containers; the engine gives them new IDs."
        : null;
    return { items, summary, commands, history: this.historyDto(), notice };
  }

  prunePreview(filters: PruneFiltersDto): Promise<Result<PrunePreviewDto, AppError>> {
    return this.settle("prunePreview", [filters], () => {
      const problems: ProblemDto[] = [];
      const until = filters.until.trim() === "" ? null : parseGoDuration(filters.until.trim());
      if (filters.until.trim() !== "" && until === null)
        problems.push(problem("badUntil", "until", `\`${filters.until.trim()}\` is not a duration`, "Write a number with h, m or s, e.g. 24h, 90m or 3600s."));
      const labels: LabelFilter[] = [];
      for (const raw of filters.labels.map((l) => l.trim()).filter((l) => l !== "")) {
        const f = parseLabelFilter(raw);
        if (f) labels.push(f);
        else problems.push(problem("badLabelFilter", "labels", `\`${raw}\` is not a label filter`, "Write key, key=value, or label!=key to keep networks with that label."));
      }
      if (problems.length > 0) return fail<PrunePreviewDto>({ code: "refused", message: "The filters cannot be used", hint: null, problems });
      const now = this.now();
      const pos = labels.filter((f) => !f.negate);
      const neg = labels.filter((f) => f.negate);
      const items = this.networks
        .filter((n) => !n.predefined && n.attached.length === 0)
        .filter((n) => {
          if (until === null) return true;
          const created = n.created ? Date.parse(n.created) : NaN;
          return !Number.isNaN(created) && created <= now.getTime() - until * 1000;
        })
        .filter((n) => pos.every((f) => labelMatches(f, n.labels)) && (neg.length === 0 || !neg.every((f) => labelMatches(f, n.labels))))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((n) => ({
          id: n.id,
          name: n.name,
          driver: n.driver,
          created: n.created,
          age: n.created ? ageText(new Date(n.created), now) : "",
          labels: [...n.labels],
        }));
      this.previewed = items;
      const words = ["docker", "network", "prune", "--force"];
      if (until !== null) words.push("--filter", quote(`until=${goDuration(until)}`));
      for (const f of labels) words.push("--filter", quote(f.arg));
      return ok({ items, command: words.join(" ") });
    });
  }

  pruneNetworks(networkIds: string[]): Promise<Result<ReportDto, AppError>> {
    return this.settle("pruneNetworks", [networkIds], () => {
      const items: ReportItemDto[] = [];
      const removed: string[] = [];
      for (const p of this.previewed.filter((p) => networkIds.includes(p.id))) {
        const n = this.find(p.id);
        const reason = !n
          ? "it was removed elsewhere after the preview"
          : n.attached.length > 0
            ? `${names(n.attached.map((a) => a.containerName))} joined it after the preview`
            : null;
        if (reason) items.unshift({ id: p.id, name: p.name, outcome: "skipped", reason });
        else {
          this.networks = this.networks.filter((x) => x.id !== p.id);
          items.push({ id: p.id, name: p.name, outcome: "removed", reason: null });
          removed.push(p.name);
        }
      }
      for (const id of networkIds.filter((id) => !this.previewed.some((p) => p.id === id)))
        items.push({ id, name: id, outcome: "skipped", reason: "it was not in the preview" });
      const commands = removed.length > 0 ? [`docker network rm ${removed.map(quote).join(" ")}`] : [];
      if (removed.length > 0) this.record(`Prune ${removed.length} network${removed.length === 1 ? "" : "s"}`, commands[0] ?? "");
      return ok(this.report(items, commands));
    });
  }

  networkJson(networkId: string): Promise<Result<string, AppError>> {
    return this.settle("networkJson", [networkId], () => {
      const n = this.find(networkId);
      if (!n) return fail<string>({ code: "engineRejected", message: `network ${networkId} not found`, hint: "It may have been removed; the view will catch up." });
      const inspect = {
        Name: n.name,
        Id: n.id,
        Created: n.created,
        Scope: n.driver === "overlay" ? "swarm" : "local",
        Driver: n.driver,
        EnableIPv6: n.ipv6,
        IPAM: { Driver: "default", Options: null, Config: n.subnets.map((s) => ({ Subnet: s })) },
        Internal: n.internal,
        Attachable: n.attachable,
        Ingress: false,
        ConfigFrom: { Network: "" },
        ConfigOnly: false,
        Containers: Object.fromEntries(n.attached.map((a) => [a.containerId, { Name: a.containerName }])),
        Options: Object.fromEntries(n.options.map((o) => [o.key, o.value])),
        Labels: Object.fromEntries(n.labels.map((l) => [l.key, l.value])),
      };
      return ok(JSON.stringify(inspect, null, 2));
    });
  }
}

/** The spec with text fields trimmed and a blank driver read as bridge, as `NetworkSpec::normalized`. */
function normalized(spec: NetworkSpecDto): NetworkSpecDto {
  const t = (s: string) => s.trim();
  return {
    ...spec,
    name: t(spec.name),
    driver: t(spec.driver) || "bridge",
    subnet: t(spec.subnet),
    ipRange: t(spec.ipRange),
    gateway: t(spec.gateway),
    subnetV6: t(spec.subnetV6),
    gatewayV6: t(spec.gatewayV6),
    mtu: t(spec.mtu),
    parent: t(spec.parent),
    mode: t(spec.mode),
    labels: spec.labels.map((l) => ({ key: l.key.trim(), value: l.value })),
    options: spec.options.map((o) => ({ key: o.key.trim(), value: o.value })),
  };
}

/** The extra options, then the dedicated fields on top, as `NetworkSpec::driver_options`. */
function driverOptions(s: NetworkSpecDto): KeyValueDto[] {
  const out = new Map(s.options.map((o) => [o.key, o.value]));
  if (s.mtu !== "") out.set(OPT_MTU, s.mtu);
  if (!s.icc) out.set(OPT_ICC, "false");
  if (s.parent !== "") out.set("parent", s.parent);
  if (s.mode !== "" && MODES[s.driver]) out.set(`${s.driver}_mode`, s.mode);
  if (s.encrypted) out.set("encrypted", "");
  return [...out].map(([key, value]) => ({ key, value }));
}

const byKey = (a: KeyValueDto, b: KeyValueDto) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** `docker network create …` in the Rust side's flag order (lifecycle/command.rs). */
export function createCommand(spec: NetworkSpecDto): string {
  const s = normalized(spec);
  const words = ["docker", "network", "create"];
  const flag = (name: string, value: string) => {
    if (value !== "") words.push(name, quote(value));
  };
  flag("--driver", s.driver);
  flag("--subnet", s.subnet);
  flag("--ip-range", s.ipRange);
  flag("--gateway", s.gateway);
  if (s.ipv6) {
    words.push("--ipv6");
    flag("--subnet", s.subnetV6);
    flag("--gateway", s.gatewayV6);
  }
  if (s.internal) words.push("--internal");
  if (s.attachable) words.push("--attachable");
  for (const o of driverOptions(s).sort(byKey)) words.push("--opt", quote(o.value === "" ? o.key : `${o.key}=${o.value}`));
  const labels = new Map(s.labels.map((l) => [l.key, l.value]));
  for (const [key, value] of [...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    words.push("--label", quote(value === "" ? key : `${key}=${value}`));
  words.push(quote(s.name));
  return words.join(" ");
}

function goDuration(secs: number): string {
  if (secs > 0 && secs % 3600 === 0) return `${secs / 3600}h`;
  if (secs > 0 && secs % 60 === 0) return `${secs / 60}m`;
  return `${secs}s`;
}

const DAY = 86_400_000;

/** A small engine: the three predefined networks, two in use, and three unused ones of different ages. */
export function demoNetworks(now = new Date("2026-11-26T09:30:00Z")): FakeNetwork[] {
  const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();
  const base = { internal: false, attachable: false, ipv6: false, options: [], labels: [], attached: [], predefined: false };
  return [
    { ...base, id: "n-bridge", name: "bridge", driver: "bridge", created: at(30 * DAY), predefined: true, subnets: ["172.17.0.0/16"] },
    { ...base, id: "n-host", name: "host", driver: "host", created: at(30 * DAY), predefined: true, subnets: [] },
    { ...base, id: "n-none", name: "none", driver: "null", created: at(30 * DAY), predefined: true, subnets: [] },
    {
      ...base,
      id: "n-backend",
      name: "backend",
      driver: "bridge",
      created: at(DAY),
      subnets: ["10.214.10.0/24"],
      labels: [{ key: "com.docker.compose.project", value: "shop" }],
      attached: [
        { containerId: "c-api", containerName: "api", running: true },
        { containerId: "c-db", containerName: "db", running: false },
      ],
    },
    { ...base, id: "n-frontend", name: "frontend", driver: "bridge", created: at(DAY), subnets: ["10.214.20.0/24"], attached: [{ containerId: "c-web", containerName: "web", running: true }] },
    { ...base, id: "n-old-ci", name: "old-ci", driver: "bridge", created: at(12 * DAY), subnets: ["10.99.0.0/24"], labels: [{ key: "ci", value: "true" }] },
    { ...base, id: "n-scratch", name: "scratch", driver: "bridge", created: at(2 * 3600_000), subnets: ["10.98.0.0/24"] },
    { ...base, id: "n-lab", name: "lab-vlan", driver: "macvlan", created: at(3 * DAY), subnets: ["192.168.50.0/24"], options: [{ key: "parent", value: "eth0" }] },
  ];
}

/** The networks of a topology as the fake keeps them, so the demo's graph and dialogs tell one story. */
export function networksFromTopology(topology: TopologyDto): FakeNetwork[] {
  const containers = new Map(topology.nodes.flatMap((n) => (n.container ? [[n.container.id, n.container] as const] : [])));
  return topology.nodes.flatMap((node) => {
    const n = node.network;
    if (!n) return [];
    const attached: AttachedDto[] = topology.edges
      .filter((e) => e.kind === "endpoint" && e.endpoint?.networkId === n.id)
      .map((e) => {
        const id = e.endpoint?.containerId ?? "";
        const c = containers.get(id);
        return { containerId: id, containerName: e.endpoint?.containerName ?? id, running: c?.state === "running" };
      });
    return [
      {
        id: n.id,
        name: n.name,
        driver: n.driver,
        created: n.created,
        predefined: n.predefined,
        internal: n.internal,
        attachable: n.attachable,
        ipv6: n.enableIpv6,
        subnets: n.ipam.flatMap((c) => (c.subnet && !c.subnet.includes(":") ? [c.subnet] : [])),
        labels: [...n.labels],
        options: [...n.options],
        attached,
      },
    ];
  });
}
