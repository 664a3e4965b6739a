#include "kube/json/decode.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace kube::json {
namespace {

using simdjson::ondemand::json_type;
using simdjson::ondemand::object;

bool Skip(Decoder&, Value&) { return true; }  // on-demand skips unread values by itself

// Sets `out` to `s` with no spare capacity. assign() into a string that must grow doubles its
// capacity (libstdc++ grows past the 15 inline characters to at least 30), which makes every
// decoded string of 16 to 23 characters (names, label keys) take a 48-byte heap chunk for 32.
void AssignExact(std::string& out, std::string_view s) {
  if (s.size() > out.capacity()) {
    out = std::string(s);
  } else {
    out.assign(s);
  }
}

template <class T>
bool ReadTime(Decoder& d, Value& v, T& out) {
  if (IsNull(v)) {
    out = T{};
    return true;
  }
  std::string_view s;
  if (v.get_string().get(s)) return d.Fail(v, "expected an RFC 3339 time string");
  auto t = T::Parse(s);
  if (!t) return d.Fail(v, t.error().message);
  out = *t;
  return true;
}

// A string (in place when it has no escapes, see PlainString) or, failing that, null: the
// common case costs one type check. Forced inline: GCC kept it out of line, which put a call
// on every string read.
[[gnu::always_inline]] inline bool ReadStringOrNull(Decoder& d, Value& v, std::string_view& s,
                                                    bool& null) {
  if (PlainString(v, s) || !v.get_string().get(s)) return true;
  null = IsNull(v);
  return null || d.Fail(v, "expected a string");
}

}  // namespace

bool Decoder::Fail(Value& v, std::string_view what) {
  if (failed_) return false;
  failed_ = true;
  what_ = std::string(what);
  const char* at = nullptr;
  if (!v.current_location().get(at) && at != nullptr) offset_ = static_cast<size_t>(at - base_);
  return false;
}

bool Decoder::Fail(std::string_view what, simdjson::error_code code) {
  if (failed_) return false;
  failed_ = true;
  what_ = fmt::format("{}: {}", what, simdjson::error_message(code));
  return false;
}

bool Decoder::AtKey(std::string_view key) {
  // Built piecewise: GCC 12 at -O3 misreports `"." + std::string(key)` under -Wrestrict.
  std::string segment(1, '.');
  segment.append(key);
  path_.insert(0, segment);
  return false;
}

bool Decoder::AtIndex(size_t index) {
  path_.insert(0, fmt::format("[{}]", index));
  return false;
}

bool Decoder::Adopt(const Decoder& chunk, size_t offset) {
  if (failed_) return false;
  failed_ = true;
  what_ = chunk.what_;
  path_ = chunk.path_;
  offset_ = chunk.offset_ + offset;
  return false;
}

Error Decoder::ToError() const {
  return Error::Decode(
      fmt::format("at {} (offset {}): {}", path_.empty() ? "." : path_, offset_, what_));
}

std::string_view PaddedBuffer::Wrap(std::string_view json) {
  size_t needed = json.size() + 2 + simdjson::SIMDJSON_PADDING;
  if (needed > capacity_) {
    capacity_ = std::max(needed, capacity_ + capacity_ / 2);
    buffer_ = std::make_unique_for_overwrite<char[]>(capacity_);
  }
  buffer_[0] = '[';
  std::memcpy(buffer_.get() + 1, json.data(), json.size());
  buffer_[json.size() + 1] = ']';
  std::memset(buffer_.get() + json.size() + 2, 0, simdjson::SIMDJSON_PADDING);
  return {buffer_.get(), json.size() + 2};
}

namespace {

std::unique_ptr<DecodeWorkspace>& ThisThreadsWorkspace() {
  thread_local std::unique_ptr<DecodeWorkspace> workspace;
  if (!workspace) workspace = std::make_unique<DecodeWorkspace>();
  return workspace;
}

}  // namespace

ThreadWorkspace::ThreadWorkspace(std::string_view json)
    : workspace_(*ThisThreadsWorkspace()), wrapped_(workspace_.text.Wrap(json)) {}

ThreadWorkspace::~ThreadWorkspace() {
  std::unique_ptr<DecodeWorkspace>& kept = ThisThreadsWorkspace();
  if (!kept->Retainable()) kept.reset();
}

bool Read(Decoder& d, Value& v, std::string& out) {
  std::string_view s;
  bool null = false;
  if (!ReadStringOrNull(d, v, s, null)) return false;
  if (null) {
    out.clear();
  } else {
    AssignExact(out, s);
  }
  return true;
}

bool Read(Decoder& d, Value& v, bool& out) {
  if (v.get_bool().get(out)) return d.Fail(v, "expected true or false");
  return true;
}

