#!/usr/bin/env bash
# bench/stop-engine.sh DIR — stops the sandbox engine whose state folder is DIR without harming another.
#
# tests/sandbox/engine.sh stop also deletes the interfaces every sandbox engine shares (netlens0,
# netlens-lan0) and kills every process in the shared cgroup parent `netlens`, i.e. the containers of
# any other sandbox engine (the test engine). So: engine.sh stop when DIR's engine is the only one;
# otherwise stop only DIR's dockerd (it stops its containers and its containerd), end what is left of
# DIR's engine processes, and unmount what is left under DIR.
set -euo pipefail
DIR="$(realpath -m "${1:?usage: $0 STATE_DIR}")"
ENGINE="$(dirname "$0")/../tests/sandbox/engine.sh"
log() { printf 'stop-engine: %s\n' "$*" >&2; }

# PIDs of engine processes whose command line mentions $1/ (as engine.sh's sandbox_pids does).
engine_pids() {
  local d pid comm
  for d in /proc/[0-9]*; do
    pid="${d#/proc/}"
    comm="$(cat "$d/comm" 2>/dev/null)" || continue
    case "$comm" in dockerd|containerd|containerd-shim*|docker-proxy|runc) ;; *) continue ;; esac
    tr '\0' ' ' <"$d/cmdline" 2>/dev/null | grep -qF -- "$1/" && printf '%s\n' "$pid"
  done
  return 0
}

others=""
for pid in $(pgrep -x dockerd || true); do
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || continue
  [[ "$cmd" == *"-b netlens0"* && "$cmd" != *"$DIR/"* ]] && others+=" $pid"
done
if [[ -z "$others" ]]; then
  NETLENS_SANDBOX_DIR="$DIR" "$ENGINE" stop
  exit 0
fi

log "another sandbox engine runs (dockerd$others): stopping only the engine in $DIR"
pid="$(tr -dc '0-9' <"$DIR/dockerd.pid" 2>/dev/null || true)"
if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && { log "dockerd $pid did not stop in 30 s; killing"; kill -KILL "$pid"; }
fi
mapfile -t left < <(engine_pids "$DIR")
if ((${#left[@]})); then
  log "ending leftover engine processes: ${left[*]}"
  kill -TERM "${left[@]}" 2>/dev/null || true
  sleep 2
  kill -KILL "${left[@]}" 2>/dev/null || true
fi
findmnt -rn -o TARGET | awk -v d="$DIR/" 'index($0, d) == 1' | sort -r | while read -r m; do
  umount -R "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "could not unmount $m"
done
rm -f "$DIR/docker.sock" "$DIR/dockerd.pid"
log "stopped"
