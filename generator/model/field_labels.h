// The field selectors the Kubernetes API server supports per built-in kind, beyond
// metadata.name and metadata.namespace (each kind's AddFieldLabelConversionFunc in
// kubernetes/pkg/apis/<group>/<version>/conversion.go, as of release 1.36). The OpenAPI
// document does not carry them, so the generated scheme gets them from here; CRDs declare
// theirs in selectableFields.
//
//   BuiltinFieldLabels("", "Pod")  // {"spec.nodeName", "status.phase", ...}
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kube::gen::model {

std::vector<std::string> BuiltinFieldLabels(std::string_view group, std::string_view kind);

}  // namespace kube::gen::model
