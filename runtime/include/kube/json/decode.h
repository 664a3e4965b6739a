// Decoding with simdjson's On-Demand API straight into typed structs: the hot path of every
// List and watch. Generated types.cc files include this (it pulls in simdjson, so it is never
// included from a header users see) and add `bool Read(Decoder&, Value, T&)` for their structs.
//
// Errors are cheap on the happy path: a failing Read returns false after Decoder::Fail, and
// each enclosing level adds its path segment while unwinding, so the message names the JSON
// path and the byte offset: "at .spec.containers[2].image (offset 1234): expected a string".
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kube/error.h"
#include "kube/meta.h"

namespace kube {
struct Scale;
}

namespace kube::json {

using Value = simdjson::ondemand::value;

class Decoder {
 public:
  explicit Decoder(const char* base) : base_(base) {}

  // Records the first failure at `v`; returns false so callers can `return d.Fail(...)`.
  bool Fail(Value& v, std::string_view what);
  bool Fail(std::string_view what, simdjson::error_code code);
  // While unwinding from a failure: prepend ".key" or "[index]" to the path.
  bool AtKey(std::string_view key);
  bool AtIndex(size_t index);

  Error ToError() const;

 private:
  const char* base_;
  std::string what_;
  std::string path_;  // built back to front while unwinding
  size_t offset_ = 0;
  bool failed_ = false;
};

bool Read(Decoder& d, Value v, std::string& out);
bool Read(Decoder& d, Value v, bool& out);
bool Read(Decoder& d, Value v, int32_t& out);
bool Read(Decoder& d, Value v, int64_t& out);
bool Read(Decoder& d, Value v, double& out);
bool Read(Decoder& d, Value v, Time& out);
bool Read(Decoder& d, Value v, MicroTime& out);
bool Read(Decoder& d, Value v, IntOrString& out);
bool Read(Decoder& d, Value v, Quantity& out);
bool Read(Decoder& d, Value v, Duration& out);
bool Read(Decoder& d, Value v, RawJSON& out);
bool Read(Decoder& d, Value v, ObjectMeta& out);
bool Read(Decoder& d, Value v, ListMeta& out);
bool Read(Decoder& d, Value v, OwnerReference& out);
bool Read(Decoder& d, Value v, ManagedFieldsEntry& out);
bool Read(Decoder& d, Value v, ObjectReference& out);
bool Read(Decoder& d, Value v, Condition& out);
bool Read(Decoder& d, Value v, LabelSelector& out);
bool Read(Decoder& d, Value v, LabelSelectorRequirement& out);

// The raw JSON text of any value (object, array or scalar), for unknown fields.
bool ReadRaw(Decoder& d, Value v, std::string& out);
bool IsNull(Value& v);

// Reads an object member by member: `member(key, value)` returns false after a failure, and
// the key is then added to the error path. null reads as an empty object.
template <class Member>
bool ReadMembers(Decoder& d, Value v, Member&& member) {
  if (IsNull(v)) return true;
  simdjson::ondemand::object obj;
  if (v.get_object().get(obj)) return d.Fail(v, "expected an object");
  for (auto field : obj) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return d.Fail("invalid object key", err);
    Value fv;
    if (auto err = field.value().get(fv))
      return d.Fail("invalid object member", err) && d.AtKey(key);
    if (!member(key, fv)) return d.AtKey(key);
  }
  return true;
}

// Keeps a member the schema does not know, verbatim.
inline bool ReadUnknown(Decoder& d, std::string_view key, Value v, UnknownFields& out) {
  return ReadRaw(d, v, out[std::string(key)]);
}

template <class T>
bool Read(Decoder& d, Value v, std::optional<T>& out) {
  if (IsNull(v)) {
    out.reset();
    return true;
  }
  T t{};
  if (!Read(d, v, t)) return false;
  out = std::move(t);
  return true;
}

template <class T>
bool Read(Decoder& d, Value v, std::vector<T>& out) {
  out.clear();
  if (IsNull(v)) return true;
  simdjson::ondemand::array arr;
  if (v.get_array().get(arr)) return d.Fail(v, "expected an array");
  // Generated structs are large: size the vector once and decode in place, so no element is
  // ever moved or copied.
  size_t count = 0;
  if (!arr.count_elements().get(count)) out.reserve(count);
  size_t i = 0;
  for (auto element : arr) {
    Value ev;
    if (auto err = element.get(ev)) return d.Fail("invalid array element", err) && d.AtIndex(i);
    if (!Read(d, ev, out.emplace_back())) return d.AtIndex(i);
    ++i;
  }
  return true;
}

template <class T>
bool Read(Decoder& d, Value v, std::map<std::string, T>& out) {
  out.clear();
  if (IsNull(v)) return true;
  simdjson::ondemand::object obj;
  if (v.get_object().get(obj)) return d.Fail(v, "expected an object");
  for (auto field : obj) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return d.Fail("invalid object key", err);
    Value fv;
    if (auto err = field.value().get(fv))
      return d.Fail("invalid object member", err) && d.AtKey(key);
    auto [it, inserted] = out.try_emplace(std::string(key));
    if (!Read(d, fv, it->second)) return d.AtKey(key);
  }
  return true;
}

bool Read(Decoder& d, Value v, kube::Scale& out);

// Parses `json` and reads it into `out` with Read(Decoder&, Value, T&).
template <class T>
Result<void> DecodeDocument(std::string_view json, T& out) {
  thread_local simdjson::ondemand::parser parser;
  // The text is wrapped in [ ] inside the padded copy simdjson needs anyway: On-Demand treats a
  // document's root value specially (is_null() and friends are not allowed on it), and the
  // readers are written for plain values.
  simdjson::padded_string padded(json.size() + 2);
  padded.data()[0] = '[';
  std::memcpy(padded.data() + 1, json.data(), json.size());
  padded.data()[json.size() + 1] = ']';
  Decoder d(padded.data() + 1);
  simdjson::ondemand::document doc;
  simdjson::ondemand::array wrapper;
  if (auto err = parser.iterate(padded).get(doc)) {
    d.Fail("invalid JSON", err);
    return Fail(d.ToError());
  }
  if (auto err = doc.get_array().get(wrapper)) {
    d.Fail("invalid JSON", err);
    return Fail(d.ToError());
  }
  for (auto element : wrapper) {
    Value root;
    if (auto err = element.get(root)) {
      d.Fail("invalid JSON", err);
      return Fail(d.ToError());
    }
    if (!Read(d, root, out)) return Fail(d.ToError());
    return {};
  }
  d.Fail("expected a JSON value, found nothing", simdjson::EMPTY);
  return Fail(d.ToError());
}

}  // namespace kube::json
