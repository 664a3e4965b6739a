#include "schema/openapi_loader.h"

#include <fmt/format.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "kube/scheme.h"
#include "model/field_labels.h"
#include "model/naming.h"
#include "schema/api_names.h"
#include "schema/structural_schema.h"

namespace kube::gen {
namespace {

using OrderedJson = nlohmann::ordered_json;
using model::Type;

struct GroupVersion {
  std::string group;
  std::string version;
  auto operator<=>(const GroupVersion&) const = default;
};

// What the paths say about one resource (group, version, plural).
struct Resource {
  std::string kind;
  std::string source;  // JSON pointer of the first path that named the kind
  bool namespaced = false;
  std::set<std::string> verbs;
  std::set<std::string> subresources;
};

std::string Package(const std::string& definition) {
  auto dot = definition.rfind('.');
  return dot == std::string::npos ? std::string() : definition.substr(0, dot);
}

std::string ShortName(const std::string& definition) {
  auto dot = definition.rfind('.');
  return dot == std::string::npos ? definition : definition.substr(dot + 1);
}

// The single group-version-kind an operation or a definition names, if any.
bool ReadGVK(const OrderedJson& node, std::string& group, std::string& version, std::string& kind) {
  auto it = node.find("x-kubernetes-group-version-kind");
  if (it == node.end()) return false;
  const OrderedJson* gvk = &*it;
  if (gvk->is_array()) {
    if (gvk->size() != 1) return false;
    gvk = &(*gvk)[0];
  }
  if (!gvk->is_object()) return false;
  auto str = [&](const char* key, std::string& out) {
    auto v = gvk->find(key);
    if (v == gvk->end() || !v->is_string()) return false;
    out = v->get<std::string>();
    return true;
  };
  return str("group", group) && str("version", version) && str("kind", kind);
}

class OpenAPILoader {
 public:
  OpenAPILoader(const LocatedJson& doc, const LoaderOptions& options, model::Model& out)
      : doc_(doc), options_(options), out_(out) {}

  Result<void> Run() {
    const OrderedJson& root = doc_.value();
    if (root.contains("swagger")) {
      defs_pointer_ = "/definitions";
      ref_prefix_ = "#/definitions/";
    } else {
      defs_pointer_ = "/components/schemas";
      ref_prefix_ = "#/components/schemas/";
    }
    const OrderedJson* defs = Find(root, defs_pointer_);
    if (!defs || !defs->is_object()) {
      return Fail(doc_.ErrorAt(defs_pointer_, fmt::format("expected \"{}\": an object of named "
                                                          "schemas",
                                                          defs_pointer_.substr(1))));
    }
    defs_ = defs;
    MapPackages();
    if (auto ok = ReadPaths(); !ok) return ok;
    // Kinds with resources, then every other kind of a served package (Scale, Eviction, ...).
    for (auto& [gvr, res] : resources_) {
      if (res.kind.empty()) continue;
      if (auto ok = AddKind(gvr.first, gvr.second, res); !ok) return ok;
    }
    for (auto it = defs_->begin(); it != defs_->end(); ++it) {
      std::string g, v, k;
      if (!package_gv_.count(Package(it.key())) || IsGeneratedList(it.key())) continue;
      if (!ReadGVK(it.value(), g, v, k)) continue;
      auto t = Definition(it.key(), defs_pointer_ + "/" + PointerToken(it.key()));
      if (!t) return Fail(t.error());
    }
    return {};
  }

