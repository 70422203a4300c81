"""The machine a bench ran on, as the report names it: cores, CPU, memory, Debian, kernel, WebKitGTK, hyperfine,
the source the app was built from and when its binary was made. Reads only; measures nothing.
"""

import datetime
import os
import platform
import subprocess


def sh(*argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def machine():
    mem = cpu = ""
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    debian = open("/etc/debian_version").read().strip() if os.path.exists("/etc/debian_version") else "?"
    return {
        "nproc": os.cpu_count(),
        "memory": mem,
        "cpu": cpu,
        "debian": debian,
        "kernel": platform.release(),
        "webkitgtk": sh("dpkg-query", "-W", "-f=${Version}", "libwebkit2gtk-4.1-0"),
        "hyperfine": sh("hyperfine", "--version"),
        # NETLENS_BENCH_SOURCE names the source when the app was built elsewhere (e.g. a `git archive`).
        "commit": os.environ.get("NETLENS_BENCH_SOURCE") or sh("git", "rev-parse", "--short", "HEAD"),
        "dirty": not os.environ.get("NETLENS_BENCH_SOURCE") and bool(sh("git", "status", "--porcelain", "--untracked-files=no", "--", "src-tauri", "core",
                         "engine", "ui", "Cargo.toml", "Cargo.lock")),
    }


def binary_time(path):
    try:
        return datetime.datetime.fromtimestamp(os.path.getmtime(path)).astimezone().strftime("%Y-%m-%d %H:%M %Z")
    except OSError:
        return None
