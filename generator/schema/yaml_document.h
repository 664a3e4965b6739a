// YAML documents as JSON with positions, so loaders of YAML manifests (CRDs) report errors as
// file:line:col like those of JSON files. Scalars are typed as YAML 1.2's core schema types them
// (quoted scalars are always strings; plain `true`, `false`, `null`, `~`, numbers are not), so
// values YAML 1.1 would mistype (`yes`, `on`, `=`) stay strings.
//
//   auto docs = ParseYamlDocuments(text, "crds/certificates.yaml");
//   (*docs)[0].Where("/spec/versions/0/name");   // "crds/certificates.yaml:20:11"
#pragma once

#include <string>
#include <vector>

#include "kube/error.h"
#include "schema/located_json.h"

namespace kube::gen {

// Every non-empty document of a YAML stream. A syntax error names file:line:col.
Result<std::vector<LocatedJson>> ParseYamlDocuments(const std::string& text,
                                                    const std::string& file);

}  // namespace kube::gen
