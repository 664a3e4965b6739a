#include "kube/json/writer.h"

#include <charconv>
#include <cmath>

#include "internal/rfc3339.h"

namespace kube::json {

void Writer::Key(std::string_view key) {
  if (!first_) out_ += ',';
  first_ = false;
  String(key);
  out_ += ':';
}

void Writer::String(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out_ += '"';
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      default:
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 15];
    }
  }
  out_.append(s.data() + run, s.size() - run);
  out_ += '"';
}

void Writer::Int(int64_t v) {
  char buf[24];
  auto [p, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out_.append(buf, p);
}

void Writer::Double(double v) {
  if (!std::isfinite(v)) return Null();  // JSON has no NaN or infinity
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof(buf), v);  // shortest round-trip form
  out_.append(buf, p);
}

bool Writer::WroteEmpty(const Mark& m) const {
  std::string_view tail(out_.data() + m.size, out_.size() - m.size);
  return tail.ends_with(":{}") || tail.ends_with(":[]");
}

void Write(Writer& w, std::string_view v) { w.String(v); }
// Zero is null, as metav1.Time marshals it. Formatted on the stack: a std::string per
// timestamp would be a heap allocation (the text is longer than the small-string buffer).
void Write(Writer& w, const Time& v) {
  if (v.IsZero()) return w.Null();
  char buf[internal::kMaxRfc3339Length];
  w.String({buf, internal::FormatRfc3339(v, buf)});
}
void Write(Writer& w, const MicroTime& v) {
  if (v.IsZero()) return w.Null();
  char buf[internal::kMaxRfc3339Length];
  w.String({buf, internal::FormatRfc3339(v, buf)});
}
void Write(Writer& w, const IntOrString& v) {
  if (v.IsInt()) return w.Int(v.int_val);
  w.String(v.str_val);
}
void Write(Writer& w, const Quantity& v) { w.String(v.value); }
void Write(Writer& w, const Duration& v) { w.String(v.value); }
void Write(Writer& w, const RawJSON& v) {
  if (v.raw.empty()) return w.Null();
  w.Raw(v.raw);
}

void Write(Writer& w, const OwnerReference& v) {
  w.BeginObject();
  RequiredMember(w, "apiVersion", v.api_version);
  RequiredMember(w, "kind", v.kind);
  RequiredMember(w, "name", v.name);
  RequiredMember(w, "uid", v.uid);
  Member(w, "controller", v.controller);
  Member(w, "blockOwnerDeletion", v.block_owner_deletion);
  w.EndObject();
}

void Write(Writer& w, const ManagedFieldsEntry& v) {
  w.BeginObject();
  Member(w, "manager", v.manager);
  Member(w, "operation", v.operation);
  Member(w, "apiVersion", v.api_version);
  Member(w, "time", v.time);
  Member(w, "fieldsType", v.fields_type);
  if (!v.fields_v1.empty()) {
    w.Key("fieldsV1");
    Write(w, v.fields_v1);
  }
  Member(w, "subresource", v.subresource);
  w.EndObject();
}

void Write(Writer& w, const ObjectMeta& v) {
  w.BeginObject();
  Member(w, "name", v.name);
  Member(w, "generateName", v.generate_name);
  Member(w, "namespace", v.namespace_);
  Member(w, "selfLink", v.self_link);
  Member(w, "uid", v.uid);
  Member(w, "resourceVersion", v.resource_version);
  Member(w, "generation", v.generation);
  if (v.creation_timestamp_null.kept) {
    RequiredMember(w, "creationTimestamp", v.creation_timestamp);  // null while zero
  } else {
    Member(w, "creationTimestamp", v.creation_timestamp);
  }
  Member(w, "deletionTimestamp", v.deletion_timestamp);
  Member(w, "deletionGracePeriodSeconds", v.deletion_grace_period_seconds);
  Member(w, "labels", v.labels);
  Member(w, "annotations", v.annotations);
  Member(w, "ownerReferences", v.owner_references);
  Member(w, "finalizers", v.finalizers);
  Member(w, "managedFields", v.managed_fields);
  w.EndObject();
}

void Write(Writer& w, const ListMeta& v) {
  w.BeginObject();
  Member(w, "selfLink", v.self_link);
  Member(w, "resourceVersion", v.resource_version);
  Member(w, "continue", v.continue_);
  Member(w, "remainingItemCount", v.remaining_item_count);
  w.EndObject();
}

void Write(Writer& w, const ObjectReference& v) {
  w.BeginObject();
  Member(w, "kind", v.kind);
  Member(w, "namespace", v.namespace_);
  Member(w, "name", v.name);
  Member(w, "uid", v.uid);
  Member(w, "apiVersion", v.api_version);
  Member(w, "resourceVersion", v.resource_version);
  Member(w, "fieldPath", v.field_path);
  w.EndObject();
}

void Write(Writer& w, const Condition& v) {
  w.BeginObject();
  RequiredMember(w, "type", v.type);
  RequiredMember(w, "status", v.status);
  Member(w, "observedGeneration", v.observed_generation);
  RequiredMember(w, "lastTransitionTime", v.last_transition_time);
  RequiredMember(w, "reason", v.reason);
  RequiredMember(w, "message", v.message);
  w.EndObject();
}

void Write(Writer& w, const LabelSelectorRequirement& v) {
  w.BeginObject();
  RequiredMember(w, "key", v.key);
  RequiredMember(w, "operator", v.operator_);
  Member(w, "values", v.values);
  w.EndObject();
}

void Write(Writer& w, const LabelSelector& v) {
  w.BeginObject();
  Member(w, "matchLabels", v.match_labels);
  Member(w, "matchExpressions", v.match_expressions);
  w.EndObject();
}

void UnknownMembers(Writer& w, const UnknownFields& fields) {
  for (const auto& [k, raw] : fields) {
    w.Key(k);
    w.Raw(raw);
  }
}

}  // namespace kube::json
