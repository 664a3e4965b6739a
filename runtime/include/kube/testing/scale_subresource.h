// The scale subresource over JSON objects: an object with a Scale's spec.replicas written back
// (the Scale an object shows is ScaleOf, in fake.h). The tracker and the test API server share
// it, so PUT and PATCH on .../scale agree.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "kube/error.h"

namespace kube::testing {

// `obj` with spec.replicas from `scale` (Invalid when it has none), and the Scale's
// resourceVersion, when it carries one, as the precondition of the update.
Result<nlohmann::json> WithScale(nlohmann::json obj, const nlohmann::json& scale,
                                 std::string_view name);

}  // namespace kube::testing
