#!/usr/bin/env bash
# kube-testserver end to end: start it on an ephemeral port, drive it with curl (and kubectl
# when installed), stop it with SIGTERM.
set -euo pipefail
bin=$1 schemas=$2 crds=${3:-}
# shellcheck source=shell_helpers.sh
source "$(dirname "$0")/shell_helpers.sh"
out=$(mktemp) err=$(mktemp)
"$bin" --schemas "$schemas" --port 0 >"$out" 2>"$err" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$out" "$err"' EXIT
for _ in $(seq 100); do [[ -s $out ]] && break; sleep 0.05; done
url=$(head -1 "$out")
[[ $url == http://127.0.0.1:* ]] || { echo "no URL printed: $(cat "$err")"; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  "$url/api/v1/namespaces/default/configmaps" -d '{"metadata":{"name":"cli"},"data":{"a":"b"}}')
[[ $code == 201 ]] || { echo "create returned $code"; exit 1; }
curl -sf "$url/api/v1/namespaces/default/configmaps/cli" | has '"resourceVersion":"1"'
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/namespaces/default/configmaps/missing")
[[ $code == 404 ]] || { echo "missing returned $code"; exit 1; }
if command -v kubectl >/dev/null; then
  k=(kubectl --server="$url" --request-timeout=10s)
  "${k[@]}" create configmap kc --from-literal=x=y >/dev/null
  "${k[@]}" label configmap kc tier=web >/dev/null
  "${k[@]}" get configmaps -l tier=web -o name | has -x configmap/kc
  "${k[@]}" get configmap kc -o jsonpath='{.data.x}' | has -x y
  "${k[@]}" delete configmap kc >/dev/null
  ! "${k[@]}" get configmap kc >/dev/null 2>&1
  echo "kubectl: create, label, list, get, delete ok"
fi
kill -TERM $pid
wait $pid
echo "kube-testserver ok"

# The same server program serves CRD manifests (YAML and JSON) as they come from operators.
if [[ -n $crds ]]; then
  "$bin" --schemas "$crds" --port 0 >"$out" 2>"$err" &
  pid=$!
  for _ in $(seq 100); do [[ -s $out ]] && break; sleep 0.05; done
  url=$(head -1 "$out")
  [[ $url == http://127.0.0.1:* ]] || { echo "no URL printed for CRDs: $(cat "$err")"; exit 1; }
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    "$url/apis/cert-manager.io/v1/namespaces/default/certificates" \
    -d '{"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"c"},"spec":{"secretName":"s","issuerRef":{"name":"i"}}}')
  [[ $code == 201 ]] || { echo "certificate create returned $code"; exit 1; }
  curl -sf "$url/apis/monitoring.coreos.com/v1" | has '"prometheuses/scale"'
  if command -v kubectl >/dev/null; then
    kubectl --server="$url" --request-timeout=10s get certificates -o name | has -x certificate.cert-manager.io/c
    echo "kubectl: CRD kinds served"
  fi
  kill -TERM $pid
  wait $pid
fi
