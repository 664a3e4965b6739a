#!/usr/bin/env bash
# Configures and builds one build tree. Usage: build.sh BUILD_DIR [cmake args...]
# KUBE_CLIENTGEN_TARGET: the targets to build (space-separated), instead of all.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$1
shift
cmake -S "$root" -B "$dir" -G Ninja "$@" >/dev/null
# Two cores and a heavy C++ build: two jobs keep memory and the machine responsive.
cmake --build "$dir" -j "${KUBE_CLIENTGEN_JOBS:-2}" ${KUBE_CLIENTGEN_TARGET:+--target $KUBE_CLIENTGEN_TARGET}
