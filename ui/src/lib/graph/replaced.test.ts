import { describe, expect, it } from "vitest";

import { withReplaced } from "./replaced";

class Thing {
  name(): string {
    return "prototype";
  }
}

describe("a member replaced for the length of a call", () => {
  it("is the replacement during the call, and the prototype's again after it, even when the call throws", () => {
    const t = new Thing();
    expect(withReplaced(t, "name", () => "replaced", () => t.name())).toBe("replaced");
    expect(t.name()).toBe("prototype");
    expect(Object.prototype.hasOwnProperty.call(t, "name")).toBe(false);
    expect(() => withReplaced(t, "name", () => "replaced", () => { throw new Error("boom"); })).toThrow("boom");
    expect(Object.prototype.hasOwnProperty.call(t, "name")).toBe(false);
  });

  it("puts back an object's own member as it was", () => {
    const own = () => "own";
    const t: { name?: () => string } = { name: own };
    withReplaced(t, "name", () => "replaced", () => undefined);
    expect(t.name).toBe(own);
  });
});
