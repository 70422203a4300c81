#!/usr/bin/env bash
# tests/sandbox/demo.sh — owns the demo topology that Netlens is developed and shown against.
# Why: one reproducible graph that covers every case the UI must draw: a compose
# project, the default bridge, host and none networks, an internal network, a macvlan
# network, a container on three networks with static IPs and aliases, and an exited
# container that is still attached. Everything it makes carries the label
# netlens.demo=1, and `down` removes only what carries it.
#
# Usage: demo.sh up|down
#   up    create what is missing, start what is stopped (idempotent)
#   down  remove the labelled containers, then the labelled networks
#
# Targets DOCKER_HOST from the environment, else the sandbox engine (engine.sh host).
# Needs the image from image.sh (built on demand).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IMAGE=netlens/busybox:latest
LABEL=netlens.demo=1
LAN_PARENT=netlens-lan0

if [[ -z "${DOCKER_HOST:-}" ]]; then
  DOCKER_HOST="$("$HERE/engine.sh" host)"
fi
export DOCKER_HOST

log() { printf 'demo.sh: %s\n' "$*" >&2; }

# A process that exits at once on SIGTERM, so stop/rm are fast.
# shellcheck disable=SC2016  # $! is for the container's shell
IDLE=(sh -c 'trap "exit 0" TERM; while :; do sleep 3600 & wait $!; done')

network_exists() { docker network inspect "$1" >/dev/null 2>&1; }
container_exists() { docker container inspect "$1" >/dev/null 2>&1; }

# ensure_network NAME ARGS... — create the network unless it exists.
ensure_network() {
  local name="$1"; shift
  if network_exists "$name"; then
    log "network $name: exists"
    return 0
  fi
  docker network create --label "$LABEL" "$@" "$name" >/dev/null
  log "network $name: created"
}

# ensure_container NAME RUN-ARGS... — `docker run -d` with RUN-ARGS (options, image,
# command) unless the container exists; an existing one is started if stopped.
ensure_container() {
  local name="$1"; shift
  if container_exists "$name"; then
    if [[ "$(docker container inspect -f '{{.State.Running}}' "$name")" != true ]]; then
      docker start "$name" >/dev/null
      log "container $name: started"
    else
      log "container $name: running"
    fi
    return 0
  fi
  docker run -d --name "$name" --label "$LABEL" --stop-timeout 1 "$@" >/dev/null
  log "container $name: created"
}

# ensure_connected CONTAINER NETWORK CONNECT-ARGS...
ensure_connected() {
  local ctr="$1" net="$2"; shift 2
  if docker container inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}' "$ctr" |
      tr ' ' '\n' | grep -qx "$net"; then
    log "container $ctr on $net: connected"
    return 0
  fi
  docker network connect "$@" "$net" "$ctr"
  log "container $ctr on $net: connected now"
}

cmd_up() {
  if ! docker version >/dev/null 2>&1; then
    log "no engine answers at $DOCKER_HOST (run tests/sandbox/engine.sh start)"
    exit 1
  fi
  log "engine: $DOCKER_HOST"
  "$HERE/image.sh" >&2

  # Networks.
  ensure_network backend  --driver bridge --subnet 10.214.10.0/24
  ensure_network vault    --driver bridge --internal --subnet 10.214.20.0/24
  ensure_network frontend --driver bridge --subnet 10.214.40.0/24
  local lan_ok=1
  if network_exists lan; then
    log "network lan: exists"
  elif ! ip link show "$LAN_PARENT" >/dev/null 2>&1; then
    log "network lan: SKIPPED (no $LAN_PARENT interface; is the sandbox engine running?)"
    lan_ok=0
  elif ! docker network create --label "$LABEL" --driver macvlan \
      --subnet 10.214.30.0/24 -o parent="$LAN_PARENT" lan >/dev/null; then
    log "network lan: SKIPPED (macvlan network could not be created)"
    lan_ok=0
  else
    log "network lan: created"
  fi

  # The "shop" compose project on backend.
  ensure_container api --network backend \
    --label com.docker.compose.project=shop --label com.docker.compose.service=api \
    "$IMAGE" httpd -f -p 8080 -h /www
  ensure_container db --network backend \
    --label com.docker.compose.project=shop --label com.docker.compose.service=db \
    "$IMAGE" nc -ll -p 5432 -e /bin/echo ok

  # Predefined networks.
  ensure_container legacy-web --network bridge "$IMAGE" httpd -f -p 80 -h /www
  ensure_container host-agent --network host "$IMAGE" "${IDLE[@]}"
  ensure_container sealed --network none "$IMAGE" "${IDLE[@]}"

  # gateway: three networks, static IPs, aliases.
  ensure_container gateway --network frontend --ip 10.214.40.10 --network-alias edge \
    "$IMAGE" httpd -f -p 80 -h /www
  ensure_connected gateway backend --ip 10.214.10.10 --alias gw
  ensure_connected gateway vault --ip 10.214.20.10 --alias vault-gw --alias keeper

  # nightly-job: ran once, exited, still attached to backend.
  if container_exists nightly-job; then
    log "container nightly-job: exists ($(docker container inspect -f '{{.State.Status}}' nightly-job))"
  else
    docker run --name nightly-job --label "$LABEL" --network backend \
      "$IMAGE" sh -c 'echo nightly run done' >/dev/null
    log "container nightly-job: ran and exited"
  fi

  # printer on the macvlan network.
  if ((lan_ok)); then
    ensure_container printer --network lan --ip 10.214.30.20 "$IMAGE" "${IDLE[@]}"
  fi
  log "up"
}

cmd_down() {
  if ! docker version >/dev/null 2>&1; then
    log "no engine answers at $DOCKER_HOST; nothing to remove"
    return 0
  fi
  local -a ids
  mapfile -t ids < <(docker ps -aq --filter "label=$LABEL")
  if ((${#ids[@]})); then
    docker rm -f "${ids[@]}" >/dev/null
    log "removed ${#ids[@]} containers"
  fi
  mapfile -t ids < <(docker network ls -q --filter "label=$LABEL")
  if ((${#ids[@]})); then
    docker network rm "${ids[@]}" >/dev/null
    log "removed ${#ids[@]} networks"
  fi
  log "down"
}

case "${1:-}" in
  up)   cmd_up ;;
  down) cmd_down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
