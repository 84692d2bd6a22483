#!/usr/bin/env bash
# How long `npm install` takes on a clean clone, and how big node_modules gets: clones this
# repository's HEAD into a temporary folder and installs it there, with an empty npm cache unless
# --warm is given (then the cache of earlier runs of this script), sampling the machine's load
# average every 5 s, since on a shared machine the time means little without it.
#
#   scripts/measure-install.sh [--warm] [extra npm install options, e.g. --omit=optional]
set -euo pipefail
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
cache="${TMPDIR:-/tmp}/activegraph-install-cache"
if [[ "${1:-}" == "--warm" ]]; then shift; else rm -rf "$cache"; fi
work=$(mktemp -d)
trap 'kill "${sampler:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
git clone -q "$repo" "$work/clone"
cd "$work/clone"
(while true; do cut -d' ' -f1 /proc/loadavg >> "$work/load"; sleep 5; done) &
sampler=$!
start=$(date +%s.%N)
npm install --no-audit --no-fund --cache "$cache" "$@" > "$work/npm.log" 2>&1 || { cat "$work/npm.log"; exit 1; }
seconds=$(echo "$(date +%s.%N) - $start" | bc)
kill "$sampler"
load=$(awk '{ s += $1; n++ } END { printf "%.1f", s / n }' "$work/load")
printf 'npm install%s: %.0f s on %s cores (load average %s while it ran), node_modules %s in %s files\n' \
  "${*:+ $*}" "$seconds" "$(nproc)" "$load" "$(du -sh node_modules | cut -f1)" "$(find node_modules -type f | wc -l)"
