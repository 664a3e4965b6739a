#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan + libFuzzer) and runs each for
# FUZZ_SECONDS (default 30): the schema loaders (native, OpenAPI, CRD) seeded with the bundled
# schemas and the real CRDs, the typed decoders seeded with real objects, and what a server
# sends back (error bodies, watch lines) seeded from tests/fuzz/seeds; every input under
# tests/fuzz/regressions/<target>/ (each once a crash) is in its target's seed corpus.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-30}
shared=$root/../shared/data
targets=(native_loader_fuzz openapi_loader_fuzz crd_loader_fuzz typed_decode_fuzz server_response_fuzz)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DKUBE_CLIENTGEN_BUILD_TESTS=OFF \
  -DKUBE_CLIENTGEN_BUILD_BENCHMARKS=OFF -DKUBE_CLIENTGEN_BUILD_KUBERNETES=OFF \
  -DKUBE_CLIENTGEN_BUILD_FUZZERS=ON "-DKUBE_CLIENTGEN_SANITIZE=address,undefined" \
  -DKUBE_CLIENTGEN_WARNINGS_AS_ERRORS=OFF >/dev/null
cmake --build "$build" -j "${KUBE_CLIENTGEN_JOBS:-2}" --target "${targets[@]}"

seed() {  # seed DIR FILES...: copies what exists
  local dir=$1
  shift
  mkdir -p "$dir"
  for f in "$@"; do [[ -f $f ]] && cp "$f" "$dir/"; done
  return 0
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seed "$work/native_loader_fuzz" $(find "$root/schemas/wardle.example.com" -name '*.json')
seed "$work/openapi_loader_fuzz" "$shared"/kubernetes/openapi-v3/*.json
seed "$work/crd_loader_fuzz" "$shared"/crds/*
seed "$work/typed_decode_fuzz" "$shared"/objects/*.json
seed "$work/server_response_fuzz" "$root"/tests/fuzz/seeds/server_response_fuzz/*
# The real captured objects as the watch events a server would stream (first byte: the code).
for f in "$shared"/objects/*.json; do
  { printf '\0{"type":"MODIFIED","object":'; cat "$f"; printf '}'; } \
    >"$work/server_response_fuzz/watch-$(basename "$f")"
done
for t in "${targets[@]}"; do
  # Inputs that once crashed a target start every later run of it.
  seed "$work/$t" "$root"/tests/fuzz/regressions/"$t"/*
  echo "== libFuzzer: $t (${seconds}s)"
  UBSAN_OPTIONS=halt_on_error=1 "$build/tests/fuzz/$t" -max_total_time="$seconds" \
    -max_len=1048576 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 "$work/$t"
done
