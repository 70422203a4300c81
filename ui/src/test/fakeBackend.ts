// TODO(golden): replace by replayBackend.ts once ui/src/test/golden/ holds Rust's recorded answers
// (see golden/CASES.md); until then its editing and lifecycle answers are TypeScript copies of Rust's rules.
// A Backend without Tauri, for tests and the demo preview: it answers from fixtures and lets the
// caller push topology and status updates as the Rust side would. Editing (connect, disconnect,
// undo, redo) is answered by FakeEditing's small model, the network lifecycle by FakeLifecycle's (which
// keeps its own list of networks: the graph does not follow its creates and removes). Never imported by
// the shipped app.
import type {
  AliasesDto,
  AppError,
  Backend,
  EndpointConfigDto,
  EngineStatusDto,
  NetworkSpecDto,
  PruneFiltersDto,
  Result,
  TopologyDiffDto,
  TopologyDto,
  Unsubscribe,
} from "../lib/backend";
import { FakeEditing } from "./fakeEditing";
import { FakeLifecycle, networksFromTopology } from "./fakeLifecycle";

export class FakeBackend implements Backend {
  topology: TopologyDto | null;
  status: EngineStatusDto;
  topologyError: AppError | null = null;
  readonly opened: string[] = [];
  /** Every editing call, e.g. `connect c-api n-vault`, so tests can assert what was (not) asked. */
  readonly calls: string[] = [];
  readonly editing = new FakeEditing(
    () => this.topology,
    (t) => this.emitTopology(t),
  );
  readonly lifecycle: FakeLifecycle;
  /** Milliseconds each editing call waits, so tests and the demo can see the busy state. */
  delayMs = 0;
  private topologyListeners = new Set<(t: TopologyDto) => void>();
  private statusListeners = new Set<(s: EngineStatusDto) => void>();

  constructor(topology: TopologyDto | null, status: EngineStatusDto) {
    this.topology = topology;
    this.status = status;
    this.lifecycle = new FakeLifecycle(topology ? networksFromTopology(topology) : undefined);
  }

  createOptions() {
    return this.lifecycle.createOptions();
  }

  planCreate(spec: NetworkSpecDto) {
    return this.lifecycle.planCreate(spec);
  }

  createNetwork(spec: NetworkSpecDto) {
    return this.lifecycle.createNetwork(spec);
  }

  planRemove(networkIds: string[]) {
    return this.lifecycle.planRemove(networkIds);
  }

  removeNetworks(networkIds: string[]) {
    return this.lifecycle.removeNetworks(networkIds);
  }

  prunePreview(filters: PruneFiltersDto) {
    return this.lifecycle.prunePreview(filters);
  }

  pruneNetworks(networkIds: string[]) {
    return this.lifecycle.pruneNetworks(networkIds);
  }

  networkJson(networkId: string) {
    return this.lifecycle.networkJson(networkId);
  }

  /** Aliases as the fake editing model recorded them on connect; empty for the fixtures' own endpoints. */
  async networkAliases(networkId: string): Promise<Result<AliasesDto[], AppError>> {
    const edges = (this.topology?.edges ?? []).filter((e) => e.kind === "endpoint" && e.endpoint?.networkId === networkId);
    return { status: "ok", data: edges.map((e) => ({ containerId: e.endpoint?.containerId ?? "", aliases: e.endpoint?.aliases ?? [] })) };
  }

  async placeNetwork(name: string, x: number, y: number): Promise<void> {
    this.calls.push(`placeNetwork ${name} ${Math.round(x)} ${Math.round(y)}`);
  }

  async getTopology(): Promise<Result<TopologyDto, AppError>> {
    if (this.topologyError) return { status: "error", error: this.topologyError };
    if (!this.topology) return { status: "error", error: { code: "notReady", message: "no snapshot yet", hint: null } };
    return { status: "ok", data: this.topology };
  }

  async getEngineStatus(): Promise<EngineStatusDto> {
    return this.status;
  }

  /** Unset: this double sends whole topologies only; a test sets it to send diffs. */
  onTopologyPatch?: (cb: (diff: TopologyDiffDto) => void) => Promise<Unsubscribe>;

  async onTopology(cb: (t: TopologyDto) => void) {
    this.topologyListeners.add(cb);
    return () => void this.topologyListeners.delete(cb);
  }

  async onStatus(cb: (s: EngineStatusDto) => void) {
    this.statusListeners.add(cb);
    return () => void this.statusListeners.delete(cb);
  }

  async openUrl(url: string): Promise<void> {
    this.opened.push(url);
  }

  private async later(): Promise<void> {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
  }

  async dropTargets(containerId: string) {
    this.calls.push(`dropTargets ${containerId}`);
    return this.editing.dropTargets(containerId);
  }

  async planConnect(containerId: string, networkId: string, config: EndpointConfigDto) {
    this.calls.push(`planConnect ${containerId} ${networkId}`);
    return this.editing.planConnect(containerId, networkId, config);
  }

  async connect(containerId: string, networkId: string, config: EndpointConfigDto) {
    this.calls.push(`connect ${containerId} ${networkId}`);
    await this.later();
    return this.editing.connect(containerId, networkId, config);
  }

  async planDisconnect(containerId: string, networkId: string) {
    this.calls.push(`planDisconnect ${containerId} ${networkId}`);
    return this.editing.planDisconnect(containerId, networkId);
  }

  async disconnect(containerId: string, networkId: string) {
    this.calls.push(`disconnect ${containerId} ${networkId}`);
    await this.later();
    return this.editing.disconnect(containerId, networkId);
  }

  async undo() {
    this.calls.push("undo");
    await this.later();
    return this.editing.undo();
  }

  async redo() {
    this.calls.push("redo");
    await this.later();
    return this.editing.redo();
  }

  async getHistory() {
    return this.editing.getHistory();
  }

  emitTopology(t: TopologyDto): void {
    this.topology = t;
    for (const cb of this.topologyListeners) cb(t);
  }

  emitStatus(s: EngineStatusDto): void {
    this.status = s;
    for (const cb of this.statusListeners) cb(s);
  }

  get listenerCount(): number {
    return this.topologyListeners.size + this.statusListeners.size;
  }
}
