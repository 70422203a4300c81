#!/usr/bin/env bash
# bench/bench.sh — `make bench` and `make bench-smoke`: measures Netlens against issue 9's targets.
#
# Owns the bench run end to end: its OWN sandbox engine (tests/sandbox/engine.sh with a separate
# NETLENS_SANDBOX_DIR, never the test engine's), the bench topology on it (topology.py), the app build
# (big mode only), the measurements (measure.py under xvfb-run) and the report (report.py). Everything it
# starts is stopped before it exits, the engine included.
#
# Usage: bench/bench.sh           300 networks / 2,000 containers, release app; writes BENCHMARKS.md
#        bench/bench.sh --smoke   10 networks / 40 containers, the debug app if built; ~1 minute; writes
#                                 bench/out/smoke/BENCHMARKS.md and fails if any figure is missing
# Environment:
#   NETLENS_BENCH_DIR          the bench engine's state folder
#                              (default ~/.cache/netlens/bench-engine, smoke: …/bench-smoke-engine)
#   NETLENS_BENCH_KEEP_ENGINE  1: leave the bench engine running afterwards
#   NETLENS_BENCH_STOP_OTHER   1: stop other sandbox engines (e.g. the test engine) first, for a quiet machine
#   NETLENS_BENCH_NO_BUILD     1: measure target/release/netlens as it is (big mode)
#   NETLENS_BENCH_QUIET_WAIT   seconds to wait, before the export and the window steps, for the load average to drop to the
#                              number of cores (default 300; 0: measure at once). The report gives the load.
#   NETLENS_BENCH_SOURCE       what the report names as the app's source (when built elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

MODE=big
case "${1:-}" in
  "") ;;
  --smoke) MODE=smoke ;;
  *) echo "usage: $0 [--smoke]" >&2; exit 2 ;;
esac

log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

if [[ $MODE == big ]]; then
  TOPO=(--networks 300 --containers 2000 --dual 400 --running 40)
  MEASURE=(--quiet-wait "${NETLENS_BENCH_QUIET_WAIT:-300}")
  DIR="${NETLENS_BENCH_DIR:-$HOME/.cache/netlens/bench-engine}"
  APP=target/release/netlens
  PROFILE=release
else
  TOPO=(--networks 10 --containers 40 --dual 8 --running 4)
  MEASURE=(--hyperfine-runs 3 --changes 5 --pan-seconds 1 --zoom-seconds 1 --launches 1 --settle 2
           --ready-timeout 60 --change-timeout 10 --no-cytoscape)
  DIR="${NETLENS_BENCH_DIR:-$HOME/.cache/netlens/bench-smoke-engine}"
  if [[ -x target/debug/netlens && -x target/debug/netlens-window ]]; then APP=target/debug/netlens; PROFILE=debug
  elif [[ -x target/release/netlens && -x target/release/netlens-window ]]; then APP=target/release/netlens; PROFILE=release
  else die "no app built: run \`make app\` (debug) first"; fi
fi
OUT="bench/out/$MODE"
mkdir -p "$OUT"
DIR="$(realpath -m "$DIR")"
export NETLENS_SANDBOX_DIR="$DIR"
export NETLENS_SANDBOX_IPTABLES="${NETLENS_SANDBOX_IPTABLES:-off}"  # the bench needs no NAT; host chains untouched
ENGINE=tests/sandbox/engine.sh
STARTED=$(date +%s)

# --- tools -------------------------------------------------------------------------------------------
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
if ! command -v hyperfine >/dev/null; then
  log "installing hyperfine (Debian)"
  $SUDO apt-get install -y -qq hyperfine >/dev/null || die "hyperfine missing: apt-get install hyperfine"
fi
for t in tauri-driver WebKitWebDriver xvfb-run curl docker dockerd import python3; do
  command -v "$t" >/dev/null || die "$t missing: run \`make deps\`"
done
if [[ $MODE == big && ! -f bench/node_modules/cytoscape/dist/cytoscape.min.js ]]; then
  log "npm ci in bench/ (cytoscape, the reference renderer)"
  (cd bench && npm ci --no-audit --no-fund >/dev/null)
fi

# --- the bench engine ----------------------------------------------------------------------------------
# engine.sh's interface names (netlens0, netlens-lan0), cgroup parent and containerd namespaces are fixed.
# Two sandbox engines can run side by side (the second one reuses the bridge, with iptables off), but
# `engine.sh stop` of either deletes the shared interfaces and kills every container in the shared
# cgroup: so the bench never calls it while another sandbox engine runs (see stop_engine), and a test
# engine stopped during the bench takes the bench's running containers with it.
other_sandbox_dirs() {
  local pid cmd
  for pid in $(pgrep -x dockerd || true); do
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || continue
    [[ "$cmd" == *"-b netlens0"* && "$cmd" != *"$DIR/"* ]] || continue
    sed -n 's/.*--data-root \([^ ]*\)\/data .*/\1/p' <<<"$cmd"
  done
}
others="$(other_sandbox_dirs)"
if [[ -n "$others" ]]; then
  if [[ "${NETLENS_BENCH_STOP_OTHER:-}" == 1 ]]; then
    for d in $others; do log "stopping the sandbox engine in $d"; NETLENS_SANDBOX_DIR="$d" $ENGINE stop; done
  else
    log "note: another sandbox engine runs ($others); the bench engine runs beside it and will not stop it"
  fi
