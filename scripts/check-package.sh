#!/usr/bin/env bash
# Installs activegraph as a user would: `npm pack`, then `npm install <tarball>` into a fresh project
# with npm's defaults (no legacy-peer-deps, no overrides: those of this repository do not reach a
# consumer), then imports it from plain Node and runs its binary. Prints the install's time and size.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
mkdir "$work/consumer"
cd "$work/consumer"
echo '{ "name": "consumer", "private": true, "type": "module" }' > package.json
start=$(date +%s)
npm install --no-audit --no-fund --loglevel=error "$work/$tarball"
echo "installed $tarball in $(( $(date +%s) - start )) s; node_modules: $(du -sh node_modules | cut -f1)"
node --input-type=module -e '
  import { parseRunConfig } from "activegraph";
  import { STRATEGY_NAMES } from "activegraph/strategies";
  parseRunConfig({ dataset: { train: "x.jsonl" }, stopping: { maxLabels: 5 } });
  console.log(`imported activegraph: ${STRATEGY_NAMES.length} query methods`);
'
npx --no-install activegraph --help > /dev/null
echo "the activegraph binary runs"
