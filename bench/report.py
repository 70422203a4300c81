#!/usr/bin/env python3
"""Turns measure.py's results.json into BENCHMARKS.md (printed on stdout), one row per issue 9 target.

Owns the document around the targets' table: the machine section, the hand-written notes (notes.md), the
details and how each figure is taken; measures nothing. The table's rows and verdicts are targets.py (a
target missed is written as missed, with by how much, never relaxed), the machine's facts machine.py.
`--check` instead exits non-zero when a figure is missing (what `make bench-smoke` uses so the harness
cannot rot).

Usage: report.py results.json [--small small/results.json] [--profile release] [--command "make bench"]
                              [--seconds N] [--mode big]
       report.py results.json --check
"""

import argparse
import datetime
import json
import os
import statistics
import sys

from machine import binary_time, machine
from stats import PACE_MS, late_share
from targets import ms, rows_for, sec, table


def painted(p):
    """The painting mode the web process ran with (measure.py reads it from its environment)."""
    if not p:
        return "painting mode not recorded"
    if p["composited"]:
        return "painted through WebKit's compositing (llvmpipe)"
    return (f"painted without WebKit's compositing (WEBKIT_DISABLE_DMABUF_RENDERER={p['WEBKIT_DISABLE_DMABUF_RENDERER']} in "
            "its web process: the app's choice on a machine without a GPU render node, src-tauri/src/app/renderer.rs, "
            "or the caller's own setting)")


def render(r, small, a):
    m = machine()
    when = datetime.datetime.fromtimestamp(r["started"]).astimezone().strftime("%Y-%m-%d %H:%M %Z")
    eng = r.get("engine", {})
    lines = [
        "# Benchmarks",
        "",
        f"Written by `{a.command}` (bench/bench.sh; see bench/README.md) on {when}, in "
        f"{(a.seconds or 0) // 60} min {(a.seconds or 0) % 60} s. Issue 9's targets, measured on the bench "
        f"engine: {eng.get('networks', '?')} networks, {eng.get('containers', '?')} containers "
        f"({eng.get('running', '?')} running, {eng.get('multi_network', '?')} on two networks). "
        "Targets are issue 9's; a missed one stays missed here.",
        "",
        table(rows_for(r, small)),
        "",
        "## Machine",
        f"- {m['nproc']} cores, {m['cpu']}, {m['memory']} memory, Debian {m['debian']}, kernel {m['kernel']}",
        f"- app: `{os.path.relpath(r['app'])}`, **{a.profile}** build"
        + (f" of {os.environ['NETLENS_BENCH_SOURCE']}" if os.environ.get("NETLENS_BENCH_SOURCE") else
           " (not built by this run; the checkout was then at " + m["commit"]
           + (" with uncommitted changes" if m["dirty"] else "") + ")")
        + (f", binary of {binary_time(r['app'])}" if binary_time(r["app"]) else ""),
        f"- window: WebKitGTK {m['webkitgtk']} under Xvfb 1440×900×24 (no GPU: WebGL is software-rendered), "
        "driven by tauri-driver / WebKitWebDriver with W3C pointer and wheel actions; " + painted(r.get("painting")),
        f"- engine: the bench's own sandbox dockerd (tests/sandbox/engine.sh, iptables off), API {(r.get('snapshot') or {}).get('api_version', '?')}",
        f"- {m['hyperfine']}",
    ]
    load = [x[1] for x in r.get("load", [])]
    if load:
        lines.append(f"- machine load while measuring (1-minute load average, sampled every 5 s): median "
                     f"{statistics.median(load):.1f}, max {max(load):.1f} on {m['nproc']} cores"
                     + (" — **more runnable work than cores: other sessions were busy, so these figures are "
                        "pessimistic**" if statistics.median(load) > m["nproc"] else ""))
    if r.get("frames", {}).get("cytoscape", {}).get("version"):
        lines.append(f"- reference renderer: cytoscape.js {r['frames']['cytoscape']['version']} (bench/package.json), "
                     "drawn in the same webview over the app with Netlens's node positions")
    waits = r.get("quiet_waits") or {}
    if waits:
        lines.append("- waited for a quieter machine before: " + ", ".join(
            f"{k} {v['seconds']:.0f} s (load then {v['load_after']:.1f})" for k, v in waits.items()))
    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notes.md")
    if r.get("mode") != "smoke" and os.path.exists(notes):
        lines += ["", open(notes).read().strip()]
    lines += ["", "## Details", ""]
    fr = r.get("frames", {})
    lines.append("Frame gaps (requestAnimationFrame, median / p95 / max; frames counted during the gesture):")
    lines.append("")
    lines.append(f"| renderer | gesture | median | p95 | max | late (> {PACE_MS} ms) | frames | lasted | "
                 "input events reaching the page |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for key, name in (("outline", "Netlens"), ("no_outline", "Netlens, outline hidden"),
                      ("cytoscape", "cytoscape.js, canvas"), ("cytoscape_webgl", "cytoscape.js, WebGL (experimental)")):
        g = fr.get(key) or {}
        for gesture in ("pan", "zoom", "drag"):
            f = g.get(gesture)
            if gesture == "drag" and not f:
                continue
            if f:
                ev = f.get("events") or {}
                late = late_share(f.get("gaps"))
                lines.append(f"| {name} | {gesture} | {ms(f['p50'], 1)} | {ms(f['p95'], 1)} | {ms(f['max'], 1)} | "
                             f"{'—' if late is None else f'{late:.1f} %'} | {f['frames']} | {f['gesture_s']:.1f} s | "
                             f"{ev.get('wheel' if gesture == 'zoom' else 'pointermove', '?')} "
                             f"{'wheel' if gesture == 'zoom' else 'pointermove'}"
                             f"{'' if f.get('moved', True) else ' (the view did not move!)'} |")
            elif g:
                lines.append(f"| {name} | {gesture} | — | — | — | — | {g.get(gesture + '_error') or g.get('error', '')} | | |")
    lines.append("")
    if r.get("first_draw"):
        lines.append("First draw per launch (spawn → painted): " +
                     ", ".join(sec(x["spawn_to_painted_s"]) for x in r["first_draw"]) +
                     f". Page clock vs host clock: {r.get('clock', {}).get('skew_ms', 0):.1f} ms "
                     f"(round trip {r.get('clock', {}).get('rtt_ms', 0):.1f} ms), subtracted.")
        lines.append("")
    if "misdrawn_lines" in r:
        m = r["misdrawn_lines"]
        lines.append("Lines the GPU drew to another node than their own (test hook `misdrawnLines`): " +
                     ("could not be read." if m is None else f"{m['wrong']}" + (f", e.g. {m['sample'][0]}" if m["sample"] else "") + "."))
        lines.append("")
    if r.get("drawn_nodes"):
        d = r["drawn_nodes"]
        lines.append(f"Nodes drawn (test hook `nodePosition`): {d['drawn']} of {d['in_export']} in `netlens export`.")
        lines.append("")
    mem = r.get("memory", {})
    for key, name in (("netlens", "Netlens on the bench engine"), ("empty_engine", "the same app, unreachable engine")):
        m2 = mem.get(key)
        if m2:
            per = ", ".join(f"{p['comm']} {p['rss_kb'] / 1024:,.0f}" for p in m2["processes"])
            lines.append(f"Memory, {name}: {m2['rss_kb'] / 1024:,.0f} MB RSS ({per}).")
    lines.append("")
    if r.get("errors"):
        lines.append("Errors during the run: " + "; ".join(r["errors"]))
        lines.append("")
    lines += [
        "## How each figure is taken",
        "- **First draw**: the app is launched by tauri-driver; its start time comes from /proc; the page's test",
        "  hook (`drawTimes()`, ui/src/lib/testHook.ts) stamps the first `data-revision` and the animation frame",
        "  after it on `performance.timeOrigin + performance.now()`; the offset to the host clock is measured",
        "  through WebDriver and subtracted.",
        "- **Frames**: a requestAnimationFrame loop in the page records the gaps between frames while W3C pointer",
        "  actions press on an empty spot of the canvas and drag around a 160×120 px rectangle (a move every 50 ms),",
        "  then while wheel actions zoom in and out at the middle (a notch every 100 ms; \"lasted\" is longer when",
        "  the page is slow to take the input). Netlens's \"drag\": a container near the middle pressed and dragged",
        "  in a zigzag over the hubs (drop targets marked, the hub under the pointer changing), released on the",
        "  empty spot, where a drop does nothing; no reference draws drop targets. cytoscape.js gets the same",
        "  gestures in a full-window div over the app, fed with `netlens export` and Netlens's node positions.",
        "- **CLI change → drawn**: `docker network connect`/`disconnect` of a running container, alternately; an",
        "  animation-frame loop in the page checks the endpoint edge (test hook `edgePosition`) every frame and notes",
        "  the first frame in which it is there (or gone) and the frame after it; latency = that next frame − the",
        "  moment the CLI returned (also given from the call's start). 20 s without it counts as never drawn.",
        "- **Memory**: RSS (and PSS) summed over the app and all its descendants from /proc, after the settle time,",
        "  against the same build on `DOCKER_HOST=unix:///nonexistent/docker.sock` after the same time.",
        "- **export**: hyperfine over `netlens export >/dev/null`, one `curl` fetching `/networks` and",
        "  `/containers/json?all=true` on the socket, and `docker network inspect $(docker network ls -q)` +",
        "  `docker inspect $(docker ps -aq)`.",
        "",
    ]
    return "\n".join(lines)


