// Derives kube::Decode/Encode support from nlohmann to_json/from_json, for hand-written types
// (tests, small tools). Decode errors name the byte offset or the failing conversion.
//
//   struct Widget { kube::ObjectMeta metadata; int size = 0; };
//   void to_json(nlohmann::json& j, const Widget& w);
//   void from_json(const nlohmann::json& j, Widget& w);
//   KUBE_NLOHMANN_CODEC(Widget)   // at namespace scope, in Widget's namespace
#pragma once

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kube/error.h"

namespace kube {

template <class T>
Result<void> DecodeWithNlohmann(std::string_view text, T& out) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return Fail(Error::Decode(fmt::format("invalid JSON at offset {}: {}", e.byte, e.what())));
  } catch (const nlohmann::json::exception& e) {  // e.g. a number out of range
    return Fail(Error::Decode(fmt::format("invalid JSON: {}", e.what())));
  }
  try {
    j.get_to(out);
  } catch (const nlohmann::json::exception& e) {
    return Fail(Error::Decode(e.what()));
  }
  return {};
}

template <class T>
void EncodeWithNlohmann(const T& value, std::string& out) {
  out = nlohmann::json(value).dump();
}

}  // namespace kube

#define KUBE_NLOHMANN_CODEC(T)                                            \
  inline ::kube::Result<void> DecodeJSON(std::string_view json, T& out) { \
    return ::kube::DecodeWithNlohmann(json, out);                         \
  }                                                                       \
  inline void EncodeJSON(const T& in, std::string& out) { ::kube::EncodeWithNlohmann(in, out); }
