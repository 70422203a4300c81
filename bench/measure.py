#!/usr/bin/env python3
"""Measures Netlens against issue 9's targets on the engine named by DOCKER_HOST; writes results.json.

Owns the measurements only: the engine and the topology are set up by bench.sh / topology.py, the report
is written by report.py. Needs an X display (bench.sh runs it under xvfb-run), tauri-driver, hyperfine,
curl and the docker CLI. Every process it starts is ended before it returns (see webdriver.Driver.stop).

Clocks: the page stamps events with performance.timeOrigin + performance.now() (the test hook's clock()),
the harness with time.time(); their offset is measured through WebDriver and subtracted.
"""

import argparse
import json
import os
import shlex
import statistics
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback

import webdriver
from webdriver import Driver

HERE = os.path.dirname(os.path.abspath(__file__))


def log(*a):
    print("measure:", *a, file=sys.stderr, flush=True)


def pct(values, p):
    """The p-th percentile (nearest rank) of `values`; None when empty."""
    v = sorted(x for x in values if x is not None)
    if not v:
        return None
    k = max(0, min(len(v) - 1, int(round(p / 100 * len(v) + 0.5)) - 1))
    return v[k]


def summary(values):
    v = [x for x in values if x is not None]
    return {
        "n": len(v),
        "p50": statistics.median(v) if v else None,
        "p95": pct(v, 95),
        "min": min(v) if v else None,
        "max": max(v) if v else None,
    }


def read(path):
    with open(os.path.join(HERE, path)) as f:
        return f.read()


# ---------------------------------------------------------------------------------------------------
# Snapshot: netlens export vs the two raw list requests vs the docker CLI picture


def snapshot(app, runs, out, env):
    sock = env["DOCKER_HOST"][len("unix://"):]
    api = json.loads(subprocess.check_output(["docker", "version", "--format", "{{json .Server.APIVersion}}"], env=env))
    cmds = {
        "netlens export": f"{shlex.quote(app)} export >/dev/null",
        "curl: the two list requests": (
            f"curl -sf --unix-socket {shlex.quote(sock)} -o /dev/null http://localhost/v{api}/networks"
            f" -o /dev/null 'http://localhost/v{api}/containers/json?all=true'"
        ),
        "docker CLI: inspect every network and container": (
            "docker network inspect $(docker network ls -q) >/dev/null && docker inspect $(docker ps -aq) >/dev/null"
        ),
    }
    path = os.path.join(out, "hyperfine.json")
    argv = ["hyperfine", "--style", "basic", "--warmup", "2", "--runs", str(runs), "--export-json", path]
    for name, cmd in cmds.items():
        argv += ["-n", name, cmd]
    log("hyperfine:", " ".join(shlex.quote(a) for a in argv))
    subprocess.run(argv, env=env, check=True, stdout=sys.stderr)
    with open(path) as f:
        h = json.load(f)
    res = {}
    for r in h["results"]:
        res[r["command"]] = {
            "median_s": r["median"], "mean_s": r["mean"], "stddev_s": r["stddev"], "min_s": r["min"],
            "max_s": r["max"], "p95_s": pct(r["times"], 95), "runs": len(r["times"]), "cmd": cmds[r["command"]],
        }
    # Whole-process figures of one export (/usr/bin/time -v): peak RSS and wall time.
    t = subprocess.run(["/usr/bin/time", "-v", app, "export"], env=env, capture_output=True, text=True, check=True)
    with open(os.path.join(out, "export.json"), "w") as f:
        f.write(t.stdout)
    for line in t.stderr.splitlines():
        line = line.strip()
        if line.startswith("Maximum resident set size"):
            res["netlens export"]["max_rss_kb"] = int(line.split(":")[1])
        if line.startswith("Elapsed (wall clock)"):
            res["netlens export"]["time_v_elapsed"] = line.split(": ", 1)[1]
    return {"commands": res, "api_version": api}


# ---------------------------------------------------------------------------------------------------
# The window


