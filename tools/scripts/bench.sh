#!/usr/bin/env bash
# Builds Release and runs the Google Benchmark programs (loopback only, bounded in time).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tools/scripts/install-deps.sh"
build=${BUILD_DIR:-$root/build-release}
"$root/tools/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=Release -DKUBE_CLIENTGEN_BUILD_TESTS=ON \
  -DKUBE_CLIENTGEN_BUILD_BENCHMARKS=ON
for b in "$build"/tests/bench/*_bench; do
  echo "== $(basename "$b")"
  "$b" "$@"
done
