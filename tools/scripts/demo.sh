#!/usr/bin/env bash
# The main job: installs what is missing, builds kube-clientgen, generates the bundled clients
# (schemas/ -> generated/: the wardle sample as `sample`, the whole Kubernetes API as `k8s`),
# builds and runs the example programs on them against the embedded test API server; then serves schemas/ with kube-testserver and drives it
# with the runtime alone and with kubectl (if installed).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tools/scripts/install-deps.sh"
build=${BUILD_DIR:-$root/build}
"$root/tools/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo

echo "== kube-clientgen: schemas/ -> generated/"
BUILD_DIR="$build" "$root/tools/scripts/generate.sh"
cmake --build "$build" -j "${KUBE_CLIENTGEN_JOBS:-2}" --target clientset-demo kubernetes-demo flunder-controller >/dev/null
echo "== clientset-demo (generated clientset, embedded API server)"
"$build/tools/demo/clientset-demo"
echo "== kubernetes-demo (KubeClientGen::kubernetes: create a Deployment, scale it, list pods by label)"
"$build/tools/demo/kubernetes-demo"
echo "== flunder-controller (informer -> work queue -> lister -> typed client, one traced action per write)"
"$build/tools/controller/flunder-controller"

out=$(mktemp)
"$build/tools/testserver/kube-testserver" --schemas "$root/schemas" --port 0 \
  --fault-latency /api/v1/namespaces/default/configmaps/slow=2000 >"$out" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do [[ -s $out ]] && break; sleep 0.05; done
url=$(head -1 "$out")
echo "== kube-testserver is serving schemas/ on $url"
echo "== runtime-demo (the runtime alone: create, list by label, watch, conflict, cancel, delete)"
"$build/tools/demo/runtime-demo" --server "$url"
if command -v kubectl >/dev/null; then
  echo "== kubectl against the same server"
  kubectl --server="$url" get configmaps --show-labels
fi
