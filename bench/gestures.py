"""Frame times under real pointer input: pan and zoom gestures on Netlens's graph, and on cytoscape.js drawing
the same graph in the same webview (the reference renderer).

Owns the W3C action sequences, finding an empty spot to press on, and the cytoscape.js reference; the frame
recorder itself is page/frames.js, the reference page/cyref.js.
"""

import json
import os
import time

import webdriver
from common import log, read, screenshot
from stats import cpu_share, summary
from window import positions, rect_of


def pan_actions(spot, rect, seconds):
    """Press on the empty spot and move around a rectangle towards the middle, 50 ms per move."""
    cx, cy = (rect["left"] + rect["right"]) / 2, (rect["top"] + rect["bottom"]) / 2
    ax = 160 if cx > spot["x"] else -160
    ay = 120 if cy > spot["y"] else -120
    corners = [(0, 0), (ax, 0), (ax, ay), (0, ay)]
    moves = []
    for i in range(max(4, int(seconds * 1000 / 50))):
        leg, t = divmod(i, 5)
        (x0, y0), (x1, y1) = corners[leg % 4], corners[(leg + 1) % 4]
        f = (t + 1) / 5
        moves.append({"type": "pointerMove", "duration": 50, "origin": "viewport",
                      "x": round(spot["x"] + x0 + (x1 - x0) * f), "y": round(spot["y"] + y0 + (y1 - y0) * f)})
    # End on the far corner, not where it started, so the camera check sees the pan.
    moves.append({"type": "pointerMove", "duration": 50, "origin": "viewport",
                  "x": round(spot["x"] + ax), "y": round(spot["y"] + ay)})
    return [{
        "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
        "actions": [
            {"type": "pointerMove", "duration": 0, "origin": "viewport", "x": spot["x"], "y": spot["y"]},
            {"type": "pointerDown", "button": 0},
            {"type": "pause", "duration": 50},
            *moves,
            {"type": "pointerUp", "button": 0},
        ],
    }]


def zoom_actions(rect, seconds):
    """Wheel notches at the middle, one every 100 ms: in for 60 % of the time, then back out (ending zoomed
    in a little, so that the camera check sees a change). Each notch is a scroll of duration 0 followed by
    a pause: WebKitWebDriver delivers a scroll that has a duration as one or two events at its end."""
    cx, cy = round((rect["left"] + rect["right"]) / 2), round((rect["top"] + rect["bottom"]) / 2)
    steps = max(2, int(seconds * 1000 / 100))
    acts = []
    for i in range(steps):
        acts.append({"type": "scroll", "origin": "viewport", "x": cx, "y": cy, "deltaX": 0,
                     "deltaY": -120 if i < steps * 0.6 else 120, "duration": 0})
        acts.append({"type": "pause", "duration": 100})
    return [{"type": "wheel", "id": "wheel", "actions": acts}]


def frames(w, sources):
    """Frame gaps during the gesture, and the CPU the app's processes used meanwhile: at the display's pace
    (a tick every ~16.1 ms here, see stats.PACE_MS) every renderer's gaps are 16-17 ms whatever a frame
    costs, while the CPU still tells how much room is left. Per second of gesture, not only per frame: a
    renderer that also draws on input events (cytoscape.js) has more, cheaper frames."""
    w.s.execute("window.__BENCH__.startFrames(); return true;")
    cpu0 = webdriver.app_cpu_ms(w.pid)
    t0 = time.time()
    w.s.actions(sources)
    wall = time.time() - t0
    cpu = webdriver.app_cpu_ms(w.pid) - cpu0
    r = w.s.execute("return window.__BENCH__.stopFrames();")
    return {**summary(r["gaps"]), "frames": r["frames"], "gesture_s": wall, "events": r["events"], "gaps": r["gaps"],
            "cpu_ms": cpu, "cpu_ms_per_frame": cpu / r["frames"] if r["frames"] else None}


def cpu_text(g):
    share, per_frame = cpu_share(g), g.get("cpu_ms_per_frame")
    if share is None or per_frame is None:
        return "the app's CPU not measured"
    return f"the app's CPU {share:.0f} % of a core, {per_frame:.1f} ms per frame"


def dialogs_open(w):
    """How many dialogs (or a running operation) the window shows: a gesture that pressed on something would
    have opened one."""
    return w.s.execute(
        "return document.querySelectorAll('[role=dialog], [role=alertdialog], dialog[open], main[data-busy=\"true\"]').length;")


