#!/usr/bin/env bash
# What including the generated clients costs a user: the compile time at -O0 (a debug build's
# edit-compile loop) of a translation unit that includes one header and makes one call, against
# a translation unit that includes only the standard and third-party headers any client needs.
# DESIGN's goal: one typed client header under 1 s.
#   header_compile_bench.sh SOURCE_DIR [CXX] [ROUNDS]
# Best of ROUNDS (default 5) runs, wall seconds, one process at a time.
set -euo pipefail
src=$1 cxx=${2:-c++} rounds=${3:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(-std=c++20 -O0 -c "-I$src/runtime/include" "-I$src/generated")

cat > "$work/floor.cc" <<'CC'
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>
CC
cat > "$work/typed_client.cc" <<'CC'
#include "k8s/clientset/typed/core/v1/pod.h"
kube::Result<k8s::api::core::v1::Pod> GetPod(k8s::clientset::typed::core::v1::PodInterface& pods) {
  return pods.Get(kube::Context::Background(), "web-0", {});
}
CC
cat > "$work/clientset.cc" <<'CC'
#include "k8s/clientset/clientset.h"
kube::Result<k8s::api::core::v1::Pod> GetPod(k8s::clientset::Interface& clients) {
  return clients.CoreV1().Pods("default")->Get(kube::Context::Background(), "web-0", {});
}
CC

# What a controller's translation unit does with a typed client: get an object, copy it, change
# the copy, compare it with the original and update it. Copying and destroying compile the
# members of every type a Pod holds, which the one-call translation units above never do.
cat > "$work/get_copy_compare_update.cc" <<'CC'
#include "k8s/clientset/typed/core/v1/pod.h"
kube::Result<void> Relabel(k8s::clientset::typed::core::v1::PodInterface& pods,
                           const kube::Context& ctx) {
  auto pod = pods.Get(ctx, "web-0", {});
  if (!pod) return tl::make_unexpected(pod.error());
  k8s::api::core::v1::Pod updated = *pod;
  updated.metadata.labels["tier"] = "web";
  if (updated == *pod) return {};
  auto result = pods.Update(ctx, updated, {});
  if (!result) return tl::make_unexpected(result.error());
  return {};
}
CC

best() {  # best FILE: the shortest wall time of ROUNDS compiles, in seconds
  local best_ns=0 t0 t1
  for _ in $(seq "$rounds"); do
    t0=$(date +%s%N)
    "$cxx" "${flags[@]}" "$work/$1" -o "$work/out.o"
    t1=$(date +%s%N)
    if ((best_ns == 0 || t1 - t0 < best_ns)); then best_ns=$((t1 - t0)); fi
  done
  awk -v ns="$best_ns" 'BEGIN { printf "%.2f", ns / 1e9 }'
}

echo "compile at -O0 with $("$cxx" --version | head -1), best of $rounds:"
printf '  %-58s %s s\n' "standard + tl::expected headers only (the floor)" "$(best floor.cc)"
printf '  %-58s %s s\n' "k8s/clientset/typed/core/v1/pod.h + Pods Get" "$(best typed_client.cc)"
printf '  %-58s %s s\n' "k8s/clientset/clientset.h + CoreV1().Pods(ns)->Get" "$(best clientset.cc)"
printf '  %-58s %s s\n' "pod.h + Get, copy, modify, compare, Update" "$(best get_copy_compare_update.cc)"
