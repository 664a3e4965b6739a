// Go's `omitempty` rule, shared by the streaming writer (kube/json/writer.h) and the nlohmann
// codecs of runtime types: empty strings, lists and maps, zero times, and false or 0 count as
// empty and are left out of the encoded object.
//
//   kube::IsEmptyValue(std::string());   // true
//   kube::IsEmptyValue(int64_t{3});      // false
#pragma once

#include <type_traits>

namespace kube {

template <class T>
bool IsEmptyValue(const T& v) {
  if constexpr (requires { v.empty(); }) {
    return v.empty();
  } else if constexpr (requires { v.IsZero(); }) {
    return v.IsZero();
  } else if constexpr (std::is_arithmetic_v<T>) {
    return v == T{};
  } else {
    return false;
  }
}

}  // namespace kube
