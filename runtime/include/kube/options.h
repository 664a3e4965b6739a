// Options structs for every verb, one field per query parameter client-go sends (KEP 1601:
// every call takes one, so adding a parameter never changes a signature). Default-constructed
// options send nothing.
//
//   kube::ListOptions opts;
//   opts.label_selector = "app in (web,api)";
//   opts.limit = 500;
//   auto page = flunders->List(ctx, opts);
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kube {

// Query parameters in the order they are added; values are not yet escaped.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct GetOptions {
  std::string resource_version{};
};

struct ListOptions {
  std::string label_selector{};
  std::string field_selector{};
  bool watch = false;  // set by Watch(); users leave it false
  bool allow_watch_bookmarks = false;
  std::string resource_version{};
  std::string resource_version_match{};  // "NotOlderThan" | "Exact"
  std::optional<int64_t> timeout_seconds{};
  int64_t limit = 0;
  std::string continue_{};
  std::optional<bool> send_initial_events{};
};

struct CreateOptions {
  std::vector<std::string> dry_run{};  // {"All"}
  std::string field_manager{};
  std::string field_validation{};  // "Ignore" | "Warn" | "Strict"
};

struct UpdateOptions {
  std::vector<std::string> dry_run{};
  std::string field_manager{};
  std::string field_validation{};
};

struct PatchOptions {
  std::vector<std::string> dry_run{};
  std::optional<bool> force{};  // server-side apply only
  std::string field_manager{};
  std::string field_validation{};
};

struct Preconditions {
  std::optional<std::string> uid{};
  std::optional<std::string> resource_version{};
};

// Sent as the request body of DELETE, as client-go does.
struct DeleteOptions {
  std::optional<int64_t> grace_period_seconds{};
  std::optional<Preconditions> preconditions{};
  std::optional<std::string> propagation_policy{};  // "Orphan" | "Background" | "Foreground"
  std::vector<std::string> dry_run{};
};

enum class PatchType { kJsonPatch, kMergePatch, kStrategicMergePatch, kApplyPatch };

// The Content-Type a patch of this type is sent with.
std::string_view ContentType(PatchType type);

QueryParams ToQuery(const GetOptions& o);
QueryParams ToQuery(const ListOptions& o);
QueryParams ToQuery(const CreateOptions& o);
QueryParams ToQuery(const UpdateOptions& o);
QueryParams ToQuery(const PatchOptions& o);
// DeleteOptions travel in the body; only dryRun is also sent as a query parameter.
QueryParams ToQuery(const DeleteOptions& o);

// Parses query parameters back (the test server's side); unknown keys are ignored.
ListOptions ListOptionsFromQuery(const QueryParams& q);

void to_json(nlohmann::json& j, const Preconditions& v);
void from_json(const nlohmann::json& j, Preconditions& v);
void to_json(nlohmann::json& j, const DeleteOptions& v);
void from_json(const nlohmann::json& j, DeleteOptions& v);

}  // namespace kube
