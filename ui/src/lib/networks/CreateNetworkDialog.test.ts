// The create dialog as a person uses it, over its flow replaying Rust's recorded answers (each form the
// tests type is a case of golden/CASES.md; Rust's words and commands are read from there, never retyped).
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

import CreateNetworkDialog from "./CreateNetworkDialog.svelte";
import { createFlow } from "./flows";
import { emptyForm, specFrom } from "./specForm";
import { recordedError, recordedOk, ReplayBackend } from "../../test/replayBackend";
import type { NetworkSpecDto, OutcomeDto } from "../backend";

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

/** The create form's spec with `fields` typed, as the dialog sends it. */
const spec = (fields: Partial<NetworkSpecDto>): { spec: NetworkSpecDto } => ({ spec: { ...specFrom(emptyForm()), ...fields } });

function setup(fake = new ReplayBackend(), initialName = "") {
  const onClose = vi.fn<() => void>();
  const onDone = vi.fn<(o: OutcomeDto) => void>();
  const result = render(CreateNetworkDialog, { props: { flow: createFlow(fake, 0), onClose, onDone, initialName } });
  const q = <T extends HTMLElement = HTMLElement>(sel: string) => {
    const el = result.container.ownerDocument.querySelector<T>(sel);
    if (!el) throw new Error(`no ${sel}`);
    return el;
  };
  return { fake, onClose, onDone, q, ...result };
}

const problemsAt = (field: string) =>
  [...document.querySelectorAll(`[data-testid=create-problem][data-field="${field}"]`)].map((e) => e.getAttribute("data-code"));
const command = () => document.querySelector("[data-testid=create-command]")?.textContent ?? "";
const confirm = () => document.querySelector<HTMLButtonElement>("[data-testid=create-confirm]")!;

