// OpenAPI v2 definitions of a model's structs, as kube-apiserver publishes them at /openapi/v2:
// one definition per struct, named after its group and version the way Kubernetes names them
// (io.k8s.api.apps.v1.Deployment, com.example.wardle.v1beta1.Flunder), with descriptions,
// enums, required members, and the extensions kubectl reads: x-kubernetes-group-version-kind
// on kinds, x-kubernetes-patch-strategy/-patch-merge-key and x-kubernetes-list-type/-map-keys
// on members. Members of runtime types (ObjectMeta, Time, Quantity, ...) refer to the
// definitions the test API server carries for them (kube/testing/openapi.h).
//
// What kube-testserver serves for schemas of any format, and what a generated AddToScheme
// registers so an in-process APIServer serves the same.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "kube/group_version.h"
#include "model/model.h"

namespace kube::gen {

struct OpenAPIDefinitions {
  nlohmann::json definitions = nlohmann::json::object();  // name -> schema
  std::map<GroupVersionKind, std::string> kinds{};        // each kind's definition name
};

// "io.k8s.api.apps.v1.Deployment" for ("apps", "v1", "Deployment"): Kubernetes groups (no dot,
// or under k8s.io) under io.k8s.api, others by their reversed domain.
std::string DefinitionName(const std::string& group, const std::string& version,
                           const std::string& name);

OpenAPIDefinitions BuildOpenAPIDefinitions(const model::Model& m);

}  // namespace kube::gen
