import { describe, expect, it } from "vitest";

import { DRIVER_KEYS } from "../vocabulary";
import { containerTone, PALETTES } from "./palette";

describe("palette", () => {
  it("gives every driver its own colour in both themes", () => {
    for (const palette of Object.values(PALETTES)) {
      const colours = DRIVER_KEYS.map((k) => palette.driver[k]);
      expect(new Set(colours).size).toBe(DRIVER_KEYS.length);
    }
  });

  it("greys out stopped containers and keeps running ones distinct", () => {
    expect(containerTone("running")).toBe("running");
    expect(containerTone("exited")).toBe("stopped");
    expect(containerTone("dead")).toBe("stopped");
    expect(containerTone("paused")).toBe("paused");
    expect(containerTone("restarting")).toBe("paused");
    for (const p of Object.values(PALETTES)) expect(p.container.running).not.toBe(p.container.stopped);
  });
});
