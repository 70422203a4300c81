#!/usr/bin/env bash
# The .deb as a person installs it: `dpkg -i` into this system, the installed `netlens` runs and opens the window
# (it becomes the installed `netlens-window`), the desktop entry and the icons are where a desktop looks for them;
# then `dpkg --purge` and the machine is as it was.
# Usage: tests/package/deb.sh path/to/Netlens_<version>_amd64.deb   (root, or sudo without a password)
set -euo pipefail

deb="${1:?usage: tests/package/deb.sh path/to/netlens.deb}"
[[ -f "$deb" ]] || { echo "package test: $deb does not exist; run make package-test" >&2; exit 1; }
SUDO=""
if [[ "$(id -u)" -ne 0 ]]; then SUDO="sudo -n"; fi

failures=0
check() { # check "sentence" command...: runs the command, prints the sentence with ok/FAILED
  local what="$1"; shift
  if "$@" >/dev/null 2>&1; then echo "package test: $what ... ok"; else echo "package test: $what ... FAILED" >&2; failures=$((failures + 1)); fi
}

# Never replace what a person installed: the test removes its package afterwards, which would take theirs away.
if dpkg-query -W -f='${Status}' netlens 2>/dev/null | grep -q "install ok installed"; then
  echo "package test: a netlens package ($(dpkg-query -W -f='${Version}' netlens)) is installed on this machine;" \
       "remove it first (sudo dpkg -r netlens), the test installs and removes its own" >&2
  exit 1
fi
for f in /usr/bin/netlens /usr/bin/netlens-window /usr/share/applications/Netlens.desktop; do
  if [[ -e "$f" ]]; then echo "package test: $f exists outside any package; move it away first" >&2; exit 1; fi
done

installed=0
window_group=""
scratch="$(mktemp -d)"
cleanup() {
  if [[ -n "$window_group" ]]; then kill -TERM -- "-$window_group" 2>/dev/null || true; wait "$window_group" 2>/dev/null || true; fi
  if [[ $installed = 1 ]]; then $SUDO dpkg --purge netlens >/dev/null || echo "package test: dpkg --purge netlens failed" >&2; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

$SUDO dpkg -i "$deb" >/dev/null
installed=1

check "dpkg says netlens is installed" bash -c "dpkg-query -W -f='\${Status}' netlens | grep -q 'install ok installed'"
check "/usr/bin/netlens belongs to the package" bash -c "dpkg -S /usr/bin/netlens | grep -q '^netlens:'"
help="$(/usr/bin/netlens export --help 2>&1)" && rc=0 || rc=$?
check "the installed netlens export --help exits 0 (it exited $rc)" test "$rc" = 0
check "the installed netlens export --help prints the usage of export" \
  bash -c 'grep -q "^Usage:" <<<"$1" && grep -q "netlens export" <<<"$1" && grep -q mermaid <<<"$1"' _ "$help"
check "the installed netlens --version is the package's version" \
  test "$(/usr/bin/netlens --version)" = "netlens $(dpkg-query -W -f='${Version}' netlens)"
check "/usr/bin/netlens-window (the window's program) belongs to the package" \
  bash -c "dpkg -S /usr/bin/netlens-window | grep -q '^netlens:'"
check "the installed netlens links no GTK nor WebKit (they are the window program's)" \
  bash -c '! ldd /usr/bin/netlens | grep -Eqi "gtk|webkit"'

# What the desktop entry runs: `netlens` with no command must become the installed window program (exec, same
# process). Under a private X server, on an engine that does not exist (the window says so and stays open).
if command -v xvfb-run >/dev/null 2>&1; then
  setsid xvfb-run -a -s "-screen 0 1024x768x24" env DOCKER_HOST="unix:///nonexistent/netlens-package-test.sock" \
    XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" /usr/bin/netlens >/dev/null 2>&1 &
  window_group=$!
  opened=""
  for _ in $(seq 100); do
    for pid in $(pgrep -s "$window_group" 2>/dev/null); do
      [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == /usr/bin/netlens-window ]] && opened=$pid
    done
    [[ -n "$opened" ]] && break
    sleep 0.1
  done
  check "the installed netlens opens the window: it becomes /usr/bin/netlens-window" test -n "$opened"
  kill -TERM -- "-$window_group" 2>/dev/null || true
  wait "$window_group" 2>/dev/null || true
  window_group=""
else
  echo "package test: xvfb-run is not installed, so opening the window from the installed netlens was NOT tested" >&2
fi

desktop=/usr/share/applications/Netlens.desktop
check "the desktop entry is installed" test -f "$desktop"
check "the desktop entry starts netlens" grep -qx "Exec=netlens" "$desktop"
check "the desktop entry names the netlens icon" grep -qx "Icon=netlens" "$desktop"
check "the desktop entry is an application in Development" \
  bash -c "grep -qx 'Type=Application' '$desktop' && grep -q '^Categories=.*Development;' '$desktop'"
if command -v desktop-file-validate >/dev/null 2>&1; then
  check "desktop-file-validate accepts the desktop entry" desktop-file-validate "$desktop"
fi
for size in 32x32 128x128 512x512; do
  icon="/usr/share/icons/hicolor/$size/apps/netlens.png"
  check "the $size icon is installed as a PNG of that size" \
    bash -c "file -b '$icon' | grep -q 'PNG image data, ${size/x/ x },'"
done

$SUDO dpkg --purge netlens >/dev/null
installed=0
check "after dpkg --purge no netlens package is left" bash -c "! dpkg-query -W -f='\${Status}' netlens 2>/dev/null | grep -q installed"
check "after dpkg --purge /usr/bin/netlens is gone" test ! -e /usr/bin/netlens
check "after dpkg --purge /usr/bin/netlens-window is gone" test ! -e /usr/bin/netlens-window
check "after dpkg --purge the desktop entry is gone" test ! -e "$desktop"

if [[ $failures -gt 0 ]]; then echo "package test: $failures check(s) failed" >&2; exit 1; fi
echo "package test: all checks passed"
