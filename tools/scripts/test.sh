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
# Line tables (-g1) are enough for the backtraces of a failing test, and full debug info of the
# template-heavy codecs and tests costs 60% more compile time (and 25x the object size).
line_tables=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DCMAKE_CXX_FLAGS_DEBUG="-g1")

"$root/tools/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKUBE_CLIENTGEN_BUILD_TESTS=ON \
  "${line_tables[@]}"
(cd "$build" && ctest -j "$jobs" --output-on-failure --timeout 300)

if [[ "${KUBE_CLIENTGEN_SANITIZERS:-1}" == 1 ]]; then
  echo "== ASan + UBSan"
  "$root/tools/scripts/build.sh" "$build-asan" -DCMAKE_BUILD_TYPE=Debug -DKUBE_CLIENTGEN_BUILD_TESTS=ON \
    -DKUBE_CLIENTGEN_BUILD_BENCHMARKS=OFF -DKUBE_CLIENTGEN_BUILD_KUBERNETES=OFF \
    -DKUBE_CLIENTGEN_BUILD_MIGRATE=OFF "-DKUBE_CLIENTGEN_SANITIZE=address,undefined" "${line_tables[@]}"
  (cd "$build-asan" && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ASAN_OPTIONS=detect_leaks=1 ctest -j "$jobs" --output-on-failure --timeout 600)
  echo "== TSan"
  # Only the suites with concurrent code are built and run under TSan.
  KUBE_CLIENTGEN_TARGET="runtime_test testing_test integration_test generated_client_test cache_test fake_test
    rest_config_test" "$root/tools/scripts/build.sh" "$build-tsan" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DKUBE_CLIENTGEN_BUILD_TESTS=ON -DKUBE_CLIENTGEN_BUILD_BENCHMARKS=OFF -DKUBE_CLIENTGEN_BUILD_KUBERNETES=OFF \
    -DKUBE_CLIENTGEN_BUILD_MIGRATE=OFF -DKUBE_CLIENTGEN_SANITIZE=thread \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"  # TSan's advice; compiles faster than -O2
  (cd "$build-tsan" && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/tools/sanitizers/tsan.supp" \
    ctest -j "$jobs" --output-on-failure --timeout 600 -R "Context|Cancellation|Retry|WatchStream|TypedClient|APIServer|ObjectTracker|TokenBucket|GeneratedClient|LargeList|FakeClientset|Informer|Store|Lister|FieldSelector|ControllerContext|Kubeconfig|ExecCredential|TokenFile|InCluster|Auth|Tls|Proxy|Impersonation|Compression")
  FUZZ_SECONDS=${FUZZ_SECONDS:-30} BUILD_DIR="$build-fuzz" "$root/tools/scripts/fuzz.sh"
fi