class Window:
    """One app launch through tauri-driver, with the page's clock tied to ours."""

    def __init__(self, app, env, out, name):
        # The app's own data and config folders per launch: what the webview remembers (filters, collapsed
        # projects) must not change what is measured, nor may the bench touch a person's settings. The cache
        # stays shared, so launches are timed as a person's second launch is.
        self.home = tempfile.mkdtemp(prefix="netlens-bench-home-")
        xdg = {f"XDG_{k}_HOME": os.path.join(self.home, k.lower()) for k in ("DATA", "CONFIG")}
        self.driver = Driver(app, {**env, **xdg}, os.path.join(out, f"driver-{name}.log"))
        self.requested = time.time()
        self.s = self.driver.session()
        self.pid = None
        deadline = time.time() + 30
        while self.pid is None and time.time() < deadline:
            self.pid = self.driver.app_pid()
            if self.pid is None:
                time.sleep(0.05)
        if self.pid is None:
            raise RuntimeError("the app process did not appear")
        self.spawned = webdriver.process_start_wall(self.pid)
        self.skew_ms = None

    def tie_clocks(self, probe="return window.__NETLENS_TEST__ ? window.__NETLENS_TEST__.clock() : null;"):
        """page clock − host clock, in ms (the best of a few round trips)."""
        best = None
        for _ in range(7):
            a = time.time()
            v = self.s.execute(probe)
            b = time.time()
            if v is None:
                return None
            rtt = (b - a) * 1000
            skew = v - (a + b) / 2 * 1000
            if best is None or rtt < best[0]:
                best = (rtt, skew)
        self.skew_ms = best[1]
        return {"skew_ms": best[1], "rtt_ms": best[0]}

    def host_ms(self, page_ms):
        return page_ms - self.skew_ms

    def close(self):
        try:
            self.s.close()
        finally:
            self.driver.stop()
            shutil.rmtree(self.home, ignore_errors=True)


def wait_ready(w, limit):
    v = w.s.wait_js("return document.querySelector('main[data-ready=\"true\"]') !== null;", limit, 0.1)
    if not v:
        raise RuntimeError(f"main[data-ready=true] did not appear within {limit} s")
    w.tie_clocks()
    first = w.s.wait_js(
        "const t = window.__NETLENS_TEST__.drawTimes().find((t) => t.revision > 0);"
        "return t && t.painted !== null ? t : null;", limit, 0.05)
    if not first:
        raise RuntimeError("the first revision was never painted")
    return {
        "spawn_to_painted_s": (w.host_ms(first["painted"]) / 1000) - w.spawned,
        "spawn_to_revision_s": (w.host_ms(first["at"]) / 1000) - w.spawned,
        "session_request_to_painted_s": (w.host_ms(first["painted"]) / 1000) - w.requested,
        "revision": first["revision"],
    }


def node_ids(export):
    ids = [f"network:{n['id']}" for n in export["networks"]]
    ids += [f"container:{c['id']}" for c in export["containers"]]
    return ids + ["host", "external"]


def positions(w, ids):
    return w.s.execute(
        "const h = window.__NETLENS_TEST__; return arguments[0].map((id) => [id, h.nodePosition(id)]);", ids
    )


def rect_of(w, css):
    return w.s.execute(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };", css
    )


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
    w.s.execute("window.__BENCH__.startFrames(); return true;")
    t0 = time.time()
    w.s.actions(sources)
    wall = time.time() - t0
    r = w.s.execute("return window.__BENCH__.stopFrames();")
    return {**summary(r["gaps"]), "frames": r["frames"], "gesture_s": wall, "events": r["events"], "gaps": r["gaps"]}


def gestures(w, spot, rect, pan_s, zoom_s, label, camera):
    """Pan then zoom frame gaps; `camera` is a script returning something that changes when the view moves
    (so a gesture that did nothing shows up as `moved: false`)."""
    out = {"spot": spot}
    try:
        before = w.s.execute(camera)
        out["pan"] = frames(w, pan_actions(spot, rect, pan_s))
        out["pan"]["moved"] = w.s.execute(camera) != before
        log(f"{label}: pan frames p50 {out['pan']['p50']:.1f} ms, p95 {out['pan']['p95']:.1f} ms "
            f"({out['pan']['frames']} frames in {out['pan']['gesture_s']:.1f} s)")
    except Exception as e:  # noqa: BLE001 — report what failed, keep measuring the rest
        out["pan_error"] = str(e)
        log(f"{label}: pan failed: {e}")
    time.sleep(0.5)
    try:
        before = w.s.execute(camera)
        out["zoom"] = frames(w, zoom_actions(rect, zoom_s))
        out["zoom"]["moved"] = w.s.execute(camera) != before
        log(f"{label}: zoom frames p50 {out['zoom']['p50']:.1f} ms, p95 {out['zoom']['p95']:.1f} ms "
            f"({out['zoom']['frames']} frames in {out['zoom']['gesture_s']:.1f} s)")
    except Exception as e:  # noqa: BLE001
        out["zoom_error"] = str(e)
        log(f"{label}: zoom failed: {e}")
    # A press that landed on something would have opened a dialog or started an operation.
    out["dialogs_after"] = w.s.execute(
        "return document.querySelectorAll('[role=dialog], [role=alertdialog], dialog[open], main[data-busy=\"true\"]').length;")
    if out["dialogs_after"]:
        log(f"{label}: WARNING: a dialog or an operation is open after the gestures")
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