describe("CreateNetworkDialog", () => {
  it("opens as a modal with the name field focused", async () => {
    const { q } = setup();
    const dialog = q("[data-testid=create-dialog]");
    expect(dialog.getAttribute("role")).toBe("dialog");
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(document.activeElement).toBe(q("[data-testid=create-name]"));
  });

  it("shows each problem next to its field, and keeps Create disabled while any exists", async () => {
    const { q } = setup();
    await fireEvent.input(q("[data-testid=create-name]"), { target: { value: "backend" } });
    await fireEvent.input(q("[data-testid=create-subnet]"), { target: { value: "10.0.0.300/24" } });
    await waitFor(() => expect(problemsAt("subnet")).toEqual(["badCidr"]));
    expect(problemsAt("name")).toEqual(["nameTaken"]);
    // The problem sits in the subnet field's own block and the input points at it.
    const subnet = q<HTMLInputElement>("[data-testid=create-subnet]");
    const subnetProblem = document.querySelector('[data-testid=create-problem][data-field="subnet"]')!;
    expect(subnet.closest(".field")?.contains(subnetProblem)).toBe(true);
    expect(subnet.getAttribute("aria-invalid")).toBe("true");
    const bad = recordedOk("planCreate", spec({ name: "backend", subnet: "10.0.0.300/24" })).problems.find((p) => p.field === "subnet")!;
    expect(document.getElementById(subnet.getAttribute("aria-describedby")!)?.textContent).toContain(bad.message);
    expect(bad.hint).toBeTruthy();
    expect(subnetProblem.textContent).toContain(bad.hint);
    expect(confirm().disabled).toBe(true);

    await fireEvent.input(q("[data-testid=create-name]"), { target: { value: "payments" } });
    await fireEvent.input(subnet, { target: { value: "10.0.7.0/24" } });
    await waitFor(() => expect(confirm().disabled).toBe(false));
    expect(document.querySelectorAll("[data-testid=create-problem]")).toHaveLength(0);
  });

  it("keeps the docker command in step with the fields", async () => {
    const { q } = setup();
    await fireEvent.input(q("[data-testid=create-name]"), { target: { value: "web" } });
    await waitFor(() => expect(command()).toBe(recordedOk("planCreate", spec({ name: "web" })).command));
    await fireEvent.input(q("[data-testid=create-subnet]"), { target: { value: "10.7.0.0/24" } });
    await fireEvent.input(q("[data-testid=create-gateway]"), { target: { value: "10.7.0.1" } });
    const full = recordedOk("planCreate", spec({ name: "web", subnet: "10.7.0.0/24", gateway: "10.7.0.1" }));
    expect(full.command).toContain("10.7.0.1");
    await waitFor(() => expect(command()).toBe(full.command));
  });

  it("shows macvlan's parent and mode fields, and explains the chosen driver", async () => {
    const { q } = setup(new ReplayBackend(), "lan");
    await waitFor(() => expect(q<HTMLSelectElement>("[data-testid=create-driver]").options.length).toBeGreaterThan(1));
    expect(document.querySelector("[data-testid=create-parent]")).toBeNull();
    await fireEvent.change(q("[data-testid=create-driver]"), { target: { value: "macvlan" } });
    await waitFor(() => expect(problemsAt("parent")).toEqual(["parentRequired"]));
    const macvlan = recordedOk("planCreate", spec({ name: "lan", driver: "macvlan" }));
    expect(macvlan.explanation).toBeTruthy();
    expect(q("[data-testid=create-explanation]").textContent).toContain(macvlan.explanation);
    await fireEvent.input(q("[data-testid=create-parent]"), { target: { value: "eth0" } });
    const withParent = recordedOk("planCreate", spec({ name: "lan", driver: "macvlan", parent: "eth0" }));
    expect(withParent.command).toContain("parent=eth0");
    await waitFor(() => expect(command()).toBe(withParent.command));
  });

  it("offers overlay only on a swarm manager, and says why otherwise", async () => {
    const { q } = setup();
    await waitFor(() => expect(q<HTMLSelectElement>("[data-testid=create-driver]").options.length).toBeGreaterThan(1));
    const overlay = [...q<HTMLSelectElement>("[data-testid=create-driver]").options].find((o) => o.value === "overlay")!;
    expect(overlay.disabled).toBe(true);
    const reason = recordedOk("createOptions", {}).drivers.find((d) => d.name === "overlay")?.reason;
    expect(reason).toBeTruthy();
    expect(q("[data-testid=create-unavailable]").textContent).toContain(reason);
  });

  it("keeps Tab inside the dialog", async () => {
    const { q } = setup(new ReplayBackend(), "web");
    await waitFor(() => expect(confirm().disabled).toBe(false));
    confirm().focus();
    await fireEvent.keyDown(confirm(), { key: "Tab" });
    expect(document.activeElement).toBe(q("[data-testid=create-name]"));
    await fireEvent.keyDown(q("[data-testid=create-name]"), { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(confirm());
  });

  it("closes on Escape without creating anything", async () => {
    const { q, fake, onClose, onDone } = setup(new ReplayBackend(), "web");
    await waitFor(() => expect(confirm().disabled).toBe(false));
    await fireEvent.keyDown(q("[data-testid=create-name]"), { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onDone).not.toHaveBeenCalled();
    expect(fake.calls.some((c) => c.command === "createNetwork")).toBe(false);
  });

  it("creates on Enter when the form is valid, and reports the outcome", async () => {
    const { q, fake, onDone } = setup(new ReplayBackend(), "web");
    await waitFor(() => expect(confirm().disabled).toBe(false));
    await fireEvent.keyDown(q("[data-testid=create-name]"), { key: "Enter" });
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(fake.calls.filter((c) => c.command === "createNetwork").map((c) => c.args)).toEqual([spec({ name: "web" })]);
    expect(onDone.mock.calls[0]?.[0]).toEqual(recordedOk("createNetwork", spec({ name: "web" })));
    expect(fake.state).toBe("created-web");
  });

  it("keeps the dialog and the input when the create is refused after all", async () => {
    const { q, fake, onDone, onClose } = setup();
    await fireEvent.input(q("[data-testid=create-name]"), { target: { value: "fresh" } });
    await fireEvent.input(q("[data-testid=create-subnet]"), { target: { value: "10.60.0.0/24" } });
    await waitFor(() => expect(confirm().disabled).toBe(false));
    // Someone else takes the name between the check and the click.
    fake.stage("freshTaken");
    await fireEvent.click(confirm());
    const refused = recordedError("createNetwork", spec({ name: "fresh", subnet: "10.60.0.0/24" }), "freshTaken");
    await waitFor(() => expect(q("[data-testid=create-error]").dataset.code).toBe(refused.code));
    expect(problemsAt("name")).toEqual(["nameTaken"]);
    expect(q("[data-testid=create-error]").textContent).toContain(refused.message);
    expect(q<HTMLInputElement>("[data-testid=create-name]").value).toBe("fresh");
    expect(q<HTMLInputElement>("[data-testid=create-subnet]").value).toBe("10.60.0.0/24");
    expect(q("[data-testid=create-dialog]")).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it("turns label rows into --label flags", async () => {
    const { q } = setup(new ReplayBackend(), "web");
    await fireEvent.click(q("[data-testid=create-labels-add]"));
    const [key, value] = document.querySelectorAll<HTMLInputElement>("[data-testid=create-labels-row] input");
    await fireEvent.input(key!, { target: { value: "team" } });
    await fireEvent.input(value!, { target: { value: "web" } });
    const labelled = recordedOk("planCreate", spec({ name: "web", labels: [{ key: "team", value: "web" }] }));
    expect(labelled.command).toContain("team=web");
    await waitFor(() => expect(command()).toBe(labelled.command));
  });
});