bool Read(Decoder& d, Value& v, int64_t& out) {
  if (v.get_int64().get(out)) return d.Fail(v, "expected an integer");
  return true;
}

bool Read(Decoder& d, Value& v, int32_t& out) {
  int64_t wide;
  if (v.get_int64().get(wide)) return d.Fail(v, "expected an integer");
  if (wide < INT32_MIN || wide > INT32_MAX) return d.Fail(v, "integer out of the int32 range");
  out = static_cast<int32_t>(wide);
  return true;
}

bool Read(Decoder& d, Value& v, std::optional<std::string>& out) {
  std::string_view s;
  bool null = false;
  if (!ReadStringOrNull(d, v, s, null)) return false;
  if (null) {
    out.reset();
  } else if (out) {
    AssignExact(*out, s);
  } else {
    out.emplace(s);
  }
  return true;
}

bool Read(Decoder& d, Value& v, double& out) {
  if (v.get_double().get(out)) return d.Fail(v, "expected a number");
  return true;
}

bool Read(Decoder& d, Value& v, Time& out) { return ReadTime(d, v, out); }
bool Read(Decoder& d, Value& v, MicroTime& out) { return ReadTime(d, v, out); }

bool Read(Decoder& d, Value& v, IntOrString& out) {
  json_type t;
  if (v.type().get(t)) return d.Fail(v, "expected an integer or a string");
  if (t == json_type::number) {
    int64_t n;
    if (!Read(d, v, n)) return false;
    out = IntOrString(n);
    return true;
  }
  std::string s;
  if (!Read(d, v, s)) return false;
  out = IntOrString(std::move(s));
  return true;
}

bool Read(Decoder& d, Value& v, Quantity& out) {
  json_type t;
  if (v.type().get(t)) return d.Fail(v, "expected a quantity");
  if (t == json_type::number) {
    out.value = std::string(v.raw_json_token());
    while (!out.value.empty() && std::isspace(static_cast<unsigned char>(out.value.back())))
      out.value.pop_back();
    return true;
  }
  return Read(d, v, out.value);
}

bool Read(Decoder& d, Value& v, Duration& out) { return Read(d, v, out.value); }

bool ReadRaw(Decoder& d, Value& v, std::string& out) {
  json_type t;
  if (v.type().get(t)) return d.Fail(v, "invalid JSON value");
  std::string_view raw;
  simdjson::error_code err = simdjson::SUCCESS;
  if (t == json_type::object) {
    object o;
    err = v.get_object().get(o);
    if (!err) err = o.raw_json().get(raw);
  } else if (t == json_type::array) {
    simdjson::ondemand::array a;
    err = v.get_array().get(a);
    if (!err) err = a.raw_json().get(raw);
  } else {
    raw = v.raw_json_token();
    while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back())))
      raw.remove_suffix(1);
    // Consume the scalar so the parser moves on.
    if (t == json_type::string) {
      std::string_view s;
      err = v.get_string().get(s);
    } else if (t == json_type::number) {
      double n;
      err = v.get_double().get(n);
    } else if (t == json_type::boolean) {
      bool b;
      err = v.get_bool().get(b);
    } else {
      bool null;
      err = v.is_null().get(null);
    }
  }
  if (err) return d.Fail(v, "invalid JSON value");
  AssignExact(out, raw);
  return true;
}

bool Read(Decoder& d, Value& v, RawJSON& out) {
  if (IsNull(v)) {
    out.raw.clear();
    return true;
  }
  return ReadRaw(d, v, out.raw);
}

bool Read(Decoder& d, Value& v, OwnerReference& out) {
  return ReadMembers(d, v, [&](std::string_view k, Value& fv) {
    if (k == "apiVersion") return Read(d, fv, out.api_version);
    if (k == "kind") return Read(d, fv, out.kind);
    if (k == "name") return Read(d, fv, out.name);
    if (k == "uid") return Read(d, fv, out.uid);
    if (k == "controller") return Read(d, fv, out.controller);
    if (k == "blockOwnerDeletion") return Read(d, fv, out.block_owner_deletion);
    return Skip(d, fv);
  });
}

bool Read(Decoder& d, Value& v, ManagedFieldsEntry& out) {
  return ReadMembers(d, v, [&](std::string_view k, Value& fv) {
    if (k == "manager") return Read(d, fv, out.manager);
    if (k == "operation") return Read(d, fv, out.operation);
    if (k == "apiVersion") return Read(d, fv, out.api_version);
    if (k == "time") return Read(d, fv, out.time);
    if (k == "fieldsType") return Read(d, fv, out.fields_type);
    if (k == "fieldsV1") return Read(d, fv, out.fields_v1);
    if (k == "subresource") return Read(d, fv, out.subresource);
    return Skip(d, fv);
  });
}

