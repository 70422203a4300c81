import { afterEach, describe, expect, it } from "vitest";

import { installTestHook, type NetlensTestHook } from "./testHook";

const hook: NetlensTestHook = {
  nodePosition: () => null,
  edgePosition: () => null,
  revision: () => 0,
  select: () => {},
  selectedIds: () => [],
  itemLook: () => "absent",
  exportTo: async () => ({ status: "error", error: { code: "notReady", message: "stand-in", hint: null } }),
  stagePng: () => null,
  frames: () => ({ whole: 0, clipped: 0, lastClipped: false }),
  misdrawnLines: () => [],
};

function automated(on: boolean) {
  Object.defineProperty(window.navigator, "webdriver", { value: on, configurable: true });
}

describe("the test hook", () => {
  afterEach(() => automated(true));

  it("is installed when a WebDriver session drives the page, and removed again", () => {
    automated(true);
    const remove = installTestHook(hook);
    expect(window.__NETLENS_TEST__?.revision()).toBe(0);
    remove();
    expect(window.__NETLENS_TEST__).toBeUndefined();
  });

  it("is never installed in a person's window", () => {
    automated(false);
    const remove = installTestHook(hook);
    expect(window.__NETLENS_TEST__).toBeUndefined();
    remove();
  });
});
