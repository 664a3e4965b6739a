// nlohmann codecs for the meta types. Field names are the Kubernetes JSON names.
#include <nlohmann/json.hpp>

#include "internal/json_fields.h"
#include "kube/meta.h"

namespace kube {

using internal::GetIfPresent;
using internal::PutOmitEmpty;
using internal::PutOptional;
using Json = nlohmann::json;

void to_json(Json& j, const IntOrString& v) { j = v.IsInt() ? Json(v.int_val) : Json(v.str_val); }
void from_json(const Json& j, IntOrString& v) {
  if (j.is_number_integer()) {
    v = IntOrString(j.get<int64_t>());
  } else {
    v = IntOrString(j.get<std::string>());
  }
}

void to_json(Json& j, const Quantity& v) { j = v.value; }
void from_json(const Json& j, Quantity& v) {
  // Servers always send strings; hand-written manifests sometimes carry bare numbers.
  v.value = j.is_string() ? j.get<std::string>() : j.dump();
}

void to_json(Json& j, const RawJSON& v) { j = v.raw.empty() ? Json(nullptr) : Json::parse(v.raw); }
void from_json(const Json& j, RawJSON& v) { v.raw = j.is_null() ? std::string() : j.dump(); }

void to_json(Json& j, const Duration& v) { j = v.value; }
void from_json(const Json& j, Duration& v) { v.value = j.get<std::string>(); }

void to_json(Json& j, const OwnerReference& v) {
  j = Json::object();
  j["apiVersion"] = v.api_version;
  j["kind"] = v.kind;
  j["name"] = v.name;
  j["uid"] = v.uid;
  PutOptional(j, "controller", v.controller);
  PutOptional(j, "blockOwnerDeletion", v.block_owner_deletion);
}
void from_json(const Json& j, OwnerReference& v) {
  GetIfPresent(j, "apiVersion", v.api_version);
  GetIfPresent(j, "kind", v.kind);
  GetIfPresent(j, "name", v.name);
  GetIfPresent(j, "uid", v.uid);
  GetIfPresent(j, "controller", v.controller);
  GetIfPresent(j, "blockOwnerDeletion", v.block_owner_deletion);
}

void to_json(Json& j, const ManagedFieldsEntry& v) {
  j = Json::object();
  PutOmitEmpty(j, "manager", v.manager);
  PutOmitEmpty(j, "operation", v.operation);
  PutOmitEmpty(j, "apiVersion", v.api_version);
  PutOmitEmpty(j, "time", v.time);
  PutOmitEmpty(j, "fieldsType", v.fields_type);
  PutOmitEmpty(j, "fieldsV1", v.fields_v1);
  PutOmitEmpty(j, "subresource", v.subresource);
}
void from_json(const Json& j, ManagedFieldsEntry& v) {
  GetIfPresent(j, "manager", v.manager);
  GetIfPresent(j, "operation", v.operation);
  GetIfPresent(j, "apiVersion", v.api_version);
  GetIfPresent(j, "time", v.time);
  GetIfPresent(j, "fieldsType", v.fields_type);
  GetIfPresent(j, "fieldsV1", v.fields_v1);
  GetIfPresent(j, "subresource", v.subresource);
}

void to_json(Json& j, const ObjectMeta& v) {
  j = Json::object();
  PutOmitEmpty(j, "name", v.name);
  PutOmitEmpty(j, "generateName", v.generate_name);
  PutOmitEmpty(j, "namespace", v.namespace_);
  PutOmitEmpty(j, "selfLink", v.self_link);
  PutOmitEmpty(j, "uid", v.uid);
  PutOmitEmpty(j, "resourceVersion", v.resource_version);
  PutOmitEmpty(j, "generation", v.generation);
  if (v.creation_timestamp_null.kept) {
    j["creationTimestamp"] = v.creation_timestamp;  // null while zero
  } else {
    PutOmitEmpty(j, "creationTimestamp", v.creation_timestamp);
  }
  PutOptional(j, "deletionTimestamp", v.deletion_timestamp);
  PutOptional(j, "deletionGracePeriodSeconds", v.deletion_grace_period_seconds);
  PutOmitEmpty(j, "labels", v.labels);
  PutOmitEmpty(j, "annotations", v.annotations);
  PutOmitEmpty(j, "ownerReferences", v.owner_references);
  PutOmitEmpty(j, "finalizers", v.finalizers);
  PutOmitEmpty(j, "managedFields", v.managed_fields);
}
void from_json(const Json& j, ObjectMeta& v) {
  GetIfPresent(j, "name", v.name);
  GetIfPresent(j, "generateName", v.generate_name);
  GetIfPresent(j, "namespace", v.namespace_);
  GetIfPresent(j, "selfLink", v.self_link);
  GetIfPresent(j, "uid", v.uid);
  GetIfPresent(j, "resourceVersion", v.resource_version);
  GetIfPresent(j, "generation", v.generation);
  GetIfPresent(j, "creationTimestamp", v.creation_timestamp);
  auto created = j.find("creationTimestamp");
  v.creation_timestamp_null.kept = created != j.end() && created->is_null();
  GetIfPresent(j, "deletionTimestamp", v.deletion_timestamp);
  GetIfPresent(j, "deletionGracePeriodSeconds", v.deletion_grace_period_seconds);
  GetIfPresent(j, "labels", v.labels);
  GetIfPresent(j, "annotations", v.annotations);
  GetIfPresent(j, "ownerReferences", v.owner_references);
  GetIfPresent(j, "finalizers", v.finalizers);
  GetIfPresent(j, "managedFields", v.managed_fields);
}

void to_json(Json& j, const ListMeta& v) {
  j = Json::object();
  PutOmitEmpty(j, "selfLink", v.self_link);
  PutOmitEmpty(j, "resourceVersion", v.resource_version);
  PutOmitEmpty(j, "continue", v.continue_);
  PutOptional(j, "remainingItemCount", v.remaining_item_count);
}
void from_json(const Json& j, ListMeta& v) {
  GetIfPresent(j, "selfLink", v.self_link);
  GetIfPresent(j, "resourceVersion", v.resource_version);
  GetIfPresent(j, "continue", v.continue_);
  GetIfPresent(j, "remainingItemCount", v.remaining_item_count);
}

void to_json(Json& j, const ObjectReference& v) {
  j = Json::object();
  PutOmitEmpty(j, "kind", v.kind);
  PutOmitEmpty(j, "namespace", v.namespace_);
  PutOmitEmpty(j, "name", v.name);
  PutOmitEmpty(j, "uid", v.uid);
  PutOmitEmpty(j, "apiVersion", v.api_version);
  PutOmitEmpty(j, "resourceVersion", v.resource_version);
  PutOmitEmpty(j, "fieldPath", v.field_path);
}
void from_json(const Json& j, ObjectReference& v) {
  GetIfPresent(j, "kind", v.kind);
  GetIfPresent(j, "namespace", v.namespace_);
  GetIfPresent(j, "name", v.name);
  GetIfPresent(j, "uid", v.uid);
  GetIfPresent(j, "apiVersion", v.api_version);
  GetIfPresent(j, "resourceVersion", v.resource_version);
  GetIfPresent(j, "fieldPath", v.field_path);
}

void to_json(Json& j, const StatusDetails& v) {
  j = Json::object();
  PutOmitEmpty(j, "name", v.name);
  PutOmitEmpty(j, "group", v.group);
  PutOmitEmpty(j, "kind", v.kind);
  PutOmitEmpty(j, "uid", v.uid);
  if (!v.causes.empty()) {
    Json causes = Json::array();
    for (const auto& c : v.causes) {
      Json cj = Json::object();
      PutOmitEmpty(cj, "reason", c.reason);
      PutOmitEmpty(cj, "message", c.message);
      PutOmitEmpty(cj, "field", c.field);
      causes.push_back(std::move(cj));
    }
    j["causes"] = std::move(causes);
  }
  PutOmitEmpty(j, "retryAfterSeconds", v.retry_after_seconds);
}
void from_json(const Json& j, StatusDetails& v) {
  GetIfPresent(j, "name", v.name);
  GetIfPresent(j, "group", v.group);
  GetIfPresent(j, "kind", v.kind);
  GetIfPresent(j, "uid", v.uid);
  GetIfPresent(j, "retryAfterSeconds", v.retry_after_seconds);
  if (auto it = j.find("causes"); it != j.end() && it->is_array()) {
    for (const auto& c : *it) {
      StatusCause cause;
      GetIfPresent(c, "reason", cause.reason);
      GetIfPresent(c, "message", cause.message);
      GetIfPresent(c, "field", cause.field);
      v.causes.push_back(std::move(cause));
    }
  }
}

void to_json(Json& j, const Status& v) {
  j = Json::object();
  j["kind"] = "Status";
  j["apiVersion"] = "v1";
  j["metadata"] = v.metadata;
  PutOmitEmpty(j, "status", v.status);
  PutOmitEmpty(j, "message", v.message);
  PutOmitEmpty(j, "reason", v.reason);
  PutOptional(j, "details", v.details);
  PutOmitEmpty(j, "code", v.code);
}
void from_json(const Json& j, Status& v) {
  GetIfPresent(j, "metadata", v.metadata);
  GetIfPresent(j, "status", v.status);
  GetIfPresent(j, "message", v.message);
  GetIfPresent(j, "reason", v.reason);
  GetIfPresent(j, "details", v.details);
  GetIfPresent(j, "code", v.code);
}

Error Status::ToError() const { return Error::FromResponse(code, Json(*this).dump()); }

void to_json(Json& j, const Condition& v) {
  j = Json::object();
  j["type"] = v.type;
  j["status"] = v.status;
  PutOmitEmpty(j, "observedGeneration", v.observed_generation);
  j["lastTransitionTime"] = v.last_transition_time;
  j["reason"] = v.reason;
  j["message"] = v.message;
}
void from_json(const Json& j, Condition& v) {
  GetIfPresent(j, "type", v.type);
  GetIfPresent(j, "status", v.status);
  GetIfPresent(j, "observedGeneration", v.observed_generation);
  GetIfPresent(j, "lastTransitionTime", v.last_transition_time);
  GetIfPresent(j, "reason", v.reason);
  GetIfPresent(j, "message", v.message);
}

void to_json(Json& j, const LabelSelectorRequirement& v) {
  j = Json::object();
  j["key"] = v.key;
  j["operator"] = v.operator_;
  PutOmitEmpty(j, "values", v.values);
}
void from_json(const Json& j, LabelSelectorRequirement& v) {
  GetIfPresent(j, "key", v.key);
  GetIfPresent(j, "operator", v.operator_);
  GetIfPresent(j, "values", v.values);
}

void to_json(Json& j, const LabelSelector& v) {
  j = Json::object();
  PutOmitEmpty(j, "matchLabels", v.match_labels);
  PutOmitEmpty(j, "matchExpressions", v.match_expressions);
}
void from_json(const Json& j, LabelSelector& v) {
  GetIfPresent(j, "matchLabels", v.match_labels);
  GetIfPresent(j, "matchExpressions", v.match_expressions);
}

}  // namespace kube
