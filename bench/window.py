"""One app launch through tauri-driver, its page's clock tied to ours, and what the window steps read from it.

Owns launching (`Window`), waiting for the first drawn graph (`wait_ready`), where the page draws nodes, and
the memory of the app's processes. The gestures and the changes are measured in gestures.py and changes.py.
"""

import os
import shutil
import tempfile
import time

import webdriver
from webdriver import Driver


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


def painting(w):
    """How WebKit painted the window: its web process's environment holds the compositing switch the app
    chose at start-up (src-tauri/src/app/renderer.rs), or one the bench's caller set."""
    for pid in webdriver.tree(w.pid):
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() != "WebKitWebProces":
                    continue
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = dict(kv.split(b"=", 1) for kv in f.read().split(b"\0") if b"=" in kv)
        except OSError:
            continue
        value = env.get(b"WEBKIT_DISABLE_DMABUF_RENDERER", b"").decode()
        return {"web_process": pid, "WEBKIT_DISABLE_DMABUF_RENDERER": value or None,
                "composited": value in ("", "0")}
    return None


def settle_memory(w, seconds):
    time.sleep(seconds)
    return webdriver.memory(w.pid)
