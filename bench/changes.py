"""CLI change → drawn: `docker network connect`/`disconnect`, each timed to the first frame that shows it.

Owns choosing the changes (running containers, a network each is not on, undone in pairs so the engine ends
as it began) and timing them against the page's clock.
"""

import subprocess
import time

from common import log


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
