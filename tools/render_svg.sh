#!/usr/bin/env bash
# Renders an SVG (or any page) to a PNG with Debian's headless Chromium, as a
# browser would show it: tools/render_svg.sh in.svg out.png [width height]
# The window defaults to 800×600; the PNG has exactly that size.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 4 ]; then
  echo "usage: $0 in.svg out.png [width height]" >&2
  exit 2
fi
in=$1
out=$2
width=${3:-800}
height=${4:-600}
browser=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$browser" ]; then
  echo "render_svg: $browser not found (apt-get install -y chromium)" >&2
  exit 3
fi
if [ ! -f "$in" ]; then
  echo "render_svg: $in: no such file" >&2
  exit 2
fi
abs_in=$(cd "$(dirname "$in")" && pwd)/$(basename "$in")
abs_out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$abs_out"
# A throwaway profile, no network chatter; stderr is kept quiet unless it fails.
if ! "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" --screenshot="$abs_out" \
  --window-size="$width,$height" "file://$abs_in" >"$profile/log" 2>&1; then
  cat "$profile/log" >&2
  exit 1
fi
if [ ! -s "$abs_out" ]; then
  cat "$profile/log" >&2
  echo "render_svg: no screenshot written" >&2
  exit 1
fi
