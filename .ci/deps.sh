#!/usr/bin/env bash
# Installs what building, running and testing Netlens needs on Debian 12, and only what is missing,
# so a second run is quick. Runs as root or through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PKGS=(
  # building the Tauri app
  build-essential pkg-config curl file libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev
  libayatana-appindicator3-dev librsvg2-dev
  # the sandbox engine and its test image
  docker.io busybox-static iproute2 podman netavark aardvark-dns
  # driving the real window
  xvfb xauth webkit2gtk-driver imagemagick
  # make bench-smoke (part of make test)
  hyperfine python3
)
missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node.js may come from NodeSource, whose nodejs package carries npm and conflicts with Debian's npm:
# ask for Debian's only when no npm is on the PATH at all.
if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The ssh:// engine test (tests/ssh.rs) runs a private sshd of its own on a free loopback port. Installing
# openssh-server would start the system sshd on port 22 and enable it for every boot, so service starts are
# refused during that one install (a policy-rc.d that exits 101, removed afterwards; one already there is
# left alone) and /etc/ssh/sshd_not_to_be_run, which Debian's ssh service and init script honour, keeps it
# from starting later. Delete that file to run the system sshd on purpose.
if ! dpkg-query -W -f='${Status}' openssh-server 2>/dev/null | grep -q "install ok installed"; then
  echo "deps: installing openssh-server (its service is not started)"
  $SUDO mkdir -p /etc/ssh
  $SUDO touch /etc/ssh/sshd_not_to_be_run
  policy=/usr/sbin/policy-rc.d
  ours=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# Written by Netlens .ci/deps.sh for one install: start no service.\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
    ours=1
    trap '[ $ours = 0 ] || $SUDO rm -f "$policy"' EXIT
  fi
  rc=0
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends openssh-server || rc=$?
  if [ $ours = 1 ]; then $SUDO rm -f "$policy"; ours=0; fi
  [ $rc = 0 ] || exit $rc
fi

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "deps: npm ci"
  (cd ui && npm ci --no-audit --no-fund)
fi

if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "deps: cargo install tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi
