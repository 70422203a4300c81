// The engine switcher over Rust's recorded answers (golden/listEngines.json and friends: the sandbox shown,
// the `default` context, a `lab` context over ssh, a saved Podman socket); Rust's words are read from
// golden/, never retyped.
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

import { recordedError, recordedOk, ReplayBackend } from "../../test/replayBackend";
import { createEngines, emptyEngineForm } from "./engines";
import EnginesDialog from "./EnginesDialog.svelte";

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

const q = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel);
const choice = (id: string) => q(`[data-testid=engine-choice][data-engine-id='${id}']`);

async function setup() {
  const fake = new ReplayBackend();
  const switched = vi.fn<(leftRevision: number, name: string) => void>();
  const engines = createEngines(fake, switched, 0);
  await engines.show();
  render(EnginesDialog, { props: { engines } });
  return { fake, engines, switched };
}

describe("EnginesDialog", () => {
  it("lists the docker contexts, the saved engines and the sandbox, the shown one marked", async () => {
    await setup();
    const list = recordedOk("listEngines", {});
    const ids = [...document.querySelectorAll<HTMLElement>("[data-testid=engine-choice]")].map((e) => e.dataset.engineId);
    expect(ids).toEqual(list.choices.map((c) => c.id));
    expect(choice("sandbox")?.dataset.current).toBe("true");
    expect(choice("sandbox")?.querySelector("[data-testid=engine-switch]")).toHaveProperty("disabled", true);
    expect(choice("context:lab")?.textContent).toContain("ssh://me@lab.example");
    expect(choice("saved:podman")?.querySelector("[data-testid=engine-remove]")).not.toBeNull();
    expect(choice("context:lab")?.querySelector("[data-testid=engine-remove]")).toBeNull();
  });

  it("switches and tells the window which revision belonged to the engine left", async () => {
    const { switched, fake, engines } = await setup();
    await fireEvent.click(choice("context:lab")!.querySelector("[data-testid=engine-switch]")!);
    const answer = recordedOk("switchEngine", { id: "context:lab" });
    await waitFor(() => expect(switched).toHaveBeenCalledWith(answer.leftRevision, "lab"));
    expect(fake.calls.map((c) => c.command)).toEqual(["listEngines", "switchEngine"]);
    let open = true;
    engines.open.subscribe((o) => (open = o))();
    expect(open).toBe(false);
  });

  it("shows Rust's refusal of a switch and stays open", async () => {
    const { engines, switched } = await setup();
    expect(await engines.switchTo("saved:gone")).toBe(false);
    const refusal = recordedError("switchEngine", { id: "saved:gone" });
    await waitFor(() => expect(q("[data-testid=engines-error]")?.dataset.code).toBe(refusal.code));
    expect(q("[data-testid=engines-error]")?.textContent).toContain(refusal.message);
    expect(switched).not.toHaveBeenCalled();
  });

  it("checks the add form as it is typed, shows problems by field and saves a good engine", async () => {
    await setup();
    await fireEvent.click(q("[data-testid=engine-add]")!);
    await fireEvent.change(q("[data-testid=engine-kind]")!, { target: { value: "ssh" } });
    await fireEvent.input(q("[data-testid=engine-name]")!, { target: { value: "podman" } });
    await fireEvent.input(q("[data-testid=engine-address]")!, { target: { value: "-oProxyCommand=x" } });
    const bad = recordedOk("planEngine", { form: { ...emptyEngineForm("ssh"), name: "podman", address: "-oProxyCommand=x" } });
    await waitFor(() => expect(document.querySelectorAll("[data-testid=engine-problem]")).toHaveLength(bad.problems.length));
    const shown = [...document.querySelectorAll<HTMLElement>("[data-testid=engine-problem]")].map((p) => [p.dataset.field, p.dataset.code]);
    expect(shown).toEqual(bad.problems.map((p) => [p.field, p.code]));
    expect(q<HTMLButtonElement>("[data-testid=engine-save]")!.disabled).toBe(true);

    await fireEvent.input(q("[data-testid=engine-name]")!, { target: { value: "lab2" } });
    await fireEvent.input(q("[data-testid=engine-address]")!, { target: { value: "me@lab2.example" } });
    await waitFor(() => expect(q("[data-testid=engine-host]")?.textContent).toBe("ssh://me@lab2.example"));
    await fireEvent.click(q("[data-testid=engine-save]")!);
    await waitFor(() => expect(choice("saved:lab2")).not.toBeNull());
    expect(q("[data-testid=engine-form]")).toBeNull();
  });
});
