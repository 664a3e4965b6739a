#!/usr/bin/env bash
# The main job: installs what is missing, builds, starts kube-testserver with the bundled
# schemas on 127.0.0.1, and drives it (the runtime demo, then kubectl if installed).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tools/scripts/install-deps.sh"
build=${BUILD_DIR:-$root/build}
"$root/tools/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo

out=$(mktemp)
"$build/tools/testserver/kube-testserver" --schemas "$root/schemas" --port 0 \
  --fault-latency /api/v1/namespaces/default/configmaps/slow=2000 >"$out" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do [[ -s $out ]] && break; sleep 0.05; done
url=$(head -1 "$out")
echo "== kube-testserver is serving on $url"
echo "== runtime-demo (create, list by label, watch, conflict, cancel, delete)"
"$build/tools/demo/runtime-demo" --server "$url"
if command -v kubectl >/dev/null; then
  echo "== kubectl against the same server"
  kubectl --server="$url" get configmaps --show-labels
fi
