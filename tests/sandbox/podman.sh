#!/usr/bin/env bash
# tests/sandbox/podman.sh — owns Netlens's PRIVATE Podman service for tests.
# Why: many people point Docker tools at Podman's Docker-compatible API (`podman system
# service`), so Netlens is tested against one too, without ever touching a user's podman:
# every piece of state (storage, run state, network configs, events log, locks, socket)
# lives under one folder, the default network has its own bridge (nlpodman0) and subnet
# (10.215.0.0/24), new networks come from 10.216.0.0/16, and the storage is vfs (no mounts
# beyond each running container's own).
#
# Usage: podman.sh start|stop|status|host|env|podman ARGS...|purge
#   start    start the service (idempotent) and import the test image netlens/busybox:latest;
#            prints the DOCKER_HOST value
#   stop     remove every container and network of ours, end the service and anything of
#            ours left (conmon, aardvark-dns, container processes), unmount leftovers
#            (idempotent); the folder and the image stay
#   status   exit 0 if the service answers
#   host     print unix://<dir>/podman.sock
#   env      print `export DOCKER_HOST=...`
#   podman   run the podman CLI on the private state (e.g. `podman.sh podman ps -a`)
#   purge    stop, then delete the folder
#
# Environment: NETLENS_PODMAN_DIR  state folder (default ${TMPDIR:-/tmp}/netlens-podman-<uid>)
# Needs root and Debian's podman (4.3) with netavark; busybox-static for the image.
set -euo pipefail

# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DIR="$(realpath -m "${NETLENS_PODMAN_DIR:-${TMPDIR:-/tmp}/netlens-podman-$(id -u)}")"
SOCK="$DIR/podman.sock"
HOST="unix://$SOCK"
PIDFILE="$DIR/service.pid"
LOG="$DIR/service.log"
CONF="$DIR/containers.conf"
STORAGE_CONF="$DIR/storage.conf"
NETDIR="$DIR/networks"
IMAGE=netlens/busybox:latest
BUSYBOX=/bin/busybox
BRIDGE=nlpodman0
START_TIMEOUT=30
STOP_TIMEOUT=20

write_config() {
  mkdir -p "$DIR" "$NETDIR" "$DIR/storage" "$DIR/run" "$DIR/tmp" "$DIR/volumes"
  # Containers fail to start here with "error setting rlimits" unless the default ulimits are empty.
  cat >"$CONF" <<EOF
[containers]
default_ulimits = []

[network]
network_backend = "netavark"
network_config_dir = "$NETDIR"
default_subnet = "10.215.0.0/24"
default_subnet_pools = [{"base" = "10.216.0.0/16", "size" = 24}]

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$DIR/events.log"
lock_type = "file"
tmp_dir = "$DIR/tmp"
static_dir = "$DIR/storage/libpod"
volume_path = "$DIR/volumes"
EOF
  cat >"$STORAGE_CONF" <<EOF
[storage]
driver = "vfs"
graphroot = "$DIR/storage"
runroot = "$DIR/run"
EOF
  # The default network "podman" as a file of ours, so its bridge is not the host's podman0.
  if [[ ! -f "$NETDIR/podman.json" ]]; then
    cat >"$NETDIR/podman.json" <<EOF
{
  "name": "podman",
  "id": "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9",
  "driver": "bridge",
  "network_interface": "$BRIDGE",
  "created": "2024-01-01T00:00:00Z",
  "subnets": [{"subnet": "10.215.0.0/24", "gateway": "10.215.0.1"}],
  "ipv6_enabled": false,
  "internal": false,
  "dns_enabled": false,
  "ipam_options": {"driver": "host-local"}
}
EOF
  fi
}

# The podman CLI on our state only.
pm() {
  CONTAINERS_CONF="$CONF" CONTAINERS_STORAGE_CONF="$STORAGE_CONF" \
    podman --root "$DIR/storage" --runroot "$DIR/run" --storage-driver vfs \
    --cgroup-manager cgroupfs --events-backend file --network-config-dir "$NETDIR" --tmpdir "$DIR/tmp" "$@"
}

answering() {
  [[ -S "$SOCK" ]] && curl -sf --max-time 2 --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1
}

service_pid() { pid_in "$PIDFILE"; }

