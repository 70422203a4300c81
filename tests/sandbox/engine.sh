#!/usr/bin/env bash
# tests/sandbox/engine.sh — owns Netlens's PRIVATE Docker engine for tests and demos.
# Why: Netlens must be exercised against a real engine without ever touching a user's
# engine. This script runs its own dockerd (and the containerd that dockerd manages)
# with every piece of state under one folder, its own socket, its own default bridge
# (netlens0), its own cgroup parent and containerd namespaces, plus a macvlan parent
# interface (netlens-lan0).
#
# Usage: engine.sh start|stop|status|env|host|purge
#   start   start the engine (idempotent); prints the DOCKER_HOST value
#   stop    stop dockerd + containerd + shims, unmount leftovers, delete the
#           sandbox interfaces (idempotent); keeps images/containers/networks on disk
#   status  exit 0 if the engine answers
#   env     print `export DOCKER_HOST=...` (use: eval "$(engine.sh env)")
#   host    print unix://<dir>/docker.sock
#   purge   stop, then delete the whole state folder
#
# Environment:
#   NETLENS_SANDBOX_DIR       state folder (default $HOME/.cache/netlens/sandbox)
#   NETLENS_SANDBOX_IPTABLES  auto (default) | on | off
#       auto: off when another dockerd runs on this host (a second dockerd with
#       iptables flushes the shared DOCKER chains and would break the user's engine),
#       else try on and fall back to off if dockerd fails. The mode used is written
#       to <dir>/iptables-mode.
set -euo pipefail

# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DIR="$(realpath -m "${NETLENS_SANDBOX_DIR:-$HOME/.cache/netlens/sandbox}")"
SOCK="$DIR/docker.sock"
HOST="unix://$SOCK"
PIDFILE="$DIR/dockerd.pid"
LOG="$DIR/dockerd.log"
EXEC_ROOT="$DIR/exec"
DATA_ROOT="$DIR/data"
MODE_FILE="$DIR/iptables-mode"
NOTES_FILE="$DIR/kernel-notes"
BRIDGE=netlens0
BRIDGE_ADDR=10.213.0.1/24
LAN=netlens-lan0
LAN_PEER=netlens-lan1
CGROUP_PARENT=netlens
START_TIMEOUT=60
STOP_TIMEOUT=30

answering() {
  [[ -S "$SOCK" ]] && docker -H "$HOST" version >/dev/null 2>&1
}

dockerd_pid() { pid_in "$PIDFILE"; }

# PIDs of engine processes (dockerd, containerd, shims, proxies) whose command
# line mentions the state folder: ours, and nobody else's.
sandbox_pids() {
  local d pid comm cmdline
  for d in /proc/[0-9]*; do
    pid="${d#/proc/}"
    comm="$(cat "$d/comm" 2>/dev/null)" || continue
    case "$comm" in
      dockerd|containerd|containerd-shim*|docker-proxy|runc) ;;
      *) continue ;;
    esac
    cmdline="$(tr '\0' ' ' <"$d/cmdline" 2>/dev/null)" || continue
    [[ "$cmdline" == *"$DIR/"* ]] && printf '%s\n' "$pid"
  done
  return 0
}

