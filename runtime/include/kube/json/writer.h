// kube::json::Writer: appends compact JSON to a string, the encoder generated types use
// (no DOM, one pass). Objects handle their commas; a member whose value came out empty ({}
// or []) can be rolled back, which gives Go's omitempty for nested structs.
//
//   std::string out;
//   kube::json::Writer w(out);
//   w.BeginObject(); w.Key("name"); w.String("alpha"); w.EndObject();   // {"name":"alpha"}
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kube/meta.h"
#include "kube/omit_empty.h"
#include "kube/optional.h"

namespace kube::json {

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void BeginObject() {
    out_ += '{';
    first_ = true;
  }
  void EndObject() {
    out_ += '}';
    first_ = false;
  }
  void BeginArray() {
    out_ += '[';
    first_ = true;
  }
  void EndArray() {
    out_ += ']';
    first_ = false;
  }
  // Writes `"key":`, preceded by a comma unless it is the first member.
  void Key(std::string_view key);
  // Before an array element.
  void Element() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  void String(std::string_view s);
  void Int(int64_t v);
  void Double(double v);
  void Bool(bool v) { out_ += v ? "true" : "false"; }
  void Null() { out_ += "null"; }
  void Raw(std::string_view json) { out_ += json; }

  // Member rollback: Mark() before Key(); if the value written was {} or [], Rollback(mark)
  // removes the member again.
  struct Mark {
    size_t size;
    bool first;
  };
  Mark Save() const { return {out_.size(), first_}; }
  bool WroteEmpty(const Mark& m) const;
  void Rollback(const Mark& m) {
    out_.resize(m.size);
    first_ = m.first;
  }

  std::string& out() { return out_; }

 private:
  std::string& out_;
  bool first_ = true;
};

// Values of runtime types. Generated structs add `void Write(Writer&, const T&)` of their own.
void Write(Writer& w, std::string_view v);
inline void Write(Writer& w, const std::string& v) { w.String(v); }
inline void Write(Writer& w, bool v) { w.Bool(v); }
inline void Write(Writer& w, int32_t v) { w.Int(v); }
inline void Write(Writer& w, int64_t v) { w.Int(v); }
inline void Write(Writer& w, double v) { w.Double(v); }
void Write(Writer& w, const Time& v);
void Write(Writer& w, const MicroTime& v);
void Write(Writer& w, const IntOrString& v);
void Write(Writer& w, const Quantity& v);
void Write(Writer& w, const Duration& v);
void Write(Writer& w, const RawJSON& v);
void Write(Writer& w, const ObjectMeta& v);
void Write(Writer& w, const ListMeta& v);
void Write(Writer& w, const OwnerReference& v);
void Write(Writer& w, const ManagedFieldsEntry& v);
void Write(Writer& w, const ObjectReference& v);
void Write(Writer& w, const Condition& v);
void Write(Writer& w, const LabelSelector& v);
void Write(Writer& w, const LabelSelectorRequirement& v);

template <class T>
void Write(Writer& w, const std::vector<T>& v) {
  w.BeginArray();
  for (const auto& e : v) {
    w.Element();
    Write(w, e);
  }
  w.EndArray();
}

template <class T>
void Write(Writer& w, const std::map<std::string, T>& v) {
  w.BeginObject();
  for (const auto& [k, e] : v) {
    w.Key(k);
    Write(w, e);
  }
  w.EndObject();
}

// Members with Go's omitempty: absent optionals, empty strings/lists/maps/objects, zero times
// and false/0 are left out. A value that knows its own emptiness (`empty()`) is judged by it
// alone: a kube::RawJSON holding `{}` was present (CRD `subresources: {status: {}}` enables the
// status subresource), so it is written. A struct held by value (spec, status) that writes `{}`
// is left out unless it came so (ReadValueStruct).
template <class T>
void Member(Writer& w, std::string_view key, const T& v) {
  if (IsEmptyValue(v)) return;
  if constexpr (requires { v.empty(); }) {
    w.Key(key);
    Write(w, v);
  } else {
    auto mark = w.Save();
    w.Key(key);
    Write(w, v);
    bool came_empty = false;
    if constexpr (requires { v.unknown_fields.kept_present(); }) {
      came_empty = v.unknown_fields.kept_present();
    }
    if (!came_empty && w.WroteEmpty(mark)) w.Rollback(mark);
  }
}

template <class T>
void Member(Writer& w, std::string_view key, const std::optional<T>& v) {
  if (!v) return;
  w.Key(key);
  Write(w, *v);
}

// A nested object is written whenever present, even empty: `emptyDir: {}` means something.
template <class T>
void Member(Writer& w, std::string_view key, const Optional<T>& v) {
  if (!v) return;
  w.Key(key);
  Write(w, *v);
}

// A required member: always written (a zero time as null).
template <class T>
void RequiredMember(Writer& w, std::string_view key, const T& v) {
  w.Key(key);
  if constexpr (requires { v.IsZero(); }) {
    if (v.IsZero()) return w.Null();
  }
  Write(w, v);
}

// Members the schema did not know, kept verbatim from decoding.
void UnknownMembers(Writer& w, const UnknownFields& fields);

}  // namespace kube::json
