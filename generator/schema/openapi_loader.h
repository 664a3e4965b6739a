// Loads an OpenAPI v2 document (the Kubernetes swagger.json) or an OpenAPI v3 document (one
// group version, as /openapi/v3/apis/<group>/<version> serves it) into the model, the way
// client-gen sees an API: kinds from `x-kubernetes-group-version-kind`, their resources, scope,
// verbs and status/scale subresources from the paths' `x-kubernetes-action`s, and every
// definition emitted once, in the group version its package places it
// (io.k8s.api.core.v1.PodSpec -> core/v1). apimachinery definitions map to runtime types.
//
//   auto doc = LocatedJson::Parse(text, "schemas/kubernetes/swagger.json");
//   auto ok = LoadOpenAPI(*doc, {}, model);
#pragma once

#include "kube/error.h"
#include "model/model.h"
#include "schema/located_json.h"
#include "schema/native_loader.h"

namespace kube::gen {

Result<void> LoadOpenAPI(const LocatedJson& doc, const LoaderOptions& options, model::Model& out);

}  // namespace kube::gen