def gestures(w, spot, rect, pan_s, zoom_s, label, camera):
    """Pan then zoom frame gaps; `camera` is a script returning something that changes when the view moves
    (so a gesture that did nothing shows up as `moved: false`)."""
    out = {"spot": spot}
    try:
        before = w.s.execute(camera)
        out["pan"] = frames(w, pan_actions(spot, rect, pan_s))
        out["pan"]["moved"] = w.s.execute(camera) != before
        log(f"{label}: pan frames p50 {out['pan']['p50']:.1f} ms, p95 {out['pan']['p95']:.1f} ms "
            f"({out['pan']['frames']} frames in {out['pan']['gesture_s']:.1f} s, {cpu_text(out['pan'])})")
    except Exception as e:  # noqa: BLE001 — report what failed, keep measuring the rest
        out["pan_error"] = str(e)
        log(f"{label}: pan failed: {e}")
    time.sleep(0.5)
    try:
        before = w.s.execute(camera)
        out["zoom"] = frames(w, zoom_actions(rect, zoom_s))
        out["zoom"]["moved"] = w.s.execute(camera) != before
        log(f"{label}: zoom frames p50 {out['zoom']['p50']:.1f} ms, p95 {out['zoom']['p95']:.1f} ms "
            f"({out['zoom']['frames']} frames in {out['zoom']['gesture_s']:.1f} s, {cpu_text(out['zoom'])})")
    except Exception as e:  # noqa: BLE001
        out["zoom_error"] = str(e)
        log(f"{label}: zoom failed: {e}")
    # A press that landed on something would have opened a dialog or started an operation.
    out["dialogs_after"] = dialogs_open(w)
    if out["dialogs_after"]:
        log(f"{label}: WARNING: a dialog or an operation is open after the gestures")
    return out


