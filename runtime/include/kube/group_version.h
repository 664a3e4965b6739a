// Group/version/resource and group/version/kind identifiers. The core group is "".
//
//   kube::GroupVersionResource gvr{"apps", "v1", "deployments"};
//   gvr.ToGroupVersion().ApiVersion();   // "apps/v1"
//   gvr.ApiPrefix();                   // "/apis/apps/v1" ("/api/v1" for the core group)
#pragma once

#include <compare>
#include <string>
#include <string_view>

namespace kube {

struct GroupVersion {
  std::string group{};
  std::string version{};

  // "apps/v1", or "v1" for the core group.
  std::string ApiVersion() const { return group.empty() ? version : group + "/" + version; }
  // "/apis/apps/v1", or "/api/v1" for the core group.
  std::string ApiPrefix() const {
    return group.empty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }
  // Splits "apps/v1" or "v1".
  static GroupVersion Parse(std::string_view api_version) {
    auto slash = api_version.find('/');
    if (slash == std::string_view::npos) return {"", std::string(api_version)};
    return {std::string(api_version.substr(0, slash)), std::string(api_version.substr(slash + 1))};
  }
  friend auto operator<=>(const GroupVersion&, const GroupVersion&) = default;
};

struct GroupVersionResource {
  std::string group{};
  std::string version{};
  std::string resource{};  // plural, lower case: "flunders"

  kube::GroupVersion ToGroupVersion() const { return {group, version}; }
  std::string ApiPrefix() const { return ToGroupVersion().ApiPrefix(); }
  // "flunders.wardle.example.com", or "configmaps" for the core group: as error messages say it.
  std::string GroupResource() const { return group.empty() ? resource : resource + "." + group; }
  friend auto operator<=>(const GroupVersionResource&, const GroupVersionResource&) = default;
};

struct GroupVersionKind {
  std::string group{};
  std::string version{};
  std::string kind{};

  kube::GroupVersion ToGroupVersion() const { return {group, version}; }
  std::string ApiVersion() const { return ToGroupVersion().ApiVersion(); }
  friend auto operator<=>(const GroupVersionKind&, const GroupVersionKind&) = default;
};

}  // namespace kube
