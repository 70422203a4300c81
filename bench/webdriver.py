"""Drives the real Netlens window: tauri-driver in its own process group, a W3C WebDriver session over
urllib, and the app's processes found in /proc. Python stdlib only.

Owns the driver's lifetime: `Driver.stop()` ends tauri-driver, its WebKitWebDriver child and the app it
started (the whole process group, then any straggler of that session). Knows nothing about what is measured.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriverError(RuntimeError):
    pass


def _http(method, url, body=None, timeout=300):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            v = json.loads(raw)["value"]
            raise WebDriverError(f"{method} {url}: {v.get('error')}: {v.get('message')}") from None
        except (ValueError, KeyError, TypeError, AttributeError):
            raise WebDriverError(f"{method} {url}: HTTP {e.code} {raw[:300]!r}") from None


class Driver:
    """tauri-driver on free ports, in a new session (so its group can be ended as a whole)."""

    def __init__(self, app, env, log_path):
        self.app = os.path.realpath(app)
        # `netlens` becomes `netlens-window`, installed beside it, in the same process (exec): the app's
        # process runs either program depending on when it is looked at.
        self.programs = {self.app, os.path.join(os.path.dirname(self.app), "netlens-window")}
        self.port = free_port()
        native = free_port()
        self._log = open(log_path, "ab")
        self.proc = subprocess.Popen(
            ["tauri-driver", "--port", str(self.port), "--native-port", str(native)],
            env=env, stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log, start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def session(self, limit=60):
        caps = {"capabilities": {"alwaysMatch": {"browserName": "wry", "tauri:options": {"application": self.app}}}}
        deadline = time.time() + limit
        last = None
        while time.time() < deadline:
            try:
                v = _http("POST", f"{self.url}/session", caps, timeout=limit)
                return Session(self, v["value"]["sessionId"])
            except (OSError, WebDriverError, ValueError) as e:
                # Not listening yet, or the first session's connection reset: retry.
                last = e
                time.sleep(0.5)
        raise WebDriverError(f"no WebDriver session within {limit} s: {last}")

    def session_pids(self):
        """Every live process of this driver's session (tauri-driver, WebKitWebDriver, the app, WebKit)."""
        sid = self.proc.pid
        out = []
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                if os.getsid(int(d)) == sid:
                    out.append(int(d))
            except OSError:
                pass
        return out

    def app_pid(self):
        for pid in self.session_pids():
            try:
                if os.path.realpath(f"/proc/{pid}/exe") in self.programs:
                    return pid
            except OSError:
                pass
        return None

    def stop(self):
        pids = set(self.session_pids()) | {self.proc.pid}
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                pass
            for pid in pids:  # anyone who left the group but not the session
                try:
                    os.kill(pid, sig)
                except (ProcessLookupError, PermissionError):
                    pass
            deadline = time.time() + 5
            while time.time() < deadline:
                self.proc.poll()
                if not [p for p in pids if _alive(p)]:
                    break
                time.sleep(0.1)
            else:
                continue
            break
        self.proc.wait(timeout=5)
        self._log.close()
        left = [p for p in pids if _alive(p)]
        if left:
            raise RuntimeError(f"processes of the driver session still alive: {left}")


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class Session:
    def __init__(self, driver, sid):
        self.driver = driver
        self.base = f"{driver.url}/session/{sid}"
        self.retries = []

    def _cmd(self, method, path, body=None, timeout=300):
        try:
            return _http(method, self.base + path, body, timeout)["value"]
        except (ConnectionError, http.client.HTTPException) as e:
            # tauri-driver reuses a pooled connection to WebKitWebDriver, which sometimes has just been
            # closed: it answers by dropping ours ("client error (SendRequest)" in its log), and the
            # request never reached the page. Once more.
            time.sleep(0.2)
            self.retries.append(f"{method} {path}: {e}")
            return _http(method, self.base + path, body, timeout)["value"]

    def execute(self, script, *args, timeout=300):
        return self._cmd("POST", "/execute/sync", {"script": script, "args": list(args)}, timeout)

    def execute_async(self, script, *args, timeout=300):
        return self._cmd("POST", "/execute/async", {"script": script, "args": list(args)}, timeout)

    def set_script_timeout(self, ms):
        self._cmd("POST", "/timeouts", {"script": ms})

    def actions(self, sources, timeout=300):
        self._cmd("POST", "/actions", {"actions": sources}, timeout)
        self._cmd("DELETE", "/actions")

    def find(self, css):
        v = self._cmd("POST", "/element", {"using": "css selector", "value": css})
        return next(iter(v.values()))

    def click(self, css):
        self._cmd("POST", f"/element/{self.find(css)}/click", {})

    def wait_js(self, script, limit, every=0.1, *args):
        """Polls `script` until it returns something truthy; returns it (None on timeout)."""
        deadline = time.time() + limit
        while time.time() < deadline:
            v = self.execute(script, *args)
            if v:
                return v
            time.sleep(every)
        return None

    def close(self):
        try:
            _http("DELETE", self.base, timeout=30)
        except (OSError, WebDriverError):
            pass


def process_start_wall(pid):
    """Wall-clock time (time.time()) at which `pid` was started, from /proc (10 ms resolution)."""
    with open(f"/proc/{pid}/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    since_boot = time.clock_gettime(time.CLOCK_BOOTTIME)
    return time.time() - (since_boot - start_ticks / CLK_TCK)


def tree(root):
    """`root` and all its descendants, from /proc."""
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        children.setdefault(ppid, []).append(int(d))
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


# The processes whose CPU a frame costs: the app's two programs and WebKit's, not the WebDriver tools driving them.
APP_COMMS = ("netlens", "netlens-window", "WebKitWebProces", "WebKitNetworkP")


def app_cpu_ms(root):
    """CPU time (user + system, every thread) the app's processes under `root` have used so far, in ms."""
    ticks = 0
    for pid in tree(root):
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() not in APP_COMMS:
                    continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return ticks * 1000 / CLK_TCK


def memory(root):
    """RSS and PSS (kB) of `root` and its descendants, per process and summed."""
    rows = []
    for pid in tree(root):
        try:
            with open(f"/proc/{pid}/comm") as f:
                comm = f.read().strip()
            rss = pss = 0
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss = int(line.split()[1])
            try:
                with open(f"/proc/{pid}/smaps_rollup") as f:
                    for line in f:
                        if line.startswith("Pss:"):
                            pss = int(line.split()[1])
            except OSError:
                pass
        except OSError:
            continue
        rows.append({"pid": pid, "comm": comm, "rss_kb": rss, "pss_kb": pss})
    return {
        "processes": rows,
        "rss_kb": sum(r["rss_kb"] for r in rows),
        "pss_kb": sum(r["pss_kb"] for r in rows),
    }
