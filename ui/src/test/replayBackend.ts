// A Backend for tests and the demo that replays answers Rust recorded, so TypeScript never re-implements
// Rust's rules or wording. A Rust test (the golden writer) runs each case of golden/CASES.md against the
// sandbox fixture and writes `golden/<command>.json`: a list of
//   { "args": <the command's argument object, named as tauri-specta invokes it ({} when it takes none)>,
//     "result": { "ok": <DTO> } | { "error": <AppError> },
//     "state"?: <replay state it belongs to>, "next"?: <state after it>, "emits"?: <TopologyDto> }
// Lookup is by deep-equal args (key order ignored), first in the current state, then among stateless cases.
// `state`/`next` let a recorded sequence repeat itself (disconnect → undo → redo answer differently each
// time); `emits` is the view Rust sent before the command resolved (connect, undo, create… resolve only after
// the new topology is out). It must hold no rule of its own: a question without a recorded answer fails
// loudly (or, in the demo, answers with an error saying so). Tests expect Rust's words from the same files
// (`recordedOk`, `recordedError`) and stage outside changes Rust recorded (`stage`) or their own stand-ins
// (`answerWith`).
import type {
  AppError,
  Backend,
  EngineStatusDto,
  Result,
  TopologyDiffDto,
  TopologyDto,
  Unsubscribe,
} from "../lib/backend";

/** Every Backend method that asks Rust a question, i.e. every command a golden file can answer. */
export type GoldenCommand = Exclude<keyof Backend, "onTopology" | "onTopologyPatch" | "onStatus" | "openUrl" | "chooseSavePath">;

/** How the replay answers a command: "result" with the contract's Result, "change" likewise after `delayMs`
 *  (so the busy state shows), "bare" with a bare value (it throws on a recorded error), "own" by its own
 *  method below. */
type Answers = "result" | "change" | "bare" | "own";
type Own = "getTopology" | "placeNetwork";
/** A name for each of a method's parameters (a tuple of the same length). */
type Names<P extends unknown[]> = { [K in keyof P]: string };

/** Every command a golden file can answer: the names of its arguments, in the order the Backend method takes
 *  them (the keys of the argument object tauri-specta invokes it with, and a golden case records), and how it
 *  answers. The tuple type holds each list to its method's arity. */
const COMMANDS: {
  [C in GoldenCommand]: [Names<Parameters<Backend[C]>>, C extends Own ? "own" : Exclude<Answers, "own">];
} = {
  getTopology: [[], "own"],
  getEngineStatus: [[], "bare"],
  listEngines: [[], "bare"],
  planEngine: [["form"], "bare"],
  addEngine: [["form"], "change"],
  removeEngine: [["name"], "change"],
  switchEngine: [["id"], "change"],
  dropTargets: [["containerId"], "result"],
  planConnect: [["containerId", "networkId", "config"], "result"],
  connect: [["containerId", "networkId", "config"], "change"],
  planDisconnect: [["containerId", "networkId"], "result"],
  disconnect: [["containerId", "networkId"], "change"],
  undo: [[], "change"],
  redo: [[], "change"],
  getHistory: [[], "result"],
  networkAliases: [["networkId"], "result"],
  placeNetwork: [["name", "x", "y"], "own"],
  createOptions: [[], "result"],
  planCreate: [["spec"], "result"],
  createNetwork: [["spec"], "change"],
  planRemove: [["networkIds"], "result"],
  removeNetworks: [["networkIds"], "change"],
  prunePreview: [["filters"], "result"],
  pruneNetworks: [["networkIds"], "change"],
  networkJson: [["networkId"], "result"],
  reachFrom: [["containerId"], "result"],
  canReach: [["fromId", "toId"], "result"],
  exportTopology: [["format", "filter"], "result"],
  saveExport: [["path", "contents"], "result"],
};

export const isGoldenCommand = (name: string): name is GoldenCommand => Object.hasOwn(COMMANDS, name);

export interface GoldenCase {
  args: unknown;
  result: { ok: unknown } | { error: AppError };
  state?: string;
  next?: string;
  emits?: TopologyDto;
}

export type Goldens = Partial<Record<GoldenCommand, GoldenCase[]>>;

/** The first replay state; cases without `state` answer in every state. */
export const INITIAL = "initial";

const files = import.meta.glob<GoldenCase[]>("./golden/*.json", { eager: true, import: "default" });

