// The kinds of a model as a kube::Scheme holds them (GVK, plural, scope, subresources, discovery
// verbs): what the generated AddToScheme registers, and what kube-testserver serves straight from
// schema files of any format.
//
//   kube::Scheme scheme;
//   for (auto& info : SchemeKinds(model)) scheme.Add(std::move(info));
#pragma once

#include <string>
#include <vector>

#include "kube/scheme.h"
#include "model/model.h"

namespace kube::gen {

// Discovery verbs of a kind (lower case, sorted, without updateStatus).
std::vector<std::string> DiscoveryVerbs(const model::Kind& k);

// Every kind with a resource; `verbs` is left empty (all of them) when the kind has every verb.
std::vector<KindInfo> SchemeKinds(const model::Model& m);

// The merge rules of a kind's members (KindInfo::merge_fields), found by walking its struct and
// the structs it holds; a recursive schema is followed once.
std::map<std::string, FieldMerge> MergeFields(const model::Model& m, const model::Group& g,
                                              const model::Version& v, const model::Kind& k);

}  // namespace kube::gen