 private:
  static const OrderedJson* Find(const OrderedJson& root, const std::string& pointer) {
    const OrderedJson* node = &root;
    size_t start = 1;
    while (start <= pointer.size()) {
      size_t slash = pointer.find('/', start);
      std::string token = pointer.substr(start, slash == std::string::npos ? slash : slash - start);
      if (!node->is_object()) return nullptr;
      auto it = node->find(token);
      if (it == node->end()) return nullptr;
      node = &*it;
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    return node;
  }

  // Packages that hold kinds are group versions; apimachinery's are the runtime's.
  void MapPackages() {
    for (auto it = defs_->begin(); it != defs_->end(); ++it) {
      std::string g, v, k;
      std::string package = Package(it.key());
      if (package.starts_with("io.k8s.apimachinery.")) continue;
      if (ReadGVK(it.value(), g, v, k)) package_gv_.emplace(package, GroupVersion{g, v});
    }
  }

  // Paths: /api/v1/[namespaces/{namespace}/]<plural>[/{name}[/<subresource>]], /apis/<g>/<v>/...,
  // with a watch/ segment before the plural for the old watch endpoints.
  Result<void> ReadPaths() {
    auto paths = doc_.value().find("paths");
    if (paths == doc_.value().end()) return {};
    if (!paths->is_object()) return Fail(doc_.ErrorAt("/paths", "expected an object of paths"));
    for (auto it = paths->begin(); it != paths->end(); ++it) {
      std::vector<std::string> segs;
      for (size_t start = 1; start <= it.key().size();) {
        size_t slash = it.key().find('/', start);
        segs.push_back(it.key().substr(start, slash == std::string::npos ? slash : slash - start));
        if (slash == std::string::npos) break;
        start = slash + 1;
      }
      GroupVersion gv;
      size_t i = 0;
      if (segs.size() >= 2 && segs[0] == "api") {
        gv = {"", segs[1]};
        i = 2;
      } else if (segs.size() >= 3 && segs[0] == "apis") {
        gv = {segs[1], segs[2]};
        i = 3;
      } else {
        continue;
      }
      bool watch = false;
      if (i < segs.size() && segs[i] == "watch") {
        watch = true;
        ++i;
      }
      bool namespaced = false;
      if (i + 2 < segs.size() && segs[i] == "namespaces" && segs[i + 1] == "{namespace}") {
        namespaced = true;
        i += 2;
      }
      if (i >= segs.size()) continue;
      std::string plural = segs[i];
      bool named = i + 1 < segs.size() && segs[i + 1] == "{name}";
      std::string sub = named && i + 2 < segs.size() ? segs[i + 2] : "";
      if (i + (named ? 2 : 1) + (sub.empty() ? 0 : 1) != segs.size()) continue;
      if (!it.value().is_object()) continue;
      std::string pointer = "/paths/" + PointerToken(it.key());
      for (auto op = it.value().begin(); op != it.value().end(); ++op) {
        if (!op.value().is_object()) continue;
        auto action_it = op.value().find("x-kubernetes-action");
        if (action_it == op.value().end() || !action_it->is_string()) continue;
        std::string action = action_it->get<std::string>();
        std::string g, v, k;
        if (!ReadGVK(op.value(), g, v, k)) continue;
        Resource& res = resources_[{gv.group + "/" + gv.version, plural}];
        if (namespaced) res.namespaced = true;
        if (!sub.empty()) {
          if (sub == "status" && action == "put") {
            res.subresources.insert("status");
            res.verbs.insert("updateStatus");
          } else if (sub == "status") {
            res.subresources.insert("status");
          } else if (sub == "scale" && (action == "get" || action == "put")) {
            res.subresources.insert("scale");
          }
          continue;
        }
        if (res.kind.empty()) {
          res.kind = k;
          res.source = pointer;
        }
        if (watch || action == "watch" || action == "watchlist") {
          res.verbs.insert("watch");
        } else if (action == "get") {
          res.verbs.insert(named ? "get" : "list");
        } else if (action == "list") {
          res.verbs.insert("list");
        } else if (action == "post") {
          res.verbs.insert("create");
        } else if (action == "put") {
          res.verbs.insert("update");
        } else if (action == "patch") {
          res.verbs.insert("patch");
        } else if (action == "delete") {
          res.verbs.insert("delete");
        } else if (action == "deletecollection") {
          res.verbs.insert("deleteCollection");
        }
      }
    }
    return {};
  }

  // The definition of a kind: the one whose x-kubernetes-group-version-kind names it.
  std::string DefinitionOf(const std::string& group, const std::string& version,
                           const std::string& kind) {
    if (gvk_index_.empty()) {
      for (auto it = defs_->begin(); it != defs_->end(); ++it) {
        std::string g, v, k;
        if (ReadGVK(it.value(), g, v, k)) gvk_index_.emplace(g + "/" + v + "/" + k, it.key());
      }
    }
    auto it = gvk_index_.find(group + "/" + version + "/" + kind);
    return it == gvk_index_.end() ? std::string() : it->second;
  }

  // A `<Kind>List` definition of a kind whose resource the generator gives a List type itself.
  bool IsGeneratedList(const std::string& definition) const {
    std::string name = ShortName(definition);
    if (!name.ends_with("List")) return false;
    auto gv = package_gv_.find(Package(definition));
    if (gv == package_gv_.end()) return false;
    auto g = out_.groups.find(gv->second.group);
    if (g == out_.groups.end()) return false;
    auto v = g->second.versions.find(gv->second.version);
    if (v == g->second.versions.end()) return false;
    std::string kind = name.substr(0, name.size() - 4);
    for (const auto& k : v->second.kinds) {
      if (k.name == kind) return true;
    }
    return false;
  }

  Result<void> AddKind(const std::string& group_version, const std::string& plural,
                       const Resource& res) {
    auto slash = group_version.find('/');
    std::string group = group_version.substr(0, slash);
    std::string version = group_version.substr(slash + 1);
    std::string def = DefinitionOf(group, version, res.kind);
    if (def.empty()) {
      return Fail(doc_.ErrorAt(res.source, fmt::format("kind {} of {} has no definition with a "
                                                       "matching x-kubernetes-group-version-kind",
                                                       res.kind, group_version)));
    }
    auto g = GroupFor(group, version, defs_pointer_ + "/" + PointerToken(def));
    if (!g) return Fail(g.error());
    model::Version& v = (*g)->versions[version];
    v.name = version;
    v.source_files.insert(doc_.file());
    for (const auto& k : v.kinds) {
      if (k.name == res.kind || k.plural == plural) return {};  // another document said it
    }
    model::Kind kind;
    kind.name = res.kind;
    kind.plural = plural;
    kind.accessor = PluralKindName(kind.name, options_.plural_exceptions);
    kind.singular = Lower(kind.name);
    kind.namespaced = res.namespaced;
    kind.verbs = res.verbs;
    kind.subresources.assign(res.subresources.begin(), res.subresources.end());
    model::AddBuiltinFieldLabels(group, version, kind);
    kind.source_file = doc_.file();
    v.kinds.push_back(std::move(kind));
    auto t = Definition(def, defs_pointer_ + "/" + PointerToken(def));
    if (!t) return Fail(t.error());
    return {};
  }

  // The model's group, once its name and the version's are ones an API server serves (a group
  // and a version become namespaces, directories and URL paths); the definition at `at` names
  // them.
  Result<model::Group*> GroupFor(const std::string& group, const std::string& version,
                                 const std::string& at) {
    const std::string gvk_at = at + "/x-kubernetes-group-version-kind";
    if (!ValidGroup(group)) {
      return Fail(
          doc_.ErrorAt(gvk_at, fmt::format("invalid group \"{}\": {}", group, kGroupExpectation)));
    }
    if (!ValidVersion(version)) {
      return Fail(doc_.ErrorAt(
          gvk_at, fmt::format("invalid version \"{}\": {}", version, kVersionExpectation)));
    }
    model::Group& g = out_.groups[group];
    g.name = group;
    if (g.source.empty()) g.source = doc_.file();
    if (g.cpp_name.empty()) {
      const std::string* given = options_.GroupName(group);
      g.cpp_name = given ? *given : GroupCppName(group);
    }
    return &g;
  }

  // Converts a definition (once) into its group version and returns the type that names it.
  Result<Type> Definition(const std::string& name, const std::string& pointer) {
    if (auto it = out_.definitions.find(name); it != out_.definitions.end()) return it->second;
    std::string package = Package(name);
    std::string short_name = ShortName(name);
    auto gv = package_gv_.find(package);
    if (package.starts_with("io.k8s.apimachinery.") || gv == package_gv_.end()) {
      // Runtime types; anything else without a group version of its own is kept verbatim.
      auto rt = RuntimeTypes().find(short_name);
      return Type{rt != RuntimeTypes().end() ? rt->second : Type::Kind::kRawJSON};
    }
    auto def_it = defs_->find(name);
    if (def_it == defs_->end()) {
      return Fail(doc_.ErrorAt(pointer, fmt::format("$ref to \"{}\", which is not defined", name)));
    }
    const OrderedJson& def = *def_it;
    std::string def_pointer = defs_pointer_ + "/" + PointerToken(name);
    Type named{Type::Kind::kStruct};
    named.struct_name = TypeName(short_name);
    named.struct_group = gv->second.group;
    named.struct_version = gv->second.version;
    if (converting_.count(name)) return named;  // held by itself through a list, map or pointer
    bool typeless = def.is_object() && !def.contains("type") && !def.contains("properties") &&
                    !def.contains("$ref") && !def.contains("allOf");
    if (typeless) return Type{Type::Kind::kRawJSON};  // apiextensions' JSON: any value
    auto g = GroupFor(gv->second.group, gv->second.version, def_pointer);
    if (!g) return Fail(g.error());
    model::Version& v = (*g)->versions[gv->second.version];
    v.name = gv->second.version;
    v.source_files.insert(doc_.file());
    std::string key = gv->second.group + "/" + gv->second.version;
    if (!names_.count(key)) {
      for (const auto& s : v.structs) names_[key].insert(s.name);
    }
    SchemaConverter conv(
        doc_, v, names_[key],
        [this](SchemaConverter&, const std::string& target, const std::string& at) -> Result<Type> {
          if (!target.starts_with(ref_prefix_)) {
            return Fail(
                doc_.ErrorAt(at, fmt::format("unsupported $ref \"{}\": expected \"{}<Name>\"",
                                             target, ref_prefix_)));
          }
          return Definition(target.substr(ref_prefix_.size()), at);
        });
    converting_.insert(name);
    Result<Type> result = Type{Type::Kind::kRawJSON};
    bool object =
        def.is_object() && (def.contains("properties") || def.value("type", "") == "object");
    std::string g_, v_, k_;
    auto props = def.find("properties");
    bool is_kind = object && ReadGVK(def, g_, v_, k_) && props != def.end() && props->is_object() &&
                   props->contains("apiVersion") && props->contains("kind") &&
                   props->contains("metadata");
    if (object && props != def.end() && props->is_object() && !props->empty()) {
      auto ok = is_kind ? conv.Struct(def, def_pointer, named.struct_name, ObjectLeadingFields(),
                                      {"apiVersion", "kind", "metadata"}, k_)
                        : conv.Struct(def, def_pointer, named.struct_name, {}, {});
      if (ok) {
        result = named;
      } else {
        result = Fail(ok.error());
      }
    } else {
      result = conv.Convert(def, def_pointer, named.struct_name);
    }
    converting_.erase(name);
    if (result) out_.definitions[name] = *result;
    return result;
  }

  const LocatedJson& doc_;
  const LoaderOptions& options_;
  model::Model& out_;
  const OrderedJson* defs_ = nullptr;
  std::string defs_pointer_;
  std::string ref_prefix_;
  std::map<std::string, GroupVersion> package_gv_;
  std::map<std::pair<std::string, std::string>, Resource> resources_;  // (group/version, plural)
  std::map<std::string, std::string> gvk_index_;
  std::map<std::string, std::set<std::string>> names_;  // struct names taken, by group/version
  std::set<std::string> converting_;
};

}  // namespace

Result<void> LoadOpenAPI(const LocatedJson& doc, const LoaderOptions& options, model::Model& out) {
  if (!doc.value().is_object()) return Fail(doc.ErrorAt("", "expected an OpenAPI document"));
  return OpenAPILoader(doc, options, out).Run();
}

}  // namespace kube::gen
