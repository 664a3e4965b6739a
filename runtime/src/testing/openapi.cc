#include "kube/testing/openapi.h"

#include <fmt/format.h>

#include <functional>
#include <set>

#include "testing/openapi_meta.h"

namespace kube::testing {
namespace {

using nlohmann::json;

constexpr std::string_view kV2Ref = "#/definitions/";
constexpr std::string_view kV3Ref = "#/components/schemas/";

json GvkExtension(const GroupVersionKind& gvk) {
  return {{"group", gvk.group}, {"kind", gvk.kind}, {"version", gvk.version}};
}

bool DescribesKind(const json& def, const GroupVersionKind& gvk) {
  auto ext = def.find("x-kubernetes-group-version-kind");
  if (ext == def.end() || !ext->is_array()) return false;
  for (const auto& e : *ext) {
    if (e.value("group", "") == gvk.group && e.value("version", "") == gvk.version &&
        e.value("kind", "") == gvk.kind) {
      return true;
    }
  }
  return false;
}

// "api/v1" or "apis/apps/v1": where the group version's paths start, without the slash.
std::string GroupVersionPath(const GroupVersion& gv) {
  return gv.group.empty() ? "api/" + gv.version : "apis/" + gv.group + "/" + gv.version;
}

json PathParam(const char* name, const char* description) {
  return {{"name", name},     {"in", "path"},        {"required", true},
          {"type", "string"}, {"uniqueItems", true}, {"description", description}};
}

// Every name a schema refers to, transitively.
void CollectRefs(const json& s, const json& defs, std::set<std::string>& out) {
  if (s.is_object()) {
    if (auto r = s.find("$ref"); r != s.end() && r->is_string()) {
      std::string ref = r->get<std::string>();
      if (ref.starts_with(kV2Ref)) {
        std::string name = ref.substr(kV2Ref.size());
        if (out.insert(name).second) {
          if (auto d = defs.find(name); d != defs.end()) CollectRefs(*d, defs, out);
        }
      }
    }
    for (const auto& [k, v] : s.items()) CollectRefs(v, defs, out);
  } else if (s.is_array()) {
    for (const auto& v : s) CollectRefs(v, defs, out);
  }
}

// A v2 schema as OpenAPI 3 spells it: references under components, and a reference with
// siblings (a description) wrapped in allOf, as kube-apiserver publishes it.
json ToV3Schema(const json& s) {
  if (s.is_array()) {
    json out = json::array();
    for (const auto& v : s) out.push_back(ToV3Schema(v));
    return out;
  }
  if (!s.is_object()) return s;
  json out = json::object();
  for (const auto& [k, v] : s.items()) {
    if (k == "$ref" && v.is_string() && v.get<std::string>().starts_with(kV2Ref)) {
      out[k] = std::string(kV3Ref) + v.get<std::string>().substr(kV2Ref.size());
    } else if (k == "properties" || k == "patternProperties") {
      json props = json::object();
      for (const auto& [name, p] : v.items()) props[name] = ToV3Schema(p);
      out[k] = std::move(props);
    } else if (k == "enum" || k == "required" || k.starts_with("x-")) {
      out[k] = v;
    } else {
      out[k] = ToV3Schema(v);
    }
  }
  if (out.contains("$ref") && out.size() > 1) {
    json ref = {{"$ref", out["$ref"]}};
    out.erase("$ref");
    out["allOf"] = json::array({ref});
  }
  return out;
}

struct Operation {
  const char* method;  // "get", "post", ...
  const char* action;  // x-kubernetes-action
  const char* verb;    // the discovery verb that allows it
  const char* id;      // operationId stem
};

// The paths of one kind, as Swagger 2.0 operations.
void AddPaths(const KindInfo& k, const std::string& def_name, json& paths) {
  std::string base = "/" + GroupVersionPath(k.gvk.ToGroupVersion());
  std::string coll =
      k.namespaced ? base + "/namespaces/{namespace}/" + k.plural : base + "/" + k.plural;
  json ref = {{"$ref", std::string(kV2Ref) + def_name}};
  auto op = [&](const Operation& o, const std::string& suffix, const json& schema) {
    json out = {{"operationId", fmt::format("{}{}{}", o.id, k.gvk.kind, suffix)},
                {"consumes", {"*/*"}},
                {"produces", {"application/json", "application/yaml"}},
                {"schemes", {"https"}},
                {"tags", {GroupVersionPath(k.gvk.ToGroupVersion())}},
                {"responses", {{"200", {{"description", "OK"}, {"schema", schema}}}}},
                {"x-kubernetes-action", o.action},
                {"x-kubernetes-group-version-kind", GvkExtension(k.gvk)}};
    if (std::string_view(o.method) == "patch") {
      out["consumes"] = {"application/json-patch+json", "application/merge-patch+json",
                         "application/strategic-merge-patch+json", "application/apply-patch+yaml"};
    }
    return out;
  };
  auto params = [&](bool named) {
    json p = json::array();
    if (named) p.push_back(PathParam("name", "name of the object"));
    if (k.namespaced)
      p.push_back(
          PathParam("namespace", "object name and auth scope, such as for teams and projects"));
    p.push_back({{"name", "pretty"},
                 {"in", "query"},
                 {"type", "string"},
                 {"uniqueItems", true},
                 {"description", "If 'true', then the output is pretty printed."}});
    return p;
  };
  json list_schema = {{"type", "object"}};
  json collection = {{"parameters", params(false)}};
  if (k.HasVerb("list")) collection["get"] = op({"get", "list", "list", "list"}, "", list_schema);
  if (k.HasVerb("create")) collection["post"] = op({"post", "post", "create", "create"}, "", ref);
  if (k.HasVerb("deletecollection")) {
    collection["delete"] =
        op({"delete", "deletecollection", "deletecollection", "deleteCollection"}, "", list_schema);
  }
  if (collection.size() > 1) paths[coll] = std::move(collection);
  json item = {{"parameters", params(true)}};
  if (k.HasVerb("get")) item["get"] = op({"get", "get", "get", "read"}, "", ref);
  if (k.HasVerb("update")) item["put"] = op({"put", "put", "update", "replace"}, "", ref);
  if (k.HasVerb("patch")) item["patch"] = op({"patch", "patch", "patch", "patch"}, "", ref);
  if (k.HasVerb("delete")) item["delete"] = op({"delete", "delete", "delete", "delete"}, "", ref);
  if (item.size() > 1) paths[coll + "/{name}"] = std::move(item);
  for (const auto& sub : k.subresources) {
    json schema = ref;
    std::string suffix = sub == "status" ? "Status" : sub == "scale" ? "Scale" : sub;
    if (sub == "scale") schema = {{"type", "object"}};
    json s = {{"parameters", params(true)}};
    s["get"] = op({"get", "get", "get", "read"}, suffix, schema);
    s["put"] = op({"put", "put", "update", "replace"}, suffix, schema);
    s["patch"] = op({"patch", "patch", "patch", "patch"}, suffix, schema);
    if (sub == "scale") {
      // Scale is autoscaling/v1's, whatever the kind.
      for (const char* m : {"get", "put", "patch"}) {
        s[m]["x-kubernetes-group-version-kind"] = GvkExtension({"autoscaling", "v1", "Scale"});
      }
    }
    paths[coll + "/{name}/" + sub] = std::move(s);
  }
}

json ToV3Paths(const json& v2_paths) {
  json out = json::object();
  for (const auto& [path, item] : v2_paths.items()) {
    json p = json::object();
    for (const auto& [key, v] : item.items()) {
      if (key == "parameters") {
        json params = json::array();
        for (const auto& param : v) {
          json q = {{"name", param["name"]},
                    {"in", param["in"]},
                    {"schema", {{"type", "string"}, {"uniqueItems", true}}}};
          if (param.contains("description")) q["description"] = param["description"];
          if (param.value("required", false)) q["required"] = true;
          params.push_back(std::move(q));
        }
        p["parameters"] = std::move(params);
        continue;
      }
      json op = v;
      json schema = ToV3Schema(op["responses"]["200"]["schema"]);
      op["responses"] = {
          {"200",
           {{"description", "OK"}, {"content", {{"application/json", {{"schema", schema}}}}}}}};
      for (const char* k : {"consumes", "produces", "schemes"}) op.erase(k);
      p[key] = std::move(op);
    }
    out[path] = std::move(p);
  }
  return out;
}

std::string Hash(const std::string& text) {
  return fmt::format("{:016X}", std::hash<std::string>{}(text));
}

}  // namespace

OpenAPISpec::OpenAPISpec(const Scheme& scheme) {
  json defs = MetaDefinitions();
  for (const auto& text : scheme.OpenAPIDefinitions()) {
    json more = json::parse(text, nullptr, false);
    if (!more.is_object()) continue;  // registered by generated code: malformed means a bug there
    for (auto& [name, d] : more.items()) defs[name] = std::move(d);
  }
  json paths = json::object();
  std::map<GroupVersion, std::vector<std::pair<const KindInfo*, std::string>>> by_gv;
  for (const KindInfo* k : scheme.Kinds()) {
    std::string def_name;
    for (const auto& [name, d] : defs.items()) {
      if (DescribesKind(d, k->gvk)) {
        def_name = name;
        break;
      }
    }
    if (def_name.empty()) {
      // No schema: any member is accepted (an object without properties is a free-form map).
      def_name =
          fmt::format("io.k8s.testserver.{}.{}.{}", k->gvk.group.empty() ? "core" : k->gvk.group,
                      k->gvk.version, k->gvk.kind);
      defs[def_name] = {{"type", "object"},
                        {"description", k->gvk.kind + " (no schema was registered for this kind)"},
                        {"x-kubernetes-preserve-unknown-fields", true},
                        {"x-kubernetes-group-version-kind", {GvkExtension(k->gvk)}}};
    }
    AddPaths(*k, def_name, paths);
    by_gv[k->gvk.ToGroupVersion()].emplace_back(k, def_name);
  }
  v2_ = {{"swagger", "2.0"},
         {"info", {{"title", "Kubernetes"}, {"version", "v1.30.0+kube-clientgen-testserver"}}},
         {"paths", paths},
         {"definitions", defs}};
  v2_protobuf_ = EncodeOpenAPIV2Protobuf(v2_);
  v3_index_ = {{"paths", json::object()}};
  for (const auto& [gv, kinds] : by_gv) {
    std::string gv_path = GroupVersionPath(gv);
    json gv_paths = json::object();
    std::set<std::string> used;
    for (const auto& [k, def_name] : kinds) {
      AddPaths(*k, def_name, gv_paths);
      used.insert(def_name);
      CollectRefs(defs[def_name], defs, used);
    }
    json schemas = json::object();
    for (const auto& name : used) {
      if (auto d = defs.find(name); d != defs.end()) schemas[name] = ToV3Schema(*d);
    }
    json doc = {
        {"openapi", "3.0.0"},
        {"info", {{"title", "Kubernetes"}, {"version", "v1.30.0+kube-clientgen-testserver"}}},
        {"paths", ToV3Paths(gv_paths)},
        {"components", {{"schemas", std::move(schemas)}}}};
    v3_index_["paths"][gv_path] = {
        {"serverRelativeURL", fmt::format("/openapi/v3/{}?hash={}", gv_path, Hash(doc.dump()))}};
    v3_[gv_path] = std::move(doc);
  }
}

const json* OpenAPISpec::V3(std::string_view path) const {
  auto it = v3_.find(path);
  return it == v3_.end() ? nullptr : &it->second;
}

}  // namespace kube::testing
