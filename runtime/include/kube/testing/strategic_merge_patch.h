// Strategic merge patch, as the API server applies it (k8s.io/apimachinery strategicpatch), over
// JSON objects, driven by a kind's registered merge rules (KindInfo::merge_fields):
// - objects merge key by key; `null` removes a key;
// - a list whose patch strategy is "merge" merges element by element: maps by their merge key,
//   scalars as a set; any other list is replaced, as the real server does;
// - directives: `$patch: replace|delete` in an object, `{"$patch": "delete", key: ...}` and
//   `{"$patch": "replace"}` in a list, `$setElementOrder/<field>`, `$retainKeys`,
//   `$deleteFromPrimitiveList/<field>`. They are applied and never stored, even where the
//   patch adds a member the object did not have.
//
//   auto patched = StrategicMergePatch(live, patch, kind.merge_fields);  // Result<json>
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "kube/error.h"
#include "kube/scheme.h"

namespace kube::testing {

// The merge rule of the member at a dotted path ("spec.template.spec.containers"), from
// `fields` or, for metadata members every object shares (finalizers, ownerReferences), the
// API's own; nullptr when the member has none.
const FieldMerge* FindFieldMerge(const std::map<std::string, FieldMerge>& fields,
                                 const std::string& path);

// Applies `patch` (a JSON object) to `original`; a malformed patch or directive is BadRequest,
// with the message the API server gives.
Result<nlohmann::json> StrategicMergePatch(const nlohmann::json& original,
                                           const nlohmann::json& patch,
                                           const std::map<std::string, FieldMerge>& fields);

}  // namespace kube::testing
