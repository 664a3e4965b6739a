// Hand-written kinds for runtime tests (the generator's output is tested elsewhere): a
// ConfigMap and a namespaced Widget with spec and status, with nlohmann codecs.
#pragma once

#include <dirent.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kube/json_codec.h"
#include "kube/meta.h"
#include "kube/scheme.h"

namespace kube_test {

struct ConfigMap {
  static constexpr std::string_view kApiVersion = "v1";
  static constexpr std::string_view kKind = "ConfigMap";
  std::string api_version = "v1";
  std::string kind = "ConfigMap";
  kube::ObjectMeta metadata;
  std::map<std::string, std::string> data;
};

struct ConfigMapList {
  kube::ListMeta metadata;
  std::vector<ConfigMap> items;
};

struct WidgetSpec {
  int size = 0;
  std::string color;
};
struct WidgetStatus {
  std::string phase;
};
struct Widget {
  std::string api_version = "example.com/v1";
  std::string kind = "Widget";
  kube::ObjectMeta metadata;
  WidgetSpec spec;
  WidgetStatus status;
};
struct WidgetList {
  kube::ListMeta metadata;
  std::vector<Widget> items;
};

inline void to_json(nlohmann::json& j, const ConfigMap& v) {
  j = {{"apiVersion", v.api_version}, {"kind", v.kind}, {"metadata", v.metadata}};
  if (!v.data.empty()) j["data"] = v.data;
}
inline void from_json(const nlohmann::json& j, ConfigMap& v) {
  v.api_version = j.value("apiVersion", "");
  v.kind = j.value("kind", "");
  if (j.contains("metadata")) j.at("metadata").get_to(v.metadata);
  if (j.contains("data")) j.at("data").get_to(v.data);
}
inline void from_json(const nlohmann::json& j, ConfigMapList& v) {
  if (j.contains("metadata")) j.at("metadata").get_to(v.metadata);
  if (j.contains("items") && j["items"].is_array()) j.at("items").get_to(v.items);
}
inline void to_json(nlohmann::json& j, const ConfigMapList& v) {
  j = {{"metadata", v.metadata}, {"items", v.items}};
}
inline void to_json(nlohmann::json& j, const Widget& v) {
  j = {{"apiVersion", v.api_version},
       {"kind", v.kind},
       {"metadata", v.metadata},
       {"spec", {{"size", v.spec.size}, {"color", v.spec.color}}},
       {"status", {{"phase", v.status.phase}}}};
}
inline void from_json(const nlohmann::json& j, Widget& v) {
  v.api_version = j.value("apiVersion", "");
  v.kind = j.value("kind", "");
  if (j.contains("metadata")) j.at("metadata").get_to(v.metadata);
  v.spec.size = j.value("/spec/size"_json_pointer, 0);
  v.spec.color = j.value("/spec/color"_json_pointer, std::string());
  v.status.phase = j.value("/status/phase"_json_pointer, std::string());
}
inline void from_json(const nlohmann::json& j, WidgetList& v) {
  if (j.contains("metadata")) j.at("metadata").get_to(v.metadata);
  if (j.contains("items") && j["items"].is_array()) j.at("items").get_to(v.items);
}
inline void to_json(nlohmann::json& j, const WidgetList& v) {
  j = {{"metadata", v.metadata}, {"items", v.items}};
}

KUBE_NLOHMANN_CODEC(ConfigMap)
KUBE_NLOHMANN_CODEC(ConfigMapList)
KUBE_NLOHMANN_CODEC(Widget)
KUBE_NLOHMANN_CODEC(WidgetList)

inline const kube::GroupVersionResource kConfigMaps{"", "v1", "configmaps"};
inline const kube::GroupVersionResource kWidgets{"example.com", "v1", "widgets"};

inline kube::Scheme TestScheme() {
  kube::Scheme s;
  s.Add({.gvk = {"", "v1", "ConfigMap"}, .plural = "configmaps", .namespaced = true});
  s.Add({.gvk = {"example.com", "v1", "Widget"},
         .plural = "widgets",
         .namespaced = true,
         .subresources = {"status", "scale"}});
  s.Add({.gvk = {"", "v1", "Namespace"},
         .plural = "namespaces",
         .namespaced = false,
         .subresources = {"status"}});
  return s;
}

inline ConfigMap MakeConfigMap(std::string name, std::map<std::string, std::string> labels = {}) {
  ConfigMap cm;
  cm.metadata.name = std::move(name);
  cm.metadata.labels = std::move(labels);
  cm.data["key"] = "value";
  return cm;
}

// Threads of this process right now (Linux), for leak checks.
inline int ThreadCount() {
  int n = 0;
  if (DIR* d = opendir("/proc/self/task")) {
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] != '.') ++n;
    }
    closedir(d);
  }
  return n;
}

}  // namespace kube_test
