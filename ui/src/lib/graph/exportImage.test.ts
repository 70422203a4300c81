// The SVG writer and the scene reader on hand-built data: a real SVG document (parsed back as XML), one shape
// per node in view, lines under nodes, labels only where the view shows them, colours an SVG 1.1 reader knows.
import Graph from "graphology";
import { describe, expect, it } from "vitest";

import { escapeXml, paint, sceneOf, sceneToSvg, type DrawnView, type Scene, type SceneNode } from "./exportImage";
import type { EdgeAttributes, NetlensGraph, NodeAttributes } from "./graphModel";

const node = (id: string, x: number, y: number, extra: Partial<SceneNode> = {}): SceneNode => ({
  id,
  at: { x, y },
  radius: 10,
  shape: "circle",
  color: "#2563eb",
  label: id,
  labelColor: "#0f172a",
  labelSize: 13,
  ...extra,
});

const scene = (over: Partial<Scene> = {}): Scene => ({
  width: 400,
  height: 300,
  background: "rgb(250, 251, 253)",
  font: "system-ui, 'Segoe UI', sans-serif",
  labelMargin: 6,
  nodes: [
    node("network:n-backend", 100, 100, { shape: "circle" }),
    node("container:c-api", 200, 150, { shape: "square", label: "api <main> & \"co\"", color: "#059669" }),
    node("host", 300, 100, { shape: "diamond", label: null }),
  ],
  edges: [
    { id: "endpoint:n-backend:c-api", from: { x: 100, y: 100 }, to: { x: 200, y: 150 }, color: "#2563eb99", width: 1.5, dashed: false, label: "10.214.10.2", labelColor: "#475569" },
    { id: "reach:n-backend:host", from: { x: 100, y: 100 }, to: { x: 300, y: 100 }, color: "#94a3b8", width: 1, dashed: true, label: null, labelColor: "#475569" },
  ],
  ...over,
});

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc;
}

