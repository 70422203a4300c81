// The whole window under jsdom, replaying Rust's recorded answers (test/replayBackend.ts) with a fake graph
// view: outline, details, status, banner, test hook and in-place updates, as a user and an end-to-end
// test would see them.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { readable } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";

import { withExtraContainer } from "./demo/scenarios";
import App from "./App.svelte";
import type { TopologyDto } from "./lib/backend";
import { demoStatus, demoTopology } from "./test/demoTopology";
import { fakeViewFactory, ORIGIN } from "./test/fakeView";
import { recordedOk, ReplayBackend } from "./test/replayBackend";

afterEach(() => {
  cleanup();
  expect(ReplayBackend.takeMissed()).toEqual([]);
});

async function setup(backend = new ReplayBackend()) {
  const views = fakeViewFactory();
  const result = render(App, { props: { backend, viewFactory: views.factory, theme: readable("light" as const) } });
  const main = result.container.querySelector("main");
  if (!main) throw new Error("no <main>");
  return { backend, views, main, ...result };
}

const q = (selector: string) => document.querySelector<HTMLElement>(selector);

/** The sandbox topology with one change the sandbox does not have, staged as Rust's answer. */
function staged(change: (t: TopologyDto) => void): ReplayBackend {
  const t = demoTopology(1);
  change(t);
  const backend = new ReplayBackend();
  backend.answerWith("getTopology", { ok: t });
  return backend;
}

