// Helpers for hand-written nlohmann codecs: omit-empty writes and tolerant reads (a missing or
// null field leaves the default), so objects round-trip the way Go's omitempty encodes them.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kube/omit_empty.h"

namespace kube::internal {

template <class T>
void PutOmitEmpty(nlohmann::json& j, const char* key, const T& v) {
  if (!IsEmptyValue(v)) j[key] = v;
}

template <class T>
void PutOptional(nlohmann::json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}

template <class T>
void GetIfPresent(const nlohmann::json& j, const char* key, T& out) {
  auto it = j.find(key);
  if (it != j.end() && !it->is_null()) it->get_to(out);
}

template <class T>
void GetIfPresent(const nlohmann::json& j, const char* key, std::optional<T>& out) {
  auto it = j.find(key);
  if (it != j.end() && !it->is_null()) out = it->get<T>();
}

}  // namespace kube::internal
