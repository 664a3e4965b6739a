#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every GoogleTest suite through
# ctest, then the runtime and server suites again under ASan+UBSan and under TSan.
# Last, the schema loaders and the typed decoders are fuzzed briefly with libFuzzer.
# KUBE_CLIENTGEN_SANITIZERS=0 skips the sanitizer and fuzz builds (quick local runs).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tools/scripts/install-deps.sh"
build=${BUILD_DIR:-$root/build}
jobs=${KUBE_CLIENTGEN_TEST_JOBS:-2}

"$root/tools/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKUBE_CLIENTGEN_BUILD_TESTS=ON
(cd "$build" && ctest -j "$jobs" --output-on-failure --timeout 300)

if [[ "${KUBE_CLIENTGEN_SANITIZERS:-1}" == 1 ]]; then
  echo "== ASan + UBSan"
  "$root/tools/scripts/build.sh" "$build-asan" -DCMAKE_BUILD_TYPE=Debug -DKUBE_CLIENTGEN_BUILD_TESTS=ON \
    -DKUBE_CLIENTGEN_BUILD_BENCHMARKS=OFF -DKUBE_CLIENTGEN_BUILD_KUBERNETES=OFF \
    -DKUBE_CLIENTGEN_BUILD_MIGRATE=OFF "-DKUBE_CLIENTGEN_SANITIZE=address,undefined"
  (cd "$build-asan" && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ASAN_OPTIONS=detect_leaks=1 ctest -j "$jobs" --output-on-failure --timeout 600)
  echo "== TSan"
  "$root/tools/scripts/build.sh" "$build-tsan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKUBE_CLIENTGEN_BUILD_TESTS=ON \
    -DKUBE_CLIENTGEN_BUILD_BENCHMARKS=OFF -DKUBE_CLIENTGEN_BUILD_KUBERNETES=OFF -DKUBE_CLIENTGEN_BUILD_MIGRATE=OFF \
    -DKUBE_CLIENTGEN_SANITIZE=thread
  (cd "$build-tsan" && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/tools/sanitizers/tsan.supp" \
    ctest -j "$jobs" --output-on-failure --timeout 600 -R "Context|Cancellation|Retry|WatchStream|TypedClient|APIServer|ObjectTracker|TokenBucket|GeneratedClient|LargeList|FakeClientset|Informer|Store|Lister|FieldSelector|ControllerContext|Kubeconfig|ExecCredential|TokenFile|InCluster|Auth|Tls|Proxy|Impersonation|Compression")
  FUZZ_SECONDS=${FUZZ_SECONDS:-30} BUILD_DIR="$build-fuzz" "$root/tools/scripts/fuzz.sh"
fi
