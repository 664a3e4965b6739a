#!/usr/bin/env bash
# Regenerates the bundled Kubernetes schemas (schemas/core, schemas/apps) from the OpenAPI spec
# in ../shared/data/kubernetes/swagger.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
swagger=${SWAGGER:-$root/../shared/data/kubernetes/swagger.json}
conv="python3 $root/tools/scripts/openapi_to_native.py $swagger"
mkdir -p "$root/schemas/core/v1" "$root/schemas/apps/v1"
$conv io.k8s.api.core.v1.Pod --group "" --version v1 --kind Pod --plural pods \
  --subresources status --short-names po >"$root/schemas/core/v1/pod.json"
$conv io.k8s.api.core.v1.ConfigMap --group "" --version v1 --kind ConfigMap --plural configmaps \
  --short-names cm >"$root/schemas/core/v1/configmap.json"
$conv io.k8s.api.core.v1.Secret --group "" --version v1 --kind Secret --plural secrets \
  >"$root/schemas/core/v1/secret.json"
$conv io.k8s.api.core.v1.Service --group "" --version v1 --kind Service --plural services \
  --subresources status --short-names svc >"$root/schemas/core/v1/service.json"
$conv io.k8s.api.core.v1.Namespace --group "" --version v1 --kind Namespace --plural namespaces \
  --scope Cluster --subresources status --short-names ns >"$root/schemas/core/v1/namespace.json"
$conv io.k8s.api.apps.v1.Deployment --group apps --version v1 --kind Deployment --plural deployments \
  --subresources status,scale --short-names deploy >"$root/schemas/apps/v1/deployment.json"
