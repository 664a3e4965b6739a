// Loads schemas of every supported format into the model: native schema files, OpenAPI v2
// (swagger.json), OpenAPI v3 documents (one per group version, as /openapi/v3/... serves them)
// and CustomResourceDefinition manifests (YAML, multi-document, or JSON). The format of each
// document is picked from its content unless forced.
//
//   model::Model m;
//   auto ok = LoadSchemas({"schemas/", "crds/certificates.yaml"}, {}, m);
//   if (!ok) std::cerr << ok.error().message;   // "crds/certificates.yaml:12:7: expected ..."
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kube/error.h"
#include "model/model.h"
#include "schema/located_json.h"
#include "schema/native_loader.h"

namespace kube::gen {

enum class InputFormat { kAuto, kNative, kOpenAPIv2, kOpenAPIv3, kCRD };

// "auto", "native", "openapi-v2", "openapi-v3", "crd".
std::optional<InputFormat> ParseInputFormat(std::string_view name);
// What a document holds, from its content: "swagger": "2.0", "openapi": "3...",
// "kind": "CustomResourceDefinition" (or a List of them), else the native format.
InputFormat DetectFormat(const LocatedJson& doc);

// Every *.json, *.yaml and *.yml file under `paths` (files are taken as given), sorted.
Result<std::vector<std::string>> FindInputFiles(const std::vector<std::string>& paths);

// Reads a file into documents: one for JSON, one per YAML document (empty ones skipped).
Result<std::vector<LocatedJson>> ReadDocuments(const std::string& path);

Result<void> LoadSchemas(const std::vector<std::string>& paths, InputFormat format,
                         const LoaderOptions& options, model::Model& out);

}  // namespace kube::gen
