#include "model/openapi_definitions.h"

namespace kube::gen {
namespace {

using model::Type;
using nlohmann::json;

constexpr std::string_view kMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.";

json Ref(std::string_view name) { return {{"$ref", "#/definitions/" + std::string(name)}}; }

// Where runtime types are defined (the names kube-apiserver gives them).
std::string RuntimeDefinition(Type::Kind kind) {
  switch (kind) {
    case Type::Kind::kTime:
      return std::string(kMeta) + "Time";
    case Type::Kind::kMicroTime:
      return std::string(kMeta) + "MicroTime";
    case Type::Kind::kIntOrString:
      return "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    case Type::Kind::kQuantity:
      return "io.k8s.apimachinery.pkg.api.resource.Quantity";
    case Type::Kind::kObjectMeta:
      return std::string(kMeta) + "ObjectMeta";
    case Type::Kind::kListMeta:
      return std::string(kMeta) + "ListMeta";
    case Type::Kind::kCondition:
      return std::string(kMeta) + "Condition";
    case Type::Kind::kLabelSelector:
      return std::string(kMeta) + "LabelSelector";
    case Type::Kind::kLabelSelectorRequirement:
      return std::string(kMeta) + "LabelSelectorRequirement";
    case Type::Kind::kObjectReference:
      return "io.k8s.api.core.v1.ObjectReference";
    case Type::Kind::kOwnerReference:
      return std::string(kMeta) + "OwnerReference";
    case Type::Kind::kManagedFieldsEntry:
      return std::string(kMeta) + "ManagedFieldsEntry";
    default:
      return {};
  }
}

json Schema(const Type& t, const std::string& group, const std::string& version) {
  switch (t.kind) {
    case Type::Kind::kString:
      return {{"type", "string"}};
    case Type::Kind::kBool:
      return {{"type", "boolean"}};
    case Type::Kind::kInt32:
      return {{"type", "integer"}, {"format", "int32"}};
    case Type::Kind::kInt64:
      return {{"type", "integer"}, {"format", "int64"}};
    case Type::Kind::kDouble:
      return {{"type", "number"}, {"format", "double"}};
    case Type::Kind::kBytes:
      return {{"type", "string"}, {"format", "byte"}};
    case Type::Kind::kDuration:
      return {{"type", "string"}};
    case Type::Kind::kRawJSON:
      // Any JSON: kubectl's validation takes an object without properties as "anything".
      return {{"type", "object"}, {"x-kubernetes-preserve-unknown-fields", true}};
    case Type::Kind::kStruct:
      return Ref(DefinitionName(t.struct_group ? *t.struct_group : group,
                                t.struct_group ? t.struct_version : version, t.struct_name));
    case Type::Kind::kArray:
      return {{"type", "array"}, {"items", Schema(*t.elem, group, version)}};
    case Type::Kind::kMap:
      return {{"type", "object"}, {"additionalProperties", Schema(*t.elem, group, version)}};
    default:
      return Ref(RuntimeDefinition(t.kind));
  }
}

json EnumValues(const model::Field& f) {
  json out = json::array();
  for (const auto& v : f.enum_values) {
    if (f.type.kind == Type::Kind::kString) {
      out.push_back(v);
    } else {
      json parsed = json::parse(v, nullptr, false);
      out.push_back(parsed.is_discarded() ? json(v) : parsed);
    }
  }
  return out;
}

json Property(const model::Field& f, const std::string& group, const std::string& version) {
  json p = Schema(f.type, group, version);
  if (!f.description.empty()) p["description"] = f.description;
  if (!f.enum_values.empty()) p["enum"] = EnumValues(f);
  if (!f.patch_strategy.empty()) p["x-kubernetes-patch-strategy"] = f.patch_strategy;
  if (!f.patch_merge_key.empty()) p["x-kubernetes-patch-merge-key"] = f.patch_merge_key;
  if (!f.list_type.empty()) p["x-kubernetes-list-type"] = f.list_type;
  if (!f.list_map_keys.empty()) p["x-kubernetes-list-map-keys"] = f.list_map_keys;
  return p;
}

}  // namespace

std::string DefinitionName(const std::string& group, const std::string& version,
                           const std::string& name) {
  std::string prefix;
  if (group.empty()) {
    prefix = "io.k8s.api.core";
  } else if (group.find('.') == std::string::npos || group.ends_with(".k8s.io")) {
    prefix = "io.k8s.api." + group.substr(0, group.find('.'));
  } else {
    size_t end = group.size();
    while (true) {
      // end is 0 once a leading dot was used: no label is left to its left.
      size_t dot = end == 0 ? std::string::npos : group.rfind('.', end - 1);
      size_t start = dot == std::string::npos ? 0 : dot + 1;
      if (!prefix.empty()) prefix += '.';
      prefix += group.substr(start, end - start);
      if (dot == std::string::npos) break;
      end = dot;
    }
  }
  return prefix + "." + version + "." + name;
}

OpenAPIDefinitions BuildOpenAPIDefinitions(const model::Model& m) {
  OpenAPIDefinitions out;
  for (const auto& [gname, g] : m.groups) {
    for (const auto& [vname, v] : g.versions) {
      for (const auto& s : v.structs) {
        if (s.IsAlias()) continue;  // its holders refer to the struct it names
        json def = {{"type", "object"}};
        if (!s.description.empty()) def["description"] = s.description;
        json props = json::object();
        json required = json::array();
        for (const auto& f : s.fields) {
          props[f.json_name] = Property(f, g.name, v.name);
          if (f.required) required.push_back(f.json_name);
        }
        def["properties"] = std::move(props);
        if (!required.empty()) def["required"] = std::move(required);
        out.definitions[DefinitionName(g.name, v.name, s.name)] = std::move(def);
      }
      for (const auto& k : v.kinds) {
        std::string name = DefinitionName(g.name, v.name, k.name);
        out.kinds[{g.name, v.name, k.name}] = name;
        json& def = out.definitions[name];
        if (def.is_null()) def = {{"type", "object"}, {"properties", json::object()}};
        def["x-kubernetes-group-version-kind"] = {
            {{"group", g.name}, {"kind", k.ApiName()}, {"version", v.name}}};
      }
    }
  }
  return out;
}

}  // namespace kube::gen
