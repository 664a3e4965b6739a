// The field selectors the Kubernetes API server supports per built-in kind, beyond metadata.name
// (each kind's AddFieldLabelConversionFunc in kubernetes/pkg/apis/<group>/<version>/conversion.go
// and its registry's selectable fields, pkg/registry/.../strategy.go, as of release 1.36): which
// labels, how the server computes their values, whether metadata.namespace is one, and the 400's
// message for any other label. The OpenAPI document does not carry them, so the generated scheme
// gets them from here; CRDs declare theirs in selectableFields.
//
//   model::Kind pod = ...;
//   AddBuiltinFieldLabels("", "v1", pod);  // spec.nodeName, spec.hostNetwork ("false" unset)
#pragma once

#include <string_view>

#include "model/model.h"

namespace kube::gen::model {

// Sets `kind`'s field_labels, namespace_field_label and field_label_error for a built-in kind of
// `group`/`version`; leaves a kind without labels of its own as it is.
void AddBuiltinFieldLabels(std::string_view group, std::string_view version, Kind& kind);

}  // namespace kube::gen::model
