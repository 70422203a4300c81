// A Backend without Tauri, for tests and the demo preview: it answers from fixtures and lets the
// caller push topology and status updates as the Rust side would. Never imported by the shipped app.
import type { AppError, Backend, EngineStatusDto, Result, TopologyDto } from "./backend";

export class FakeBackend implements Backend {
  topology: TopologyDto | null;
  status: EngineStatusDto;
  topologyError: AppError | null = null;
  readonly opened: string[] = [];
  private topologyListeners = new Set<(t: TopologyDto) => void>();
  private statusListeners = new Set<(s: EngineStatusDto) => void>();

  constructor(topology: TopologyDto | null, status: EngineStatusDto) {
    this.topology = topology;
    this.status = status;
  }

  async getTopology(): Promise<Result<TopologyDto, AppError>> {
    if (this.topologyError) return { status: "error", error: this.topologyError };
    if (!this.topology) return { status: "error", error: { code: "notReady", message: "no snapshot yet", hint: null } };
    return { status: "ok", data: this.topology };
  }

  async getEngineStatus(): Promise<EngineStatusDto> {
    return this.status;
  }

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
