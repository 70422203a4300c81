#!/usr/bin/env python3
"""Builds (or checks and repairs) the bench topology on the engine named by DOCKER_HOST.

Owns everything labelled `netlens.bench=1` on that engine and nothing else. Idempotent: what already
matches the spec is kept, what is missing is created, bench containers attached to networks outside
the spec (left by an interrupted change test) are disconnected, and the running set is started.

Spec (deterministic, so every run measures the same picture):
  networks   bench-net-NNN, bridge, explicit subnets 10.(200+i//256).(i%256).0/24 — the engine's own
             address pools run out after ~30 networks
  containers bench-c-NNNN from netlens/busybox:latest (tests/sandbox/image.sh), on bench-net-(i % N);
             the first `dual` also on a second network; every (containers/running)-th one running,
             the rest only created

Usage: topology.py --networks 300 --containers 2000 --dual 400 --running 40 [--json out.json]
Prints a one-line summary; --json writes the spec with ids (what measure.py uses).
"""

import argparse
import concurrent.futures
import json
import sys
import threading
import time

from dockerapi import Engine

LABEL = "netlens.bench"
IMAGE = "netlens/busybox:latest"


def network_name(i):
    return f"bench-net-{i:03d}"


def container_name(i):
    return f"bench-c-{i:04d}"


def subnet(i):
    if i >= 56 * 256:
        raise SystemExit("at most 14,336 bench networks (10.200.0.0 – 10.255.255.0)")
    return f"10.{200 + i // 256}.{i % 256}.0/24"


def spec(networks, containers, dual, running):
    step = max(1, containers // running) if running else None
    cs = []
    for i in range(containers):
        first = i % networks
        nets = [network_name(first)]
        if i < dual and networks > 1:
            second = (i * 7 + 3) % networks
            if second == first:
                second = (second + 1) % networks
            nets.append(network_name(second))
        cs.append({"name": container_name(i), "networks": nets, "running": step is not None and i % step == 0})
    return {
        "networks": [{"name": network_name(i), "subnet": subnet(i)} for i in range(networks)],
        "containers": cs,
    }


_local = threading.local()


def engine():
    if not hasattr(_local, "engine"):
        _local.engine = Engine()
    return _local.engine


def ensure(want, workers=4, log=print):
    e = engine()
    t0 = time.time()
    have_nets = {
        n["Name"]: n
        for n in e.request("GET", "/networks", query={"filters": json.dumps({"label": [f"{LABEL}=1"]})})
    }
    created_nets = 0
    for n in want["networks"]:
        if n["name"] in have_nets:
            continue
        body = {
            "Name": n["name"],
            "Driver": "bridge",
            "CheckDuplicate": True,
            "IPAM": {"Driver": "default", "Config": [{"Subnet": n["subnet"]}]},
            "Labels": {LABEL: "1"},
        }
        e.request("POST", "/networks/create", body)
        created_nets += 1
    if created_nets:
        log(f"topology: created {created_nets} networks ({time.time() - t0:.1f} s)")

    def list_containers():
        return {
            c["Names"][0].lstrip("/"): c
            for c in engine().request(
                "GET", "/containers/json",
                query={"all": "true", "filters": json.dumps({"label": [f"{LABEL}=1"]})},
            )
        }

    have = list_containers()
    missing = [c for c in want["containers"] if c["name"] not in have]

    def create(c):
        body = {
            "Image": IMAGE,
            "Cmd": ["sleep", "100000000"],
            "Labels": {LABEL: "1"},
            "HostConfig": {"NetworkMode": c["networks"][0]},
            "NetworkingConfig": {"EndpointsConfig": {c["networks"][0]: {}}},
        }
        engine().request("POST", "/containers/create", body, query={"name": c["name"]})
        for extra in c["networks"][1:]:
            engine().request("POST", f"/networks/{extra}/connect", {"Container": c["name"]})

    t1 = time.time()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(create, missing))
    if missing:
        log(f"topology: created {len(missing)} containers ({time.time() - t1:.1f} s)")
        have = list_containers()

    # Repair: exactly the spec's networks on every bench container.
    def repair(c):
        got = set((have[c["name"]].get("NetworkSettings") or {}).get("Networks") or {})
        fixes = 0
        for extra in sorted(got - set(c["networks"])):
            engine().request("POST", f"/networks/{extra}/disconnect", {"Container": c["name"], "Force": True})
            fixes += 1
        for lacking in [n for n in c["networks"] if n not in got]:
            engine().request("POST", f"/networks/{lacking}/connect", {"Container": c["name"]})
            fixes += 1
        return fixes

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        fixes = sum(pool.map(repair, want["containers"]))
    if fixes:
        log(f"topology: repaired {fixes} endpoints")

    to_start = [c["name"] for c in want["containers"] if c["running"] and have[c["name"]]["State"] != "running"]

    def start(name):
        engine().request("POST", f"/containers/{name}/start")

    t2 = time.time()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(start, to_start))
    if to_start:
        log(f"topology: started {len(to_start)} containers ({time.time() - t2:.1f} s)")

    # Read back what the engine now has: the ids the window uses, and a check against the spec.
    nets = {
        n["Name"]: n["Id"]
        for n in e.request("GET", "/networks", query={"filters": json.dumps({"label": [f"{LABEL}=1"]})})
    }
    cs = list_containers()
    out = {"networks": [], "containers": []}
    for n in want["networks"]:
        out["networks"].append({**n, "id": nets[n["name"]]})
    problems = []
    for c in want["containers"]:
        got = cs.get(c["name"])
        if got is None:
            problems.append(f"{c['name']} missing")
            continue
        attached = set((got.get("NetworkSettings") or {}).get("Networks") or {})
        if attached != set(c["networks"]):
            problems.append(f"{c['name']} on {sorted(attached)}, want {c['networks']}")
        if c["running"] and got["State"] != "running":
            problems.append(f"{c['name']} is {got['State']}, want running")
        out["containers"].append({**c, "id": got["Id"]})
    if problems:
        raise SystemExit("topology does not match its spec: " + "; ".join(problems[:10]))
    all_nets = e.request("GET", "/networks")
    all_cs = e.request("GET", "/containers/json", query={"all": "true"})
    out["engine"] = {
        "networks": len(all_nets),
        "containers": len(all_cs),
        "running": sum(1 for c in all_cs if c["State"] == "running"),
        "multi_network": sum(1 for c in all_cs if len((c.get("NetworkSettings") or {}).get("Networks") or {}) >= 2),
    }
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--networks", type=int, default=300)
    ap.add_argument("--containers", type=int, default=2000)
    ap.add_argument("--dual", type=int, default=400)
    ap.add_argument("--running", type=int, default=40)
    ap.add_argument("--json")
    a = ap.parse_args()
    t0 = time.time()
    out = ensure(spec(a.networks, a.containers, a.dual, a.running))
    e = out["engine"]
    print(
        f"topology: ready in {time.time() - t0:.1f} s — engine has {e['networks']} networks, "
        f"{e['containers']} containers ({e['running']} running, {e['multi_network']} on two or more networks)",
        file=sys.stderr,
    )
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f)


if __name__ == "__main__":
    main()
