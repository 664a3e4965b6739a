#!/usr/bin/env bash
# Installs the Debian packages kube-clientgen builds and tests with. Idempotent and quick when
# everything is present: it only calls apt-get when a package is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git clang-format
  nlohmann-json3-dev libsimdjson-dev libfmt-dev libcurl4-openssl-dev libssl-dev
  libcpp-httplib-dev libyaml-cpp-dev libexpected-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev  # libFuzzer for tools/scripts/fuzz.sh
  curl                      # the kube-testserver CLI test drives it with curl
)
# kube-clientgen-migrate (Clang 16 LibTooling; headers and CMake package in libclang-16-dev) and
# its tests (clang++-16, clang-apply-replacements-16, clang-tidy-16 for the plugin).
# KUBE_CLIENTGEN_WITH_CLANG=0 skips them; the tool is then not built.
if [[ "${KUBE_CLIENTGEN_WITH_CLANG:-1}" == 1 ]]; then
  packages+=(libclang-cpp16-dev libclang-16-dev llvm-16-dev clang-16 clang-tools-16 clang-tidy-16)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
