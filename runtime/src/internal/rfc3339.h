// RFC 3339 text of kube::Time and kube::MicroTime written into a caller's buffer, so the JSON
// writer can emit a timestamp without allocating a std::string for each one.
#pragma once

#include <cstddef>

#include "kube/meta.h"

namespace kube::internal {

// Enough for any value, even one outside years 0001-9999 set directly on `value`.
inline constexpr size_t kMaxRfc3339Length = 48;

// Writes "2024-01-02T03:04:05Z" (Time) or "2024-01-02T03:04:05.123456Z" (MicroTime) to `out`,
// which has room for kMaxRfc3339Length characters, and returns the length written.
size_t FormatRfc3339(const Time& t, char* out);
size_t FormatRfc3339(const MicroTime& t, char* out);

}  // namespace kube::internal