def check(r):
    """The smoke test: every figure present, nothing failed."""
    problems = list(r.get("errors", []))
    if not r.get("first_draw"):
        problems.append("no first draw")
    for key in ("outline", "no_outline"):
        for g in ("pan", "zoom"):
            if not (r.get("frames", {}).get(key) or {}).get(g):
                problems.append(f"no {key} {g} frames")
    if not (r.get("memory", {}).get("netlens") and r.get("memory", {}).get("empty_engine")):
        problems.append("no memory figures")
    ch = r.get("changes") or []
    if not ch:
        problems.append("no CLI changes measured")
    elif any("missed" in c for c in ch):
        missed = [f"{c['verb']} {c['edge'][:40]}…" for c in ch if "missed" in c]
        problems.append(f"the app never drew {len(missed)} of {len(ch)} CLI changes (the harness saw the engine "
                        f"change; see changes[] in results.json): {', '.join(missed)}")
    if len((r.get("snapshot") or {}).get("commands", {})) != 3:
        problems.append("snapshot timings missing")
    for p in problems:
        print("bench-smoke:", p, file=sys.stderr)
    return not problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results")
    ap.add_argument("--small", help="results.json of the small-engine run (change latency at the other scale)")
    ap.add_argument("--profile", default="release")
    ap.add_argument("--command", default="make bench")
    ap.add_argument("--seconds", type=int)
    ap.add_argument("--mode")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    with open(a.results) as f:
        r = json.load(f)
    if a.check:
        sys.exit(0 if check(r) else 1)
    small = None
    if a.small and os.path.exists(a.small):
        with open(a.small) as f:
            small = json.load(f)
    sys.stdout.write(render(r, small, a))


if __name__ == "__main__":
    main()