namespace {

// managedFields holds fieldsV1, most of an object's tokens, kept raw. Sizing the vector first
// (ArraySizes) would walk every one of those tokens to count one or two entries, so the vector
// grows instead and is trimmed to fit.
bool ReadManagedFields(Decoder& d, Value& v, std::vector<ManagedFieldsEntry>& out) {
  out.clear();
  auto array = v.get_array();
  if (array.error()) return IsNull(v) || d.Fail(v, "expected an array");
  if (!ReadElements(d, array.value_unsafe(), out, 0, std::nullopt)) return false;
  if (out.capacity() != out.size()) out.shrink_to_fit();
  return true;
}

}  // namespace

bool Read(Decoder& d, Value& v, ObjectMeta& out) {
  return ReadMembers(d, v, [&](std::string_view k, Value& fv) {
    switch (k.size()) {
      case 3:
        if (k == "uid") return Read(d, fv, out.uid);
        break;
      case 4:
        if (k == "name") return Read(d, fv, out.name);
        break;
      case 6:
        if (k == "labels") return Read(d, fv, out.labels);
        break;
      case 8:
        if (k == "selfLink") return Read(d, fv, out.self_link);
        break;
      case 9:
        if (k == "namespace") return Read(d, fv, out.namespace_);
        break;
      case 10:
        if (k == "generation") return Read(d, fv, out.generation);
        if (k == "finalizers") return Read(d, fv, out.finalizers);
        break;
      case 11:
        if (k == "annotations") return Read(d, fv, out.annotations);
        break;
      case 12:
        if (k == "generateName") return Read(d, fv, out.generate_name);
        break;
      case 13:
        if (k == "managedFields") return ReadManagedFields(d, fv, out.managed_fields);
        break;
      case 15:
        if (k == "resourceVersion") return Read(d, fv, out.resource_version);
        if (k == "ownerReferences") return Read(d, fv, out.owner_references);
        break;
      case 17:
        if (k == "creationTimestamp") {
          out.creation_timestamp_null.kept = IsNull(fv);
          return Read(d, fv, out.creation_timestamp);
        }
        if (k == "deletionTimestamp") return Read(d, fv, out.deletion_timestamp);
        break;
      case 26:
        if (k == "deletionGracePeriodSeconds")
          return Read(d, fv, out.deletion_grace_period_seconds);
        break;
      default:
        break;
    }
    return Skip(d, fv);
  });
}

bool Read(Decoder& d, Value& v, ListMeta& out) {
  return ReadMembers(d, v, [&](std::string_view k, Value& fv) {
    if (k == "resourceVersion") return Read(d, fv, out.resource_version);
    if (k == "continue") return Read(d, fv, out.continue_);
    if (k == "remainingItemCount") return Read(d, fv, out.remaining_item_count);
    if (k == "selfLink") return Read(d, fv, out.self_link);
    return Skip(d, fv);
  });
}

bool Read(Decoder& d, Value& v, ObjectReference& out) {
  return ReadMembers(d, v, [&](std::string_view k, Value& fv) {
    if (k == "kind") return Read(d, fv, out.kind);
    if (k == "namespace") return Read(d, fv, out.namespace_);
    if (k == "name") return Read(d, fv, out.name);
    if (k == "uid") return Read(d, fv, out.uid);
    if (k == "apiVersion") return Read(d, fv, out.api_version);
    if (k == "resourceVersion") return Read(d, fv, out.resource_version);
    if (k == "fieldPath") return Read(d, fv, out.field_path);
    return Skip(d, fv);
  });
}

bool Read(Decoder& d, Value& v, Condition& out) {
  return ReadMembers(d, v, [&](std::string_view k, Value& fv) {
    if (k == "type") return Read(d, fv, out.type);
    if (k == "status") return Read(d, fv, out.status);
    if (k == "observedGeneration") return Read(d, fv, out.observed_generation);
    if (k == "lastTransitionTime") return Read(d, fv, out.last_transition_time);
    if (k == "reason") return Read(d, fv, out.reason);
    if (k == "message") return Read(d, fv, out.message);
    return Skip(d, fv);
  });
}

bool Read(Decoder& d, Value& v, LabelSelectorRequirement& out) {
  return ReadMembers(d, v, [&](std::string_view k, Value& fv) {
    if (k == "key") return Read(d, fv, out.key);
    if (k == "operator") return Read(d, fv, out.operator_);
    if (k == "values") return Read(d, fv, out.values);
    return Skip(d, fv);
  });
}

bool Read(Decoder& d, Value& v, LabelSelector& out) {
  return ReadMembers(d, v, [&](std::string_view k, Value& fv) {
    if (k == "matchLabels") return Read(d, fv, out.match_labels);
    if (k == "matchExpressions") return Read(d, fv, out.match_expressions);
    return Skip(d, fv);
  });
}

}  // namespace kube::json
