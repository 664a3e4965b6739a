#!/usr/bin/env bash
# kubectl, unmodified, against kube-testserver serving the Kubernetes API and CRD manifests:
# apply (client-side, twice, and --server-side), diff, set image, edit, scale, label, annotate,
# patch of every type, get -w, delete -l, explain, api-resources, on a Deployment and on custom
# resources. Exits 77 (skipped) only when kubectl is not installed.
set -euo pipefail
bin=$1 schemas=$2 crds=$3
here=$(cd "$(dirname "$0")" && pwd)/kubectl
if ! command -v kubectl >/dev/null; then
  echo "SKIPPED: kubectl is not installed (apt-get install kubectl, or put it on PATH)"
  exit 77
fi
tmp=$(mktemp -d)
"$bin" --schemas "$schemas" "$crds/cert-manager.io_certificates.yaml" \
  "$crds/monitoring.coreos.com_prometheuses.yaml" --port 0 >"$tmp/url" 2>"$tmp/err" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 600); do [[ -s $tmp/url ]] && break; sleep 0.05; done
url=$(head -1 "$tmp/url")
[[ $url == http://127.0.0.1:* ]] || { echo "no URL printed: $(cat "$tmp/err")"; exit 1; }
# A private HOME keeps kubectl's discovery and OpenAPI caches from other servers away.
export HOME=$tmp KUBECONFIG=$tmp/kubeconfig
kubectl config set-cluster test --server="$url" >/dev/null
kubectl config set-context test --cluster=test --namespace=default >/dev/null
kubectl config use-context test >/dev/null
k() { kubectl --request-timeout=30s "$@"; }
# shellcheck source=shell_helpers.sh
source "$(dirname "$0")/shell_helpers.sh"
fail() { echo "FAIL: $*"; exit 1; }
jp() { k get "$1" -o jsonpath="$2"; }
no_directives() { ! k get "$1" -o json | has '"\$' || fail "$1 stores a patch directive"; }

# --- client-side apply, twice, with a change ---
k apply -f "$here/deployment.yaml" | has -x 'deployment.apps/web created' || fail "apply create"
[[ $(jp deploy/web '{.spec.template.spec.containers[*].name}') == "nginx sidecar" ]] || fail "containers"
jp deploy/web '{.metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration}' |
  has '"sidecar"' || fail "last-applied-configuration"
k apply -f "$here/deployment-v2.yaml" | has -x 'deployment.apps/web configured' || fail "apply again"
[[ $(jp deploy/web '{.spec.template.spec.containers[*].name}') == nginx ]] || fail "sidecar not removed"
[[ $(jp deploy/web '{.spec.replicas}') == 2 ]] || fail "replicas after apply"
[[ $(jp deploy/web '{.spec.template.spec.containers[0].env[0].value}') == blue ]] || fail "env"
[[ $(jp deploy/web '{.spec.template.spec.containers[0].ports[0].containerPort}') == 80 ]] || fail "ports"
no_directives deploy/web
k apply -f "$here/deployment-v2.yaml" | has -x 'deployment.apps/web unchanged' || fail "apply no-op"
echo "ok: kubectl apply (create, configure, unchanged)"

# --- validation against /openapi: an unknown field is refused by kubectl itself ---
if k apply -f "$here/invalid.yaml" >"$tmp/out" 2>&1; then fail "invalid manifest accepted"; fi
grep -q 'unknown field "selecter"' "$tmp/out" || fail "validation: $(cat "$tmp/out")"
echo "ok: kubectl apply validates against /openapi/v2"

# --- diff (server-side dry run) ---
sed 's/nginx:1.27/nginx:1.28/' "$here/deployment-v2.yaml" >"$tmp/d3.yaml"
set +e
k diff -f "$tmp/d3.yaml" >"$tmp/diff"
rc=$?
set -e
[[ $rc == 1 ]] || fail "diff exit code $rc: $(cat "$tmp/diff")"
grep -q '^+ *image: nginx:1.28' "$tmp/diff" || fail "diff output: $(cat "$tmp/diff")"
[[ $(jp deploy/web '{.spec.template.spec.containers[0].image}') == nginx:1.27 ]] || fail "diff wrote"
echo "ok: kubectl diff"

# --- set image (strategic merge patch with $setElementOrder) ---
k set image deploy/web nginx=nginx:1.28 >/dev/null
[[ $(jp deploy/web '{.spec.template.spec.containers[0].image}') == nginx:1.28 ]] || fail "set image"
[[ $(jp deploy/web '{.spec.template.spec.containers[0].ports[0].containerPort}') == 80 ]] ||
  fail "set image lost the ports"
no_directives deploy/web
echo "ok: kubectl set image"

# --- edit, with EDITOR a script ---
printf '#!/bin/sh\nsed -i "s/image: nginx:1.28/image: nginx:1.29/" "$1"\n' >"$tmp/editor"
chmod +x "$tmp/editor"
EDITOR=$tmp/editor k edit deploy/web >/dev/null
[[ $(jp deploy/web '{.spec.template.spec.containers[0].image}') == nginx:1.29 ]] || fail "edit"
[[ $(jp deploy/web '{.spec.template.spec.containers[0].env[0].name}') == MODE ]] || fail "edit lost env"
no_directives deploy/web
echo "ok: kubectl edit"

# --- scale (PATCH on the scale subresource) ---
k scale deploy web --replicas=3 | has -x 'deployment.apps/web scaled' || fail "scale"
[[ $(jp deploy/web '{.spec.replicas}') == 3 ]] || fail "scaled replicas"
echo "ok: kubectl scale"

# --- label, annotate ---
k label deploy web tier=front >/dev/null
k annotate deploy web note=hello >/dev/null
[[ $(jp deploy/web '{.metadata.labels.tier}') == front ]] || fail "label"
[[ $(jp deploy/web '{.metadata.annotations.note}') == hello ]] || fail "annotate"
k label deploy web tier- >/dev/null
[[ -z $(jp deploy/web '{.metadata.labels.tier}') ]] || fail "label removal"
echo "ok: kubectl label, annotate"

# --- patch: strategic (add, then $patch: delete), merge, json ---
k patch deploy web --type=strategic \
  -p '{"spec":{"template":{"spec":{"containers":[{"name":"extra","image":"busybox"}]}}}}' >/dev/null
[[ $(jp deploy/web '{.spec.template.spec.containers[*].name}') == "extra nginx" ]] ||
  fail "strategic add: $(jp deploy/web '{.spec.template.spec.containers[*].name}')"
k patch deploy web --type=strategic \
  -p '{"spec":{"template":{"spec":{"containers":[{"name":"extra","$patch":"delete"}]}}}}' >/dev/null
[[ $(jp deploy/web '{.spec.template.spec.containers[*].name}') == nginx ]] || fail "\$patch: delete"
k patch deploy web --type=merge -p '{"metadata":{"annotations":{"note":null}}}' >/dev/null
[[ -z $(jp deploy/web '{.metadata.annotations.note}') ]] || fail "merge patch"
k patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":4}]' >/dev/null
[[ $(jp deploy/web '{.spec.replicas}') == 4 ]] || fail "json patch"
no_directives deploy/web
echo "ok: kubectl patch --type=strategic|merge|json"

# --- server-side apply: create, then merge containers by name ---
k apply --server-side -f "$here/api-ssa.yaml" | has -x 'deployment.apps/api serverside-applied' ||
  fail "apply --server-side"
k apply --server-side -f "$here/api-ssa-v2.yaml" >/dev/null
[[ $(jp deploy/api '{.spec.template.spec.containers[*].name}') == "api metrics" ]] || fail "ssa merge"
[[ $(jp deploy/api '{.spec.template.spec.containers[0].image}') == api:2 ]] || fail "ssa image"
[[ $(jp deploy/api '{.spec.template.spec.containers[0].ports[0].containerPort}') == 8080 ]] ||
  fail "ssa dropped what the configuration no longer names"
echo "ok: kubectl apply --server-side"

# --- get -w, delete -l ---
k get configmaps -w -o name >"$tmp/watch" 2>&1 &
watcher=$!
sleep 1
k create configmap batch-1 >/dev/null
k create configmap batch-2 >/dev/null
k label configmap batch-1 batch-2 group=batch >/dev/null
# Each configmap shows up twice: created, then labelled.
for _ in $(seq 100); do [[ $(grep -c 'configmap/batch-2' "$tmp/watch") == 2 ]] && break; sleep 0.1; done
kill $watcher 2>/dev/null || true
[[ $(grep -c 'configmap/batch-1' "$tmp/watch") == 2 ]] || fail "get -w: $(cat "$tmp/watch")"
[[ $(grep -c 'configmap/batch-2' "$tmp/watch") == 2 ]] || fail "get -w: $(cat "$tmp/watch")"
k delete configmap -l group=batch | grep -c deleted | has -x 2 || fail "delete -l"
[[ -z $(k get configmaps -l group=batch -o name) ]] || fail "delete -l left objects"
echo "ok: kubectl get -w, delete -l"

# --- explain, api-resources ---
k explain deployment.spec.replicas >"$tmp/explain" || fail "explain: $(cat "$tmp/explain")"
grep -q 'FIELD: *replicas <integer>' "$tmp/explain" || fail "explain output: $(cat "$tmp/explain")"
grep -qi 'desired pods' "$tmp/explain" || fail "explain description: $(cat "$tmp/explain")"
k api-resources >"$tmp/resources"
grep -Eq '^deployments +deploy +apps/v1 +true +Deployment' "$tmp/resources" || fail "api-resources"
grep -Eq '^certificates +cert,certs +cert-manager.io/v1 +true +Certificate' "$tmp/resources" ||
  fail "api-resources CRD: $(grep certificates "$tmp/resources")"
echo "ok: kubectl explain, api-resources"

# --- the same on custom resources from CRD manifests ---
k apply -f "$here/certificate.yaml" | has -x 'certificate.cert-manager.io/site created' ||
  fail "CR apply"
k apply -f "$here/certificate-v2.yaml" | has -x 'certificate.cert-manager.io/site configured' ||
  fail "CR apply again"
[[ $(jp certificate/site '{.spec.dnsNames[*]}') == "example.com www.example.com" ]] || fail "CR"
sed 's/site-tls/site-tls-2/' "$here/certificate-v2.yaml" >"$tmp/c3.yaml"
set +e
k diff -f "$tmp/c3.yaml" >"$tmp/diff"
rc=$?
set -e
[[ $rc == 1 ]] && grep -q 'site-tls-2' "$tmp/diff" || fail "CR diff ($rc): $(cat "$tmp/diff")"
printf '#!/bin/sh\nsed -i "s/secretName: site-tls/secretName: edited-tls/" "$1"\n' >"$tmp/editor"
EDITOR=$tmp/editor k edit certificate/site >/dev/null
[[ $(jp certificate/site '{.spec.secretName}') == edited-tls ]] || fail "CR edit"
k label certificate site env=prod >/dev/null
k annotate certificate site note=x >/dev/null
[[ $(jp certificate/site '{.metadata.labels.env}') == prod ]] || fail "CR label"
k patch certificate site --type=merge -p '{"spec":{"duration":"2160h"}}' >/dev/null
k patch certificate site --type=json -p '[{"op":"add","path":"/spec/renewBefore","value":"360h"}]' >/dev/null
[[ $(jp certificate/site '{.spec.duration}/{.spec.renewBefore}') == 2160h/360h ]] || fail "CR patch"
k apply --server-side -f "$here/certificate.yaml" --force-conflicts >/dev/null
k explain certificate.spec.secretName | has 'secretName <string>' || fail "CR explain"
# The CRD's selectableFields are field labels; any other label is refused as the server does.
[[ $(k get certificates --field-selector spec.issuerRef.name=letsencrypt -o name) == \
  certificate.cert-manager.io/site ]] || fail "CR field selector"
[[ -z $(k get certificates --field-selector spec.issuerRef.name=other -o name) ]] ||
  fail "CR field selector matched another issuer"
if k get certificates --field-selector spec.secretName=x >"$tmp/out" 2>&1; then
  fail "CR unsupported field label accepted"
fi
has 'field label not supported: spec.secretName' <"$tmp/out" || fail "CR field label: $(cat "$tmp/out")"
k apply -f "$here/prometheus.yaml" >/dev/null
k scale prometheus main --replicas=2 >/dev/null
[[ $(jp prometheus/main '{.spec.replicas}') == 2 ]] || fail "CR scale"
k delete certificate -l team=web | has 'deleted' || fail "CR delete -l"
[[ -z $(k get certificates -o name) ]] || fail "CR delete -l left objects"
echo "ok: custom resources (apply, diff, edit, label, annotate, patch, server-side apply, explain, field selectors, scale, delete -l)"

kill -TERM $pid
wait $pid
echo "kubectl flows ok"
