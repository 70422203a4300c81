import { get } from "svelte/store";
import { describe, expect, it } from "vitest";

import type { AppError, CreateOptionsDto, Result } from "../backend";
import { createDriverExplanations } from "./drivers";

const options: CreateOptionsDto = {
  swarmManager: false,
  drivers: [
    { name: "bridge", creatable: true, reason: null, explanation: "the backend's bridge paragraph" },
    { name: "null", creatable: false, reason: "predefined", explanation: "the backend's none paragraph" },
  ],
};

describe("driver explanations", () => {
  it("are the backend's paragraphs, asked for once", async () => {
    let asked = 0;
    const d = createDriverExplanations({ createOptions: async () => (asked++, { status: "ok", data: options }) });
    expect(get(d.explanations).size).toBe(0);
    await d.load();
    await d.load();
    expect(asked).toBe(1);
    expect(get(d.explanations).get("bridge")).toBe("the backend's bridge paragraph");
    expect(get(d.explanations).get("null")).toBe("the backend's none paragraph");
  });

  it("are asked for again after a failure", async () => {
    const error: AppError = { code: "engineUnreachable", message: "down", hint: null };
    const answers: Result<CreateOptionsDto, AppError>[] = [{ status: "error", error }, { status: "ok", data: options }];
    const d = createDriverExplanations({ createOptions: async () => answers.shift()! });
    await d.load();
    expect(get(d.explanations).size).toBe(0);
    await d.load();
    expect(get(d.explanations).size).toBe(2);
  });
});
