#include "kube/testing/scale_subresource.h"

namespace kube::testing {

using nlohmann::json;

Result<json> WithScale(json obj, const json& scale, std::string_view name) {
  json replicas = scale.is_object() ? scale.value("/spec/replicas"_json_pointer, json()) : json();
  if (!replicas.is_number_integer()) {
    return Fail(Error::Invalid(
        "Scale", name,
        {{"FieldValueRequired", "spec.replicas is required as an integer", "spec.replicas"}}));
  }
  if (replicas.get<int64_t>() < 0) {
    return Fail(Error::Invalid(
        "Scale", name,
        {{"FieldValueInvalid", "must be greater than or equal to 0", "spec.replicas"}}));
  }
  obj["spec"]["replicas"] = replicas;
  std::string rv = scale.value("/metadata/resourceVersion"_json_pointer, std::string());
  if (!rv.empty()) obj["metadata"]["resourceVersion"] = rv;
  return obj;
}

}  // namespace kube::testing
