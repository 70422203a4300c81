// Entry point of the demo preview (demo.html, built by `npm run build:demo` into dist-demo, never into
// dist): the real UI fed by a fake backend and the sandbox fixture. `?scenario=` picks a state to look
// at: loading, empty, unreachable, error, update (a container arrives after 1.5 s), or the default.
import "../app.css";

import { mount } from "svelte";

import App from "../App.svelte";
import { FakeBackend } from "../test/fakeBackend";
import { demoStatus, demoTopology } from "../test/demoTopology";
import { withExtraContainer } from "./scenarios";

const scenario = new URLSearchParams(location.search).get("scenario") ?? "default";
const backend = new FakeBackend(demoTopology(), demoStatus());

if (scenario === "loading") backend.topology = null;
if (scenario === "error") {
  backend.topology = null;
  backend.topologyError = { code: "engineRejected", message: "the engine refused the request (403): forbidden", hint: "Is your user in the docker group?" };
}
if (scenario === "empty") {
  const full = demoTopology();
  const keep = new Set(["network:n-bridge", "network:n-host", "network:n-none", "host", "external"]);
  backend.topology = {
    revision: 1,
    nodes: full.nodes.filter((n) => keep.has(n.id)),
    edges: full.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
  backend.status = demoStatus({ sandbox: false, context: "default", endpoint: "unix:///var/run/docker.sock", message: null });
}
if (scenario === "unreachable") {
  backend.status = demoStatus({
    state: "unreachable",
    sandbox: false,
    context: "default",
    endpoint: "unix:///var/run/docker.sock",
    message: "connection refused",
    retryInSeconds: 8,
  });
}
if (scenario === "update") {
  setTimeout(() => backend.emitTopology(withExtraContainer(demoTopology(2))), 1500);
}

const target = document.getElementById("app");
if (!target) throw new Error("demo.html has no #app element");
mount(App, { target, props: { backend } });
