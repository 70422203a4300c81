// Injected into the Netlens window by bench/measure.py after cytoscape.min.js: draws the same graph
// with cytoscape.js in a fresh full-window div on top of the app, as the frame-time reference.
// arguments[0]: { nodes: [{ id, label, kind, x, y }], edges: [{ id, source, target }] } — positions
//   are where Netlens drew each node, so both renderers show the same picture.
// arguments[1]: { webgl: boolean } — cytoscape's experimental WebGL renderer instead of its canvas one.
const graph = arguments[0];
const options = arguments[1] || {};
const old = document.getElementById("bench-cytoscape");
if (old) {
  if (window.__BENCH_CY__) window.__BENCH_CY__.destroy();
  old.remove();
}
const div = document.createElement("div");
div.id = "bench-cytoscape";
div.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:#fff";
document.body.appendChild(div);
const t0 = performance.now();
const cy = window.cytoscape({
  container: div,
  elements: {
    nodes: graph.nodes.map((n) => ({ data: { id: n.id, label: n.label, kind: n.kind }, position: { x: n.x, y: n.y } })),
    edges: graph.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target } })),
  },
  layout: { name: "preset", fit: true, padding: 20 },
  renderer: options.webgl ? { name: "canvas", webgl: true } : { name: "canvas" },
  style: [
    { selector: "node", style: { width: 8, height: 8, "background-color": "#64748b", label: "data(label)", "font-size": 6 } },
    { selector: "node[kind = 'network']", style: { width: 22, height: 22, "background-color": "#2563eb", "font-size": 9 } },
    { selector: "node[kind = 'reach']", style: { width: 26, height: 26, "background-color": "#a855f7" } },
    { selector: "edge", style: { width: 1, "line-color": "#94a3b8" } },
  ],
});
window.__BENCH_CY__ = cy;
return { nodes: cy.nodes().length, edges: cy.edges().length, ms: performance.now() - t0 };
