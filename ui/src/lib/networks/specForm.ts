// The create dialog's form as plain data: an empty form, which fields each driver takes, the spec sent to
// the backend (fields the chosen driver does not take are left out, but kept in the form so switching back
// restores them), label/option rows, and problems grouped by the field they sit next to.
// Pure: no Svelte, no backend. It must not validate the spec itself: the Rust side owns every rule, so the
// dialog shows its problems rather than guessing its own.
import type { KeyValueDto, NetworkSpecDto, ProblemDto } from "../backend";

/** The create dialog's fields, spelled as the Rust side's `Field::as_str` (lifecycle/problem.rs). */
export type CreateField =
  | "name"
  | "driver"
  | "subnet"
  | "ipRange"
  | "gateway"
  | "ipv6"
  | "subnetV6"
  | "gatewayV6"
  | "internal"
  | "attachable"
  | "encrypted"
  | "mtu"
  | "icc"
  | "parent"
  | "mode"
  | "labels"
  | "options";

/** One editable label or driver option row; `id` keeps a row's inputs stable while others are removed. */
export interface KeyValueRow {
  id: number;
  key: string;
  value: string;
}

/** The form as the dialog edits it: the spec's fields, with labels and options as editable rows. */
export type CreateForm = Omit<NetworkSpecDto, "labels" | "options"> & {
  labels: KeyValueRow[];
  options: KeyValueRow[];
};

export const MACVLAN_MODES = ["bridge", "vepa", "private", "passthru"] as const;
export const IPVLAN_MODES = ["l2", "l3", "l3s"] as const;

/** The modes a driver's mode field offers; empty for drivers without modes. */
export function modesFor(driver: string): readonly string[] {
  if (driver === "macvlan") return MACVLAN_MODES;
  if (driver === "ipvlan") return IPVLAN_MODES;
  return [];
}

let nextRowId = 1;

export function newRow(key = "", value = ""): KeyValueRow {
  return { id: nextRowId++, key, value };
}

export function rowsFrom(pairs: KeyValueDto[]): KeyValueRow[] {
  return pairs.map((p) => newRow(p.key, p.value));
}

/**
 * The rows as the contract's pairs. A row left wholly blank is an unused slot, not a label with an empty
 * key (which the backend would rightly refuse); a row with only a value is sent, so its problem shows.
 */
export function pairsFrom(rows: KeyValueRow[]): KeyValueDto[] {
  return rows.filter((r) => r.key.trim() !== "" || r.value !== "").map((r) => ({ key: r.key, value: r.value }));
}

/** A blank form: a bridge with the engine's defaults (inter-container communication on, as the engine has it). */
export function emptyForm(name = ""): CreateForm {
  return {
    name,
    driver: "bridge",
    subnet: "",
    ipRange: "",
    gateway: "",
    ipv6: false,
    subnetV6: "",
    gatewayV6: "",
    internal: false,
    attachable: false,
    encrypted: false,
    mtu: "",
    icc: true,
    parent: "",
    mode: "",
    labels: [],
    options: [],
  };
}

const ALWAYS: CreateField[] = ["name", "driver", "labels", "options"];
const V4: CreateField[] = ["subnet", "ipRange", "gateway"];
const V6: CreateField[] = ["ipv6", "subnetV6", "gatewayV6"];

/**
 * The fields the dialog shows for a driver. They follow the Rust rules: parent and mode only for macvlan
 * and ipvlan (which inherit the parent's MTU, so no MTU there), icc only for bridge, attachable and
 * encrypted only for overlay. A plugin gets the generic fields and passes the rest as driver options.
 */
export function fieldsFor(driver: string): ReadonlySet<CreateField> {
  const d = driver.trim() || "bridge";
  switch (d) {
    case "bridge":
      return new Set([...ALWAYS, ...V4, ...V6, "internal", "mtu", "icc"]);
    case "macvlan":
    case "ipvlan":
      return new Set([...ALWAYS, ...V4, ...V6, "internal", "parent", "mode"]);
    case "overlay":
      return new Set([...ALWAYS, ...V4, ...V6, "internal", "mtu", "attachable", "encrypted"]);
    case "host":
    case "null":
    case "none":
      // Not creatable: only the name and the driver, whose problem explains why.
      return new Set(ALWAYS);
    default:
      return new Set([...ALWAYS, ...V4, ...V6, "internal", "mtu"]);
  }
}

/**
 * The spec the backend checks and creates: the form with every field the driver does not take set to its
 * default, so a value typed for another driver neither shows up in the command nor raises a problem next
 * to a field that is not on screen. IPv6 addresses go only while IPv6 is on; the Rust side would refuse
 * them otherwise, but the person switched IPv6 off on purpose.
 */
export function specFrom(form: CreateForm): NetworkSpecDto {
  const shown = fieldsFor(form.driver);
  const text = (field: CreateField, value: string) => (shown.has(field) ? value : "");
  const flag = (field: CreateField, value: boolean, fallback: boolean) => (shown.has(field) ? value : fallback);
  const ipv6 = flag("ipv6", form.ipv6, false);
  return {
    name: form.name,
    driver: form.driver,
    subnet: text("subnet", form.subnet),
    ipRange: text("ipRange", form.ipRange),
    gateway: text("gateway", form.gateway),
    ipv6,
    subnetV6: ipv6 ? text("subnetV6", form.subnetV6) : "",
    gatewayV6: ipv6 ? text("gatewayV6", form.gatewayV6) : "",
    internal: flag("internal", form.internal, false),
    attachable: flag("attachable", form.attachable, false),
    encrypted: flag("encrypted", form.encrypted, false),
    mtu: text("mtu", form.mtu),
    icc: flag("icc", form.icc, true),
    parent: text("parent", form.parent),
    // A mode chosen for macvlan means nothing to ipvlan: only a mode this driver has is sent.
    mode: modesFor(form.driver).includes(form.mode) || form.mode === "" ? text("mode", form.mode) : "",
    labels: pairsFrom(form.labels),
    options: pairsFrom(form.options),
  };
}

export interface GroupedProblems {
  /** Problems shown next to a field on screen, by field. */
  byField: Map<string, ProblemDto[]>;
  /** Problems about the whole network, or about a field not on screen: shown at the top so none is lost. */
  general: ProblemDto[];
}

export function groupProblems(problems: ProblemDto[], shown: ReadonlySet<string>): GroupedProblems {
  const byField = new Map<string, ProblemDto[]>();
  const general: ProblemDto[] = [];
  for (const p of problems) {
    if (p.field !== null && shown.has(p.field)) {
      const list = byField.get(p.field) ?? [];
      list.push(p);
      byField.set(p.field, list);
    } else {
      general.push(p);
    }
  }
  return { byField, general };
}

/** The id of a field's problem list, for the input's aria-describedby. */
export function problemsId(prefix: string, field: string): string {
  return `${prefix}-problems-${field}`;
}
