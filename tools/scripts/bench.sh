#!/usr/bin/env bash
# Builds Release and runs the Google Benchmark programs (loopback only, bounded in time).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tools/scripts/install-deps.sh"
build=${BUILD_DIR:-$root/build-release}
"$root/tools/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=Release -DKUBE_CLIENTGEN_BUILD_TESTS=ON \
  -DKUBE_CLIENTGEN_BUILD_BENCHMARKS=ON
# decode_bench decodes a synthetic 5,000-pod list and one built from real captured pods
# (BM_*RealPodList, BM_DecodeHeap/real:1); the captures are read from tests/bench/data.
export KUBE_BENCH_DATA_DIR=${KUBE_BENCH_DATA_DIR:-$root/tests/bench/data}
# Each benchmark runs in a process of its own: the decode benchmarks leave hundreds of megabytes
# of freed blocks in malloc's bins, which would otherwise slow down whichever runs next.
for b in "$build"/tests/bench/*_bench; do
  echo "== $(basename "$b")  (name, wall time, CPU time, iterations, counters)"
  "$b" --benchmark_list_tests "$@" | while read -r name; do
    "$b" "$@" --benchmark_filter="^${name}\$" | sed -n '/^BM_/p'
  done
done
# Migration against the parse floor (when the migration tool was built: LLVM 16 found).
if [[ -x $build/tools/migrate/kube-clientgen-migrate ]]; then
  echo "== migrate_bench"
  "$root/tests/bench/migrate_bench.sh" "$build/tools/migrate/kube-clientgen-migrate" \
    /usr/lib/llvm-16/bin "$root"
fi
# What including a typed client header costs a user's translation unit at -O0.
echo "== header_compile_bench"
"$root/tests/bench/header_compile_bench.sh" "$root"
