#include "schema/structural_schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "model/naming.h"

namespace kube::gen {

std::string UnusedTypeName(const std::string& name, const std::set<std::string>& taken) {
  std::string unused = name;
  for (int n = 2; taken.count(unused); ++n) unused = name + std::to_string(n);
  return unused;
}

namespace {

using OrderedJson = nlohmann::ordered_json;
using model::Type;

// Keywords read leniently where a wrong type cannot change the meaning (descriptions, boolean
// extensions), strictly elsewhere; nlohmann's value() would throw instead.
std::string Text(const OrderedJson& node, const char* key) {
  auto it = node.find(key);
  return it != node.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool Flag(const OrderedJson& node, const char* key) {
  auto it = node.find(key);
  return it != node.end() && it->is_boolean() && it->get<bool>();
}

bool HasProperties(const OrderedJson& node) {
  auto p = node.find("properties");
  return p != node.end() && p->is_object() && !p->empty();
}

// The C++ member a property becomes before collisions are resolved ("unknown_fields" is the
// member every struct has for the properties its schema does not name).
std::string BaseMemberName(const std::string& key) {
  std::string name = MemberName(key);
  if (name == "unknown_fields") name += "_";
  return name;
}

// The C++ member of each property. Properties that become the same member ("ID" and "id",
// "podIP" and "pod_ip": third-party CRDs have them, and their users cannot rename them) are
// kept apart by a suffix: the property spelled as the member keeps it, the others take _2, _3,
// ... in the order of their JSON names, so the result does not depend on the properties' order.
// `taken` holds the members already there (apiVersion, kind, metadata).
std::map<std::string, std::string> MemberNames(const std::vector<std::string>& keys,
                                               const std::set<std::string>& taken) {
  std::map<std::string, std::vector<std::string>> by_member;
  for (const auto& key : keys) by_member[BaseMemberName(key)].push_back(key);
  std::set<std::string> used = taken;
  for (const auto& [base, group] : by_member) used.insert(base);
  std::map<std::string, std::string> out;
  for (auto& [member, group] : by_member) {
    const std::string& base = member;  // clang before 16 cannot capture a structured binding
    std::sort(group.begin(), group.end(), [&](const std::string& a, const std::string& b) {
      bool a_exact = a == base, b_exact = b == base;
      return a_exact != b_exact ? a_exact : a < b;
    });
    for (size_t i = 0; i < group.size(); ++i) {
      std::string name = base;
      if (i > 0 || taken.count(base)) {
        int n = 1;
        do {
          name = base + "_" + std::to_string(++n);
        } while (used.count(name));
        used.insert(name);
      }
      out[group[i]] = name;
    }
  }
  return out;
}

}  // namespace

const std::map<std::string, Type::Kind, std::less<>>& RuntimeTypes() {
  static const auto* kTypes = new std::map<std::string, Type::Kind, std::less<>>{
      {"ObjectMeta", Type::Kind::kObjectMeta},
      {"ListMeta", Type::Kind::kListMeta},
      {"Time", Type::Kind::kTime},
      {"MicroTime", Type::Kind::kMicroTime},
      {"Condition", Type::Kind::kCondition},
      {"LabelSelector", Type::Kind::kLabelSelector},
      {"LabelSelectorRequirement", Type::Kind::kLabelSelectorRequirement},
      {"Quantity", Type::Kind::kQuantity},
      {"IntOrString", Type::Kind::kIntOrString},
      {"RawExtension", Type::Kind::kRawJSON},
      {"Duration", Type::Kind::kDuration},
      {"ObjectReference", Type::Kind::kObjectReference},
      {"OwnerReference", Type::Kind::kOwnerReference},
      {"ManagedFieldsEntry", Type::Kind::kManagedFieldsEntry},
      {"FieldsV1", Type::Kind::kRawJSON}};
  return *kTypes;
}

std::vector<model::Field> ObjectLeadingFields() {
  model::Field api_version{"apiVersion", "api_version", {Type::Kind::kString}};
  api_version.description = "APIVersion";
  model::Field kind{"kind", "kind", {Type::Kind::kString}};
  kind.description = "Kind";
  model::Field metadata{"metadata", "metadata", {Type::Kind::kObjectMeta}};
  metadata.description = "Standard object metadata";
  return {api_version, kind, metadata};
}

std::vector<std::string> EnumStrings(const OrderedJson& values) {
  std::vector<std::string> out;
  if (!values.is_array()) return out;
  for (const auto& v : values) {
    if (v.is_string()) {
      out.push_back(v.get<std::string>());
    } else if (v.is_boolean() || v.is_number()) {
      out.push_back(v.dump());
    }
  }
  return out;
}

Result<Type> SchemaConverter::Convert(const OrderedJson& node, const std::string& pointer,
                                      const std::string& name) {
  if (!node.is_object()) return Fail(doc_.ErrorAt(pointer, "expected a schema object"));
  if (auto ref = node.find("$ref"); ref != node.end()) return Ref(*ref, pointer + "/$ref");
  if (Flag(node, "x-kubernetes-int-or-string")) return Type{Type::Kind::kIntOrString};
  std::string type;
  if (auto t = node.find("type"); t != node.end()) {
    if (!t->is_string())
      return Fail(doc_.ErrorAt(pointer + "/type", "expected \"type\" to be a string"));
    type = t->get<std::string>();
  } else if (node.contains("properties") || node.contains("additionalProperties")) {
    type = "object";
  } else if (node.contains("allOf") || node.contains("oneOf") || node.contains("anyOf")) {
    return Combined(node, pointer, name);
  } else if (Flag(node, "x-kubernetes-preserve-unknown-fields") ||
             Flag(node, "x-kubernetes-embedded-resource")) {
    return Type{Type::Kind::kRawJSON};
  } else {
    return Fail(doc_.ErrorAt(pointer, "expected \"type\", \"$ref\" or x-kubernetes-int-or-string"));
  }
  if (type == "string") return String(node, pointer);
  if (type == "integer") {
    auto format = Format(node, pointer);
    if (!format) return Fail(format.error());
    return Type{*format == "int32" ? Type::Kind::kInt32 : Type::Kind::kInt64};
  }
  if (type == "number") return Type{Type::Kind::kDouble};
  if (type == "boolean") return Type{Type::Kind::kBool};
  if (type == "array") {
    auto items = node.find("items");
    if (items == node.end()) return Fail(doc_.ErrorAt(pointer, "expected \"items\" for an array"));
    auto elem = Convert(*items, pointer + "/items", name + "Item");
    if (!elem) return elem;
    Type t{Type::Kind::kArray};
    t.elem = std::make_shared<Type>(std::move(*elem));
    return t;
  }
  if (type == "object") return Object(node, pointer, name);
  return Fail(doc_.ErrorAt(pointer + "/type",
                           fmt::format("unknown type \"{}\": expected one of object, array, "
                                       "string, integer, number, boolean",
                                       type)));
}

// allOf/oneOf/anyOf without a type of their own. OpenAPI v3 wraps a $ref as `allOf: [{$ref}]`
// (to give it a default); several allOf objects are one object with all their properties; a
// oneOf/anyOf of several shapes cannot be one C++ type, so it is kept verbatim.
Result<Type> SchemaConverter::Combined(const OrderedJson& node, const std::string& pointer,
                                       const std::string& name) {
  auto all = node.find("allOf");
  if (all != node.end() && all->is_array() && !all->empty()) {
    if (all->size() == 1) return Convert((*all)[0], pointer + "/allOf/0", name);
    OrderedJson merged = {{"type", "object"}, {"properties", OrderedJson::object()}};
    if (node.contains("description")) merged["description"] = node["description"];
    for (size_t i = 0; i < all->size(); ++i) {
      const OrderedJson& part = (*all)[i];
      if (!part.is_object() || !HasProperties(part)) {
        return Type{Type::Kind::kRawJSON};
      }
      for (auto it = part["properties"].begin(); it != part["properties"].end(); ++it) {
        merged["properties"][it.key()] = it.value();
      }
    }
    return Object(merged, pointer, name);
  }
  for (const char* key : {"oneOf", "anyOf"}) {
    auto alts = node.find(key);
    if (alts != node.end() && alts->is_array() && alts->size() == 1) {
      return Convert((*alts)[0], pointer + "/" + key + "/0", name);
    }
  }
  return Type{Type::Kind::kRawJSON};
}

Result<void> SchemaConverter::Struct(const OrderedJson& node, const std::string& pointer,
                                     const std::string& name, std::vector<model::Field> leading,
                                     const std::set<std::string>& skip, const std::string& kind) {
  if (!names_.insert(name).second) {
    return Fail(doc_.ErrorAt(pointer, fmt::format("type name \"{}\" is defined twice", name)));
  }
  model::Struct st;
  st.name = name;
  st.kind = kind;
  st.description = Text(node, "description");
  st.source = doc_.file();
  st.fields = std::move(leading);
  std::set<std::string> required;
  if (auto r = node.find("required"); r != node.end()) {
    if (!r->is_array())
      return Fail(doc_.ErrorAt(pointer + "/required", "expected an array of property names"));
    for (size_t i = 0; i < r->size(); ++i) {
      const OrderedJson& n = (*r)[i];
      std::string at = pointer + "/required/" + std::to_string(i);
      if (!n.is_string()) return Fail(doc_.ErrorAt(at, "expected a property name (string)"));
      if (!node.contains("properties") || !node["properties"].contains(n.get<std::string>())) {
        return Fail(
            doc_.ErrorAt(at, fmt::format("required property \"{}\" is not among the properties",
                                         n.get<std::string>())));
      }
      required.insert(n.get<std::string>());
    }
  }
  if (auto props = node.find("properties"); props != node.end()) {
    if (!props->is_object())
      return Fail(doc_.ErrorAt(pointer + "/properties", "expected an object"));
    std::vector<std::string> keys;
    for (auto it = props->begin(); it != props->end(); ++it) {
      if (!skip.count(it.key())) keys.push_back(it.key());
    }
    std::set<std::string> taken;
    for (const auto& f : st.fields) taken.insert(f.cpp_name);
    std::map<std::string, std::string> cpp_names = MemberNames(keys, taken);
    for (const auto& key : keys) {
      std::string at = pointer + "/properties/" + PointerToken(key);
      const std::string& cpp_name = cpp_names[key];
      // A renamed member's nested type takes the same suffix ("SpecId2"), so it cannot clash
      // with the type of the property it was kept apart from.
      std::string suffix = cpp_name.substr(std::min(cpp_name.size(), BaseMemberName(key).size()));
      std::erase(suffix, '_');
      auto f = Property((*props)[key], at, key, name, required.count(key) != 0, suffix);
      if (!f) return Fail(f.error());
      f->cpp_name = cpp_name;
      st.fields.push_back(std::move(*f));
    }
  }
  version_.structs.push_back(std::move(st));
  return {};
}

Result<model::Field> SchemaConverter::Property(const OrderedJson& prop, const std::string& pointer,
                                               const std::string& key,
                                               const std::string& struct_name, bool required,
                                               const std::string& type_suffix) {
  model::Field f;
  f.json_name = key;
  auto type = Convert(prop, pointer, struct_name + TypeName(key) + type_suffix);
  if (!type) return Fail(type.error());
  f.type = std::move(*type);
  f.required = required;
  f.presence = model::PresenceOf(key, f.type, required);
  f.description = Text(prop, "description");
  if (f.type.kind == Type::Kind::kString) {
    if (auto e = prop.find("enum"); e != prop.end()) f.enum_values = EnumStrings(*e);
  }
  f.list_type = Text(prop, "x-kubernetes-list-type");
  if (auto keys = prop.find("x-kubernetes-list-map-keys"); keys != prop.end()) {
    f.list_map_keys = EnumStrings(*keys);
  }
  f.patch_strategy = Text(prop, "x-kubernetes-patch-strategy");
  f.patch_merge_key = Text(prop, "x-kubernetes-patch-merge-key");
  return f;
}

Result<std::string> SchemaConverter::Format(const OrderedJson& node, const std::string& pointer) {
  auto it = node.find("format");
  if (it == node.end()) return std::string();
  if (!it->is_string())
    return Fail(doc_.ErrorAt(pointer + "/format", "expected \"format\" to be a string"));
  return it->get<std::string>();
}

Result<Type> SchemaConverter::String(const OrderedJson& node, const std::string& pointer) {
  auto fmt_or = Format(node, pointer);
  if (!fmt_or) return Fail(fmt_or.error());
  const std::string& format = *fmt_or;
  if (format == "date-time") return Type{Type::Kind::kTime};
  if (format == "byte") return Type{Type::Kind::kBytes};
  if (format == "int-or-string") return Type{Type::Kind::kIntOrString};
  if (auto e = node.find("enum"); e != node.end() && !e->is_array()) {
    return Fail(doc_.ErrorAt(pointer + "/enum", "expected an array of values"));
  }
  return Type{Type::Kind::kString};
}

Result<Type> SchemaConverter::Object(const OrderedJson& node, const std::string& pointer,
                                     const std::string& name) {
  bool has_props = HasProperties(node);
  auto ap = node.find("additionalProperties");
  if (!has_props && ap != node.end() && ap->is_object() && !ap->empty()) {
    auto elem = Convert(*ap, pointer + "/additionalProperties", name + "Value");
    if (!elem) return elem;
    Type t{Type::Kind::kMap};
    t.elem = std::make_shared<Type>(std::move(*elem));
    return t;
  }
  if (!has_props) return Type{Type::Kind::kRawJSON};  // free-form object: kept verbatim
  // Two paths can make one name (spec.tls.config and spec.tlsConfig both give SpecTlsConfig):
  // the later one is numbered, in document order, so the output stays deterministic.
  std::string unique = UnusedTypeName(name, names_);
  if (auto ok = Struct(node, pointer, unique, {}, {}); !ok) return Fail(ok.error());
  Type t{Type::Kind::kStruct};
  t.struct_name = unique;
  if (merge_shapes_) {
    // Struct() added this struct last, after the structs it holds, which were merged already:
    // equal shapes below make equal keys here.
    model::Struct& added = version_.structs.back();
    auto [first, is_first] = version_.inline_shapes.try_emplace(model::ShapeKey(added), unique);
    if (!is_first) {
      added.alias_of = first->second;
      added.fields.clear();
      t.struct_name = first->second;
    }
  }
  return t;
}

Result<Type> SchemaConverter::Ref(const OrderedJson& ref, const std::string& pointer) {
  if (!ref.is_string()) return Fail(doc_.ErrorAt(pointer, "expected \"$ref\" to be a string"));
  std::string target = ref.get<std::string>();
  if (resolve_) return resolve_(*this, target, pointer);
  return LocalRef(target, pointer);
}

Result<Type> SchemaConverter::LocalRef(const std::string& target, const std::string& pointer) {
  constexpr std::string_view kPrefix = "#/definitions/";
  if (!target.starts_with(kPrefix)) {
    return Fail(doc_.ErrorAt(pointer, fmt::format("unsupported $ref \"{}\": expected "
                                                  "\"#/definitions/<Name>\"",
                                                  target)));
  }
  std::string def = target.substr(kPrefix.size());
  static const OrderedJson kNone = OrderedJson::object();
  auto d = doc_.value().find("definitions");
  const OrderedJson& defs = d != doc_.value().end() && d->is_object() ? *d : kNone;
  if (!defs.contains(def)) {
    if (auto rt = RuntimeTypes().find(def); rt != RuntimeTypes().end()) return Type{rt->second};
    return Fail(doc_.ErrorAt(
        pointer, fmt::format("$ref to \"{}\", which \"definitions\" does not define", def)));
  }
  std::string type_name = TypeName(def);
  if (!converting_.count(def) && !converted_.count(def)) {
    converting_.insert(def);
    std::string def_pointer = "/definitions/" + PointerToken(def);
    auto t = Convert(defs[def], def_pointer, type_name);
    converting_.erase(def);
    if (!t) return t;
    converted_[def] = *t;
  }
  if (auto it = converted_.find(def); it != converted_.end()) return it->second;
  // A definition that contains itself: only through a list, a map or an optional member can
  // that be finite.
  Type t{Type::Kind::kStruct};
  t.struct_name = type_name;
  return t;
}

}  // namespace kube::gen