describe("sceneToSvg", () => {
  it("writes a standalone SVG document with one shape per node, every line, and the background", () => {
    const doc = parse(sceneToSvg(scene()));
    const root = doc.documentElement;
    expect(root.tagName).toBe("svg");
    expect(root.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    expect(root.getAttribute("viewBox")).toBe("0 0 400 300");
    expect(doc.querySelector("rect.background")!.getAttribute("fill")).toBe("rgb(250, 251, 253)");
    const nodes = Array.from(doc.querySelectorAll(".node"));
    expect(nodes.map((n) => n.getAttribute("data-node-id"))).toEqual(["network:n-backend", "container:c-api", "host"]);
    expect(nodes.map((n) => n.tagName)).toEqual(["circle", "rect", "polygon"]);
    expect(doc.querySelector("circle.node")!.getAttribute("cx")).toBe("100");
    expect(doc.querySelector("circle.node")!.getAttribute("r")).toBe("10");
    expect(doc.querySelector("rect.node")!.getAttribute("x")).toBe("190");
    expect(doc.querySelector("polygon.node")!.getAttribute("points")).toBe("300,90 310,100 300,110 290,100");
    expect(doc.querySelectorAll("line.edge")).toHaveLength(2);
  });

  it("draws lines before nodes and labels last, as the renderer layers them", () => {
    const svg = sceneToSvg(scene());
    expect(svg.indexOf('<g class="edges"')).toBeLessThan(svg.indexOf('<g class="nodes"'));
    expect(svg.indexOf('<g class="nodes"')).toBeLessThan(svg.indexOf('<g class="labels"'));
  });

  it("writes only the labels the view shows, escaped, beside their node", () => {
    const doc = parse(sceneToSvg(scene()));
    const texts = Array.from(doc.querySelectorAll("text")).map((t) => t.textContent);
    expect(texts).toEqual(["10.214.10.2", "network:n-backend", 'api <main> & "co"']);
    const api = Array.from(doc.querySelectorAll("text")).find((t) => t.textContent?.startsWith("api"))!;
    expect(api.getAttribute("x")).toBe("216");
    expect(api.getAttribute("y")).toBe("150");
  });

  it("dashes paths out and splits translucent colours into colour and opacity", () => {
    const doc = parse(sceneToSvg(scene()));
    const [endpoint, reach] = Array.from(doc.querySelectorAll("line.edge"));
    expect(endpoint!.getAttribute("stroke")).toBe("#2563eb");
    expect(endpoint!.getAttribute("stroke-opacity")).toBe("0.6");
    expect(endpoint!.hasAttribute("stroke-dasharray")).toBe(false);
    expect(reach!.getAttribute("stroke-dasharray")).toBe("3 3");
    expect(reach!.hasAttribute("stroke-opacity")).toBe(false);
  });

  it("leaves out what lies wholly outside the picture", () => {
    const far = scene({
      nodes: [node("a", 50, 50), node("gone", 900, 50), node("edge-of-view", 405, 50)],
      edges: [{ id: "e", from: { x: 900, y: 50 }, to: { x: 1000, y: 60 }, color: "#000000", width: 1, dashed: false, label: "x", labelColor: "#000" }],
    });
    const doc = parse(sceneToSvg(far));
    expect(Array.from(doc.querySelectorAll(".node")).map((n) => n.getAttribute("data-node-id"))).toEqual(["a", "edge-of-view"]);
    expect(doc.querySelectorAll("line")).toHaveLength(0);
  });

  it("is an empty picture, still valid, for an empty view", () => {
    const doc = parse(sceneToSvg(scene({ nodes: [], edges: [] })));
    expect(doc.querySelectorAll(".node, line, text")).toHaveLength(0);
  });
});

describe("the helpers", () => {
  it("escape XML and read eight-digit colours", () => {
    expect(escapeXml(`a<b>&"c'`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
    expect(paint("#0000ff80")).toEqual({ color: "#0000ff", opacity: 0.502 });
    expect(paint("#123456")).toEqual({ color: "#123456", opacity: null });
    expect(paint("rgb(1, 2, 3)")).toEqual({ color: "rgb(1, 2, 3)", opacity: null });
  });
});

describe("sceneOf", () => {
  it("reads what the renderer draws: visible items at the camera, shapes from the graph, labels it shows", () => {
    const graph: NetlensGraph = new Graph<NodeAttributes, EdgeAttributes>({ type: "directed", multi: false });
    const attrs = (shape: NodeAttributes["shape"]) => ({ shape, labelSize: 12 }) as NodeAttributes;
    graph.addNode("network:n", attrs("circle"));
    graph.addNode("container:c", attrs("square"));
    graph.addNode("container:hidden", attrs("square"));
    graph.addEdge("network:n", "container:c", { dashSize: 0 } as EdgeAttributes);
    graph.addEdgeWithKey("reach:n:hidden", "network:n", "container:hidden", { dashSize: 4 } as EdgeAttributes);
    const drawn = {
      "network:n": { x: 0, y: 0, size: 15, color: "#2563eb", label: "backend", labelColor: "#000", labelSize: 13, visibility: "visible" as const },
      "container:c": { x: 1, y: 1, size: 7, color: "#059669", label: "api", labelColor: "#000", visibility: "visible" as const },
      "container:hidden": { x: 2, y: 2, size: 7, color: "#000", label: "x", labelColor: "#000", visibility: "hidden" as const },
    };
    const view: DrawnView = {
      getDimensions: () => ({ width: 640, height: 480 }),
      getNodeDisplayData: (id) => drawn[id as keyof typeof drawn],
      getEdgeDisplayData: () => ({ size: 1, color: "#2563eb99", label: "10.0.0.2", labelColor: "#333", visibility: "visible" }),
      getNodeDisplayedLabels: () => new Set(["network:n"]),
      getEdgeDisplayedLabels: () => new Set(),
      framedGraphToViewport: (p) => ({ x: 100 + p.x * 10, y: 50 + p.y * 10 }),
      scaleSize: (s = 1) => s * 2,
    };
    const s = sceneOf(view, graph, { background: "#fff", font: "sans-serif", labelMargin: 6 });
    expect(s.width).toBe(640);
    expect(s.nodes.map((n) => [n.id, n.at.x, n.at.y, n.radius, n.shape, n.label, n.labelSize])).toEqual([
      ["network:n", 100, 50, 30, "circle", "backend", 13],
      ["container:c", 110, 60, 14, "square", null, 12],
    ]);
    expect(s.edges).toHaveLength(1);
    expect(s.edges[0]).toMatchObject({ from: { x: 100, y: 50 }, to: { x: 110, y: 60 }, dashed: false, label: null, width: 2 });
  });
});
