"""The export step: `netlens export` vs the two raw list requests (curl) vs the docker CLI picture, by hyperfine.

Owns that one comparison and the export's peak memory; writes hyperfine.json and export.json (the topology the
window steps read) into the output folder.
"""

import json
import os
import shlex
import subprocess
import sys

from common import log
from stats import pct


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