fi

# Never `engine.sh stop` while another sandbox engine runs: it would take that engine's bridge and kill
# its containers (see stop-engine.sh).
stop_engine() {
  bench/stop-engine.sh "$DIR" 2>&1 | sed 's/^/bench: /' >&2 || true
}

BUILD_PID=""
cleanup() {
  local rc=$?
  if [[ -n "$BUILD_PID" ]] && kill -0 "$BUILD_PID" 2>/dev/null; then kill "$BUILD_PID" 2>/dev/null || true; fi
  if [[ "${NETLENS_BENCH_KEEP_ENGINE:-}" != 1 ]]; then stop_engine; fi
  local left
  left="$(pgrep -a dockerd | grep -F -- "$DIR/" || true)"
  [[ -z "$left" || "${NETLENS_BENCH_KEEP_ENGINE:-}" == 1 ]] || log "WARNING: bench dockerd still running: $left"
  log "after the run: WebKitWebDriver: $(pgrep -c WebKitWebDriver || true), dockerd: $(pgrep -c dockerd || true)"
  exit "$rc"
}
trap cleanup EXIT

# --- build (big): UI first, the release app in the background while the topology is made -------------
if [[ $MODE == big && "${NETLENS_BENCH_NO_BUILD:-}" != 1 ]]; then
  log "building the UI and the release app (log: $OUT/build.log; 10+ min cold on 2 cores)"
  # Name what is built now: by the time the report is written, others may have committed.
  if [[ -z "${NETLENS_BENCH_SOURCE:-}" ]]; then
    NETLENS_BENCH_SOURCE="$(git rev-parse --short HEAD)"
    if git status --porcelain --untracked-files=no -- src-tauri core engine ui Cargo.toml Cargo.lock | grep -q .; then
      NETLENS_BENCH_SOURCE+=" plus uncommitted changes in the app's sources"
    fi
    export NETLENS_BENCH_SOURCE
  fi
  (cd ui && npm run build) >"$OUT/build.log" 2>&1 || die "ui build failed: see $OUT/build.log"
  cargo build --release -p netlens >>"$OUT/build.log" 2>&1 &
  BUILD_PID=$!
fi

HOST="$($ENGINE start)"
export DOCKER_HOST="$HOST"
tests/sandbox/image.sh
python3 bench/topology.py "${TOPO[@]}" --json "$OUT/topology.json"

if [[ -n "$BUILD_PID" ]]; then
  log "waiting for the release build"
  wait "$BUILD_PID" || { tail -n 30 "$OUT/build.log" >&2; die "release build failed: see $OUT/build.log"; }
  BUILD_PID=""
fi
# `netlens` is what is measured (export, and the window as a person starts it: it becomes netlens-window).
[[ -x "$APP" && -x "$(dirname "$APP")/netlens-window" ]] || die "$APP and netlens-window beside it are not both built"

# --- measure and report ------------------------------------------------------------------------------
rc=0
xvfb-run -a -s "-screen 0 1440x900x24" \
  python3 bench/measure.py --mode "$MODE" --app "$APP" --topology "$OUT/topology.json" --out "$OUT" \
  "${MEASURE[@]}" || rc=$?

# Issue 9 wants the change latency "at both scales": the same release app on the small topology too,
# on the smoke engine (only one sandbox engine can run at a time, so the big one stops first).
SMALL=()
if [[ $MODE == big ]]; then
  stop_engine
  DIR="$(realpath -m "$HOME/.cache/netlens/bench-smoke-engine")"
  export NETLENS_SANDBOX_DIR="$DIR"
  HOST="$($ENGINE start)"
  export DOCKER_HOST="$HOST"
  tests/sandbox/image.sh
  mkdir -p bench/out/small
  python3 bench/topology.py --networks 10 --containers 40 --dual 8 --running 4 --json bench/out/small/topology.json
  xvfb-run -a -s "-screen 0 1440x900x24" \
    python3 bench/measure.py --mode small --app "$APP" --topology bench/out/small/topology.json \
    --out bench/out/small --steps window --no-frames --no-cytoscape --changes 40 --settle 1 || rc=$?
  SMALL=(--small bench/out/small/results.json)
fi

REPORT=BENCHMARKS.md
[[ $MODE == smoke ]] && REPORT="$OUT/BENCHMARKS.md"
CMD="make bench"; [[ $MODE == smoke ]] && CMD="make bench-smoke"
python3 bench/report.py "$OUT/results.json" "${SMALL[@]}" --profile "$PROFILE" --command "$CMD" \
  --seconds "$(( $(date +%s) - STARTED ))" >"$REPORT.tmp"
mv "$REPORT.tmp" "$REPORT"
log "wrote $REPORT"
if [[ $MODE == smoke ]]; then
  python3 bench/report.py "$OUT/results.json" --check || rc=1
fi
exit "$rc"