def drag_actions(start, spot, rect, seconds):
    """Press on a container and drag it across the middle of the graph, over the hubs, 50 ms per move,
    then release on the empty spot: a drop there does nothing (no connection, no form)."""
    cx, cy = (rect["left"] + rect["right"]) / 2, (rect["top"] + rect["bottom"]) / 2
    w, h = (rect["right"] - rect["left"]) * 0.3, (rect["bottom"] - rect["top"]) * 0.3
    n = max(4, int(seconds * 1000 / 50))
    rows = -(-n // 20)
    moves = []
    for i in range(n):
        # A zigzag over the middle third: left to right on each row, row by row downwards.
        row, col = divmod(i, 20)
        x = cx - w / 2 + w * (col if row % 2 == 0 else 19 - col) / 19
        y = cy - h / 2 + h * (row / max(1, rows - 1) if rows > 1 else 0.5)
        moves.append({"type": "pointerMove", "duration": 50, "origin": "viewport", "x": round(x), "y": round(y)})
    moves.append({"type": "pointerMove", "duration": 50, "origin": "viewport", "x": spot["x"], "y": spot["y"]})
    return [{
        "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
        "actions": [
            {"type": "pointerMove", "duration": 0, "origin": "viewport", "x": round(start["x"]), "y": round(start["y"])},
            {"type": "pointerDown", "button": 0},
            {"type": "pause", "duration": 50},
            *moves,
            {"type": "pointerUp", "button": 0},
        ],
    }]


def drag(w, export, spot, rect, seconds):
    """Frame gaps while a container is dragged over the hubs (drop targets marked, the hub under the pointer
    changing): the gesture Netlens exists for. No reference draws drop targets, so this one stands alone."""
    running = [c for c in export["containers"] if c.get("state") == "running"] or export["containers"]
    ids = [f"container:{c['id']}" for c in running]
    cx, cy = (rect["left"] + rect["right"]) / 2, (rect["top"] + rect["bottom"]) / 2
    inside = [(i, p) for i, p in positions(w, ids) if p and rect["left"] < p["x"] < rect["right"]
              and rect["top"] < p["y"] < rect["bottom"]]
    if not inside:
        return {"error": "no container drawn inside the canvas to drag"}
    _, start = min(inside, key=lambda ip: (ip[1]["x"] - cx) ** 2 + (ip[1]["y"] - cy) ** 2)
    try:
        out = frames(w, drag_actions(start, spot, rect, seconds))
    except Exception as e:  # noqa: BLE001 — report what failed, keep measuring the rest
        log(f"netlens: drag failed: {e}")
        return {"error": str(e)}
    out["dialogs_after"] = dialogs_open(w)
    log(f"netlens: drag frames p50 {out['p50']:.1f} ms, p95 {out['p95']:.1f} ms ({out['frames']} frames in "
        f"{out['gesture_s']:.1f} s, {cpu_text(out)})")
    if out["dialogs_after"]:
        log("netlens: WARNING: a dialog or an operation is open after the drag")
    return out


def netlens_camera(ids):
    """A script returning where a few nodes are drawn: it changes whenever the camera moves."""
    return "const h = window.__NETLENS_TEST__; return %s.map((id) => h.nodePosition(id));" % json.dumps(ids[:3])


def netlens_spot(w, ids, export):
    """An empty spot on the canvas: away from every node and every drawn line (pressing on a line would
    start pulling it, i.e. a disconnect)."""
    rect = rect_of(w, "[data-testid=graph]")
    where = {i: p for i, p in positions(w, ids) if p}
    pairs = [(f"network:{e['networkId']}", f"container:{e['containerId']}") for e in export["endpoints"]]
    pairs += [(f"network:{r['networkId']}", r["target"]) for r in export["reach"]]
    segs = [[where[a], where[b]] for a, b in pairs if a in where and b in where]
    spot = w.s.execute("return window.__BENCH__.emptySpot(arguments[0], arguments[1], 30, arguments[2]);",
                       rect, list(where.values()), segs)
    if spot is None:
        raise RuntimeError("no empty spot on the canvas to press on")
    return spot, rect


def cytoscape(w, export, ids, pan_s, zoom_s, out, webgl):
    pts = {i: p for i, p in positions(w, ids) if p}
    nodes = []
    for n in export["networks"]:
        p = pts.get(f"network:{n['id']}")
        if p:
            nodes.append({"id": f"network:{n['id']}", "label": n["name"], "kind": "network", **p})
    for c in export["containers"]:
        p = pts.get(f"container:{c['id']}")
        if p:
            nodes.append({"id": f"container:{c['id']}", "label": c["name"], "kind": "container", **p})
    for r in ("host", "external"):
        if r in pts:
            nodes.append({"id": r, "label": r, "kind": "reach", **pts[r]})
    have = {x["id"] for x in nodes}
    edges = []
    for e in export["endpoints"]:
        s, t = f"network:{e['networkId']}", f"container:{e['containerId']}"
        if s in have and t in have:
            edges.append({"id": f"endpoint:{e['networkId']}:{e['containerId']}", "source": s, "target": t})
    for r in export["reach"]:
        s = f"network:{r['networkId']}"
        if s in have and r["target"] in have:
            edges.append({"id": f"reach:{r['networkId']}:{r['target']}", "source": s, "target": r["target"]})
    if not w.s.execute("return typeof window.cytoscape === 'function';"):
        w.s.execute(read("node_modules/cytoscape/dist/cytoscape.min.js") + "\nreturn true;")
    drawn = w.s.execute(read("page/cyref.js"), {"nodes": nodes, "edges": edges}, {"webgl": webgl})
    w.s.execute_async("const done = arguments[arguments.length - 1];"
                      "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));")
    label = "cytoscape webgl" if webgl else "cytoscape canvas"
    log(f"{label}: {drawn['nodes']} nodes, {drawn['edges']} edges, built in {drawn['ms']:.0f} ms")
    rect = rect_of(w, "#bench-cytoscape")
    cpts = w.s.execute("return window.__BENCH_CY__.nodes().map((n) => n.renderedPosition());")
    csegs = w.s.execute("return window.__BENCH_CY__.edges().map((e) => "
                        "[e.source().renderedPosition(), e.target().renderedPosition()]);")
    spot = w.s.execute("return window.__BENCH__.emptySpot(arguments[0], arguments[1], 30, arguments[2]);",
                       rect, cpts, csegs)
    shot = screenshot(os.path.join(out, "cytoscape-webgl.png" if webgl else "cytoscape.png"))
    # Zooming in then out by the same steps can land where it started: compare the pan too.
    g = gestures(w, spot, rect, pan_s, zoom_s, label,
                 "const c = window.__BENCH_CY__; return [c.pan().x, c.pan().y, c.zoom()];")
    version = w.s.execute("return window.cytoscape.version || null;")
    w.s.execute("window.__BENCH_CY__.destroy(); document.getElementById('bench-cytoscape').remove(); return true;")
    return {**g, "drawn": drawn, "version": version, "screenshot": shot}
