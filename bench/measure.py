#!/usr/bin/env python3
"""Measures Netlens against issue 9's targets on the engine named by DOCKER_HOST; writes results.json.

Owns the run of the steps (export, window, relaunches, empty engine), the waits for a quieter machine, the load
samples and results.json. Each measurement lives in its own module: snapshot.py (export vs curl vs the docker
CLI), window.py (a launch and its first draw), changes.py (CLI change → drawn), gestures.py (frame times, the
cytoscape.js reference). The engine and the topology are set up by bench.sh / topology.py, the report is
written by report.py. Needs an X display (bench.sh runs it under xvfb-run), tauri-driver, hyperfine,
curl and the docker CLI. Every process it starts is ended before it returns (see webdriver.Driver.stop).

Clocks: the page stamps events with performance.timeOrigin + performance.now() (the test hook's clock()),
the harness with time.time(); their offset is measured through WebDriver and subtracted.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import traceback

import webdriver
from changes import changes
from common import log, read, screenshot
from gestures import cytoscape, drag, gestures, netlens_camera, netlens_spot
from snapshot import snapshot
from stats import summary
from window import Window, node_ids, painting, settle_memory, wait_ready


def fit(w):
    """The window's own Fit button (an animated camera move), then a moment for it to end."""
    w.s.click('button[aria-label="Fit the graph"]')
    time.sleep(1.5)


def main_window(a, env, export, topo, res):
    ids = node_ids(export)
    w = Window(a.app, env, a.out, "main")
    try:
        res["first_draw"] = [wait_ready(w, a.ready_timeout)]
        res["clock"] = w.tie_clocks()
        log(f"first graph painted {res['first_draw'][0]['spawn_to_painted_s']:.2f} s after spawn "
            f"(page clock skew {res['clock']['skew_ms']:.1f} ms, rtt {res['clock']['rtt_ms']:.1f} ms)")
        w.s.execute(read("page/frames.js"))
        res["painting"] = painting(w)
        log(f"painting: {res['painting']}")
        res["memory"] = {"netlens": settle_memory(w, a.settle)}
        log(f"memory: {res['memory']['netlens']['rss_kb'] / 1024:.0f} MB RSS, "
            f"{res['memory']['netlens']['pss_kb'] / 1024:.0f} MB PSS")
        res["screenshot"] = screenshot(os.path.join(a.out, f"{a.mode}.png"))
        present = w.s.execute(
            "const h = window.__NETLENS_TEST__; return arguments[0].filter((id) => h.nodePosition(id) !== null).length;",
            ids,
        )
        res["drawn_nodes"] = {"drawn": present, "in_export": len(ids)}
        # Lines the GPU drew to another node than their own (ui/src/lib/graph/sigmaCheck.ts); None: unreadable.
        wrong = w.s.execute("return window.__NETLENS_TEST__.misdrawnLines();")
        res["misdrawn_lines"] = None if wrong is None else {"wrong": len(wrong), "sample": wrong[:3]}
        log(f"lines drawn to another node: {'unreadable' if wrong is None else len(wrong)}")
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
        # Every gesture set starts from the same camera, the fitted overview the window opens on: the zoom
        # of one set would otherwise leave the next one drawing another picture (fewer nodes in view), and
        # the outline's cost would be mixed up with the camera's.
        fit(w)
        spot, rect = netlens_spot(w, ids, export)
        res["frames"] = {"outline": gestures(w, spot, rect, a.pan_seconds, a.zoom_seconds, "netlens",
                                             netlens_camera(ids))}
        w.s.click('button[aria-controls="outline-pane"]')
        gone = w.s.wait_js("return document.getElementById('outline-pane') === null;", 10)
        if gone:
            time.sleep(1)
            fit(w)
            spot, rect = netlens_spot(w, ids, export)
            res["frames"]["no_outline"] = gestures(
                w, spot, rect, a.pan_seconds, a.zoom_seconds, "netlens, no outline", netlens_camera(ids))
            w.s.click('button[aria-controls="outline-pane"]')
        else:
            res["frames"]["no_outline"] = {"error": "the outline did not close"}
        time.sleep(1)
        fit(w)
        spot, rect = netlens_spot(w, ids, export)
        res["frames"]["outline"]["drag"] = drag(w, export, spot, rect, a.pan_seconds)
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
