#!/usr/bin/env bash
# The v1 protos pass `buf lint` with the rules in protos/buf.yaml.
set -euo pipefail
source_dir="$1"
buf="$source_dir/node_modules/.bin/buf"
[ -x "$buf" ] || { echo "buf is not installed: run scripts/install-deps (npm ci)"; exit 1; }
cd "$source_dir/protos"
"$buf" lint
echo "buf lint: clean"