# Processes whose command line mentions the state folder: the service, conmon, aardvark-dns,
# netavark; ours and nobody else's.
our_pids() {
  local d pid cmdline
  for d in /proc/[0-9]*; do
    pid="${d#/proc/}"
    [[ "$pid" == "$$" || "$pid" == "$BASHPID" ]] && continue
    cmdline="$( { tr '\0' ' ' <"$d/cmdline"; } 2>/dev/null)" || continue
    [[ "$cmdline" == *"$DIR/"* ]] || continue
    case "$(cat "$d/comm" 2>/dev/null)" in
      podman|conmon|aardvark-dns|netavark|crun|runc) printf '%s\n' "$pid" ;;
    esac
  done
  return 0
}

import_image() {
  if pm image exists "$IMAGE" 2>/dev/null; then return 0; fi
  [[ -x "$BUSYBOX" ]] || die "$BUSYBOX missing (apt-get install busybox-static)"
  local rootfs applet
  rootfs="$(mktemp -d)"
  mkdir -p "$rootfs"/{bin,etc,www,tmp,proc,sys,dev,root,var/run}
  chmod 1777 "$rootfs/tmp"
  cp "$BUSYBOX" "$rootfs/bin/busybox"
  while read -r applet; do
    [[ -n "$applet" && "$applet" != busybox ]] && ln -sf busybox "$rootfs/bin/$applet"
  done < <("$BUSYBOX" --list)
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -cf "$DIR/tmp/rootfs.tar" .
  rm -rf "$rootfs"
  if ! pm import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' "$DIR/tmp/rootfs.tar" "$IMAGE" >>"$LOG" 2>&1; then
    tail -n 20 "$LOG" >&2
    die "podman import failed (log: $LOG)"
  fi
  rm -f "$DIR/tmp/rootfs.tar"
  log "imported $IMAGE"
}

cmd_start() {
  command -v podman >/dev/null || die "podman not installed (apt-get install podman)"
  write_config
  if ! answering; then
    if pid_alive "$(service_pid)" || [[ -n "$(our_pids)" ]]; then
      log "a service of ours runs but does not answer; stopping it first"
      cmd_stop
      write_config
    fi
    rm -f "$SOCK"
    printf '\n=== %s: podman system service\n' "$(date -Is)" >>"$LOG"
    # Its own session, so the caller's signals and terminal do not reach it.
    CONTAINERS_CONF="$CONF" CONTAINERS_STORAGE_CONF="$STORAGE_CONF" setsid podman \
      --root "$DIR/storage" --runroot "$DIR/run" --storage-driver vfs --cgroup-manager cgroupfs \
      --events-backend file --network-config-dir "$NETDIR" --tmpdir "$DIR/tmp" \
      system service --time=0 "$HOST" </dev/null >>"$LOG" 2>&1 &
    echo $! >"$PIDFILE"
    local deadline=$((SECONDS + START_TIMEOUT))
    until answering; do
      if ! pid_alive "$(service_pid)"; then tail -n 30 "$LOG" >&2; die "the podman service exited (log: $LOG)"; fi
      ((SECONDS < deadline)) || { tail -n 30 "$LOG" >&2; die "no answer within ${START_TIMEOUT}s (log: $LOG)"; }
      sleep 0.1
    done
  fi
  import_image
  echo "$HOST"
}

cmd_stop() {
  local pid pids
  # Containers first, while the service still runs, so netavark tears their networking down
  # (bridges, firewall rules, aardvark-dns) before anything is killed.
  if [[ -f "$CONF" ]]; then
    local out
    out="$(pm rm -f -a -t 0 2>&1)" || log "podman rm: $(tail -n 3 <<<"$out")"
    pm network prune -f >/dev/null 2>&1 || true
  fi
  pid="$(service_pid)"
  if pid_alive "$pid"; then
    end_processes "$STOP_TIMEOUT" "$pid" || log "service $pid did not exit; killed it"
  fi
  mapfile -t pids < <(our_pids)
  if ((${#pids[@]})); then
    log "ending leftover processes: $(for p in "${pids[@]}"; do printf '%s(%s) ' "$p" "$(cat /proc/"$p"/comm 2>/dev/null)"; done)"
    end_processes 5 "${pids[@]}" || true
  fi
  rm -f "$PIDFILE" "$SOCK"
  unmount_under "$DIR"
  if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link del "$BRIDGE" 2>/dev/null || true; fi
  log "stopped"
}

if [[ "${1:-}" == podman ]]; then
  shift
  write_config
  pm "$@"
else
  sandbox_command "start|stop|status|host|env|podman ARGS...|purge" "$@"
fi
