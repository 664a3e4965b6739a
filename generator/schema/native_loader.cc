#include "schema/native_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "kube/scheme.h"
#include "model/naming.h"
#include "schema/api_names.h"
#include "schema/structural_schema.h"

namespace kube::gen {
namespace {

namespace fs = std::filesystem;
using OrderedJson = nlohmann::ordered_json;

constexpr std::string_view kTopLevelKeys[] = {
    "group", "version",    "kind",    "plural", "scope",       "subresources",
    "verbs", "shortNames", "package", "schema", "definitions", "description"};

std::string Join(const auto& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + std::string(i);
  return out;
}

bool IsObjectSchema(const OrderedJson& schema) {
  if (!schema.is_object()) return false;
  auto t = schema.find("type");
  return t == schema.end() || (t->is_string() && t->get<std::string>() == "object");
}

bool ValidKind(std::string_view k) {
  return !k.empty() && std::isupper(static_cast<unsigned char>(k[0])) &&
         std::all_of(k.begin(), k.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

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
  const OrderedJson& root = doc.value();
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
  if (!ValidGroup(*group)) {
    return Fail(
        doc.ErrorAt("/group", fmt::format("invalid group \"{}\": {}", *group, kGroupExpectation)));
  }
  auto version = str("version", true);
  if (!version) return Fail(version.error());
  if (!ValidVersion(*version)) {
    return Fail(doc.ErrorAt(
        "/version", fmt::format("invalid version \"{}\": {}", *version, kVersionExpectation)));
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
  if (!IsObjectSchema(*schema)) {
    return Fail(doc.ErrorAt("/schema",
                            "expected \"schema\" to be an object schema (\"type\": \"object\")"));
  }
  if (root.contains("definitions") && !root["definitions"].is_object()) {
    return Fail(
        doc.ErrorAt("/definitions", "expected \"definitions\" to be an object of named schemas"));
  }

  model::Group& g = out.groups[*group];
  const std::string* given = options_.GroupName(*group);
  std::string cpp_name = given ? *given : package->empty() ? GroupCppName(*group) : *package;
  if (!g.cpp_name.empty() && g.cpp_name != cpp_name) {
    return Fail(
        doc.ErrorAt(package->empty() ? "/group" : "/package",
                    fmt::format("group \"{}\" is already named \"{}\" in C++ by another schema",
                                *group, g.cpp_name)));
  }
  g.name = *group;
  g.cpp_name = cpp_name;
  if (g.source.empty()) g.source = doc.Where("/group");
  model::Version& ver = g.versions[*version];
  ver.name = *version;
  ver.source_files.insert(doc.file());
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
  if (auto ok = conv.Struct(*schema, "/schema", kind.name, ObjectLeadingFields(),
                            {"apiVersion", "kind", "metadata"}, kind.name);
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
