// Server-side apply (`application/apply-patch+yaml`) without field ownership: the applied
// configuration is merged into the live object by the kind's list semantics
// (x-kubernetes-list-type / -list-map-keys, and the patch strategy and merge key where a list
// declares no type):
// - objects merge member by member; a `null` member is removed;
// - `map` lists merge element by element, matched on all their keys; `set` lists take the
//   union; any other list (`atomic`, or undeclared) is replaced.
// Ownership is not modelled (no managedFields, no conflicts): a field the configuration no
// longer names stays as it is, whoever set it.
//
//   auto applied = ParseApplyPatch(body);                 // YAML or JSON
//   auto merged = MergeApplied(live, *applied, kind.merge_fields);
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kube/error.h"
#include "kube/scheme.h"

namespace kube::testing {

// The body of an apply patch, YAML (a single document) or JSON, as a JSON object. Plain YAML
// scalars are typed as YAML 1.1 core schema does (null, booleans, integers, floats); quoted
// ones stay strings. BadRequest when it is neither, or not an object.
Result<nlohmann::json> ParseApplyPatch(std::string_view body);

// `live` with `applied` merged in (see above).
Result<nlohmann::json> MergeApplied(const nlohmann::json& live, const nlohmann::json& applied,
                                    const std::map<std::string, FieldMerge>& fields);

}  // namespace kube::testing
