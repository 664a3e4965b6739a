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
for _ in $(seq 400); do [[ -s $out ]] && break; sleep 0.05; done
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
  fails "${k[@]}" get configmap kc >/dev/null 2>&1
  echo "kubectl: create, label, list, get, delete ok"
fi
kill -TERM $pid
wait $pid
echo "kube-testserver ok"

# The same server program serves CRD manifests (YAML and JSON) as they come from operators.
if [[ -n $crds ]]; then
  "$bin" --schemas "$crds" --port 0 >"$out" 2>"$err" &
  pid=$!
  for _ in $(seq 400); do [[ -s $out ]] && break; sleep 0.05; done
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

# HTTPS and authentication with kube-apiserver's flags: a CA, a server and a client certificate
# made here with openssl; a client certificate of the CA or a token of the token file gets in,
# anything else is 401 (health checks excepted).
if command -v openssl >/dev/null; then
  pki=$(mktemp -d)
  trap 'kill $pid 2>/dev/null || true; rm -rf "$out" "$err" "$pki"' EXIT
  (
    cd "$pki"
    ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
    openssl req -x509 "${ec[@]}" -keyout ca.key -out ca.crt -days 2 -subj /CN=test-ca \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign
    printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    serial=1
    for n in server client; do
      openssl req "${ec[@]}" -keyout $n.key -out $n.csr -subj "/O=devs/CN=$n"
      openssl x509 -req -in $n.csr -CA ca.crt -CAkey ca.key -set_serial $((serial++)) -days 2 \
        -out $n.crt -extfile $n.ext
    done
    printf 'cli-token,alice,1\n' >tokens.csv
  ) >/dev/null 2>&1
  "$bin" --schemas "$schemas" --port 0 --tls-cert-file "$pki/server.crt" \
    --tls-private-key-file "$pki/server.key" --client-ca-file "$pki/ca.crt" \
    --token-auth-file "$pki/tokens.csv" >"$out" 2>"$err" &
  pid=$!
  for _ in $(seq 400); do [[ -s $out ]] && break; sleep 0.05; done
  url=$(head -1 "$out")
  [[ $url == https://127.0.0.1:* ]] || { echo "no https URL printed: $(cat "$err")"; exit 1; }
  c=(curl -s --cacert "$pki/ca.crt" -o /dev/null -w '%{http_code}')
  [[ $("${c[@]}" "$url/api") == 401 ]] || { echo "anonymous request not refused"; exit 1; }
  [[ $("${c[@]}" "$url/healthz") == 200 ]] || { echo "health check refused"; exit 1; }
  [[ $("${c[@]}" -H 'Authorization: Bearer cli-token' "$url/api") == 200 ]] ||
    { echo "token refused"; exit 1; }
  [[ $("${c[@]}" --cert "$pki/client.crt" --key "$pki/client.key" "$url/api") == 200 ]] ||
    { echo "client certificate refused"; exit 1; }
  if command -v kubectl >/dev/null; then
    k=(kubectl --server="$url" --certificate-authority="$pki/ca.crt" --request-timeout=10s)
    "${k[@]}" --client-certificate="$pki/client.crt" --client-key="$pki/client.key" \
      create configmap tls --from-literal=x=y >/dev/null
    "${k[@]}" --token=cli-token get configmap tls -o jsonpath='{.data.x}' | has -x y
    # (Without any credentials kubectl would prompt for a user name on the 401.)
    fails "${k[@]}" --token=wrong-token get configmaps >/dev/null 2>"$err"
    has 'must be logged in to the server (Unauthorized)' <"$err"
    echo "kubectl over HTTPS: client certificate and token ok, a wrong token refused"
  fi
  kill -TERM $pid
  wait $pid
  # A bad flag value is a clear error that names the file and never shows a credential.
  fails "$bin" --schemas "$schemas" --port 0 --tls-cert-file "$pki/missing.crt" \
    --tls-private-key-file "$pki/server.key" >/dev/null 2>"$err"
  has missing.crt <"$err"
  printf 'secret-token-no-user\n' >"$pki/bad.csv"
  fails "$bin" --schemas "$schemas" --token-auth-file "$pki/bad.csv" >/dev/null 2>"$err"
  has 'bad.csv:1: expected token,user,uid' <"$err"
  fails has secret-token <"$err"
  echo "kube-testserver over HTTPS ok"
fi
