// The OpenAPI documents the test API server publishes for the kinds of a Scheme, built from the
// definitions registered with Scheme::AddOpenAPIDefinitions (generated AddToScheme and
// kube-testserver add them) plus the runtime types' own (ObjectMeta, Time, Quantity, ...):
// - /openapi/v2: Swagger 2.0, as JSON or as the gnostic protobuf kubectl downloads to validate;
// - /openapi/v3: the index of group versions, and /openapi/v3/apis/G/V one OpenAPI 3.0
//   document per group version, which `kubectl explain` and client-side apply read.
// Paths carry x-kubernetes-group-version-kind on every operation, so kubectl finds a kind's
// PATCH and sees that the server leaves field validation to it (no fieldValidation parameter):
// kubectl then validates client-side against these schemas, as it does with older servers.
// A kind whose schema was not registered gets an open one (any member accepted).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kube/scheme.h"

namespace kube::testing {

class OpenAPISpec {
 public:
  explicit OpenAPISpec(const Scheme& scheme);

  const nlohmann::json& V2() const { return v2_; }
  // V2() as a serialized openapi.v2.Document (github.com/google/gnostic-models).
  const std::string& V2Protobuf() const { return v2_protobuf_; }
  // {"paths": {"apis/apps/v1": {"serverRelativeURL": "/openapi/v3/apis/apps/v1?hash=..."}}}
  const nlohmann::json& V3Index() const { return v3_index_; }
  // The document of a group version by its path ("api/v1", "apis/apps/v1"); nullptr if none.
  const nlohmann::json* V3(std::string_view path) const;

 private:
  nlohmann::json v2_;
  std::string v2_protobuf_;
  nlohmann::json v3_index_;
  std::map<std::string, nlohmann::json, std::less<>> v3_;
};

// The gnostic openapi.v2.Document encoding of a Swagger 2.0 document (info, definitions; the
// paths are left out: kubectl's validation reads the definitions only).
std::string EncodeOpenAPIV2Protobuf(const nlohmann::json& swagger);

}  // namespace kube::testing
