#!/usr/bin/env bash
# The .deb as a person installs it: `dpkg -i` into this system, the installed `netlens` runs, the desktop entry
# and the icons are where a desktop looks for them; then `dpkg --purge` and the machine is as it was.
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
for f in /usr/bin/netlens /usr/share/applications/Netlens.desktop; do
  if [[ -e "$f" ]]; then echo "package test: $f exists outside any package; move it away first" >&2; exit 1; fi
done

installed=0
cleanup() {
  if [[ $installed = 1 ]]; then $SUDO dpkg --purge netlens >/dev/null || echo "package test: dpkg --purge netlens failed" >&2; fi
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
check "after dpkg --purge the desktop entry is gone" test ! -e "$desktop"

if [[ $failures -gt 0 ]]; then echo "package test: $failures check(s) failed" >&2; exit 1; fi
echo "package test: all checks passed"
