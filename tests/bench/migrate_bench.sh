#!/usr/bin/env bash
# Migration wall time against the parse alone: kube-clientgen-migrate (diff mode, -j N) over a
# corpus of legacy translation units, and clang++ -fsyntax-only over the same files with the same
# flags and N processes, the floor any Clang-based tool pays. DESIGN's goal: <= 1.3x.
#   migrate_bench.sh TOOL CLANG_BIN_DIR SOURCE_DIR [COPIES] [ROUNDS]
# The corpus is tests/migrate's legacy code on the deprecated API of the sample clients
# (controller.cc, cleanup.cc) and of the whole Kubernetes API (pod_controller.cc), each copied
# COPIES times (default 4) as a code base has many translation units; the best of ROUNDS
# (default 3) runs is reported.
set -euo pipefail
tool=$1 clang_bin=$2 src=$3 copies=${4:-4} rounds=${5:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(-std=c++20 "-I$src/runtime/include" "-I$src/generated")
cp "$src"/tests/migrate/corpus/*.h "$work/"
cp "$src/.clang-format" "$work/"
files=()
for f in "$src"/tests/migrate/corpus/*.cc "$src"/tests/migrate/k8s/*.cc; do
  for i in $(seq "$copies"); do
    copy="$work/$(basename "$f" .cc)_$i.cc"
    cp "$f" "$copy"
    files+=("$copy")
  done
done
# shellcheck source=../migrate/compile_commands.sh
source "$src/tests/migrate/compile_commands.sh"
write_compile_commands "$work" flags "${files[@]}"

best() {  # best ROUNDS CMD...: the shortest wall time of ROUNDS runs, in seconds
  local n=$1 best_ns=0 t0 t1
  shift
  for _ in $(seq "$n"); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    t1=$(date +%s%N)
    if ((best_ns == 0 || t1 - t0 < best_ns)); then best_ns=$((t1 - t0)); fi
  done
  awk -v ns="$best_ns" 'BEGIN { printf "%.2f", ns / 1e9 }'
}
parse_all() {  # parse_all JOBS: clang++ -fsyntax-only on every file, JOBS at a time
  printf '%s\n' "${files[@]}" |
    xargs -P "$1" -I{} "$clang_bin/clang++" -fsyntax-only -Wno-deprecated-declarations \
      "${flags[@]}" {}
}

echo "corpus: ${#files[@]} translation units ($copies copies of 3 legacy files), best of $rounds"
printf '%-4s %-22s %-22s %s\n' jobs "clang++ -fsyntax-only" kube-clientgen-migrate ratio
for jobs in 1 2; do
  parse=$(best "$rounds" parse_all "$jobs")
  migrate=$(best "$rounds" "$tool" -p "$work" -j "$jobs" "${files[@]}")
  printf '%-4s %-22s %-22s %s\n' "$jobs" "${parse} s" "${migrate} s" \
    "$(awk -v a="$migrate" -v b="$parse" 'BEGIN { printf "%.2fx", a / b }')"
done
