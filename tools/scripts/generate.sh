#!/usr/bin/env bash
# Regenerates the checked-in clients: generated/sample (the wardle schemas) and generated/k8s
# (the whole Kubernetes API from schemas/kubernetes/swagger.json). BUILD_DIR names the build
# holding kube-clientgen (default build/).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
gen=${BUILD_DIR:-$root/build}/generator/kube-clientgen
cd "$root"
# --freeze-deprecated freezes a deprecated snapshot the first time only: afterwards the frozen
# files (generated/*/deprecated) are kept byte for byte. (tests/deprecated/frozen is generated
# output of an earlier generator and is never regenerated.)
"$gen" --schemas schemas/wardle.example.com --namespace sample --out generated --freeze-deprecated
"$gen" --schemas schemas/kubernetes/swagger.json --namespace k8s --out generated --freeze-deprecated