describe("App", () => {
  it("marks itself ready with the revision once the first topology is drawn", async () => {
    const { main, views } = await setup();
    await waitFor(() => expect(main.dataset.ready).toBe("true"));
    expect(main.dataset.revision).toBe("1");
    expect(views.views[0]?.updates.map((u) => u.revision)).toEqual([1]);
    expect(views.views[0]?.fits).toBe(1);
  });

  it("lists every node and edge in the outline as buttons", async () => {
    await setup();
    const t = demoTopology();
    await waitFor(() => expect(q('[data-node-id="host"]')).not.toBeNull());
    for (const n of t.nodes) expect(document.querySelectorAll(`button[data-node-id="${n.id}"]`)).toHaveLength(1);
    for (const e of t.edges) expect(document.querySelectorAll(`button[data-edge-id="${e.id}"]`)).toHaveLength(1);
  });

  it("shows a network's details when its outline entry is clicked", async () => {
    // Staged: no sandbox network is attachable, and the flag must show when one is.
    const { backend } = await setup(
      staged((t) => {
        const net = t.nodes.find((n) => n.id === "network:n-backend")?.network;
        if (net) net.attachable = true;
      }),
    );
    await waitFor(() => expect(q('[data-node-id="network:n-backend"]')).not.toBeNull());
    await fireEvent.click(q('[data-node-id="network:n-backend"]')!);
    const sent = demoTopology().nodes.find((n) => n.id === "network:n-backend")!.network!;
    const details = q("[data-testid=details]");
    expect(details?.dataset.selected).toBe("network:n-backend");
    // What the driver is for is the backend's paragraph (createOptions), whatever its words.
    const options = await backend.createOptions();
    const bridge = options.status === "ok" ? options.data.drivers.find((d) => d.name === "bridge")?.explanation : undefined;
    expect(bridge).toBeTruthy();
    await waitFor(() => expect(details?.querySelector("[data-field=driver]")?.textContent).toContain(bridge));
    expect(details?.querySelector("[data-field=driver] strong")?.textContent).toBe("bridge");
    expect(details?.querySelector("[data-field=scope]")?.textContent).toContain("local");
    const time = details?.querySelector("[data-field=created] time");
    expect(sent.created).toBeTruthy();
    expect(time?.getAttribute("datetime")).toBe(new Date(sent.created!).toISOString());
    expect(time?.textContent).toMatch(/ago|just now|in /);
    expect(details?.querySelector("[data-field=ipam]")?.textContent).toContain("10.214.10.0/24");
    expect(details?.querySelector('[data-flag=attachable]')?.getAttribute("data-on")).toBe("true");
    expect(details?.querySelector('[data-flag=internal]')?.getAttribute("data-on")).toBe("false");
    const rows = details?.querySelectorAll("[data-field=containers] tbody tr");
    expect(rows).toHaveLength(4);
    expect(details?.querySelector('[data-container-id="container:c-api"]')?.textContent).toContain("10.214.10.2");
  });

  it("shows a container's details when the graph reports a click on it", async () => {
    // Staged: the sandbox publishes no ports, and they must show when a container does.
    const { views } = await setup(
      staged((t) => {
        const c = t.nodes.find((n) => n.id === "container:c-gateway")?.container;
        if (c) c.ports = [{ privatePort: 80, publicPort: 8080, protocol: "tcp", ip: "0.0.0.0" }];
      }),
    );
    await waitFor(() => expect(views.views[0]).toBeDefined());
    views.views[0]!.click("container:c-gateway");
    await waitFor(() => expect(q("[data-testid=details]")?.dataset.selected).toBe("container:c-gateway"));
    const details = q("[data-testid=details]")!;
    expect(details.querySelector("[data-field=state]")?.textContent).toContain("running");
    expect(details.querySelector("[data-field=image]")?.textContent).toContain("netlens/busybox");
    expect(details.querySelector("[data-field=network-mode]")?.textContent).toContain("frontend");
    expect(details.querySelector("[data-field=ports]")?.textContent).toContain("0.0.0.0:8080 → 80/tcp");
    const endpoints = details.querySelector("[data-field=endpoints]")?.textContent ?? "";
    for (const ip of ["10.214.10.10/24", "10.214.40.10/24", "10.214.20.10/24"]) expect(endpoints).toContain(ip);
    // The renderer is told to highlight it.
    expect(views.views[0]!.selected).toEqual(["container:c-gateway"]);
  });

  it("explains the host node and which networks reach it", async () => {
    await setup();
    await waitFor(() => expect(q('[data-node-id="host"]')).not.toBeNull());
    await fireEvent.click(q('[data-node-id="host"]')!);
    const reached = q("[data-testid=details] [data-field=reached-by]")?.textContent ?? "";
    expect(reached).toContain("backend");
    expect(reached).toContain("host.docker.internal");
    expect(reached).not.toContain("vault");
  });

  it("shows endpoint details for an edge in the outline", async () => {
    // Staged: the engine's container list carries no aliases (demo.sh's `edge` shows through
    // networkAliases), and an endpoint's own must show when it does.
    await setup(
      staged((t) => {
        const ep = t.edges.find((e) => e.id === "endpoint:n-frontend:c-gateway")?.endpoint;
        if (ep) ep.aliases = ["edge"];
      }),
    );
    await waitFor(() => expect(q('[data-edge-id="endpoint:n-frontend:c-gateway"]')).not.toBeNull());
    await fireEvent.click(q('[data-edge-id="endpoint:n-frontend:c-gateway"]')!);
    const details = q("[data-testid=details]")!;
    expect(details.querySelector("[data-field=ipv4]")?.textContent).toContain("10.214.40.10/24");
    expect(details.querySelector("[data-field=aliases]")?.textContent).toContain("edge");
  });

  it("moves focus through the outline with the arrow keys and closes details with Escape", async () => {
    await setup();
    await waitFor(() => expect(q('[data-node-id="network:n-backend"]')).not.toBeNull());
    const first = q('[data-node-id="network:n-backend"]')!;
    first.focus();
    await fireEvent.keyDown(first, { key: "ArrowDown" });
    expect(document.activeElement?.getAttribute("data-node-id")).toBe("container:c-api");
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    expect(document.activeElement).toBe(first);
    await fireEvent.click(first);
    expect(q("[data-testid=details]")).not.toBeNull();
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(q("[data-testid=details]")).toBeNull();
    expect(q("[data-testid=legend]")).not.toBeNull();
  });

  it("opens the driver's documentation through the backend, not the webview", async () => {
    const { backend } = await setup();
    await waitFor(() => expect(q('[data-node-id="network:n-lan"]')).not.toBeNull());
    await fireEvent.click(q('[data-node-id="network:n-lan"]')!);
    const link = q("[data-field=driver] a")!;
    const notPrevented = await fireEvent.click(link);
    expect(notPrevented).toBe(false);
    expect(backend.opened).toEqual(["https://docs.docker.com/engine/network/drivers/macvlan/"]);
  });

  it("updates the graph in place on a new revision and keeps the selection", async () => {
    const { backend, views, main } = await setup();
    await waitFor(() => expect(main.dataset.revision).toBe("1"));
    await fireEvent.click(q('[data-node-id="network:n-backend"]')!);
    backend.emitTopology(withExtraContainer(demoTopology(2)));
    await waitFor(() => expect(main.dataset.revision).toBe("2"));
    expect(views.views).toHaveLength(1);
    expect(views.views[0]!.updates.map((u) => u.revision)).toEqual([1, 2]);
    expect(views.views[0]!.fits).toBe(1);
    expect(q('[data-node-id="container:c-cache"]')).not.toBeNull();
    expect(q("[data-testid=details] [data-field=containers]")?.textContent).toContain("cache");
  });

  it("shows the status bar with the sandbox badge", async () => {
    await setup();
    await waitFor(() => expect(q("[data-testid=status] [data-field=sandbox]")).not.toBeNull());
    const status = q("[data-testid=status]")!;
    expect(status.querySelector("[data-field=state]")?.textContent).toContain("Connected");
    const sent = recordedOk("getEngineStatus", {});
    expect(sent.engineVersion && sent.apiVersion && sent.sandboxReason).toBeTruthy();
    expect(status.querySelector("[data-field=context]")?.textContent).toContain(sent.context);
    expect(status.querySelector("[data-field=engine-version]")?.textContent).toContain(sent.engineVersion);
    expect(status.querySelector("[data-field=api-version]")?.textContent).toContain(sent.apiVersion);
    expect(status.querySelector("[data-field=sandbox]")?.textContent).toContain(`Sandbox engine — demo topology (${sent.sandboxReason})`);
  });

  it("says how many things an engine does not report (Podman's compatible API), listing them on hover", async () => {
    const { backend } = await setup();
    await waitFor(() => expect(q("[data-testid=status]")?.dataset.state).toBe("connected"));
    expect(q("[data-testid=status] [data-field=limits]")).toBeNull();
    const limits = ["Static addresses are never reported.", "There are no host and none networks."];
    backend.emitStatus(demoStatus({ engineVersion: "Podman 4.3.1", limits }));
    await waitFor(() => expect(q("[data-testid=status] [data-field=limits]")).not.toBeNull());
    const shown = q("[data-testid=status] [data-field=limits]")!;
    expect(shown.textContent).toContain("2 things this engine does not report");
    expect(shown.title).toBe(limits.join("\n"));
  });

  it("shows a banner while the engine is unreachable and removes it when it is back", async () => {
    const { backend } = await setup();
    await waitFor(() => expect(q("[data-testid=status]")?.dataset.state).toBe("connected"));
    expect(q("[data-testid=unreachable-banner]")).toBeNull();
    backend.emitStatus(demoStatus({ state: "unreachable", message: "connection refused", retryInSeconds: 5, sandbox: false }));
    await waitFor(() => expect(q("[data-testid=unreachable-banner]")).not.toBeNull());
    expect(q("[data-testid=unreachable-banner]")?.textContent).toMatch(/is gone.*retries by itself/s);
    expect(q("[data-testid=status] [data-field=state]")?.textContent).toMatch(/Unreachable, retrying in \d s/);
    expect(q("[data-testid=status] [data-field=sandbox]")).toBeNull();
    backend.emitStatus(demoStatus());
    await waitFor(() => expect(q("[data-testid=unreachable-banner]")).toBeNull());
  });

  it("shows loading until the first topology, then the graph", async () => {
    const backend = new ReplayBackend();
    // Rust's answer before it has read the engine.
    backend.state = "starting";
    const { main } = await setup(backend);
    await waitFor(() => expect(screen.getByTestId("loading")).toBeTruthy());
    expect(backend.calls.some((c) => c.command === "getTopology")).toBe(true);
    expect(main.dataset.ready).toBe("false");
    backend.emitTopology(demoTopology(1));
    await waitFor(() => expect(main.dataset.ready).toBe("true"));
    expect(q("[data-testid=loading]")).toBeNull();
  });

  it("says so when only the predefined networks exist", async () => {
    const t = demoTopology(1);
    const keep = new Set(["network:n-bridge", "network:n-host", "network:n-none", "host", "external"]);
    const bare = { revision: 1, nodes: t.nodes.filter((n) => keep.has(n.id)), edges: t.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
    const backend = new ReplayBackend();
    backend.answerWith("getTopology", { ok: bare });
    backend.answerWith("getEngineStatus", { ok: demoStatus({ sandbox: false }) });
    await setup(backend);
    await waitFor(() => expect(screen.getByTestId("empty").textContent).toContain("No networks of your own yet"));
  });

  it("shows the error with its hint when the topology cannot be read", async () => {
    const backend = new ReplayBackend();
    // A stand-in failure (Rust's get_topology only ever says notReady): the window shows any other error.
    backend.answerWith("getTopology", { error: { code: "engineRejected", message: "stand-in refusal", hint: "stand-in hint" } });
    await setup(backend);
    await waitFor(() => expect(screen.getByTestId("load-error").textContent).toContain("stand-in refusal"));
    expect(screen.getByTestId("load-error").textContent).toContain("stand-in hint");
  });

  it("installs the end-to-end test hook and removes it on unmount", async () => {
    const { main, unmount } = await setup();
    await waitFor(() => expect(main.dataset.ready).toBe("true"));
    const hook = window.__NETLENS_TEST__;
    expect(hook?.revision()).toBe(1);
    const vault = demoTopology().nodes.find((n) => n.id === "network:n-vault")!;
    expect(hook?.nodePosition("network:n-vault")).toEqual({ x: ORIGIN.x + vault.x, y: ORIGIN.y + vault.y });
    expect(hook?.nodePosition("network:nope")).toBeNull();
    hook?.select("network:n-vault");
    await waitFor(() => expect(q("[data-testid=details]")?.dataset.selected).toBe("network:n-vault"));
    expect(q("[data-testid=details] [data-field=reaches]")?.textContent).toContain("Internal network");
    unmount();
    expect(window.__NETLENS_TEST__).toBeUndefined();
  });
});
