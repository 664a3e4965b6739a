#include "kube/options.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "internal/json_fields.h"

namespace kube {
namespace {

void AddIf(QueryParams& q, const char* key, const std::string& v) {
  if (!v.empty()) q.emplace_back(key, v);
}

void AddDryRun(QueryParams& q, const std::vector<std::string>& dry_run) {
  for (const auto& d : dry_run) q.emplace_back("dryRun", d);
}

}  // namespace

std::string_view ContentType(PatchType type) {
  switch (type) {
    case PatchType::kJsonPatch:
      return "application/json-patch+json";
    case PatchType::kMergePatch:
      return "application/merge-patch+json";
    case PatchType::kStrategicMergePatch:
      return "application/strategic-merge-patch+json";
    case PatchType::kApplyPatch:
      return "application/apply-patch+yaml";
  }
  return "application/merge-patch+json";
}

QueryParams ToQuery(const GetOptions& o) {
  QueryParams q;
  AddIf(q, "resourceVersion", o.resource_version);
  return q;
}

QueryParams ToQuery(const ListOptions& o) {
  QueryParams q;
  AddIf(q, "labelSelector", o.label_selector);
  AddIf(q, "fieldSelector", o.field_selector);
  if (o.watch) q.emplace_back("watch", "true");
  if (o.allow_watch_bookmarks) q.emplace_back("allowWatchBookmarks", "true");
  AddIf(q, "resourceVersion", o.resource_version);
  AddIf(q, "resourceVersionMatch", o.resource_version_match);
  if (o.timeout_seconds) q.emplace_back("timeoutSeconds", std::to_string(*o.timeout_seconds));
  if (o.limit > 0) q.emplace_back("limit", std::to_string(o.limit));
  AddIf(q, "continue", o.continue_);
  if (o.send_initial_events) {
    q.emplace_back("sendInitialEvents", *o.send_initial_events ? "true" : "false");
  }
  return q;
}

QueryParams ToQuery(const CreateOptions& o) {
  QueryParams q;
  AddDryRun(q, o.dry_run);
  AddIf(q, "fieldManager", o.field_manager);
  AddIf(q, "fieldValidation", o.field_validation);
  return q;
}

QueryParams ToQuery(const UpdateOptions& o) {
  QueryParams q;
  AddDryRun(q, o.dry_run);
  AddIf(q, "fieldManager", o.field_manager);
  AddIf(q, "fieldValidation", o.field_validation);
  return q;
}

QueryParams ToQuery(const PatchOptions& o) {
  QueryParams q;
  AddDryRun(q, o.dry_run);
  if (o.force) q.emplace_back("force", *o.force ? "true" : "false");
  AddIf(q, "fieldManager", o.field_manager);
  AddIf(q, "fieldValidation", o.field_validation);
  return q;
}

QueryParams ToQuery(const DeleteOptions& o) {
  QueryParams q;
  AddDryRun(q, o.dry_run);
  return q;
}

ListOptions ListOptionsFromQuery(const QueryParams& q) {
  ListOptions o;
  auto as_int = [](const std::string& s) -> std::optional<int64_t> {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
  };
  for (const auto& [k, v] : q) {
    if (k == "labelSelector")
      o.label_selector = v;
    else if (k == "fieldSelector")
      o.field_selector = v;
    else if (k == "watch")
      o.watch = (v == "true" || v == "1");
    else if (k == "allowWatchBookmarks")
      o.allow_watch_bookmarks = (v == "true" || v == "1");
    else if (k == "resourceVersion")
      o.resource_version = v;
    else if (k == "resourceVersionMatch")
      o.resource_version_match = v;
    else if (k == "timeoutSeconds")
      o.timeout_seconds = as_int(v);
    else if (k == "limit")
      o.limit = as_int(v).value_or(0);
    else if (k == "continue")
      o.continue_ = v;
    else if (k == "sendInitialEvents")
      o.send_initial_events = (v == "true" || v == "1");
  }
  return o;
}

void to_json(nlohmann::json& j, const Preconditions& v) {
  j = nlohmann::json::object();
  internal::PutOptional(j, "uid", v.uid);
  internal::PutOptional(j, "resourceVersion", v.resource_version);
}
void from_json(const nlohmann::json& j, Preconditions& v) {
  internal::GetIfPresent(j, "uid", v.uid);
  internal::GetIfPresent(j, "resourceVersion", v.resource_version);
}

void to_json(nlohmann::json& j, const DeleteOptions& v) {
  j = nlohmann::json::object();
  j["kind"] = "DeleteOptions";
  j["apiVersion"] = "meta.k8s.io/v1";
  internal::PutOptional(j, "gracePeriodSeconds", v.grace_period_seconds);
  internal::PutOptional(j, "preconditions", v.preconditions);
  internal::PutOptional(j, "propagationPolicy", v.propagation_policy);
  internal::PutOmitEmpty(j, "dryRun", v.dry_run);
}
void from_json(const nlohmann::json& j, DeleteOptions& v) {
  internal::GetIfPresent(j, "gracePeriodSeconds", v.grace_period_seconds);
  internal::GetIfPresent(j, "preconditions", v.preconditions);
  internal::GetIfPresent(j, "propagationPolicy", v.propagation_policy);
  internal::GetIfPresent(j, "dryRun", v.dry_run);
}

}  // namespace kube