def changes(w, topo, n, env, timeout, give_up=4, give_up_total=10):
    """n CLI changes, alternately connect and disconnect, each timed to the frame that shows it. Stops
    early after `give_up` changes in a row, or `give_up_total` in all, that are never drawn (each costs
    the whole timeout)."""
    running = [c for c in topo["containers"] if c["running"]]
    nets = topo["networks"]
    net_ids = {x["name"]: x["id"] for x in nets}
    rows = []
    k = 0
    misses = 0
    total_misses = 0
    for p in range((n + 1) // 2):
        c = running[p % len(running)]
        base = [x["name"] for x in nets].index(c["networks"][0])
        j = (base + len(nets) // 2 + p * 13) % len(nets)
        while nets[j]["name"] in c["networks"]:
            j = (j + 1) % len(nets)
        net = nets[j]["name"]
        edge = f"endpoint:{net_ids[net]}:{c['id']}"
        for verb, want in (("connect", True), ("disconnect", False)):
            if k >= n and verb == "connect":
                break
            measured = k < n and misses < give_up and total_misses < give_up_total
            already = w.s.execute("return window.__BENCH__.watchPresence(arguments[0], arguments[1]);", edge, want)
            t0 = time.time()
            subprocess.run(["docker", "network", verb, net, c["name"]], env=env, check=True,
                           stdout=subprocess.DEVNULL)
            t1 = time.time()
            seen = w.s.wait_js(
                "const r = window.__BENCH__.watched(); return r && r.painted !== null ? r : null;",
                timeout if measured else 5, 0.02,
            )
            if measured:
                row = {"verb": verb, "edge": edge, "cli_s": t1 - t0, "present_before": already}
                if seen:
                    painted = w.host_ms(seen["painted"]) / 1000
                    row.update(after_return_ms=(painted - t1) * 1000, from_start_ms=(painted - t0) * 1000,
                               seen_ms=(w.host_ms(seen["at"]) / 1000 - t1) * 1000,
                               revision=w.s.execute("return window.__NETLENS_TEST__.revision();"))
                    misses = 0
                else:
                    misses += 1
                    total_misses += 1
                    row["missed"] = f"not drawn within {timeout:.0f} s"
                    row["revision_now"] = w.s.execute("return window.__NETLENS_TEST__.revision();")
                    row["ends_drawn"] = w.s.execute(
                        "const h = window.__NETLENS_TEST__; return [h.nodePosition(arguments[0]), h.nodePosition(arguments[1])];",
                        f"network:{net_ids[net]}", f"container:{c['id']}")
                    row["engine_says"] = subprocess.run(
                        ["docker", "inspect", "-f", "{{.State.Status}} {{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}",
                         c["name"]], env=env, capture_output=True, text=True).stdout.strip()
                    log(f"change {k + 1} ({verb} {net} {c['name']}) not drawn within {timeout:.0f} s; "
                        f"revision now {row['revision_now']}, ends drawn at {row['ends_drawn']}, "
                        f"engine: {row['engine_says']}")
                    if misses == give_up or total_misses == give_up_total:
                        log(f"{misses} changes in a row, {total_misses} in all, never drawn: giving up on the rest")
                        row["gave_up"] = True
                rows.append(row)
            if k < n:
                k += 1
            time.sleep(0.2)
        if misses >= give_up or total_misses >= give_up_total:
            # Leave the engine as the spec says (the pair's disconnect ran above).
            break
    return rows


def settle_memory(w, seconds):
    time.sleep(seconds)
    return webdriver.memory(w.pid)


def screenshot(path):
    r = subprocess.run(["import", "-window", "root", path], capture_output=True)
    return path if r.returncode == 0 else None


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


def main_window(a, env, export, topo, res):
    ids = node_ids(export)
    w = Window(a.app, env, a.out, "main")
    try:
        res["first_draw"] = [wait_ready(w, a.ready_timeout)]
        res["clock"] = w.tie_clocks()
        log(f"first graph painted {res['first_draw'][0]['spawn_to_painted_s']:.2f} s after spawn "
            f"(page clock skew {res['clock']['skew_ms']:.1f} ms, rtt {res['clock']['rtt_ms']:.1f} ms)")
        w.s.execute(read("page/frames.js"))
        res["memory"] = {"netlens": settle_memory(w, a.settle)}
        log(f"memory: {res['memory']['netlens']['rss_kb'] / 1024:.0f} MB RSS, "
            f"{res['memory']['netlens']['pss_kb'] / 1024:.0f} MB PSS")
        res["screenshot"] = screenshot(os.path.join(a.out, f"{a.mode}.png"))
        present = w.s.execute(
            "const h = window.__NETLENS_TEST__; return arguments[0].filter((id) => h.nodePosition(id) !== null).length;",
            ids,
        )
        res["drawn_nodes"] = {"drawn": present, "in_export": len(ids)}
        first = next(e for e in export["endpoints"])
        probe = f"endpoint:{first['networkId']}:{first['containerId']}"
        if w.s.execute("return window.__NETLENS_TEST__.edgePosition(arguments[0]) !== null;", probe) is not True:
            raise RuntimeError(f"edge id scheme changed: {probe} is not drawn")

        log(f"{a.changes} CLI changes…")
        res["changes"] = changes(w, topo, a.changes, env, a.change_timeout)
        ok = [r for r in res["changes"] if "after_return_ms" in r]
        if ok:
            s = summary([r["after_return_ms"] for r in ok])
            log(f"changes: drawn {s['p50']:.0f} ms (p50) / {s['p95']:.0f} ms (p95) after the CLI returned; "
                f"{len(res['changes']) - len(ok)} missed")

        if not a.frames:
            return
        spot, rect = netlens_spot(w, ids, export)
        res["frames"] = {"outline": gestures(w, spot, rect, a.pan_seconds, a.zoom_seconds, "netlens",
                                             netlens_camera(ids))}
        w.s.click('button[aria-controls="outline-pane"]')
        gone = w.s.wait_js("return document.getElementById('outline-pane') === null;", 10)
        if gone:
            time.sleep(1)
            spot, rect = netlens_spot(w, ids, export)
            res["frames"]["no_outline"] = gestures(
                w, spot, rect, a.pan_seconds, a.zoom_seconds, "netlens, no outline", netlens_camera(ids))
            w.s.click('button[aria-controls="outline-pane"]')
        else:
            res["frames"]["no_outline"] = {"error": "the outline did not close"}
        res["memory"]["netlens_after"] = webdriver.memory(w.pid)

        if a.cytoscape:
            for webgl in (False, True):
                key = "cytoscape_webgl" if webgl else "cytoscape"
                try:
                    res["frames"][key] = cytoscape(w, export, ids, a.pan_seconds, a.zoom_seconds, a.out, webgl)
                except Exception as e:  # noqa: BLE001
                    res["frames"][key] = {"error": str(e)}
                    log(f"{key} failed: {e}")
    finally:
        w.close()


def relaunches(a, env, res):
    for i in range(1, a.launches):
        w = Window(a.app, env, a.out, f"launch{i}")
        try:
            res["first_draw"].append(wait_ready(w, a.ready_timeout))
            log(f"launch {i + 1}: first graph {res['first_draw'][-1]['spawn_to_painted_s']:.2f} s after spawn")
        finally:
            w.close()


def empty_engine(a, env, res):
    env = {**env, "DOCKER_HOST": "unix:///nonexistent/docker.sock"}
    w = Window(a.app, env, a.out, "empty")
    try:
        # No engine: no first graph. Wait for the page to have started the app, then the same settle time.
        w.s.wait_js("return document.querySelector('main') !== null;", a.ready_timeout)
        time.sleep(2)
        res["memory"]["empty_engine"] = settle_memory(w, a.settle)
        res["memory"]["empty_engine"]["screenshot"] = screenshot(os.path.join(a.out, "empty-engine.png"))
        log(f"memory, unreachable engine: {res['memory']['empty_engine']['rss_kb'] / 1024:.0f} MB RSS")
    finally:
        w.close()


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def wait_quiet(limit_load, limit_s):
    """Waits (at most limit_s) until the 1-minute load average is at most limit_load: on a shared machine
    other sessions' builds would otherwise be measured too. Returns the wait, or None if none was needed."""
    if limit_s <= 0 or loadavg() <= limit_load:
        return None
    t0 = time.time()
    log(f"load average {loadavg():.1f} > {limit_load:.1f}: waiting up to {limit_s:.0f} s for a quieter machine")
    while time.time() - t0 < limit_s and loadavg() > limit_load:
        time.sleep(5)
    waited = {"seconds": time.time() - t0, "load_after": loadavg()}
    log(f"waited {waited['seconds']:.0f} s; load average now {waited['load_after']:.1f}")
    return waited


class LoadSampler(threading.Thread):
    """Samples /proc/loadavg every few seconds: the machine may be shared, and the report says so."""

    def __init__(self, every=5):
        super().__init__(daemon=True)
        self.every = every
        self.samples = []
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            with open("/proc/loadavg") as f:
                self.samples.append([time.time(), float(f.read().split()[0])])
            self.done.wait(self.every)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", default="big")
    ap.add_argument("--app", required=True)
    ap.add_argument("--topology", required=True, help="topology.py --json output")
    ap.add_argument("--out", required=True)
    ap.add_argument("--hyperfine-runs", type=int, default=10)
    ap.add_argument("--changes", type=int, default=100)
    ap.add_argument("--change-timeout", type=float, default=20)
    ap.add_argument("--pan-seconds", type=float, default=4)
    ap.add_argument("--zoom-seconds", type=float, default=4)
    ap.add_argument("--launches", type=int, default=3)
    ap.add_argument("--settle", type=float, default=10)
    ap.add_argument("--ready-timeout", type=float, default=300)
    ap.add_argument("--cytoscape", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--frames", action=argparse.BooleanOptionalAction, default=True,
                    help="pan/zoom frame times (with and without the outline)")
    ap.add_argument("--quiet-load", type=float, default=float(os.cpu_count() or 2),
                    help="before each step, wait for the 1-minute load average to drop to this")
    ap.add_argument("--quiet-wait", type=float, default=0, help="…for at most this many seconds (0: never wait)")
    ap.add_argument("--steps", default="snapshot,window,relaunches,empty",
                    help="which of snapshot,window,relaunches,empty to run (the window needs export.json)")
    a = ap.parse_args()
    a.app = os.path.realpath(a.app)
    os.makedirs(a.out, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "DOCKER_CONTEXT"}
    with open(a.topology) as f:
        topo = json.load(f)
    res = {"mode": a.mode, "app": a.app, "args": vars(a), "started": time.time(), "errors": []}
    res["engine"] = topo["engine"]

    steps = [
        ("snapshot", lambda: res.__setitem__("snapshot", snapshot(a.app, a.hyperfine_runs, a.out, env))),
        ("window", lambda: main_window(a, env, export, topo, res)),
        ("relaunches", lambda: relaunches(a, env, res)),
        ("empty engine", lambda: empty_engine(a, env, res)),
    ]
    load = LoadSampler()
    load.start()
    export = None
    wanted = set(a.steps.split(","))
    if "snapshot" not in wanted:
        with open(os.path.join(a.out, "export.json"), "w") as f:
            f.write(subprocess.check_output([a.app, "export"], env=env, text=True))
        with open(os.path.join(a.out, "export.json")) as f:
            export = json.load(f)
    for name, step in steps:
        if name.split()[0] not in wanted:
            continue
        # Wait for a quieter machine before the timed steps that matter most (not before every step:
        # on a machine that stays busy each wait costs the whole limit).
        waited = wait_quiet(a.quiet_load, a.quiet_wait) if name in ("snapshot", "window") else None
        if waited is not None:
            res.setdefault("quiet_waits", {})[name] = waited
        try:
            step()
            if name == "snapshot":
                with open(os.path.join(a.out, "export.json")) as f:
                    export = json.load(f)
        except Exception as e:  # noqa: BLE001 — one failed step must not hide the others' numbers
            traceback.print_exc()
            res["errors"].append(f"{name}: {e}")
            if export is None:
                break
    load.done.set()
    load.join()
    res["load"] = load.samples
    res["finished"] = time.time()
    path = os.path.join(a.out, "results.json")
    with open(path, "w") as f:
        json.dump(res, f, indent=1)
    log(f"wrote {path} ({len(res['errors'])} errors)")
    sys.exit(1 if res["errors"] else 0)


if __name__ == "__main__":
    main()