/** The golden files Rust wrote, by command; a file named after no command is an error, not a silent miss. */
export function recordedGoldens(): Goldens {
  const out: Goldens = {};
  for (const [path, cases] of Object.entries(files)) {
    const name = path.replace(/^.*\//, "").replace(/\.json$/, "");
    if (!isGoldenCommand(name)) throw new Error(`golden file ${path} names no backend command`);
    out[name] = cases;
  }
  return out;
}

/** What a command answers when it succeeds: the Result's data, or the bare value (getEngineStatus). */
type Reply<C extends GoldenCommand> = Awaited<ReturnType<Backend[C]>>;
export type Answer<C extends GoldenCommand> = Reply<C> extends Result<infer T, AppError> ? T : Reply<C>;

/** The case that answers `command(args)` in `state`, as the replay would pick it (the state's own case
 *  first, then one that answers in every state); MissingGolden when there is none. */
export function recorded(command: GoldenCommand, args: unknown, state = INITIAL, goldens = recordedGoldens()): GoldenCase {
  const key = canonical(args);
  const cases = (goldens[command] ?? []).filter((c) => canonical(c.args) === key);
  const found = cases.find((c) => c.state === state) ?? cases.find((c) => c.state === undefined);
  if (!found) throw new MissingGolden(command, args, state);
  return found;
}

/** What Rust answered to `command(args)` in `state`, for tests to expect Rust's own words and values
 *  (a copy: tests may change it to stage something else). Throws if Rust refused. */
export function recordedOk<C extends GoldenCommand>(command: C, args: unknown, state = INITIAL): Answer<C> {
  const { result } = recorded(command, args, state);
  if (!("ok" in result)) throw new Error(`${command}(${JSON.stringify(args)}) was refused: ${result.error.message}`);
  return structuredClone(result.ok) as Answer<C>;
}

/** The error Rust answered to `command(args)` in `state`. Throws if it succeeded. */
export function recordedError(command: GoldenCommand, args: unknown, state = INITIAL): AppError {
  const { result } = recorded(command, args, state);
  if (!("error" in result)) throw new Error(`${command}(${JSON.stringify(args)}) succeeded`);
  return structuredClone(result.error);
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export class MissingGolden extends Error {
  constructor(
    readonly command: GoldenCommand,
    readonly args: unknown,
    readonly state: string,
  ) {
    super(
      `no golden answer for ${command}(${JSON.stringify(args)})${state === INITIAL ? "" : ` in state "${state}"`}; ` +
        "add the case to the Rust golden writer (ui/src/test/golden/CASES.md)",
    );
    this.name = "MissingGolden";
  }
}

export interface ReplayOptions {
  /** "throw" (tests): a question without an answer rejects with MissingGolden. "answer" (demo): commands
   *  that can fail resolve with an AppError saying the demo has no recorded answer. */
  onMissing?: "throw" | "answer";
  /** Milliseconds each changing command waits, so tests and the demo can see the busy state. */
  delayMs?: number;
}

/** The commands the constructor installs from COMMANDS (declaration merging gives the class their types). */
export interface ReplayBackend extends Pick<Backend, Exclude<GoldenCommand, Own>> {}

export class ReplayBackend implements Backend {
  /** Every question asked of any replay that had no recorded answer, until a test takes them
   *  (`takeMissed`): a test that passed only because the UI swallowed a miss still fails. */
  private static readonly missed: string[] = [];
  static takeMissed(): string[] {
    return ReplayBackend.missed.splice(0);
  }

  /** The replay state: moved by a replayed case's `next`, or set by a test to stage an outside change. */
  state = INITIAL;
  /** Every command asked, with its argument object, in order: tests assert on what was (not) asked. */
  readonly calls: { command: GoldenCommand; args: unknown }[] = [];
  readonly opened: string[] = [];
  /** What the native save dialog answers next (null: the person cancelled); every dialog asked, in order. */
  savePath: string | null = null;
  readonly dialogs: { fileName: string; filter: { name: string; extensions: string[] } }[] = [];
  delayMs: number;
  /** The topology the UI was last given: the answer to getTopology, or a view emitted since. */
  lastTopology: TopologyDto | null = null;
  private readonly staged = new Map<GoldenCommand, GoldenCase["result"]>();
  private readonly onMissing: "throw" | "answer";
  private topologyListeners = new Set<(t: TopologyDto) => void>();
  private statusListeners = new Set<(s: EngineStatusDto) => void>();

  constructor(
    readonly goldens: Goldens = recordedGoldens(),
    options: ReplayOptions = {},
  ) {
    this.onMissing = options.onMissing ?? "throw";
    this.delayMs = options.delayMs ?? 0;
    // Every command COMMANDS does not mark "own" asks the replay with the argument object tauri-specta sends.
    for (const [command, [names, answers]] of Object.entries(COMMANDS) as [GoldenCommand, [string[], Answers]][]) {
      if (answers === "own") continue;
      const ask = (...values: unknown[]) => {
        const args = Object.fromEntries(names.map((name, i) => [name, values[i]]));
        return answers === "bare" ? this.bare(command, args) : this.answer(command, args, answers === "change");
      };
      Object.assign(this, { [command]: ask });
    }
  }

  /** The recorded case, its view emitted and its state taken; MissingGolden when there is none. */
  private async replay(command: GoldenCommand, args: unknown, changes = false): Promise<GoldenCase> {
    this.calls.push({ command, args: structuredClone(args) });
    if (changes && this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const staged = this.staged.get(command);
    let found: GoldenCase;
    try {
      found = staged ? { args, result: staged } : recorded(command, args, this.state, this.goldens);
    } catch (e) {
      // Remembered too: the UI may swallow the rejection (a drop target list it cannot get is just absent).
      if (e instanceof MissingGolden && this.onMissing === "throw") ReplayBackend.missed.push(e.message);
      throw e;
    }
    if (found.next !== undefined) this.state = found.next;
    // Copies, so nothing the UI or a test does to an answer reaches the next test.
    if (found.emits) this.emitTopology(structuredClone(found.emits));
    return { ...found, result: structuredClone(found.result) };
  }

  /** A command answered with the contract's Result. */
  private async answer<T>(command: GoldenCommand, args: unknown, changes = false): Promise<Result<T, AppError>> {
    let found: GoldenCase;
    try {
      found = await this.replay(command, args, changes);
    } catch (e) {
      if (!(e instanceof MissingGolden) || this.onMissing === "throw") throw e;
      return {
        status: "error",
        error: {
          code: "engineRejected",
          message: `The demo has no recorded answer for ${command}: it replays what Rust answered in the sandbox.`,
          hint: "Try what was recorded: drag api onto frontend or vault, disconnect nightly-job and undo, create a network named made, prune.",
        },
      };
    }
    return "ok" in found.result ? { status: "ok", data: found.result.ok as T } : { status: "error", error: found.result.error };
  }

  async getTopology(): Promise<Result<TopologyDto, AppError>> {
    const r = await this.answer<TopologyDto>("getTopology", {});
    if (r.status === "ok") this.lastTopology = r.data;
    return r;
  }

  /** A command answered with a bare value, never a Result (getEngineStatus, the engine list and form). */
  private async bare<T>(command: GoldenCommand, args: unknown): Promise<T> {
    const found = await this.replay(command, args);
    if ("error" in found.result) throw new Error(found.result.error.message);
    return found.result.ok as T;
  }

  async onTopology(cb: (t: TopologyDto) => void): Promise<Unsubscribe> {
    this.topologyListeners.add(cb);
    return () => void this.topologyListeners.delete(cb);
  }

  async onStatus(cb: (s: EngineStatusDto) => void): Promise<Unsubscribe> {
    this.statusListeners.add(cb);
    return () => void this.statusListeners.delete(cb);
  }

  async openUrl(url: string): Promise<void> {
    this.opened.push(url);
  }

  /** Answers nothing, so it needs no golden case: only the call is recorded (rounded, as backend.ts sends it). */
  async placeNetwork(name: string, x: number, y: number): Promise<void> {
    this.calls.push({ command: "placeNetwork", args: { name, x: Math.round(x), y: Math.round(y) } });
  }

  /** The dialog is the desktop's, not Rust's: a test says what it answers (`savePath`). */
  async chooseSavePath(fileName: string, filter: { name: string; extensions: string[] }): Promise<string | null> {
    this.dialogs.push({ fileName, filter });
    return this.savePath;
  }

  /** Unset: Rust's recorded views are whole topologies; a test sets it to send diffs. */
  onTopologyPatch?: (cb: (diff: TopologyDiffDto) => void) => Promise<Unsubscribe>;

  /** A view change Rust would push (an outside `docker run`, or a staged change in a test). */
  emitTopology(t: TopologyDto): void {
    this.lastTopology = t;
    for (const cb of this.topologyListeners) cb(t);
  }

  /** An outside change the golden writer recorded (someone took an address, joined a network): the replay
   *  moves to `state` and, where Rust recorded the view there (getTopology in that state), pushes it as
   *  the event stream would. */
  stage(state: string): void {
    this.state = state;
    const view = (this.goldens.getTopology ?? []).find((c) => c.state === state);
    if (view && "ok" in view.result) this.emitTopology(structuredClone(view.result.ok) as TopologyDto);
  }

  /** A test's own staging of one command: every later call answers `result`, whatever its arguments (a
   *  topology Rust never had, a failure the sandbox never gives). Never Rust's words: stand-ins only. */
  answerWith(command: GoldenCommand, result: GoldenCase["result"]): void {
    this.staged.set(command, result);
  }

  emitStatus(s: EngineStatusDto): void {
    for (const cb of this.statusListeners) cb(s);
  }

  get listenerCount(): number {
    return this.topologyListeners.size + this.statusListeners.size;
  }
}
