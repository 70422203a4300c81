#!/usr/bin/env bash
# Renders icons/icon.svg into the PNG and ICO files Tauri 2 bundles (see src-tauri/tauri.conf.json).
# Needs ImageMagick (`magick` or `convert`); uses rsvg-convert (Debian: librsvg2-bin) when present, which
# rasterises the SVG more faithfully than ImageMagick's own reader. Tauri rejects RGB or palette PNGs, so every
# PNG is written as PNG32: (8-bit RGBA).
set -euo pipefail
cd "$(dirname "$0")"

if command -v magick >/dev/null 2>&1; then im=(magick); else im=(convert); fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# raster SIZE OUT: the SVG drawn straight at SIZE px, as 8-bit RGBA.
raster() {
  if command -v rsvg-convert >/dev/null 2>&1; then
    rsvg-convert -w "$1" -h "$1" icon.svg -o "$tmp/raw-$1.png"
  else
    "${im[@]}" -background none -density $((72 * $1 / 512 + 1)) icon.svg -resize "$1x$1" "$tmp/raw-$1.png"
  fi
  "${im[@]}" "$tmp/raw-$1.png" -alpha on -depth 8 "PNG32:$2"
}

raster 32 32x32.png
raster 128 128x128.png
raster 256 128x128@2x.png
raster 512 icon.png

ico=()
for s in 16 24 32 48 64 256; do
  raster "$s" "$tmp/ico-$s.png"
  ico+=("$tmp/ico-$s.png")
done
"${im[@]}" "${ico[@]}" icon.ico
