// Decode and encode API objects. A type takes part by declaring, in its own namespace (found
// by argument-dependent lookup):
//
//   kube::Result<void> DecodeJSON(std::string_view json, T& out);
//   void EncodeJSON(const T& in, std::string& out);
//
// Generated types get fast simdjson-based implementations; hand-written types can use
// kube/json_codec.h to derive both from nlohmann to_json/from_json.
//
//   kube::Result<Flunder> f = kube::Decode<Flunder>(R"({"metadata":{"name":"alpha"}})");
//   std::string json = kube::Encode(*f);
#pragma once

#include <string>
#include <string_view>

#include "kube/error.h"

namespace kube {

// Lets a large List (a megabyte of items or more per thread) be decoded on up to `threads`
// threads, the calling one among them; 0 means one per hardware thread. The default, 1, decodes
// on the calling thread only, as client-go does: with glibc's malloc, objects built on other
// threads live in other arenas, which makes freeing (and here even encoding) them slower, so
// this pays off for programs that List large collections on many cores.
void SetDecodeThreads(unsigned threads);
// The number of threads a large List may be decoded on.
unsigned DecodeThreads();

template <class T>
Result<T> Decode(std::string_view json) {
  T out{};
  if (auto r = DecodeJSON(json, out); !r) return Fail(std::move(r.error()));
  return out;
}

template <class T>
std::string Encode(const T& value) {
  std::string out;
  EncodeJSON(value, out);
  return out;
}

}  // namespace kube