# PIDs still inside our containers' cgroups (only if shims died before them).
cgroup_pids() {
  local f
  for f in /sys/fs/cgroup/pids/"$CGROUP_PARENT"/*/cgroup.procs \
           /sys/fs/cgroup/unified/"$CGROUP_PARENT"/*/cgroup.procs \
           /sys/fs/cgroup/"$CGROUP_PARENT"/*/cgroup.procs; do
    [[ -f "$f" ]] && cat "$f" 2>/dev/null
  done
  return 0
}

other_dockerd_running() {
  local ours pid
  ours="$(dockerd_pid)"
  for pid in $(pgrep -x dockerd || true); do
    [[ "$pid" == "$ours" ]] && continue
    return 0
  done
  return 1
}

setup_interfaces() {
  # Default bridge for the sandbox engine (dockerd -b netlens0).
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
  fi
  if ! ip -4 addr show dev "$BRIDGE" | grep -q "inet ${BRIDGE_ADDR%/*}/"; then
    ip addr add "$BRIDGE_ADDR" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up

  # Parent for macvlan networks: a dummy interface, or a veth pair when the
  # kernel has no dummy driver.
  : >"$NOTES_FILE"
  if ! ip link show "$LAN" >/dev/null 2>&1; then
    if ip link add "$LAN" type dummy 2>/dev/null; then
      echo "macvlan parent: $LAN (dummy)" >>"$NOTES_FILE"
    else
      ip link add "$LAN" type veth peer name "$LAN_PEER"
      echo "macvlan parent: $LAN (veth pair with $LAN_PEER; kernel has no dummy driver)" >>"$NOTES_FILE"
    fi
  else
    echo "macvlan parent: $LAN (already present)" >>"$NOTES_FILE"
  fi
  ip link set "$LAN" up
  if ip link show "$LAN_PEER" >/dev/null 2>&1; then
    ip link set "$LAN_PEER" up
  fi

  # Probe macvlan and ipvlan support on the parent.
  local probe=netlens-probe
  ip link del "$probe" >/dev/null 2>&1 || true
  if ip link add link "$LAN" name "$probe" type macvlan mode bridge 2>/dev/null; then
    ip link del "$probe"
    echo "macvlan: supported" >>"$NOTES_FILE"
  else
    echo "macvlan: NOT supported by this kernel (macvlan networks will fail)" >>"$NOTES_FILE"
  fi
  if ip link add link "$LAN" name "$probe" type ipvlan mode l2 2>/dev/null; then
    ip link del "$probe"
    echo "ipvlan: supported" >>"$NOTES_FILE"
  else
    echo "ipvlan: NOT supported by this kernel (ipvlan networks will fail)" >>"$NOTES_FILE"
  fi
}

teardown_interfaces() {
  local ifc
  for ifc in "$LAN" "$BRIDGE"; do
    if ip link show "$ifc" >/dev/null 2>&1; then
      ip link del "$ifc" || log "could not delete $ifc"
    fi
  done
}

# Launch dockerd detached; $1 = on|off (iptables).
launch_dockerd() {
  local mode="$1"
  local -a args=(
    -H "$HOST"
    --data-root "$DATA_ROOT"
    --exec-root "$EXEC_ROOT"
    --pidfile "$PIDFILE"
    --containerd-namespace netlens
    --containerd-plugins-namespace netlens-plugins
    --cgroup-parent "$CGROUP_PARENT"
    -b "$BRIDGE"
    --default-address-pool "base=10.214.0.0/16,size=24"
  )
  if [[ "$mode" == off ]]; then
    args+=(--iptables=false --ip6tables=false)
  fi
  printf '\n=== %s: dockerd %s\n' "$(date -Is)" "${args[*]}" >>"$LOG"
  setsid dockerd "${args[@]}" </dev/null >>"$LOG" 2>&1 &
  LAUNCHED_PID=$!
}

# Wait until the engine answers; returns 1 if dockerd died or timed out.
wait_answering() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if answering; then return 0; fi
    if ! pid_alive "$pid"; then return 1; fi
    sleep 0.2
  done
  return 1
}

cmd_start() {
  if answering; then
    [[ -f "$MODE_FILE" ]] && sed 's/^/iptables mode: /' "$MODE_FILE" >&2
    echo "$HOST"
    return 0
  fi
  command -v dockerd >/dev/null || die "dockerd not installed (apt-get install docker.io)"
  command -v docker >/dev/null || die "docker CLI not on PATH"
  mkdir -p "$DIR" "$DATA_ROOT" "$EXEC_ROOT"
  # A stale dockerd of ours that does not answer: stop it cleanly first.
  if pid_alive "$(dockerd_pid)" || [[ -n "$(sandbox_pids)" ]]; then
    log "a sandbox dockerd is running but not answering; stopping it first"
    cmd_stop
    mkdir -p "$DIR" "$DATA_ROOT" "$EXEC_ROOT"
  fi
  setup_interfaces
  sed 's/^/note: /' "$NOTES_FILE" >&2

  local want="${NETLENS_SANDBOX_IPTABLES:-auto}" mode reason
  case "$want" in
    on)  mode=on;  reason="forced by NETLENS_SANDBOX_IPTABLES=on" ;;
    off) mode=off; reason="forced by NETLENS_SANDBOX_IPTABLES=off" ;;
    auto)
      if other_dockerd_running; then
        mode=off; reason="another dockerd runs on this host; not touching its iptables chains"
      elif ! iptables -t nat -L -n >/dev/null 2>&1; then
        mode=off; reason="iptables unusable on this host"
      else
        mode=on; reason="iptables usable"
      fi ;;
    *) die "NETLENS_SANDBOX_IPTABLES must be auto, on or off" ;;
  esac

  LAUNCHED_PID=""
  launch_dockerd "$mode"
  if ! wait_answering "$LAUNCHED_PID"; then
    if [[ "$want" == auto && "$mode" == on ]]; then
      log "dockerd with iptables failed; retrying with --iptables=false"
      tail -n 15 "$LOG" >&2 || true
      cmd_stop >/dev/null 2>&1 || true
      mkdir -p "$DIR" "$DATA_ROOT" "$EXEC_ROOT"
      setup_interfaces
      mode=off; reason="dockerd failed with iptables enabled"
      launch_dockerd "$mode"
      if ! wait_answering "$LAUNCHED_PID"; then
        tail -n 40 "$LOG" >&2 || true
        die "dockerd did not answer within ${START_TIMEOUT}s (log: $LOG)"
      fi
    else
      tail -n 40 "$LOG" >&2 || true
      die "dockerd did not answer within ${START_TIMEOUT}s (log: $LOG)"
    fi
  fi
  echo "$mode ($reason)" >"$MODE_FILE"
  log "iptables mode: $mode ($reason)"
  echo "$HOST"
}

cmd_stop() {
  local pid pids
  pid="$(dockerd_pid)"
  if pid_alive "$pid"; then
    end_processes "$STOP_TIMEOUT" "$pid" || log "dockerd $pid did not exit in ${STOP_TIMEOUT}s; killed it"
  fi
  # containerd (managed by dockerd) and shims: normally gone with dockerd.
  mapfile -t pids < <(sandbox_pids)
  if ((${#pids[@]})); then
    log "terminating leftover sandbox processes: ${pids[*]}"
    end_processes 10 "${pids[@]}" || true
  fi
  # Container processes orphaned by a killed shim.
  mapfile -t pids < <(cgroup_pids)
  if ((${#pids[@]})); then
    log "killing leftover container processes: ${pids[*]}"
    kill -KILL "${pids[@]}" 2>/dev/null || true
    wait_gone 5 "${pids[@]}" || true
  fi
  local cg
  for cg in /sys/fs/cgroup/*/"$CGROUP_PARENT" /sys/fs/cgroup/"$CGROUP_PARENT"; do
    [[ -d "$cg" ]] || continue
    find "$cg" -depth -mindepth 1 -type d -exec rmdir {} + 2>/dev/null || true
    rmdir "$cg" 2>/dev/null || true
  done
  rm -f "$PIDFILE"

  # Unmount anything left under the state folder, deepest first.
  unmount_under "$DIR"
  teardown_interfaces
  rm -f "$SOCK"
  log "stopped"
}

sandbox_command "start|stop|status|env|host|purge" "$@"
