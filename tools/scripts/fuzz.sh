#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan + libFuzzer) and fuzzes the schema
# loader for FUZZ_SECONDS (default 60), seeded with the bundled schemas.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
CC=clang CXX=clang++ KUBE_CLIENTGEN_TARGET=native_loader_fuzz "$root/tools/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKUBE_CLIENTGEN_BUILD_TESTS=OFF -DKUBE_CLIENTGEN_BUILD_BENCHMARKS=OFF \
  -DKUBE_CLIENTGEN_BUILD_FUZZERS=ON "-DKUBE_CLIENTGEN_SANITIZE=address,undefined" \
  -DKUBE_CLIENTGEN_WARNINGS_AS_ERRORS=OFF
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
find "$root/schemas" -name '*.json' -exec cp {} "$corpus/" \;
UBSAN_OPTIONS=halt_on_error=1 "$build/tests/fuzz/native_loader_fuzz" -max_total_time="$seconds" \
  -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "$corpus"
