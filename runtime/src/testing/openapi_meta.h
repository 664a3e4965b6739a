// OpenAPI v2 definitions of the runtime types (ObjectMeta, Time, Quantity, IntOrString, ...).
#pragma once

#include <nlohmann/json.hpp>

namespace kube::testing {

const nlohmann::json& MetaDefinitions();

}  // namespace kube::testing
