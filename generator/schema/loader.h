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

struct InputFile {
  std::string path;
  bool from_directory = false;  // found by scanning a directory, rather than named
};

// Every *.json, *.yaml and *.yml file under `paths` (files are taken as given), sorted.
Result<std::vector<InputFile>> FindInputFiles(const std::vector<std::string>& paths);

// Reads a file into documents: one for JSON, one per YAML document (empty ones skipped).
Result<std::vector<LocatedJson>> ReadDocuments(const std::string& path);

// What loading left out, for the caller to say: documents that hold no schema, by file.
struct LoadReport {
  struct Skipped {
    std::string file;
    std::vector<std::string> what;  // "Deployment", "ClusterRole", "a document without a kind"
  };
  std::vector<Skipped> skipped{};
};

// Documents that are Kubernetes objects other than CustomResourceDefinitions (the Deployments
// and RBAC of an operator's install bundle, a Kustomization) are skipped, as are, in files found
// by scanning a directory, documents of no schema format at all (a values.yaml). Fails if
// everything was skipped.
Result<void> LoadSchemas(const std::vector<std::string>& paths, InputFormat format,
                         const LoaderOptions& options, model::Model& out,
                         LoadReport* report = nullptr);

// "crds/install.yaml: skipped 3 documents that hold no schema (ClusterRole, Deployment)".
std::string Describe(const LoadReport::Skipped& skipped);

}  // namespace kube::gen
