// Entry point of the demo preview (index.html in vite's demo mode, built by `npm run build:demo` into
// dist-demo, never into dist): the real UI replaying the answers Rust recorded for the sandbox
// (test/golden/, through test/replayBackend.ts), so it shows Rust's own rules and words; a question nobody
// recorded is answered with an error saying so. `?scenario=` picks a state to look at: loading, empty,
// unreachable, error, update (a container arrives after 1.5 s), or the default.
import "../app.css";

import { mount } from "svelte";

import App from "../App.svelte";
import { demoStatus, demoTopology } from "../test/demoTopology";
import { recordedGoldens, ReplayBackend } from "../test/replayBackend";
import { withExtraContainer } from "./scenarios";

const scenario = new URLSearchParams(location.search).get("scenario") ?? "default";
const backend = new ReplayBackend(recordedGoldens(), { onMissing: "answer", delayMs: 250 });
const elsewhere = { sandbox: false, context: "default", endpoint: "unix:///var/run/docker.sock", sandboxReason: null };

// Rust's answer before it has read the engine: the window waits.
if (scenario === "loading") backend.state = "starting";
if (scenario === "error") {
  // Staged: Rust's get_topology only ever answers notReady; this shows how any other failure reads.
  backend.answerWith("getTopology", {
    error: { code: "engineRejected", message: "(demo) the engine refused to list its networks", hint: "This scenario shows how a failed read is reported." },
  });
}
if (scenario === "empty") {
  const full = demoTopology();
  const keep = new Set(["network:n-bridge", "network:n-host", "network:n-none", "host", "external"]);
  backend.answerWith("getTopology", {
    ok: { revision: 1, nodes: full.nodes.filter((n) => keep.has(n.id)), edges: full.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) },
  });
  backend.answerWith("getEngineStatus", { ok: demoStatus(elsewhere) });
}
if (scenario === "unreachable") {
  backend.answerWith("getEngineStatus", { ok: demoStatus({ ...elsewhere, state: "unreachable", message: "connection refused", retryInSeconds: 8 }) });
}
if (scenario === "update") {
  setTimeout(() => backend.emitTopology(withExtraContainer(demoTopology(2))), 1500);
}

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
mount(App, { target, props: { backend } });
