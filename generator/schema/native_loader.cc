#include "schema/native_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "kube/scheme.h"
#include "model/naming.h"

namespace kube::gen {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;
using model::Type;

constexpr std::string_view kTopLevelKeys[] = {
    "group", "version",    "kind",    "plural", "scope",       "subresources",
    "verbs", "shortNames", "package", "schema", "definitions", "description"};

std::string Join(const auto& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + std::string(i);
  return out;
}

// Schema keywords read leniently where a wrong type cannot change the meaning (descriptions,
// boolean extensions), strictly elsewhere; nlohmann's value() would throw instead.
std::string Text(const json& node, const char* key) {
  auto it = node.find(key);
  return it != node.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool Flag(const json& node, const char* key) {
  auto it = node.find(key);
  return it != node.end() && it->is_boolean() && it->get<bool>();
}

bool ValidVersion(std::string_view v) {
  // v1, v1beta1, v2alpha3
  if (v.size() < 2 || v[0] != 'v' || !std::isdigit(static_cast<unsigned char>(v[1]))) return false;
  return std::all_of(v.begin(), v.end(), [](char c) { return std::islower(c) || std::isdigit(c); });
}

bool ValidKind(std::string_view k) {
  return !k.empty() && std::isupper(static_cast<unsigned char>(k[0])) &&
         std::all_of(k.begin(), k.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

// Converts one file's OpenAPI v3 structural schema into structs of a version.
class SchemaConverter {
 public:
  SchemaConverter(const LocatedJson& doc, model::Version& version, std::set<std::string>& names)
      : doc_(doc), version_(version), names_(names) {}

  Result<Type> Convert(const json& node, const std::string& pointer, const std::string& name) {
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
    } else if (Flag(node, "x-kubernetes-preserve-unknown-fields")) {
      return Type{Type::Kind::kRawJSON};
    } else {
      return Fail(
          doc_.ErrorAt(pointer, "expected \"type\", \"$ref\" or x-kubernetes-int-or-string"));
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
      if (items == node.end())
        return Fail(doc_.ErrorAt(pointer, "expected \"items\" for an array"));
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

  // Builds the struct `name` from an object schema's properties; `skip` names properties the
  // caller provides itself (apiVersion, kind, metadata of a kind).
  Result<void> Struct(const json& node, const std::string& pointer, const std::string& name,
                      std::vector<model::Field> leading, const std::set<std::string>& skip) {
    if (!names_.insert(name).second) {
      return Fail(doc_.ErrorAt(pointer, fmt::format("type name \"{}\" is defined twice", name)));
    }
    model::Struct st;
    st.name = name;
    st.description = Text(node, "description");
    st.source = doc_.Where(pointer);
    st.fields = std::move(leading);
    std::set<std::string> required;
    if (auto r = node.find("required"); r != node.end()) {
      if (!r->is_array())
        return Fail(doc_.ErrorAt(pointer + "/required", "expected an array of property names"));
      for (size_t i = 0; i < r->size(); ++i) {
        const json& n = (*r)[i];
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
    std::map<std::string, std::string> cpp_names;  // C++ name -> JSON name
    for (const auto& f : st.fields) cpp_names[f.cpp_name] = f.json_name;
    if (auto props = node.find("properties"); props != node.end()) {
      if (!props->is_object())
        return Fail(doc_.ErrorAt(pointer + "/properties", "expected an object"));
      for (auto it = props->begin(); it != props->end(); ++it) {
        if (skip.count(it.key())) continue;
        std::string at = pointer + "/properties/" + PointerToken(it.key());
        model::Field f;
        f.json_name = it.key();
        f.cpp_name = MemberName(it.key());
        if (f.cpp_name == "unknown_fields") f.cpp_name += "_";
        if (auto [prev, inserted] = cpp_names.emplace(f.cpp_name, f.json_name); !inserted) {
          return Fail(
              doc_.ErrorAt(at, fmt::format("properties \"{}\" and \"{}\" both become the C++ "
                                           "member \"{}\"; rename one",
                                           prev->second, f.json_name, f.cpp_name)));
        }
        auto type = Convert(*it, at, name + TypeName(it.key()));
        if (!type) return Fail(type.error());
        f.type = std::move(*type);
        f.required = required.count(it.key()) != 0;
        f.optional = !f.required && f.type.IsOptionalScalar();
        f.description = Text(*it, "description");
        if (auto e = it->find("enum"); e != it->end() && e->is_array()) {
          for (const auto& v : *e) {
            if (v.is_string()) f.enum_values.push_back(v.get<std::string>());
          }
        }
        st.fields.push_back(std::move(f));
      }
    }
    version_.structs.push_back(std::move(st));
    return {};
  }

 private:
  Result<std::string> Format(const json& node, const std::string& pointer) {
    auto it = node.find("format");
    if (it == node.end()) return std::string();
    if (!it->is_string())
      return Fail(doc_.ErrorAt(pointer + "/format", "expected \"format\" to be a string"));
    return it->get<std::string>();
  }

  Result<Type> String(const json& node, const std::string& pointer) {
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

  Result<Type> Object(const json& node, const std::string& pointer, const std::string& name) {
    bool has_props = node.contains("properties") && !node["properties"].empty();
    auto ap = node.find("additionalProperties");
    if (!has_props && ap != node.end() && ap->is_object()) {
      auto elem = Convert(*ap, pointer + "/additionalProperties", name + "Value");
      if (!elem) return elem;
      Type t{Type::Kind::kMap};
      t.elem = std::make_shared<Type>(std::move(*elem));
      return t;
    }
    if (!has_props) return Type{Type::Kind::kRawJSON};  // free-form object: kept verbatim
    if (auto ok = Struct(node, pointer, name, {}, {}); !ok) return Fail(ok.error());
    Type t{Type::Kind::kStruct};
    t.struct_name = name;
    return t;
  }

  Result<Type> Ref(const json& ref, const std::string& pointer) {
    if (!ref.is_string()) return Fail(doc_.ErrorAt(pointer, "expected \"$ref\" to be a string"));
    std::string target = ref.get<std::string>();
    constexpr std::string_view kPrefix = "#/definitions/";
    if (!target.starts_with(kPrefix)) {
      return Fail(doc_.ErrorAt(pointer, fmt::format("unsupported $ref \"{}\": expected "
                                                    "\"#/definitions/<Name>\"",
                                                    target)));
    }
    std::string def = target.substr(kPrefix.size());
    static const std::map<std::string, Type::Kind, std::less<>> kRuntime = {
        {"ObjectMeta", Type::Kind::kObjectMeta},
        {"ListMeta", Type::Kind::kListMeta},
        {"Time", Type::Kind::kTime},
        {"MicroTime", Type::Kind::kMicroTime},
        {"Condition", Type::Kind::kCondition},
        {"LabelSelector", Type::Kind::kLabelSelector},
        {"Quantity", Type::Kind::kQuantity},
        {"IntOrString", Type::Kind::kIntOrString},
        {"RawExtension", Type::Kind::kRawJSON},
        {"Duration", Type::Kind::kDuration},
        {"ObjectReference", Type::Kind::kObjectReference},
        {"OwnerReference", Type::Kind::kOwnerReference}};
    static const json kNone = json::object();
    auto d = doc_.value().find("definitions");
    const json& defs = d != doc_.value().end() && d->is_object() ? *d : kNone;
    if (!defs.contains(def)) {
      if (auto rt = kRuntime.find(def); rt != kRuntime.end()) return Type{rt->second};
      return Fail(
          doc_.ErrorAt(pointer, fmt::format("$ref to \"{}\", which \"definitions\" does not "
                                            "define",
                                            def)));
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
    // A definition that contains itself: only through a list or map can that be finite.
    Type t{Type::Kind::kStruct};
    t.struct_name = type_name;
    return t;
  }

  const LocatedJson& doc_;
  model::Version& version_;
  std::set<std::string>& names_;
  std::set<std::string> converting_;
  std::map<std::string, Type> converted_;
};

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Error::InvalidArgument(fmt::format("{}: cannot read the file", path)));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Result<std::vector<std::string>> FindSchemaFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(p)) {
        if (e.is_regular_file() && e.path().extension() == ".json")
          files.push_back(e.path().string());
      }
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      return Fail(Error::InvalidArgument(fmt::format("{}: no such file or directory", p)));
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

Result<void> NativeLoader::Load(const std::vector<std::string>& paths, model::Model& out) const {
  auto files = FindSchemaFiles(paths);
  if (!files) return Fail(files.error());
  if (files->empty()) {
    return Fail(
        Error::InvalidArgument(fmt::format("no schema files (*.json) found in {}", Join(paths))));
  }
  for (const auto& f : *files) {
    auto text = ReadText(f);
    if (!text) return Fail(text.error());
    auto doc = LocatedJson::Parse(std::move(*text), f);
    if (!doc) return Fail(doc.error());
    if (auto ok = LoadDocument(*doc, out); !ok) return ok;
    out.source_files.insert(f);
  }
  return {};
}

Result<void> NativeLoader::LoadDocument(const LocatedJson& doc, model::Model& out) const {
  const json& root = doc.value();
  if (!root.is_object()) return Fail(doc.ErrorAt("", "expected a JSON object describing one kind"));
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (std::find(std::begin(kTopLevelKeys), std::end(kTopLevelKeys), it.key()) ==
        std::end(kTopLevelKeys)) {
      return Fail(doc.ErrorAt(
          "/" + PointerToken(it.key()),
          fmt::format("unknown key \"{}\": expected one of {}", it.key(), Join(kTopLevelKeys))));
    }
  }
  auto str = [&](const char* key, bool required) -> Result<std::string> {
    auto it = root.find(key);
    if (it == root.end()) {
      if (required) return Fail(doc.ErrorAt("", fmt::format("missing \"{}\" (a string)", key)));
      return std::string();
    }
    if (!it->is_string()) {
      return Fail(
          doc.ErrorAt(std::string("/") + key, fmt::format("expected \"{}\" to be a string", key)));
    }
    return it->get<std::string>();
  };
  auto strings = [&](const char* key) -> Result<std::vector<std::string>> {
    std::vector<std::string> v;
    auto it = root.find(key);
    if (it == root.end()) return v;
    if (!it->is_array()) {
      return Fail(doc.ErrorAt(std::string("/") + key,
                              fmt::format("expected \"{}\" to be an array of strings", key)));
    }
    for (size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string()) {
        return Fail(doc.ErrorAt(fmt::format("/{}/{}", key, i), "expected a string"));
      }
      v.push_back((*it)[i].get<std::string>());
    }
    return v;
  };
  auto group = str("group", true);
  if (!group) return Fail(group.error());
  auto version = str("version", true);
  if (!version) return Fail(version.error());
  if (!ValidVersion(*version)) {
    return Fail(
        doc.ErrorAt("/version", fmt::format("invalid version \"{}\": expected v<N>, v<N>alpha<M> "
                                            "or v<N>beta<M>",
                                            *version)));
  }
  auto kind_name = str("kind", true);
  if (!kind_name) return Fail(kind_name.error());
  if (!ValidKind(*kind_name)) {
    return Fail(doc.ErrorAt(
        "/kind", fmt::format("invalid kind \"{}\": expected a CamelCase name", *kind_name)));
  }
  auto plural = str("plural", false);
  auto scope = str("scope", false);
  auto package = str("package", false);
  if (!plural || !scope || !package)
    return Fail((!plural ? plural : !scope ? scope : package).error());
  if (!scope->empty() && *scope != "Namespaced" && *scope != "Cluster") {
    return Fail(doc.ErrorAt(
        "/scope",
        fmt::format("invalid scope \"{}\": expected \"Namespaced\" or \"Cluster\"", *scope)));
  }
  auto subresources = strings("subresources");
  if (!subresources) return Fail(subresources.error());
  for (size_t i = 0; i < subresources->size(); ++i) {
    if ((*subresources)[i] != "status" && (*subresources)[i] != "scale") {
      return Fail(
          doc.ErrorAt(fmt::format("/subresources/{}", i),
                      fmt::format("unknown subresource \"{}\": expected \"status\" or \"scale\"",
                                  (*subresources)[i])));
    }
  }
  auto verbs = strings("verbs");
  if (!verbs) return Fail(verbs.error());
  auto short_names = strings("shortNames");
  if (!short_names) return Fail(short_names.error());

  model::Kind kind;
  kind.name = *kind_name;
  kind.namespaced = *scope != "Cluster";
  kind.subresources = *subresources;
  kind.short_names = *short_names;
  kind.source_file = doc.file();
  kind.plural =
      plural->empty() ? PluralResourceName(kind.name, options_.plural_exceptions) : *plural;
  kind.accessor = PluralKindName(kind.name, options_.plural_exceptions);
  kind.singular = Lower(kind.name);
  bool has_status = kind.HasSubresource("status");
  if (root.contains("verbs")) {
    for (size_t i = 0; i < verbs->size(); ++i) {
      const auto& v = (*verbs)[i];
      const auto& all = model::AllVerbs();
      if (std::find(all.begin(), all.end(), v) == all.end()) {
        return Fail(
            doc.ErrorAt(fmt::format("/verbs/{}", i),
                        fmt::format("unknown verb \"{}\": expected one of {}", v, Join(all))));
      }
      if (v == "updateStatus" && !has_status) {
        return Fail(doc.ErrorAt(fmt::format("/verbs/{}", i),
                                "verb \"updateStatus\" needs \"status\" in \"subresources\""));
      }
      kind.verbs.insert(v);
    }
  } else {
    for (const auto& v : model::AllVerbs()) {
      if (v != "updateStatus" || has_status) kind.verbs.insert(v);
    }
  }

  auto schema = root.find("schema");
  if (schema == root.end())
    return Fail(doc.ErrorAt("", "missing \"schema\" (an OpenAPI v3 object schema)"));
  if (!schema->is_object() || (schema->contains("type") && Text(*schema, "type") != "object")) {
    return Fail(doc.ErrorAt("/schema",
                            "expected \"schema\" to be an object schema (\"type\": \"object\")"));
  }
  if (root.contains("definitions") && !root["definitions"].is_object()) {
    return Fail(
        doc.ErrorAt("/definitions", "expected \"definitions\" to be an object of named schemas"));
  }

  model::Group& g = out.groups[*group];
  std::string cpp_name = package->empty() ? GroupCppName(*group) : *package;
  if (!g.cpp_name.empty() && g.cpp_name != cpp_name) {
    return Fail(
        doc.ErrorAt(package->empty() ? "/group" : "/package",
                    fmt::format("group \"{}\" is already named \"{}\" in C++ by another schema",
                                *group, g.cpp_name)));
  }
  g.name = *group;
  g.cpp_name = cpp_name;
  model::Version& ver = g.versions[*version];
  ver.name = *version;
  for (const auto& k : ver.kinds) {
    if (k.name == kind.name) {
      return Fail(doc.ErrorAt("/kind", fmt::format("kind {} of {}/{} is already defined in {}",
                                                   kind.name, *group, *version, k.source_file)));
    }
    if (k.plural == kind.plural) {
      return Fail(doc.ErrorAt("/kind", fmt::format("kinds {} and {} have the same plural \"{}\"",
                                                   k.name, kind.name, kind.plural)));
    }
  }
  std::set<std::string> names;
  for (const auto& s : ver.structs) names.insert(s.name);
  SchemaConverter conv(doc, ver, names);
  std::vector<model::Field> leading = {
      {"apiVersion", "api_version", {model::Type::Kind::kString}, true, false, {}, "APIVersion"},
      {"kind", "kind", {model::Type::Kind::kString}, true, false, {}, "Kind"},
      {"metadata",
       "metadata",
       {model::Type::Kind::kObjectMeta},
       false,
       false,
       {},
       "Standard object metadata"}};
  if (auto ok = conv.Struct(*schema, "/schema", kind.name, std::move(leading),
                            {"apiVersion", "kind", "metadata"});
      !ok) {
    return ok;
  }
  if (!names.insert(kind.name + "List").second) {
    return Fail(
        doc.ErrorAt("/kind", fmt::format("type name \"{}List\" is already taken", kind.name)));
  }
  ver.kinds.push_back(std::move(kind));
  return {};
}

}  // namespace kube::gen
