#!/usr/bin/env bash
# tests/sandbox/image.sh — owns the sandbox's only image, netlens/busybox:latest.
# Why: no image registry is reachable, so the image is built from Debian's
# busybox-static binary: a root filesystem with /bin/busybox, a symlink per applet
# (sh, sleep, httpd, nc, ping, wget, ip, ...), /etc/passwd, /etc/group and
# /www/index.html, imported with `docker import`. Idempotent: skips when the image
# exists (pass --force to rebuild).
#
# Targets DOCKER_HOST from the environment, else the sandbox engine (engine.sh host).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IMAGE=netlens/busybox:latest
BUSYBOX=/bin/busybox

if [[ -z "${DOCKER_HOST:-}" ]]; then
  DOCKER_HOST="$("$HERE/engine.sh" host)"
fi
export DOCKER_HOST

force=0
[[ "${1:-}" == --force ]] && force=1

if ! docker version >/dev/null 2>&1; then
  echo "image.sh: no engine answers at $DOCKER_HOST (run tests/sandbox/engine.sh start)" >&2
  exit 1
fi

if ((force == 0)) && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "image.sh: $IMAGE already present"
  exit 0
fi

[[ -x "$BUSYBOX" ]] || { echo "image.sh: $BUSYBOX missing (apt-get install busybox-static)" >&2; exit 1; }
if ldd "$BUSYBOX" >/dev/null 2>&1; then
  echo "image.sh: $BUSYBOX is dynamically linked; install busybox-static" >&2
  exit 1
fi

ROOTFS="$(mktemp -d)"
trap 'rm -rf "$ROOTFS"' EXIT

mkdir -p "$ROOTFS"/{bin,etc,www,tmp,proc,sys,dev,root,var/run}
chmod 1777 "$ROOTFS/tmp"
cp "$BUSYBOX" "$ROOTFS/bin/busybox"
# One symlink per applet; the brief's minimum set is checked below.
while read -r applet; do
  [[ -n "$applet" && "$applet" != busybox ]] || continue
  ln -sf busybox "$ROOTFS/bin/$applet"
done < <("$BUSYBOX" --list)
for applet in sh sleep httpd nc ping wget ip ifconfig cat echo ls hostname; do
  [[ -L "$ROOTFS/bin/$applet" ]] || { echo "image.sh: busybox lacks $applet" >&2; exit 1; }
done

cat >"$ROOTFS/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$ROOTFS/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF
cat >"$ROOTFS/www/index.html" <<'EOF'
<!doctype html>
<html><head><title>netlens sandbox</title></head>
<body><p>netlens sandbox httpd: ok</p></body></html>
EOF

tar -C "$ROOTFS" --numeric-owner --owner=0 --group=0 -c . |
  docker import \
    --change 'CMD ["/bin/sh"]' \
    --change 'ENV PATH=/bin' \
    - "$IMAGE" >/dev/null
echo "image.sh: built $IMAGE"
