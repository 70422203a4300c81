# tests/sandbox/common.sh — what the sandbox scripts (engine.sh, podman.sh) share: their messages, reading
# a PID file, waiting for processes to end and ending them, unmounting what is left under a state folder
# before deleting it, and the commands both take.
# Sourced, never run; it must not touch anything outside the folder it is given.
# shellcheck shell=bash

# Messages go to stderr, named for the script that says them; `die` ends it.
log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "$*"; exit 1; }

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# The PID in file $1, or nothing when there is no such file.
pid_in() {
  local pid=""
  [[ -f "$1" ]] && pid="$(tr -dc '0-9' <"$1")"
  printf '%s' "$pid"
}

# wait_gone SECONDS PID...: 0 once none of the PIDs is alive, 1 when the time runs out first.
wait_gone() {
  local deadline=$((SECONDS + $1)); shift
  local pid left
  while ((SECONDS < deadline)); do
    left=0
    for pid in "$@"; do pid_alive "$pid" && left=1; done
    ((left == 0)) && return 0
    sleep 0.1
  done
  return 1
}

# end_processes SECONDS PID...: asks the PIDs to end (TERM) and kills whatever is still alive after SECONDS;
# 1 when something had to be killed.
end_processes() {
  local seconds=$1; shift
  kill -TERM "$@" 2>/dev/null || true
  wait_gone "$seconds" "$@" && return 0
  kill -KILL "$@" 2>/dev/null || true
  wait_gone 5 "$@" || true
  return 1
}

# The mount points under folder $1, deepest first.
mounts_under() {
  findmnt -rn -o TARGET | awk -v d="$1/" 'index($0, d) == 1' | sort -r
}

# Unmounts everything left under folder $1, deepest first.
unmount_under() {
  local -a mounts
  local m
  [[ -d "$1" ]] || return 0
  mapfile -t mounts < <(mounts_under "$1")
  for m in "${mounts[@]}"; do
    umount -R "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "could not unmount $m"
  done
}

# Deletes folder $1, refusing while anything is still mounted under it.
delete_unmounted() {
  [[ -d "$1" ]] || return 0
  if mounts_under "$1" | grep -q .; then
    die "mounts remain under $1; not deleting it"
  fi
  rm -rf "$1"
  log "deleted $1"
}

# sandbox_command USAGE COMMAND: the commands both scripts take, over the caller's `answering`, `cmd_start`,
# `cmd_stop`, DIR and HOST; USAGE is what a wrong command is told.
sandbox_command() {
  local usage=$1
  case "${2:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) if answering; then echo "running: $HOST"; else echo "not running" >&2; exit 1; fi ;;
    env) echo "export DOCKER_HOST=$HOST" ;;
    host) echo "$HOST" ;;
    purge) cmd_stop; delete_unmounted "$DIR" ;;
    *) echo "usage: $0 $usage" >&2; exit 2 ;;
  esac
}
