// Loads CustomResourceDefinition manifests (apiextensions.k8s.io/v1, and v1beta1's
// spec.validation) into the model: every served version, scope, names, status and scale
// subresources, each version's openAPIV3Schema as the kind's struct.
//
//   auto docs = ReadDocuments("crds/certificates.yaml");
//   for (const auto& doc : *docs) LoadCRD(doc, {}, model);
#pragma once

#include "kube/error.h"
#include "model/model.h"
#include "schema/located_json.h"
#include "schema/native_loader.h"

namespace kube::gen {

// Loads one document: a CustomResourceDefinition, or a List whose items are.
Result<void> LoadCRD(const LocatedJson& doc, const LoaderOptions& options, model::Model& out);

}  // namespace kube::gen
